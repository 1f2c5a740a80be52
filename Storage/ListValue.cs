using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// A Redis list, built like Redis 7.0's quicklist: a deque of nodes, each a packed byte buffer
/// of entries (<see cref="ListNode"/>, <see cref="PackedEntry"/>) holding up to
/// list-max-listpack-size (default -2: 8 KB) of them. A small list is one compact buffer and no
/// per-element object; a push or pop at either end touches one node and allocates nothing while
/// the node has room. Index access walks node counts, then entries within one node, as Redis
/// does. Redis 7.0 reports every list as "quicklist" (the plain listpack encoding for small lists
/// came in 7.2), and so does this.
/// <para>
/// Spans returned by reads and pops point into node buffers: they are valid until the list is
/// changed again.
/// </para>
/// </summary>
public sealed class ListValue : RedisObject, ISortableValue
{
    /// <summary>Redis AOF_REWRITE_ITEMS_PER_CMD.</summary>
    private const int ItemsPerRebuildCommand = 64;

    /// <summary>Circular deque of nodes; the capacity is a power of two.</summary>
    private ListNode[] _nodes = new ListNode[1];
    private int _head;
    private int _nodeCount;
    /// <summary>A node emptied by pops, kept for the next push so a list used as a queue stops allocating.</summary>
    private ListNode? _spare;

    public ListValue(byte[] key) : base(key)
    {
    }

    public long Count { get; private set; }

    public override RedisType Type => RedisType.List;

    public override string Encoding => "quicklist";

    /// <summary>Number of nodes (tests and introspection).</summary>
    public int NodeCount => _nodeCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ListNode NodeAt(int index) => _nodes[(_head + index) & (_nodes.Length - 1)];

    public void PushHead(ReadOnlySpan<byte> value)
    {
        var fill = EncodingLimits.ListMaxListpackSize;
        var size = PackedEntry.Size(value.Length);
        if (_nodeCount == 0 || !NodeAt(0).Fits(size, fill)) InsertNode(0, NewNode(size, fill, forHead: true));
        NodeAt(0).PushHead(value);
        Count++;
    }

    public void PushTail(ReadOnlySpan<byte> value)
    {
        var fill = EncodingLimits.ListMaxListpackSize;
        var size = PackedEntry.Size(value.Length);
        if (_nodeCount == 0 || !NodeAt(_nodeCount - 1).Fits(size, fill)) InsertNode(_nodeCount, NewNode(size, fill, forHead: false));
        NodeAt(_nodeCount - 1).PushTail(value);
        Count++;
    }

    public void Push(ReadOnlySpan<byte> value, bool atHead)
    {
        if (atHead) PushHead(value);
        else PushTail(value);
    }

    /// <summary>Removes and returns the first element (valid until the next change). The list must not be empty.</summary>
    public ReadOnlySpan<byte> PopHead()
    {
        var node = NodeAt(0);
        var value = node.PopHead();
        Count--;
        if (node.Count == 0) RemoveNode(0);
        return value;
    }

    public ReadOnlySpan<byte> PopTail()
    {
        var node = NodeAt(_nodeCount - 1);
        var value = node.PopTail();
        Count--;
        if (node.Count == 0) RemoveNode(_nodeCount - 1);
        return value;
    }

    public ReadOnlySpan<byte> Pop(bool atHead) => atHead ? PopHead() : PopTail();

    /// <summary>Bytes one element of <paramref name="valueLength"/> bytes takes in a node.</summary>
    public static int EntrySize(int valueLength) => PackedEntry.Size(valueLength);

    /// <summary>
    /// A new list about to receive <paramref name="bytes"/> of entries (see <see cref="EntrySize"/>)
    /// gets its first node sized for them at once, so RPUSH of many elements builds one exact buffer.
    /// </summary>
    public void ReserveForPush(long bytes, bool atHead)
    {
        if (_nodeCount != 0) return;
        var fill = EncodingLimits.ListMaxListpackSize;
        var capacity = (int)Math.Clamp(bytes, 16, ListNode.MaxBytes(fill));
        InsertNode(0, new ListNode(capacity, atHead));
    }

    /// <summary>Drops <paramref name="count"/> elements from the head (LTRIM, LPOP count).</summary>
    public void RemoveHead(long count)
    {
        count = Math.Min(count, Count);
        Count -= count;
        while (count > 0)
        {
            var node = NodeAt(0);
            if (count >= node.Count)
            {
                count -= node.Count;
                RemoveNode(0);
                continue;
            }
            node.RemoveHead((int)count);
            break;
        }
    }

    public void RemoveTail(long count)
    {
        count = Math.Min(count, Count);
        Count -= count;
        while (count > 0)
        {
            var node = NodeAt(_nodeCount - 1);
            if (count >= node.Count)
            {
                count -= node.Count;
                RemoveNode(_nodeCount - 1);
                continue;
            }
            node.RemoveTail((int)count);
            break;
        }
    }

    /// <summary>The element at a 0-based index (0 &lt;= index &lt; Count).</summary>
    public ReadOnlySpan<byte> Get(long index)
    {
        var node = Locate(index, out _, out var offset);
        PackedEntry.ReadForward(node.Buffer, offset, out var data, out var length);
        return node.Buffer.AsSpan(data, length);
    }

    /// <summary>LSET: replaces the element at a 0-based index, in place in its node (Redis 7.0 lpReplace).</summary>
    public void Set(long index, ReadOnlySpan<byte> value)
    {
        var node = Locate(index, out _, out var offset);
        var end = PackedEntry.ReadForward(node.Buffer, offset, out _, out _);
        node.Splice(offset, end, 1, value, insert: true);
    }

    /// <summary>
    /// LINSERT: inserts <paramref name="value"/> before or after the first element equal to
    /// <paramref name="pivot"/>. False when there is no such element.
    /// </summary>
    public bool Insert(ReadOnlySpan<byte> pivot, ReadOnlySpan<byte> value, bool after)
    {
        for (var n = 0; n < _nodeCount; n++)
        {
            var node = NodeAt(n);
            var position = node.Start;
            for (var i = 0; i < node.Count; i++)
            {
                var next = PackedEntry.ReadForward(node.Buffer, position, out var data, out var length);
                if (node.Buffer.AsSpan(data, length).SequenceEqual(pivot))
                {
                    InsertAt(n, after ? next : position, after ? i + 1 : i, value);
                    return true;
                }
                position = next;
            }
        }
        return false;
    }

    /// <summary>Inserts into node <paramref name="n"/> at byte <paramref name="at"/> (entry index <paramref name="index"/> in the node), splitting a full node.</summary>
    private void InsertAt(int n, int at, int index, ReadOnlySpan<byte> value)
    {
        var fill = EncodingLimits.ListMaxListpackSize;
        var size = PackedEntry.Size(value.Length);
        var node = NodeAt(n);
        Count++;
        if (node.Fits(size, fill))
        {
            node.Splice(at, at, 0, value, insert: true);
            return;
        }
        // Full: prefer a neighbour with room at the boundary, else split here (Redis _quicklistInsert).
        if (index == 0 && n > 0 && NodeAt(n - 1).Fits(size, fill))
        {
            NodeAt(n - 1).PushTail(value);
            return;
        }
        if (index == node.Count && n + 1 < _nodeCount && NodeAt(n + 1).Fits(size, fill))
        {
            NodeAt(n + 1).PushHead(value);
            return;
        }
        if (index == 0 || index == node.Count)
        {
            var fresh = NewNode(size, fill, forHead: index == 0);
            if (index == 0) fresh.PushHead(value);
            else fresh.PushTail(value);
            InsertNode(index == 0 ? n : n + 1, fresh);
            return;
        }
        var tail = node.SplitAt(at, node.Count - index);
        InsertNode(n + 1, tail);
        if (node.Fits(size, fill)) node.PushTail(value);
        else if (tail.Fits(size, fill)) tail.PushHead(value);
        else
        {
            var fresh = NewNode(size, fill, forHead: false);
            fresh.PushTail(value);
            InsertNode(n + 1, fresh);
        }
    }

    /// <summary>
    /// LREM: removes elements equal to <paramref name="value"/>: up to <paramref name="count"/>
    /// from the head when positive, from the tail when negative, all when 0. Returns how many.
    /// </summary>
    public long Remove(ReadOnlySpan<byte> value, long count)
    {
        var fromTail = count < 0;
        var limit = count == 0 ? long.MaxValue : count == long.MinValue ? long.MaxValue : Math.Abs(count);
        long removed = 0;
        var n = fromTail ? _nodeCount - 1 : 0;
        while (n >= 0 && n < _nodeCount && removed < limit)
        {
            var node = NodeAt(n);
            removed += node.RemoveMatching(value, limit - removed, fromTail);
            if (node.Count == 0) RemoveNode(n);
            if (fromTail) n--;
            else if (node.Count > 0) n++;
        }
        Count -= removed;
        return removed;
    }

    /// <summary>A cursor positioned before the element at <paramref name="index"/>, walking toward the tail, or toward the head when <paramref name="reverse"/>.</summary>
    public ListCursor CursorAt(long index, bool reverse = false)
    {
        if (index < 0 || index >= Count) return new ListCursor(this, _nodeCount, 0, reverse);
        var node = Locate(index, out var n, out var offset);
        if (reverse) offset = PackedEntry.ReadForward(node.Buffer, offset, out _, out _);
        return new ListCursor(this, n, offset, reverse);
    }

    internal int NodeCountForCursor => _nodeCount;

    internal ListNode NodeForCursor(int index) => NodeAt(index);

    /// <summary>Finds the node holding element <paramref name="index"/> and the byte offset of its entry, from the nearer end.</summary>
    private ListNode Locate(long index, out int nodeIndex, out int offset)
    {
        if (index < Count / 2)
        {
            for (var n = 0; ; n++)
            {
                var node = NodeAt(n);
                if (index < node.Count)
                {
                    nodeIndex = n;
                    offset = node.OffsetOf((int)index);
                    return node;
                }
                index -= node.Count;
            }
        }
        var fromEnd = Count - 1 - index; // 0 = last element
        for (var n = _nodeCount - 1; ; n--)
        {
            var node = NodeAt(n);
            if (fromEnd < node.Count)
            {
                nodeIndex = n;
                offset = node.OffsetOf(node.Count - 1 - (int)fromEnd);
                return node;
            }
            fromEnd -= node.Count;
        }
    }

    private ListNode NewNode(int entrySize, int fill, bool forHead)
    {
        if (_spare is { } spare && spare.Buffer.Length >= entrySize)
        {
            _spare = null;
            spare.Reset(forHead);
            return spare;
        }
        // The first node starts small (most lists are); later ones will fill to the node limit.
        var capacity = _nodeCount == 0 || fill >= 0
            ? Math.Max(entrySize + 16, 32)
            : Math.Max(entrySize, ListNode.MaxBytes(fill));
        return new ListNode(capacity, forHead);
    }

    private void InsertNode(int index, ListNode node)
    {
        if (_nodeCount == _nodes.Length)
        {
            var bigger = new ListNode[_nodes.Length * 2];
            for (var i = 0; i < _nodeCount; i++) bigger[i] = NodeAt(i);
            _nodes = bigger;
            _head = 0;
        }
        var mask = _nodes.Length - 1;
        if (index == 0)
        {
            _head = (_head - 1) & mask;
        }
        else
        {
            for (var i = _nodeCount; i > index; i--) _nodes[(_head + i) & mask] = _nodes[(_head + i - 1) & mask];
        }
        _nodes[(_head + index) & mask] = node;
        _nodeCount++;
    }

    private void RemoveNode(int index)
    {
        var mask = _nodes.Length - 1;
        var node = _nodes[(_head + index) & mask];
        if (index == 0)
        {
            _nodes[_head] = null!;
            _head = (_head + 1) & mask;
        }
        else
        {
            for (var i = index; i < _nodeCount - 1; i++) _nodes[(_head + i) & mask] = _nodes[(_head + i + 1) & mask];
            _nodes[(_head + _nodeCount - 1) & mask] = null!;
        }
        _nodeCount--;
        // A list that still has a node was bigger than one node: keeping the emptied one for the
        // next new node costs at most one node, and a list used as a queue stops allocating.
        _spare = _nodeCount > 0 && node.Buffer.Length <= ListNode.MaxBytes(-5) ? node : null;
    }

    /// <summary>SORT's view: the elements head to tail (copied: a cursor cannot live across yields).</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Elements()
    {
        var elements = new List<ReadOnlyMemory<byte>>((int)Math.Min(Count, int.MaxValue));
        var cursor = CursorAt(0);
        while (cursor.MoveNext()) elements.Add(cursor.Current.ToArray());
        return elements;
    }

    public override RedisObject CloneWithKey(byte[] key)
    {
        var copy = new ListValue(key) { Count = Count };
        var capacity = 1;
        while (capacity < _nodeCount) capacity *= 2;
        copy._nodes = new ListNode[capacity];
        for (var i = 0; i < _nodeCount; i++)
        {
            var node = NodeAt(i);
            copy._nodes[i] = new ListNode(node.Packed, node.Count);
        }
        copy._nodeCount = _nodeCount;
        return copy;
    }

    /// <summary>RPUSH key e1 .. e64, in order. Reads only (runs on the rewriter's thread).</summary>
    public override IEnumerable<byte[][]> RebuildCommands()
    {
        var batch = new List<byte[]>(ItemsPerRebuildCommand + 2);
        for (var n = 0; n < _nodeCount; n++)
        {
            var node = NodeAt(n);
            var position = node.Start;
            while (position < node.End)
            {
                position = PackedEntry.ReadForward(node.Buffer, position, out var data, out var length);
                if (batch.Count == 0)
                {
                    batch.Add("RPUSH"u8.ToArray());
                    batch.Add(Key);
                }
                batch.Add(node.Buffer.AsSpan(data, length).ToArray());
                if (batch.Count == ItemsPerRebuildCommand + 2)
                {
                    yield return batch.ToArray();
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0) yield return batch.ToArray();
    }
}

/// <summary>
/// Walks a <see cref="ListValue"/> element by element, toward the tail or the head, reading the
/// packed node buffers directly (LRANGE writes its reply from here without copying elements).
/// Invalid once the list changes.
/// </summary>
public ref struct ListCursor
{
    private readonly ListValue _list;
    private readonly bool _reverse;
    private int _node;
    private int _position;
    private ListNode? _current;

    internal ListCursor(ListValue list, int node, int position, bool reverse)
    {
        _list = list;
        _reverse = reverse;
        _node = node;
        _position = position;
        _current = node >= 0 && node < list.NodeCountForCursor ? list.NodeForCursor(node) : null;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        var node = _current;
        if (node is null) return false;
        int data, length;
        if (!_reverse)
        {
            if (_position >= node.End)
            {
                if (!Advance()) return false;
                node = _current!;
            }
            _position = PackedEntry.ReadForward(node.Buffer, _position, out data, out length);
        }
        else
        {
            if (_position <= node.Start)
            {
                if (!Advance()) return false;
                node = _current!;
            }
            _position = PackedEntry.ReadBackward(node.Buffer, _position, out data, out length);
        }
        Current = node.Buffer.AsSpan(data, length);
        return true;
    }

    private bool Advance()
    {
        _node += _reverse ? -1 : 1;
        if (_node < 0 || _node >= _list.NodeCountForCursor)
        {
            _current = null;
            return false;
        }
        _current = _list.NodeForCursor(_node);
        _position = _reverse ? _current.End : _current.Start;
        return true;
    }
}
