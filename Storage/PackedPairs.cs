namespace EventLoopKv.Storage;

/// <summary>
/// The small encoding of hashes (OBJECT ENCODING "listpack"): field/value pairs packed one after
/// the other in one byte buffer, <c>[varint len][field][varint len][value]</c>, in insertion
/// order like Redis's listpack (so HGETALL of a small hash answers in the same order as Redis).
/// Lookups are linear, which is what Redis does too below hash-max-listpack-entries (512 by default).
/// A same-length value is overwritten in place; the buffer grows by a quarter when full.
/// </summary>
public struct PackedPairs
{
    private const int MinBytes = 32;

    private byte[] _buffer;
    private int _used;

    public PackedPairs() : this(MinBytes)
    {
    }

    /// <param name="bytes">Room for the records about to be added (HSET on a new key), so it is allocated once.</param>
    public PackedPairs(int bytes) => _buffer = new byte[Math.Clamp(bytes, MinBytes, 1 << 20)];

    private PackedPairs(PackedPairs other)
    {
        _buffer = other._buffer.AsSpan(0, Math.Max(other._used, MinBytes)).ToArray();
        _used = other._used;
        Count = other.Count;
    }

    public int Count { readonly get; private set; }

    /// <summary>Bytes of records (what a conversion to <see cref="PackedTable"/> needs for its arena).</summary>
    public readonly int ByteLength => _used;

    public readonly PackedPairs Clone() => new(this);

    /// <summary>The offset of the first record, or -1 when empty; walk on with <see cref="Next"/>.</summary>
    public readonly int First => _used == 0 ? -1 : 0;

    public readonly int Next(int offset)
    {
        var next = offset + RecordSize(offset);
        return next < _used ? next : -1;
    }

    public readonly ReadOnlySpan<byte> FieldAt(int offset)
    {
        var length = (int)Leb128.Read(_buffer, offset, out var n);
        return _buffer.AsSpan(offset + n, length);
    }

    public readonly ReadOnlySpan<byte> ValueAt(int offset) => WritableValueAt(offset);

    private readonly Span<byte> WritableValueAt(int offset)
    {
        var fieldLength = (int)Leb128.Read(_buffer, offset, out var n);
        offset += n + fieldLength;
        var valueLength = (int)Leb128.Read(_buffer, offset, out n);
        return _buffer.AsSpan(offset + n, valueLength);
    }

    /// <summary>The offset of the record at position <paramref name="index"/> (0-based).</summary>
    public readonly int OffsetOf(int index)
    {
        var offset = 0;
        for (var i = 0; i < index; i++) offset += RecordSize(offset);
        return offset;
    }

    /// <summary>The record of <paramref name="field"/>, or -1.</summary>
    public readonly int Find(ReadOnlySpan<byte> field)
    {
        var buffer = _buffer;
        var offset = 0;
        while (offset < _used)
        {
            var fieldLength = (int)Leb128.Read(buffer, offset, out var n);
            var fieldStart = offset + n;
            if (fieldLength == field.Length && buffer.AsSpan(fieldStart, fieldLength).SequenceEqual(field)) return offset;
            var valueLength = (int)Leb128.Read(buffer, fieldStart + fieldLength, out var m);
            offset = fieldStart + fieldLength + m + valueLength;
        }
        return -1;
    }

    /// <summary>Sets a field (appended when new, replaced where it is otherwise); true when new.</summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var offset = Find(field);
        if (offset < 0)
        {
            var size = RecordSize(field.Length, value.Length);
            EnsureCapacity(_used + size);
            Write(_used, field, value);
            _used += size;
            Count++;
            return true;
        }
        var current = WritableValueAt(offset);
        if (current.Length == value.Length)
        {
            value.CopyTo(current);
            return false;
        }
        var oldSize = RecordSize(offset);
        var newSize = RecordSize(field.Length, value.Length);
        var fieldCopy = field.Overlaps(_buffer) ? field.ToArray() : null;
        Splice(offset, oldSize, newSize);
        Write(offset, fieldCopy ?? field, value);
        return false;
    }

    public bool Remove(ReadOnlySpan<byte> field)
    {
        var offset = Find(field);
        if (offset < 0) return false;
        RemoveAt(offset);
        return true;
    }

    public void RemoveAt(int offset)
    {
        Splice(offset, RecordSize(offset), 0);
        Count--;
        if (_buffer.Length > 256 && _used < _buffer.Length / 4)
            _buffer = _buffer.AsSpan(0, Math.Max(_used * 2, MinBytes)).ToArray();
    }

    private void Splice(int offset, int oldSize, int newSize)
    {
        var delta = newSize - oldSize;
        if (delta > 0) EnsureCapacity(_used + delta);
        var tail = _used - offset - oldSize;
        _buffer.AsSpan(offset + oldSize, tail).CopyTo(_buffer.AsSpan(offset + newSize));
        _used += delta;
    }

    private void Write(int offset, ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var p = offset + Leb128.Write(_buffer, offset, (uint)field.Length);
        field.CopyTo(_buffer.AsSpan(p));
        p += field.Length;
        p += Leb128.Write(_buffer, p, (uint)value.Length);
        value.CopyTo(_buffer.AsSpan(p));
    }

    private void EnsureCapacity(int bytes)
    {
        if (bytes <= _buffer.Length) return;
        // A quarter more (at least 32 bytes): Redis reallocates its listpack on every insert.
        var grown = Math.Max(bytes, _buffer.Length + Math.Max(32, _buffer.Length / 4));
        Array.Resize(ref _buffer, grown);
    }

    private static int RecordSize(int fieldLength, int valueLength) =>
        Leb128.Length((uint)fieldLength) + fieldLength + Leb128.Length((uint)valueLength) + valueLength;

    private readonly int RecordSize(int offset)
    {
        var fieldLength = (int)Leb128.Read(_buffer, offset, out var n);
        var size = n + fieldLength;
        var valueLength = (int)Leb128.Read(_buffer, offset + size, out n);
        return size + n + valueLength;
    }

    public readonly long AllocatedBytes => _buffer.Length;
}
