using System.Net;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Configuration;

public enum AppendFsync { Always, EverySec, No }

/// <summary>
/// The server's settings with redis-server's names and defaults. The loop reads them directly;
/// CONFIG GET/SET, the command line and the config file all go through <see cref="Parameters"/>.
/// This file holds the settings EventLoopKv acts on; ServerConfig.Compatibility.cs the rest of
/// Redis 7.0's directives, accepted and reported so that redis.conf files and flags carry over.
/// </summary>
public sealed partial class ServerConfig
{
    public int Port { get; set; } = 6379;
    public string[] Bind { get; set; } = ["127.0.0.1"];
    public int Databases { get; set; } = 16;
    public string Dir { get; set; } = ".";
    /// <summary>Durable by default (redis-server defaults to no): every write goes to the append-only file.</summary>
    public bool AppendOnly { get; set; } = true;
    public AppendFsync AppendFsync { get; set; } = AppendFsync.EverySec;
    public string AppendFilename { get; set; } = "appendonly.aof";
    public string AppendDirname { get; set; } = "appendonlydir";
    public string RequirePass { get; set; } = "";
    public int MaxClients { get; set; } = 10000;
    /// <summary>Seconds of idleness after which a client is closed; 0 = never.</summary>
    public int Timeout { get; set; }
    public string LogLevel { get; set; } = "notice";
    public string LogFile { get; set; } = "";
    public int Hz { get; set; } = 10;
    /// <summary>
    /// Not a Redis setting: how long the loop keeps polling epoll without sleeping after an
    /// iteration that served events. Waking a sleeping thread costs tens of microseconds on a
    /// virtual machine, more than a whole pipelined batch of commands.
    /// </summary>
    public int BusyPollMicroseconds { get; set; } = 20;
    /// <summary>
    /// RDB snapshot schedule ("seconds changes" pairs), recorded only: no RDB is written, so the
    /// default is "" rather than Redis's "3600 1 300 100 60 10000" (UnsupportedSettings warns).
    /// </summary>
    public string Save { get; set; } = "";
    public long ProtoMaxBulkLen { get; set; } = 512L * 1024 * 1024;
    public long ClientQueryBufferLimit { get; set; } = 1024L * 1024 * 1024;
    public int TcpBacklog { get; set; } = 511;
    /// <summary>Load an AOF whose last command was cut short by a crash (dropping that command).</summary>
    public bool AofLoadTruncated { get; set; } = true;
    public int AutoAofRewritePercentage { get; set; } = 100;
    public long AutoAofRewriteMinSize { get; set; } = 64L * 1024 * 1024;
    /// <summary>A sparse HyperLogLog longer than this (header included) turns dense (Redis hll-sparse-max-bytes).</summary>
    public long HllSparseMaxBytes { get; set; } = HyperLogLog.DefaultSparseMaxBytes;
    /// <summary>Without a password, clients from addresses other than loopback are refused with -DENIED (Redis 7.0: whatever bind says).</summary>
    public bool ProtectedMode { get; set; } = true;
    /// <summary>Seconds of idleness before TCP keepalive probes start on client sockets; 0 = no keepalive.</summary>
    public int TcpKeepAlive { get; set; } = 300;
    /// <summary>Where the process id is written at start-up and removed at a clean exit; "" = nowhere.</summary>
    public string PidFile { get; set; } = "";

    private readonly List<ConfigParameter> _parameters;

    public ServerConfig()
    {
        _parameters =
        [
            new("port", () => Port.ToString(), v => ConfigParameter.ParseInt(v, 0, 65535, n => Port = n), mutable: false),
            new("bind", () => string.Join(' ', Bind), SetBind, mutable: false),
            new("databases", () => Databases.ToString(), v => ConfigParameter.ParseInt(v, 1, int.MaxValue, n => Databases = n), mutable: false),
            new("dir", () => Path.GetFullPath(Dir), SetDir),
            new("appendonly", () => YesNo(AppendOnly), v => ConfigParameter.ParseYesNo(v, b => AppendOnly = b)),
            new("appendfsync", () => AppendFsync.ToString().ToLowerInvariant(), v => ConfigParameter.ParseEnum(v, ["always", "everysec", "no"], s => AppendFsync = Enum.Parse<AppendFsync>(s, true))),
            new("appendfilename", () => AppendFilename, v => SetFileName(v, s => AppendFilename = s), mutable: false),
            new("appenddirname", () => AppendDirname, v => SetFileName(v, s => AppendDirname = s), mutable: false),
            new("requirepass", () => RequirePass, v => { RequirePass = v; return null; }),
            new("maxclients", () => MaxClients.ToString(), v => ConfigParameter.ParseInt(v, 1, int.MaxValue, n => MaxClients = n)),
            new("timeout", () => Timeout.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => Timeout = n)),
            new("loglevel", () => LogLevel, v => ConfigParameter.ParseEnum(v, ["debug", "verbose", "notice", "warning", "nothing"], s => LogLevel = s)),
            new("logfile", () => LogFile, v => { LogFile = v; return null; }, mutable: false),
            new("hz", () => Hz.ToString(), v => ConfigParameter.ParseInt(v, 1, 500, n => Hz = n)),
            new("busy-poll-us", () => BusyPollMicroseconds.ToString(), v => ConfigParameter.ParseInt(v, 0, 1000, n => BusyPollMicroseconds = n)),
            new("save", () => Save, SetSave),
            new("proto-max-bulk-len", () => ProtoMaxBulkLen.ToString(), v => ConfigParameter.ParseMemory(v, 1024 * 1024, n => ProtoMaxBulkLen = n)),
            new("client-query-buffer-limit", () => ClientQueryBufferLimit.ToString(), v => ConfigParameter.ParseMemory(v, 1024 * 1024, n => ClientQueryBufferLimit = n)),
            new("tcp-backlog", () => TcpBacklog.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => TcpBacklog = n), mutable: false),
            new("aof-load-truncated", () => YesNo(AofLoadTruncated), v => ConfigParameter.ParseYesNo(v, b => AofLoadTruncated = b)),
            new("auto-aof-rewrite-percentage", () => AutoAofRewritePercentage.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => AutoAofRewritePercentage = n)),
            new("auto-aof-rewrite-min-size", () => AutoAofRewriteMinSize.ToString(), v => ConfigParameter.ParseMemory(v, 0, n => AutoAofRewriteMinSize = n)),
            // Encodings of small collections (Storage.EncodingLimits), with their pre-7.0 "ziplist" names.
            new("hash-max-listpack-entries", () => EncodingLimits.HashMaxListpackEntries.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => EncodingLimits.HashMaxListpackEntries = n), alias: "hash-max-ziplist-entries"),
            new("hash-max-listpack-value", () => EncodingLimits.HashMaxListpackValue.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => EncodingLimits.HashMaxListpackValue = n), alias: "hash-max-ziplist-value"),
            new("zset-max-listpack-entries", () => EncodingLimits.ZsetMaxListpackEntries.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => EncodingLimits.ZsetMaxListpackEntries = n), alias: "zset-max-ziplist-entries"),
            new("zset-max-listpack-value", () => EncodingLimits.ZsetMaxListpackValue.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => EncodingLimits.ZsetMaxListpackValue = n), alias: "zset-max-ziplist-value"),
            new("set-max-intset-entries", () => EncodingLimits.SetMaxIntsetEntries.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => EncodingLimits.SetMaxIntsetEntries = n)),
            new("list-max-listpack-size", () => EncodingLimits.ListMaxListpackSize.ToString(), v => ConfigParameter.ParseInt(v, int.MinValue, int.MaxValue, n => EncodingLimits.ListMaxListpackSize = n), alias: "list-max-ziplist-size"),
            new("stream-node-max-bytes", () => EncodingLimits.StreamNodeMaxBytes.ToString(), v => ConfigParameter.ParseMemory(v, 0, n => EncodingLimits.StreamNodeMaxBytes = (int)Math.Min(n, int.MaxValue))),
            new("stream-node-max-entries", () => EncodingLimits.StreamNodeMaxEntries.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => EncodingLimits.StreamNodeMaxEntries = n)),
            new("hll-sparse-max-bytes", () => HllSparseMaxBytes.ToString(), v => ConfigParameter.ParseMemory(v, 0, n => HllSparseMaxBytes = n)),
            new("protected-mode", () => YesNo(ProtectedMode), v => ConfigParameter.ParseYesNo(v, b => ProtectedMode = b)),
            new("tcp-keepalive", () => TcpKeepAlive.ToString(), v => ConfigParameter.ParseInt(v, 0, int.MaxValue, n => TcpKeepAlive = n)),
            new("pidfile", () => PidFile, v => { PidFile = v; return null; }, mutable: false),
        ];
        _parameters.AddRange(CompatibilityParameters());
    }

    internal IReadOnlyList<ConfigParameter> Parameters => _parameters;

    /// <summary>Other parts of the server (the AOF, the data types) register their own settings.</summary>
    internal void Register(ConfigParameter parameter) => _parameters.Add(parameter);

    internal ConfigParameter? Find(string name)
    {
        foreach (var p in _parameters)
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Alias, name, StringComparison.OrdinalIgnoreCase))
                return p;
        return null;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private string? SetBind(string value)
    {
        var addresses = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (addresses.Length == 0) return "argument must be one or more addresses";
        foreach (var a in addresses)
        {
            var text = a.TrimStart('-');
            if (text is not ("*" or "::*") && !IPAddress.TryParse(text, out _)) return $"invalid bind address '{a}'";
        }
        Bind = addresses;
        return null;
    }

    /// <summary>Redis's "seconds changes" pairs, kept (normalised) for CONFIG GET: no RDB is written.</summary>
    private string? SetSave(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length % 2 != 0) return "Invalid save parameters";
        for (var i = 0; i < words.Length; i++)
        {
            if (!long.TryParse(words[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < (i % 2 == 0 ? 1 : 0))
                return "Invalid save parameters";
            words[i] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Save = string.Join(' ', words);
        return null;
    }

    private string? SetDir(string value)
    {
        if (!Directory.Exists(value)) return $"No such file or directory: '{value}'";
        Dir = value;
        return null;
    }

    private static string? SetFileName(string value, Action<string> apply)
    {
        if (value.Length == 0 || value.Contains('/') || value.Contains('\\')) return "appendfilename/appenddirname can't be a path, just a filename";
        apply(value);
        return null;
    }

    /// <summary>The addresses to listen on; "*" means every IPv4 address, "::*" every IPv6 one, "-" prefix = optional.</summary>
    public IEnumerable<(IPAddress Address, bool Optional)> BindAddresses()
    {
        foreach (var a in Bind)
        {
            var optional = a.StartsWith('-');
            var text = a.TrimStart('-');
            yield return (text switch { "*" => IPAddress.Any, "::*" => IPAddress.IPv6Any, _ => IPAddress.Parse(text) }, optional);
        }
    }
}
