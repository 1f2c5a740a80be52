using CommandLine;

namespace EventLoopKv.Server.Configuration;

/// <summary>
/// redis-server's command line: <c>eventloopkv-server [CONFIGFILE] [--name value ...]</c>.
/// Values stay strings here; <see cref="ServerConfig"/> parses and validates each one with the
/// same code CONFIG SET uses. Null means "not given", so the config file's value stands.
/// </summary>
internal sealed class CommandLineOptions
{
    [Value(0, MetaName = "configfile", HelpText = "A redis.conf-style file; flags given here override it.")]
    public string? ConfigFile { get; set; }

    [Option("port", HelpText = "TCP port (6379; 0 = any free port).")] public string? Port { get; set; }
    [Option("bind", HelpText = "Addresses to listen on, space separated (127.0.0.1).")] public string? Bind { get; set; }
    [Option("databases", HelpText = "Number of databases (16).")] public string? Databases { get; set; }
    [Option("dir", HelpText = "Working directory for the append-only files (.).")] public string? Dir { get; set; }
    [Option("appendonly", HelpText = "yes|no: log every write to the append-only file.")] public string? AppendOnly { get; set; }
    [Option("appendfsync", HelpText = "always|everysec|no: when the append-only file is fsynced (everysec).")] public string? AppendFsync { get; set; }
    [Option("appendfilename", HelpText = "Base name of the append-only files (appendonly.aof).")] public string? AppendFilename { get; set; }
    [Option("appenddirname", HelpText = "Directory of the append-only files, inside --dir (appendonlydir).")] public string? AppendDirname { get; set; }
    [Option("requirepass", HelpText = "Password clients must AUTH with.")] public string? RequirePass { get; set; }
    [Option("maxclients", HelpText = "Maximum connected clients (10000).")] public string? MaxClients { get; set; }
    [Option("timeout", HelpText = "Close a client idle for this many seconds (0 = never).")] public string? Timeout { get; set; }
    [Option("loglevel", HelpText = "debug|verbose|notice|warning|nothing (notice).")] public string? LogLevel { get; set; }
    [Option("logfile", HelpText = "Log to this file instead of standard output.")] public string? LogFile { get; set; }
    [Option("hz", HelpText = "Timer frequency: active expiry, idle clients (10).")] public string? Hz { get; set; }
    [Option("busy-poll-us", HelpText = "After serving events the loop polls without sleeping this long, in microseconds, before it blocks (0 = block at once, the default).")] public string? BusyPollUs { get; set; }
    [Option("save", HelpText = "Accepted for compatibility; EventLoopKv persists with the AOF only.")] public string? Save { get; set; }
    [Option("proto-max-bulk-len", HelpText = "Largest bulk string accepted (512mb).")] public string? ProtoMaxBulkLen { get; set; }
    [Option("client-query-buffer-limit", HelpText = "Largest unprocessed input per client (1gb).")] public string? ClientQueryBufferLimit { get; set; }
    [Option("tcp-backlog", HelpText = "listen() backlog (511).")] public string? TcpBacklog { get; set; }

    [Option("check-aof", HelpText = "Check the AOF in DIR (or one file) like redis-check-aof, then exit.")] public string? CheckAof { get; set; }
    [Option("fix", HelpText = "With --check-aof: truncate a last file cut short by a crash.")] public bool Fix { get; set; }

    [Option('h', "help", HelpText = "Print this help and exit.")] public bool Help { get; set; }
    [Option('v', "version", HelpText = "Print the version and exit.")] public bool Version { get; set; }

    /// <summary>The flags that were given, by their redis.conf name, in a stable order.</summary>
    public IEnumerable<(string Name, string Value)> GivenSettings()
    {
        foreach (var property in typeof(CommandLineOptions).GetProperties())
        {
            var option = property.GetCustomAttributes(typeof(OptionAttribute), false).Cast<OptionAttribute>().FirstOrDefault();
            if (option is null || property.PropertyType != typeof(string) || option.LongName == "check-aof") continue;
            if (property.GetValue(this) is string value) yield return (option.LongName, value);
        }
    }
}
