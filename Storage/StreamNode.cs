using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>The field-value pairs of one entry being added (a slice of XADD's arguments, or a test's arrays).</summary>
public interface IStreamFields
{
    int PairCount { get; }
    ReadOnlySpan<byte> Field(int index);
    ReadOnlySpan<byte> Value(int index);
}

/// <summary>
/// One node of a stream: a run of consecutive entries packed in one byte array, the way Redis
/// packs them in one listpack per radix-tree node (t_stream.c). No object per entry.
/// <para>
/// Layout: the "master" field names (those of the node's first entry) come first,
/// <c>[count][len field]...</c>; then each entry:
/// <c>[flags][ms delta][seq delta][field count]? ([len field]? [len value])* [backlen]</c>.
/// IDs are deltas from the node's first ID (<see cref="Master"/>); an entry whose field names
/// equal the master's stores values only (Redis STREAM_ITEM_FLAG_SAMEFIELDS); deleted entries
/// stay as tombstones with the DELETED flag, as in Redis, until the whole node goes. The
/// trailing backlen (the entry's length written to be read right to left, like a listpack's)
/// lets XREVRANGE walk backwards. Numbers are LEB128 varints; the seq delta is zigzag because
/// it is negative when the ms part moved on.
/// </para>
/// <para>
/// When to start a new node must match Redis exactly, since XTRIM/XADD with "~" remove whole
/// nodes and XINFO reports the node count: <see cref="ListpackBytes"/> is what lpBytes() would
/// say for the same entries in Redis's listpack encoding, kept up to date as entries are added
/// and deleted.
/// </para>
/// </summary>
public sealed class StreamNode
{
    public const byte FlagDeleted = 1;
    public const byte FlagSameFields = 2;

    private byte[] _data;
    private int _used;
    private int _entriesStart;
    private int _masterFieldCount;

    private StreamNode(StreamId master, byte[] data)
    {
        Master = master;
        Last = master;
        _data = data;
    }

    /// <summary>The ID of the node's first entry (its radix-tree key in Redis).</summary>
    public StreamId Master { get; }

    /// <summary>The ID of the node's last entry, deleted or not.</summary>
    public StreamId Last { get; private set; }

    /// <summary>Entries not deleted.</summary>
    public int Live { get; private set; }

    /// <summary>Entries marked deleted (tombstones).</summary>
    public int Deleted { get; private set; }

    /// <summary>The size Redis's listpack for these entries would have (lpBytes).</summary>
    public long ListpackBytes { get; private set; }

    /// <summary>Bytes actually held (for memory accounting and tests).</summary>
    public int AllocatedBytes => _data.Length;

    internal int EntriesStart => _entriesStart;
    internal int End => _used;

    /// <summary>Starts a node with its first entry; the entry's field names become the master fields.</summary>
    public static StreamNode Create<T>(StreamId id, in T fields, int initialCapacity) where T : IStreamFields
    {
        var node = new StreamNode(id, new byte[Math.Max(64, initialCapacity)]);
        var count = fields.PairCount;
        node.WriteVarint((ulong)count);
        // Header and end byte, the live and deleted counters, the field count, the names, the 0 terminator.
        long bytes = 7 + Listpack.IntSize(0) + Listpack.IntSize(0) + Listpack.IntSize(count) + Listpack.IntSize(0);
        for (var i = 0; i < count; i++)
        {
            node.WriteBlob(fields.Field(i));
            bytes += Listpack.StringSize(fields.Field(i));
        }
        node._masterFieldCount = count;
        node._entriesStart = node._used;
        node.ListpackBytes = bytes;
        node.AppendEntry(id, fields);
        return node;
    }

    /// <summary>Appends an entry with an ID greater than <see cref="Last"/>.</summary>
    public void Append<T>(StreamId id, in T fields) where T : IStreamFields => AppendEntry(id, fields);

    private void AppendEntry<T>(StreamId id, in T fields) where T : IStreamFields
    {
        var count = fields.PairCount;
        var same = count == _masterFieldCount && MasterFieldsEqual(fields);
        var msDelta = id.Ms - Master.Ms;
        var seqDelta = (long)(id.Seq - Master.Seq);
        var start = _used;
        EnsureRoom(EstimateSize(fields, same) + 10);
        _data[_used++] = same ? FlagSameFields : (byte)0;
        WriteVarint(msDelta);
        WriteVarint(ZigZag(seqDelta));
        long bytes = Listpack.IntSize(same ? FlagSameFields : 0) + Listpack.IntSize((long)msDelta) + Listpack.IntSize(seqDelta);
        if (!same)
        {
            WriteVarint((ulong)count);
            bytes += Listpack.IntSize(count);
        }
        for (var i = 0; i < count; i++)
        {
            if (!same)
            {
                WriteBlob(fields.Field(i));
                bytes += Listpack.StringSize(fields.Field(i));
            }
            WriteBlob(fields.Value(i));
            bytes += Listpack.StringSize(fields.Value(i));
        }
        bytes += Listpack.IntSize(count + 3 + (same ? 0 : count + 1)); // lp-count
        WriteBackLength(_used - start);
        SetCounts(Live + 1, Deleted);
        ListpackBytes += bytes;
        Last = id;
    }

    private bool MasterFieldsEqual<T>(in T fields) where T : IStreamFields
    {
        var position = 0;
        ReadVarint(_data, ref position);
        for (var i = 0; i < _masterFieldCount; i++)
            if (!ReadBlob(_data, ref position).SequenceEqual(fields.Field(i))) return false;
        return true;
    }

    private static int EstimateSize<T>(in T fields, bool same) where T : IStreamFields
    {
        var size = 1 + 10 + 10 + 5 + 5;
        for (var i = 0; i < fields.PairCount; i++)
        {
            if (!same) size += fields.Field(i).Length + 5;
            size += fields.Value(i).Length + 5;
        }
        return size;
    }

    /// <summary>Reads the entry at <paramref name="offset"/>; <paramref name="next"/> is where the following one starts.</summary>
    public StreamEntry ReadEntry(int offset, out int next)
    {
        var position = offset;
        var flags = _data[position++];
        var msDelta = ReadVarint(_data, ref position);
        var seqDelta = UnZigZag(ReadVarint(_data, ref position));
        var same = (flags & FlagSameFields) != 0;
        var count = same ? _masterFieldCount : (int)ReadVarint(_data, ref position);
        var fieldsStart = position;
        for (var i = 0; i < count; i++)
        {
            if (!same) SkipBlob(_data, ref position);
            SkipBlob(_data, ref position);
        }
        next = position + BackLengthSize(position - offset);
        var id = new StreamId(Master.Ms + msDelta, unchecked(Master.Seq + (ulong)seqDelta));
        return new StreamEntry(this, offset, id, flags, count, fieldsStart);
    }

    /// <summary>The start of the entry that ends (backlen included) at <paramref name="end"/>.</summary>
    public int PreviousEntryStart(int end)
    {
        var position = end - 1;
        ulong length = 0;
        var shift = 0;
        while (true)
        {
            var b = _data[position];
            length |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            position--;
        }
        return position - (int)length;
    }

    /// <summary>Marks the entry at <paramref name="offset"/> deleted (the caller removes the node instead when it held the last live entry).</summary>
    public void MarkDeleted(int offset)
    {
        _data[offset] |= FlagDeleted;
        SetCounts(Live - 1, Deleted + 1);
    }

    /// <summary>Field/value pairs of an entry, in order.</summary>
    internal FieldEnumerator Fields(in StreamEntry entry)
    {
        var masterPosition = 0;
        if (entry.SameFields) ReadVarint(_data, ref masterPosition);
        return new FieldEnumerator(_data, entry.FieldsStart, masterPosition, entry.SameFields, entry.FieldCount);
    }

    /// <summary>Keeps the listpack accounting right when the header counters change size (127 -> 128 takes a byte more).</summary>
    private void SetCounts(int live, int deleted)
    {
        ListpackBytes += Listpack.IntSize(live) - Listpack.IntSize(Live) + Listpack.IntSize(deleted) - Listpack.IntSize(Deleted);
        Live = live;
        Deleted = deleted;
    }

    /// <summary>A node that will not grow again gives back its spare room (Redis lpShrinkToFit).</summary>
    public void ShrinkToFit()
    {
        if (_data.Length > _used) Array.Resize(ref _data, _used);
    }

    public StreamNode Clone()
    {
        var copy = new StreamNode(Master, _data.AsSpan(0, _used).ToArray())
        {
            _used = _used,
            _entriesStart = _entriesStart,
            _masterFieldCount = _masterFieldCount,
            Last = Last,
            Live = Live,
            Deleted = Deleted,
            ListpackBytes = ListpackBytes,
        };
        return copy;
    }

    private void EnsureRoom(int extra)
    {
        if (_data.Length - _used >= extra) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max(_used + (long)extra, _data.Length * 3L / 2));
        Array.Resize(ref _data, size);
    }

    private void WriteBlob(ReadOnlySpan<byte> blob)
    {
        EnsureRoom(blob.Length + 5);
        WriteVarint((ulong)blob.Length);
        blob.CopyTo(_data.AsSpan(_used));
        _used += blob.Length;
    }

    private void WriteVarint(ulong value)
    {
        EnsureRoom(10);
        while (value >= 0x80)
        {
            _data[_used++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _data[_used++] = (byte)value;
    }

    /// <summary>The entry length, written to be read right to left: the last byte holds the low 7 bits, and every byte but the leftmost has the continuation bit.</summary>
    private void WriteBackLength(int length)
    {
        var size = BackLengthSize(length);
        EnsureRoom(size);
        for (var k = 0; k < size; k++)
            _data[_used + size - 1 - k] = (byte)(((uint)length >> (7 * k) & 0x7F) | (k < size - 1 ? 0x80u : 0));
        _used += size;
    }

    private static int BackLengthSize(int length) => length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x200000 ? 3 : length < 0x10000000 ? 4 : 5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong ReadVarint(byte[] data, ref int position)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
        }
    }

    internal static ReadOnlySpan<byte> ReadBlob(byte[] data, scoped ref int position)
    {
        var length = (int)ReadVarint(data, ref position);
        var blob = data.AsSpan(position, length);
        position += length;
        return blob;
    }

    private static void SkipBlob(byte[] data, ref int position)
    {
        var length = (int)ReadVarint(data, ref position);
        position += length;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Walks an entry's pairs; field names come from the master entry when the entry shares them.</summary>
    public struct FieldEnumerator
    {
        private readonly byte[] _data;
        private readonly bool _same;
        private int _position;
        private int _masterPosition;
        private int _remaining;

        internal FieldEnumerator(byte[] data, int position, int masterPosition, bool same, int count)
        {
            _data = data;
            _position = position;
            _masterPosition = masterPosition;
            _same = same;
            _remaining = count;
        }

        public bool Next(out ReadOnlySpan<byte> field, out ReadOnlySpan<byte> value)
        {
            if (_remaining == 0)
            {
                field = value = default;
                return false;
            }
            _remaining--;
            field = _same ? ReadBlob(_data, ref _masterPosition) : ReadBlob(_data, ref _position);
            value = ReadBlob(_data, ref _position);
            return true;
        }
    }
}

/// <summary>One entry as read from a node: its ID, flags and where its pairs are.</summary>
public readonly struct StreamEntry(StreamNode node, int offset, StreamId id, byte flags, int fieldCount, int fieldsStart)
{
    public StreamNode Node { get; } = node;
    public int Offset { get; } = offset;
    public StreamId Id { get; } = id;
    public int FieldCount { get; } = fieldCount;
    internal int FieldsStart { get; } = fieldsStart;
    internal byte Flags { get; } = flags;
    public bool IsDeleted => (Flags & StreamNode.FlagDeleted) != 0;
    internal bool SameFields => (Flags & StreamNode.FlagSameFields) != 0;

    public StreamNode.FieldEnumerator Fields() => Node.Fields(this);
}

/// <summary>Sizes of Redis listpack elements (listpack.c lpEncodeGetType + lpEncodeBacklen), for node accounting.</summary>
internal static class Listpack
{
    public static int IntSize(long v)
    {
        var encoded = v is >= 0 and <= 127 ? 1
            : v is >= -4096 and <= 4095 ? 2
            : v is >= short.MinValue and <= short.MaxValue ? 3
            : v is >= -8388608 and <= 8388607 ? 4
            : v is >= int.MinValue and <= int.MaxValue ? 5
            : 9;
        return encoded + 1;
    }

    /// <summary>Strings that read as a canonical 64-bit integer are stored as integers, as lpAppend does.</summary>
    public static long StringSize(ReadOnlySpan<byte> s)
    {
        if (StreamId.TryParseStrictInt64(s, out var v)) return IntSize(v);
        long encoded = s.Length < 64 ? 1 + s.Length : s.Length < 4096 ? 2 + s.Length : 5 + (long)s.Length;
        return encoded + BackLengthSize(encoded);
    }

    private static int BackLengthSize(long l) => l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}
