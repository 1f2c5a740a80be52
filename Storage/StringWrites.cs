namespace EventLoopKv.Storage;

/// <summary>
/// Copy-on-write for strings that commands edit in place (SETBIT, BITFIELD, PFADD, PFCOUNT's
/// cached cardinality): the same rule as <see cref="Database.Mutable{T}"/> for collections.
/// </summary>
public static class StringWrites
{
    /// <summary>
    /// The string at <paramref name="entry"/> (found with <see cref="Database.FindForWrite"/>) as a
    /// <see cref="MutableString"/> this command may change in place, or null when the entry holds
    /// another type. A compact blob becomes a mutable string once (Redis's dbUnshareStringValue
    /// turning an embstr into a raw string); a mutable string that a running snapshot may still
    /// read is copied once per snapshot, not once per edit, so SETBIT on a 512 MB bitmap during a
    /// rewrite copies it once.
    /// </summary>
    public static MutableString? MutableStringOf(this Database db, ref Entry entry)
    {
        switch (entry.Item)
        {
            case MutableString:
                return db.Mutable<MutableString>(ref entry);
            case byte[] blob:
                var mutable = new MutableString(StringBlob.Key(blob).ToArray(), StringBlob.Value(blob)) { Generation = db.Table.Generation };
                entry.Item = mutable;
                return mutable;
            default:
                return null;
        }
    }
}
