using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The large encoding of a sorted set ("skiplist"): Redis's skip list with spans (t_zset.c,
/// after Pugh, with repeated scores ordered by member, a backward link and a span per level so
/// rank queries are O(log n)), plus a member → node hash table for O(1) ZSCORE.
/// <para>
/// Nodes are not objects: each is one contiguous block of 8-byte words in a single array,
/// <c>[member offset, length | hash, bucket next | backward, height][score][level 0]...[level h-1]</c>
/// (a level is forward, span), and a node's id is the index of its score word (so 0, inside
/// the header's block, means "none" as a link). A walk step compares the forward node's score
/// and then reads that node's level: with the score right before the levels both usually lie
/// in one cache line, as in Redis's zskiplistNode (a separate node array and level array cost
/// two misses a step; measured on a loaded 2-core machine, in-process ZADD on a 100k-member set
/// gained little: best runs ~550-790 -> ~460-590 ns, medians within noise). Per member that is
/// a 32-byte block head plus 8 bytes per level (1.33 levels on average with p = 1/4, so ~42.7
/// bytes; ~43.7 with the old node array, level array and height bytes), a bucket slot and the member's bytes in a shared arena, so a sorted set is a
/// handful of arrays holding no GC reference per member (Redis spends a node, an sds and a
/// dict entry). Freed blocks are reused by height, and dead member bytes are reclaimed by
/// sliding the live ones down in place, so updating a score, popping, or adding a member back
/// after a pop (ZPOPMIN + ZADD) allocates nothing once the arrays have their size.
/// </para>
/// <para>
/// Member arena records are <c>[int32 owner node][member bytes]</c>; a freed record's owner is
/// the bitwise complement of its length, so a compaction can walk the arena and repoint the
/// owners of the records it moves. A member span (<see cref="MemberOf"/>) is valid until the
/// next insert (which may compact or grow the arena).
/// </para>
/// <para>
/// The hash table is chained by node index, power-of-two sized and never rehashed
/// incrementally, so ZSCAN can use Redis's reverse-binary cursor with its guarantee: a member
/// present for the whole scan is returned at least once, across resizes.
/// </para>
/// </summary>
internal sealed class ZSkipList
{
    public const int MaxLevel = 32;
    /// <summary>Words of a block before its score: the <see cref="Meta"/> record.</summary>
    private const int MetaWords = 3;
    /// <summary>The header's block starts the array; its id is the index of its score word.</summary>
    private const int Header = MetaWords;
    private const int HeaderWords = MetaWords + 1 + MaxLevel;

    /// <summary>The cold part of a block, in the three words before the score (backward last, next to the score).</summary>
    private struct Meta
    {
        /// <summary>Where the member's bytes start in the arena (after the record's owner).</summary>
        public int MemberOffset;
        public int MemberLength;
        public int Hash;
        /// <summary>Next node in the same bucket; for a free block, the next free block of its height.</summary>
        public int Next;
        public int Backward;
        public int Height;
    }

    private struct Level
    {
        public int Forward;
        public int Span;
    }

    /// <summary>The blocks: header first, then nodes bump-allocated; a word is a score, a level or a third of a <see cref="Meta"/>.</summary>
    private long[] _data;
    private int _wordsUsed;
    /// <summary>Per height, the first free block of that height (its id; 0 = none).</summary>
    private readonly int[] _freeBlocks = new int[MaxLevel + 1];
    private int[] _buckets;
    private int _level = 1;
    private int _length;
    private int _tail;
    private byte[] _arena;
    private int _arenaUsed;
    private int _arenaDead;

    private const int OwnerSize = sizeof(int);
    private const int MinArena = 64;

    private static uint _random = (uint)Environment.TickCount | 1;

    /// <param name="memberBytes">The members' total length, when known (a conversion or a big ZADD): the arena is sized once.</param>
    public ZSkipList(int capacity = 16, int memberBytes = 0)
    {
        capacity = Math.Max(capacity, 3);
        _data = new long[WordsFor(capacity)];
        _buckets = new int[RoundUpToPowerOf2(Math.Max(4, capacity + 1))];
        _wordsUsed = HeaderWords;
        M(Header).Height = MaxLevel;
        _arena = new byte[Math.Max(MinArena, memberBytes + capacity * OwnerSize)];
    }

    /// <summary>Sizes the arrays for <paramref name="count"/> members at once (a big ZADD), so they do not grow step by step.</summary>
    public void EnsureCapacity(int count, int memberBytes = 0)
    {
        var arena = _arenaUsed - _arenaDead + memberBytes + (count - _length) * OwnerSize;
        if (arena > _arena.Length) ResizeArena(arena);
        var words = WordsFor(count);
        if (words > _data.Length) Array.Resize(ref _data, words);
    }

    /// <summary>Room for the header and <paramref name="count"/> nodes: 4 words each plus 1.33 levels on average (p = 1/4), with headroom for the variance.</summary>
    private static int WordsFor(int count) =>
        (int)Math.Min(Array.MaxLength, HeaderWords + 5L * count + count / 3 + count / 16);

    private ZSkipList(ZSkipList other)
    {
        _data = (long[])other._data.Clone();
        _buckets = (int[])other._buckets.Clone();
        _freeBlocks = (int[])other._freeBlocks.Clone();
        _wordsUsed = other._wordsUsed;
        _level = other._level;
        _length = other._length;
        _tail = other._tail;
        _arena = other._arena.AsSpan(0, Math.Max(other._arenaUsed, MinArena)).ToArray();
        _arenaUsed = other._arenaUsed;
        _arenaDead = other._arenaDead;
    }

    /// <summary>A deep copy (the arena's spare room is not copied).</summary>
    public ZSkipList Clone() => new(this);

    public int Count => _length;

    public int First => L(Header, 0).Forward;

    public int Last => _tail;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int node) => L(node, 0).Forward;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Previous(int node) => M(node).Backward;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ScoreOf(int node) => S(node);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> MemberOf(int node)
    {
        ref var m = ref M(node);
        return _arena.AsSpan(m.MemberOffset, m.MemberLength);
    }

    // The hot paths walk the list by id; unchecked element access saves the bounds checks per
    // step (ids come from the list itself, so their blocks are always in range).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref long W(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref double S(int node) => ref Unsafe.As<long, double>(ref W(node));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Level L(int node, int level) => ref Unsafe.As<long, Level>(ref W(node + 1 + level));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Meta M(int node) => ref Unsafe.As<long, Meta>(ref W(node - MetaWords));

    /// <summary>The node holding <paramref name="member"/>, or 0.</summary>
    public int Find(ReadOnlySpan<byte> member)
    {
        var hash = KeyHash.Of(member);
        for (var n = _buckets[hash & (_buckets.Length - 1)]; n != 0; n = M(n).Next)
            if (M(n).Hash == hash && member.SequenceEqual(MemberOf(n))) return n;
        return 0;
    }

    /// <summary>Redis's ordering: by score, then by member bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(int node, double score, ReadOnlySpan<byte> member)
    {
        var s = S(node);
        return s < score || (s == score && MemberOf(node).SequenceCompareTo(member) < 0);
    }

    /// <summary>Adds a member known to be absent (its bytes are copied into the arena).</summary>
    public void Insert(ReadOnlySpan<byte> member, double score)
    {
        var offset = StoreMember(member);
        var height = RandomLevel();
        var node = AllocateNode(height);
        BinaryPrimitives.WriteInt32LittleEndian(_arena.AsSpan(offset - OwnerSize), node);
        ref var m = ref M(node);
        m.MemberOffset = offset;
        m.MemberLength = member.Length;
        S(node) = score;
        m.Hash = KeyHash.Of(MemberOf(node));
        // Into the hash first: a growth rehash walks the list and must not meet the new node.
        HashAdd(node);
        Link(node);
    }

    /// <summary>Moves a member to a new score (Redis zslUpdateScore): in place when its position holds, else unlink and relink the same node.</summary>
    public void UpdateScore(int node, double score)
    {
        var backward = M(node).Backward;
        var forward = L(node, 0).Forward;
        if ((backward == Header || S(backward) < score) && (forward == 0 || S(forward) > score))
        {
            S(node) = score;
            return;
        }
        Span<int> update = stackalloc int[MaxLevel];
        FindUpdate(node, update);
        Unlink(node, update);
        S(node) = score;
        Link(node);
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        var node = Find(member);
        if (node == 0) return false;
        RemoveNode(node);
        return true;
    }

    public void RemoveNode(int node)
    {
        Span<int> update = stackalloc int[MaxLevel];
        FindUpdate(node, update);
        Unlink(node, update);
        HashRemove(node);
        FreeNode(node);
        ShrinkIfSparse();
    }

    /// <summary>The nodes just before <paramref name="node"/> on each level.</summary>
    private void FindUpdate(int node, Span<int> update)
    {
        var score = S(node);
        var member = MemberOf(node);
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && Before(f, score, member)) x = f;
            update[i] = x;
        }
    }

    /// <summary>Redis zslInsert's linking, for an allocated node with its score and member set.</summary>
    private void Link(int node)
    {
        Span<int> update = stackalloc int[MaxLevel];
        Span<int> rank = stackalloc int[MaxLevel];
        var score = S(node);
        var member = MemberOf(node);
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            var r = i == _level - 1 ? 0 : rank[i + 1];
            ref var step = ref L(x, i);
            int f;
            while ((f = step.Forward) != 0 && Before(f, score, member))
            {
                r += step.Span;
                x = f;
                step = ref L(x, i);
            }
            rank[i] = r;
            update[i] = x;
        }
        var height = M(node).Height;
        if (height > _level)
        {
            for (var i = _level; i < height; i++)
            {
                rank[i] = 0;
                update[i] = Header;
                L(Header, i).Span = _length;
            }
            _level = height;
        }
        for (var i = 0; i < height; i++)
        {
            ref var prev = ref L(update[i], i);
            ref var own = ref L(node, i);
            own.Forward = prev.Forward;
            prev.Forward = node;
            own.Span = prev.Span - (rank[0] - rank[i]);
            prev.Span = rank[0] - rank[i] + 1;
        }
        for (var i = height; i < _level; i++) L(update[i], i).Span++;
        M(node).Backward = update[0];
        var next = L(node, 0).Forward;
        if (next != 0) M(next).Backward = node;
        else _tail = node;
        _length++;
    }

    /// <summary>Redis zslDeleteNode: takes a node out of the list (not the hash), keeping spans right.</summary>
    private void Unlink(int node, ReadOnlySpan<int> update)
    {
        for (var i = 0; i < _level; i++)
        {
            ref var prev = ref L(update[i], i);
            if (prev.Forward == node)
            {
                ref var own = ref L(node, i);
                prev.Span += own.Span - 1;
                prev.Forward = own.Forward;
            }
            else prev.Span--;
        }
        var next = L(node, 0).Forward;
        if (next != 0) M(next).Backward = M(node).Backward;
        else _tail = M(node).Backward;
        while (_level > 1 && L(Header, _level - 1).Forward == 0) _level--;
        _length--;
    }

    /// <summary>1-based rank of a node (Redis zslGetRank).</summary>
    public long RankOf(int node)
    {
        var score = S(node);
        var member = MemberOf(node);
        long rank = 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && (Before(f, score, member) || f == node))
            {
                rank += L(x, i).Span;
                x = f;
            }
            if (x == node) return rank;
        }
        return 0;
    }

    /// <summary>The node at a 1-based rank, or 0 (Redis zslGetElementByRank).</summary>
    public int NodeAtRank(long rank)
    {
        long traversed = 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && traversed + L(x, i).Span <= rank)
            {
                traversed += L(x, i).Span;
                x = f;
            }
            if (traversed == rank) return x;
        }
        return 0;
    }

    /// <summary>The first node in the range and its 1-based rank, or 0.</summary>
    public int FirstInRange(in ScoreRange range, out long rank)
    {
        rank = 0;
        if (!IsInRange(range)) return 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && !range.AboveMin(S(f)))
            {
                rank += L(x, i).Span;
                x = f;
            }
        }
        x = L(x, 0).Forward;
        rank++;
        return x != 0 && range.BelowMax(S(x)) ? x : 0;
    }

    /// <summary>The last node in the range and its 1-based rank, or 0.</summary>
    public int LastInRange(in ScoreRange range, out long rank)
    {
        rank = 0;
        if (!IsInRange(range)) return 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && range.BelowMax(S(f)))
            {
                rank += L(x, i).Span;
                x = f;
            }
        }
        return x != Header && range.AboveMin(S(x)) ? x : 0;
    }

    private bool IsInRange(in ScoreRange range) =>
        !range.IsEmpty && _tail != 0 && range.AboveMin(S(_tail)) && range.BelowMax(S(First));

    public int FirstInLexRange(in LexRange range, out long rank)
    {
        rank = 0;
        if (!IsInLexRange(range)) return 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && !range.AboveMin(MemberOf(f)))
            {
                rank += L(x, i).Span;
                x = f;
            }
        }
        x = L(x, 0).Forward;
        rank++;
        return x != 0 && range.BelowMax(MemberOf(x)) ? x : 0;
    }

    public int LastInLexRange(in LexRange range, out long rank)
    {
        rank = 0;
        if (!IsInLexRange(range)) return 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && range.BelowMax(MemberOf(f)))
            {
                rank += L(x, i).Span;
                x = f;
            }
        }
        return x != Header && range.AboveMin(MemberOf(x)) ? x : 0;
    }

    private bool IsInLexRange(in LexRange range) =>
        !range.IsEmpty && _tail != 0 && range.AboveMin(MemberOf(_tail)) && range.BelowMax(MemberOf(First));

    /// <summary>Removes the members with 1-based ranks start..end (Redis zslDeleteRangeByRank).</summary>
    public long RemoveRangeByRank(long start, long end)
    {
        Span<int> update = stackalloc int[MaxLevel];
        long traversed = 0;
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && traversed + L(x, i).Span < start)
            {
                traversed += L(x, i).Span;
                x = f;
            }
            update[i] = x;
        }
        traversed++;
        x = L(x, 0).Forward;
        long removed = 0;
        while (x != 0 && traversed <= end)
        {
            var next = L(x, 0).Forward;
            Unlink(x, update);
            HashRemove(x);
            FreeNode(x);
            removed++;
            traversed++;
            x = next;
        }
        ShrinkIfSparse();
        return removed;
    }

    public long RemoveRangeByScore(in ScoreRange range)
    {
        Span<int> update = stackalloc int[MaxLevel];
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && !range.AboveMin(S(f))) x = f;
            update[i] = x;
        }
        x = L(x, 0).Forward;
        long removed = 0;
        while (x != 0 && range.BelowMax(S(x)))
        {
            var next = L(x, 0).Forward;
            Unlink(x, update);
            HashRemove(x);
            FreeNode(x);
            removed++;
            x = next;
        }
        ShrinkIfSparse();
        return removed;
    }

    public long RemoveRangeByLex(in LexRange range)
    {
        Span<int> update = stackalloc int[MaxLevel];
        var x = Header;
        for (var i = _level - 1; i >= 0; i--)
        {
            int f;
            while ((f = L(x, i).Forward) != 0 && !range.AboveMin(MemberOf(f))) x = f;
            update[i] = x;
        }
        x = L(x, 0).Forward;
        long removed = 0;
        while (x != 0 && range.BelowMax(MemberOf(x)))
        {
            var next = L(x, 0).Forward;
            Unlink(x, update);
            HashRemove(x);
            FreeNode(x);
            removed++;
            x = next;
        }
        ShrinkIfSparse();
        return removed;
    }

    /// <summary>
    /// One step of Redis's dictScan over the member table: visits one bucket and returns the
    /// next cursor (0 when the scan is complete). The reverse-binary cursor order means a table
    /// that grew or shrank between calls is still covered: nothing present throughout is missed.
    /// </summary>
    public ulong ScanStep<T>(ulong cursor, ref T visitor) where T : struct, IZsetVisitor
    {
        var mask = (ulong)(_buckets.Length - 1);
        for (var n = _buckets[(int)(cursor & mask)]; n != 0; n = M(n).Next) visitor.Visit(MemberOf(n), S(n));
        cursor |= ~mask;
        cursor = ReverseBits(cursor);
        cursor++;
        return ReverseBits(cursor);
    }

    private static ulong ReverseBits(ulong v)
    {
        v = ((v >> 1) & 0x5555555555555555UL) | ((v & 0x5555555555555555UL) << 1);
        v = ((v >> 2) & 0x3333333333333333UL) | ((v & 0x3333333333333333UL) << 2);
        v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((v & 0x0F0F0F0F0F0F0F0FUL) << 4);
        return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
    }

    /// <summary>Redis zslRandomLevel: p = 1/4, at most 32.</summary>
    private static int RandomLevel()
    {
        var level = 1;
        while (level < MaxLevel)
        {
            // xorshift32: cheap and good enough for coin flips; only the loop thread inserts.
            var x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            if ((x & 0xFFFF) >= 0xFFFF / 4) break;
            level++;
        }
        return level;
    }

    /// <summary>A block for a node of <paramref name="height"/> levels, its levels cleared; returns its id.</summary>
    private int AllocateNode(int height)
    {
        var node = _freeBlocks[height];
        if (node != 0) _freeBlocks[height] = M(node).Next;
        else
        {
            var words = MetaWords + 1 + height;
            if (_wordsUsed + words > _data.Length) Array.Resize(ref _data, Math.Max(_wordsUsed + words, Grown(_data.Length)));
            node = _wordsUsed + MetaWords;
            _wordsUsed += words;
        }
        _data.AsSpan(node + 1, height).Clear();
        ref var m = ref M(node);
        m.Height = height;
        m.Next = 0;
        return node;
    }

    private void FreeNode(int node)
    {
        ref var m = ref M(node);
        BinaryPrimitives.WriteInt32LittleEndian(_arena.AsSpan(m.MemberOffset - OwnerSize), ~m.MemberLength);
        _arenaDead += OwnerSize + m.MemberLength;
        m.MemberOffset = m.MemberLength = 0;
        m.Next = _freeBlocks[m.Height];
        _freeBlocks[m.Height] = node;
    }

    /// <summary>Growth by half again: spare room for amortised O(1) inserts without doubling the footprint.</summary>
    private static int Grown(int size) => (int)Math.Min(Array.MaxLength, size + size / 2 + 8);

    private void HashAdd(int node)
    {
        if (_length >= _buckets.Length) Rehash(_buckets.Length * 2);
        ref var bucket = ref _buckets[M(node).Hash & (_buckets.Length - 1)];
        M(node).Next = bucket;
        bucket = node;
    }

    private void HashRemove(int node)
    {
        ref var link = ref _buckets[M(node).Hash & (_buckets.Length - 1)];
        while (link != node) link = ref M(link).Next;
        link = M(node).Next;
        // Redis resizes a dict below 10% fill (htNeedsResize); ours shrinks at 1/8.
        if (_buckets.Length > 16 && _length < _buckets.Length / 8) Rehash(RoundUpToPowerOf2(Math.Max(16, _length)));
    }

    private void Rehash(int size)
    {
        var buckets = new int[size];
        var mask = size - 1;
        for (var n = First; n != 0; n = L(n, 0).Forward)
        {
            ref var bucket = ref buckets[M(n).Hash & mask];
            M(n).Next = bucket;
            bucket = n;
        }
        _buckets = buckets;
    }

    /// <summary>After mass removals, rebuilds into right-sized arrays so a set that shrank gives its memory back.</summary>
    private void ShrinkIfSparse()
    {
        // A node averages ~5.33 words: below a quarter of the blocks' room in use, rebuild.
        if (_data.Length < WordsFor(1024) || (long)_length * 4 * 5 > _data.Length) return;
        var rebuilt = new ZSkipList(_length, _arenaUsed - _arenaDead - _length * OwnerSize);
        for (var n = First; n != 0; n = L(n, 0).Forward) rebuilt.Insert(MemberOf(n), S(n));
        _data = rebuilt._data;
        _buckets = rebuilt._buckets;
        rebuilt._freeBlocks.CopyTo(_freeBlocks, 0);
        _wordsUsed = rebuilt._wordsUsed;
        _level = rebuilt._level;
        _length = rebuilt._length;
        _tail = rebuilt._tail;
        _arena = rebuilt._arena;
        _arenaUsed = rebuilt._arenaUsed;
        _arenaDead = rebuilt._arenaDead;
    }

    /// <summary>
    /// Room for a record holding <paramref name="member"/> at the arena's end; returns where
    /// the member's bytes went. Compacts in place when at least a quarter of the arena is
    /// dead and that makes room (so pop/add churn settles into compactions, never growth),
    /// grows by half otherwise. The member may be a span into this arena (it is kept safe).
    /// </summary>
    private int StoreMember(ReadOnlySpan<byte> member)
    {
        var size = OwnerSize + member.Length;
        if (_arenaUsed + size > _arena.Length)
        {
            byte[]? saved = null;
            if (member.Overlaps(_arena))
            {
                saved = member.ToArray();
                member = saved;
            }
            if (_arenaDead >= _arenaUsed / 4 && _arenaUsed - _arenaDead + size <= _arena.Length) Compact();
            else ResizeArena((int)Math.Min(Array.MaxLength, Math.Max((long)_arenaUsed - _arenaDead + size, Grown(_arena.Length))));
        }
        var offset = _arenaUsed + OwnerSize;
        member.CopyTo(_arena.AsSpan(offset));
        _arenaUsed += size;
        return offset;
    }

    /// <summary>Slides the live member records down over the dead ones, repointing their nodes.</summary>
    private void Compact()
    {
        var arena = _arena;
        int src = 0, dst = 0;
        while (src < _arenaUsed)
        {
            var owner = BinaryPrimitives.ReadInt32LittleEndian(arena.AsSpan(src));
            if (owner < 0)
            {
                src += OwnerSize + ~owner;
                continue;
            }
            var size = OwnerSize + M(owner).MemberLength;
            if (dst != src) arena.AsSpan(src, size).CopyTo(arena.AsSpan(dst));
            M(owner).MemberOffset = dst + OwnerSize;
            src += size;
            dst += size;
        }
        _arenaUsed = dst;
        _arenaDead = 0;
    }

    /// <summary>A new arena of <paramref name="size"/> bytes (at least what is live) holding the live records only.</summary>
    private void ResizeArena(int size)
    {
        if (_arenaDead > 0) Compact();
        var arena = new byte[Math.Max(Math.Max(size, _arenaUsed), MinArena)];
        _arena.AsSpan(0, _arenaUsed).CopyTo(arena);
        _arena = arena;
    }

    private static int RoundUpToPowerOf2(int value) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)value);
}
