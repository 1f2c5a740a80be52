namespace EventLoopKv.Storage;

/// <summary>
/// A stored value that is not a compact string blob (see <see cref="StringBlob"/>): it carries
/// its own key so an entry needs one reference only. Collections and mutable strings derive
/// from it.
/// </summary>
public abstract class RedisObject(byte[] key)
{
    public byte[] Key { get; internal set; } = key;

    public abstract RedisType Type { get; }

    /// <summary>
    /// The snapshot generation the object was created or last copied in. While a snapshot runs,
    /// an object from an older generation may be read by the snapshot writer, so it is copied
    /// before it is changed (see <see cref="Database.Mutable{T}"/>).
    /// </summary>
    internal long Generation { get; set; }

    /// <summary>OBJECT ENCODING's answer for this value as it is now.</summary>
    public abstract string Encoding { get; }

    /// <summary>
    /// A deep copy under another key (COPY, and copy-on-write while a snapshot runs).
    /// </summary>
    public abstract RedisObject CloneWithKey(byte[] key);

    /// <summary>
    /// The commands that rebuild this value from nothing, for an AOF rewrite: e.g.
    /// <c>RPUSH key e1 ... e64</c> in batches of at most 64 items (Redis AOF_REWRITE_ITEMS_PER_CMD).
    /// Called on the rewriter's thread on a frozen object: it must only read.
    /// </summary>
    public abstract IEnumerable<byte[][]> RebuildCommands();
}
