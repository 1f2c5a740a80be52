using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The large encoding of sets and hashes (OBJECT ENCODING "hashtable"): an open-addressing hash
/// table whose slots point into one byte arena, so a million members are three arrays for the
/// GC, not a million objects.
/// <para>
/// Arena records: <c>[varint len&lt;&lt;1|dead][key]</c> for a set member, and
/// <c>[varint len&lt;&lt;1|dead][field][varint len][value]</c> for a hash field. Slots hold
/// <c>offset + 1</c> (0 = empty) and the key's hash, with linear probing and backward-shift
/// deletion (no tombstones). A removed or replaced record is only marked dead; dead bytes are
/// reclaimed by sliding the live records down in place when the arena would otherwise grow, so
/// steady-state SADD/SREM/SPOP/HSET allocate nothing.
/// </para>
/// <para>
/// Footprint per element: 8 bytes of slot per 0.56 average load (about 14 bytes), a 1-2 byte
/// length, the bytes themselves, plus arena slack (at most half, a quarter on average). Redis
/// spends a 24-byte dictEntry, an 8-byte bucket and a 16-byte-rounded sds per member (about 50
/// bytes for a 10-byte member, against about 30 here).
/// </para>
/// <para>
/// Iteration for SSCAN/HSCAN follows Redis's dictScan: the cursor walks home buckets in
/// reverse-binary order, and a bucket's elements are those whose hash's low bits name it, found
/// in the probe run that starts there. That is why an element present for a whole scan is
/// returned however the table grows or shrinks in between.
/// </para>
/// Limit: offsets are 32-bit, so one collection holds at most about 2 GB of member bytes.
/// </summary>
public sealed class PackedTable
{
    private const int MinCapacity = 8;
    private const int MinArena = 64;

    private readonly bool _pairs;
    private int[] _slots;
    private int[] _hashes;
    private byte[] _arena;
    private int _used;
    private int _dead;

    /// <param name="pairs">True for a hash (records carry a value), false for a set.</param>
    /// <param name="expected">Elements about to be added: sizes the slots once (Redis dictExpand on conversion).</param>
    public PackedTable(bool pairs, int expected = 0, int arenaBytes = 0)
    {
        _pairs = pairs;
        var capacity = CapacityFor(expected);
        _slots = new int[capacity];
        _hashes = new int[capacity];
        _arena = new byte[Math.Max(MinArena, arenaBytes)];
    }

    private PackedTable(PackedTable other)
    {
        _pairs = other._pairs;
        _slots = (int[])other._slots.Clone();
        _hashes = (int[])other._hashes.Clone();
        _arena = other._arena.AsSpan(0, other._used).ToArray();
        if (_arena.Length == 0) _arena = new byte[MinArena];
        _used = other._used;
        _dead = other._dead;
        Count = other.Count;
    }

    public int Count { get; private set; }

    /// <summary>Slot positions run 0..Capacity-1; <see cref="IsOccupied"/> tells which hold an element.</summary>
    public int Capacity => _slots.Length;

    public PackedTable Clone() => new(this);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOccupied(int slot) => _slots[slot] != 0;

    /// <summary>The next occupied slot after <paramref name="slot"/> (start with -1), or -1 at the end.</summary>
    public int NextSlot(int slot)
    {
        var slots = _slots;
        for (var i = slot + 1; i < slots.Length; i++)
            if (slots[i] != 0) return i;
        return -1;
    }

    /// <summary>The member (set) or field (hash) at an occupied slot.</summary>
    public ReadOnlySpan<byte> KeyAt(int slot)
    {
        var offset = _slots[slot] - 1;
        var header = Leb128.Read(_arena, offset, out var n);
        return _arena.AsSpan(offset + n, (int)(header >> 1));
    }

    /// <summary>The value of the hash field at an occupied slot.</summary>
    public ReadOnlySpan<byte> ValueAt(int slot) => WritableValueAt(slot);

    private Span<byte> WritableValueAt(int slot)
    {
        var offset = _slots[slot] - 1;
        var keyLength = (int)(Leb128.Read(_arena, offset, out var n) >> 1);
        offset += n + keyLength;
        var valueLength = (int)Leb128.Read(_arena, offset, out n);
        return _arena.AsSpan(offset + n, valueLength);
    }

    public int Find(ReadOnlySpan<byte> key) => Find(key, KeyHash.Of(key));

    /// <summary>The slot holding <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key, int hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (true)
        {
            var stored = slots[i];
            if (stored == 0) return -1;
            if (_hashes[i] == hash && KeyEquals(stored - 1, key)) return i;
            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool KeyEquals(int offset, ReadOnlySpan<byte> key)
    {
        var header = Leb128.Read(_arena, offset, out var n);
        return (int)(header >> 1) == key.Length && _arena.AsSpan(offset + n, key.Length).SequenceEqual(key);
    }

    public bool Contains(ReadOnlySpan<byte> key) => Find(key) >= 0;

    /// <summary>Adds a set member; false when it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> member)
    {
        var hash = KeyHash.Of(member);
        if (Find(member, hash) >= 0) return false;
        Insert(member, default, hash);
        return true;
    }

    /// <summary>
    /// Sets a hash field; true when the field is new. A value of the same length is overwritten
    /// in place (HSET's steady state); another length appends a new record and kills the old.
    /// The value must not point into this table's arena (a compaction could move it).
    /// </summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var hash = KeyHash.Of(field);
        var slot = Find(field, hash);
        if (slot < 0)
        {
            Insert(field, value, hash);
            return true;
        }
        var current = WritableValueAt(slot);
        if (current.Length == value.Length)
        {
            value.CopyTo(current);
            return false;
        }
        // The field may alias the arena record being replaced: the new record is written first.
        var size = RecordSize(field.Length, value.Length);
        var offset = Reserve(size, ref slot, field, hash);
        WriteRecord(offset, field, value);
        Kill(_slots[slot] - 1);
        _slots[slot] = offset + 1;
        return false;
    }

    public bool Remove(ReadOnlySpan<byte> key)
    {
        var slot = Find(key);
        if (slot < 0) return false;
        RemoveAt(slot);
        return true;
    }

    /// <summary>Removes the element at an occupied slot. Read it first: removal may move or drop arena bytes, and moves later slots.</summary>
    public void RemoveAt(int slot)
    {
        Kill(_slots[slot] - 1);
        Count--;
        var slots = _slots;
        var hashes = _hashes;
        var mask = slots.Length - 1;
        // Backward-shift deletion: pull later members of the probe run into the hole unless
        // that would move them before their home bucket.
        var hole = slot;
        var j = slot;
        while (true)
        {
            j = (j + 1) & mask;
            if (slots[j] == 0) break;
            var home = hashes[j] & mask;
            var between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (between) continue;
            slots[hole] = slots[j];
            hashes[hole] = hashes[j];
            hole = j;
        }
        slots[hole] = 0;
        hashes[hole] = 0;
        if (Count * 8 < slots.Length && slots.Length > MinCapacity) Resize(CapacityFor(Count * 2));
        if (_dead > _used / 2 && _dead > 4 * MinArena) CompactAndTrim();
    }

    /// <summary>A uniformly random occupied slot (the table is never sparser than 1/8 after a delete).</summary>
    public int RandomSlot(Random random)
    {
        if (Count == 0) return -1;
        var slots = _slots;
        while (true)
        {
            var i = random.Next(slots.Length);
            if (slots[i] != 0) return i;
        }
    }

    /// <summary>
    /// One SSCAN/HSCAN step from <paramref name="cursor"/>: adds the slots of whole home buckets
    /// to <paramref name="found"/> until it holds <paramref name="count"/> or count*10 buckets were
    /// visited (Redis's maxiterations); returns the next cursor, 0 when the iteration is complete.
    /// </summary>
    public ulong Scan(ulong cursor, int count, List<int> found)
    {
        if (Count == 0) return 0;
        var slots = _slots;
        var mask = (ulong)(slots.Length - 1);
        var budget = (long)count * 10;
        var v = cursor;
        do
        {
            var bucket = (int)(v & mask);
            for (var i = bucket; slots[i] != 0; i = (i + 1) & (int)mask)
                if ((_hashes[i] & (int)mask) == bucket) found.Add(i);
            // Increment the reversed cursor over the bits the mask covers (dictScan).
            v |= ~mask;
            v = ReverseBits(v);
            v++;
            v = ReverseBits(v);
        } while (v != 0 && --budget > 0 && found.Count < count);
        return v;
    }

    private static ulong ReverseBits(ulong v)
    {
        v = ((v >> 1) & 0x5555555555555555UL) | ((v & 0x5555555555555555UL) << 1);
        v = ((v >> 2) & 0x3333333333333333UL) | ((v & 0x3333333333333333UL) << 2);
        v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((v & 0x0F0F0F0F0F0F0F0FUL) << 4);
        return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
    }

    private void Insert(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int hash)
    {
        if ((Count + 1) * 4 > _slots.Length * 3) Resize(_slots.Length * 2);
        var size = RecordSize(key.Length, value.Length);
        var none = -1;
        var offset = Reserve(size, ref none, key, hash);
        WriteRecord(offset, key, value);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i] != 0) i = (i + 1) & mask;
        _slots[i] = offset + 1;
        _hashes[i] = hash;
        Count++;
    }

    private int RecordSize(int keyLength, int valueLength) =>
        Leb128.Length((uint)keyLength << 1) + keyLength + (_pairs ? Leb128.Length((uint)valueLength) + valueLength : 0);

    private void WriteRecord(int offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var p = offset + Leb128.Write(_arena, offset, (uint)key.Length << 1);
        key.CopyTo(_arena.AsSpan(p));
        p += key.Length;
        if (!_pairs) return;
        p += Leb128.Write(_arena, p, (uint)value.Length);
        value.CopyTo(_arena.AsSpan(p));
    }

    private int RecordSizeAt(int offset)
    {
        var keyLength = (int)(Leb128.Read(_arena, offset, out var n) >> 1);
        var size = n + keyLength;
        if (!_pairs) return size;
        var valueLength = (int)Leb128.Read(_arena, offset + size, out n);
        return size + n + valueLength;
    }

    private void Kill(int offset)
    {
        _arena[offset] |= 1; // the dead bit is the low bit of the first header byte
        _dead += RecordSizeAt(offset);
    }

    /// <summary>
    /// Room for <paramref name="size"/> bytes at the arena's end: compacts in place when at least
    /// a quarter of what is used is dead (so churn settles into compactions, never growth, and
    /// each compaction is paid for by a quarter of the arena's worth of appends), grows otherwise. Compaction moves records, so the slot the caller
    /// holds (if any) is found again by its key.
    /// </summary>
    private int Reserve(int size, ref int slot, ReadOnlySpan<byte> key, int hash)
    {
        if (_used + size <= _arena.Length) return Advance(size);
        if (_dead >= _used / 4 && _used - _dead + size <= _arena.Length)
        {
            // The key may be a span into the arena: keep it safe from the move.
            var saved = key.Overlaps(_arena) ? key.ToArray() : null;
            Compact();
            if (slot >= 0) slot = Find(saved ?? key, hash);
            return Advance(size);
        }
        var needed = (long)_used - _dead + size;
        var grown = Math.Max(needed + needed / 2, (long)_arena.Length * 2);
        if (needed > Array.MaxLength) throw new InvalidOperationException("collection exceeds 2 GB of member bytes");
        var arena = new byte[(int)Math.Min(grown, Array.MaxLength)];
        _arena.AsSpan(0, _used).CopyTo(arena);
        // Keep the old arena alive until the caller has copied any span that pointed into it.
        _arena = arena;
        return Advance(size);
    }

    private int Advance(int size)
    {
        var offset = _used;
        _used += size;
        return offset;
    }

    /// <summary>Slides live records down over dead ones, in place, repointing each one's slot.</summary>
    private void Compact()
    {
        var arena = _arena;
        var src = 0;
        var dst = 0;
        var mask = _slots.Length - 1;
        while (src < _used)
        {
            var size = RecordSizeAt(src);
            if ((arena[src] & 1) == 0)
            {
                if (dst != src)
                {
                    var header = Leb128.Read(arena, src, out var n);
                    var key = arena.AsSpan(src + n, (int)(header >> 1));
                    var i = KeyHash.Of(key) & mask;
                    while (_slots[i] != src + 1) i = (i + 1) & mask;
                    _slots[i] = dst + 1;
                    arena.AsSpan(src, size).CopyTo(arena.AsSpan(dst));
                }
                dst += size;
            }
            src += size;
        }
        _used = dst;
        _dead = 0;
    }

    /// <summary>After many removals: compact, and give memory back once three quarters of the arena is unused.</summary>
    private void CompactAndTrim()
    {
        Compact();
        if (_arena.Length <= MinArena || _used >= _arena.Length / 4) return;
        var arena = new byte[Math.Max(MinArena, _used * 2)];
        _arena.AsSpan(0, _used).CopyTo(arena);
        _arena = arena;
    }

    private void Resize(int capacity)
    {
        var slots = new int[capacity];
        var hashes = new int[capacity];
        var mask = capacity - 1;
        for (var j = 0; j < _slots.Length; j++)
        {
            if (_slots[j] == 0) continue;
            var i = _hashes[j] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = _slots[j];
            hashes[i] = _hashes[j];
        }
        _slots = slots;
        _hashes = hashes;
    }

    /// <summary>The smallest power of two that keeps <paramref name="count"/> elements at most 3/4 full.</summary>
    private static int CapacityFor(int count)
    {
        var capacity = MinCapacity;
        while ((long)count * 4 > (long)capacity * 3) capacity *= 2;
        return capacity;
    }

    /// <summary>Bytes held (arrays only), for tests and memory accounting.</summary>
    public long AllocatedBytes => (long)_slots.Length * 8 + _arena.Length;
}

/// <summary>Unsigned LEB128 varints: 7 bits per byte, high bit set on all but the last.</summary>
internal static class Leb128
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read(byte[] buffer, int offset, out int length)
    {
        uint b = buffer[offset];
        if (b < 0x80)
        {
            length = 1;
            return b;
        }
        return ReadSlow(buffer, offset, out length);
    }

    private static uint ReadSlow(byte[] buffer, int offset, out int length)
    {
        uint value = 0;
        var shift = 0;
        var i = offset;
        while (true)
        {
            uint b = buffer[i++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80) break;
            shift += 7;
        }
        length = i - offset;
        return value;
    }

    public static int Write(byte[] buffer, int offset, uint value)
    {
        var i = offset;
        while (value >= 0x80)
        {
            buffer[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[i++] = (byte)value;
        return i - offset;
    }

    public static int Length(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;
}
