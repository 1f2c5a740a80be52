using System.Numerics;

namespace EventLoopKv.Protocol;

/// <summary>
/// The x87 80-bit long double that Redis's INCRBYFLOAT computes in (a 64-bit mantissa and a
/// 15-bit exponent), emulated exactly with big integers so that results and their printing
/// (%.17Lf, trailing zeros trimmed) match redis-server digit for digit: 1.1 + 2.2 prints "3.3",
/// and 1e308 + 1e308 is a 309-digit number, not infinity. Subnormals are flushed to zero.
/// </summary>
public readonly struct LongDouble
{
    private const int MantissaBits = 64;
    /// <summary>Values at or above 2^16384 overflow to infinity.</summary>
    private const int MaxBinaryExponent = 16384;

    private readonly BigInteger _mantissa; // signed, |m| < 2^64
    private readonly int _exponent;        // value = m * 2^e

    private LongDouble(BigInteger mantissa, int exponent)
    {
        _mantissa = mantissa;
        _exponent = exponent;
    }

    public bool IsInfinity => _exponent == int.MaxValue;

    private static readonly LongDouble Infinity = new(BigInteger.One, int.MaxValue);

    /// <summary>
    /// strtold's reading of a decimal number (sign, digits, '.', exponent) as Redis's string2ld
    /// uses it: no spaces, no empty string; "inf" parses (to infinity), "nan" does not.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out LongDouble value)
    {
        value = default;
        if (text.Length == 0 || text.Length > 5 * 1024) return false;
        var i = 0;
        var negative = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == '-';
            i = 1;
        }
        var rest = text[i..];
        if (System.Text.Ascii.EqualsIgnoreCase(rest, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(rest, "infinity"u8))
        {
            value = Infinity;
            return true;
        }
        BigInteger digits = 0;
        var digitCount = 0;
        var scale = 0;
        var seenDot = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= '0' && c <= '9')
            {
                digits = digits * 10 + (c - '0');
                digitCount++;
                if (seenDot) scale--;
            }
            else if (c == '.' && !seenDot) seenDot = true;
            else break;
        }
        if (digitCount == 0) return false;
        if (i < text.Length)
        {
            if (text[i] is not ((byte)'e' or (byte)'E')) return false;
            i++;
            var expNegative = false;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                expNegative = text[i] == '-';
                i++;
            }
            if (i >= text.Length) return false;
            var exp = 0;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c < '0' || c > '9') return false;
                if (exp < 100000) exp = exp * 10 + (c - '0');
            }
            scale += expNegative ? -exp : exp;
        }
        if (negative) digits = -digits;
        value = FromRational(digits, scale);
        // strtold's ERANGE: a finite number too large, or a non-zero one too small, is refused.
        return !value.IsInfinity && (digits.IsZero || !value._mantissa.IsZero);
    }

    /// <summary>digits * 10^scale, rounded to nearest-even at 64 mantissa bits.</summary>
    private static LongDouble FromRational(BigInteger digits, int scale)
    {
        if (digits.IsZero) return new LongDouble(0, 0);
        if (scale > 5000) return Infinity;
        if (scale < -5000) return new LongDouble(0, 0);
        var numerator = BigInteger.Abs(digits) * (scale > 0 ? BigInteger.Pow(10, scale) : 1);
        var denominator = scale < 0 ? BigInteger.Pow(10, -scale) : BigInteger.One;
        var e = (int)(numerator.GetBitLength() - denominator.GetBitLength()) - MantissaBits;
        while (true)
        {
            var num = e < 0 ? numerator << -e : numerator;
            var den = e > 0 ? denominator << e : denominator;
            var q = BigInteger.DivRem(num, den, out var r);
            if (q.GetBitLength() > MantissaBits) { e++; continue; }
            if (q.GetBitLength() < MantissaBits) { e--; continue; }
            var twice = r * 2;
            if (twice > den || (twice == den && !q.IsEven)) q++;
            return Normalize(digits.Sign < 0 ? -q : q, e);
        }
    }

    private static LongDouble Normalize(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero) return new LongDouble(0, 0);
        var magnitude = BigInteger.Abs(mantissa);
        var extra = (int)magnitude.GetBitLength() - MantissaBits;
        if (extra > 0)
        {
            var dropped = magnitude & ((BigInteger.One << extra) - 1);
            magnitude >>= extra;
            exponent += extra;
            var half = BigInteger.One << (extra - 1);
            if (dropped > half || (dropped == half && !magnitude.IsEven)) magnitude++;
            if (magnitude.GetBitLength() > MantissaBits)
            {
                magnitude >>= 1;
                exponent++;
            }
        }
        if (exponent + MantissaBits > MaxBinaryExponent) return Infinity;
        return new LongDouble(mantissa.Sign < 0 ? -magnitude : magnitude, exponent);
    }

    public static LongDouble operator +(LongDouble a, LongDouble b)
    {
        if (a.IsInfinity || b.IsInfinity) return Infinity;
        if (a._mantissa.IsZero) return b;
        if (b._mantissa.IsZero) return a;
        var e = Math.Min(a._exponent, b._exponent);
        var sum = (a._mantissa << (a._exponent - e)) + (b._mantissa << (b._exponent - e));
        return Normalize(sum, e);
    }

    /// <summary>%.17Lf with trailing zeros (and a bare '.') removed, "-0" as "0": Redis's LD_STR_HUMAN.</summary>
    public string ToHumanString()
    {
        if (_mantissa.IsZero) return "0";
        var magnitude = BigInteger.Abs(_mantissa);
        BigInteger scaled; // value * 10^17, rounded half-even
        if (_exponent >= 0) scaled = (magnitude << _exponent) * BigInteger.Pow(10, 17);
        else
        {
            var num = magnitude * BigInteger.Pow(10, 17);
            scaled = BigInteger.DivRem(num, BigInteger.One << -_exponent, out var r);
            var twice = r * 2;
            var den = BigInteger.One << -_exponent;
            if (twice > den || (twice == den && !scaled.IsEven)) scaled++;
        }
        var text = scaled.ToString().PadLeft(18, '0');
        var integer = text[..^17];
        var fraction = text[^17..].TrimEnd('0');
        var result = fraction.Length == 0 ? integer : integer + "." + fraction;
        if (result == "0") return "0";
        return _mantissa.Sign < 0 ? "-" + result : result;
    }
}
