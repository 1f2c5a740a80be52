namespace EventLoopKv.Storage;

/// <summary>
/// Redis's glob matching (stringmatchlen) for KEYS, SCAN MATCH and CONFIG GET: <c>*</c>, <c>?</c>,
/// <c>[abc]</c>, <c>[^a]</c>, <c>[a-z]</c> and <c>\x</c> escapes, byte by byte.
/// </summary>
public static class GlobPattern
{
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool ignoreCase = false) =>
        Match(pattern, text, ignoreCase, 0);

    private static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool ignoreCase, int depth)
    {
        // Redis caps the recursion the same way, so a pathological pattern cannot blow the stack.
        if (depth > 1000) return false;
        while (pattern.Length > 0 && text.Length > 0)
        {
            switch (pattern[0])
            {
                case (byte)'*':
                    while (pattern.Length > 1 && pattern[1] == '*') pattern = pattern[1..];
                    if (pattern.Length == 1) return true;
                    for (var i = 0; i < text.Length; i++)
                        if (Match(pattern[1..], text[i..], ignoreCase, depth + 1)) return true;
                    return false;
                case (byte)'?':
                    text = text[1..];
                    break;
                case (byte)'[':
                {
                    pattern = pattern[1..];
                    var not = pattern.Length > 0 && pattern[0] == '^';
                    if (not) pattern = pattern[1..];
                    var matched = false;
                    while (true)
                    {
                        if (pattern.Length == 0) break; // unterminated: Redis treats the end as ']'
                        if (pattern[0] == '\\' && pattern.Length >= 2)
                        {
                            pattern = pattern[1..];
                            if (pattern[0] == text[0]) matched = true;
                        }
                        else if (pattern[0] == ']') break;
                        else if (pattern.Length >= 3 && pattern[1] == '-')
                        {
                            int start = pattern[0], end = pattern[2], c = text[0];
                            if (start > end) (start, end) = (end, start);
                            if (ignoreCase) { start = Lower(start); end = Lower(end); c = Lower(c); }
                            pattern = pattern[2..];
                            if (c >= start && c <= end) matched = true;
                        }
                        else if (Same(pattern[0], text[0], ignoreCase)) matched = true;
                        pattern = pattern[1..];
                    }
                    if (not) matched = !matched;
                    if (!matched) return false;
                    text = text[1..];
                    break;
                }
                case (byte)'\\' when pattern.Length >= 2:
                    pattern = pattern[1..];
                    if (!Same(pattern[0], text[0], ignoreCase)) return false;
                    text = text[1..];
                    break;
                default:
                    if (!Same(pattern[0], text[0], ignoreCase)) return false;
                    text = text[1..];
                    break;
            }
            if (pattern.Length > 0) pattern = pattern[1..];
            if (text.Length == 0)
            {
                while (pattern.Length > 0 && pattern[0] == '*') pattern = pattern[1..];
                break;
            }
        }
        return pattern.Length == 0 && text.Length == 0;
    }

    private static bool Same(byte a, byte b, bool ignoreCase) => ignoreCase ? Lower(a) == Lower(b) : a == b;

    private static int Lower(int c) => c is >= 'A' and <= 'Z' ? c + 32 : c;
}
