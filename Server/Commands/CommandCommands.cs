using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>COMMAND and its subcommands, generated from the command table.</summary>
internal static class CommandCommands
{
    public static void All(Client client)
    {
        var commands = client.Server.Commands.All;
        client.Reply.WriteArrayHeader(commands.Count);
        foreach (var command in commands) WriteInfo(client, command);
    }

    public static void Count(Client client) => client.Reply.WriteInteger(client.Server.Commands.All.Count);

    public static void Info(Client client)
    {
        var args = client.Args;
        if (args.Count == 2)
        {
            All(client);
            return;
        }
        client.Reply.WriteArrayHeader(args.Count - 2);
        for (var i = 2; i < args.Count; i++)
        {
            var command = client.Server.Commands.FindByFullName(client.ArgString(i));
            if (command is null) client.Reply.WriteNull();
            else WriteInfo(client, command);
        }
    }

    /// <summary>Redis 7's ten-element command description.</summary>
    private static void WriteInfo(Client client, CommandDescriptor command)
    {
        var reply = client.Reply;
        reply.WriteArrayHeader(10);
        reply.WriteBulk(command.FullName);
        reply.WriteInteger(command.Arity);
        var flags = command.FlagNames().ToList();
        reply.WriteSetHeader(flags.Count);
        foreach (var flag in flags) reply.WriteSimpleString(flag);
        reply.WriteInteger(command.FirstKey);
        reply.WriteInteger(command.LastKey);
        reply.WriteInteger(command.Step);
        var categories = command.Categories().Distinct().ToList();
        reply.WriteSetHeader(categories.Count);
        foreach (var category in categories) reply.WriteSimpleString(category);
        reply.WriteArrayHeader(0); // tips
        reply.WriteArrayHeader(0); // key specifications
        reply.WriteArrayHeader(command.Subcommands.Length);
        foreach (var sub in command.Subcommands) WriteInfo(client, sub);
    }

    /// <summary>COMMAND DOCS [name ...]: what redis-cli reads at start-up for its hints.</summary>
    public static void Docs(Client client)
    {
        var args = client.Args;
        var commands = new List<CommandDescriptor>();
        if (args.Count == 2) commands.AddRange(client.Server.Commands.All);
        else
            for (var i = 2; i < args.Count; i++)
                if (client.Server.Commands.FindByFullName(client.ArgString(i)) is { } found) commands.Add(found);
        client.Reply.WriteMapHeader(commands.Count);
        foreach (var command in commands)
        {
            client.Reply.WriteBulk(command.FullName);
            WriteDocs(client, command);
        }
    }

    private static void WriteDocs(Client client, CommandDescriptor command)
    {
        var reply = client.Reply;
        reply.WriteMapHeader(command.Subcommands.Length > 0 ? 4 : 3);
        reply.WriteBulk("summary"u8);
        reply.WriteBulk(command.Summary);
        reply.WriteBulk("since"u8);
        reply.WriteBulk(command.Since);
        reply.WriteBulk("group"u8);
        reply.WriteBulk(command.Group);
        if (command.Subcommands.Length == 0) return;
        reply.WriteBulk("subcommands"u8);
        reply.WriteMapHeader(command.Subcommands.Length);
        foreach (var sub in command.Subcommands)
        {
            reply.WriteBulk(sub.FullName);
            WriteDocs(client, sub);
        }
    }

    /// <summary>COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]</summary>
    public static void List(Client client)
    {
        var args = client.Args;
        IEnumerable<CommandDescriptor> commands = client.Server.Commands.All.SelectMany(c => new[] { c }.Concat(c.Subcommands));
        if (args.Count == 5 && client.ArgIs(2, "filterby"u8))
        {
            var value = client.ArgString(4);
            if (client.ArgIs(3, "pattern"u8))
            {
                var pattern = args[4].ToArray();
                commands = commands.Where(c => GlobPattern.IsMatch(pattern, System.Text.Encoding.UTF8.GetBytes(c.FullName), ignoreCase: true));
            }
            else if (client.ArgIs(3, "aclcat"u8)) commands = commands.Where(c => c.Categories().Contains("@" + value.ToLowerInvariant()));
            else if (client.ArgIs(3, "module"u8)) commands = [];
            else
            {
                client.Reply.WriteError(Protocol.SharedReplies.SyntaxError);
                return;
            }
        }
        else if (args.Count != 2)
        {
            client.Reply.WriteError(Protocol.SharedReplies.SyntaxError);
            return;
        }
        var names = commands.Select(c => c.FullName).ToList();
        client.Reply.WriteArrayHeader(names.Count);
        foreach (var name in names) client.Reply.WriteBulk(name);
    }

    public static void Help(Client client) => client.WriteHelp("COMMAND",
        "(no subcommand)", "    Return details about all Redis commands.",
        "COUNT", "    Return the total number of commands in this Redis server.",
        "LIST", "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.");
}
