namespace EventLoopKv.Server.Configuration;

/// <summary>
/// One setting, known by its redis.conf name, with one parser shared by the command line, the
/// config file and CONFIG SET, so a value is validated the same way wherever it comes from.
/// </summary>
internal sealed class ConfigParameter(string name, Func<string> get, Func<string, string?> set, bool mutable = true, string? alias = null)
{
    public string Name { get; } = name;
    /// <summary>An older name still accepted (Redis keeps e.g. hash-max-ziplist-entries).</summary>
    public string? Alias { get; } = alias;
    public bool Mutable { get; } = mutable;

    public string Get() => get();

    /// <summary>Applies a value; returns null, or Redis's reason why it was refused.</summary>
    public string? Set(string value) => set(value);

    public static string? ParseInt(string value, long min, long max, Action<int> apply) =>
        ParseInt64(value, min, max, n => apply((int)n));

    /// <summary>Redis's integer settings (long long, size_t): a plain decimal within [min, max].</summary>
    public static string? ParseInt64(string value, long min, long max, Action<long> apply)
    {
        if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return "argument couldn't be parsed into an integer";
        if (n < min || n > max) return $"argument must be between {min} and {max} inclusive";
        apply(n);
        return null;
    }

    /// <summary>Redis memtoull: a number with an optional b, k, kb, m, mb, g or gb suffix.</summary>
    public static string? ParseMemory(string value, long min, Action<long> apply)
    {
        if (!TryParseMemory(value, out var n)) return "argument must be a memory value";
        if (n < min) return $"argument must be between {min} and {long.MaxValue} inclusive";
        apply(n);
        return null;
    }

    public static bool TryParseMemory(string value, out long bytes)
    {
        var text = value.ToLowerInvariant();
        long unit = 1;
        foreach (var (suffix, factor) in new (string, long)[] { ("kb", 1024), ("mb", 1024 * 1024), ("gb", 1024L * 1024 * 1024), ("k", 1000), ("m", 1000_000), ("g", 1000_000_000), ("b", 1) })
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            unit = factor;
            text = text[..^suffix.Length];
            break;
        }
        bytes = 0;
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > long.MaxValue / unit)
            return false;
        bytes = n * unit;
        return true;
    }

    public static string? ParseYesNo(string value, Action<bool> apply)
    {
        switch (value.ToLowerInvariant())
        {
            case "yes": apply(true); return null;
            case "no": apply(false); return null;
            default: return "argument must be 'yes' or 'no'";
        }
    }

    public static string? ParseEnum(string value, string[] allowed, Action<string> apply)
    {
        var lower = value.ToLowerInvariant();
        if (!allowed.Contains(lower)) return $"argument(s) must be one of the following: {string.Join(", ", allowed)}";
        apply(lower);
        return null;
    }
}
