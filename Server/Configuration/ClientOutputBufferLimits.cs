namespace EventLoopKv.Server.Configuration;

/// <summary>
/// client-output-buffer-limit: a hard limit, a soft limit and the seconds the soft one may be
/// exceeded, for each of Redis's client classes. A value names one or more classes
/// (<c>normal 0 0 0 pubsub 32mb 8mb 60</c>); the classes it leaves out keep their limits, so
/// several config-file lines accumulate as in Redis, and CONFIG GET prints all three classes in
/// bytes. EventLoopKv has no replicas and no pub/sub, so only the normal class could apply, and
/// no limit is enforced (<see cref="UnsupportedSettings"/> says so when one is set).
/// </summary>
public sealed class ClientOutputBufferLimits
{
    /// <summary>Redis's names, in its order; "replica" is read as "slave", "master" is refused.</summary>
    private static readonly string[] ClassNames = ["normal", "slave", "pubsub"];

    private readonly (long Hard, long Soft, long Seconds)[] _limits =
    [
        (0, 0, 0),
        (256L * 1024 * 1024, 64L * 1024 * 1024, 60),
        (32L * 1024 * 1024, 8L * 1024 * 1024, 60),
    ];

    public (long Hard, long Soft, long Seconds) Normal => _limits[0];

    public override string ToString() =>
        string.Join(' ', ClassNames.Select((name, i) => $"{name} {_limits[i].Hard} {_limits[i].Soft} {_limits[i].Seconds}"));

    /// <summary>Applies every class named in <paramref name="value"/>, or none of them; returns Redis's reason on error.</summary>
    public string? Set(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length % 4 != 0) return "Wrong number of arguments in buffer limit configuration.";
        var updates = new List<(int Class, (long, long, long) Limits)>();
        for (var i = 0; i < words.Length; i += 4)
        {
            var index = words[i].ToLowerInvariant() switch
            {
                "normal" => 0,
                "slave" or "replica" => 1,
                "pubsub" => 2,
                _ => -1,
            };
            if (index < 0) return "Invalid client class specified in buffer limit configuration.";
            if (!ConfigParameter.TryParseMemory(words[i + 1], out var hard) || !ConfigParameter.TryParseMemory(words[i + 2], out var soft)
                || !long.TryParse(words[i + 3], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                return "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
            updates.Add((index, (hard, soft, seconds)));
        }
        foreach (var (index, limits) in updates) _limits[index] = limits;
        return null;
    }
}
