namespace EventLoopKv.Server.Configuration;

/// <summary>
/// The short, deliberate list of accepted settings whose non-default value asks for behaviour a
/// user relies on and EventLoopKv does not provide. Each gives one warning line at start-up (and
/// when CONFIG SET changes it), never a failure, so a stock redis.conf still starts. Every other
/// accepted-but-inert directive only tunes machinery EventLoopKv lacks (replication, RDB
/// compression, the allocator, lazy freeing) or configures a command it does not have (SLOWLOG,
/// LATENCY, SUBSCRIBE, EVAL), where the missing command already says so.
/// </summary>
internal static class UnsupportedSettings
{
    private static readonly (string[] Names, Func<ServerConfig, string?> Warning)[] Checks =
    [
        // Forking after the .NET runtime has started threads is unsafe; a supervisor
        // (systemd Type=simple, docker, runit) keeps the server in the background instead.
        (["daemonize"], c => c.Daemonize ? "daemonize yes is not supported: running in the foreground" : null),
        // systemd is supported (SystemdNotify); upstart's handshake, raising SIGSTOP once ready,
        // is not, and an upstart job declared "expect stop" would wait for it.
        (["supervised"], c => c.Supervised == "upstart" || (c.Supervised == "auto" && Environment.GetEnvironmentVariable("UPSTART_JOB") is not null)
            ? "supervised upstart is not supported: no SIGSTOP is raised when ready" : null),
        // Clients configured for the socket path could not connect at all.
        (["unixsocket"], c => c.UnixSocket.Length > 0 ? $"unixsocket {c.UnixSocket} is not supported: listening on TCP only" : null),
        // Without eviction the data set grows past the limit; a cache relying on it would fill the machine.
        (["maxmemory"], c => c.MaxMemory > 0 ? "maxmemory is set but eviction is not implemented: the limit is not enforced" : null),
        (["maxmemory-clients"], c => c.MaxMemoryClients != 0 ? "maxmemory-clients is set but client eviction is not implemented: the limit is not enforced" : null),
        // Replica and pub/sub classes cannot apply (neither exists here); a normal-class limit would.
        (["client-output-buffer-limit"], c => c.ClientOutputBufferLimits.Normal != (0, 0, 0) ? "client-output-buffer-limit normal is set but output buffer limits are not enforced" : null),
        // Redis with appendonly no still persists through RDB snapshots (its default save
        // schedule); EventLoopKv writes no RDB, so that configuration would lose every write.
        (["appendonly", "save"], c => !c.AppendOnly
            ? "appendonly no: nothing is persisted (RDB snapshots are not implemented)"
            : c.Save.Length > 0 ? "save is set but RDB snapshots are not implemented: data is persisted by the append-only file only" : null),
        // Log lines expected in syslog would only be on standard output or in logfile.
        (["syslog-enabled"], c => c.SyslogEnabled ? "syslog-enabled yes is not supported: logging to standard output or logfile only" : null),
        // The OOM killer's choice of victim would not be what the operator configured.
        (["oom-score-adj"], c => c.OomScoreAdj != "no" ? $"oom-score-adj {c.OomScoreAdj} is not supported: the process's OOM score is left unchanged" : null),
    ];

    /// <summary>The warnings for every setting (start-up), or for those among <paramref name="changed"/> (CONFIG SET).</summary>
    public static IEnumerable<string> Warnings(ServerConfig config, IEnumerable<string>? changed = null)
    {
        var names = changed?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (checkNames, warning) in Checks)
        {
            if (names is not null && !checkNames.Any(names.Contains)) continue;
            if (warning(config) is { } line) yield return line;
        }
    }
}
