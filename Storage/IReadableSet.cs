namespace EventLoopKv.Storage;

/// <summary>
/// A plain set as the sorted-set algebra reads it: ZUNION, ZINTER, ZDIFF, their STORE forms and
/// ZINTERCARD accept sets as inputs, every member scoring 1 (Redis zuiInitIterator on OBJ_SET).
/// The set type implements this so the sorted-set commands need not know its encodings.
/// </summary>
public interface IReadableSet
{
    long Count { get; }

    bool Contains(ReadOnlySpan<byte> member);

    /// <summary>Every member once, in any order; only read.</summary>
    IEnumerable<byte[]> Members();
}
