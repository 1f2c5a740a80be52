using CommandLine;

namespace EventLoopKv.Server.Configuration;

/// <summary>
/// redis-server's command line: <c>eventloopkv-server [CONFIGFILE] [--name value ...]</c>.
/// CommandLineParser reads what is not a setting (the config file, --help, --version,
/// --check-aof, --fix). Every <c>--name value [value ...]</c> whose name is a
/// <see cref="ServerConfig"/> parameter is split off first by <see cref="Split"/> and applied
/// through that table after the config file, in order, as redis-server does.
/// </summary>
internal sealed class CommandLineOptions
{
    [Value(0, MetaName = "configfile", HelpText = "A redis.conf-style file; settings given as flags override it.")]
    public string? ConfigFile { get; set; }

    [Option("check-aof", HelpText = "Check the AOF in DIR (or one file) like redis-check-aof, then exit.")] public string? CheckAof { get; set; }
    [Option("fix", HelpText = "With --check-aof: truncate a last file cut short by a crash.")] public bool Fix { get; set; }

    [Option('h', "help", HelpText = "Print this help and exit.")] public bool Help { get; set; }
    [Option('v', "version", HelpText = "Print the version and exit.")] public bool Version { get; set; }

    /// <summary>The settings --help describes; any other ServerConfig parameter is accepted too.</summary>
    public static readonly (string Name, string Help)[] DocumentedSettings =
    [
        ("port", "TCP port (6379; 0 = any free port)."),
        ("bind", "Addresses to listen on (127.0.0.1); a leading - marks one optional: 127.0.0.1 -::1."),
        ("protected-mode", "yes|no: without a password, refuse clients from other hosts (yes)."),
        ("databases", "Number of databases (16)."),
        ("dir", "Working directory for the append-only files (.)."),
        ("appendonly", "yes|no: log every write to the append-only file (yes)."),
        ("appendfsync", "always|everysec|no: when the append-only file is fsynced (everysec)."),
        ("appendfilename", "Base name of the append-only files (appendonly.aof)."),
        ("appenddirname", "Directory of the append-only files, inside --dir (appendonlydir)."),
        ("requirepass", "Password clients must AUTH with."),
        ("maxclients", "Maximum connected clients (10000)."),
        ("timeout", "Close a client idle for this many seconds (0 = never)."),
        ("tcp-keepalive", "Seconds before TCP keepalive probes on an idle client connection (300; 0 = off)."),
        ("tcp-backlog", "listen() backlog (511)."),
        ("loglevel", "debug|verbose|notice|warning|nothing (notice)."),
        ("logfile", "Log to this file instead of standard output."),
        ("pidfile", "Write the process id to this file; removed at a clean exit."),
        ("hz", "Timer frequency: active expiry, idle clients (10)."),
        ("busy-poll-us", "Microseconds the loop polls after serving events before it blocks (20; 0 = at once)."),
        ("proto-max-bulk-len", "Largest bulk string accepted (512mb)."),
        ("client-query-buffer-limit", "Largest unprocessed input per client (1gb)."),
    ];

    /// <summary>
    /// Splits argv as redis-server reads it: <c>--name</c> naming a setting takes every following
    /// argument up to the next one starting with <c>--</c>, joined by spaces
    /// (<c>--save 900 1 300 10</c>, <c>--bind 127.0.0.1 -::1</c>). Everything else goes to the parser.
    /// A setting with no value is an error, except <c>--save</c>, which like redis-server means "".
    /// </summary>
    public static (List<string> ParserArgs, List<(string Name, string Value)> Settings, string? Error) Split(string[] args, Func<string, bool> isSetting)
    {
        var parserArgs = new List<string>();
        var settings = new List<(string, string)>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2 || !isSetting(arg[2..]))
            {
                parserArgs.Add(arg);
                continue;
            }
            var name = arg[2..];
            var values = new List<string>();
            while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values.Add(args[++i]);
            if (values.Count == 0 && !name.Equals("save", StringComparison.OrdinalIgnoreCase))
                return (parserArgs, settings, $"flag '--{name}' needs a value");
            settings.Add((name, string.Join(' ', values)));
        }
        return (parserArgs, settings, null);
    }
}
