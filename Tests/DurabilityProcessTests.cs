using System.Collections.Concurrent;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// The real executable, killed and restarted: no acknowledged write is lost under any
/// appendfsync policy; files move both ways between EventLoopKv and redis-server 7; --check-aof.
/// CRASH_TRIALS (default 3) sets the number of SIGKILL trials; Bench/crash-test.sh runs 20.
/// </summary>
public sealed class DurabilityProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eventloopkv-crash-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// SIGKILL is the death of the process, not of the machine: the kernel keeps what was
    /// written, so under every policy an acknowledged write must survive it (as in
    /// redis-server, which writes before it replies); only a power loss may cost everysec and
    /// no their unsynced tail.
    /// </summary>
    [Theory]
    [InlineData("always")]
    [InlineData("everysec")]
    [InlineData("no")]
    public void No_acknowledged_write_is_lost_when_the_server_is_killed_at_a_random_moment(string appendfsync)
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TRIALS"), out var n) ? n : 3;
        var random = new Random();
        var acknowledged = new ConcurrentDictionary<string, string>();
        for (var trial = 0; trial < trials; trial++)
        {
            using (var server = new ServerProcess("--dir", _dir, "--appendonly", "yes", "--appendfsync", appendfsync))
            {
                var stop = 0;
                var writers = Enumerable.Range(0, 8).Select(w => new Thread(() =>
                {
                    try
                    {
                        using var c = server.Connect();
                        for (var i = 0; Volatile.Read(ref stop) == 0; i++)
                        {
                            var key = $"t{trial}:w{w}:{i}";
                            var value = $"{trial}-{w}-{i}";
                            c.Send("SET", key, value);
                            if (c.ReadReply() == "+OK\r\n") acknowledged[key] = value;
                            c.Send("INCR", $"counter:w{w}");
                            var reply = c.ReadReply();
                            if (reply.StartsWith(':')) acknowledged[$"counter:w{w}"] = reply[1..^2];
                        }
                    }
                    catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
                    {
                        // The server was killed under us: whatever was not acknowledged may be lost.
                    }
                })).ToList();
                writers.ForEach(t => t.Start());
                Thread.Sleep(random.Next(200, 900));
                server.Kill();
                Volatile.Write(ref stop, 1);
                writers.ForEach(t => t.Join());
            }
            using var restarted = new ServerProcess("--dir", _dir, "--appendonly", "yes", "--appendfsync", appendfsync);
            using var check = restarted.Connect();
            foreach (var (key, value) in acknowledged)
            {
                var reply = check.Call("GET", key);
                if (key.StartsWith("counter:"))
                    Assert.True(long.Parse(reply.Split("\r\n")[1]) >= long.Parse(value), $"trial {trial}: {key} went back below the acknowledged {value}");
                else
                    Assert.Equal($"${value.Length}\r\n{value}\r\n", reply);
            }
            restarted.Kill();
        }
        Assert.True(acknowledged.Count > 100, "the writers should have had many writes acknowledged");
    }

    [RequiresToolFact("redis-server")]
    public void A_directory_written_by_EventLoopKv_loads_in_redis_server_with_the_same_data()
    {
        using (var server = new ServerProcess("--dir", _dir, "--appendonly", "yes"))
        using (var c = server.Connect())
        {
            c.Call("SET", "plain", "value");
            c.Call("SET", "expiring", "soon", "EX", "5000");
            c.Call("INCRBY", "number", "12");
            c.Call("INCRBYFLOAT", "float", "0.25");
            c.Call("SELECT", "5");
            c.Call("SET", "in5", "five");
            c.Call("BGREWRITEAOF");
            Thread.Sleep(500);
            c.Call("APPEND", "in5", "!");
            c.Send("SHUTDOWN");
            Assert.True(c.IsClosedByServer());
            Assert.Equal(0, server.WaitForExit());
        }
        using var redis = RedisServerProcess.Start(_dir);
        using var r = new RawConnection(redis.Port);
        Assert.Equal("$5\r\nvalue\r\n", r.Call("GET", "plain"));
        Assert.Equal("$4\r\nsoon\r\n", r.Call("GET", "expiring"));
        Assert.InRange(long.Parse(r.Call("TTL", "expiring")[1..^2]), 4990, 5000);
        Assert.Equal("$2\r\n12\r\n", r.Call("GET", "number"));
        Assert.Equal("$4\r\n0.25\r\n", r.Call("GET", "float"));
        r.Call("SELECT", "5");
        Assert.Equal("$5\r\nfive!\r\n", r.Call("GET", "in5"));
    }

    [RequiresToolFact("redis-server")]
    public void A_directory_written_by_redis_server_loads_in_EventLoopKv_with_the_same_data()
    {
        using (var redis = RedisServerProcess.Start(_dir))
        using (var r = new RawConnection(redis.Port))
        {
            r.Call("SET", "plain", "value");
            r.Call("SET", "expiring", "soon", "EX", "5000");
            r.Call("INCR", "number");
            r.Call("BGREWRITEAOF");
            Thread.Sleep(500);
            r.Call("SELECT", "2");
            r.Call("SET", "after-rewrite", "yes");
            r.Call("INCRBYFLOAT", "f", "1.5");
            r.Send("SHUTDOWN", "NOSAVE");
            Assert.True(r.IsClosedByServer());
            redis.WaitForExit();
        }
        using var server = new ServerProcess("--dir", _dir, "--appendonly", "yes");
        using var c = server.Connect();
        Assert.Equal("$5\r\nvalue\r\n", c.Call("GET", "plain"));
        Assert.InRange(long.Parse(c.Call("TTL", "expiring")[1..^2]), 4990, 5000);
        Assert.Equal("$1\r\n1\r\n", c.Call("GET", "number"));
        c.Call("SELECT", "2");
        Assert.Equal("$3\r\nyes\r\n", c.Call("GET", "after-rewrite"));
        Assert.Equal("$3\r\n1.5\r\n", c.Call("GET", "f"));
    }

    [Fact]
    public void Check_aof_reports_a_torn_tail_and_fix_truncates_it()
    {
        var aofDir = Path.Combine(_dir, "appendonlydir");
        Directory.CreateDirectory(aofDir);
        File.WriteAllText(Path.Combine(aofDir, "appendonly.aof.1.base.aof"), "");
        File.WriteAllText(Path.Combine(aofDir, "appendonly.aof.1.incr.aof"), "*2\r\n$3\r\nDEL\r\n$1\r\na\r\n*3\r\n$3\r\nSET\r\n$1");
        File.WriteAllText(Path.Combine(aofDir, "appendonly.aof.manifest"), "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
        var (code, output, _) = ServerProcess.Run("--check-aof", aofDir);
        Assert.Equal(1, code);
        Assert.Contains("AOF analyzed: filename=appendonly.aof.1.incr.aof, size=35, ok_up_to=20, diff=15", output);
        Assert.Contains("Use the --fix option to try fixing it.", output);
        (code, output, _) = ServerProcess.Run("--check-aof", aofDir, "--fix");
        Assert.Equal(0, code);
        Assert.Contains("Successfully truncated AOF appendonly.aof.1.incr.aof to 20 bytes", output);
        (code, output, _) = ServerProcess.Run("--check-aof", aofDir);
        Assert.Equal(0, code);
        Assert.Contains("AOF appendonly.aof.1.incr.aof is valid", output);
    }
}

/// <summary>A real redis-server 7 with an append-only directory in AOF format (no RDB preamble).</summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private RedisServerProcess(System.Diagnostics.Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static RedisServerProcess Start(string dir)
    {
        var port = ServerProcess.FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--aof-use-rdb-preamble", "no", "--save", ""])
        { RedirectStandardOutput = true };
        var process = System.Diagnostics.Process.Start(start)!;
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("Ready to accept connections")) { }
        process.StandardOutput.ReadToEndAsync();
        return new RedisServerProcess(process, port);
    }

    public void WaitForExit() => _process.WaitForExit(20_000);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
