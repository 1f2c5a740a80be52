using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>The list commands (Redis t_list.c), with arity, flags and key positions as Redis 7.0's COMMAND reports them.</summary>
internal sealed partial class CommandTable
{
    private static CommandDescriptor[] ListsCommands() =>
    [
        new("lpush", -3, Write | DenyOom | Fast, 1, 1, 1, ListCommands.LPush, "list", "Prepend one or multiple elements to a list"),
        new("rpush", -3, Write | DenyOom | Fast, 1, 1, 1, ListCommands.RPush, "list", "Append one or multiple elements to a list"),
        new("lpushx", -3, Write | DenyOom | Fast, 1, 1, 1, ListCommands.LPushX, "list", "Prepend an element to a list, only if the list exists", "2.2.0"),
        new("rpushx", -3, Write | DenyOom | Fast, 1, 1, 1, ListCommands.RPushX, "list", "Append an element to a list, only if the list exists", "2.2.0"),
        new("lpop", -2, Write | Fast, 1, 1, 1, ListCommands.LPop, "list", "Remove and get the first elements in a list"),
        new("rpop", -2, Write | Fast, 1, 1, 1, ListCommands.RPop, "list", "Remove and get the last elements in a list"),
        new("llen", 2, ReadOnly | Fast, 1, 1, 1, ListCommands.LLen, "list", "Get the length of a list"),
        new("lrange", 4, ReadOnly, 1, 1, 1, ListCommands.LRange, "list", "Get a range of elements from a list"),
        new("lindex", 3, ReadOnly, 1, 1, 1, ListCommands.LIndex, "list", "Get an element from a list by its index"),
        new("lset", 4, Write | DenyOom, 1, 1, 1, ListCommands.LSet, "list", "Set the value of an element in a list by its index"),
        new("lrem", 4, Write, 1, 1, 1, ListCommands.LRem, "list", "Remove elements from a list"),
        new("ltrim", 4, Write, 1, 1, 1, ListCommands.LTrim, "list", "Trim a list to the specified range"),
        new("linsert", 5, Write | DenyOom, 1, 1, 1, ListCommands.LInsert, "list", "Insert an element before or after another element in a list", "2.2.0"),
        new("lpos", -3, ReadOnly, 1, 1, 1, ListCommands.LPos, "list", "Return the index of matching elements on a list", "6.0.6"),
        new("lmove", 5, Write | DenyOom, 1, 2, 1, ListCommands.LMove, "list", "Pop an element from a list, push it to another list and return it", "6.2.0"),
        new("rpoplpush", 3, Write | DenyOom, 1, 2, 1, ListCommands.RPopLPush, "list", "Remove the last element in a list, prepend it to another list and return it", "1.2.0"),
        // Redis reports 0 0 0 for the numkeys commands (their keys are "movable"); the handlers touch WATCHed keys themselves.
        new("lmpop", -4, Write, 0, 0, 0, ListCommands.LMPop, "list", "Pop elements from a list", "7.0.0"),
        new("blpop", -3, Write | NoScript | CommandFlags.Blocking, 1, -2, 1, ListCommands.BLPop, "list", "Remove and get the first element in a list, or block until one is available", "2.0.0"),
        new("brpop", -3, Write | NoScript | CommandFlags.Blocking, 1, -2, 1, ListCommands.BRPop, "list", "Remove and get the last element in a list, or block until one is available", "2.0.0"),
        new("blmove", 6, Write | DenyOom | NoScript | CommandFlags.Blocking, 1, 2, 1, ListCommands.BLMove, "list", "Pop an element from a list, push it to another list and return it; or block until one is available", "6.2.0"),
        new("brpoplpush", 4, Write | DenyOom | NoScript | CommandFlags.Blocking, 1, 2, 1, ListCommands.BRPopLPush, "list", "Pop an element from a list, push it to another list and return it; or block until one is available", "2.2.0"),
        new("blmpop", -5, Write | CommandFlags.Blocking, 0, 0, 0, ListCommands.BLMPop, "list", "Pop elements from a list, or block until one is available", "7.0.0"),
    ];
}
