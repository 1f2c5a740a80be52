using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>Ranges by rank, score and member: ZRANGE and its older forms, ZRANGESTORE, ZREMRANGEBY*.</summary>
internal static partial class SortedSetCommands
{
    private enum RangeKind { Auto, Rank, Score, Lex }

    private enum Direction { Auto, Forward, Reverse }

    /// <summary>ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]</summary>
    public static void ZRange(Client client) => RangeGeneric(client, 1, store: false, RangeKind.Auto, Direction.Auto);

    /// <summary>ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]</summary>
    public static void ZRangeStore(Client client) => RangeGeneric(client, 2, store: true, RangeKind.Auto, Direction.Auto);

    public static void ZRevRange(Client client) => RangeGeneric(client, 1, store: false, RangeKind.Rank, Direction.Reverse);

    public static void ZRangeByScore(Client client) => RangeGeneric(client, 1, store: false, RangeKind.Score, Direction.Forward);

    public static void ZRevRangeByScore(Client client) => RangeGeneric(client, 1, store: false, RangeKind.Score, Direction.Reverse);

    public static void ZRangeByLex(Client client) => RangeGeneric(client, 1, store: false, RangeKind.Lex, Direction.Forward);

    public static void ZRevRangeByLex(Client client) => RangeGeneric(client, 1, store: false, RangeKind.Lex, Direction.Reverse);

    /// <summary>
    /// Redis zrangeGenericCommand: one parser and one walk for every range command. The older
    /// commands fix the kind and direction, so BYSCORE, BYLEX or REV is a syntax error there.
    /// </summary>
    private static void RangeGeneric(Client client, int keyIndex, bool store, RangeKind kind, Direction direction)
    {
        var args = client.Args;
        var reply = client.Reply;
        int minIndex = keyIndex + 1, maxIndex = keyIndex + 2;
        long offset = 0, limit = -1;
        var withScores = false;
        for (var j = keyIndex + 3; j < args.Count; j++)
        {
            var left = args.Count - j - 1;
            if (!store && client.ArgIs(j, "withscores"u8)) withScores = true;
            else if (client.ArgIs(j, "limit"u8) && left >= 2)
            {
                if (!client.TryGetInt64OrReply(j + 1, out offset) || !client.TryGetInt64OrReply(j + 2, out limit)) return;
                j += 2;
            }
            else if (direction == Direction.Auto && client.ArgIs(j, "rev"u8)) direction = Direction.Reverse;
            else if (kind == RangeKind.Auto && client.ArgIs(j, "bylex"u8)) kind = RangeKind.Lex;
            else if (kind == RangeKind.Auto && client.ArgIs(j, "byscore"u8)) kind = RangeKind.Score;
            else
            {
                reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (direction == Direction.Auto) direction = Direction.Forward;
        if (kind == RangeKind.Auto) kind = RangeKind.Rank;
        // Redis tests the value, not the presence: "LIMIT 0 -1" passes with a rank range.
        if (limit != -1 && kind == RangeKind.Rank)
        {
            reply.WriteError("syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
            return;
        }
        if (withScores && kind == RangeKind.Lex)
        {
            reply.WriteError("syntax error, WITHSCORES not supported in combination with BYLEX");
            return;
        }
        var reverse = direction == Direction.Reverse;
        if (reverse && kind != RangeKind.Rank) (minIndex, maxIndex) = (maxIndex, minIndex);

        long start = 0, end = 0;
        var scoreRange = default(ScoreRange);
        var lexRange = default(LexRange);
        switch (kind)
        {
            case RangeKind.Rank:
                if (!client.TryGetInt64OrReply(minIndex, out start) || !client.TryGetInt64OrReply(maxIndex, out end)) return;
                break;
            case RangeKind.Score:
                if (!TryParseScoreRangeOrReply(client, minIndex, maxIndex, out scoreRange)) return;
                break;
            default:
                if (!LexRange.TryParse(args[minIndex], args[maxIndex], out lexRange))
                {
                    reply.WriteError(LexRangeInvalid);
                    return;
                }
                break;
        }

        if (!TryGetForReadOrReply(client, keyIndex, out var zset)) return;
        if (store)
        {
            // Redis zrangeResultBeginStore: a skip list when a rank range is known to exceed the
            // listpack limit, else a listpack that converts as it grows.
            var expected = zset is not null && kind == RangeKind.Rank ? RankRange(zset.Count, ref start, ref end) : -1;
            var result = new SortedSetValue(args.ToArray(1), listpack: expected <= EncodingLimits.ZsetMaxListpackEntries);
            if (zset is not null && expected != 0)
            {
                var visitor = new StoreVisitor(result);
                Walk(zset, kind, start, end, scoreRange, lexRange, offset, limit, reverse, ref visitor);
            }
            StoreResult(client, args[1], result);
            return;
        }
        if (zset is null)
        {
            reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        // The reply's length comes first: count, then walk (Redis defers the length instead).
        var count = kind switch
        {
            RangeKind.Rank => RankRange(zset.Count, ref start, ref end),
            RangeKind.Score => Window(zset.CountInRange(scoreRange), offset, limit),
            // A member range is only ordered when scores are equal; otherwise only the walk
            // itself knows what it returns, so count with the same walk.
            _ => CountLexWalk(zset, lexRange, offset, limit, reverse),
        };
        WriteRangeHeader(reply, count, withScores);
        if (count == 0) return;
        var writer = new ReplyVisitor(reply, withScores);
        Walk(zset, kind, start, end, scoreRange, lexRange, offset, limit, reverse, ref writer);
    }

    private static void Walk<T>(SortedSetValue zset, RangeKind kind, long start, long end, in ScoreRange scoreRange, in LexRange lexRange,
        long offset, long limit, bool reverse, ref T visitor) where T : struct, IZsetVisitor
    {
        switch (kind)
        {
            case RangeKind.Rank:
                // start and end are normalised by RankRange already, and not empty.
                zset.VisitByRank(start, end, reverse, ref visitor);
                break;
            case RangeKind.Score:
                zset.VisitByScore(scoreRange, offset, limit, reverse, ref visitor);
                break;
            default:
                zset.VisitByLex(lexRange, offset, limit, reverse, ref visitor);
                break;
        }
    }

    private static long CountLexWalk(SortedSetValue zset, in LexRange range, long offset, long limit, bool reverse)
    {
        var counter = new CountingVisitor();
        return zset.VisitByLex(range, offset, limit, reverse, ref counter);
    }

    private struct CountingVisitor : IZsetVisitor
    {
        public readonly void Visit(ReadOnlySpan<byte> member, double score) { }
    }

    /// <summary>Redis's rank normalisation (negative counts from the end, clamped); returns how many ranks remain.</summary>
    private static long RankRange(long length, ref long start, ref long end)
    {
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (start > end || start >= length) return 0;
        if (end >= length) end = length - 1;
        return end - start + 1;
    }

    /// <summary>How many of <paramref name="inRange"/> members LIMIT offset count leaves (Redis skips all on a negative offset).</summary>
    private static long Window(long inRange, long offset, long limit)
    {
        if (offset < 0 || offset >= inRange) return 0;
        var left = inRange - offset;
        return limit < 0 ? left : Math.Min(left, limit);
    }

    public static void ZRemRangeByRank(Client client) => RemoveRangeGeneric(client, RangeKind.Rank);

    public static void ZRemRangeByScore(Client client) => RemoveRangeGeneric(client, RangeKind.Score);

    public static void ZRemRangeByLex(Client client) => RemoveRangeGeneric(client, RangeKind.Lex);

    /// <summary>Redis zremrangeGenericCommand: the range is parsed before the key is looked at.</summary>
    private static void RemoveRangeGeneric(Client client, RangeKind kind)
    {
        var args = client.Args;
        long start = 0, end = 0;
        var scoreRange = default(ScoreRange);
        var lexRange = default(LexRange);
        switch (kind)
        {
            case RangeKind.Rank:
                if (!client.TryGetInt64OrReply(2, out start) || !client.TryGetInt64OrReply(3, out end)) return;
                break;
            case RangeKind.Score:
                if (!TryParseScoreRangeOrReply(client, 2, 3, out scoreRange)) return;
                break;
            default:
                if (!LexRange.TryParse(args[2], args[3], out lexRange))
                {
                    client.Reply.WriteError(LexRangeInvalid);
                    return;
                }
                break;
        }
        var key = args[1];
        if (!TryGetForWriteOrReply(client, key, out var zset)) return;
        if (zset is null || (kind == RangeKind.Rank && RankRange(zset.Count, ref start, ref end) == 0))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var deleted = kind switch
        {
            RangeKind.Rank => zset.RemoveRangeByRank(start, end),
            RangeKind.Score => zset.RemoveRangeByScore(scoreRange),
            _ => zset.RemoveRangeByLex(lexRange),
        };
        if (zset.Count == 0) client.Db.Delete(key);
        if (deleted > 0) client.Server.Propagate(client);
        client.Reply.WriteInteger(deleted);
    }
}
