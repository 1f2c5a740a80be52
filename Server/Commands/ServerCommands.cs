using System.Diagnostics;
using System.Text;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>Server commands: INFO, TIME, DEBUG, SHUTDOWN.</summary>
internal static class ServerCommands
{
    private static readonly string[] DefaultSections = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "keyspace"];
    private static readonly string[] AllSections = [.. DefaultSections, "commandstats"];

    /// <summary>INFO [section ...]: Redis's field names, so monitoring tools read it unchanged.</summary>
    public static void Info(Client client)
    {
        var wanted = new List<string>();
        for (var i = 1; i < client.Args.Count; i++)
        {
            var name = client.ArgString(i).ToLowerInvariant();
            if (name is "all" or "everything") wanted.AddRange(AllSections);
            else if (name == "default") wanted.AddRange(DefaultSections);
            else wanted.Add(name);
        }
        if (wanted.Count == 0) wanted.AddRange(DefaultSections);
        var text = BuildInfo(client.Server, wanted.Distinct().ToList());
        client.Reply.WriteVerbatim(Encoding.UTF8.GetBytes(text), "txt"u8);
    }

    internal static string BuildInfo(RedisServer server, IReadOnlyList<string> sections)
    {
        var text = new StringBuilder();
        var now = server.Clock.UnixTimeMilliseconds();
        var stats = server.Stats;
        var config = server.Config;
        void Section(string name, Action body)
        {
            if (!sections.Contains(name)) return;
            if (text.Length > 0) text.Append("\r\n");
            text.Append("# ").Append(char.ToUpperInvariant(name[0])).Append(name[1..]).Append("\r\n");
            body();
        }
        void Field(string name, object value) => text.Append(name).Append(':').Append(value).Append("\r\n");

        Section("server", () =>
        {
            var uptime = (now - server.StartedAtMs) / 1000;
            Field("redis_version", ServerInfo.RedisVersion);
            Field("redis_git_sha1", "00000000");
            Field("redis_git_dirty", 0);
            Field("redis_build_id", "0");
            Field("redis_mode", "standalone");
            Field("os", $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription} {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}");
            Field("arch_bits", IntPtr.Size * 8);
            Field("monotonic_clock", "POSIX clock_gettime");
            Field("multiplexing_api", OperatingSystem.IsLinux() ? "epoll" : "select");
            Field("process_id", Environment.ProcessId);
            Field("process_supervised", "no");
            Field("run_id", ServerInfo.RunId);
            Field("tcp_port", server.Port);
            Field("server_time_usec", now * 1000);
            Field("uptime_in_seconds", uptime);
            Field("uptime_in_days", uptime / 86400);
            Field("hz", config.Hz);
            Field("configured_hz", config.Hz);
            Field("executable", Environment.ProcessPath ?? "");
            Field("config_file", server.ConfigFile ?? "");
            Field("eventloopkv_version", ServerInfo.Version);
        });
        Section("clients", () =>
        {
            Field("connected_clients", server.ClientCount);
            Field("cluster_connections", 0);
            Field("maxclients", config.MaxClients);
            Field("client_recent_max_input_buffer", 0);
            Field("client_recent_max_output_buffer", 0);
            Field("blocked_clients", 0);
            Field("tracking_clients", 0);
            Field("clients_in_timeout_table", 0);
        });
        Section("memory", () =>
        {
            var used = GC.GetTotalMemory(false);
            var rss = Environment.WorkingSet;
            Field("used_memory", used);
            Field("used_memory_human", Human(used));
            Field("used_memory_rss", rss);
            Field("used_memory_rss_human", Human(rss));
            Field("used_memory_peak", Math.Max(used, stats.PeakMemory));
            Field("used_memory_peak_human", Human(Math.Max(used, stats.PeakMemory)));
            Field("total_system_memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
            // As configured; UnsupportedSettings warns that the limit is not enforced.
            Field("maxmemory", server.Config.MaxMemory);
            Field("maxmemory_human", Human(server.Config.MaxMemory));
            Field("maxmemory_policy", server.Config.MaxMemoryPolicy);
            Field("mem_fragmentation_ratio", used == 0 ? "0.00" : ((double)rss / used).ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
            Field("mem_allocator", "dotnet-gc");
        });
        Section("persistence", () =>
        {
            Field("loading", server.Loading ? 1 : 0);
            Field("async_loading", 0);
            Field("rdb_changes_since_last_save", stats.Dirty);
            Field("rdb_bgsave_in_progress", 0);
            Field("rdb_last_save_time", server.StartedAtMs / 1000);
            Field("rdb_last_bgsave_status", "ok");
            if (server.Aof is { } aof)
                foreach (var (name, value) in aof.InfoFields()) Field(name, value);
            else
            {
                var offline = server.RewriteWhileOff;
                Field("aof_enabled", 0);
                Field("aof_rewrite_in_progress", offline.InProgress ? 1 : 0);
                Field("aof_rewrite_scheduled", 0);
                Field("aof_last_rewrite_time_sec", offline.LastSeconds);
                Field("aof_last_bgrewrite_status", offline.LastOk ? "ok" : "err");
                Field("aof_rewrites", offline.Rewrites);
                Field("aof_last_write_status", "ok");
            }
        });
        Section("stats", () =>
        {
            Field("total_connections_received", stats.ConnectionsReceived);
            Field("total_commands_processed", stats.CommandsProcessed);
            Field("instantaneous_ops_per_sec", stats.InstantaneousOpsPerSecond);
            Field("total_net_input_bytes", stats.NetInputBytes);
            Field("total_net_output_bytes", stats.NetOutputBytes);
            Field("rejected_connections", stats.RejectedConnections);
            Field("expired_keys", stats.ExpiredKeys);
            Field("evicted_keys", 0);
            Field("keyspace_hits", stats.KeyspaceHits);
            Field("keyspace_misses", stats.KeyspaceMisses);
            Field("pubsub_channels", 0);
            Field("pubsub_patterns", 0);
        });
        Section("replication", () =>
        {
            Field("role", "master");
            Field("connected_slaves", 0);
            Field("master_replid", ServerInfo.RunId);
            Field("master_repl_offset", 0);
        });
        Section("cpu", () =>
        {
            var process = Process.GetCurrentProcess();
            Field("used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("F6", System.Globalization.CultureInfo.InvariantCulture));
            Field("used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("F6", System.Globalization.CultureInfo.InvariantCulture));
        });
        Section("commandstats", () =>
        {
            foreach (var command in server.Commands.All.SelectMany(c => c.Subcommands.Length > 0 ? c.Subcommands : [c]))
            {
                if (command.Calls == 0) continue;
                var perCall = (double)command.Microseconds / command.Calls;
                Field($"cmdstat_{command.FullName}", $"calls={command.Calls},usec={command.Microseconds},usec_per_call={perCall.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)},rejected_calls=0,failed_calls=0");
            }
        });
        Section("keyspace", () =>
        {
            foreach (var db in server.Databases)
                if (db.Count > 0) Field($"db{db.Id}", $"keys={db.Count},expires={db.VolatileCount},avg_ttl=0");
        });
        return text.ToString();
    }

    private static string Human(long bytes)
    {
        string[] units = ["B", "K", "M", "G", "T"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes}B" : value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + units[unit];
    }

    public static void Time(Client client)
    {
        var micros = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        client.Reply.WriteArrayHeader(2);
        client.Reply.WriteBulk(micros / 1_000_000);
        client.Reply.WriteBulk(micros % 1_000_000);
    }

    /// <summary>DEBUG SLEEP seconds | SET-ACTIVE-EXPIRE 0|1 | HELP. SLEEP blocks the loop on purpose (tests of slow servers).</summary>
    public static void Debug(Client client)
    {
        var args = client.Args;
        if (client.ArgIs(1, "help"u8))
        {
            client.WriteHelp("DEBUG",
                "SLEEP <seconds>", "    Stop the server for <seconds>. Decimals allowed.",
                "POPULATE <count> [<prefix>] [<size>]", "    Create <count> string keys named key:<num>. If <prefix> is specified then it is used instead of the 'key' prefix. These are not propagated to replicas. Cache master will be disabled.",
                "SET-ACTIVE-EXPIRE <0|1>", "    Setting it to 0 disables expiring keys in background when they are not accessed.");
            return;
        }
        if (client.ArgIs(1, "sleep"u8) && args.Count == 3)
        {
            if (!client.TryGetDoubleOrReply(2, out var seconds)) return;
            Thread.Sleep(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 3600)));
            client.Reply.WriteOk();
            return;
        }
        if (client.ArgIs(1, "populate"u8) && args.Count is >= 3 and <= 5)
        {
            Populate(client);
            return;
        }
        if (client.ArgIs(1, "set-active-expire"u8) && args.Count == 3)
        {
            if (!client.TryGetInt64OrReply(2, out var enabled)) return;
            client.Server.ActiveExpireEnabled = enabled != 0;
            client.Reply.WriteOk();
            return;
        }
        client.Reply.WriteError($"unknown subcommand or wrong number of arguments for '{client.ArgString(1)}'. Try DEBUG HELP.");
    }

    /// <summary>BGREWRITEAOF: a new base file from a copy-on-write snapshot, written while the loop serves.</summary>
    public static void BgRewriteAof(Client client)
    {
        var aof = client.Server.Aof;
        if (aof?.RewriteInProgress == true || client.Server.RewriteWhileOff.InProgress)
        {
            client.Reply.WriteError("Background append only file rewriting already in progress");
            return;
        }
        if (aof is null)
        {
            // As Redis 7.0: the dataset still goes to a new base file and manifest.
            client.Server.RewriteWhileOff.Start();
            client.Reply.WriteSimpleString("Background append only file rewriting started"u8);
            return;
        }
        aof.StartRewrite(switchIncremental: true);
        client.Reply.WriteSimpleString("Background append only file rewriting started"u8);
    }

    /// <summary>
    /// DEBUG POPULATE count [prefix] [size]: keys prefix:N with values value:N (padded with zeros
    /// or cut to size), existing keys left alone; like Redis it is not logged to the AOF.
    /// </summary>
    private static void Populate(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var count)) return;
        if (count < 0)
        {
            client.Reply.WriteError("count must be positive");
            return;
        }
        var prefix = client.Args.Count >= 4 ? client.ArgString(3) : "key";
        long size = -1;
        if (client.Args.Count == 5 && !client.TryGetInt64OrReply(4, out size)) return;
        var db = client.Db;
        for (long i = 0; i < count; i++)
        {
            var key = System.Text.Encoding.ASCII.GetBytes($"{prefix}:{i}");
            if (db.Exists(key)) continue;
            var value = System.Text.Encoding.ASCII.GetBytes($"value:{i}");
            if (size >= 0) Array.Resize(ref value, (int)size);
            db.SetString(key, value);
        }
        client.Reply.WriteOk();
    }

    /// <summary>SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: the loop stops after this iteration; no reply, as in Redis.</summary>
    public static void Shutdown(Client client)
    {
        for (var j = 1; j < client.Args.Count; j++)
        {
            if (client.ArgIs(j, "abort"u8))
            {
                client.Reply.WriteError("No shutdown in progress.");
                return;
            }
            if (!(client.ArgIs(j, "nosave"u8) || client.ArgIs(j, "save"u8) || client.ArgIs(j, "now"u8) || client.ArgIs(j, "force"u8)))
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        client.Server.RequestShutdown($"User requested shutdown (client id {client.Id})");
    }
}
