using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// One numbered database (SELECT n): a <see cref="KeyTable"/> plus the rules every command
/// relies on: a key past its expiry does not exist (lazy expiry, deleting it on access), and
/// string values live in compact blobs.
/// </summary>
public sealed class Database(int id, Clock clock, IKeyspaceEvents events)
{
    private readonly KeyTable _table = new();
    private long _expireCursor;

    /// <summary>The index it is reachable at; SWAPDB swaps databases and renumbers them.</summary>
    public int Id { get; set; } = id;

    public long Count => _table.Count;

    public long VolatileCount => _table.VolatileCount;

    /// <summary>True while a snapshot reads this database: values must be replaced, not edited in place.</summary>
    public bool SnapshotRunning => _table.SnapshotRunning;

    internal KeyTable Table => _table;

    /// <summary>Looks a key up for reading; an expired key is deleted and reported missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry Find(ReadOnlySpan<byte> key)
    {
        var hash = KeyHash.Of(key);
        ref var entry = ref _table.Find(key, hash);
        if (Unsafe.IsNullRef(ref entry) || entry.ExpireAt == 0 || entry.ExpireAt > clock.UnixTimeMilliseconds()) return ref entry;
        ExpireNow(key, hash);
        return ref Unsafe.NullRef<Entry>();
    }

    /// <summary>Looks a key up in order to change its entry (value or expiry) in place.</summary>
    public ref Entry FindForWrite(ReadOnlySpan<byte> key)
    {
        var hash = KeyHash.Of(key);
        ref var entry = ref _table.FindForWrite(key, hash);
        if (Unsafe.IsNullRef(ref entry) || entry.ExpireAt == 0 || entry.ExpireAt > clock.UnixTimeMilliseconds()) return ref entry;
        ExpireNow(key, hash);
        return ref Unsafe.NullRef<Entry>();
    }

    public bool Exists(ReadOnlySpan<byte> key) => !Unsafe.IsNullRef(ref Find(key));

    /// <summary>
    /// SET's store: replaces any value. <paramref name="expireAt"/> 0 clears the expiry unless
    /// <paramref name="keepTtl"/>. A same-length overwrite of a string blob reuses it (no
    /// allocation on the hot SET path) unless a snapshot is reading it.
    /// </summary>
    public void SetString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expireAt = 0, bool keepTtl = false)
    {
        var hash = KeyHash.Of(key);
        ref var entry = ref _table.FindForWrite(key, hash);
        if (Unsafe.IsNullRef(ref entry))
        {
            _table.Add(StringBlob.Create(key, value), hash, expireAt);
            events.KeyAdded(this, key);
            return;
        }
        if (entry.Item is byte[] blob && !_table.SnapshotRunning && StringBlob.Value(blob).Length == value.Length)
            value.CopyTo(StringBlob.WritableValue(blob));
        else
            entry.Item = StringBlob.Create(key, value);
        if (!keepTtl) _table.SetExpire(ref entry, expireAt);
    }

    /// <summary>Stores an object under its key, replacing any value (and its expiry unless <paramref name="keepTtl"/>).</summary>
    public void SetObject(RedisObject value, long expireAt = 0, bool keepTtl = false)
    {
        var key = value.Key;
        var hash = KeyHash.Of(key);
        value.Generation = _table.Generation;
        ref var entry = ref _table.FindForWrite(key, hash);
        if (Unsafe.IsNullRef(ref entry))
        {
            _table.Add(value, hash, expireAt);
            events.KeyAdded(this, key);
            return;
        }
        entry.Item = value;
        if (!keepTtl) _table.SetExpire(ref entry, expireAt);
    }

    /// <summary>Adds an item (blob or object) for a key known to be absent, e.g. RENAME's target.</summary>
    public void AddItem(object item, long expireAt)
    {
        if (item is RedisObject obj) obj.Generation = _table.Generation;
        var key = Entry.KeyOf(item);
        _table.Add(item, KeyHash.Of(key), expireAt);
        events.KeyAdded(this, key);
    }

    /// <summary>
    /// The object of an entry found with <see cref="FindForWrite"/>, ready to be changed in place:
    /// while a snapshot may still read the current object, it is replaced by a copy first
    /// (copy-on-write), so the snapshot keeps seeing the value as it was at its start.
    /// </summary>
    public T Mutable<T>(ref Entry entry) where T : RedisObject
    {
        var value = (T)entry.Item!;
        if (!_table.SnapshotRunning || value.Generation == _table.Generation) return value;
        var copy = (T)value.CloneWithKey(value.Key);
        copy.Generation = _table.Generation;
        entry.Item = copy;
        return copy;
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        var hash = KeyHash.Of(key);
        ref var entry = ref _table.Find(key, hash);
        if (Unsafe.IsNullRef(ref entry)) return false;
        if (entry.ExpireAt != 0 && entry.ExpireAt <= clock.UnixTimeMilliseconds())
        {
            ExpireNow(key, hash);
            return false;
        }
        return _table.Remove(key, hash);
    }

    /// <summary>Sets the absolute expiry of an existing entry (0 = persist).</summary>
    public void SetExpire(ref Entry entry, long expireAt) => _table.SetExpire(ref entry, expireAt);

    public void Clear()
    {
        _table.Clear();
        _expireCursor = 0;
    }

    public ulong Scan(ulong cursor, int count, Action<object> visit) => _table.Scan(cursor, count, visit);

    /// <summary>Every live key's item (expired ones are skipped, not deleted).</summary>
    public IEnumerable<object> Items()
    {
        var now = clock.UnixTimeMilliseconds();
        foreach (var (item, expireAt) in _table.Items())
            if (expireAt == 0 || expireAt > now) yield return item;
    }

    /// <summary>A random live key's entry, or a null reference (RANDOMKEY).</summary>
    public ref Entry RandomEntry(Random random)
    {
        // Redis gives up after a while when every sampled key is expired; deleting them as we
        // go guarantees progress.
        while (_table.Count > 0)
        {
            ref var entry = ref _table.Random(random);
            if (entry.ExpireAt == 0 || entry.ExpireAt > clock.UnixTimeMilliseconds()) return ref entry;
            var key = entry.Key.ToArray();
            ExpireNow(key, KeyHash.Of(key));
        }
        return ref Unsafe.NullRef<Entry>();
    }

    /// <summary>
    /// One step of active expiry: examines up to <paramref name="maxSlots"/> slots of segments
    /// that hold volatile keys and deletes the expired ones. Returns how many it deleted.
    /// </summary>
    public int ActiveExpireStep(int maxSlots, List<object> scratch)
    {
        scratch.Clear();
        _expireCursor = _table.ExpireScan(_expireCursor, maxSlots, clock.UnixTimeMilliseconds(), scratch);
        foreach (var item in scratch)
        {
            var key = Entry.KeyOf(item);
            ExpireNow(key, KeyHash.Of(key));
        }
        return scratch.Count;
    }

    /// <summary>True when the last active-expiry step wrapped around the table.</summary>
    public bool ExpireCycleAtStart => _expireCursor == 0;

    private void ExpireNow(ReadOnlySpan<byte> key, int hash)
    {
        // The key bytes may live inside the entry being removed: report before removing.
        events.KeyExpired(this, key);
        _table.Remove(key, hash);
    }

    public TableSnapshot BeginSnapshot() => _table.BeginSnapshot();

    public void EndSnapshot() => _table.EndSnapshot();
}

/// <summary>What the keyspace tells the server about: expired keys (for the AOF's DEL and stats) and new keys (for blocked clients).</summary>
public interface IKeyspaceEvents
{
    void KeyExpired(Database database, ReadOnlySpan<byte> key);

    /// <summary>A key came into existence: clients blocked on it may now be served (Redis signalKeyAsReady in dbAdd).</summary>
    void KeyAdded(Database database, ReadOnlySpan<byte> key);
}
