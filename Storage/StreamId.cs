using System.Buffers.Text;

namespace EventLoopKv.Storage;

/// <summary>
/// A stream entry ID, <c>ms-seq</c>: two unsigned 64-bit numbers compared as one 128-bit number
/// (Redis streamID). Parsing follows Redis's streamGenericParseIDOrReply byte for byte, quirks
/// included, because clients see the difference between "valid" and "Invalid stream ID".
/// </summary>
public readonly record struct StreamId(ulong Ms, ulong Seq) : IComparable<StreamId>
{
    public static readonly StreamId Zero = new(0, 0);
    public static readonly StreamId Max = new(ulong.MaxValue, ulong.MaxValue);

    /// <summary>"18446744073709551615-18446744073709551615".</summary>
    public const int MaxTextLength = 41;

    public bool IsZero => Ms == 0 && Seq == 0;

    public int CompareTo(StreamId other) =>
        Ms != other.Ms ? (Ms < other.Ms ? -1 : 1) : Seq != other.Seq ? (Seq < other.Seq ? -1 : 1) : 0;

    public static bool operator <(StreamId a, StreamId b) => a.CompareTo(b) < 0;
    public static bool operator >(StreamId a, StreamId b) => a.CompareTo(b) > 0;
    public static bool operator <=(StreamId a, StreamId b) => a.CompareTo(b) <= 0;
    public static bool operator >=(StreamId a, StreamId b) => a.CompareTo(b) >= 0;

    /// <summary>Redis streamIncrID: the successor; false (and 0-0) past the last possible ID.</summary>
    public bool TryIncrement(out StreamId next)
    {
        if (Seq != ulong.MaxValue) { next = new(Ms, Seq + 1); return true; }
        if (Ms != ulong.MaxValue) { next = new(Ms + 1, 0); return true; }
        next = Zero;
        return false;
    }

    /// <summary>Redis streamDecrID: the predecessor; false before 0-0.</summary>
    public bool TryDecrement(out StreamId previous)
    {
        if (Seq != 0) { previous = new(Ms, Seq - 1); return true; }
        if (Ms != 0) { previous = new(Ms - 1, ulong.MaxValue); return true; }
        previous = Max;
        return false;
    }

    /// <summary>Writes <c>ms-seq</c>; returns the byte count (at most <see cref="MaxTextLength"/>).</summary>
    public int Format(Span<byte> destination)
    {
        Utf8Formatter.TryFormat(Ms, destination, out var n);
        destination[n++] = (byte)'-';
        Utf8Formatter.TryFormat(Seq, destination[n..], out var m);
        return n + m;
    }

    public byte[] ToBytes()
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        return text[..Format(text)].ToArray();
    }

    public override string ToString() => $"{Ms}-{Seq}";

    /// <summary>
    /// Redis streamGenericParseIDOrReply. <paramref name="strict"/> rejects "-" and "+";
    /// <paramref name="missingSeq"/> fills a bare <c>ms</c>; when <paramref name="allowAutoSeq"/>
    /// is set, <c>ms-*</c> is accepted and <paramref name="seqGiven"/> comes back false.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, bool strict, out StreamId id) =>
        TryParse(text, missingSeq, strict, allowAutoSeq: false, out id, out _);

    public static bool TryParse(ReadOnlySpan<byte> text, ulong missingSeq, bool strict, bool allowAutoSeq, out StreamId id, out bool seqGiven)
    {
        id = Zero;
        seqGiven = true;
        // Redis copies into a 128-byte C buffer: longer is invalid, and a NUL ends the string.
        if (text.Length > 127) return false;
        var nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        if (text.Length == 1 && (text[0] == '-' || text[0] == '+'))
        {
            if (strict) return false;
            id = text[0] == '-' ? Zero : Max;
            return true;
        }
        var dash = text.IndexOf((byte)'-');
        var msText = dash >= 0 ? text[..dash] : text;
        if (!TryParseUnsigned(msText, out var ms)) return false;
        ulong seq;
        if (dash < 0) seq = missingSeq;
        else
        {
            var seqText = text[(dash + 1)..];
            if (allowAutoSeq && seqText.Length == 1 && seqText[0] == '*')
            {
                seq = 0;
                seqGiven = false;
            }
            else if (!TryParseUnsigned(seqText, out seq)) return false;
        }
        id = new StreamId(ms, seq);
        return true;
    }

    /// <summary>
    /// Redis string2ull: string2ll's strict form when it fits a signed 64-bit number (negative
    /// rejected), otherwise C's strtoull, which also takes leading spaces, a sign, leading zeros
    /// and negates "-N" modulo 2^64 (so "-01" parses as 18446744073709551615, as in Redis).
    /// </summary>
    internal static bool TryParseUnsigned(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        if (TryParseStrictInt64(text, out var signed))
        {
            if (signed < 0) return false;
            value = (ulong)signed;
            return true;
        }
        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') i++;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }
        var digitsStart = i;
        ulong result = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            var digit = (ulong)(text[i] - '0');
            if (result > (ulong.MaxValue - digit) / 10) return false; // ERANGE
            result = result * 10 + digit;
        }
        if (i == digitsStart || i != text.Length) return false;
        value = negative ? 0 - result : result;
        return true;
    }

    /// <summary>Redis string2ll.</summary>
    internal static bool TryParseStrictInt64(ReadOnlySpan<byte> text, out long value) => Int64Text.TryParse(text, out value);
}
