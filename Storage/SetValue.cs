namespace EventLoopKv.Storage;

/// <summary>
/// A set, encoded as Redis 7.0 encodes it: an <see cref="IntSet"/> while every member is an
/// integer and there are at most set-max-intset-entries of them, a <see cref="PackedTable"/>
/// ("hashtable") from then on (Redis 7.0 has no listpack sets; it never converts back).
/// <para>
/// Members are reached by position: an intset index or a table slot. <see cref="Next"/>(-1)
/// is the first position; <see cref="MemberAt"/> formats an intset member into the caller's
/// scratch span, so walking a set allocates nothing.
/// </para>
/// </summary>
public sealed class SetValue : RedisObject, ISortableValue, IReadableSet
{
    /// <summary>Room for the digits of any 64-bit integer.</summary>
    public const int ScratchBytes = 20;

    // The intset lives inline (no object of its own); it is the encoding while _table is null.
    private IntSet _ints;
    private PackedTable? _table;

    /// <summary>An empty set, intset-encoded when <paramref name="integers"/> (Redis createIntsetObject/createSetObject).</summary>
    /// <param name="expected">Members about to be added, and their total length: a new set is sized once.</param>
    /// <param name="smallest">For an intset: the smallest member about to be added.</param>
    /// <param name="largest">For an intset: the largest (with <paramref name="smallest"/>, its starting width).</param>
    public SetValue(byte[] key, bool integers = true, int expected = 0, int expectedBytes = 0, long smallest = 0, long largest = 0) : base(key)
    {
        if (integers) _ints = new IntSet(expected, smallest, largest);
        else _table = new PackedTable(pairs: false, expected, expectedBytes + expected);
    }

    private SetValue(byte[] key, SetValue other) : base(key)
    {
        if (other._table is null) _ints = other._ints.Clone();
        else _table = other._table.Clone();
    }

    /// <summary>Redis setTypeCreate: the encoding the first member calls for.</summary>
    public static SetValue CreateFor(byte[] key, ReadOnlySpan<byte> firstMember, int expected = 0, int expectedBytes = 0, long smallest = 0, long largest = 0)
    {
        if (!IntSet.TryParse(firstMember, out var first)) return new(key, integers: false, expected, expectedBytes);
        return expected == 0 ? new(key, integers: true, 0, 0, first, first) : new(key, integers: true, expected, expectedBytes, smallest, largest);
    }

    public override RedisType Type => RedisType.Set;

    public override string Encoding => _table is null ? "intset" : "hashtable";

    public int Count => _table is null ? _ints.Count : _table.Count;

    public bool IsIntSet => _table is null;

    public bool Add(ReadOnlySpan<byte> member)
    {
        if (_table is null)
        {
            if (IntSet.TryParse(member, out var value))
            {
                if (!_ints.Add(value)) return false;
                // Redis caps the knob at 2^30 because of the intset's own limits.
                if (_ints.Count > Math.Min(EncodingLimits.SetMaxIntsetEntries, 1 << 30)) ConvertToTable();
                return true;
            }
            ConvertToTable();
        }
        return _table!.Add(member);
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (_table is null) return IntSet.TryParse(member, out var value) && _ints.Remove(value);
        return _table.Remove(member);
    }

    public bool Contains(ReadOnlySpan<byte> member)
    {
        if (_table is null) return IntSet.TryParse(member, out var value) && _ints.Contains(value);
        return _table.Contains(member);
    }

    /// <summary>The integer at a position of an intset (false for a table: its members are strings).</summary>
    public bool TryGetInteger(int position, out long value)
    {
        if (_table is null)
        {
            value = _ints[position];
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Membership of an integer without formatting it when this is an intset too (SINTER's fast path).</summary>
    public bool ContainsInteger(long value)
    {
        if (_table is null) return _ints.Contains(value);
        Span<byte> digits = stackalloc byte[ScratchBytes];
        return _table.Contains(IntSet.Format(value, digits));
    }

    private void ConvertToTable()
    {
        var ints = _ints;
        var table = new PackedTable(pairs: false, ints.Count + 1, ints.Count * 8);
        Span<byte> digits = stackalloc byte[ScratchBytes];
        for (var i = 0; i < ints.Count; i++) table.Add(IntSet.Format(ints[i], digits));
        _table = table;
        _ints = default;
    }

    /// <summary>The position after <paramref name="position"/> (-1 gives the first), or -1 at the end.</summary>
    public int Next(int position)
    {
        if (_table is null) return position + 1 < _ints.Count ? position + 1 : -1;
        return _table.NextSlot(position);
    }

    /// <summary>The member at a position; an intset member is formatted into <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<byte> MemberAt(int position, Span<byte> scratch) =>
        _table is null ? IntSet.Format(_ints[position], scratch) : _table.KeyAt(position);

    /// <summary>A uniformly random member's position (Redis setTypeRandomElement).</summary>
    public int RandomPosition(Random random) =>
        _table is null ? random.Next(_ints.Count) : _table.RandomSlot(random);

    /// <summary>Removes the member at a position; read it first (positions and bytes may move).</summary>
    public void RemoveAt(int position)
    {
        if (_table is null) _ints.RemoveAt(position);
        else _table.RemoveAt(position);
    }

    /// <summary>Every position, for commands that pick among them (SRANDMEMBER, SPOP with a count).</summary>
    public int[] Positions()
    {
        var positions = new int[Count];
        var n = 0;
        for (var p = Next(-1); p >= 0; p = Next(p)) positions[n++] = p;
        return positions;
    }

    /// <summary>SSCAN: an intset is small and returned whole (cursor 0), as Redis does; a table is scanned.</summary>
    public ulong Scan(ulong cursor, int count, List<int> found)
    {
        if (_table is { } table) return table.Scan(cursor, count, found);
        for (var i = 0; i < _ints.Count; i++) found.Add(i);
        return 0;
    }

    public MemberEnumerator Members(Span<byte> scratch) => new(this, scratch);

    /// <summary><c>foreach (var member in set.Members(stackalloc byte[SetValue.ScratchBytes]))</c>; the set must not change meanwhile.</summary>
    public ref struct MemberEnumerator(SetValue set, Span<byte> scratch)
    {
        private readonly Span<byte> _scratch = scratch;
        private int _position = -1;

        public readonly MemberEnumerator GetEnumerator() => this;

        public bool MoveNext() => (_position = set.Next(_position)) >= 0;

        public readonly ReadOnlySpan<byte> Current => set.MemberAt(_position, _scratch);
    }

    long IReadableSet.Count => Count;

    /// <summary>ZUNION/ZINTER/ZDIFF read plain sets through this (score 1 for every member).</summary>
    IEnumerable<byte[]> IReadableSet.Members()
    {
        var copies = new List<byte[]>(Count);
        Span<byte> scratch = stackalloc byte[20];
        foreach (var member in Members(scratch)) copies.Add(member.ToArray());
        return copies;
    }

    public override RedisObject CloneWithKey(byte[] key) => new SetValue(key, this);

    /// <summary>SADD key m1 .. m64, as many as needed (Redis rewriteSetObject).</summary>
    public override IEnumerable<byte[][]> RebuildCommands()
    {
        var scratch = new byte[ScratchBytes];
        var batch = new List<byte[]>(66);
        for (var p = Next(-1); p >= 0; p = Next(p))
        {
            if (batch.Count == 0)
            {
                batch.Add("SADD"u8.ToArray());
                batch.Add(Key);
            }
            batch.Add(MemberAt(p, scratch).ToArray());
            if (batch.Count == 66)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }
        if (batch.Count > 0) yield return [.. batch];
    }

    public IEnumerable<ReadOnlyMemory<byte>> Elements()
    {
        var scratch = new byte[ScratchBytes];
        for (var p = Next(-1); p >= 0; p = Next(p)) yield return MemberAt(p, scratch).ToArray();
    }

    /// <summary>Bytes held by the encoding's arrays (tests and memory accounting).</summary>
    public long AllocatedBytes => _table?.AllocatedBytes ?? _ints.AllocatedBytes;
}
