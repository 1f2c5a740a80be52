namespace EventLoopKv.Storage;

/// <summary>
/// A delivered, not yet acknowledged entry (Redis streamNACK): one object per pending entry, in
/// the group's PEL and in its owner's, both ordered by ID (<see cref="StreamPendingList"/>);
/// Redis keeps the same two radix trees.
/// </summary>
public sealed class StreamPendingEntry(StreamId id)
{
    public StreamId Id { get; } = id;
    /// <summary>Unix ms of the last delivery (XPENDING's idle time is now minus this).</summary>
    public long DeliveryTime { get; set; }
    public long DeliveryCount { get; set; }
    /// <summary>The consumer that owns it; null only transiently while XCLAIM FORCE creates it.</summary>
    public StreamConsumer? Consumer { get; internal set; }
}

/// <summary>A consumer of a group: its name, when it was last seen, and its own PEL.</summary>
public sealed class StreamConsumer(byte[] name, long seenTime)
{
    public byte[] Name { get; } = name;
    public long SeenTime { get; set; } = seenTime;
    public StreamPendingList Pending { get; } = new();
}

/// <summary>
/// A consumer group (Redis streamCG): the last delivered ID, the logical read counter Redis 7
/// keeps for XINFO's lag (-1 when unknown), the group PEL ordered by ID and the consumers
/// ordered by name (Redis keeps them in a radix tree, so XINFO lists them in byte order).
/// Consumers are few per group, so a sorted list looked up by binary search costs no
/// allocation per lookup.
/// </summary>
public sealed class StreamGroup(byte[] name, StreamId lastId, long entriesRead)
{
    /// <summary>Redis SCG_INVALID_ENTRIES_READ.</summary>
    public const long InvalidEntriesRead = -1;

    private readonly List<StreamConsumer> _consumers = [];

    public byte[] Name { get; } = name;
    public StreamId LastId { get; set; } = lastId;
    public long EntriesRead { get; set; } = entriesRead;
    public StreamPendingList Pending { get; } = new();
    public IReadOnlyList<StreamConsumer> Consumers => _consumers;

    public StreamPendingEntry? FindPending(StreamId id) => Pending.Find(id);

    public StreamConsumer? FindConsumer(ReadOnlySpan<byte> name)
    {
        var index = IndexOfConsumer(name);
        return index >= 0 ? _consumers[index] : null;
    }

    /// <summary>Creates the consumer; null when it already exists.</summary>
    public StreamConsumer? CreateConsumer(ReadOnlySpan<byte> name, long nowMs)
    {
        var index = IndexOfConsumer(name);
        if (index >= 0) return null;
        var consumer = new StreamConsumer(name.ToArray(), nowMs);
        _consumers.Insert(~index, consumer);
        return consumer;
    }

    /// <summary>Deletes a consumer and its pending entries (they leave the group PEL too); returns how many it had.</summary>
    public long DeleteConsumer(StreamConsumer consumer)
    {
        long pending = consumer.Pending.Count;
        foreach (var entry in consumer.Pending) Pending.Remove(entry);
        _consumers.RemoveAt(IndexOfConsumer(consumer.Name));
        return pending;
    }

    /// <summary>
    /// Records a delivery of <paramref name="id"/> to <paramref name="consumer"/> (XREADGROUP):
    /// a new pending entry, or, if another consumer had it (after XGROUP SETID moved the group
    /// back), the entry moves to this one with its counter reset, as Redis does.
    /// </summary>
    public StreamPendingEntry Deliver(StreamId id, StreamConsumer consumer, long nowMs)
    {
        var entry = FindPending(id);
        if (entry is null)
        {
            entry = new StreamPendingEntry(id) { DeliveryTime = nowMs, DeliveryCount = 1, Consumer = consumer };
            Pending.Add(entry);
            consumer.Pending.Add(entry);
            return entry;
        }
        entry.Consumer!.Pending.Remove(entry);
        entry.Consumer = consumer;
        entry.DeliveryTime = nowMs;
        entry.DeliveryCount = 1;
        consumer.Pending.Add(entry);
        return entry;
    }

    /// <summary>A pending entry created without an owner yet (XCLAIM FORCE); like any new one it counts one delivery.</summary>
    public StreamPendingEntry AddOrphan(StreamId id)
    {
        var entry = new StreamPendingEntry(id) { DeliveryCount = 1 };
        Pending.Add(entry);
        return entry;
    }

    /// <summary>Moves a pending entry to <paramref name="consumer"/>.</summary>
    public static void Assign(StreamPendingEntry entry, StreamConsumer consumer)
    {
        if (entry.Consumer == consumer) return;
        entry.Consumer?.Pending.Remove(entry);
        entry.Consumer = consumer;
        consumer.Pending.Add(entry);
    }

    /// <summary>Removes a pending entry from both PELs (XACK, or an entry that no longer exists in the stream).</summary>
    public void Remove(StreamPendingEntry entry)
    {
        Pending.Remove(entry);
        entry.Consumer?.Pending.Remove(entry);
    }

    private int IndexOfConsumer(ReadOnlySpan<byte> name)
    {
        int low = 0, high = _consumers.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = _consumers[middle].Name.AsSpan().SequenceCompareTo(name);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    public StreamGroup Clone()
    {
        var copy = new StreamGroup(Name, LastId, EntriesRead);
        var owners = new Dictionary<StreamConsumer, StreamConsumer>(_consumers.Count);
        foreach (var consumer in _consumers)
        {
            var twin = new StreamConsumer(consumer.Name, consumer.SeenTime);
            copy._consumers.Add(twin);
            owners[consumer] = twin;
        }
        foreach (var entry in Pending)
        {
            var owner = entry.Consumer is null ? null : owners[entry.Consumer];
            var twin = new StreamPendingEntry(entry.Id) { DeliveryTime = entry.DeliveryTime, DeliveryCount = entry.DeliveryCount, Consumer = owner };
            copy.Pending.Add(twin);
            owner?.Pending.Add(twin);
        }
        return copy;
    }
}
