namespace EventLoopKv.Storage;

/// <summary>
/// Redis string2ll, the one test of "is this text a 64-bit integer" used everywhere: for
/// command arguments, for encodings (an intset member, an "int" string) and stream IDs. An
/// optional '-', no '+', no leading zeros ("007" and "-0" are not integers), no spaces.
/// It lives in Storage because encodings depend on it; Storage depends on nothing else of ours.
/// </summary>
public static class Int64Text
{
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
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
            if (digit > 9 || magnitude > (ulong.MaxValue - digit) / 10) return false;
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
}
