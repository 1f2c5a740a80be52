namespace EventLoopKv.Storage;

/// <summary>
/// A collection SORT can read (Redis sorts lists, sets and sorted sets): its elements in their
/// native order, a list head to tail, a sorted set by ascending rank, a set in any order. SORT
/// copies what it needs, so the enumeration may hand out slices of internal buffers that are
/// valid only until the next element.
/// </summary>
public interface ISortableValue
{
    IEnumerable<ReadOnlyMemory<byte>> Elements();
}
