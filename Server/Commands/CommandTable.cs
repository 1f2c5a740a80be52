using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// Every command the server knows, one line each: name, arity (negative = at least that many
/// arguments, the name included), flags, first key, last key (-1 = the last argument), key step,
/// handler, group and summary. The dispatcher, COMMAND, INFO commandstats and the AOF read this
/// table; nothing else lists commands. Each data type declares its lines in its own partial
/// file (CommandTable.Lists.cs, ...), spread into <see cref="All"/> here.
/// </summary>
internal sealed partial class CommandTable
{
    private readonly Dictionary<string, CommandDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<CommandDescriptor> All { get; }

    public CommandTable()
    {
        All =
        [
            // connection
            new("ping", -1, Fast | Stale | Loading, 0, 0, 0, ConnectionCommands.Ping, "connection", "Ping the server"),
            new("echo", 2, Fast | Stale | Loading, 0, 0, 0, ConnectionCommands.Echo, "connection", "Echo the given string"),
            new("quit", -1, NoAuth | Fast | Stale | Loading | AllowBusy, 0, 0, 0, ConnectionCommands.Quit, "connection", "Close the connection"),
            new("select", 2, Fast | Stale | Loading, 0, 0, 0, ConnectionCommands.Select, "connection", "Change the selected database for the current connection"),
            new("auth", -2, NoAuth | NoScript | Fast | Stale | Loading | AllowBusy, 0, 0, 0, ConnectionCommands.Auth, "connection", "Authenticate to the server"),
            new("hello", -1, NoAuth | NoScript | Fast | Stale | Loading | AllowBusy, 0, 0, 0, ConnectionCommands.Hello, "connection", "Handshake with Redis", "6.0.0"),
            new("reset", 1, NoAuth | NoScript | Fast | Stale | Loading | AllowBusy, 0, 0, 0, ConnectionCommands.Reset, "connection", "Reset the connection", "6.2.0"),
            new CommandDescriptor("client", -2, None, 0, 0, 0, null, "connection", "A container for client connection commands", "2.4.0").WithSubcommands(
                new("id", 2, NoScript | Loading | Stale, 0, 0, 0, ClientCommands.Id, "connection", "Returns the client ID for the current connection", "5.0.0"),
                new("setname", 3, NoScript | Loading | Stale, 0, 0, 0, ClientCommands.SetName, "connection", "Set the current connection name", "2.6.9"),
                new("getname", 2, NoScript | Loading | Stale, 0, 0, 0, ClientCommands.GetName, "connection", "Get the current connection name", "2.6.9"),
                new("list", -2, Admin | NoScript | Loading | Stale, 0, 0, 0, ClientCommands.List, "connection", "Get the list of client connections", "2.4.0"),
                new("info", 2, NoScript | Loading | Stale, 0, 0, 0, ClientCommands.Info, "connection", "Returns information about the current client connection.", "6.2.0"),
                new("kill", -3, Admin | NoScript | Loading | Stale, 0, 0, 0, ClientCommands.Kill, "connection", "Kill the connection of a client", "2.4.0"),
                new("setinfo", 4, NoScript | Loading | Stale, 0, 0, 0, ClientCommands.SetInfo, "connection", "Set client or connection specific info", "7.2.0"),
                new("help", 2, Loading | Stale, 0, 0, 0, ClientCommands.Help, "connection", "Show helpful text about the different subcommands", "5.0.0")),

            // transactions
            new("multi", 1, NoScript | Loading | Stale | Fast | AllowBusy, 0, 0, 0, TransactionCommands.Multi, "transactions", "Mark the start of a transaction block", "1.2.0"),
            new("exec", 1, NoScript | Loading | Stale, 0, 0, 0, TransactionCommands.Exec, "transactions", "Execute all commands issued after MULTI", "1.2.0"),
            new("discard", 1, NoScript | Loading | Stale | Fast | AllowBusy, 0, 0, 0, TransactionCommands.Discard, "transactions", "Discard all commands issued after MULTI", "2.0.0"),
            new("watch", -2, NoScript | Loading | Stale | Fast | AllowBusy, 1, -1, 1, TransactionCommands.Watch, "transactions", "Watch the given keys to determine execution of the MULTI/EXEC block", "2.2.0"),
            new("unwatch", 1, NoScript | Loading | Stale | Fast | AllowBusy, 0, 0, 0, TransactionCommands.Unwatch, "transactions", "Forget about all watched keys", "2.2.0"),

            // strings
            new("get", 2, ReadOnly | Fast, 1, 1, 1, StringCommands.Get, "string", "Get the value of a key"),
            new("set", -3, Write | DenyOom, 1, 1, 1, StringCommands.Set, "string", "Set the string value of a key"),
            new("setnx", 3, Write | DenyOom | Fast, 1, 1, 1, StringCommands.SetNx, "string", "Set the value of a key, only if the key does not exist"),
            new("setex", 4, Write | DenyOom, 1, 1, 1, StringCommands.SetEx, "string", "Set the value and expiration of a key", "2.0.0"),
            new("psetex", 4, Write | DenyOom, 1, 1, 1, StringCommands.PSetEx, "string", "Set the value and expiration in milliseconds of a key", "2.6.0"),
            new("getset", 3, Write | DenyOom | Fast, 1, 1, 1, StringCommands.GetSet, "string", "Set the string value of a key and return its old value"),
            new("getdel", 2, Write | Fast, 1, 1, 1, StringCommands.GetDel, "string", "Get the value of a key and delete the key", "6.2.0"),
            new("getex", -2, Write | Fast, 1, 1, 1, StringCommands.GetEx, "string", "Get the value of a key and optionally set its expiration", "6.2.0"),
            new("mget", -2, ReadOnly | Fast, 1, -1, 1, StringCommands.MGet, "string", "Get the values of all the given keys"),
            new("mset", -3, Write | DenyOom, 1, -1, 2, StringCommands.MSet, "string", "Set multiple keys to multiple values", "1.0.1"),
            new("msetnx", -3, Write | DenyOom, 1, -1, 2, StringCommands.MSetNx, "string", "Set multiple keys to multiple values, only if none of the keys exist", "1.0.1"),
            new("append", 3, Write | DenyOom | Fast, 1, 1, 1, StringCommands.Append, "string", "Append a value to a key", "2.0.0"),
            new("strlen", 2, ReadOnly | Fast, 1, 1, 1, StringCommands.StrLen, "string", "Get the length of the value stored in a key", "2.2.0"),
            new("incr", 2, Write | DenyOom | Fast, 1, 1, 1, StringCommands.Incr, "string", "Increment the integer value of a key by one"),
            new("decr", 2, Write | DenyOom | Fast, 1, 1, 1, StringCommands.Decr, "string", "Decrement the integer value of a key by one"),
            new("incrby", 3, Write | DenyOom | Fast, 1, 1, 1, StringCommands.IncrBy, "string", "Increment the integer value of a key by the given amount"),
            new("decrby", 3, Write | DenyOom | Fast, 1, 1, 1, StringCommands.DecrBy, "string", "Decrement the integer value of a key by the given number"),
            new("incrbyfloat", 3, Write | DenyOom | Fast, 1, 1, 1, StringCommands.IncrByFloat, "string", "Increment the float value of a key by the given amount", "2.6.0"),
            new("getrange", 4, ReadOnly, 1, 1, 1, StringCommands.GetRange, "string", "Get a substring of the string stored at a key", "2.4.0"),
            new("substr", 4, ReadOnly, 1, 1, 1, StringCommands.GetRange, "string", "Get a substring of the string stored at a key"),
            new("setrange", 4, Write | DenyOom, 1, 1, 1, StringCommands.SetRange, "string", "Overwrite part of a string at key starting at the specified offset", "2.2.0"),
            new("lcs", -3, ReadOnly, 1, 2, 1, StringCommands.Lcs, "string", "Find longest common substring", "7.0.0"),
            .. ListsCommands(),

            // keys
            new("del", -2, Write, 1, -1, 1, KeyCommands.Del, "generic", "Delete a key"),
            new("unlink", -2, Write | Fast, 1, -1, 1, KeyCommands.Del, "generic", "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.", "4.0.0"),
            new("exists", -2, ReadOnly | Fast, 1, -1, 1, KeyCommands.Exists, "generic", "Determine if a key exists"),
            new("touch", -2, ReadOnly | Fast, 1, -1, 1, KeyCommands.Touch, "generic", "Alters the last access time of a key(s). Returns the number of existing keys specified.", "3.2.1"),
            new("type", 2, ReadOnly | Fast, 1, 1, 1, KeyCommands.Type, "generic", "Determine the type stored at key"),
            new("keys", 2, ReadOnly, 0, 0, 0, KeyCommands.Keys, "generic", "Find all keys matching the given pattern"),
            new("scan", -2, ReadOnly, 0, 0, 0, KeyCommands.Scan, "generic", "Incrementally iterate the keys space", "2.8.0"),
            new("rename", 3, Write, 1, 2, 1, KeyCommands.Rename, "generic", "Rename a key"),
            new("renamenx", 3, Write | Fast, 1, 2, 1, KeyCommands.RenameNx, "generic", "Rename a key, only if the new key does not exist"),
            new("copy", -3, Write | DenyOom, 1, 2, 1, KeyCommands.Copy, "generic", "Copy a key", "6.2.0"),
            new("move", 3, Write | Fast, 1, 1, 1, KeyCommands.Move, "generic", "Move a key to another database"),
            new("swapdb", 3, Write | Fast, 0, 0, 0, KeyCommands.SwapDb, "server", "Swaps two Redis databases", "4.0.0"),
            new("randomkey", 1, ReadOnly, 0, 0, 0, KeyCommands.RandomKey, "generic", "Return a random key from the keyspace"),
            new("dbsize", 1, ReadOnly | Fast, 0, 0, 0, KeyCommands.DbSize, "server", "Return the number of keys in the selected database"),
            new("flushdb", -1, Write, 0, 0, 0, KeyCommands.FlushDb, "server", "Remove all keys from the current database"),
            new("flushall", -1, Write, 0, 0, 0, KeyCommands.FlushAll, "server", "Remove all keys from all databases"),
            new CommandDescriptor("object", -2, None, 0, 0, 0, null, "generic", "A container for object introspection commands", "2.2.3").WithSubcommands(
                new("encoding", 3, ReadOnly, 2, 2, 1, KeyCommands.ObjectEncoding, "generic", "Inspect the internal encoding of a Redis object", "2.2.3"),
                new("refcount", 3, ReadOnly, 2, 2, 1, KeyCommands.ObjectRefCount, "generic", "Get the number of references to the value of the key", "2.2.3"),
                new("help", 2, Loading | Stale, 0, 0, 0, KeyCommands.ObjectHelp, "generic", "Show helpful text about the different subcommands", "6.2.0")),

            // expiry
            new("expire", -3, Write | Fast, 1, 1, 1, ExpireCommands.Expire, "generic", "Set a key's time to live in seconds"),
            new("pexpire", -3, Write | Fast, 1, 1, 1, ExpireCommands.PExpire, "generic", "Set a key's time to live in milliseconds", "2.6.0"),
            new("expireat", -3, Write | Fast, 1, 1, 1, ExpireCommands.ExpireAt, "generic", "Set the expiration for a key as a UNIX timestamp", "1.2.0"),
            new("pexpireat", -3, Write | Fast, 1, 1, 1, ExpireCommands.PExpireAt, "generic", "Set the expiration for a key as a UNIX timestamp specified in milliseconds", "2.6.0"),
            new("ttl", 2, ReadOnly | Fast, 1, 1, 1, ExpireCommands.Ttl, "generic", "Get the time to live for a key in seconds"),
            new("pttl", 2, ReadOnly | Fast, 1, 1, 1, ExpireCommands.PTtl, "generic", "Get the time to live for a key in milliseconds", "2.6.0"),
            new("expiretime", 2, ReadOnly | Fast, 1, 1, 1, ExpireCommands.ExpireTime, "generic", "Get the expiration Unix timestamp for a key", "7.0.0"),
            new("pexpiretime", 2, ReadOnly | Fast, 1, 1, 1, ExpireCommands.PExpireTime, "generic", "Get the expiration Unix timestamp for a key in milliseconds", "7.0.0"),
            new("persist", 2, Write | Fast, 1, 1, 1, ExpireCommands.Persist, "generic", "Remove the expiration from a key", "2.2.0"),

            // server
            new("info", -1, Loading | Stale, 0, 0, 0, ServerCommands.Info, "server", "Get information and statistics about the server"),
            new("bgrewriteaof", 1, Admin | NoScript, 0, 0, 0, ServerCommands.BgRewriteAof, "server", "Asynchronously rewrite the append-only file"),
            new("time", 1, Loading | Stale | Fast, 0, 0, 0, ServerCommands.Time, "server", "Return the current server time", "2.6.0"),
            new("debug", -2, Admin | NoScript | Loading | Stale, 0, 0, 0, ServerCommands.Debug, "server", "A container for debugging commands"),
            new("shutdown", -1, Admin | NoScript | Loading | Stale | NoMulti | AllowBusy, 0, 0, 0, ServerCommands.Shutdown, "server", "Synchronously save the dataset to disk and then shut down the server"),
            new CommandDescriptor("config", -2, None, 0, 0, 0, null, "server", "A container for server configuration commands", "2.0.0").WithSubcommands(
                new("get", -3, Admin | NoScript | Loading | Stale, 0, 0, 0, ConfigCommands.Get, "server", "Get the values of configuration parameters", "2.0.0"),
                new("set", -4, Admin | NoScript | Loading | Stale, 0, 0, 0, ConfigCommands.Set, "server", "Set configuration parameters to the given values", "2.0.0"),
                new("resetstat", 2, Admin | NoScript | Loading | Stale, 0, 0, 0, ConfigCommands.ResetStat, "server", "Reset the stats returned by INFO", "2.0.0"),
                new("rewrite", 2, Admin | NoScript | Loading | Stale, 0, 0, 0, ConfigCommands.Rewrite, "server", "Rewrite the configuration file with the in memory configuration", "2.8.0"),
                new("help", 2, Loading | Stale, 0, 0, 0, ConfigCommands.Help, "server", "Show helpful text about the different subcommands", "5.0.0")),
            new CommandDescriptor("command", -1, Loading | Stale, 0, 0, 0, CommandCommands.All, "server", "Get array of Redis command details", "2.8.13").WithSubcommands(
                new("count", 2, Loading | Stale, 0, 0, 0, CommandCommands.Count, "server", "Get total number of Redis commands", "2.8.13"),
                new("info", -2, Loading | Stale, 0, 0, 0, CommandCommands.Info, "server", "Get array of specific Redis command details, or all when no argument is given.", "2.8.13"),
                new("docs", -2, Loading | Stale, 0, 0, 0, CommandCommands.Docs, "server", "Get array of specific Redis command documentation", "7.0.0"),
                new("list", -2, Loading | Stale, 0, 0, 0, CommandCommands.List, "server", "Get an array of Redis command names", "7.0.0"),
                new("help", 2, Loading | Stale, 0, 0, 0, CommandCommands.Help, "server", "Show helpful text about the different subcommands", "5.0.0")),
            .. ZsetsCommands(),
            .. GeoCommands(),
            .. StreamsCommands(),
            .. HashSetsCommands(),
            .. BitCommands(),
        ];
        foreach (var command in All)
        {
            command.MovableKeys = MovableKeyCommands.Contains(command.Name);
            _byName.Add(command.Name, command);
            var name = System.Text.Encoding.ASCII.GetBytes(command.Name);
            var slot = Hash(name) & (SlotCount - 1);
            while (_slots[slot].Command is not null) slot = (slot + 1) & (SlotCount - 1);
            _slots[slot] = (name, command);
        }
    }

    /// <summary>The commands whose keys Redis 7.0 finds by parsing arguments (COMMAND's "movablekeys").</summary>
    private static readonly HashSet<string> MovableKeyCommands =
    [
        "sort", "sort_ro", "sintercard", "lmpop", "blmpop", "zmpop", "bzmpop", "zunion", "zinter", "zdiff", "zunionstore",
        "zinterstore", "zdiffstore", "zintercard", "xread", "xreadgroup", "georadius", "georadiusbymember",
    ];

    // Every command runs through Find, so it is an open-addressing table of the lower-case
    // names hashed with a few multiply-adds: about 3x faster than a case-insensitive
    // Dictionary<string> (PING -P 16 spends a measurable share of its time in the lookup).
    private const int SlotCount = 1024;
    private readonly (byte[] Name, CommandDescriptor? Command)[] _slots = new (byte[], CommandDescriptor?)[SlotCount];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = (uint)name.Length;
        foreach (var b in name) hash = (hash * 31) + (uint)(b | 0x20); // ASCII letters fold to lower case
        return (int)(hash ^ (hash >> 15));
    }

    /// <summary>Finds a command by its name bytes, case-insensitively, without allocating.</summary>
    public CommandDescriptor? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length > 32) return null;
        var slot = Hash(name) & (SlotCount - 1);
        while (true)
        {
            ref var entry = ref _slots[slot];
            if (entry.Command is null) return null;
            if (entry.Name.Length == name.Length && System.Text.Ascii.EqualsIgnoreCase(name, entry.Name)) return entry.Command;
            slot = (slot + 1) & (SlotCount - 1);
        }
    }

    /// <summary>"get" or "client|list".</summary>
    public CommandDescriptor? FindByFullName(string fullName)
    {
        var bar = fullName.IndexOf('|');
        if (bar < 0) return _byName.GetValueOrDefault(fullName);
        var parent = _byName.GetValueOrDefault(fullName[..bar]);
        return parent?.FindSubcommand(System.Text.Encoding.UTF8.GetBytes(fullName[(bar + 1)..]));
    }
}
