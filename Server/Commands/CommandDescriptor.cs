namespace EventLoopKv.Server.Commands;

/// <summary>Command flags, named as Redis names them in COMMAND's reply.</summary>
[Flags]
internal enum CommandFlags
{
    None = 0,
    Write = 1 << 0,
    ReadOnly = 1 << 1,
    DenyOom = 1 << 2,
    Admin = 1 << 3,
    PubSub = 1 << 4,
    NoScript = 1 << 5,
    Blocking = 1 << 6,
    Loading = 1 << 7,
    Stale = 1 << 8,
    Fast = 1 << 9,
    /// <summary>Allowed before AUTH (AUTH, HELLO, QUIT...).</summary>
    NoAuth = 1 << 10,
    NoMulti = 1 << 11,
    AllowBusy = 1 << 12,
}

internal delegate void CommandHandler(Client client);

/// <summary>
/// Everything the server knows about one command, declared once in <see cref="CommandTable"/>:
/// arity (negative = at least), flags, key positions (first, last, step; last -1 = to the end)
/// and the handler. The dispatcher checks arity and auth from it; COMMAND and its subcommands
/// are generated from it.
/// </summary>
internal sealed class CommandDescriptor(
    string name, int arity, CommandFlags flags, int firstKey, int lastKey, int step,
    CommandHandler? handler, string group, string summary, string since = "1.0.0")
{
    public string Name { get; } = name;
    /// <summary>"client|setname" for a subcommand, as Redis names it in errors and COMMAND LIST.</summary>
    public string FullName { get; private set; } = name;
    public int Arity { get; } = arity;
    public CommandFlags Flags { get; } = flags;
    public int FirstKey { get; } = firstKey;
    public int LastKey { get; } = lastKey;
    public int Step { get; } = step;
    public CommandHandler? Handler { get; } = handler;
    public string Group { get; } = group;
    public string Summary { get; } = summary;
    public string Since { get; } = since;
    public CommandDescriptor[] Subcommands { get; private set; } = [];
    public CommandDescriptor? Parent { get; private set; }

    /// <summary>
    /// Keys found by parsing the arguments (a numkeys argument, STORE, STREAMS), not by
    /// first/last/step: COMMAND reports "movablekeys", as Redis does for these commands.
    /// </summary>
    public bool MovableKeys { get; internal set; }

    /// <summary>Calls since start or CONFIG RESETSTAT (INFO commandstats).</summary>
    public long Calls { get; set; }
    public long Microseconds { get; set; }

    public bool ArityMatches(int count) => Arity >= 0 ? count == Arity : count >= -Arity;

    public CommandDescriptor WithSubcommands(params CommandDescriptor[] subcommands)
    {
        foreach (var s in subcommands)
        {
            s.Parent = this;
            s.FullName = $"{Name}|{s.Name}";
        }
        Subcommands = subcommands;
        return this;
    }

    public CommandDescriptor? FindSubcommand(ReadOnlySpan<byte> name)
    {
        foreach (var s in Subcommands)
            if (System.Text.Ascii.EqualsIgnoreCase(name, s.Name)) return s;
        return null;
    }

    /// <summary>The flag names COMMAND reports.</summary>
    public IEnumerable<string> FlagNames()
    {
        if (Flags.HasFlag(CommandFlags.Write)) yield return "write";
        if (Flags.HasFlag(CommandFlags.ReadOnly)) yield return "readonly";
        if (Flags.HasFlag(CommandFlags.DenyOom)) yield return "denyoom";
        if (Flags.HasFlag(CommandFlags.Admin)) yield return "admin";
        if (Flags.HasFlag(CommandFlags.PubSub)) yield return "pubsub";
        if (Flags.HasFlag(CommandFlags.NoScript)) yield return "noscript";
        if (Flags.HasFlag(CommandFlags.Blocking)) yield return "blocking";
        if (Flags.HasFlag(CommandFlags.Loading)) yield return "loading";
        if (Flags.HasFlag(CommandFlags.Stale)) yield return "stale";
        if (Flags.HasFlag(CommandFlags.Fast)) yield return "fast";
        if (Flags.HasFlag(CommandFlags.NoAuth)) yield return "no_auth";
        if (Flags.HasFlag(CommandFlags.NoMulti)) yield return "no_multi";
        if (Flags.HasFlag(CommandFlags.AllowBusy)) yield return "allow_busy";
        if (MovableKeys) yield return "movablekeys";
    }

    /// <summary>The ACL categories COMMAND reports, derived from flags and group as Redis does.</summary>
    public IEnumerable<string> Categories()
    {
        if (Flags.HasFlag(CommandFlags.Write)) yield return "@write";
        if (Flags.HasFlag(CommandFlags.ReadOnly)) yield return "@read";
        if (Flags.HasFlag(CommandFlags.Admin)) { yield return "@admin"; yield return "@dangerous"; }
        if (Flags.HasFlag(CommandFlags.Fast)) yield return "@fast"; else yield return "@slow";
        if (Flags.HasFlag(CommandFlags.Blocking)) yield return "@blocking";
        yield return Group switch
        {
            "generic" => "@keyspace",
            "server" => "@admin",
            "transactions" => "@transaction",
            "sorted-set" => "@sortedset",
            _ => "@" + Group,
        };
    }
}
