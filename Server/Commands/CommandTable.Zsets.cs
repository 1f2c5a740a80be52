using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>The sorted set commands (Redis t_zset.c), as Redis 7.0's COMMAND describes them.</summary>
internal sealed partial class CommandTable
{
    private static CommandDescriptor[] ZsetsCommands() =>
    [
        new("zadd", -4, Write | DenyOom | Fast, 1, 1, 1, SortedSetCommands.ZAdd, "sorted-set", "Add one or more members to a sorted set, or update its score if it already exists", "1.2.0"),
        new("zincrby", 4, Write | DenyOom | Fast, 1, 1, 1, SortedSetCommands.ZIncrBy, "sorted-set", "Increment the score of a member in a sorted set", "1.2.0"),
        new("zscore", 3, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZScore, "sorted-set", "Get the score associated with the given member in a sorted set", "1.2.0"),
        new("zmscore", -3, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZMScore, "sorted-set", "Get the score associated with the given members in a sorted set", "6.2.0"),
        new("zcard", 2, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZCard, "sorted-set", "Get the number of members in a sorted set", "1.2.0"),
        new("zcount", 4, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZCount, "sorted-set", "Count the members in a sorted set with scores within the given values", "2.0.0"),
        new("zlexcount", 4, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZLexCount, "sorted-set", "Count the number of members in a sorted set between a given lexicographical range", "2.8.9"),
        new("zrange", -4, ReadOnly, 1, 1, 1, SortedSetCommands.ZRange, "sorted-set", "Return a range of members in a sorted set", "1.2.0"),
        new("zrangestore", -5, Write | DenyOom, 1, 2, 1, SortedSetCommands.ZRangeStore, "sorted-set", "Store a range of members from sorted set into another key", "6.2.0"),
        new("zrangebyscore", -4, ReadOnly, 1, 1, 1, SortedSetCommands.ZRangeByScore, "sorted-set", "Return a range of members in a sorted set, by score", "1.0.5"),
        new("zrevrangebyscore", -4, ReadOnly, 1, 1, 1, SortedSetCommands.ZRevRangeByScore, "sorted-set", "Return a range of members in a sorted set, by score, with scores ordered from high to low", "2.2.0"),
        new("zrangebylex", -4, ReadOnly, 1, 1, 1, SortedSetCommands.ZRangeByLex, "sorted-set", "Return a range of members in a sorted set, by lexicographical range", "2.8.9"),
        new("zrevrangebylex", -4, ReadOnly, 1, 1, 1, SortedSetCommands.ZRevRangeByLex, "sorted-set", "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.", "2.8.9"),
        new("zrevrange", -4, ReadOnly, 1, 1, 1, SortedSetCommands.ZRevRange, "sorted-set", "Return a range of members in a sorted set, by index, with scores ordered from high to low", "1.2.0"),
        new("zrank", 3, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZRank, "sorted-set", "Determine the index of a member in a sorted set", "2.0.0"),
        new("zrevrank", 3, ReadOnly | Fast, 1, 1, 1, SortedSetCommands.ZRevRank, "sorted-set", "Determine the index of a member in a sorted set, with scores ordered from high to low", "2.0.0"),
        new("zrem", -3, Write | Fast, 1, 1, 1, SortedSetCommands.ZRem, "sorted-set", "Remove one or more members from a sorted set", "1.2.0"),
        new("zremrangebyrank", 4, Write, 1, 1, 1, SortedSetCommands.ZRemRangeByRank, "sorted-set", "Remove all members in a sorted set within the given indexes", "2.0.0"),
        new("zremrangebyscore", 4, Write, 1, 1, 1, SortedSetCommands.ZRemRangeByScore, "sorted-set", "Remove all members in a sorted set within the given scores", "1.2.0"),
        new("zremrangebylex", 4, Write, 1, 1, 1, SortedSetCommands.ZRemRangeByLex, "sorted-set", "Remove all members in a sorted set between the given lexicographical range", "2.8.9"),
        new("zpopmin", -2, Write | Fast, 1, 1, 1, SortedSetCommands.ZPopMin, "sorted-set", "Remove and return members with the lowest scores in a sorted set", "5.0.0"),
        new("zpopmax", -2, Write | Fast, 1, 1, 1, SortedSetCommands.ZPopMax, "sorted-set", "Remove and return members with the highest scores in a sorted set", "5.0.0"),
        new("zmpop", -4, Write, 0, 0, 0, SortedSetCommands.ZMPop, "sorted-set", "Remove and return members with scores in a sorted set", "7.0.0"),
        new("zrandmember", -2, ReadOnly, 1, 1, 1, SortedSetCommands.ZRandMember, "sorted-set", "Get one or multiple random elements from a sorted set", "6.2.0"),
        new("zunion", -3, ReadOnly, 0, 0, 0, SortedSetCommands.ZUnion, "sorted-set", "Add multiple sorted sets", "6.2.0"),
        new("zinter", -3, ReadOnly, 0, 0, 0, SortedSetCommands.ZInter, "sorted-set", "Intersect multiple sorted sets", "6.2.0"),
        new("zdiff", -3, ReadOnly, 0, 0, 0, SortedSetCommands.ZDiff, "sorted-set", "Subtract multiple sorted sets", "6.2.0"),
        new("zunionstore", -4, Write | DenyOom, 1, 1, 1, SortedSetCommands.ZUnionStore, "sorted-set", "Add multiple sorted sets and store the resulting sorted set in a new key", "2.0.0"),
        new("zinterstore", -4, Write | DenyOom, 1, 1, 1, SortedSetCommands.ZInterStore, "sorted-set", "Intersect multiple sorted sets and store the resulting sorted set in a new key", "2.0.0"),
        new("zdiffstore", -4, Write | DenyOom, 1, 1, 1, SortedSetCommands.ZDiffStore, "sorted-set", "Subtract multiple sorted sets and store the resulting sorted set in a new key", "6.2.0"),
        new("zintercard", -3, ReadOnly, 0, 0, 0, SortedSetCommands.ZInterCard, "sorted-set", "Intersect multiple sorted sets and return the cardinality of the result", "7.0.0"),
        new("zscan", -3, ReadOnly, 1, 1, 1, SortedSetCommands.ZScan, "sorted-set", "Incrementally iterate sorted sets elements and associated scores", "2.8.0"),
        new("bzpopmin", -3, Write | NoScript | CommandFlags.Blocking | Fast, 1, -2, 1, SortedSetCommands.BZPopMin, "sorted-set", "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available", "5.0.0"),
        new("bzpopmax", -3, Write | NoScript | CommandFlags.Blocking | Fast, 1, -2, 1, SortedSetCommands.BZPopMax, "sorted-set", "Remove and return the member with the highest score from one or more sorted sets, or block until one is available", "5.0.0"),
        new("bzmpop", -5, Write | CommandFlags.Blocking, 0, 0, 0, SortedSetCommands.BZMPop, "sorted-set", "Remove and return members with scores in a sorted set or block until one is available", "7.0.0"),
    ];
}
