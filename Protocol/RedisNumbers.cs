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
    /// <summary>Redis string2ll: optional '-', no '+', no leading zeros, no spaces, fits in a long.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 20) return false;
        if (text.Length == 1 && text[0] == '0') return true;
        var negative = text[0] == '-';
        var i = negative ? 1 : 0;
        if (i >= text.Length || text[i] < '1' || text[i] > '9') return false;
        ulong magnitude = 0;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9) return false;
            if (magnitude > (ulong.MaxValue - digit) / 10) return false;
            magnitude = magnitude * 10 + digit;
        }
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1) return false;
            value = (long)(0 - magnitude);
        }
        else
        {
            if (magnitude > long.MaxValue) return false;
            value = (long)magnitude;
        }
        return true;
    }

    /// <summary>
    /// Redis string2d: what strtod takes (exponents, "inf", "-inf"), but not NaN, not an empty
    /// string and not leading or trailing space.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 5 * 1024 || IsSpace(text[0]) || IsSpace(text[^1])) return false;
        if (TryParseInfinity(text, out value)) return true;
        Span<char> chars = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Only what strtod understands: digits, sign, '.', exponent. Keeps out "1_000", "∞", "NaN".
            if (!(c is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E')) return false;
            chars[i] = (char)c;
        }
        return double.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    private static bool TryParseInfinity(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var sign = 1.0;
        if (text[0] is (byte)'-' or (byte)'+')
        {
            if (text[0] == '-') sign = -1;
            text = text[1..];
        }
        if (System.Text.Ascii.EqualsIgnoreCase(text, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "infinity"u8))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }
        return false;
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

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
