using System.Buffers;

namespace EventLoopKv.Persistence;

/// <summary>
/// A growable pooled byte buffer holding encoded commands: the loop fills one per iteration and
/// hands it to the AOF writer thread, which returns it to the pool when written.
/// </summary>
public sealed class AofBuffer
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(64 * 1024);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

    public Span<byte> GetSpan(int size)
    {
        if (_bytes.Length - Length < size)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + size));
            _bytes.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
        return _bytes.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Clear() => Length = 0;

    /// <summary>Gives the pooled array back; the buffer is unusable afterwards.</summary>
    public void Release()
    {
        if (_bytes.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
        Length = 0;
    }
}
