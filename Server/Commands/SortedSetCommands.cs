using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The sorted set commands (Redis t_zset.c). This file: single members (ZADD, ZINCRBY, ZREM,
/// ZSCORE, ZMSCORE, ZCARD, ZRANK, ZREVRANK), counts, ZRANDMEMBER, ZSCAN and the helpers every
/// sorted-set handler shares. Ranges, set algebra and pops have their own files.
/// </summary>
internal static partial class SortedSetCommands
{
    private static ReadOnlySpan<byte> NotAFloat => "-ERR value is not a valid float\r\n"u8;
    private static ReadOnlySpan<byte> RangeNotAFloat => "-ERR min or max is not a float\r\n"u8;
    private static ReadOnlySpan<byte> LexRangeInvalid => "-ERR min or max not valid string range item\r\n"u8;
    private static ReadOnlySpan<byte> ResultIsNaN => "-ERR resulting score is not a number (NaN)\r\n"u8;

    // ------------------------------------------------------------------ ZADD / ZINCRBY

    /// <summary>ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]</summary>
    public static void ZAdd(Client client) => AddGeneric(client, ZAddFlags.None);

    /// <summary>ZINCRBY key increment member: ZADD INCR under another name, as in Redis.</summary>
    public static void ZIncrBy(Client client) => AddGeneric(client, ZAddFlags.Incr);

    /// <summary>Redis zaddGenericCommand: options, then every score, then the type, then the members.</summary>
    private static void AddGeneric(Client client, ZAddFlags flags)
    {
        var args = client.Args;
        var changed = false;
        var scoreIndex = 2;
        for (; scoreIndex < args.Count; scoreIndex++)
        {
            if (client.ArgIs(scoreIndex, "nx"u8)) flags |= ZAddFlags.Nx;
            else if (client.ArgIs(scoreIndex, "xx"u8)) flags |= ZAddFlags.Xx;
            else if (client.ArgIs(scoreIndex, "ch"u8)) changed = true;
            else if (client.ArgIs(scoreIndex, "incr"u8)) flags |= ZAddFlags.Incr;
            else if (client.ArgIs(scoreIndex, "gt"u8)) flags |= ZAddFlags.Gt;
            else if (client.ArgIs(scoreIndex, "lt"u8)) flags |= ZAddFlags.Lt;
            else break;
        }
        var elements = args.Count - scoreIndex;
        if (elements % 2 != 0 || elements == 0)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        elements /= 2;
        bool nx = (flags & ZAddFlags.Nx) != 0, xx = (flags & ZAddFlags.Xx) != 0;
        bool gt = (flags & ZAddFlags.Gt) != 0, lt = (flags & ZAddFlags.Lt) != 0;
        var incr = (flags & ZAddFlags.Incr) != 0;
        if (nx && xx)
        {
            client.Reply.WriteError("XX and NX options at the same time are not compatible");
            return;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt))
        {
            client.Reply.WriteError("GT, LT, and/or NX options at the same time are not compatible");
            return;
        }
        if (incr && elements > 1)
        {
            client.Reply.WriteError("INCR option supports a single increment-element pair");
            return;
        }
        Span<double> scores = elements <= 256 ? stackalloc double[elements] : new double[elements];
        for (var j = 0; j < elements; j++)
            if (!TryGetScoreOrReply(client, scoreIndex + j * 2, out scores[j])) return;

        var key = args[1];
        var db = client.Db;
        ref var entry = ref db.FindForWrite(key);
        SortedSetValue zset;
        var created = Unsafe.IsNullRef(ref entry);
        if (created)
        {
            if (xx)
            {
                if (incr) client.Reply.WriteNull();
                else client.Reply.WriteInteger(0);
                return;
            }
            zset = new SortedSetValue(key.ToArray(), args.Length(scoreIndex + 1));
            if (elements > 1)
            {
                var bytes = 0;
                for (var j = 0; j < elements; j++) bytes += SortedSetValue.ListpackEntrySize(args.Length(scoreIndex + 1 + j * 2), scores[j]);
                zset.Reserve(elements, bytes);
            }
        }
        else
        {
            if (entry.Type != RedisType.SortedSet)
            {
                client.Reply.WriteError(SharedReplies.WrongType);
                return;
            }
            zset = db.Mutable<SortedSetValue>(ref entry);
        }
        int added = 0, updated = 0, processed = 0;
        var score = 0.0;
        for (var j = 0; j < elements; j++)
        {
            var result = zset.Add(args[scoreIndex + 1 + j * 2], scores[j], flags, out var newScore);
            if (result == ZAddResult.NotANumber)
            {
                // Only INCR (a single pair) gets here, so nothing was changed.
                client.Reply.WriteError(ResultIsNaN);
                return;
            }
            if (result == ZAddResult.Added) added++;
            else if (result == ZAddResult.Updated) updated++;
            if (result != ZAddResult.Skipped) processed++;
            score = newScore;
        }
        if (created) db.SetObject(zset);
        else if (added + updated > 0) client.Server.Blocking.SignalKeyReady(db, key);
        if (added + updated > 0) client.Server.Propagate(client);
        if (incr)
        {
            if (processed > 0) client.Reply.WriteDouble(score);
            else client.Reply.WriteNull();
        }
        else client.Reply.WriteInteger(changed ? added + updated : added);
    }

    // ------------------------------------------------------------------ single members

    /// <summary>ZREM key member [member ...]</summary>
    public static void ZRem(Client client)
    {
        var args = client.Args;
        var key = args[1];
        if (!TryGetForWriteOrReply(client, key, out var zset)) return;
        if (zset is null)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var deleted = 0;
        for (var j = 2; j < args.Count; j++)
        {
            if (zset.Remove(args[j])) deleted++;
            if (zset.Count == 0)
            {
                client.Db.Delete(key);
                break;
            }
        }
        if (deleted > 0) client.Server.Propagate(client);
        client.Reply.WriteInteger(deleted);
    }

    /// <summary>ZSCORE key member</summary>
    public static void ZScore(Client client)
    {
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        if (zset is not null && zset.TryGetScore(client.Args[2], out var score)) client.Reply.WriteDouble(score);
        else client.Reply.WriteNull();
    }

    /// <summary>ZMSCORE key member [member ...]</summary>
    public static void ZMScore(Client client)
    {
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        var args = client.Args;
        client.Reply.WriteArrayHeader(args.Count - 2);
        for (var j = 2; j < args.Count; j++)
        {
            if (zset is not null && zset.TryGetScore(args[j], out var score)) client.Reply.WriteDouble(score);
            else client.Reply.WriteNull();
        }
    }

    /// <summary>ZCARD key</summary>
    public static void ZCard(Client client)
    {
        if (TryGetForReadOrReply(client, 1, out var zset)) client.Reply.WriteInteger(zset?.Count ?? 0);
    }

    public static void ZRank(Client client) => RankGeneric(client, reverse: false);

    public static void ZRevRank(Client client) => RankGeneric(client, reverse: true);

    private static void RankGeneric(Client client, bool reverse)
    {
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        var rank = zset?.RankOf(client.Args[2], reverse) ?? -1;
        if (rank >= 0) client.Reply.WriteInteger(rank);
        else client.Reply.WriteNull();
    }

    /// <summary>ZCOUNT key min max: the range is checked before the key, as in Redis.</summary>
    public static void ZCount(Client client)
    {
        if (!TryParseScoreRangeOrReply(client, 2, 3, out var range)) return;
        if (TryGetForReadOrReply(client, 1, out var zset)) client.Reply.WriteInteger(zset?.CountInRange(range) ?? 0);
    }

    /// <summary>ZLEXCOUNT key min max</summary>
    public static void ZLexCount(Client client)
    {
        if (!LexRange.TryParse(client.Args[2], client.Args[3], out var range))
        {
            client.Reply.WriteError(LexRangeInvalid);
            return;
        }
        if (TryGetForReadOrReply(client, 1, out var zset)) client.Reply.WriteInteger(zset?.CountInLexRange(range) ?? 0);
    }

    // ------------------------------------------------------------------ ZRANDMEMBER

    /// <summary>ZRANDMEMBER key [count [WITHSCORES]]</summary>
    public static void ZRandMember(Client client)
    {
        var args = client.Args;
        if (args.Count >= 3)
        {
            if (!client.TryGetInt64OrReply(2, out var count)) return;
            if (count == long.MinValue)
            {
                client.Reply.WriteError("value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                return;
            }
            if (args.Count > 4 || (args.Count == 4 && !client.ArgIs(3, "withscores"u8)))
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
            var withScores = args.Count == 4;
            if (withScores && (count < long.MinValue / 2 || count > long.MaxValue / 2))
            {
                client.Reply.WriteError("value is out of range");
                return;
            }
            RandomMembersWithCount(client, count, withScores);
            return;
        }
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        if (zset is null)
        {
            client.Reply.WriteNull();
            return;
        }
        var visitor = new ReplyVisitor(client.Reply, withScores: false);
        zset.VisitAt(Random.Shared.NextInt64(zset.Count), ref visitor);
    }

    /// <summary>
    /// Redis zrandmemberWithCountCommand: a negative count may repeat members; a count that
    /// covers the set returns it whole, highest first (Redis walks it from the tail); otherwise
    /// distinct members in random order.
    /// </summary>
    private static void RandomMembersWithCount(Client client, long requested, bool withScores)
    {
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        var reply = client.Reply;
        if (zset is null || requested == 0)
        {
            reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        var unique = requested >= 0;
        var count = Math.Abs(requested);
        var size = zset.Count;
        var visitor = new ReplyVisitor(reply, withScores);
        if (!unique || count == 1)
        {
            WriteRangeHeader(reply, count, withScores);
            for (var i = 0; i < count; i++) zset.VisitAt(Random.Shared.NextInt64(size), ref visitor);
            return;
        }
        if (count >= size)
        {
            WriteRangeHeader(reply, size, withScores);
            zset.VisitAllDescending(ref visitor);
            return;
        }
        // Distinct random ranks, in random order: a partial Fisher-Yates shuffle when the sample
        // is a large part of the set, rejection sampling when it is small (Redis's two cases).
        WriteRangeHeader(reply, count, withScores);
        if (count * 3 > size)
        {
            var ranks = new long[size];
            for (var i = 0; i < size; i++) ranks[i] = i;
            for (var i = 0; i < count; i++)
            {
                var j = i + Random.Shared.NextInt64(size - i);
                (ranks[i], ranks[j]) = (ranks[j], ranks[i]);
                zset.VisitAt(ranks[i], ref visitor);
            }
            return;
        }
        var picked = new HashSet<long>();
        while (picked.Count < count)
        {
            var rank = Random.Shared.NextInt64(size);
            if (picked.Add(rank)) zset.VisitAt(rank, ref visitor);
        }
    }

    // ------------------------------------------------------------------ ZSCAN

    /// <summary>ZSCAN key cursor [MATCH pattern] [COUNT count]</summary>
    public static void ZScan(Client client)
    {
        if (!KeyCommands.TryParseCursor(client, 2, out var cursor)) return;
        if (!TryGetForReadOrReply(client, 1, out var zset)) return;
        var reply = client.Reply;
        if (zset is null)
        {
            reply.WriteRaw("*2\r\n$1\r\n0\r\n*0\r\n"u8);
            return;
        }
        var args = client.Args;
        long count = 10;
        var patternIndex = -1;
        for (var j = 3; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "count"u8) && more >= 1)
            {
                if (!client.TryGetInt64OrReply(j + 1, out count)) return;
                if (count < 1)
                {
                    reply.WriteError(SharedReplies.SyntaxError);
                    return;
                }
                j++;
            }
            else if (client.ArgIs(j, "match"u8) && more >= 1)
            {
                patternIndex = args.Length(j + 1) == 1 && args[j + 1][0] == '*' ? -1 : j + 1;
                j++;
            }
            else
            {
                reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        var collector = new ScanCollector { Pairs = [], Listpack = zset.IsListpack };
        var next = zset.Scan(cursor, count, ref collector);
        var kept = 0;
        foreach (var (member, _) in collector.Pairs)
            if (patternIndex < 0 || GlobPattern.IsMatch(args[patternIndex], member)) kept++;
        reply.WriteArrayHeader(2);
        reply.WriteBulk(next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        reply.WriteArrayHeader(kept * 2);
        foreach (var (member, score) in collector.Pairs)
        {
            if (patternIndex >= 0 && !GlobPattern.IsMatch(args[patternIndex], member)) continue;
            reply.WriteBulk(member);
            reply.WriteBulk(score);
        }
    }

    /// <summary>
    /// ZSCAN's pairs, with scores already as the bulk strings Redis sends: a listpack holds
    /// integral scores as integers (printed as such), everything else prints as %.17g.
    /// </summary>
    private struct ScanCollector : IZsetVisitor, IZsetScanCounter
    {
        public List<(byte[] Member, byte[] Score)> Pairs;
        public bool Listpack;

        public readonly long Visited => Pairs.Count;

        public void Visit(ReadOnlySpan<byte> member, double score)
        {
            Span<byte> text = stackalloc byte[32];
            var n = Listpack && SortedSetValue.IsListpackInteger(score, out var integer)
                ? RedisNumbers.FormatInt64(integer, text)
                : RedisNumbers.FormatDouble(score, text);
            Pairs.Add((member.ToArray(), text[..n].ToArray()));
        }
    }

    // ------------------------------------------------------------------ shared helpers

    /// <summary>
    /// Looks a key up for reading: true with the set (or null when missing); false after
    /// replying WRONGTYPE.
    /// </summary>
    private static bool TryGetForReadOrReply(Client client, int keyIndex, out SortedSetValue? zset)
    {
        zset = null;
        ref var entry = ref client.LookupRead(client.Args[keyIndex]);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is SortedSetValue value)
        {
            zset = value;
            return true;
        }
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    /// <summary>
    /// Looks a key up to change it: true with the set, ready to be changed in place (see
    /// <see cref="Database.Mutable{T}"/>), or null when missing; false after replying WRONGTYPE.
    /// </summary>
    private static bool TryGetForWriteOrReply(Client client, ReadOnlySpan<byte> key, out SortedSetValue? zset)
    {
        zset = null;
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is SortedSetValue)
        {
            zset = client.Db.Mutable<SortedSetValue>(ref entry);
            return true;
        }
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    /// <summary>A score or increment: Redis getDoubleFromObjectOrReply, strtod's syntax and no NaN.</summary>
    private static bool TryGetScoreOrReply(Client client, int index, out double score)
    {
        if (Strtod.TryParseStrict(client.Args[index], out score)) return true;
        client.Reply.WriteError(NotAFloat);
        return false;
    }

    /// <summary>Redis zslParseRange: "(" makes an end exclusive; "min or max is not a float" otherwise.</summary>
    private static bool TryParseScoreRangeOrReply(Client client, int minIndex, int maxIndex, out ScoreRange range)
    {
        range = default;
        if (!TryParseScoreBound(client.Args[minIndex], out var min, out var minExclusive) ||
            !TryParseScoreBound(client.Args[maxIndex], out var max, out var maxExclusive))
        {
            client.Reply.WriteError(RangeNotAFloat);
            return false;
        }
        range = new ScoreRange(min, max, minExclusive, maxExclusive);
        return true;
    }

    private static bool TryParseScoreBound(ReadOnlySpan<byte> text, out double value, out bool exclusive)
    {
        exclusive = text.Length > 0 && text[0] == '(';
        return Strtod.TryParseLenient(exclusive ? text[1..] : text, out value);
    }

    /// <summary>A range reply's length: pairs count twice in RESP2; in RESP3 each pair is its own array.</summary>
    private static void WriteRangeHeader(ReplyBuffer reply, long count, bool withScores) =>
        reply.WriteArrayHeader((int)(withScores && !reply.Resp3 ? count * 2 : count));

    /// <summary>Writes members (and scores) as a range reply: flat pairs in RESP2, [member, score] arrays in RESP3.</summary>
    private struct ReplyVisitor(ReplyBuffer reply, bool withScores) : IZsetVisitor
    {
        public void Visit(ReadOnlySpan<byte> member, double score)
        {
            if (withScores && reply.Resp3) reply.WriteArrayHeader(2);
            reply.WriteBulk(member);
            if (withScores) reply.WriteDouble(score);
        }
    }

    /// <summary>Adds what it visits to another set (ZRANGESTORE).</summary>
    private struct StoreVisitor(SortedSetValue target) : IZsetVisitor
    {
        public void Visit(ReadOnlySpan<byte> member, double score) => target.Add(member, score, ZAddFlags.None, out _);
    }

    /// <summary>
    /// A STORE command's result: a non-empty set replaces the destination (and its TTL); an
    /// empty one deletes it. Propagated when the dataset changed; replies with the size.
    /// </summary>
    private static void StoreResult(Client client, ReadOnlySpan<byte> destination, SortedSetValue result)
    {
        var db = client.Db;
        if (result.Count > 0)
        {
            var existed = db.Exists(destination);
            db.SetObject(result);
            if (existed) client.Server.Blocking.SignalKeyReady(db, destination);
            client.Server.Propagate(client);
            client.Reply.WriteInteger(result.Count);
            return;
        }
        if (db.Delete(destination)) client.Server.Propagate(client);
        client.Reply.WriteInteger(0);
    }
}
