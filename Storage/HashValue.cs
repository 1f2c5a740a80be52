namespace EventLoopKv.Storage;

/// <summary>
/// A hash, encoded as Redis 7.0 encodes it: <see cref="PackedPairs"/> ("listpack") while it has
/// at most hash-max-listpack-entries fields and no field or value longer than
/// hash-max-listpack-value bytes, a <see cref="PackedTable"/> ("hashtable") from then on
/// (never back).
/// <para>
/// Fields are reached by position (a listpack offset or a table slot): <see cref="Next"/>(-1)
/// is the first. Nothing here allocates once the buffers have room.
/// </para>
/// </summary>
public sealed class HashValue : RedisObject
{
    // The listpack lives inline (no object of its own); it is the encoding while _table is null.
    private PackedPairs _pack;
    private PackedTable? _table;

    /// <param name="expectedBytes">Field and value bytes about to be added (HSET on a new key): the listpack is sized once.</param>
    public HashValue(byte[] key, int expectedBytes = 0) : base(key) => _pack = new PackedPairs(expectedBytes);

    private HashValue(byte[] key, HashValue other) : base(key)
    {
        if (other._table is null) _pack = other._pack.Clone();
        else _table = other._table.Clone();
    }

    public override RedisType Type => RedisType.Hash;

    public override string Encoding => _table is null ? "listpack" : "hashtable";

    public int Count => _table is null ? _pack.Count : _table.Count;

    public bool IsListpack => _table is null;

    /// <summary>
    /// Redis hashTypeTryConversion: a command about to store a field or value of this length
    /// converts a listpack first, whether or not it ends up storing it.
    /// </summary>
    public void ConvertIfTooLong(int length)
    {
        if (_table is null && length > EncodingLimits.HashMaxListpackValue) ConvertToTable();
    }

    /// <summary>The position of <paramref name="field"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> field) => _table is null ? _pack.Find(field) : _table.Find(field);

    public bool TryGet(ReadOnlySpan<byte> field, out ReadOnlySpan<byte> value)
    {
        var position = Find(field);
        value = position < 0 ? default : ValueAt(position);
        return position >= 0;
    }

    /// <summary>Redis hashTypeSet: sets a field, true when it is new; converts past either limit.</summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (_table is null)
        {
            var limit = EncodingLimits.HashMaxListpackValue;
            if (field.Length > limit || value.Length > limit) ConvertToTable();
            else
            {
                var created = _pack.Set(field, value);
                if (_pack.Count > EncodingLimits.HashMaxListpackEntries) ConvertToTable();
                return created;
            }
        }
        return _table!.Set(field, value);
    }

    public bool Remove(ReadOnlySpan<byte> field) => _table is null ? _pack.Remove(field) : _table.Remove(field);

    private void ConvertToTable()
    {
        var pack = _pack;
        var table = new PackedTable(pairs: true, pack.Count + 1, pack.ByteLength + pack.ByteLength / 2);
        for (var p = pack.First; p >= 0; p = pack.Next(p)) table.Set(pack.FieldAt(p), pack.ValueAt(p));
        _table = table;
        _pack = default;
    }

    /// <summary>The position after <paramref name="position"/> (-1 gives the first), or -1 at the end.</summary>
    public int Next(int position)
    {
        if (_table is null) return position < 0 ? _pack.First : _pack.Next(position);
        return _table.NextSlot(position);
    }

    public ReadOnlySpan<byte> FieldAt(int position) => _table is null ? _pack.FieldAt(position) : _table.KeyAt(position);

    public ReadOnlySpan<byte> ValueAt(int position) => _table is null ? _pack.ValueAt(position) : _table.ValueAt(position);

    /// <summary>A uniformly random field's position.</summary>
    public int RandomPosition(Random random) =>
        _table is null ? _pack.OffsetOf(random.Next(_pack.Count)) : _table.RandomSlot(random);

    /// <summary>Every position in iteration order (HRANDFIELD picks among them).</summary>
    public int[] Positions()
    {
        var positions = new int[Count];
        var n = 0;
        for (var p = Next(-1); p >= 0; p = Next(p)) positions[n++] = p;
        return positions;
    }

    /// <summary>HSCAN: a listpack is returned whole (cursor 0), as Redis does; a table is scanned.</summary>
    public ulong Scan(ulong cursor, int count, List<int> found)
    {
        if (_table is { } table) return table.Scan(cursor, count, found);
        for (var p = Next(-1); p >= 0; p = Next(p)) found.Add(p);
        return 0;
    }

    public override RedisObject CloneWithKey(byte[] key) => new HashValue(key, this);

    /// <summary>HMSET key f1 v1 .. f64 v64, as many as needed (Redis rewriteHashObject).</summary>
    public override IEnumerable<byte[][]> RebuildCommands()
    {
        var batch = new List<byte[]>(130);
        for (var p = Next(-1); p >= 0; p = Next(p))
        {
            if (batch.Count == 0)
            {
                batch.Add("HMSET"u8.ToArray());
                batch.Add(Key);
            }
            batch.Add(FieldAt(p).ToArray());
            batch.Add(ValueAt(p).ToArray());
            if (batch.Count == 130)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }
        if (batch.Count > 0) yield return [.. batch];
    }

    /// <summary>Bytes held by the encoding's arrays (tests and memory accounting).</summary>
    public long AllocatedBytes => _table?.AllocatedBytes ?? _pack.AllocatedBytes;
}
