using System.Text;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>CONFIG GET/SET/RESETSTAT/REWRITE/HELP over the one parameter table of <see cref="ServerConfig"/>.</summary>
internal static class ConfigCommands
{
    /// <summary>CONFIG GET pattern [pattern ...]: an exact name answers under the name as typed, as Redis 7.0 does.</summary>
    public static void Get(Client client)
    {
        var config = client.Server.Config;
        var results = new List<(string Name, string Value)>();
        var seen = new HashSet<string>();
        for (var i = 2; i < client.Args.Count; i++)
        {
            var pattern = client.ArgString(i);
            if (pattern.IndexOfAny(['*', '?', '[']) < 0)
            {
                var parameter = config.Find(pattern);
                if (parameter is not null && seen.Add(pattern.ToLowerInvariant())) results.Add((pattern, parameter.Get()));
                continue;
            }
            var patternBytes = client.Args[i];
            foreach (var parameter in config.Parameters)
            {
                // Like Redis 7.0, a pattern matches old alias names too (hash-max-ziplist-entries).
                foreach (var name in parameter.Alias is null ? [parameter.Name] : new[] { parameter.Name, parameter.Alias })
                    if (GlobPattern.IsMatch(patternBytes, Encoding.ASCII.GetBytes(name), ignoreCase: true) && seen.Add(name))
                        results.Add((name, parameter.Get()));
            }
        }
        client.Reply.WriteMapHeader(results.Count);
        foreach (var (name, value) in results)
        {
            client.Reply.WriteBulk(name);
            client.Reply.WriteBulk(value);
        }
    }

    /// <summary>CONFIG SET name value [name value ...]: all or nothing, as Redis 7.0.</summary>
    public static void Set(Client client)
    {
        var args = client.Args;
        if (args.Count % 2 != 0)
        {
            client.WriteWrongArity("config|set");
            return;
        }
        var config = client.Server.Config;
        var changes = new List<(ConfigParameter Parameter, string Value)>();
        for (var i = 2; i < args.Count; i += 2)
        {
            var name = client.ArgString(i);
            var parameter = config.Find(name);
            if (parameter is null)
            {
                client.Reply.WriteError($"Unknown option or number of arguments for CONFIG SET - '{name}'");
                return;
            }
            if (!parameter.Mutable)
            {
                client.Reply.WriteError($"CONFIG SET failed (possibly related to argument '{name}') - can't set immutable config");
                return;
            }
            if (changes.Any(c => c.Parameter == parameter))
            {
                client.Reply.WriteError($"CONFIG SET failed (possibly related to argument '{name}') - duplicate parameter");
                return;
            }
            changes.Add((parameter, client.ArgString(i + 1)));
        }
        var previous = changes.Select(c => c.Parameter.Get()).ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            var reason = changes[i].Parameter.Set(changes[i].Value);
            if (reason is null) continue;
            for (var undo = 0; undo < i; undo++) changes[undo].Parameter.Set(previous[undo]);
            client.Reply.WriteError($"CONFIG SET failed (possibly related to argument '{changes[i].Parameter.Name}') - {reason}");
            return;
        }
        client.Server.ConfigChanged(changes.Select(c => c.Parameter.Name));
        client.Reply.WriteOk();
    }

    public static void ResetStat(Client client)
    {
        client.Server.Stats.Reset();
        foreach (var command in client.Server.Commands.All)
        {
            command.Calls = command.Microseconds = 0;
            foreach (var sub in command.Subcommands) sub.Calls = sub.Microseconds = 0;
        }
        client.Reply.WriteOk();
    }

    /// <summary>CONFIG REWRITE: writes every setting back into the config file the server started with.</summary>
    public static void Rewrite(Client client)
    {
        var path = client.Server.ConfigFile;
        if (path is null)
        {
            client.Reply.WriteError("The server is running without a config file");
            return;
        }
        var text = new StringBuilder("# Rewritten by CONFIG REWRITE\n");
        foreach (var parameter in client.Server.Config.Parameters)
            text.Append(parameter.Name).Append(' ').Append('"').Append(parameter.Get().Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\"\n");
        try
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, text.ToString());
            File.Move(temporary, path, overwrite: true);
            client.Reply.WriteOk();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            client.Reply.WriteError($"Rewriting config file: {e.Message}");
        }
    }

    public static void Help(Client client) => client.WriteHelp("CONFIG",
        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
        "RESETSTAT", "    Reset statistics reported by the INFO command.",
        "REWRITE", "    Rewrite the configuration file.");
}
