using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>The stream commands, as Redis 7.0's COMMAND INFO and COMMAND DOCS describe them.</summary>
internal sealed partial class CommandTable
{
    // XREAD and XREADGROUP report key positions 0 0 0 in Redis (their keys follow STREAMS:
    // "movablekeys"), so WATCH and COMMAND see no fixed key range for them either.
    private static CommandDescriptor[] StreamsCommands() =>
    [
        new("xadd", -5, Write | DenyOom | Fast, 1, 1, 1, StreamCommands.XAdd, "stream", "Appends a new entry to a stream", "5.0.0"),
        new("xlen", 2, ReadOnly | Fast, 1, 1, 1, StreamCommands.XLen, "stream", "Return the number of entries in a stream", "5.0.0"),
        new("xrange", -4, ReadOnly, 1, 1, 1, StreamCommands.XRange, "stream", "Return a range of elements in a stream, with IDs matching the specified IDs interval", "5.0.0"),
        new("xrevrange", -4, ReadOnly, 1, 1, 1, StreamCommands.XRevRange, "stream", "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE", "5.0.0"),
        new("xdel", -3, Write | Fast, 1, 1, 1, StreamCommands.XDel, "stream", "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.", "5.0.0"),
        new("xtrim", -4, Write, 1, 1, 1, StreamCommands.XTrim, "stream", "Trims the stream to (approximately if '~' is passed) a certain size", "5.0.0"),
        new("xread", -4, ReadOnly | CommandFlags.Blocking, 0, 0, 0, StreamCommands.XRead, "stream", "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", "5.0.0"),
        new("xreadgroup", -7, Write | CommandFlags.Blocking, 0, 0, 0, StreamGroupCommands.XReadGroup, "stream", "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.", "5.0.0"),
        new("xsetid", -3, Write | DenyOom | Fast, 1, 1, 1, StreamCommands.XSetId, "stream", "An internal command for replicating stream values", "5.0.0"),
        new("xack", -4, Write | Fast, 1, 1, 1, StreamGroupCommands.XAck, "stream", "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.", "5.0.0"),
        new("xpending", -3, ReadOnly, 1, 1, 1, StreamGroupCommands.XPending, "stream", "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.", "5.0.0"),
        new("xclaim", -6, Write | Fast, 1, 1, 1, StreamGroupCommands.XClaim, "stream", "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.", "5.0.0"),
        new("xautoclaim", -6, Write | Fast, 1, 1, 1, StreamGroupCommands.XAutoClaim, "stream", "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.", "6.2.0"),
        new CommandDescriptor("xgroup", -2, None, 0, 0, 0, null, "stream", "A container for consumer groups commands", "5.0.0").WithSubcommands(
            new("create", -5, Write | DenyOom, 2, 2, 1, StreamGroupCommands.XGroupCreate, "stream", "Create a consumer group.", "5.0.0"),
            new("destroy", 4, Write, 2, 2, 1, StreamGroupCommands.XGroupDestroy, "stream", "Destroy a consumer group.", "5.0.0"),
            new("help", 2, Loading | Stale, 0, 0, 0, StreamGroupCommands.XGroupHelp, "stream", "Show helpful text about the different subcommands", "5.0.0"),
            new("delconsumer", 5, Write, 2, 2, 1, StreamGroupCommands.XGroupDelConsumer, "stream", "Delete a consumer from a consumer group.", "5.0.0"),
            new("createconsumer", 5, Write | DenyOom, 2, 2, 1, StreamGroupCommands.XGroupCreateConsumer, "stream", "Create a consumer in a consumer group.", "6.2.0"),
            new("setid", -5, Write, 2, 2, 1, StreamGroupCommands.XGroupSetId, "stream", "Set a consumer group to an arbitrary last delivered ID value.", "5.0.0")),
        new CommandDescriptor("xinfo", -2, None, 0, 0, 0, null, "stream", "A container for stream introspection commands", "5.0.0").WithSubcommands(
            new("stream", -3, ReadOnly, 2, 2, 1, StreamInfoCommands.Stream, "stream", "Get information about a stream", "5.0.0"),
            new("help", 2, Loading | Stale, 0, 0, 0, StreamInfoCommands.Help, "stream", "Show helpful text about the different subcommands", "5.0.0"),
            new("consumers", 4, ReadOnly, 2, 2, 1, StreamInfoCommands.Consumers, "stream", "List the consumers in a consumer group", "5.0.0"),
            new("groups", 3, ReadOnly, 2, 2, 1, StreamInfoCommands.Groups, "stream", "List the consumer groups of a stream", "5.0.0")),
    ];
}
