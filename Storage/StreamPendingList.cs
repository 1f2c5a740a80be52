using System.Collections;

namespace EventLoopKv.Storage;

/// <summary>
/// A pending entries list ordered by ID (Redis keeps a radix tree per group and per consumer):
/// sorted chunks of at most <see cref="ChunkSize"/> references, found by binary search on each
/// chunk's last ID. Lookup and seek are O(log n), a range walk costs what it returns, and an
/// entry costs one reference per list it is in (a SortedSet node would cost ~48 bytes, and its
/// GetViewBetween counts the whole range before returning the first item).
/// <para>
/// Deliveries come in ID order, so appending past the end starts a new chunk when the last one
/// is full instead of splitting it: chunks stay full under XREADGROUP.
/// </para>
/// </summary>
public sealed class StreamPendingList : IEnumerable<StreamPendingEntry>
{
    private const int ChunkSize = 128;

    private readonly List<List<StreamPendingEntry>> _chunks = [];

    public int Count { get; private set; }

    public StreamPendingEntry? Min => Count == 0 ? null : _chunks[0][0];

    public StreamPendingEntry? Max => Count == 0 ? null : _chunks[^1][^1];

    public StreamPendingEntry? Find(StreamId id)
    {
        var chunk = ChunkFor(id);
        if (chunk == _chunks.Count) return null;
        var items = _chunks[chunk];
        var index = LowerBound(items, id);
        return index < items.Count && items[index].Id == id ? items[index] : null;
    }

    /// <summary>Adds an entry whose ID is not in the list yet.</summary>
    public void Add(StreamPendingEntry entry)
    {
        Count++;
        var chunk = ChunkFor(entry.Id);
        if (chunk == _chunks.Count)
        {
            // Past the end: the usual case.
            if (_chunks.Count == 0 || _chunks[^1].Count >= ChunkSize) _chunks.Add(new List<StreamPendingEntry>(4) { entry });
            else _chunks[^1].Add(entry);
            return;
        }
        var items = _chunks[chunk];
        items.Insert(LowerBound(items, entry.Id), entry);
        if (items.Count <= ChunkSize) return;
        var half = items.Count / 2;
        var upper = items.GetRange(half, items.Count - half);
        items.RemoveRange(half, items.Count - half);
        _chunks.Insert(chunk + 1, upper);
    }

    public bool Remove(StreamPendingEntry entry)
    {
        var chunk = ChunkFor(entry.Id);
        if (chunk == _chunks.Count) return false;
        var items = _chunks[chunk];
        var index = LowerBound(items, entry.Id);
        if (index == items.Count || items[index] != entry) return false;
        items.RemoveAt(index);
        if (items.Count == 0) _chunks.RemoveAt(chunk);
        Count--;
        return true;
    }

    /// <summary>Entries with start &lt;= ID &lt;= end, in order; the list must not change while walking it.</summary>
    public RangeEnumerable Range(StreamId start, StreamId end) => new(this, start, end);

    public RangeEnumerable.Enumerator GetEnumerator() => Range(StreamId.Zero, StreamId.Max).GetEnumerator();

    IEnumerator<StreamPendingEntry> IEnumerable<StreamPendingEntry>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The first chunk whose last ID is &gt;= <paramref name="id"/>, or the chunk count.</summary>
    private int ChunkFor(StreamId id)
    {
        int low = 0, high = _chunks.Count - 1, found = _chunks.Count;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_chunks[middle][^1].Id >= id)
            {
                found = middle;
                high = middle - 1;
            }
            else low = middle + 1;
        }
        return found;
    }

    private static int LowerBound(List<StreamPendingEntry> items, StreamId id)
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (items[middle].Id < id) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    public readonly struct RangeEnumerable(StreamPendingList list, StreamId start, StreamId end) : IEnumerable<StreamPendingEntry>
    {
        public Enumerator GetEnumerator()
        {
            var chunk = list.ChunkFor(start);
            var index = chunk < list._chunks.Count ? LowerBound(list._chunks[chunk], start) : 0;
            return new Enumerator(list, chunk, index, start <= end ? end : StreamId.Zero, start <= end);
        }

        IEnumerator<StreamPendingEntry> IEnumerable<StreamPendingEntry>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<StreamPendingEntry>
        {
            private readonly StreamPendingList _list;
            private readonly StreamId _end;
            private readonly bool _any;
            private int _chunk;
            private int _index;

            internal Enumerator(StreamPendingList list, int chunk, int index, StreamId end, bool any)
            {
                _list = list;
                _chunk = chunk;
                _index = index - 1;
                _end = end;
                _any = any;
                Current = null!;
            }

            public StreamPendingEntry Current { get; private set; }

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (!_any) return false;
                var chunks = _list._chunks;
                while (_chunk < chunks.Count)
                {
                    if (++_index < chunks[_chunk].Count)
                    {
                        var entry = chunks[_chunk][_index];
                        if (entry.Id > _end) return false;
                        Current = entry;
                        return true;
                    }
                    _chunk++;
                    _index = -1;
                }
                return false;
            }

            public void Reset() => throw new NotSupportedException();

            public readonly void Dispose() { }
        }
    }
}
