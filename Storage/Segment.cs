namespace EventLoopKv.Storage;

/// <summary>
/// A fixed-size piece of a <see cref="KeyTable"/>: its own small chained hash table.
/// <para>
/// Fixed size is what keeps the loop from ever stalling on growth: a full segment splits into
/// two (moving at most <see cref="Capacity"/> entries, tens of microseconds) instead of the whole
/// table rehashing. It is also the unit of copy-on-write for snapshots: a segment is copied whole
/// before the loop changes one that a running snapshot still needs. At 2048 entries of 24 bytes
/// plus 1024 buckets it is 53 KB, below the 85 KB large-object threshold, so segments live in the
/// normal, compacting GC heap.
/// </para>
/// </summary>
internal sealed class Segment
{
    public const int Capacity = 2048;
    public const int BucketBits = 10;
    public const int BucketCount = 1 << BucketBits;

    public int[] Buckets;
    /// <summary>
    /// A copy made for a snapshot shares the frozen segment's bucket array until a key is added
    /// or removed: overwriting values (the common write) never touches the buckets, so most
    /// copies cost the entries only.
    /// </summary>
    private bool _bucketsShared;
    public Entry[] Entries;
    public int Count;
    public int VolatileCount;
    /// <summary>Slots below this index have been used; above it the array is untouched.</summary>
    public int Used;
    /// <summary>Head (index + 1) of the list of freed slots.</summary>
    public int FreeHead;
    /// <summary>How many leading hash bits all keys here share (extendible hashing).</summary>
    public int LocalDepth;
    /// <summary>The snapshot generation this segment belongs to; older ones are frozen while a snapshot needs them.</summary>
    public long Generation;
    /// <summary>
    /// The snapshot generation whose reader has finished with this segment (written by the
    /// snapshot's thread, read by the loop): from then on the loop may change it in place again.
    /// </summary>
    public long ReleasedGeneration;

    public Segment(int localDepth, long generation)
    {
        Buckets = new int[BucketCount];
        Entries = new Entry[Capacity];
        LocalDepth = localDepth;
        Generation = generation;
    }

    private Segment(Segment source, long generation)
    {
        Buckets = source.Buckets;
        _bucketsShared = true;
        Entries = (Entry[])source.Entries.Clone();
        Count = source.Count;
        VolatileCount = source.VolatileCount;
        Used = source.Used;
        FreeHead = source.FreeHead;
        LocalDepth = source.LocalDepth;
        Generation = generation;
    }

    public Segment CloneForGeneration(long generation) => new(this, generation);

    public bool IsFull => Count >= Entries.Length;

    public int Find(ReadOnlySpan<byte> key, int hash)
    {
        var index = Buckets[hash & (BucketCount - 1)];
        var entries = Entries;
        while (index != 0)
        {
            ref var entry = ref entries[index - 1];
            if (entry.Hash == hash && entry.Key.SequenceEqual(key)) return index - 1;
            index = entry.Next;
        }
        return -1;
    }

    private void OwnBuckets()
    {
        if (!_bucketsShared) return;
        Buckets = (int[])Buckets.Clone();
        _bucketsShared = false;
    }

    /// <summary>Adds a key known to be absent; the caller made sure there is room.</summary>
    public int Add(object item, int hash, long expireAt)
    {
        OwnBuckets();
        int slot;
        if (FreeHead != 0)
        {
            slot = FreeHead - 1;
            FreeHead = Entries[slot].Next;
        }
        else
        {
            if (Used == Entries.Length) Array.Resize(ref Entries, Entries.Length * 2); // only at the maximum depth
            slot = Used++;
        }
        ref var bucket = ref Buckets[hash & (BucketCount - 1)];
        ref var entry = ref Entries[slot];
        entry.Item = item;
        entry.Hash = hash;
        entry.ExpireAt = expireAt;
        entry.Next = bucket;
        bucket = slot + 1;
        Count++;
        if (expireAt != 0) VolatileCount++;
        return slot;
    }

    public void Remove(int slot)
    {
        OwnBuckets();
        ref var entry = ref Entries[slot];
        ref var link = ref Buckets[entry.Hash & (BucketCount - 1)];
        while (link != slot + 1) link = ref Entries[link - 1].Next;
        link = entry.Next;
        if (entry.ExpireAt != 0) VolatileCount--;
        entry = default;
        entry.Next = FreeHead;
        FreeHead = slot + 1;
        Count--;
    }
}
