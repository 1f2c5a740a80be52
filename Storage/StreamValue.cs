using System.Buffers.Text;

namespace EventLoopKv.Storage;

/// <summary>
/// A stream (Redis t_stream.c): entries in <see cref="StreamNode"/>s, each a packed run of up to
/// stream-node-max-entries entries (and about stream-node-max-bytes), kept in an array ordered by
/// their first ID, so finding where a range starts is a binary search over nodes plus a scan of
/// at most one node (Redis: a radix tree of listpacks, the same O(log n) seek). The array has a
/// movable head, so trimming old nodes (the common case) is O(1) per node.
/// <para>
/// Also the stream's metadata as Redis 7.0 keeps it (last ID, first ID, the largest deleted ID,
/// the count of entries ever added) and its consumer groups, ordered by name.
/// </para>
/// </summary>
public sealed class StreamValue(byte[] key) : RedisObject(key)
{
    /// <summary>Redis STREAM_LISTPACK_MAX_SIZE: no node grows past 1 GB whatever the config says.</summary>
    private const long ListpackMaxSize = 1 << 30;

    private StreamNode[] _nodes = [];
    private int _head;
    private int _nodeCount;
    private List<StreamGroup>? _groups;

    public override RedisType Type => RedisType.Stream;

    public override string Encoding => "stream";

    /// <summary>Live entries.</summary>
    public long Length { get; private set; }
    public StreamId LastId { get; set; }
    /// <summary>The first live entry's ID as Redis records it (0-0 when empty).</summary>
    public StreamId FirstId { get; private set; }
    public StreamId MaxDeletedId { get; set; }
    public long EntriesAdded { get; set; }

    /// <summary>Nodes (Redis's radix-tree keys).</summary>
    public int NodeCount => _nodeCount;

    private StreamNode Node(int index) => _nodes[_head + index];

    public enum AppendResult { Added, IdTooSmall, TooLarge, SequenceExhausted }

    /// <summary>
    /// Redis streamAppendItem: adds an entry with the given ID, an <c>ms-*</c> ID
    /// (<paramref name="seqGiven"/> false) or, with no ID, one made from <paramref name="nowMs"/>.
    /// </summary>
    public AppendResult Append<T>(StreamId? requested, bool seqGiven, in T fields, long nowMs, out StreamId id) where T : IStreamFields
    {
        if (requested is { } given)
        {
            if (seqGiven) id = given;
            else if (LastId.Ms == given.Ms)
            {
                // The automatic sequence must not overflow into the next millisecond.
                if (LastId.Seq == ulong.MaxValue)
                {
                    id = default;
                    return AppendResult.SequenceExhausted;
                }
                id = new StreamId(LastId.Ms, LastId.Seq + 1);
            }
            else id = given;
        }
        else
        {
            var ms = (ulong)Math.Max(0, nowMs);
            if (ms > LastId.Ms) id = new StreamId(ms, 0);
            else LastId.TryIncrement(out id);
        }
        if (id <= LastId) return AppendResult.IdTooSmall;

        long total = 0;
        for (var i = 0; i < fields.PairCount; i++) total += fields.Field(i).Length + fields.Value(i).Length;
        if (total > ListpackMaxSize) return AppendResult.TooLarge;

        var tail = _nodeCount > 0 ? Node(_nodeCount - 1) : null;
        if (tail is not null)
        {
            long maxBytes = EncodingLimits.StreamNodeMaxBytes;
            if (maxBytes == 0 || maxBytes > ListpackMaxSize) maxBytes = ListpackMaxSize;
            var maxEntries = EncodingLimits.StreamNodeMaxEntries;
            if (tail.ListpackBytes + total >= maxBytes || (maxEntries != 0 && tail.Live + tail.Deleted >= maxEntries))
            {
                tail.ShrinkToFit();
                tail = null;
            }
        }
        if (tail is null) AddNode(StreamNode.Create(id, fields, (int)Math.Min(256, total * 2 + 32)));
        else tail.Append(id, fields);
        Length++;
        EntriesAdded++;
        LastId = id;
        if (Length == 1) FirstId = id;
        return AppendResult.Added;
    }

    private void AddNode(StreamNode node)
    {
        if (_head + _nodeCount == _nodes.Length)
        {
            if (_head > 0 && _head >= _nodes.Length / 2)
            {
                Array.Copy(_nodes, _head, _nodes, 0, _nodeCount);
                Array.Clear(_nodes, _nodeCount, _head);
                _head = 0;
            }
            else Array.Resize(ref _nodes, Math.Max(4, _nodes.Length * 2));
        }
        _nodes[_head + _nodeCount++] = node;
    }

    private void RemoveNode(int index)
    {
        if (index == 0)
        {
            _nodes[_head++] = null!;
            _nodeCount--;
            if (_nodeCount == 0) _head = 0;
            return;
        }
        Array.Copy(_nodes, _head + index + 1, _nodes, _head + index, _nodeCount - index - 1);
        _nodes[_head + --_nodeCount] = null!;
    }

    /// <summary>The index of the last node whose first ID is &lt;= <paramref name="id"/>, or -1 (Redis raxSeek "&lt;=").</summary>
    private int LastNodeAtOrBefore(StreamId id)
    {
        int low = 0, high = _nodeCount - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (Node(middle).Master <= id)
            {
                found = middle;
                low = middle + 1;
            }
            else high = middle - 1;
        }
        return found;
    }

    /// <summary>Live entries with start &lt;= ID &lt;= end, ascending or (reverse) descending.</summary>
    public RangeIterator Range(StreamId start, StreamId end, bool reverse = false) => new(this, start, end, reverse);

    public bool TryGetEntry(StreamId id, out StreamEntry entry)
    {
        var range = Range(id, id);
        if (range.MoveNext())
        {
            entry = range.Current;
            return true;
        }
        entry = default;
        return false;
    }

    public bool Contains(StreamId id) => TryGetEntry(id, out _);

    /// <summary>The first (or last) live entry, if any.</summary>
    public bool TryGetEdge(bool first, out StreamEntry entry)
    {
        var range = Range(StreamId.Zero, StreamId.Max, reverse: !first);
        if (range.MoveNext())
        {
            entry = range.Current;
            return true;
        }
        entry = default;
        return false;
    }

    /// <summary>The ID of the first entry, tombstones included (Redis streamGetEdgeID(s,1,0)); <see cref="StreamId.Max"/> when there is none.</summary>
    public StreamId FirstIdIncludingTombstones()
    {
        for (var i = 0; i < _nodeCount; i++)
        {
            var node = Node(i);
            if (node.EntriesStart < node.End) return node.ReadEntry(node.EntriesStart, out _).Id;
        }
        return StreamId.Max;
    }

    /// <summary>Redis streamDeleteItem: marks the entry deleted, or drops its node when it was the node's last live one.</summary>
    public bool Delete(StreamId id)
    {
        var range = Range(id, id);
        if (!range.MoveNext()) return false;
        var entry = range.Current;
        if (entry.Node.Live == 1) RemoveNode(range.NodeIndex);
        else entry.Node.MarkDeleted(entry.Offset);
        Length--;
        return true;
    }

    /// <summary>XDEL's bookkeeping once its deletions are done (Redis xdelCommand).</summary>
    public void AfterDelete(bool deletedFirst)
    {
        if (Length == 0) FirstId = StreamId.Zero;
        else if (deletedFirst && TryGetEdge(first: true, out var first)) FirstId = first.Id;
    }

    public enum TrimStrategy { None, MaxLen, MinId }

    /// <summary>
    /// Redis streamTrim: drops whole nodes from the head while the rule allows; then, unless
    /// <paramref name="approximate"/>, marks entries of the next node deleted one by one.
    /// <paramref name="limit"/> (0 = none) caps the entries removed, counted in whole nodes.
    /// </summary>
    public long Trim(TrimStrategy strategy, long maxLength, StreamId minId, bool approximate, long limit)
    {
        if (strategy == TrimStrategy.None) return 0;
        long deleted = 0;
        while (_nodeCount > 0)
        {
            if (strategy == TrimStrategy.MaxLen && Length <= maxLength) break;
            var node = Node(0);
            long entries = node.Live;
            if (limit != 0 && deleted + entries > limit) break;
            var removeNode = strategy == TrimStrategy.MaxLen ? Length - entries >= maxLength : node.Last < minId;
            if (removeNode)
            {
                RemoveNode(0);
                Length -= entries;
                deleted += entries;
                continue;
            }
            if (approximate) break;
            // Mark entries inside this node; Redis leaves the node in place even if none stay live.
            var position = node.EntriesStart;
            while (position < node.End)
            {
                var entry = node.ReadEntry(position, out var next);
                var stop = strategy == TrimStrategy.MaxLen ? Length <= maxLength : entry.Id >= minId;
                if (stop) break;
                if (!entry.IsDeleted)
                {
                    node.MarkDeleted(position);
                    Length--;
                    deleted++;
                }
                position = next;
            }
            break;
        }
        if (deleted > 0) FirstId = Length == 0 ? StreamId.Zero : TryGetEdge(first: true, out var first) ? first.Id : StreamId.Zero;
        return deleted;
    }

    /// <summary>
    /// Redis's radix-tree node count for the node keys (XINFO STREAM radix-tree-nodes): the root,
    /// every prefix where keys branch, each child of a branch, and each key. Redis's rax keeps
    /// chains of single children compressed into one node, so this is the count it reports.
    /// </summary>
    public long RadixTreeNodes()
    {
        if (_nodeCount == 0) return 1;
        var keys = new byte[_nodeCount][];
        for (var i = 0; i < _nodeCount; i++)
        {
            var key = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, Node(i).Master.Ms);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(8), Node(i).Master.Seq);
            keys[i] = key;
        }
        var prefixes = new HashSet<string> { "" };
        for (var i = 0; i < keys.Length; i++)
        {
            prefixes.Add(Convert.ToHexString(keys[i]));
            if (i + 1 == keys.Length) break;
            var common = keys[i].AsSpan().CommonPrefixLength(keys[i + 1]);
            prefixes.Add(Convert.ToHexString(keys[i], 0, common));
            prefixes.Add(Convert.ToHexString(keys[i], 0, common + 1));
            prefixes.Add(Convert.ToHexString(keys[i + 1], 0, common + 1));
        }
        return prefixes.Count;
    }

    // ---------------------------------------------------------------- consumer groups

    public int GroupCount => _groups?.Count ?? 0;

    public IReadOnlyList<StreamGroup> Groups => _groups ?? (IReadOnlyList<StreamGroup>)[];

    public StreamGroup? FindGroup(ReadOnlySpan<byte> name)
    {
        var index = IndexOfGroup(name);
        return index >= 0 ? _groups![index] : null;
    }

    /// <summary>Creates a group; null when one with that name exists.</summary>
    public StreamGroup? CreateGroup(ReadOnlySpan<byte> name, StreamId lastId, long entriesRead)
    {
        _groups ??= [];
        var index = IndexOfGroup(name);
        if (index >= 0) return null;
        var group = new StreamGroup(name.ToArray(), lastId, entriesRead);
        _groups.Insert(~index, group);
        return group;
    }

    public bool DestroyGroup(ReadOnlySpan<byte> name)
    {
        var index = IndexOfGroup(name);
        if (index < 0) return false;
        _groups!.RemoveAt(index);
        return true;
    }

    private int IndexOfGroup(ReadOnlySpan<byte> name)
    {
        if (_groups is null) return -1;
        int low = 0, high = _groups.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = _groups[middle].Name.AsSpan().SequenceCompareTo(name);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    /// <summary>Redis streamRangeHasTombstones: may a deleted entry lie between start and end?</summary>
    public bool RangeHasTombstones(StreamId start, StreamId end)
    {
        if (Length == 0 || MaxDeletedId.IsZero) return false;
        if (FirstId > MaxDeletedId) return false;
        return start <= MaxDeletedId && MaxDeletedId <= end;
    }

    /// <summary>
    /// Redis streamEstimateDistanceFromFirstEverEntry: the logical read counter of an ID (how
    /// many entries were added up to it), or -1 when tombstones or an arbitrary ID make it unknowable.
    /// </summary>
    public long EstimateDistanceFromFirstEverEntry(StreamId id)
    {
        if (EntriesAdded == 0) return 0;
        if (Length == 0 && id <= LastId) return EntriesAdded;
        var toLast = id.CompareTo(LastId);
        if (toLast == 0) return EntriesAdded;
        if (toLast > 0) return StreamGroup.InvalidEntriesRead;
        if (MaxDeletedId.IsZero || MaxDeletedId < FirstId)
        {
            var toFirst = id.CompareTo(FirstId);
            if (toFirst < 0) return EntriesAdded - Length;
            if (toFirst == 0) return EntriesAdded - Length + 1;
        }
        return StreamGroup.InvalidEntriesRead;
    }

    /// <summary>Redis streamReplyWithCGLag: entries not yet delivered to the group, or null when unknowable.</summary>
    public long? Lag(StreamGroup group)
    {
        if (EntriesAdded == 0) return 0;
        if (group.EntriesRead != StreamGroup.InvalidEntriesRead && !RangeHasTombstones(group.LastId, StreamId.Max))
            return EntriesAdded - group.EntriesRead;
        var read = EstimateDistanceFromFirstEverEntry(group.LastId);
        return read != StreamGroup.InvalidEntriesRead ? EntriesAdded - read : null;
    }

    /// <summary>
    /// An entry delivered to a group moves its last ID and read counter (Redis streamReplyWithRange):
    /// the counter counts on while it is known and no tombstone lies ahead, else it is re-estimated.
    /// </summary>
    public void AdvanceGroup(StreamGroup group, StreamId id)
    {
        if (id <= group.LastId) return;
        if (group.EntriesRead != StreamGroup.InvalidEntriesRead && !RangeHasTombstones(id, StreamId.Max))
            group.EntriesRead++;
        else if (EntriesAdded != 0)
            group.EntriesRead = EstimateDistanceFromFirstEverEntry(id);
        group.LastId = id;
    }

    // ---------------------------------------------------------------- copies and rewrite

    public override RedisObject CloneWithKey(byte[] key)
    {
        var copy = new StreamValue(key)
        {
            _nodes = new StreamNode[Math.Max(4, _nodeCount)],
            _nodeCount = _nodeCount,
            Length = Length,
            LastId = LastId,
            FirstId = FirstId,
            MaxDeletedId = MaxDeletedId,
            EntriesAdded = EntriesAdded,
        };
        for (var i = 0; i < _nodeCount; i++) copy._nodes[i] = Node(i).Clone();
        if (_groups is not null)
        {
            copy._groups = new List<StreamGroup>(_groups.Count);
            foreach (var group in _groups) copy._groups.Add(group.Clone());
        }
        return copy;
    }

    /// <summary>
    /// Redis aof.c rewriteStreamObject: an XADD per entry (an empty stream via "XADD key MAXLEN 0
    /// 0-1 x y"), XSETID with the last ID, entries added and largest deleted ID, then per group
    /// XGROUP CREATE ... ENTRIESREAD, an XCLAIM ... FORCE JUSTID per pending entry (which
    /// recreates its owner) and XGROUP CREATECONSUMER for consumers with nothing pending.
    /// One XADD holds one entry whatever its field count: an entry cannot be split.
    /// </summary>
    public override IEnumerable<byte[][]> RebuildCommands()
    {
        if (Length > 0)
        {
            var range = Range(StreamId.Zero, StreamId.Max);
            while (range.MoveNext())
            {
                var entry = range.Current;
                var command = new byte[3 + entry.FieldCount * 2][];
                command[0] = "XADD"u8.ToArray();
                command[1] = Key;
                command[2] = entry.Id.ToBytes();
                var fields = entry.Fields();
                var i = 3;
                while (fields.Next(out var field, out var value))
                {
                    command[i++] = field.ToArray();
                    command[i++] = value.ToArray();
                }
                yield return command;
            }
        }
        else yield return ["XADD"u8.ToArray(), Key, "MAXLEN"u8.ToArray(), "0"u8.ToArray(), "0-1"u8.ToArray(), "x"u8.ToArray(), "y"u8.ToArray()];
        yield return ["XSETID"u8.ToArray(), Key, LastId.ToBytes(), "ENTRIESADDED"u8.ToArray(), Number(EntriesAdded), "MAXDELETEDID"u8.ToArray(), MaxDeletedId.ToBytes()];
        if (_groups is null) yield break;
        foreach (var group in _groups)
        {
            yield return ["XGROUP"u8.ToArray(), "CREATE"u8.ToArray(), Key, group.Name, group.LastId.ToBytes(), "ENTRIESREAD"u8.ToArray(), Number(group.EntriesRead)];
            foreach (var consumer in group.Consumers)
            {
                if (consumer.Pending.Count == 0)
                {
                    yield return ["XGROUP"u8.ToArray(), "CREATECONSUMER"u8.ToArray(), Key, group.Name, consumer.Name];
                    continue;
                }
                foreach (var pending in consumer.Pending)
                    yield return
                    [
                        "XCLAIM"u8.ToArray(), Key, group.Name, consumer.Name, "0"u8.ToArray(), pending.Id.ToBytes(),
                        "TIME"u8.ToArray(), Number(pending.DeliveryTime), "RETRYCOUNT"u8.ToArray(), Number(pending.DeliveryCount),
                        "JUSTID"u8.ToArray(), "FORCE"u8.ToArray(),
                    ];
            }
        }
    }

    private static byte[] Number(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var n);
        return digits[..n].ToArray();
    }

    /// <summary>
    /// Walks live entries in an ID range without allocating. Positioned with a binary search on
    /// node first IDs (Redis raxSeek "&lt;="), then a scan inside the node.
    /// </summary>
    public struct RangeIterator
    {
        private readonly StreamValue _stream;
        private readonly StreamId _start;
        private readonly StreamId _end;
        private readonly bool _reverse;
        private int _node;
        private int _position;

        internal RangeIterator(StreamValue stream, StreamId start, StreamId end, bool reverse)
        {
            _stream = stream;
            _start = start;
            _end = end;
            _reverse = reverse;
            Current = default;
            if (stream._nodeCount == 0 || start > end)
            {
                _node = reverse ? -1 : int.MaxValue;
                return;
            }
            if (!reverse)
            {
                _node = start.IsZero ? 0 : Math.Max(0, stream.LastNodeAtOrBefore(start));
                _position = stream.Node(_node).EntriesStart;
            }
            else
            {
                _node = end == StreamId.Max ? stream._nodeCount - 1 : stream.LastNodeAtOrBefore(end);
                if (_node >= 0) _position = stream.Node(_node).End;
            }
        }

        public StreamEntry Current { get; private set; }

        /// <summary>The node of <see cref="Current"/>, by position in the stream.</summary>
        internal int NodeIndex => _node;

        public bool MoveNext() => _reverse ? MoveBackward() : MoveForward();

        private bool MoveForward()
        {
            while (_node < _stream._nodeCount)
            {
                var node = _stream.Node(_node);
                while (_position < node.End)
                {
                    var entry = node.ReadEntry(_position, out _position);
                    if (entry.IsDeleted || entry.Id < _start) continue;
                    if (entry.Id > _end)
                    {
                        _node = int.MaxValue;
                        return false;
                    }
                    Current = entry;
                    return true;
                }
                if (++_node < _stream._nodeCount) _position = _stream.Node(_node).EntriesStart;
            }
            return false;
        }

        private bool MoveBackward()
        {
            while (_node >= 0)
            {
                var node = _stream.Node(_node);
                while (_position > node.EntriesStart)
                {
                    var start = node.PreviousEntryStart(_position);
                    var entry = node.ReadEntry(start, out _);
                    _position = start;
                    if (entry.IsDeleted || entry.Id > _end) continue;
                    if (entry.Id < _start)
                    {
                        _node = -1;
                        return false;
                    }
                    Current = entry;
                    return true;
                }
                if (--_node >= 0) _position = _stream.Node(_node).End;
            }
            return false;
        }
    }
}
