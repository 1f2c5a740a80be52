using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The keyspace hash table of one database: non-concurrent, owned by the loop thread, keyed by
/// byte content.
/// <para>
/// Redis's dict grows by incremental rehashing so that no resize stalls the server. This table
/// reaches the same goal by extendible hashing (the layout of Dragonfly's dashtable): a directory
/// indexed by the top bits of the hash points at fixed-size <see cref="Segment"/>s, and only the
/// one segment that fills up splits. The directory itself doubles when needed, which copies one
/// pointer per segment (about 500 for a million keys).
/// </para>
/// <para>
/// Snapshots: <see cref="BeginSnapshot"/> freezes the segments as they are; every later write goes
/// through <see cref="WritableSegment"/>, which copies a frozen segment first (copy-on-write, at
/// most once per segment per snapshot). Splits build two new segments and leave the old one
/// untouched, so growth is safe during a snapshot too.
/// </para>
/// </summary>
public sealed class KeyTable
{
    /// <summary>Bits of the 32-bit hash the directory may use; the segment's buckets use the low <see cref="Segment.BucketBits"/>.</summary>
    private const int MaxDepth = 32 - Segment.BucketBits;

    private Segment[] _directory = [];
    private int _globalDepth;
    private long _generation;
    private bool _snapshotRunning;

    public long Count { get; private set; }
    public long VolatileCount { get; private set; }

    /// <summary>Bumped by each snapshot; objects and segments stamped with an older one are frozen while it runs.</summary>
    public long Generation => _generation;

    /// <summary>True while a snapshot holds frozen segments; values must not be changed in place.</summary>
    public bool SnapshotRunning => _snapshotRunning;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DirectoryIndex(int hash) => _globalDepth == 0 ? 0 : (int)((uint)hash >> (32 - _globalDepth));

    /// <summary>Finds a key for reading. Returns a reference to its entry, or a null reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry Find(ReadOnlySpan<byte> key, int hash)
    {
        if (_directory.Length == 0) return ref Unsafe.NullRef<Entry>();
        var segment = _directory[DirectoryIndex(hash)];
        var slot = segment.Find(key, hash);
        if (slot < 0) return ref Unsafe.NullRef<Entry>();
        return ref segment.Entries[slot];
    }

    /// <summary>Finds a key in order to change its entry (copying a frozen segment first).</summary>
    public ref Entry FindForWrite(ReadOnlySpan<byte> key, int hash)
    {
        if (_directory.Length == 0) return ref Unsafe.NullRef<Entry>();
        var segment = _directory[DirectoryIndex(hash)];
        var slot = segment.Find(key, hash);
        if (slot < 0) return ref Unsafe.NullRef<Entry>();
        return ref WritableSegment(hash).Entries[slot];
    }

    /// <summary>Adds a key that is not present.</summary>
    public ref Entry Add(object item, int hash, long expireAt)
    {
        if (_directory.Length == 0) _directory = [new Segment(0, _generation)];
        var segment = WritableSegment(hash);
        while (segment.IsFull && segment.LocalDepth < MaxDepth)
        {
            Split(segment);
            segment = WritableSegment(hash);
        }
        var slot = segment.Add(item, hash, expireAt);
        Count++;
        if (expireAt != 0) VolatileCount++;
        return ref segment.Entries[slot];
    }

    public bool Remove(ReadOnlySpan<byte> key, int hash)
    {
        if (_directory.Length == 0) return false;
        var segment = _directory[DirectoryIndex(hash)];
        var slot = segment.Find(key, hash);
        if (slot < 0) return false;
        segment = WritableSegment(hash);
        if (segment.Entries[slot].ExpireAt != 0) VolatileCount--;
        segment.Remove(slot);
        Count--;
        return true;
    }

    /// <summary>Sets or clears the expiry of an entry found with <see cref="FindForWrite"/>, keeping the counts right.</summary>
    public void SetExpire(ref Entry entry, long expireAt)
    {
        var segment = _directory[DirectoryIndex(entry.Hash)];
        if (entry.ExpireAt == 0 && expireAt != 0) { segment.VolatileCount++; VolatileCount++; }
        else if (entry.ExpireAt != 0 && expireAt == 0) { segment.VolatileCount--; VolatileCount--; }
        entry.ExpireAt = expireAt;
    }

    public void Clear()
    {
        _directory = [];
        _globalDepth = 0;
        Count = 0;
        VolatileCount = 0;
    }

    /// <summary>The segment that owns <paramref name="hash"/>, copied first if a snapshot froze it.</summary>
    private Segment WritableSegment(int hash)
    {
        var index = DirectoryIndex(hash);
        var segment = _directory[index];
        if (!_snapshotRunning || segment.Generation == _generation) return segment;
        if (Volatile.Read(ref segment.ReleasedGeneration) == _generation)
        {
            // The snapshot has already read this segment: no copy needed.
            segment.Generation = _generation;
            return segment;
        }
        var copy = segment.CloneForGeneration(_generation);
        ReplaceInDirectory(index, segment.LocalDepth, copy, copy);
        return copy;
    }

    private void Split(Segment segment)
    {
        var depth = segment.LocalDepth;
        if (depth == _globalDepth) DoubleDirectory();
        var zero = new Segment(depth + 1, _generation);
        var one = new Segment(depth + 1, _generation);
        var bit = 31 - depth;
        var entries = segment.Entries;
        for (var i = 0; i < segment.Used; i++)
        {
            ref var entry = ref entries[i];
            if (entry.Item is null) continue;
            var target = ((entry.Hash >> bit) & 1) == 0 ? zero : one;
            target.Add(entry.Item, entry.Hash, entry.ExpireAt);
        }
        ReplaceInDirectory(DirectoryIndex(FirstHashOf(segment)), depth, zero, one);
    }

    /// <summary>Any hash that maps to the segment (all its keys share the top LocalDepth bits).</summary>
    private static int FirstHashOf(Segment segment)
    {
        for (var i = 0; i < segment.Used; i++)
            if (segment.Entries[i].Item is not null) return segment.Entries[i].Hash;
        throw new InvalidOperationException("a segment splits only when full");
    }

    /// <summary>
    /// Points the directory slots of the segment (local depth <paramref name="depth"/>) that holds
    /// directory index <paramref name="index"/> at <paramref name="low"/> (first half) and
    /// <paramref name="high"/> (second half).
    /// </summary>
    private void ReplaceInDirectory(int index, int depth, Segment low, Segment high)
    {
        var span = 1 << (_globalDepth - depth);
        var start = index & ~(span - 1);
        var half = span / 2;
        for (var i = 0; i < span; i++)
            _directory[start + i] = span == 1 || i < half ? low : high;
    }

    private void DoubleDirectory()
    {
        var doubled = new Segment[_directory.Length * 2];
        for (var i = 0; i < _directory.Length; i++)
        {
            doubled[2 * i] = _directory[i];
            doubled[2 * i + 1] = _directory[i];
        }
        _directory = doubled;
        _globalDepth++;
    }

    /// <summary>
    /// Visits the keys of a few buckets starting at <paramref name="cursor"/> and returns the next
    /// cursor, 0 when the iteration is complete.
    /// <para>
    /// The cursor is a position in hash order: the segment's first hash prefix (in
    /// <see cref="MaxDepth"/>-bit space) and a bucket. A split keeps every key's prefix and bucket,
    /// so a key present for the whole iteration is always visited (some may be visited twice),
    /// which is SCAN's guarantee.
    /// </para>
    /// </summary>
    public ulong Scan(ulong cursor, int count, Action<object> visit)
    {
        if (_directory.Length == 0 || Count == 0) return 0;
        var prefix = (int)((cursor >> Segment.BucketBits) & ((1UL << MaxDepth) - 1));
        var bucket = (int)(cursor & (Segment.BucketCount - 1));
        var visited = 0;
        // Redis visits at most count*10 buckets per call; its table is about as large as its key
        // count, ours has 1024 buckets per segment however few keys it holds, so empty buckets
        // get their own, larger allowance (a few tens of microseconds of work).
        var maxBuckets = Math.Max(count, 1) * 10;
        var maxEmptyBuckets = 64 * 1024;
        var buckets = 0;
        var empty = 0;
        while (visited < count && buckets < maxBuckets && empty < maxEmptyBuckets)
        {
            var segment = _directory[prefix >> (MaxDepth - _globalDepth)];
            var index = segment.Buckets[bucket];
            if (index == 0) empty++;
            else buckets++;
            while (index != 0)
            {
                ref var entry = ref segment.Entries[index - 1];
                visit(entry.Item!);
                visited++;
                index = entry.Next;
            }
            if (++bucket == Segment.BucketCount)
            {
                bucket = 0;
                var width = 1 << (MaxDepth - segment.LocalDepth);
                prefix = (prefix & ~(width - 1)) + width;
                if (prefix >= 1 << MaxDepth) return 0;
            }
        }
        return ((ulong)prefix << Segment.BucketBits) | (uint)bucket;
    }

    /// <summary>Every live entry, in no particular order (KEYS, FLUSH accounting, the snapshot writer).</summary>
    public IEnumerable<(object Item, long ExpireAt)> Items()
    {
        Segment? previous = null;
        foreach (var segment in _directory)
        {
            if (ReferenceEquals(segment, previous)) continue;
            previous = segment;
            for (var i = 0; i < segment.Used; i++)
                if (segment.Entries[i].Item is { } item) yield return (item, segment.Entries[i].ExpireAt);
        }
    }

    /// <summary>A random entry, or a null reference when the table is empty (RANDOMKEY).</summary>
    public ref Entry Random(Random random)
    {
        if (Count == 0) return ref Unsafe.NullRef<Entry>();
        // Sample slots: segments are at least ~half full on average, so this ends in a few tries.
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var segment = _directory[random.Next(_directory.Length)];
            if (segment.Used == 0) continue;
            var slot = random.Next(segment.Used);
            if (segment.Entries[slot].Item is not null) return ref segment.Entries[slot];
        }
        foreach (var segment in _directory)
            for (var i = 0; i < segment.Used; i++)
                if (segment.Entries[i].Item is not null) return ref segment.Entries[i];
        return ref Unsafe.NullRef<Entry>();
    }

    /// <summary>
    /// Active expiry: walks entries from <paramref name="cursor"/> over at most
    /// <paramref name="maxSlots"/> slots of segments holding volatile keys, calling
    /// <paramref name="onExpired"/> for those whose time has come. Returns the next cursor.
    /// </summary>
    public long ExpireScan(long cursor, int maxSlots, long now, List<object> expired)
    {
        if (VolatileCount == 0 || _directory.Length == 0) return 0;
        var segmentIndex = (int)(cursor >> 32);
        var slot = (int)cursor;
        var examined = 0;
        while (examined < maxSlots)
        {
            if (segmentIndex >= _directory.Length) return 0;
            var segment = _directory[segmentIndex];
            var firstIndexOfSegment = segmentIndex & ~((1 << (_globalDepth - segment.LocalDepth)) - 1);
            if (segmentIndex != firstIndexOfSegment || segment.VolatileCount == 0 || slot >= segment.Used)
            {
                segmentIndex++;
                slot = 0;
                examined++;
                continue;
            }
            ref var entry = ref segment.Entries[slot];
            if (entry.ExpireAt != 0 && entry.ExpireAt <= now && entry.Item is not null) expired.Add(entry.Item);
            slot++;
            examined++;
        }
        return ((long)segmentIndex << 32) | (uint)slot;
    }

    /// <summary>
    /// Freezes the table as it is now and returns its segments for a background reader. Until
    /// <see cref="EndSnapshot"/>, every change copies a frozen segment first. Directory resizes are
    /// harmless: the snapshot holds its own list of segments.
    /// </summary>
    public TableSnapshot BeginSnapshot()
    {
        var distinct = new List<Segment>();
        Segment? previous = null;
        foreach (var segment in _directory)
        {
            if (ReferenceEquals(segment, previous)) continue;
            previous = segment;
            distinct.Add(segment);
        }
        _generation++;
        _snapshotRunning = true;
        return new TableSnapshot(distinct, _generation);
    }

    public void EndSnapshot() => _snapshotRunning = false;
}

/// <summary>A frozen, read-only view of a <see cref="KeyTable"/> as of a snapshot's start.</summary>
public sealed class TableSnapshot
{
    private readonly List<Segment> _segments;
    private readonly long _generation;

    internal TableSnapshot(List<Segment> segments, long generation)
    {
        _segments = segments;
        _generation = generation;
    }

    /// <summary>
    /// Every entry of the frozen view; safe to call from another thread, once. Each segment is
    /// released to the loop as soon as it has been read, so the loop copies only the segments
    /// it changes before the reader gets to them (the extra memory of a rewrite).
    /// </summary>
    public IEnumerable<Entry> Entries()
    {
        foreach (var segment in _segments)
        {
            for (var i = 0; i < segment.Used; i++)
                if (segment.Entries[i].Item is not null) yield return segment.Entries[i];
            Volatile.Write(ref segment.ReleasedGeneration, _generation);
        }
    }
}
