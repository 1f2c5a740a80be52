using System.Buffers;
using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>Receives members in order from a <see cref="SortedSetValue"/> range or scan; the member span is valid during the call only.</summary>
public interface IZsetVisitor
{
    void Visit(ReadOnlySpan<byte> member, double score);
}

/// <summary>ZADD's options (Redis ZADD_IN_*).</summary>
[Flags]
public enum ZAddFlags
{
    None = 0,
    Nx = 1,
    Xx = 2,
    Gt = 4,
    Lt = 8,
    Incr = 16,
}

/// <summary>What <see cref="SortedSetValue.Add"/> did (Redis ZADD_OUT_*).</summary>
public enum ZAddResult
{
    Added,
    Updated,
    /// <summary>Processed, but the score was already that (INCR 0, or the same score again).</summary>
    Unchanged,
    /// <summary>Not processed: NX on an existing member, XX on a missing one, or GT/LT refused it.</summary>
    Skipped,
    /// <summary>INCR produced NaN (inf + -inf); nothing changed.</summary>
    NotANumber,
}

/// <summary>
/// A sorted set (Redis t_zset.c), in one of Redis's two encodings:
/// <list type="bullet">
/// <item>"listpack" while small (at most zset-max-listpack-entries members of at most
/// zset-max-listpack-value bytes): one packed byte array of <c>[length varint][member][score]</c>
/// entries in (score, member) order, no object per member. Scores that are small integers take
/// one byte, like Redis's listpack integers; other integers 3, 4 or 5, the rest 9.</item>
/// <item>"skiplist" once a limit is crossed (and never back, as in Redis): a
/// <see cref="ZSkipList"/> with spans plus a member hash, so ranks are O(log n).</item>
/// </list>
/// This is the internal API commands (and GEO, whose scores are 52-bit geohashes kept as
/// plain doubles) build on: add/update, remove, score, rank, and ranges by rank, score and
/// member, walked with a struct visitor so no range allocates.
/// </summary>
public sealed class SortedSetValue : RedisObject, ISortableValue
{
    // Listpack score encodings: a tag byte below 0xF0 is the integer (tag - 16).
    private const int SmallBias = 16;
    private const int SmallMax = 0xEF - SmallBias;
    private const byte TagInt16 = 0xF0;
    private const byte TagInt24 = 0xF1;
    private const byte TagInt32 = 0xF2;
    private const byte TagDouble = 0xF3;
    // Decimal fractions (1.5, 19.99): a 16- or 32-bit integer of tenths or hundredths, so a
    // score Redis's listpack keeps as the 3-5 characters "1.5" or "19.99" takes 3 bytes here
    // rather than a 9-byte double. Only used when dividing back gives the very same double.
    private const byte TagTenths16 = 0xF4;
    private const byte TagHundredths16 = 0xF5;
    private const byte TagTenths32 = 0xF6;
    private const byte TagHundredths32 = 0xF7;
    private const int Int24Max = (1 << 23) - 1;

    /// <summary>The packed entries; null once the set is a skip list.</summary>
    private byte[]? _packed;
    private int _packedUsed;
    private int _packedCount;
    private ZSkipList? _skip;
    /// <summary>Members announced by <see cref="Reserve"/>: the skip list a conversion builds is sized for them.</summary>
    private int _expected;

    /// <summary>An empty set in the encoding Redis would pick for a first member of this length.</summary>
    public SortedSetValue(byte[] key, int firstMemberLength = 0) : base(key)
    {
        if (EncodingLimits.ZsetMaxListpackEntries == 0 || firstMemberLength > EncodingLimits.ZsetMaxListpackValue) _skip = new ZSkipList();
        else _packed = new byte[32];
    }

    /// <summary>An empty set in the given encoding (Redis createZsetObject / createZsetListpackObject).</summary>
    public SortedSetValue(byte[] key, bool listpack) : base(key)
    {
        if (listpack) _packed = new byte[32];
        else _skip = new ZSkipList();
    }

    /// <summary>
    /// Redis zsetConvertToListpackIfNeeded: a skip list built whole (a STORE result) becomes a
    /// listpack when it is within both limits. Integral scores, -0 included, become integers.
    /// </summary>
    public void ConvertToListpackIfFits()
    {
        if (_skip is not { } skip || skip.Count > EncodingLimits.ZsetMaxListpackEntries) return;
        var size = 0;
        for (var node = skip.First; node != 0; node = skip.Next(node))
        {
            var length = skip.MemberOf(node).Length;
            if (length > EncodingLimits.ZsetMaxListpackValue) return;
            size += VarIntLength(length) + length + ScoreLength(skip.ScoreOf(node));
        }
        _packed = new byte[Math.Max(32, size)];
        _packedUsed = _packedCount = 0;
        for (var node = skip.First; node != 0; node = skip.Next(node))
        {
            var member = skip.MemberOf(node);
            var p = WriteVarInt(_packed, _packedUsed, member.Length);
            member.CopyTo(_packed.AsSpan(p));
            p += member.Length;
            WriteScore(_packed.AsSpan(p), skip.ScoreOf(node));
            _packedUsed = p + ScoreLength(skip.ScoreOf(node));
            _packedCount++;
        }
        _skip = null;
    }

    /// <summary>
    /// Makes room for <paramref name="entries"/> members about to be added (taking
    /// <paramref name="bytes"/> in a listpack), so a new key's big ZADD sizes its arrays once
    /// instead of growing them step by step and leaving garbage behind.
    /// </summary>
    public void Reserve(int entries, int bytes)
    {
        if (_skip is { } skip)
        {
            skip.EnsureCapacity(skip.Count + entries, bytes);
            return;
        }
        if (_packed is null) return;
        if (_packedCount + entries > EncodingLimits.ZsetMaxListpackEntries)
        {
            // It will convert on the way (members up to the limit still go through the listpack,
            // as in Redis): size the skip list for all of them.
            _expected = _packedCount + entries;
            return;
        }
        if (_packedUsed + bytes > _packed.Length) Array.Resize(ref _packed, _packedUsed + bytes);
    }

    /// <summary>The bytes one member takes in a listpack (for <see cref="Reserve"/>).</summary>
    public static int ListpackEntrySize(int memberLength, double score) => VarIntLength(memberLength) + memberLength + ScoreLength(score);

    private SortedSetValue(byte[] key, SortedSetValue source) : base(key)
    {
        if (source._skip is { } skip) _skip = skip.Clone();
        else
        {
            _packed = source._packed.AsSpan(0, source._packedUsed).ToArray();
            _packedUsed = source._packedUsed;
            _packedCount = source._packedCount;
        }
    }

    public override RedisType Type => RedisType.SortedSet;

    public override string Encoding => _skip is null ? "listpack" : "skiplist";

    public bool IsListpack => _skip is null;

    public long Count => _skip?.Count ?? _packedCount;

    public override RedisObject CloneWithKey(byte[] key) => new SortedSetValue(key, this);

    /// <summary>ZADD key score member ... in batches of 64 pairs (Redis AOF_REWRITE_ITEMS_PER_CMD).</summary>
    public override IEnumerable<byte[][]> RebuildCommands()
    {
        var batch = new List<byte[]>(2 + 2 * 64);
        var collector = new PairCollector { Pairs = new List<(byte[], double)>((int)Count) };
        VisitAll(ref collector);
        foreach (var (member, score) in collector.Pairs)
        {
            if (batch.Count == 0)
            {
                batch.Add("ZADD"u8.ToArray());
                batch.Add(Key);
            }
            batch.Add(System.Text.Encoding.ASCII.GetBytes(FormatScore(score)));
            batch.Add(member);
            if (batch.Count == 2 + 2 * 64)
            {
                yield return batch.ToArray();
                batch.Clear();
            }
        }
        if (batch.Count > 0) yield return batch.ToArray();
    }

    /// <summary>%.17g, the way Redis writes a score into its AOF ("inf", "-inf", "-0" included).</summary>
    private static string FormatScore(double score)
    {
        if (double.IsPositiveInfinity(score)) return "inf";
        if (double.IsNegativeInfinity(score)) return "-inf";
        return score.ToString("G17", System.Globalization.CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    /// <summary>SORT's view: the members by ascending rank.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Elements()
    {
        var collector = new PairCollector { Pairs = [] };
        VisitAll(ref collector);
        return collector.Pairs.Select(p => (ReadOnlyMemory<byte>)p.Item1);
    }

    private struct PairCollector : IZsetVisitor
    {
        public List<(byte[], double)> Pairs;

        public void Visit(ReadOnlySpan<byte> member, double score) => Pairs.Add((member.ToArray(), score));
    }

    /// <summary>
    /// True when Redis's listpack would store this score as an integer (integral and within
    /// ±2^62, Redis double2ll): ZSCAN of a listpack then prints it as one ("100000000000000000",
    /// not "1e+17").
    /// </summary>
    public static bool IsListpackInteger(double score, out long value)
    {
        value = 0;
        if (score < -4611686018427387904.0 || score > 4611686018427387904.0) return false;
        value = (long)score;
        return value == score;
    }

    // ------------------------------------------------------------------ single members

    /// <summary>
    /// Redis zsetAdd: adds or updates one member under ZADD's flags, converting to a skip list
    /// when the listpack limits would be crossed. <paramref name="newScore"/> is the member's
    /// score after the call when it was processed (INCR's reply).
    /// </summary>
    public ZAddResult Add(ReadOnlySpan<byte> member, double score, ZAddFlags flags, out double newScore)
    {
        newScore = score;
        if (double.IsNaN(score)) return ZAddResult.NotANumber;
        if (_packed is not null)
        {
            var position = PackedFind(member, out var current);
            if (position >= 0)
            {
                if (!TryApplyFlags(flags, current, ref score)) return double.IsNaN(score) ? ZAddResult.NotANumber : ZAddResult.Skipped;
                newScore = score;
                if (score == current) return ZAddResult.Unchanged;
                PackedRemoveAt(position);
                PackedInsert(member, score);
                return ZAddResult.Updated;
            }
            if ((flags & ZAddFlags.Xx) != 0) return ZAddResult.Skipped;
            if (_packedCount + 1 <= EncodingLimits.ZsetMaxListpackEntries && member.Length <= EncodingLimits.ZsetMaxListpackValue)
            {
                PackedInsert(member, score);
                return ZAddResult.Added;
            }
            ConvertToSkipList();
        }
        var skip = _skip!;
        var node = skip.Find(member);
        if (node != 0)
        {
            var current = skip.ScoreOf(node);
            if (!TryApplyFlags(flags, current, ref score)) return double.IsNaN(score) ? ZAddResult.NotANumber : ZAddResult.Skipped;
            newScore = score;
            if (score == current) return ZAddResult.Unchanged;
            skip.UpdateScore(node, score);
            return ZAddResult.Updated;
        }
        if ((flags & ZAddFlags.Xx) != 0) return ZAddResult.Skipped;
        skip.Insert(member, score);
        return ZAddResult.Added;
    }

    /// <summary>NX, INCR, GT and LT against an existing member's score; false when the member is left alone.</summary>
    private static bool TryApplyFlags(ZAddFlags flags, double current, ref double score)
    {
        if ((flags & ZAddFlags.Nx) != 0) return false;
        if ((flags & ZAddFlags.Incr) != 0)
        {
            score += current;
            if (double.IsNaN(score)) return false;
        }
        if (((flags & ZAddFlags.Lt) != 0 && score >= current) || ((flags & ZAddFlags.Gt) != 0 && score <= current)) return false;
        return true;
    }

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        if (_skip is { } skip)
        {
            var node = skip.Find(member);
            score = node != 0 ? skip.ScoreOf(node) : 0;
            return node != 0;
        }
        return PackedFind(member, out score) >= 0;
    }

    public bool Contains(ReadOnlySpan<byte> member) => TryGetScore(member, out _);

    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (_skip is { } skip) return skip.Remove(member);
        var position = PackedFind(member, out _);
        if (position < 0) return false;
        PackedRemoveAt(position);
        return true;
    }

    /// <summary>0-based rank in ascending (or descending) order, -1 when absent (Redis zsetRank).</summary>
    public long RankOf(ReadOnlySpan<byte> member, bool reverse)
    {
        long rank;
        if (_skip is { } skip)
        {
            var node = skip.Find(member);
            if (node == 0) return -1;
            rank = skip.RankOf(node) - 1;
        }
        else
        {
            rank = -1;
            var pos = 0;
            for (var i = 0; i < _packedCount; i++)
            {
                pos = ReadEntry(pos, out var start, out var length, out _);
                if (_packed.AsSpan(start, length).SequenceEqual(member))
                {
                    rank = i;
                    break;
                }
            }
            if (rank < 0) return -1;
        }
        return reverse ? Count - 1 - rank : rank;
    }

    // ------------------------------------------------------------------ ranges

    /// <summary>Visits ranks start..end (0-based, inclusive, already clamped to the set), counted from the top when <paramref name="reverse"/>.</summary>
    public void VisitByRank<T>(long start, long end, bool reverse, ref T visitor) where T : struct, IZsetVisitor
    {
        var count = end - start + 1;
        if (count <= 0) return;
        if (_skip is { } skip)
        {
            int node;
            if (reverse) node = start > 0 ? skip.NodeAtRank(skip.Count - start) : skip.Last;
            else node = start > 0 ? skip.NodeAtRank(start + 1) : skip.First;
            for (; count > 0 && node != 0; count--)
            {
                visitor.Visit(skip.MemberOf(node), skip.ScoreOf(node));
                node = reverse ? skip.Previous(node) : skip.Next(node);
            }
            return;
        }
        if (!reverse)
        {
            var pos = 0;
            for (var i = 0; i < _packedCount && i <= end; i++)
            {
                pos = ReadEntry(pos, out var mStart, out var mLength, out var score);
                if (i >= start) visitor.Visit(_packed.AsSpan(mStart, mLength), score);
            }
            return;
        }
        int[]? rented = null;
        Span<int> offsets = _packedCount <= 256 ? stackalloc int[_packedCount] : (rented = ArrayPool<int>.Shared.Rent(_packedCount));
        PackedOffsets(offsets);
        for (var i = _packedCount - 1 - start; i >= _packedCount - 1 - end && i >= 0; i--) VisitPackedAt(offsets[(int)i], ref visitor);
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>
    /// Visits the members whose scores are in <paramref name="range"/>, ascending (or descending),
    /// after skipping <paramref name="offset"/> and at most <paramref name="limit"/> of them
    /// (negative = no limit), as Redis's genericZrangebyscoreCommand. Returns how many it visited.
    /// </summary>
    public long VisitByScore<T>(in ScoreRange range, long offset, long limit, bool reverse, ref T visitor) where T : struct, IZsetVisitor
    {
        // Redis's "while (ln && offset--)" skips everything when offset is negative.
        if (offset < 0 || (offset > 0 && offset >= Count)) return 0;
        long emitted = 0;
        if (_skip is { } skip)
        {
            var node = reverse ? skip.LastInRange(range, out _) : skip.FirstInRange(range, out _);
            for (; node != 0 && offset > 0; offset--) node = reverse ? skip.Previous(node) : skip.Next(node);
            for (; node != 0 && limit != 0; limit--)
            {
                var score = skip.ScoreOf(node);
                if (reverse ? !range.AboveMin(score) : !range.BelowMax(score)) break;
                visitor.Visit(skip.MemberOf(node), score);
                emitted++;
                node = reverse ? skip.Previous(node) : skip.Next(node);
            }
            return emitted;
        }
        if (range.IsEmpty || _packedCount == 0) return 0;
        int[]? rented = null;
        Span<int> offsets = _packedCount <= 256 ? stackalloc int[_packedCount] : (rented = ArrayPool<int>.Shared.Rent(_packedCount));
        PackedOffsets(offsets);
        int index;
        if (reverse)
        {
            index = _packedCount - 1;
            while (index >= 0 && !range.BelowMax(PackedScoreAt(offsets[index]))) index--;
            if (index >= 0 && !range.AboveMin(PackedScoreAt(offsets[index]))) index = -1;
        }
        else
        {
            index = 0;
            while (index < _packedCount && !range.AboveMin(PackedScoreAt(offsets[index]))) index++;
            if (index < _packedCount && !range.BelowMax(PackedScoreAt(offsets[index]))) index = _packedCount;
        }
        var step = reverse ? -1 : 1;
        index += (int)Math.Min(offset, _packedCount) * step;
        for (; index >= 0 && index < _packedCount && limit != 0; limit--, index += step)
        {
            var score = PackedScoreAt(offsets[index]);
            if (reverse ? !range.AboveMin(score) : !range.BelowMax(score)) break;
            VisitPackedAt(offsets[index], ref visitor);
            emitted++;
        }
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return emitted;
    }

    /// <summary>As <see cref="VisitByScore{T}"/>, for a member range (meaningful when all scores are equal).</summary>
    public long VisitByLex<T>(in LexRange range, long offset, long limit, bool reverse, ref T visitor) where T : struct, IZsetVisitor
    {
        if (offset < 0 || (offset > 0 && offset >= Count)) return 0;
        long emitted = 0;
        if (_skip is { } skip)
        {
            var node = reverse ? skip.LastInLexRange(range, out _) : skip.FirstInLexRange(range, out _);
            for (; node != 0 && offset > 0; offset--) node = reverse ? skip.Previous(node) : skip.Next(node);
            for (; node != 0 && limit != 0; limit--)
            {
                var member = skip.MemberOf(node);
                if (reverse ? !range.AboveMin(member) : !range.BelowMax(member)) break;
                visitor.Visit(member, skip.ScoreOf(node));
                emitted++;
                node = reverse ? skip.Previous(node) : skip.Next(node);
            }
            return emitted;
        }
        if (_packedCount == 0) return 0;
        int[]? rented = null;
        Span<int> offsets = _packedCount <= 256 ? stackalloc int[_packedCount] : (rented = ArrayPool<int>.Shared.Rent(_packedCount));
        PackedOffsets(offsets);
        var index = reverse ? PackedLastInLex(range, offsets) : PackedFirstInLex(range, offsets);
        if (index < 0) index = reverse ? -1 : _packedCount;
        var step = reverse ? -1 : 1;
        index += (int)Math.Min(offset, _packedCount) * step;
        for (; index >= 0 && index < _packedCount && limit != 0; limit--, index += step)
        {
            var member = PackedMemberAt(offsets[index]);
            if (reverse ? !range.AboveMin(member) : !range.BelowMax(member)) break;
            VisitPackedAt(offsets[index], ref visitor);
            emitted++;
        }
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return emitted;
    }

    /// <summary>ZCOUNT: O(log n) on a skip list (the ranks of the first and last member in range).</summary>
    public long CountInRange(in ScoreRange range)
    {
        if (_skip is { } skip)
        {
            if (skip.FirstInRange(range, out var first) == 0) return 0;
            skip.LastInRange(range, out var last);
            return last - first + 1;
        }
        long count = 0;
        var pos = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            pos = ReadEntry(pos, out _, out _, out var score);
            if (!range.BelowMax(score)) break;
            if (range.AboveMin(score)) count++;
        }
        return range.IsEmpty ? 0 : count;
    }

    /// <summary>ZLEXCOUNT.</summary>
    public long CountInLexRange(in LexRange range)
    {
        if (_skip is { } skip)
        {
            if (skip.FirstInLexRange(range, out var first) == 0) return 0;
            var count = skip.Count - (first - 1);
            if (skip.LastInLexRange(range, out var last) != 0) count -= skip.Count - last;
            return count;
        }
        if (_packedCount == 0) return 0;
        int[]? rented = null;
        Span<int> offsets = _packedCount <= 256 ? stackalloc int[_packedCount] : (rented = ArrayPool<int>.Shared.Rent(_packedCount));
        PackedOffsets(offsets);
        long counted = 0;
        var start = PackedFirstInLex(range, offsets);
        for (var i = start; start >= 0 && i < _packedCount && range.BelowMax(PackedMemberAt(offsets[i])); i++) counted++;
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return counted;
    }

    /// <summary>Removes ranks start..end (0-based, inclusive, within the set); returns how many.</summary>
    public long RemoveRangeByRank(long start, long end)
    {
        if (_skip is { } skip) return skip.RemoveRangeByRank(start + 1, end + 1);
        int from = 0, to = 0, pos = 0;
        for (var i = 0; i <= end && i < _packedCount; i++)
        {
            if (i == start) from = pos;
            pos = ReadEntry(pos, out _, out _, out _);
            to = pos;
        }
        var removed = (int)(end - start + 1);
        PackedCut(from, to, removed);
        return removed;
    }

    public long RemoveRangeByScore(in ScoreRange range)
    {
        if (_skip is { } skip) return skip.RemoveRangeByScore(range);
        if (range.IsEmpty) return 0;
        int from = -1, to = 0, pos = 0, removed = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            var next = ReadEntry(pos, out _, out _, out var score);
            if (!range.BelowMax(score)) break;
            if (range.AboveMin(score))
            {
                if (from < 0) from = pos;
                to = next;
                removed++;
            }
            pos = next;
        }
        if (removed > 0) PackedCut(from, to, removed);
        return removed;
    }

    public long RemoveRangeByLex(in LexRange range)
    {
        if (_skip is { } skip) return skip.RemoveRangeByLex(range);
        if (_packedCount == 0) return 0;
        int[]? rented = null;
        Span<int> offsets = _packedCount <= 256 ? stackalloc int[_packedCount] : (rented = ArrayPool<int>.Shared.Rent(_packedCount));
        PackedOffsets(offsets);
        var first = PackedFirstInLex(range, offsets);
        var end = first;
        while (first >= 0 && end < _packedCount && range.BelowMax(PackedMemberAt(offsets[end]))) end++;
        var removed = first < 0 ? 0 : end - first;
        if (removed > 0) PackedCut(offsets[first], end < _packedCount ? offsets[end] : _packedUsed, removed);
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return removed;
    }

    /// <summary>
    /// Redis zzlFirstInLexRange, kept exactly because members are ordered by score first: when
    /// scores differ, a "member range" is whatever Redis's walk finds. Returns an index or -1.
    /// </summary>
    private int PackedFirstInLex(in LexRange range, ReadOnlySpan<int> offsets)
    {
        if (!PackedIsInLexRange(range, offsets)) return -1;
        for (var i = 0; i < _packedCount; i++)
        {
            var member = PackedMemberAt(offsets[i]);
            if (range.AboveMin(member)) return range.BelowMax(member) ? i : -1;
        }
        return -1;
    }

    /// <summary>Redis zzlLastInLexRange: from the end, the first member below the max, if it is above the min.</summary>
    private int PackedLastInLex(in LexRange range, ReadOnlySpan<int> offsets)
    {
        if (!PackedIsInLexRange(range, offsets)) return -1;
        for (var i = _packedCount - 1; i >= 0; i--)
        {
            var member = PackedMemberAt(offsets[i]);
            if (range.BelowMax(member)) return range.AboveMin(member) ? i : -1;
        }
        return -1;
    }

    private bool PackedIsInLexRange(in LexRange range, ReadOnlySpan<int> offsets) =>
        !range.IsEmpty && _packedCount > 0 &&
        range.AboveMin(PackedMemberAt(offsets[_packedCount - 1])) && range.BelowMax(PackedMemberAt(offsets[0]));

    /// <summary>Visits, then removes, the lowest (or highest) member. The set must not be empty.</summary>
    public void Pop<T>(bool highest, ref T visitor) where T : struct, IZsetVisitor
    {
        if (_skip is { } skip)
        {
            var node = highest ? skip.Last : skip.First;
            visitor.Visit(skip.MemberOf(node), skip.ScoreOf(node));
            skip.RemoveNode(node);
            return;
        }
        var pos = 0;
        if (highest)
            for (var i = 0; i < _packedCount - 1; i++) pos = ReadEntry(pos, out _, out _, out _);
        VisitPackedAt(pos, ref visitor);
        PackedRemoveAt(pos);
    }

    /// <summary>Visits every member, ascending.</summary>
    public void VisitAll<T>(ref T visitor) where T : struct, IZsetVisitor
    {
        if (_skip is { } skip)
        {
            for (var node = skip.First; node != 0; node = skip.Next(node)) visitor.Visit(skip.MemberOf(node), skip.ScoreOf(node));
            return;
        }
        var pos = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            pos = ReadEntry(pos, out var start, out var length, out var score);
            visitor.Visit(_packed.AsSpan(start, length), score);
        }
    }

    /// <summary>Visits every member, descending (the order Redis's ZRANDMEMBER returns a whole set in).</summary>
    public void VisitAllDescending<T>(ref T visitor) where T : struct, IZsetVisitor
    {
        if (Count > 0) VisitByRank(0, Count - 1, reverse: true, ref visitor);
    }

    /// <summary>Visits the member at a 0-based rank (ZRANDMEMBER's random picks).</summary>
    public void VisitAt<T>(long rank, ref T visitor) where T : struct, IZsetVisitor => VisitByRank(rank, rank, reverse: false, ref visitor);

    /// <summary>
    /// ZSCAN: a listpack is returned whole with cursor 0 (as Redis does); a skip list is walked
    /// bucket by bucket from <paramref name="cursor"/> until <paramref name="count"/> members
    /// were visited (at most count × 10 buckets, Redis's bound). Returns the next cursor.
    /// </summary>
    public ulong Scan<T>(ulong cursor, long count, ref T visitor) where T : struct, IZsetVisitor, IZsetScanCounter
    {
        if (_skip is not { } skip)
        {
            VisitAll(ref visitor);
            return 0;
        }
        var budget = count * 10;
        do
        {
            cursor = skip.ScanStep(cursor, ref visitor);
        } while (cursor != 0 && --budget > 0 && visitor.Visited < count);
        return cursor;
    }

    // ------------------------------------------------------------------ listpack internals

    private void ConvertToSkipList()
    {
        var skip = new ZSkipList(Math.Max(_packedCount + 1, _expected), _packedUsed);
        _expected = 0;
        var pos = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            pos = ReadEntry(pos, out var start, out var length, out var score);
            skip.Insert(_packed.AsSpan(start, length), score);
        }
        _skip = skip;
        _packed = null;
        _packedUsed = _packedCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadEntry(int pos, out int memberStart, out int memberLength, out double score)
    {
        var buffer = _packed!;
        int length = buffer[pos++];
        if (length >= 0x80)
        {
            length &= 0x7F;
            var shift = 7;
            byte b;
            do
            {
                b = buffer[pos++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while (b >= 0x80);
        }
        memberStart = pos;
        memberLength = length;
        pos += length;
        int tag = buffer[pos++];
        if (tag < TagInt16)
        {
            score = tag - SmallBias;
            return pos;
        }
        switch (tag)
        {
            case TagInt16:
                score = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(pos));
                return pos + 2;
            case TagInt24:
                score = (buffer[pos] | (buffer[pos + 1] << 8) | ((sbyte)buffer[pos + 2] << 16));
                return pos + 3;
            case TagInt32:
                score = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(pos));
                return pos + 4;
            case TagTenths16:
                score = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(pos)) / 10.0;
                return pos + 2;
            case TagHundredths16:
                score = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(pos)) / 100.0;
                return pos + 2;
            case TagTenths32:
                score = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(pos)) / 10.0;
                return pos + 4;
            case TagHundredths32:
                score = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(pos)) / 100.0;
                return pos + 4;
            default:
                score = System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(buffer.AsSpan(pos));
                return pos + 8;
        }
    }

    private double PackedScoreAt(int pos)
    {
        ReadEntry(pos, out _, out _, out var score);
        return score;
    }

    private ReadOnlySpan<byte> PackedMemberAt(int pos)
    {
        ReadEntry(pos, out var start, out var length, out _);
        return _packed.AsSpan(start, length);
    }

    private void VisitPackedAt<T>(int pos, ref T visitor) where T : struct, IZsetVisitor
    {
        ReadEntry(pos, out var start, out var length, out var score);
        visitor.Visit(_packed.AsSpan(start, length), score);
    }

    private void PackedOffsets(Span<int> offsets)
    {
        var pos = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            offsets[i] = pos;
            pos = ReadEntry(pos, out _, out _, out _);
        }
    }

    /// <summary>The entry offset of a member (and its score), or -1.</summary>
    private int PackedFind(ReadOnlySpan<byte> member, out double score)
    {
        var pos = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            var next = ReadEntry(pos, out var start, out var length, out score);
            if (length == member.Length && _packed.AsSpan(start, length).SequenceEqual(member)) return pos;
            pos = next;
        }
        score = 0;
        return -1;
    }

    private void PackedInsert(ReadOnlySpan<byte> member, double score)
    {
        // Find the first entry that sorts after (score, member).
        var pos = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            var next = ReadEntry(pos, out var start, out var length, out var s);
            if (s > score || (s == score && _packed.AsSpan(start, length).SequenceCompareTo(member) > 0)) break;
            pos = next;
        }
        var size = VarIntLength(member.Length) + member.Length + ScoreLength(score);
        if (_packedUsed + size > _packed!.Length)
        {
            var grown = Math.Max(_packedUsed + size, _packed.Length + _packed.Length / 4 + 16);
            Array.Resize(ref _packed, grown);
        }
        var buffer = _packed;
        Buffer.BlockCopy(buffer, pos, buffer, pos + size, _packedUsed - pos);
        var p = WriteVarInt(buffer, pos, member.Length);
        member.CopyTo(buffer.AsSpan(p));
        WriteScore(buffer.AsSpan(p + member.Length), score);
        _packedUsed += size;
        _packedCount++;
    }

    private void PackedRemoveAt(int pos) => PackedCut(pos, ReadEntry(pos, out _, out _, out _), 1);

    private void PackedCut(int from, int to, int entries)
    {
        Buffer.BlockCopy(_packed!, to, _packed!, from, _packedUsed - to);
        _packedUsed -= to - from;
        _packedCount -= entries;
        // A set that shrank a lot gives memory back (only when much is wasted, so pops stay allocation-free).
        if (_packed!.Length > 256 && _packedUsed < _packed.Length / 4) Array.Resize(ref _packed, Math.Max(32, _packedUsed * 2));
    }

    /// <summary>
    /// Integral scores become integers (so -0 becomes 0, as in Redis's listpack, which stores
    /// integral scores as integers); exact tenths and hundredths become decimals (above); the
    /// rest keep all 64 bits.
    /// </summary>
    private static int ScoreLength(double score)
    {
        if (score >= -SmallBias && score <= SmallMax && score == Math.Floor(score)) return 1;
        if (score >= short.MinValue && score <= short.MaxValue && score == Math.Floor(score)) return 3;
        if (score >= -Int24Max - 1 && score <= Int24Max && score == Math.Floor(score)) return 4;
        if (score >= int.MinValue && score <= int.MaxValue && score == Math.Floor(score)) return 5;
        if (TryDecimal(score, out var mantissa, out _)) return mantissa is >= short.MinValue and <= short.MaxValue ? 3 : 5;
        return 9;
    }

    /// <summary>
    /// A non-integral score that is exactly <c>mantissa / 10</c> or <c>mantissa / 100</c> (as
    /// the double division computes it, which is also what parsing "1.5" gives) with a 32-bit
    /// mantissa; <paramref name="hundredths"/> tells which.
    /// </summary>
    private static bool TryDecimal(double score, out int mantissa, out bool hundredths)
    {
        mantissa = 0;
        hundredths = false;
        if (!(score > -2e7 && score < 2e7)) return false; // also refuses NaN and infinities
        var tenths = Math.Round(score * 10);
        if (tenths / 10 == score)
        {
            mantissa = (int)tenths;
            return true;
        }
        var cents = Math.Round(score * 100);
        if (cents / 100 != score) return false;
        mantissa = (int)cents;
        hundredths = true;
        return true;
    }

    private static void WriteScore(Span<byte> destination, double score)
    {
        switch (ScoreLength(score))
        {
            case 1:
                destination[0] = (byte)((int)score + SmallBias);
                break;
            case 3 when score == Math.Floor(score):
                destination[0] = TagInt16;
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(destination[1..], (short)score);
                break;
            case 4:
                var value = (int)score;
                destination[0] = TagInt24;
                destination[1] = (byte)value;
                destination[2] = (byte)(value >> 8);
                destination[3] = (byte)(value >> 16);
                break;
            case 5 when score == Math.Floor(score):
                destination[0] = TagInt32;
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[1..], (int)score);
                break;
            case 3 or 5:
                TryDecimal(score, out var mantissa, out var hundredths);
                if (mantissa is >= short.MinValue and <= short.MaxValue)
                {
                    destination[0] = hundredths ? TagHundredths16 : TagTenths16;
                    System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(destination[1..], (short)mantissa);
                }
                else
                {
                    destination[0] = hundredths ? TagHundredths32 : TagTenths32;
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[1..], mantissa);
                }
                break;
            default:
                destination[0] = TagDouble;
                System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(destination[1..], score);
                break;
        }
    }

    private static int VarIntLength(int value)
    {
        var n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }

    private static int WriteVarInt(byte[] buffer, int pos, int value)
    {
        while (value >= 0x80)
        {
            buffer[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[pos++] = (byte)value;
        return pos;
    }
}

/// <summary>A scan visitor that reports how many members it has taken (ZSCAN's COUNT).</summary>
public interface IZsetScanCounter
{
    long Visited { get; }
}
