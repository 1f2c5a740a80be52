namespace EventLoopKv.Storage;

/// <summary>
/// A string that is being grown or edited in place (APPEND, SETRANGE): a buffer with spare room,
/// like Redis's sds with its greedy preallocation, so building a value with N appends costs
/// O(total) rather than O(N²). Redis reports such strings as "raw".
/// </summary>
public sealed class MutableString : RedisObject
{
    /// <summary>Below this Redis doubles the allocation on growth; above it adds 1 MB (SDS_MAX_PREALLOC).</summary>
    private const int MaxPreallocation = 1024 * 1024;

    private byte[] _buffer;

    public MutableString(byte[] key, ReadOnlySpan<byte> value) : base(key)
    {
        _buffer = new byte[Math.Max(value.Length, 16)];
        value.CopyTo(_buffer);
        Length = value.Length;
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Value => _buffer.AsSpan(0, Length);

    /// <summary>
    /// The value's bytes for an in-place edit (SETBIT, BITFIELD, PFADD). Only on an object the
    /// command may change: obtained with <see cref="StringWrites.MutableStringOf"/>, so a running
    /// snapshot never sees the edit.
    /// </summary>
    public Span<byte> WritableValue => _buffer.AsSpan(0, Length);

    /// <summary>
    /// Takes <paramref name="buffer"/> as the value's storage without copying (its first
    /// <paramref name="length"/> bytes are the value): a new bitmap or HyperLogLog of exactly its size.
    /// </summary>
    public static MutableString FromBuffer(byte[] key, byte[] buffer, int length) => new(key, buffer, length);

    private MutableString(byte[] key, byte[] buffer, int length) : base(key)
    {
        _buffer = buffer;
        Length = length;
    }

    public override RedisType Type => RedisType.String;

    public override string Encoding => "raw";

    public void Append(ReadOnlySpan<byte> tail)
    {
        EnsureLength(Length + tail.Length);
        tail.CopyTo(_buffer.AsSpan(Length));
        Length += tail.Length;
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="offset"/>, zero-filling any gap (SETRANGE).</summary>
    public void Overwrite(int offset, ReadOnlySpan<byte> bytes)
    {
        var end = offset + bytes.Length;
        if (end > Length)
        {
            EnsureLength(end);
            _buffer.AsSpan(Length, end - Length).Clear();
            Length = end;
        }
        bytes.CopyTo(_buffer.AsSpan(offset));
    }

    /// <summary>
    /// Sets the length: a longer value is zero-filled (Redis sdsgrowzero, SETBIT past the end),
    /// a shorter one truncated (a sparse HyperLogLog merging two opcodes into one).
    /// </summary>
    public void SetLength(int length)
    {
        if (length > Length)
        {
            EnsureLength(length);
            _buffer.AsSpan(Length, length - Length).Clear();
        }
        Length = length;
    }

    private void EnsureLength(int length)
    {
        if (length <= _buffer.Length) return;
        var grown = length < MaxPreallocation ? length * 2 : length + MaxPreallocation;
        Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, (long)grown));
    }

    public override RedisObject CloneWithKey(byte[] key) => new MutableString(key, Value);

    public override IEnumerable<byte[][]> RebuildCommands() => [["SET"u8.ToArray(), Key, Value.ToArray()]];
}
