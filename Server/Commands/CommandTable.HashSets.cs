using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>Hashes, sets and SORT, as redis-server 7.0.15's COMMAND INFO and COMMAND DOCS describe them.</summary>
internal sealed partial class CommandTable
{
    private static CommandDescriptor[] HashSetsCommands() =>
    [
        // hashes
        new("hset", -4, Write | DenyOom | Fast, 1, 1, 1, HashCommands.HSet, "hash", "Set the string value of a hash field", "2.0.0"),
        new("hsetnx", 4, Write | DenyOom | Fast, 1, 1, 1, HashCommands.HSetNx, "hash", "Set the value of a hash field, only if the field does not exist", "2.0.0"),
        new("hget", 3, ReadOnly | Fast, 1, 1, 1, HashCommands.HGet, "hash", "Get the value of a hash field", "2.0.0"),
        new("hmget", -3, ReadOnly | Fast, 1, 1, 1, HashCommands.HMGet, "hash", "Get the values of all the given hash fields", "2.0.0"),
        new("hmset", -4, Write | DenyOom | Fast, 1, 1, 1, HashCommands.HMSet, "hash", "Set multiple hash fields to multiple values", "2.0.0"),
        new("hgetall", 2, ReadOnly, 1, 1, 1, HashCommands.HGetAll, "hash", "Get all the fields and values in a hash", "2.0.0"),
        new("hdel", -3, Write | Fast, 1, 1, 1, HashCommands.HDel, "hash", "Delete one or more hash fields", "2.0.0"),
        new("hexists", 3, ReadOnly | Fast, 1, 1, 1, HashCommands.HExists, "hash", "Determine if a hash field exists", "2.0.0"),
        new("hlen", 2, ReadOnly | Fast, 1, 1, 1, HashCommands.HLen, "hash", "Get the number of fields in a hash", "2.0.0"),
        new("hkeys", 2, ReadOnly, 1, 1, 1, HashCommands.HKeys, "hash", "Get all the fields in a hash", "2.0.0"),
        new("hvals", 2, ReadOnly, 1, 1, 1, HashCommands.HVals, "hash", "Get all the values in a hash", "2.0.0"),
        new("hstrlen", 3, ReadOnly | Fast, 1, 1, 1, HashCommands.HStrLen, "hash", "Get the length of the value of a hash field", "3.2.0"),
        new("hincrby", 4, Write | DenyOom | Fast, 1, 1, 1, HashCommands.HIncrBy, "hash", "Increment the integer value of a hash field by the given number", "2.0.0"),
        new("hincrbyfloat", 4, Write | DenyOom | Fast, 1, 1, 1, HashCommands.HIncrByFloat, "hash", "Increment the float value of a hash field by the given amount", "2.6.0"),
        new("hrandfield", -2, ReadOnly, 1, 1, 1, HashCommands.HRandField, "hash", "Get one or multiple random fields from a hash", "6.2.0"),
        new("hscan", -3, ReadOnly, 1, 1, 1, HashCommands.HScan, "hash", "Incrementally iterate hash fields and associated values", "2.8.0"),

        // sets
        new("sadd", -3, Write | DenyOom | Fast, 1, 1, 1, SetCommands.SAdd, "set", "Add one or more members to a set"),
        new("srem", -3, Write | Fast, 1, 1, 1, SetCommands.SRem, "set", "Remove one or more members from a set"),
        new("smembers", 2, ReadOnly, 1, 1, 1, SetCommands.SMembers, "set", "Get all the members in a set"),
        new("sismember", 3, ReadOnly | Fast, 1, 1, 1, SetCommands.SIsMember, "set", "Determine if a given value is a member of a set"),
        new("smismember", -3, ReadOnly | Fast, 1, 1, 1, SetCommands.SMIsMember, "set", "Returns the membership associated with the given elements for a set", "6.2.0"),
        new("scard", 2, ReadOnly | Fast, 1, 1, 1, SetCommands.SCard, "set", "Get the number of members in a set"),
        new("spop", -2, Write | Fast, 1, 1, 1, SetCommands.SPop, "set", "Remove and return one or multiple random members from a set"),
        new("srandmember", -2, ReadOnly, 1, 1, 1, SetCommands.SRandMember, "set", "Get one or multiple random members from a set"),
        new("smove", 4, Write | Fast, 1, 2, 1, SetCommands.SMove, "set", "Move a member from one set to another"),
        new("sinter", -2, ReadOnly, 1, -1, 1, SetCommands.SInter, "set", "Intersect multiple sets"),
        // Keys found by parsing numkeys (Redis: movablekeys, first/last/step 0).
        new("sintercard", -3, ReadOnly, 0, 0, 0, SetCommands.SInterCard, "set", "Intersect multiple sets and return the cardinality of the result", "7.0.0"),
        new("sunion", -2, ReadOnly, 1, -1, 1, SetCommands.SUnion, "set", "Add multiple sets"),
        new("sdiff", -2, ReadOnly, 1, -1, 1, SetCommands.SDiff, "set", "Subtract multiple sets"),
        new("sinterstore", -3, Write | DenyOom, 1, -1, 1, SetCommands.SInterStore, "set", "Intersect multiple sets and store the resulting set in a key"),
        new("sunionstore", -3, Write | DenyOom, 1, -1, 1, SetCommands.SUnionStore, "set", "Add multiple sets and store the resulting set in a key"),
        new("sdiffstore", -3, Write | DenyOom, 1, -1, 1, SetCommands.SDiffStore, "set", "Subtract multiple sets and store the resulting set in a key"),
        new("sscan", -3, ReadOnly, 1, 1, 1, SetCommands.SScan, "set", "Incrementally iterate Set elements", "2.8.0"),

        // SORT (Redis: movablekeys; the STORE destination is found by parsing)
        new("sort", -2, Write | DenyOom, 1, 1, 1, SortCommands.Sort, "generic", "Sort the elements in a list, set or sorted set"),
        new("sort_ro", -2, ReadOnly, 1, 1, 1, SortCommands.SortRo, "generic", "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", "7.0.0"),
    ];
}
