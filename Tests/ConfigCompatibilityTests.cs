using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// Drop-in compatibility with redis-server's configuration: Debian's stock redis.conf, every
/// CONFIG parameter as a --flag (in order, last one wins), Redis 7.0's directives with its
/// defaults, validation and CONFIG GET text, the warnings for what is accepted but not done, the
/// pid file, supervised systemd, protected mode and TCP keepalive.
/// </summary>
public sealed class ConfigCompatibilityTests
{
    private const string StockConfig = "/etc/redis/redis.conf";

    private static string Get(RawConnection c, string name)
    {
        var reply = c.Call("CONFIG", "GET", name).Split("\r\n");
        Assert.Equal("*2", reply[0]);
        return reply[4];
    }

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "elk-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [RequiresFileFact(StockConfig)]
    public void Debians_stock_redis_conf_starts_with_dir_logfile_and_pidfile_overridden_and_CONFIG_GET_reports_its_values()
    {
        var dir = TempDir();
        var pidFile = Path.Combine(dir, "redis-server.pid");
        using var server = new ServerProcess(StockConfig, "--dir", dir, "--logfile", "", "--pidfile", pidFile);
        Assert.Contains("daemonize yes is not supported: running in the foreground", server.StartupLog);
        Assert.Contains("appendonly no: nothing is persisted (RDB snapshots are not implemented)", server.StartupLog);
        Assert.Equal($"{server.Pid}\n", File.ReadAllText(pidFile));
        using (var c = server.Connect())
        {
            Assert.Equal("300", Get(c, "tcp-keepalive"));
            Assert.Equal("127.0.0.1 -::1", Get(c, "bind"));
            Assert.Equal("yes", Get(c, "protected-mode"));
            Assert.Equal("yes", Get(c, "daemonize"));
            Assert.Equal("no", Get(c, "appendonly"));
            Assert.Equal("yes", Get(c, "aof-use-rdb-preamble"));
            Assert.Equal("67108864", Get(c, "auto-aof-rewrite-min-size"));
            Assert.Equal("{title} {listen-addr} {server-mode}", Get(c, "proc-title-template"));
            Assert.Equal("", Get(c, "notify-keyspace-events"));
            Assert.Equal("0 200 800", Get(c, "oom-score-adj-values"));
            Assert.Equal("disabled", Get(c, "repl-diskless-load"));
            Assert.Equal("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", Get(c, "client-output-buffer-limit"));
            Assert.Equal(Path.GetFullPath(dir), Get(c, "dir"));
            // The encoding limits come from the file: compare with what it says, not with our defaults.
            foreach (var name in new[] { "hash-max-listpack-entries", "hash-max-listpack-value", "zset-max-listpack-entries", "list-max-listpack-size", "hll-sparse-max-bytes" })
                Assert.Equal(StockValue(name), Get(c, name));
            c.Send("SHUTDOWN", "NOSAVE");
            Assert.True(c.IsClosedByServer());
        }
        Assert.Equal(0, server.WaitForExit());
        Assert.False(File.Exists(pidFile), "the pid file is removed at a clean exit");
    }

    private static string StockValue(string name) =>
        File.ReadLines(StockConfig).Select(l => l.Split(' ', 2)).Single(w => w[0] == name)[1].Trim();

    [Fact]
    public void A_repeated_flag_takes_its_last_value()
    {
        // ServerProcess appends --port <free port> after these, as the later of the two.
        using var server = new ServerProcess("--appendonly", "no", "--port", ServerProcess.FreePort().ToString(), "--hz", "20", "--hz", "30");
        using var c = server.Connect();
        Assert.Equal(server.Port.ToString(), Get(c, "port"));
        Assert.Equal("30", Get(c, "hz"));
    }

    [Fact]
    public void Any_CONFIG_parameter_is_a_flag_and_a_flag_takes_every_word_up_to_the_next_flag()
    {
        using var server = new ServerProcess("--appendonly", "no", "--hash-max-listpack-entries", "7", "--aof-load-truncated", "no",
            "--save", "900", "1", "300", "10", "--client-output-buffer-limit", "pubsub", "1mb", "2mb", "3",
            "--bind", "127.0.0.1", "-::1", "--io-threads", "1", "--maxmemory", "100mb", "--slave-priority", "7", "--notify-keyspace-events", "KEA");
        Assert.Contains("maxmemory is set but eviction is not implemented: the limit is not enforced", server.StartupLog);
        using var c = server.Connect();
        Assert.Equal("7", Get(c, "hash-max-listpack-entries"));
        Assert.Equal("no", Get(c, "aof-load-truncated"));
        Assert.Equal("900 1 300 10", Get(c, "save"));
        Assert.Equal("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 2097152 3", Get(c, "client-output-buffer-limit"));
        Assert.Equal("127.0.0.1 -::1", Get(c, "bind"));
        Assert.Equal("104857600", Get(c, "maxmemory"));
        Assert.Equal("7", Get(c, "replica-priority"));
        Assert.Equal("AKE", Get(c, "notify-keyspace-events"));
        Assert.Contains("maxmemory:104857600\r\n", c.Call("INFO", "memory"));
    }

    [Theory]
    [InlineData("eventloopkv-server: --tcp-keepalive: invalid value 'abc' for 'tcp-keepalive': argument couldn't be parsed into an integer", "--tcp-keepalive", "abc")]
    [InlineData("eventloopkv-server: --maxmemory: invalid value '100xb' for 'maxmemory': argument must be a memory value", "--maxmemory", "100xb")]
    [InlineData("eventloopkv-server: --protected-mode: invalid value 'maybe' for 'protected-mode': argument must be 'yes' or 'no'", "--protected-mode", "maybe")]
    [InlineData("eventloopkv-server: --io-threads: invalid value '129' for 'io-threads': argument must be between 1 and 128 inclusive", "--io-threads", "129")]
    [InlineData("eventloopkv-server: --maxmemory-policy: invalid value 'lru' for 'maxmemory-policy': argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction", "--maxmemory-policy", "lru")]
    [InlineData("eventloopkv-server: --client-output-buffer-limit: invalid value 'master 1 1 1' for 'client-output-buffer-limit': Invalid client class specified in buffer limit configuration.", "--client-output-buffer-limit", "master", "1", "1", "1")]
    [InlineData("eventloopkv-server: --replicaof: invalid value '10.0.0.1 6379' for 'replicaof': replication is not implemented: EventLoopKv can only be a master", "--replicaof", "10.0.0.1", "6379")]
    [InlineData("eventloopkv-server: --port: invalid value '7001 7002' for 'port': argument couldn't be parsed into an integer", "--port", "7001", "7002")]
    [InlineData("eventloopkv-server: flag '--logfile' needs a value", "--logfile")]
    [InlineData("eventloopkv-server: flag '--dir' needs a value", "--dir", "--port", "1")]
    public void A_bad_setting_flag_prints_one_line_naming_it_and_exits_1(string expected, params string[] args)
    {
        var (code, output, error) = ServerProcess.Run(args);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.TrimEnd('\n'));
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("bogus-directive yes", "unknown setting 'bogus-directive'")]
    [InlineData("cluster-enabled yes", "invalid value 'yes' for 'cluster-enabled': cluster mode is not implemented")]
    [InlineData("replicaof 10.0.0.1 6379", "invalid value '10.0.0.1 6379' for 'replicaof': replication is not implemented: EventLoopKv can only be a master")]
    [InlineData("tcp-keepalive -1", "invalid value '-1' for 'tcp-keepalive': argument must be between 0 and 2147483647 inclusive")]
    public void A_directive_that_is_unknown_or_refused_fails_naming_its_file_and_line(string directive, string reason)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, $"port 6390\nprotected-mode no\n{directive}\n");
        var (code, output, error) = ServerProcess.Run(file);
        Assert.Equal(1, code);
        Assert.Equal($"eventloopkv-server: config file '{file}' line 3: {reason}", error.TrimEnd('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void A_log_file_that_cannot_be_opened_is_one_line_and_exit_1()
    {
        var (code, _, error) = ServerProcess.Run("--logfile", "/nonexistent/dir/redis.log");
        Assert.Equal(1, code);
        Assert.StartsWith("eventloopkv-server: can't open the log file: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_pid_file_is_written_at_start_and_removed_after_SIGTERM()
    {
        var pidFile = Path.Combine(TempDir(), "server.pid");
        using var server = new ServerProcess("--appendonly", "no", "--pidfile", pidFile);
        Assert.Equal($"{server.Pid}\n", File.ReadAllText(pidFile));
        Process.Start("kill", ["-TERM", server.Pid.ToString()]).WaitForExit();
        Assert.Equal(0, server.WaitForExit());
        Assert.False(File.Exists(pidFile));
    }

    [Fact]
    public void A_pid_file_that_cannot_be_written_is_a_warning_and_the_server_still_starts()
    {
        using var server = new ServerProcess("--appendonly", "no", "--pidfile", "/nonexistent/dir/server.pid");
        Assert.Contains("# Failed to write PID file: ", server.StartupLog);
        using var c = server.Connect();
        Assert.Equal("+PONG\r\n", c.Call("PING"));
    }

    [Fact]
    public void Supervised_systemd_tells_NOTIFY_SOCKET_when_ready_and_when_stopping_as_a_Type_notify_unit_expects()
    {
        var path = Path.Combine(TempDir(), "notify.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveTimeout = 10000 };
        listener.Bind(new UnixDomainSocketEndPoint(path));
        using var server = new ServerProcess(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path }, "--appendonly", "no", "--supervised", "systemd");
        Assert.Contains("Supervised by systemd.", server.StartupLog);
        string Next()
        {
            var buffer = new byte[256];
            return System.Text.Encoding.UTF8.GetString(buffer, 0, listener.Receive(buffer));
        }
        Assert.Equal("STATUS=EventLoopKv is loading...\n", Next());
        Assert.Equal("STATUS=Ready to accept connections\n", Next());
        Assert.Equal("READY=1\n", Next());
        Process.Start("kill", ["-TERM", server.Pid.ToString()]).WaitForExit();
        Assert.Equal("STOPPING=1\n", Next());
        Assert.Equal(0, server.WaitForExit());
    }

    [Fact]
    public void Several_client_output_buffer_limit_lines_accumulate_per_class_as_in_Redis()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "client-output-buffer-limit normal 0 0 0\nclient-output-buffer-limit replica 256mb 64mb 60\nclient-output-buffer-limit pubsub 32mb 8mb 60\n");
        Assert.Equal(StartupAction.Run, StartupSettings.Parse([file], out var config, out var error, out _));
        Assert.Null(error);
        Assert.Equal("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", config.Find("client-output-buffer-limit")!.Get());

        File.WriteAllText(file, "client-output-buffer-limit pubsub 1mb 2mb 3\nclient-output-buffer-limit normal 1kb 2k 4 slave 5 6 7\n");
        Assert.Equal(StartupAction.Run, StartupSettings.Parse([file, "--client-output-buffer-limit", "normal", "0", "0", "0"], out config, out error, out _));
        Assert.Null(error);
        Assert.Equal("normal 0 0 0 slave 5 6 7 pubsub 1048576 2097152 3", config.Find("client-output-buffer-limit")!.Get());
    }

    [Fact]
    public void CONFIG_REWRITE_writes_every_setting_so_that_the_file_starts_a_server_with_the_same_CONFIG_GET()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "redis.conf");
        File.WriteAllText(file, $"appendonly no\ndir {dir}\n");
        string before;
        using (var first = new ServerProcess(file))
        using (var c = first.Connect())
        {
            foreach (var (name, value) in new[] { ("client-output-buffer-limit", "pubsub 1mb 2mb 3"), ("notify-keyspace-events", "KEx"), ("maxmemory-clients", "5%"), ("save", "900 1"), ("oom-score-adj-values", "1 2 3") })
                Assert.Equal("+OK\r\n", c.Call("CONFIG", "SET", name, value));
            Assert.Equal("+OK\r\n", c.Call("CONFIG", "REWRITE"));
            before = c.Call("CONFIG", "GET", "*");
        }
        using var second = new ServerProcess(file);
        using var d = second.Connect();
        var after = d.Call("CONFIG", "GET", "*");
        // Only the port differs: each ServerProcess is given a free one on the command line.
        Assert.Equal(Without(before, "port"), Without(after, "port"));
    }

    private static string Without(string configGetReply, string name)
    {
        var lines = configGetReply.Split("\r\n").ToList();
        var at = lines.IndexOf(name);
        lines.RemoveRange(at - 1, 4);
        return string.Join("\r\n", lines);
    }

    [Fact]
    public void Every_documented_flag_is_a_CONFIG_parameter_and_help_lists_it()
    {
        var config = new ServerConfig();
        Assert.Equal(StartupAction.Help, StartupSettings.Parse(["--help"], out _, out _, out var help));
        foreach (var (name, _) in CommandLineOptions.DocumentedSettings)
        {
            Assert.NotNull(config.Find(name));
            Assert.Contains($"  --{name} ", help);
        }
        Assert.Contains("--check-aof", help);
    }

    [Fact]
    public void Only_settings_that_promise_something_EventLoopKv_does_not_do_warn_and_each_once()
    {
        Assert.Equal(StartupAction.Run, StartupSettings.Parse(["--io-threads", "4", "--slowlog-max-len", "1", "--lazyfree-lazy-eviction", "yes", "--list-compress-depth", "2"], out var config, out _, out _));
        Assert.Empty(UnsupportedSettings.Warnings(config));

        Assert.Equal(StartupAction.Run, StartupSettings.Parse(
            ["--daemonize", "yes", "--supervised", "upstart", "--unixsocket", "/tmp/redis.sock", "--maxmemory", "1gb", "--maxmemory-clients", "10%",
             "--client-output-buffer-limit", "normal", "1mb", "1mb", "0", "--appendonly", "no", "--syslog-enabled", "yes", "--oom-score-adj", "relative"],
            out config, out var error, out _));
        Assert.Null(error);
        Assert.Equal(
            [
                "daemonize yes is not supported: running in the foreground",
                "supervised upstart is not supported: no SIGSTOP is raised when ready",
                "unixsocket /tmp/redis.sock is not supported: listening on TCP only",
                "maxmemory is set but eviction is not implemented: the limit is not enforced",
                "maxmemory-clients is set but client eviction is not implemented: the limit is not enforced",
                "client-output-buffer-limit normal is set but output buffer limits are not enforced",
                "appendonly no: nothing is persisted (RDB snapshots are not implemented)",
                "syslog-enabled yes is not supported: logging to standard output or logfile only",
                "oom-score-adj yes is not supported: the process's OOM score is left unchanged",
            ],
            UnsupportedSettings.Warnings(config).ToList());
        Assert.Equal(["maxmemory is set but eviction is not implemented: the limit is not enforced"], UnsupportedSettings.Warnings(config, ["maxmemory"]).ToList());
    }

    [Fact]
    public void CONFIG_GET_and_SET_read_and_validate_Redis_7_directives_with_redis_servers_replies()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        Assert.Equal("*2\r\n$10\r\nio-threads\r\n$1\r\n1\r\n", c.Call("CONFIG", "GET", "io-threads"));
        Assert.Equal("*2\r\n$14\r\nlua-time-limit\r\n$4\r\n5000\r\n", c.Call("CONFIG", "GET", "lua-time-limit"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config\r\n", c.Call("CONFIG", "SET", "daemonize", "yes"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'tcp-keepalive') - argument couldn't be parsed into an integer\r\n", c.Call("CONFIG", "SET", "tcp-keepalive", "abc"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n", c.Call("CONFIG", "SET", "notify-keyspace-events", "Q"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - percentage argument must be less or equal to 100\r\n", c.Call("CONFIG", "SET", "maxmemory-clients", "101%"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'oom-score-adj-values') - Invalid oom-score-adj-values, elements must be between -2000 and 2000.\r\n", c.Call("CONFIG", "SET", "oom-score-adj-values", "0 200 2001"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'proc-title-template') - template format is invalid or contains unknown variables\r\n", c.Call("CONFIG", "SET", "proc-title-template", "{title}"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'repl-backlog-size') - argument must be between 1 and 9223372036854775807 inclusive\r\n", c.Call("CONFIG", "SET", "repl-backlog-size", "0"));
        Assert.Equal("-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n", c.Call("CONFIG", "SET", "save", "0 1"));

        // Values read back in Redis's canonical form (each checked against redis-server 7.0.15).
        foreach (var (name, value, readBack) in new[]
        {
            ("notify-keyspace-events", "Kn", "nK"),
            ("notify-keyspace-events", "g$lshzxetdKE", "AKE"),
            ("oom-score-adj", "relative", "yes"),
            ("maxmemory-clients", "10%", "10%"),
            ("maxmemory", "1b", "1"),
            ("maxmemory-policy", "allkeys-LRU", "allkeys-lru"),
            ("latency-tracking-info-percentiles", "50.50 99.990", "50.5 99.99"),
            ("proc-title-template", "x {{ }}", "x {{ }}"),
            ("slave-priority", "5", "5"),
            ("repl-diskless-load", "swapdb", "swapdb"),
        })
        {
            Assert.Equal("+OK\r\n", c.Call("CONFIG", "SET", name, value));
            Assert.Equal(readBack, Get(c, name));
        }
        Assert.Equal("5", Get(c, "replica-priority"));
        Assert.Equal("0", Get(c, "unixsocketperm"));
        Assert.Equal("", Get(c, "replicaof"));
    }

    [Fact]
    public void Client_connections_get_TCP_keepalive_as_tcp_keepalive_says()
    {
        using var server = TestServer.Start(c => c.TcpKeepAlive = 60);
        using var client = server.Connect();
        Assert.Equal("+PONG\r\n", client.Call("PING"));
        var handle = server.OnLoop(s => s.Clients.Single().Handle);
        if (!OperatingSystem.IsLinux()) return; // the portable poller's handles are not file descriptors
        using var socket = new Socket(new SafeSocketHandle((IntPtr)handle, ownsHandle: false));
        Assert.Equal(1, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(60, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(20, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(3, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
    }

    [RequiresNonLoopbackAddressFact]
    public void Protected_mode_refuses_other_hosts_without_a_password_as_Redis_7_does()
    {
        var address = RequiresNonLoopbackAddressFactAttribute.Address!;
        using var server = TestServer.Start(c => c.Bind = ["127.0.0.1", address.ToString()]);
        var reply = CallFrom(address, server.Port);
        Assert.StartsWith("-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user.", reply);
        Assert.EndsWith("to start accepting connections from the outside.\r\n", reply);

        using (var local = server.Connect()) Assert.Equal("+OK\r\n", local.Call("CONFIG", "SET", "protected-mode", "no"));
        Assert.Equal("+PONG\r\n", CallFrom(address, server.Port, "PING\r\n"));
        using (var local = server.Connect())
        {
            Assert.Equal("+OK\r\n", local.Call("CONFIG", "SET", "protected-mode", "yes"));
            Assert.Equal("+OK\r\n", local.Call("CONFIG", "SET", "requirepass", "secret"));
        }
        Assert.Equal("-NOAUTH Authentication required.\r\n", CallFrom(address, server.Port, "PING\r\n"));
    }

    /// <summary>Connects to <paramref name="address"/> (so the server sees that address as the peer) and reads what comes back.</summary>
    private static string CallFrom(IPAddress address, int port, string? command = null)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10000 };
        socket.Connect(address, port);
        if (command is not null) socket.Send(System.Text.Encoding.ASCII.GetBytes(command));
        var received = new List<byte>();
        var chunk = new byte[4096];
        while (!(received.Count >= 2 && received[^2] == '\r' && received[^1] == '\n'))
        {
            var n = socket.Receive(chunk);
            if (n == 0) break;
            received.AddRange(chunk.AsSpan(0, n));
        }
        return System.Text.Encoding.ASCII.GetString(received.ToArray());
    }
}

/// <summary>A fact that needs a file (the stock /etc/redis/redis.conf from redis-server's package); skipped, naming it, where it is missing.</summary>
public sealed class RequiresFileFactAttribute : FactAttribute
{
    public RequiresFileFactAttribute(string path)
    {
        if (!File.Exists(path)) Skip = $"needs {path} (apt-get install redis-server)";
    }
}

/// <summary>A fact that needs an IPv4 address of this machine other than loopback, to connect from "another host".</summary>
public sealed class RequiresNonLoopbackAddressFactAttribute : FactAttribute
{
    public static readonly IPAddress? Address = NetworkInterface.GetAllNetworkInterfaces()
        .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(i => i.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    public RequiresNonLoopbackAddressFactAttribute()
    {
        if (Address is null) Skip = "needs a non-loopback IPv4 address on this machine";
    }
}
