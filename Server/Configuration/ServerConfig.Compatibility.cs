using System.Globalization;
using System.Text;

namespace EventLoopKv.Server.Configuration;

/// <summary>
/// Redis 7.0's directives that EventLoopKv does not act on, with Redis's names, aliases,
/// defaults, ranges and mutability (checked against redis-server 7.0.15's CONFIG GET *), so that
/// a stock redis.conf, redis-server's flags, CONFIG GET and CONFIG SET all work unchanged. Most
/// tune machinery EventLoopKv does not have (RDB, replication, the allocator, lazy freeing,
/// slowlog) and change nothing a client can observe. The few whose non-default value asks for
/// behaviour a user would rely on are typed properties here, and
/// <see cref="UnsupportedSettings"/> logs a warning for them.
/// Refused on purpose, so that a config asking for them fails to start: replication to a master
/// (replicaof is accepted only as "no one"), cluster-enabled yes, and (unknown here) the other
/// cluster-*, tls-*, rename-command, aclfile, loadmodule and enable-*-command directives, whose
/// silent absence would change who may connect, what commands exist or what the data set is.
/// </summary>
public sealed partial class ServerConfig
{
    public bool Daemonize { get; set; }
    /// <summary>no, upstart, systemd or auto.</summary>
    public string Supervised { get; set; } = "no";
    public string UnixSocket { get; set; } = "";
    public bool SyslogEnabled { get; set; }
    /// <summary>no, yes (= relative) or absolute.</summary>
    public string OomScoreAdj { get; set; } = "no";
    /// <summary>Bytes; 0 = no limit.</summary>
    public long MaxMemory { get; set; }
    public string MaxMemoryPolicy { get; set; } = "noeviction";
    /// <summary>Bytes, or a percentage of maxmemory stored negated (Redis's encoding); 0 = no limit.</summary>
    public long MaxMemoryClients { get; set; }
    public ClientOutputBufferLimits ClientOutputBufferLimits { get; } = new();

    private static readonly string[] MaxMemoryPolicies =
        ["volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"];

    private IEnumerable<ConfigParameter> CompatibilityParameters() =>
    [
        // Process and logging.
        new("daemonize", () => YesNo(Daemonize), v => ConfigParameter.ParseYesNo(v, b => Daemonize = b), mutable: false),
        new("supervised", () => Supervised, v => ConfigParameter.ParseEnum(v, ["upstart", "systemd", "auto", "no"], s => Supervised = s), mutable: false),
        new("syslog-enabled", () => YesNo(SyslogEnabled), v => ConfigParameter.ParseYesNo(v, b => SyslogEnabled = b), mutable: false),
        Text("syslog-ident", "redis", mutable: false),
        Choice("syslog-facility", "local0", ["user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"], mutable: false),
        Bool("always-show-logo", false, mutable: false),
        Bool("set-proc-title", true, mutable: false),
        Text("proc-title-template", "{title} {listen-addr} {server-mode}", validate: ValidateProcTitleTemplate),
        Bool("crash-log-enabled", true),
        Bool("crash-memcheck-enabled", true),
        Integer("shutdown-timeout", 10, 0, int.MaxValue),
        // "yes" and "relative" are one value in Redis, reported as "yes".
        new("oom-score-adj", () => OomScoreAdj, v => ConfigParameter.ParseEnum(v, ["no", "yes", "relative", "absolute"], s => OomScoreAdj = s == "relative" ? "yes" : s)),
        IntegerList("oom-score-adj-values", [0, 200, 800], -2000, 2000, "Invalid oom-score-adj-values, elements must be between -2000 and 2000."),
        Bool("disable-thp", true, mutable: false),
        Bool("jemalloc-bg-thread", true),
        // Debian's redis-server, like any build without Redis's own jemalloc, refuses this the same way.
        NoOnly("activedefrag", "Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution"),
        Integer("active-defrag-cycle-min", 1, 1, 99),
        Integer("active-defrag-cycle-max", 25, 1, 99),
        Integer("active-defrag-threshold-lower", 10, 0, 1000),
        Integer("active-defrag-threshold-upper", 100, 0, 1000),
        Memory("active-defrag-ignore-bytes", 100L * 1024 * 1024, 1),
        Integer("active-defrag-max-scan-fields", 1000, 1, long.MaxValue),
        Text("server_cpulist", "", mutable: false),
        Text("bio_cpulist", "", mutable: false),
        Text("aof_rewrite_cpulist", "", mutable: false),
        Text("bgsave_cpulist", "", mutable: false),
        Text("ignore-warnings", ""),
        // A cluster node that came up standalone would answer for every slot: refuse instead.
        NoOnly("cluster-enabled", "cluster mode is not implemented", mutable: false),

        // Networking.
        new("unixsocket", () => UnixSocket, v => { UnixSocket = v; return null; }, mutable: false),
        Octal("unixsocketperm", 0, 0x1FF, mutable: false),
        Text("bind-source-addr", ""),
        Integer("io-threads", 1, 1, 128, mutable: false),
        Bool("io-threads-do-reads", false, mutable: false),
        new("client-output-buffer-limit", () => ClientOutputBufferLimits.ToString(), ClientOutputBufferLimits.Set),

        // Memory and eviction.
        new("maxmemory", () => MaxMemory.ToString(CultureInfo.InvariantCulture), v => ConfigParameter.ParseMemory(v, 0, n => MaxMemory = n)),
        new("maxmemory-policy", () => MaxMemoryPolicy, v => ConfigParameter.ParseEnum(v, MaxMemoryPolicies, s => MaxMemoryPolicy = s)),
        Integer("maxmemory-samples", 5, 1, int.MaxValue),
        Integer("maxmemory-eviction-tenacity", 10, 0, 100),
        new("maxmemory-clients", () => MaxMemoryClients < 0 ? $"{-MaxMemoryClients}%" : MaxMemoryClients.ToString(CultureInfo.InvariantCulture), SetMaxMemoryClients),
        Integer("lfu-log-factor", 10, 0, int.MaxValue),
        Integer("lfu-decay-time", 1, 0, int.MaxValue),
        Bool("lazyfree-lazy-eviction", false),
        Bool("lazyfree-lazy-expire", false),
        Bool("lazyfree-lazy-server-del", false),
        Bool("lazyfree-lazy-user-del", false),
        Bool("lazyfree-lazy-user-flush", false),
        Bool("activerehashing", true),
        Integer("active-expire-effort", 1, 1, 10),
        Bool("dynamic-hz", true),
        Integer("list-compress-depth", 0, 0, int.MaxValue),
        Integer("tracking-table-max-keys", 1_000_000, 0, long.MaxValue),

        // RDB snapshots (EventLoopKv persists with the append-only file only; see "save").
        Text("dbfilename", "dump.rdb", validate: v => v.Contains('/') ? "dbfilename can't be a path, just a filename" : null),
        Bool("rdbcompression", true),
        Bool("rdbchecksum", true, mutable: false),
        Bool("rdb-del-sync-files", false),
        Bool("rdb-save-incremental-fsync", true),
        Bool("stop-writes-on-bgsave-error", true),

        // Append-only file options whose effect EventLoopKv does not reproduce. The base file is
        // always plain RESP, which redis-server loads whatever its own aof-use-rdb-preamble says.
        Bool("aof-use-rdb-preamble", false),
        Bool("aof-timestamp-enabled", false),
        Bool("aof-rewrite-incremental-fsync", true),
        Bool("no-appendfsync-on-rewrite", false),
        Bool("aof-disable-auto-gc", false),
        Choice("sanitize-dump-payload", "no", ["no", "yes", "clients"]),

        // Replication: EventLoopKv is always a master without replicas.
        new("replicaof", () => "", SetReplicaOf, mutable: false, alias: "slaveof"),
        Text("masterauth", ""),
        Text("masteruser", ""),
        Bool("replica-serve-stale-data", true, alias: "slave-serve-stale-data"),
        Bool("replica-read-only", true, alias: "slave-read-only"),
        Bool("replica-lazy-flush", false, alias: "slave-lazy-flush"),
        Bool("replica-ignore-maxmemory", true, alias: "slave-ignore-maxmemory"),
        Bool("replica-announced", true),
        Integer("replica-priority", 100, 0, int.MaxValue, alias: "slave-priority"),
        Text("replica-announce-ip", "", alias: "slave-announce-ip"),
        Integer("replica-announce-port", 0, 0, 65535, alias: "slave-announce-port"),
        Bool("replica-ignore-disk-write-errors", false),
        Choice("propagation-error-behavior", "ignore", ["ignore", "panic", "panic-on-replicas"]),
        Bool("repl-diskless-sync", true),
        Integer("repl-diskless-sync-delay", 5, 0, int.MaxValue),
        Integer("repl-diskless-sync-max-replicas", 0, 0, int.MaxValue),
        Choice("repl-diskless-load", "disabled", ["disabled", "on-empty-db", "swapdb"]),
        Bool("repl-disable-tcp-nodelay", false),
        Integer("repl-ping-replica-period", 10, 1, int.MaxValue, alias: "repl-ping-slave-period"),
        Integer("repl-timeout", 60, 1, int.MaxValue),
        Memory("repl-backlog-size", 1024 * 1024, 1),
        Integer("repl-backlog-ttl", 3600, 0, long.MaxValue),
        Integer("min-replicas-to-write", 0, 0, int.MaxValue, alias: "min-slaves-to-write"),
        Integer("min-replicas-max-lag", 10, 0, int.MaxValue, alias: "min-slaves-max-lag"),

        // Commands EventLoopKv does not have (SLOWLOG, LATENCY, ACL LOG, SUBSCRIBE, EVAL).
        Integer("slowlog-log-slower-than", 10000, -1, long.MaxValue),
        Integer("slowlog-max-len", 128, 0, long.MaxValue),
        Integer("latency-monitor-threshold", 0, 0, long.MaxValue),
        Bool("latency-tracking", true),
        PercentileList("latency-tracking-info-percentiles", [50, 99, 99.9]),
        Integer("acllog-max-len", 128, 0, long.MaxValue),
        Choice("acl-pubsub-default", "resetchannels", ["allchannels", "resetchannels"]),
        KeyspaceEvents("notify-keyspace-events"),
        Integer("busy-reply-threshold", 5000, 0, long.MaxValue, alias: "lua-time-limit"),
    ];

    private static ConfigParameter Bool(string name, bool defaultValue, bool mutable = true, string? alias = null)
    {
        var value = defaultValue;
        return new(name, () => YesNo(value), v => ConfigParameter.ParseYesNo(v, b => value = b), mutable, alias);
    }

    /// <summary>A yes/no directive that can only be "no" here; "yes" is refused with <paramref name="reason"/>.</summary>
    private static ConfigParameter NoOnly(string name, string reason, bool mutable = true) =>
        new(name, () => "no", v => ConfigParameter.ParseYesNo(v, _ => { }) ?? (v.Equals("yes", StringComparison.OrdinalIgnoreCase) ? reason : null), mutable);

    private static ConfigParameter Integer(string name, long defaultValue, long min, long max, bool mutable = true, string? alias = null)
    {
        var value = defaultValue;
        return new(name, () => value.ToString(CultureInfo.InvariantCulture), v => ConfigParameter.ParseInt64(v, min, max, n => value = n), mutable, alias);
    }

    private static ConfigParameter Memory(string name, long defaultValue, long min)
    {
        var value = defaultValue;
        return new(name, () => value.ToString(CultureInfo.InvariantCulture), v => ConfigParameter.ParseMemory(v, min, n => value = n));
    }

    private static ConfigParameter Choice(string name, string defaultValue, string[] allowed, bool mutable = true)
    {
        var value = defaultValue;
        return new(name, () => value, v => ConfigParameter.ParseEnum(v, allowed, s => value = s), mutable);
    }

    private static ConfigParameter Text(string name, string defaultValue, bool mutable = true, string? alias = null, Func<string, string?>? validate = null)
    {
        var value = defaultValue;
        return new(name, () => value, v =>
        {
            var reason = validate?.Invoke(v);
            if (reason is null) value = v;
            return reason;
        }, mutable, alias);
    }

    /// <summary>unixsocketperm: read and printed in octal, as chmod takes it.</summary>
    private static ConfigParameter Octal(string name, long defaultValue, long max, bool mutable)
    {
        var value = defaultValue;
        return new(name, () => Convert.ToString(value, 8), v =>
        {
            if (v.Length == 0 || v.Any(c => c is < '0' or > '7') || v.Length > 21) return "argument couldn't be parsed as an octal number";
            var n = Convert.ToInt64(v, 8);
            if (n > max) return $"argument must be between 0 and {Convert.ToString(max, 8)} inclusive";
            value = n;
            return null;
        }, mutable);
    }

    private static ConfigParameter IntegerList(string name, int[] defaultValue, int min, int max, string rangeError)
    {
        var value = defaultValue;
        return new(name, () => string.Join(' ', value), v =>
        {
            var words = v.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != defaultValue.Length) return "wrong number of arguments";
            var parsed = new int[words.Length];
            for (var i = 0; i < words.Length; i++)
                if (!int.TryParse(words[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed[i]) || parsed[i] < min || parsed[i] > max)
                    return rangeError;
            value = parsed;
            return null;
        });
    }

    /// <summary>Percentiles printed as C's %f with trailing zeros trimmed (99.9, 50); "" = none.</summary>
    private static ConfigParameter PercentileList(string name, double[] defaultValue)
    {
        var value = defaultValue;
        return new(name, () => string.Join(' ', value.Select(p => p.ToString("0.######", CultureInfo.InvariantCulture))), v =>
        {
            var words = v.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var parsed = new double[words.Length];
            for (var i = 0; i < words.Length; i++)
            {
                if (!double.TryParse(words[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]) || !double.IsFinite(parsed[i]))
                    return $"Invalid {name} parameters";
                if (parsed[i] is < 0 or > 100) return $"{name} parameters should sit between [0.0,100.0]";
            }
            value = parsed;
            return null;
        });
    }

    /// <summary>
    /// Redis's event classes, printed in its canonical order: "A" stands for g$lshzxetd, and K, E
    /// and m come last (CONFIG SET "KEA" reads back "AKE", "Kn" reads back "nK").
    /// </summary>
    private static ConfigParameter KeyspaceEvents(string name)
    {
        const string all = "g$lshzxetd";
        var value = "";
        return new(name, () => value, v =>
        {
            if (v.Any(c => !"Ag$lshzxeKEtmdn".Contains(c))) return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
            var classes = v.Contains('A') ? all + v : v;
            var text = new StringBuilder();
            if (all.All(classes.Contains)) text.Append('A');
            else
                foreach (var c in all + "n")
                    if (classes.Contains(c)) text.Append(c);
            foreach (var c in "KEm")
                if (classes.Contains(c)) text.Append(c);
            value = text.ToString();
            return null;
        });
    }

    private string? SetMaxMemoryClients(string value)
    {
        if (ConfigParameter.TryParseMemory(value, out var bytes))
        {
            MaxMemoryClients = bytes;
            return null;
        }
        if (value.Length > 1 && value[^1] == '%' && long.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            if (percent > 100) return "percentage argument must be less or equal to 100";
            MaxMemoryClients = -percent;
            return null;
        }
        return "argument must be a memory or percent value";
    }

    /// <summary>
    /// Only "no one" (be a master) is accepted: starting as a master when told to replicate would
    /// hide the difference. "" (what CONFIG GET and so CONFIG REWRITE give) means the same.
    /// </summary>
    private static string? SetReplicaOf(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        if (words.Length != 2) return "wrong number of arguments";
        return words[0].Equals("no", StringComparison.OrdinalIgnoreCase) && words[1].Equals("one", StringComparison.OrdinalIgnoreCase)
            ? null
            : "replication is not implemented: EventLoopKv can only be a master";
    }

    /// <summary>
    /// Redis's check: known {variables}, "{{" and "}}" for literal braces, and something left after
    /// expansion once spaces are trimmed ({title}, {server-mode} and the like may expand to nothing).
    /// </summary>
    private static string? ValidateProcTitleTemplate(string template)
    {
        const string invalid = "template format is invalid or contains unknown variables";
        var expanded = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { expanded.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { expanded.Append('}'); i++; continue; }
            if (c == '}') return invalid;
            if (c != '{') { expanded.Append(c); continue; }
            var end = template.IndexOf('}', i + 1);
            if (end < 0) return invalid;
            switch (template[(i + 1)..end])
            {
                case "listen-addr" or "port" or "tls-port": expanded.Append('x'); break;
                case "title" or "server-mode" or "unixsocket" or "config-file": break;
                default: return invalid;
            }
            i = end;
        }
        return expanded.ToString().Trim(' ').Length == 0 ? invalid : null;
    }
}
