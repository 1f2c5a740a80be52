namespace EventLoopKv.Protocol;

/// <summary>
/// Replies built once and copied, never formatted per command (Redis's <c>shared</c> object table).
/// </summary>
public static class SharedReplies
{
    public static ReadOnlySpan<byte> Ok => "+OK\r\n"u8;
    public static ReadOnlySpan<byte> Pong => "+PONG\r\n"u8;
    public static ReadOnlySpan<byte> Queued => "+QUEUED\r\n"u8;
    public static ReadOnlySpan<byte> NullBulk => "$-1\r\n"u8;
    public static ReadOnlySpan<byte> NullArray => "*-1\r\n"u8;
    public static ReadOnlySpan<byte> Resp3Null => "_\r\n"u8;
    public static ReadOnlySpan<byte> EmptyArray => "*0\r\n"u8;
    public static ReadOnlySpan<byte> EmptyBulk => "$0\r\n\r\n"u8;

    public static ReadOnlySpan<byte> WrongType => "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"u8;
    public static ReadOnlySpan<byte> NotAnInteger => "-ERR value is not an integer or out of range\r\n"u8;
    public static ReadOnlySpan<byte> NotAFloat => "-ERR value is not a valid float\r\n"u8;
    public static ReadOnlySpan<byte> SyntaxError => "-ERR syntax error\r\n"u8;
    public static ReadOnlySpan<byte> NoSuchKey => "-ERR no such key\r\n"u8;
    public static ReadOnlySpan<byte> OutOfRange => "-ERR index out of range\r\n"u8;
    public static ReadOnlySpan<byte> DbIndexOutOfRange => "-ERR DB index is out of range\r\n"u8;
    public static ReadOnlySpan<byte> IncrOverflow => "-ERR increment or decrement would overflow\r\n"u8;
    public static ReadOnlySpan<byte> NoAuth => "-NOAUTH Authentication required.\r\n"u8;

    /// <summary>Like Redis's shared.integers: the replies <c>:0</c> .. <c>:9999</c> exist once.</summary>
    public const int SmallIntegerCount = 10000;

    private static readonly byte[] SmallIntegers = BuildSmallIntegers(out IntegerOffsets);
    private static readonly int[] IntegerOffsets;

    public static ReadOnlySpan<byte> Integer(int value) =>
        SmallIntegers.AsSpan(IntegerOffsets[value], IntegerOffsets[value + 1] - IntegerOffsets[value]);

    private static byte[] BuildSmallIntegers(out int[] offsets)
    {
        offsets = new int[SmallIntegerCount + 1];
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < SmallIntegerCount; i++)
        {
            offsets[i] = text.Length;
            text.Append(':').Append(i).Append("\r\n");
        }
        offsets[SmallIntegerCount] = text.Length;
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}
