using System.Text;
using EventLoopKv.Persistence;
using EventLoopKv.Server.Aof;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>The append-only file: restart, torn tails, corruption, disk failures, rewrites at a point in time.</summary>
public sealed class AofTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eventloopkv-aof-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private TestServer StartDurable(AppendFsync fsync = AppendFsync.Always) => TestServer.Start(config =>
    {
        config.AppendOnly = true;
        config.AppendFsync = fsync;
        config.Dir = _dir;
    });

    private string AofDir => Path.Combine(_dir, "appendonlydir");

    [Fact]
    public void Writes_survive_a_restart_with_their_expiry()
    {
        using (var server = StartDurable())
        using (var c = server.Connect())
        {
            c.Call("SET", "a", "1");
            c.Call("INCRBY", "counter", "41");
            c.Call("INCR", "counter");
            c.Call("SET", "temp", "x", "EX", "1000");
            c.Call("INCRBYFLOAT", "f", "1.1");
            c.Call("SELECT", "3");
            c.Call("SET", "in3", "yes");
            c.Call("APPEND", "in3", "!");
            c.Call("DEL", "nothing");
        }
        using (var server = StartDurable())
        using (var c = server.Connect())
        {
            Assert.Equal("$1\r\n1\r\n", c.Call("GET", "a"));
            Assert.Equal("$2\r\n42\r\n", c.Call("GET", "counter"));
            Assert.Equal("$3\r\n1.1\r\n", c.Call("GET", "f"));
            Assert.InRange(long.Parse(c.Call("TTL", "temp")[1..^2]), 990, 1000);
            c.Call("SELECT", "3");
            Assert.Equal("$4\r\nyes!\r\n", c.Call("GET", "in3"));
        }
        var manifest = File.ReadAllText(Path.Combine(AofDir, "appendonly.aof.manifest"));
        Assert.Equal("file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n", manifest);
    }

    [Fact]
    public void Relative_expiries_and_float_increments_are_logged_as_their_deterministic_effect()
    {
        using (var server = StartDurable())
        using (var c = server.Connect())
        {
            c.Call("SET", "k", "v", "EX", "100");
            c.Call("INCRBYFLOAT", "f", "2.5");
            c.Call("EXPIRE", "k", "200");
        }
        var log = File.ReadAllText(Path.Combine(AofDir, "appendonly.aof.1.incr.aof"));
        Assert.Matches(@"^\*2\r\n\$6\r\nSELECT\r\n\$1\r\n0\r\n\*5\r\n\$3\r\nSET\r\n\$1\r\nk\r\n\$1\r\nv\r\n\$4\r\nPXAT\r\n\$13\r\n\d{13}\r\n", log);
        Assert.Contains("*4\r\n$3\r\nSET\r\n$1\r\nf\r\n$3\r\n2.5\r\n$7\r\nKEEPTTL\r\n", log);
        Assert.Matches(@"\*3\r\n\$9\r\nPEXPIREAT\r\n\$1\r\nk\r\n\$13\r\n\d{13}\r\n$", log);
    }

    private void WriteAof(string incremental)
    {
        Directory.CreateDirectory(AofDir);
        File.WriteAllText(Path.Combine(AofDir, "appendonly.aof.1.base.aof"), "");
        File.WriteAllText(Path.Combine(AofDir, "appendonly.aof.1.incr.aof"), incremental);
        File.WriteAllText(Path.Combine(AofDir, "appendonly.aof.manifest"), "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    }

    [Fact]
    public void A_tail_torn_at_every_byte_of_the_last_command_loads_everything_before_it()
    {
        var head = Encoding.ASCII.GetString(RawConnection.Encode("SET", "a", "1")) + Encoding.ASCII.GetString(RawConnection.Encode("SET", "b", "2"));
        var last = Encoding.ASCII.GetString(RawConnection.Encode("SET", "c", "3"));
        for (var cut = 0; cut < last.Length; cut++)
        {
            WriteAof(head + last[..cut]);
            using (var server = StartDurable())
            using (var c = server.Connect())
            {
                Assert.Equal("*2\r\n$1\r\na\r\n$1\r\nb\r\n", SortedKeys(c));
            }
            Assert.Equal(head.Length, new FileInfo(Path.Combine(AofDir, "appendonly.aof.1.incr.aof")).Length);
        }
    }

    private static string SortedKeys(RawConnection c)
    {
        var reply = c.Call("KEYS", "*");
        var keys = reply.Split("\r\n").Where((_, i) => i >= 2 && i % 2 == 0).Where(k => k.Length > 0).Order().ToList();
        return $"*{keys.Count}\r\n" + string.Concat(keys.Select(k => $"${k.Length}\r\n{k}\r\n"));
    }

    [Fact]
    public void A_transaction_cut_short_by_a_crash_is_reverted()
    {
        WriteAof(Encoding.ASCII.GetString(RawConnection.Encode("SET", "a", "1")) +
                 Encoding.ASCII.GetString(RawConnection.Encode("MULTI")) +
                 Encoding.ASCII.GetString(RawConnection.Encode("SET", "b", "2")));
        using var server = StartDurable();
        using var c = server.Connect();
        Assert.Equal("*1\r\n$1\r\na\r\n", c.Call("KEYS", "*"));
    }

    [Fact]
    public void Corruption_in_the_middle_refuses_to_start_and_names_the_file_and_offset()
    {
        var first = Encoding.ASCII.GetString(RawConnection.Encode("SET", "a", "1"));
        WriteAof(first + "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n!garbage\r\n" + Encoding.ASCII.GetString(RawConnection.Encode("SET", "c", "3")));
        var error = Assert.Throws<AofLoadException>(() => StartDurable());
        Assert.Equal($"Bad file format reading the append only file appendonly.aof.1.incr.aof at offset {first.Length}: expected '$', got '!'", error.Message);
    }

    [Fact]
    public void An_unknown_command_in_the_file_refuses_to_start()
    {
        WriteAof(Encoding.ASCII.GetString(RawConnection.Encode("FROB", "a")));
        var error = Assert.Throws<AofLoadException>(() => StartDurable());
        Assert.Equal("Unknown command 'FROB' reading the append only file appendonly.aof.1.incr.aof", error.Message);
    }

    [Fact]
    public void While_the_disk_fails_writes_are_refused_readers_answered_and_no_write_is_acknowledged_early()
    {
        using var server = StartDurable();
        using var writer = server.Connect();
        using var reader = server.Connect();
        writer.Call("SET", "before", "1");
        var failing = true;
        server.OnLoop(s => s.Aof!.Writer.BeforeWrite = () => { if (Volatile.Read(ref failing)) throw new IOException("No space left on device"); });
        writer.Send("SET", "held", "1");
        Thread.Sleep(500);
        Assert.Equal("$1\r\n1\r\n", reader.Call("GET", "before"));
        Assert.Equal("-MISCONF Errors writing to the AOF file: No space left on device\r\n", reader.Call("SET", "x", "1"));
        Assert.Equal("-MISCONF Errors writing to the AOF file: No space left on device\r\n", reader.Call("PING"));
        Assert.Contains("aof_last_write_status:err", reader.Call("INFO", "persistence"));
        Volatile.Write(ref failing, false);
        // The retry (every second) writes the held batch; only then does its writer hear OK.
        Assert.Equal("+OK\r\n", writer.ReadReply());
        Assert.Equal("+OK\r\n", reader.Call("SET", "x", "1"));
        server.Dispose();
        using var restarted = StartDurable();
        using var c = restarted.Connect();
        Assert.Equal("*3\r\n$6\r\nbefore\r\n$4\r\nheld\r\n$1\r\nx\r\n", SortedKeys(c));
    }

    [Fact]
    public void Under_everysec_a_write_the_disk_refuses_is_not_acknowledged_until_the_retry_writes_it()
    {
        using var server = StartDurable(AppendFsync.EverySec);
        using var writer = server.Connect();
        using var other = server.Connect();
        Assert.Equal("+OK\r\n", writer.Call("SET", "before", "1"));
        var failing = true;
        server.OnLoop(s => s.Aof!.Writer.BeforeWrite = () => { if (Volatile.Read(ref failing)) throw new IOException("Input/output error"); });
        // The write into the kernel comes before the reply under every policy, so a failing
        // disk holds the OK (redis-server would acknowledge it and keep it in memory only).
        writer.Send("SET", "unlucky", "1");
        // Not at once: a reply produced in the same loop iteration as the failed batch waits
        // with it (it may have read the unacknowledged write).
        Thread.Sleep(300);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!other.Call("INFO", "persistence").Contains("aof_last_write_status:err") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal("-MISCONF Errors writing to the AOF file: Input/output error\r\n", other.Call("SET", "x", "1"));
        Assert.Equal("$1\r\n1\r\n", other.Call("GET", "before"));
        Assert.False(writer.ReplyArrivesWithin(300), "the SET was acknowledged although the disk refused it");
        Volatile.Write(ref failing, false);
        // Retried once a second by the writer thread, the failed batch first; then its OK goes.
        Assert.Equal("+OK\r\n", writer.ReadReply());
        deadline = DateTime.UtcNow.AddSeconds(5);
        string reply;
        while ((reply = other.Call("SET", "x", "1")) != "+OK\r\n" && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.Equal("+OK\r\n", reply);
        server.Dispose();
        using var restarted = StartDurable();
        using var r = restarted.Connect();
        Assert.Equal("*3\r\n$6\r\nbefore\r\n$7\r\nunlucky\r\n$1\r\nx\r\n", SortedKeys(r));
    }

    [Fact]
    public void A_rewrite_under_concurrent_increments_captures_the_keyspace_at_the_cut()
    {
        // appendfsync always: every acknowledged INCR is in the files when the test reads them.
        using var server = StartDurable(AppendFsync.Always);
        using (var setup = server.Connect())
        {
            for (var i = 0; i < 20_000; i++) setup.Send("SET", $"filler:{i}", new string('x', 32));
            for (var i = 0; i < 20_000; i++) setup.ReadReply();
        }
        var stop = false;
        var increments = new Thread(() =>
        {
            using var c = server.Connect();
            var n = 0;
            while (!Volatile.Read(ref stop)) c.Call("INCR", $"counter:{n++ % 10}");
        });
        increments.Start();
        Thread.Sleep(200);
        using var admin = server.Connect();
        Assert.Equal("+Background append only file rewriting started\r\n", admin.Call("BGREWRITEAOF"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (admin.Call("INFO", "persistence").Contains("aof_rewrite_in_progress:1") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Thread.Sleep(300);
        Volatile.Write(ref stop, true);
        increments.Join();
        var finalValues = Enumerable.Range(0, 10).Select(i => long.Parse(admin.Call("GET", $"counter:{i}").Split("\r\n")[1])).ToArray();
        WaitForManifest("file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");

        // The base holds each counter as it was at the cut; the new incremental file holds every
        // INCR after it. Together they must give exactly the values in memory.
        var atCut = new long[10];
        var incrsAfter = new long[10];
        AofReader.Read(Path.Combine(AofDir, "appendonly.aof.2.base.aof"), args =>
        {
            var key = Encoding.ASCII.GetString(args[1]);
            if (key.StartsWith("counter:")) atCut[int.Parse(key[8..])] = long.Parse(Encoding.ASCII.GetString(args[2]));
        });
        AofReader.Read(Path.Combine(AofDir, "appendonly.aof.2.incr.aof"), args =>
        {
            if (Encoding.ASCII.GetString(args[0]) == "INCR") incrsAfter[int.Parse(Encoding.ASCII.GetString(args[1])[8..])]++;
        });
        Assert.True(incrsAfter.Sum() > 0, "the writer should have kept writing during the rewrite");
        for (var i = 0; i < 10; i++) Assert.Equal(finalValues[i], atCut[i] + incrsAfter[i]);
        Assert.False(File.Exists(Path.Combine(AofDir, "appendonly.aof.1.incr.aof")));

        // And after the rewrite, the data on disk equals the data in memory.
        server.Dispose();
        using var restarted = StartDurable();
        using var r = restarted.Connect();
        Assert.Equal(":20010\r\n", r.Call("DBSIZE"));
        for (var i = 0; i < 10; i++) Assert.Equal($"${finalValues[i].ToString().Length}\r\n{finalValues[i]}\r\n", r.Call("GET", $"counter:{i}"));
    }

    private void WaitForManifest(string expected)
    {
        var path = Path.Combine(AofDir, "appendonly.aof.manifest");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((!File.Exists(path) || File.ReadAllText(path) != expected) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void CONFIG_SET_appendonly_yes_writes_the_dataset_as_a_base_at_once()
    {
        using var server = TestServer.Start(config => config.Dir = _dir);
        using var c = server.Connect();
        c.Call("SET", "existing", "1");
        Assert.Equal("+OK\r\n", c.Call("CONFIG", "SET", "appendonly", "yes"));
        c.Call("SET", "after", "2");
        WaitForManifest("file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
        Assert.Equal("+OK\r\n", c.Call("CONFIG", "SET", "appendonly", "no"));
        server.Dispose();
        using var restarted = StartDurable();
        using var r = restarted.Connect();
        Assert.Equal("*2\r\n$5\r\nafter\r\n$8\r\nexisting\r\n", SortedKeys(r));
    }

    [Fact]
    public void BGREWRITEAOF_with_appendonly_no_writes_a_base_and_a_manifest_naming_only_it_as_Redis_7_does()
    {
        using (var server = TestServer.Start(config => config.Dir = _dir))
        using (var c = server.Connect())
        {
            c.Call("SET", "a", "1");
            c.Call("RPUSH", "list", "x", "y");
            Assert.Equal("+Background append only file rewriting started\r\n", c.Call("BGREWRITEAOF"));
            WaitForManifest("file appendonly.aof.1.base.aof seq 1 type b\n");
            WaitForInfo(c, "aof_rewrites:1");
            var firstBase = File.ReadAllText(Path.Combine(AofDir, "appendonly.aof.1.base.aof"));
            Assert.StartsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n", firstBase);
            Assert.Contains("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n", firstBase);
            Assert.Contains("*4\r\n$5\r\nRPUSH\r\n$4\r\nlist\r\n$1\r\nx\r\n$1\r\ny\r\n", firstBase);
            c.Call("SET", "b", "2");
            Assert.Equal("+Background append only file rewriting started\r\n", c.Call("BGREWRITEAOF"));
            WaitForManifest("file appendonly.aof.2.base.aof seq 2 type b\n");
            WaitForInfo(c, "aof_rewrites:2");
            Assert.Contains("aof_enabled:0\r\n", c.Call("INFO", "persistence"));
            // The older base is removed; no incremental file exists while the AOF is off.
            Assert.Equal("appendonly.aof.2.base.aof appendonly.aof.manifest", string.Join(" ", Directory.GetFiles(AofDir).Select(Path.GetFileName).Order()));
        }
        using var restarted = StartDurable();
        using var r = restarted.Connect();
        Assert.Equal("*3\r\n$1\r\na\r\n$1\r\nb\r\n$4\r\nlist\r\n", SortedKeys(r));
        Assert.Equal("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", r.Call("LRANGE", "list", "0", "-1"));
    }

    private static void WaitForInfo(RawConnection c, string field)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!c.Call("INFO", "persistence").Contains(field + "\r\n") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Contains(field + "\r\n", c.Call("INFO", "persistence"));
    }

    [Fact]
    public void An_old_single_file_AOF_in_dir_is_migrated_into_the_AOF_directory_as_Redis_7_does()
    {
        File.WriteAllText(Path.Combine(_dir, "appendonly.aof"), "*3\r\n$3\r\nSET\r\n$3\r\nold\r\n$1\r\n1\r\n");
        using (var server = StartDurable())
        using (var c = server.Connect())
        {
            Assert.Equal("$1\r\n1\r\n", c.Call("GET", "old"));
            c.Call("SET", "new", "2");
        }
        // The same manifest redis-server 7.0.15 writes for the same directory.
        Assert.Equal("file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n", File.ReadAllText(Path.Combine(AofDir, "appendonly.aof.manifest")));
        Assert.False(File.Exists(Path.Combine(_dir, "appendonly.aof")));
        using var restarted = StartDurable();
        using var r = restarted.Connect();
        Assert.Equal("*2\r\n$3\r\nnew\r\n$3\r\nold\r\n", SortedKeys(r));
    }
}
