namespace EventLoopKv.Server.Blocking;

/// <summary>A key in a numbered database, compared by content: the index of blocking and WATCH tables.</summary>
internal readonly struct DbKey(int db, byte[] key) : IEquatable<DbKey>
{
    public int Db { get; } = db;
    public byte[] Key { get; } = key;

    public bool Equals(DbKey other) => Db == other.Db && Key.AsSpan().SequenceEqual(other.Key);

    public override bool Equals(object? obj) => obj is DbKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Db, Storage.KeyHash.Of(Key));
}
