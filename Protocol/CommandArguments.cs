using System.Runtime.CompilerServices;

namespace EventLoopKv.Protocol;

/// <summary>
/// The arguments of one parsed command: slices of the client's receive buffer, never copies.
/// Valid until the next parse on the same buffer; a handler that keeps an argument beyond its
/// command must copy it (the keyspace does, when it stores a key or value).
/// </summary>
public sealed class CommandArguments
{
    private byte[] _buffer = [];
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _buffer.AsSpan(_starts[index], _lengths[index]);
    }

    /// <summary>A writable view, for handlers that canonicalise an argument in place (rare).</summary>
    public Span<byte> Writable(int index) => _buffer.AsSpan(_starts[index], _lengths[index]);

    public int Length(int index) => _lengths[index];

    /// <summary>A copy of one argument, for the few places that must keep it.</summary>
    public byte[] ToArray(int index) => this[index].ToArray();

    internal void Reset(byte[] buffer)
    {
        _buffer = buffer;
        Count = 0;
    }

    internal void Add(int start, int length)
    {
        if (Count == _starts.Length) Grow(Count + 1);
        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }

    /// <summary>Reserves room for a multibulk count up front so a big MSET grows once.</summary>
    internal void EnsureCapacity(int count)
    {
        if (count > _starts.Length) Grow(count);
    }

    /// <summary>The receive buffer was compacted or replaced: slices move with it.</summary>
    internal void Rebase(byte[] buffer, int shift)
    {
        _buffer = buffer;
        for (var i = 0; i < Count; i++) _starts[i] -= shift;
    }

    /// <summary>Drops the spare capacity a very large command left behind.</summary>
    public void TrimExcess()
    {
        if (_starts.Length <= 1024) return;
        _starts = new int[16];
        _lengths = new int[16];
        Count = 0;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(needed, _starts.Length * 2);
        Array.Resize(ref _starts, size);
        Array.Resize(ref _lengths, size);
    }

    /// <summary>Builds arguments from separate arrays (AOF replay, tests, in-process benchmarks).</summary>
    public static CommandArguments From(params byte[][] args)
    {
        var total = 0;
        foreach (var a in args) total += a.Length;
        var buffer = new byte[total];
        var result = new CommandArguments();
        result.Reset(buffer);
        var offset = 0;
        foreach (var a in args)
        {
            a.CopyTo(buffer, offset);
            result.Add(offset, a.Length);
            offset += a.Length;
        }
        return result;
    }
}
