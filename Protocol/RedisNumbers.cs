using System.Buffers.Text;
using System.Globalization;

namespace EventLoopKv.Protocol;

/// <summary>
/// Number parsing and printing with Redis's exact rules, because clients see the difference:
/// "01" and "+1" are not integers (string2ll), " 1" is not a float (string2d), doubles print as
/// C's %.17g and INCRBYFLOAT results as %.17Lf with trailing zeros removed.
/// </summary>
public static class RedisNumbers
{
    /// <summary>
    /// Redis string2d: what strtod takes (exponents, hex, "inf"), but not NaN, not an empty
    /// string, not leading space and not a number out of range. One implementation: <see cref="Strtod"/>.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value) => Strtod.TryParseStrict(text, out value);

    /// <summary>C's <c>%.17g</c>, as Redis 7.0 prints doubles (ZSCORE, RESP3 doubles); "inf", "-inf", "nan".</summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        if (double.IsPositiveInfinity(value)) return Copy("inf"u8, destination);
        if (double.IsNegativeInfinity(value)) return Copy("-inf"u8, destination);
        if (double.IsNaN(value)) return Copy("nan"u8, destination);
        value.TryFormat(destination, out var written, "G17", CultureInfo.InvariantCulture);
        for (var i = 0; i < written; i++)
            if (destination[i] == 'E') destination[i] = (byte)'e';
        return written;
    }

    public static string FormatDouble(double value)
    {
        Span<byte> buffer = stackalloc byte[32];
        return System.Text.Encoding.ASCII.GetString(buffer[..FormatDouble(value, buffer)]);
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>Digits of a long, for building values (INCR results, CONFIG values).</summary>
    public static int FormatInt64(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }
}
