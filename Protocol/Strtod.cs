using System.Globalization;

namespace EventLoopKv.Protocol;

/// <summary>
/// C's <c>strtod</c> as glibc implements it in the C locale, because Redis parses every score,
/// range bound and weight with it and clients see its quirks: leading white space is skipped,
/// "inf", "infinity" and hexadecimal floats ("0x10", "0x1p-3") are numbers, "nan" parses (and
/// Redis then refuses it), a number that overflows becomes infinity and one that underflows
/// becomes 0 or a subnormal, both flagged as range errors (errno = ERANGE).
/// </summary>
public static class Strtod
{
    /// <summary>
    /// Parses the longest prefix of <paramref name="text"/> that strtod accepts. <paramref name="consumed"/>
    /// is where strtod's end pointer stops (0 when nothing converts, and then the value is 0).
    /// </summary>
    public static double Parse(ReadOnlySpan<byte> text, out int consumed, out bool rangeError)
    {
        consumed = 0;
        rangeError = false;
        var i = 0;
        while (i < text.Length && IsSpace(text[i])) i++;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }
        var rest = text[i..];
        double magnitude;
        int used;
        if (StartsWithIgnoreCase(rest, "inf"u8))
        {
            used = StartsWithIgnoreCase(rest, "infinity"u8) ? 8 : 3;
            magnitude = double.PositiveInfinity;
        }
        else if (StartsWithIgnoreCase(rest, "nan"u8))
        {
            used = 3;
            // "nan(n-char-sequence)" is consumed whole when the parenthesis closes.
            if (used < rest.Length && rest[used] == '(')
            {
                var j = used + 1;
                while (j < rest.Length && (IsAsciiLetterOrDigit(rest[j]) || rest[j] == '_')) j++;
                if (j < rest.Length && rest[j] == ')') used = j + 1;
            }
            magnitude = double.NaN;
        }
        else if (rest.Length >= 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x' && HasHexMantissa(rest[2..]))
        {
            magnitude = ParseHex(rest[2..], out used, out rangeError);
            used += 2;
        }
        else
        {
            magnitude = ParseDecimal(rest, out used, out rangeError);
            if (used == 0) return 0;
        }
        consumed = i + used;
        return negative ? -magnitude : magnitude;
    }

    /// <summary>
    /// Redis string2d / getDoubleFromObject: the whole text must convert, with no leading space,
    /// no overflow to infinity, no underflow to zero and not NaN ("ERR value is not a valid float").
    /// </summary>
    public static bool TryParseStrict(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.Length == 0 || IsSpace(text[0])) return false;
        var parsed = Parse(text, out var consumed, out var rangeError);
        if (consumed != text.Length || double.IsNaN(parsed)) return false;
        if (rangeError && (double.IsInfinity(parsed) || parsed == 0)) return false;
        value = parsed;
        return true;
    }

    /// <summary>
    /// strtod followed by Redis's "*eptr == '\0' and not NaN" check, as zslParseRange uses it:
    /// leading space, an empty string (0) and range errors are all accepted.
    /// </summary>
    public static bool TryParseLenient(ReadOnlySpan<byte> text, out double value)
    {
        value = Parse(text, out var consumed, out _);
        // The C string ends at the first NUL: an embedded NUL ends the number as the end would.
        return (consumed == text.Length || text[consumed] == 0) && !double.IsNaN(value);
    }

    private static double ParseDecimal(ReadOnlySpan<byte> text, out int used, out bool rangeError)
    {
        rangeError = false;
        used = 0;
        var i = 0;
        var digits = 0;
        var nonZero = false;
        while (i < text.Length && IsDigit(text[i])) { nonZero |= text[i] != '0'; i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i])) { nonZero |= text[i] != '0'; i++; digits++; }
        }
        if (digits == 0) return 0;
        var mantissaEnd = i;
        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is (byte)'+' or (byte)'-') j++;
            if (j < text.Length && IsDigit(text[j]))
            {
                while (j < text.Length && IsDigit(text[j])) j++;
                i = j;
            }
        }
        used = i;
        // .NET's parser is correctly rounded (IEEE 754) like glibc's, and gives ±infinity on
        // overflow and 0 on underflow, which strtod reports as ERANGE.
        Span<char> chars = i <= 512 ? stackalloc char[i] : new char[i];
        for (var k = 0; k < i; k++) chars[k] = (char)text[k];
        if (!double.TryParse(chars, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            value = mantissaEnd < i && text[mantissaEnd + 1] == '-' ? 0 : double.PositiveInfinity;
        if (double.IsInfinity(value) || (value == 0 && nonZero) || (value != 0 && double.IsSubnormal(value))) rangeError = true;
        return value;
    }

    private static bool HasHexMantissa(ReadOnlySpan<byte> text) =>
        text.Length > 0 && (IsHexDigit(text[0]) || (text[0] == '.' && text.Length > 1 && IsHexDigit(text[1])));

    /// <summary>Hex digits, an optional '.', more hex digits, then an optional binary exponent "p[+-]digits".</summary>
    private static double ParseHex(ReadOnlySpan<byte> text, out int used, out bool rangeError)
    {
        ulong mantissa = 0;
        var exponent = 0L;
        var sticky = false;
        var i = 0;
        var seenDot = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && !seenDot) { seenDot = true; continue; }
            if (!IsHexDigit(c)) break;
            var digit = (ulong)HexValue(c);
            if (mantissa >> 60 == 0)
            {
                mantissa = (mantissa << 4) | digit;
                if (seenDot) exponent -= 4;
            }
            else
            {
                // Beyond 64 bits of mantissa only whether anything is non-zero matters (rounding).
                sticky |= digit != 0;
                if (!seenDot) exponent += 4;
            }
        }
        if (i < text.Length && (text[i] | 0x20) == 'p')
        {
            var j = i + 1;
            var expNegative = false;
            if (j < text.Length && text[j] is (byte)'+' or (byte)'-') { expNegative = text[j] == '-'; j++; }
            if (j < text.Length && IsDigit(text[j]))
            {
                long e = 0;
                while (j < text.Length && IsDigit(text[j]))
                {
                    if (e < 100000) e = e * 10 + (text[j] - '0');
                    j++;
                }
                exponent += expNegative ? -e : e;
                i = j;
            }
        }
        used = i;
        if (sticky) mantissa |= 1;
        var value = mantissa == 0 ? 0 : Math.ScaleB((double)mantissa, (int)Math.Clamp(exponent, -5000, 5000));
        rangeError = double.IsInfinity(value) || (value == 0 && mantissa != 0) || (value != 0 && double.IsSubnormal(value));
        return value;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsHexDigit(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;

    private static int HexValue(byte c) => IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool IsAsciiLetterOrDigit(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 25;
}
