using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EventLoopKv.Server;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// Bitmaps, bitfields and HyperLogLog beyond what the recorded goldens (Golden/bitshll.jsonl)
/// show: HLL values byte for byte against redis-server's (Data/hll-golden.json), the same random
/// command sequences sent to redis-server and to EventLoopKv, the vectorised kernels against
/// plain loops, copy-on-write under a snapshot, no allocation on the hot paths, and the AOF.
/// </summary>
public sealed class BitshllTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eventloopkv-bitshll-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    // ------------------------------------------------------------------ golden HLL bytes

    [Fact]
    public void HyperLogLogs_built_here_are_the_bytes_redis_server_built_and_count_the_same()
    {
        var path = Path.Combine(RepositoryRoot(), "Tests", "Data", "hll-golden.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.True(cases.Count >= 7, "the recorded HLL cases are missing");
        var compared = 0;
        foreach (var golden in cases)
        {
            var name = golden.GetProperty("name").GetString()!;
            using var server = TestServer.Start();
            using var c = new BinaryConnection(server.Port);
            foreach (var step in golden.GetProperty("steps").EnumerateArray())
            {
                if (step.TryGetProperty("add", out var addKey))
                {
                    var prefix = step.GetProperty("prefix").GetString()!;
                    var first = step.GetProperty("first").GetInt32();
                    var count = step.GetProperty("count").GetInt32();
                    var batch = step.GetProperty("batch").GetInt32();
                    for (var i = first; i < first + count; i += batch)
                    {
                        var args = new List<string> { "PFADD", addKey.GetString()! };
                        for (var j = i; j < Math.Min(i + batch, first + count); j++) args.Add(prefix + j);
                        Assert.Matches(@"^:[01]\r\n$", c.CallText(args.ToArray()));
                    }
                }
                else if (step.TryGetProperty("get", out var getKey))
                {
                    var expected = Convert.FromHexString(step.GetProperty("hex").GetString()!);
                    var actual = BulkBody(c.Call(Encoding.UTF8.GetBytes("GET"), Encoding.UTF8.GetBytes(getKey.GetString()!)));
                    Assert.True(expected.AsSpan().SequenceEqual(actual),
                        $"{name}: GET {getKey} differs at byte {FirstDifference(expected, actual)} ({actual.Length} bytes, redis-server's {expected.Length})");
                    compared++;
                }
                else if (step.TryGetProperty("pfcount", out var keys))
                {
                    var args = new[] { "PFCOUNT" }.Concat(keys.EnumerateArray().Select(k => k.GetString()!)).ToArray();
                    Assert.Equal($":{step.GetProperty("reply").GetInt64()}\r\n", c.CallText(args));
                }
                else
                {
                    var args = step.GetProperty("command").EnumerateArray().Select(a => a.GetString()!).ToArray();
                    Assert.Equal(step.GetProperty("reply").GetString(), c.CallText(args));
                }
            }
        }
        Assert.True(compared >= 20, $"only {compared} values were compared");
    }

    [Fact]
    public void The_just_over_the_limit_case_really_crosses_the_sparse_limit()
    {
        var path = Path.Combine(RepositoryRoot(), "Tests", "Data", "hll-golden.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var edge = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString()!.StartsWith("just under"));
        var lengths = edge.GetProperty("steps").EnumerateArray().Where(s => s.TryGetProperty("hex", out _))
            .Select(s => s.GetProperty("hex").GetString()!.Length / 2).Distinct().ToList();
        Assert.Equal([3000, HyperLogLog.DenseSize], lengths);
    }

    // ------------------------------------------------------------------ side by side with redis-server

    [RequiresToolFact("redis-server")]
    public void The_same_random_commands_get_the_same_replies_from_redis_server_byte_for_byte()
    {
        using var redis = new RedisServerProcess(_dir);
        using var server = TestServer.Start();
        using var theirs = new BinaryConnection(redis.Port);
        using var ours = new BinaryConnection(server.Port);
        var compared = 0;
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var random = new Random(seed);
            foreach (var command in RandomSession(random))
            {
                var expected = theirs.Call(command);
                var actual = ours.Call(command);
                if (!expected.AsSpan().SequenceEqual(actual))
                    Assert.Fail($"seed {seed}: {Describe(command)}\nredis-server: {Escape(expected)}\nEventLoopKv:  {Escape(actual)}");
                compared++;
                // A value redis-server built, copied over with SET, must work here as it does there.
                if (Encoding.ASCII.GetString(command[0]) == "PFADD" && random.Next(8) == 0)
                {
                    var value = BulkBody(theirs.Call("GET"u8.ToArray(), command[1]));
                    var copy = new[] { "SET"u8.ToArray(), "copied"u8.ToArray(), value };
                    Assert.Equal(theirs.Call(copy), ours.Call(copy));
                    foreach (var check in new[] { new[] { "PFCOUNT", "copied" }, ["PFADD", "copied", "extra", "more"], ["GET", "copied"], ["PFCOUNT", "copied", "nokey"] })
                    {
                        var args = check.Select(Encoding.UTF8.GetBytes).ToArray();
                        Assert.Equal(Escape(theirs.Call(args)), Escape(ours.Call(args)));
                    }
                }
            }
        }
        Assert.True(compared > 3000, $"only {compared} commands were compared");
    }

    /// <summary>HLL work across encodings and limits, bitmaps with every range form, and bitfields of every width.</summary>
    private static IEnumerable<byte[][]> RandomSession(Random random)
    {
        byte[][] C(params object[] args) => args.Select(a => a as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)!)).ToArray();
        byte[] Bytes(int n, bool runs)
        {
            var b = new byte[n];
            for (var i = 0; i < n; i++) b[i] = runs ? (byte)(random.Next(3) switch { 0 => 0, 1 => 255, _ => random.Next(256) }) : (byte)random.Next(256);
            return b;
        }
        for (var round = 0; round < 12; round++)
        {
            yield return C("FLUSHALL");
            yield return C("CONFIG", "SET", "hll-sparse-max-bytes", new[] { 3000, 3000, 100, 500, 0, 20000 }[random.Next(6)]);
            string[] keys = ["h0", "h1", "h2"];
            var steps = random.Next(10, 60);
            for (var step = 0; step < steps; step++)
            {
                var key = keys[random.Next(keys.Length)];
                var r = random.NextDouble();
                if (r < 0.6)
                {
                    var n = new[] { 1, 1, 2, 5, 50, 300 }[random.Next(6)];
                    var args = new List<object> { "PFADD", key };
                    for (var i = 0; i < n; i++) args.Add($"{(char)('a' + random.Next(8))}-{random.Next(5000)}");
                    yield return C(args.ToArray());
                }
                else if (r < 0.75) yield return C("PFCOUNT", key);
                else if (r < 0.85) yield return C(new object[] { "PFCOUNT" }.Concat(keys.Append("nokey").OrderBy(_ => random.Next()).Take(random.Next(2, 5))).ToArray());
                else if (r < 0.95) yield return C(new object[] { "PFMERGE", key }.Concat(keys.OrderBy(_ => random.Next()).Take(random.Next(0, 4))).ToArray());
                else yield return C("PFDEBUG", new[] { "ENCODING", "DECODE", "TODENSE" }[random.Next(3)], key);
                yield return C("GET", key);
            }
            yield return C("CONFIG", "SET", "hll-sparse-max-bytes", 3000);

            for (var step = 0; step < 20; step++)
            {
                var n = new[] { 0, 1, 3, 8, 17, 64, 100, 333 }[random.Next(8)];
                yield return C("SET", "k", Bytes(n, runs: true));
                for (var q = 0; q < 8; q++)
                {
                    var s = random.Next(-3 * n - 20, 3 * n + 21);
                    var e = random.Next(-3 * n - 20, 3 * n + 21);
                    var unit = new[] { "BIT", "BYTE", "bit" }[random.Next(3)];
                    yield return random.Next(3) == 0 ? C("BITCOUNT", "k", s, e) : C("BITCOUNT", "k", s, e, unit);
                    var bit = random.Next(2);
                    yield return random.Next(4) switch
                    {
                        0 => C("BITPOS", "k", bit),
                        1 => C("BITPOS", "k", bit, s),
                        2 => C("BITPOS", "k", bit, s, e),
                        _ => C("BITPOS", "k", bit, s, e, unit),
                    };
                }
                yield return C("BITCOUNT", "k");
                yield return C("SET", "j", Bytes(new[] { 0, 5, 40, 70, 200 }[random.Next(5)], runs: false));
                yield return C("BITOP", new[] { "AND", "OR", "XOR" }[random.Next(3)], "d", "k", "j", new[] { "k", "nokey", "j" }[random.Next(3)]);
                yield return C("GET", "d");
                yield return C("BITOP", "NOT", "d", new[] { "k", "j", "nokey" }[random.Next(3)]);
                yield return C("GET", "d");
                yield return C("SETBIT", "k", random.Next(0, 3000), random.Next(2));
                yield return C("GETBIT", "k", random.Next(0, 3000));
                yield return C("GET", "k");
            }

            yield return C("SET", "f", Bytes(random.Next(0, 21), runs: false));
            for (var step = 0; step < 30; step++)
            {
                var args = new List<object> { new[] { "BITFIELD", "BITFIELD", "BITFIELD_RO" }[random.Next(3)], "f" };
                var ops = random.Next(1, 5);
                for (var op = 0; op < ops; op++)
                {
                    var signed = random.Next(2) == 0;
                    var type = (signed ? "i" : "u") + random.Next(1, signed ? 65 : 64);
                    object offset = random.Next(2) == 0 ? random.Next(0, 201) : $"#{random.Next(0, 11)}";
                    var kind = random.NextDouble();
                    if (kind < 0.15) args.AddRange(["OVERFLOW", new[] { "WRAP", "SAT", "FAIL" }[random.Next(3)]]);
                    object value = random.Next(4) switch
                    {
                        0 => random.NextInt64(long.MinValue, long.MaxValue),
                        1 => long.MaxValue,
                        2 => long.MinValue,
                        _ => random.Next(-300, 301),
                    };
                    if (kind < 0.4) args.AddRange(["GET", type, offset]);
                    else if (kind < 0.7) args.AddRange(["SET", type, offset, value]);
                    else args.AddRange(["INCRBY", type, offset, value]);
                }
                yield return C(args.ToArray());
                yield return C("GET", "f");
            }
        }
    }

    // ------------------------------------------------------------------ kernels

    [Fact]
    public void Every_popcount_path_counts_like_a_plain_loop_at_every_length_and_alignment()
    {
        var random = new Random(7);
        var data = new byte[5000];
        random.NextBytes(data);
        foreach (var length in new[] { 0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 100, 991, 992, 993, 1024, 4096 })
            for (var offset = 0; offset < 9; offset++)
            {
                var span = data.AsSpan(offset, length);
                long expected = 0;
                foreach (var b in span) for (var bit = 0; bit < 8; bit++) expected += (b >> bit) & 1;
                Assert.Equal(expected, Bitmap.PopCount(span));
                Assert.Equal(expected, Bitmap.PopCountScalar(span));
                Assert.Equal(expected, Bitmap.PopCountSsse3(span));
                Assert.Equal(expected, Bitmap.PopCountAvx2(span));
            }
        // Byte counters of all-ones data come closest to overflowing (8 per byte, 31 vectors per flush).
        var ones = Enumerable.Repeat((byte)0xFF, 70_000).ToArray();
        Assert.Equal(560_000, Bitmap.PopCountAvx2(ones));
        Assert.Equal(560_000, Bitmap.PopCountSsse3(ones));
    }

    [Fact]
    public void BitPos_finds_the_first_bit_like_a_plain_loop()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 2000; trial++)
        {
            var data = new byte[random.Next(0, 80)];
            for (var i = 0; i < data.Length; i++) data[i] = (byte)(random.Next(4) switch { 0 => 0, 1 => 0xFF, _ => random.Next(256) });
            foreach (var bit in new[] { 0, 1 })
            {
                long expected = bit == 1 ? -1 : data.Length * 8L;
                for (var i = 0; i < data.Length * 8; i++)
                    if (((data[i >> 3] >> (7 - (i & 7))) & 1) == bit) { expected = i; break; }
                Assert.Equal(expected, Bitmap.BitPos(data, bit));
            }
        }
    }

    [Fact]
    public void BITOP_kernels_combine_like_a_plain_loop_with_zero_padding()
    {
        var random = new Random(13);
        foreach (var op in Enum.GetValues<Bitmap.Operation>())
            for (var trial = 0; trial < 300; trial++)
            {
                var accumulator = new byte[random.Next(0, 200)];
                var source = new byte[random.Next(0, 200)];
                random.NextBytes(accumulator);
                random.NextBytes(source);
                var expected = accumulator.Select((a, i) =>
                {
                    var s = i < source.Length ? source[i] : (byte)0;
                    return (byte)(op switch { Bitmap.Operation.And => a & s, Bitmap.Operation.Or => a | s, Bitmap.Operation.Xor => a ^ s, _ => ~a });
                }).ToArray();
                Bitmap.Combine(op, accumulator, source);
                Assert.Equal(expected, accumulator);
            }
    }

    [Fact]
    public void Dense_registers_read_back_what_was_written_without_touching_neighbours()
    {
        var random = new Random(17);
        var registers = new byte[HyperLogLog.DenseSize - HyperLogLog.HeaderSize];
        var expected = new byte[HyperLogLog.Registers];
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < HyperLogLog.Registers; i++)
            {
                expected[i] = (byte)random.Next(64);
                HyperLogLog.SetDenseRegister(registers, i, expected[i]);
            }
            var unpacked = new byte[HyperLogLog.Registers];
            HyperLogLog.UnpackDense(registers, unpacked);
            Assert.Equal(expected, unpacked);
            for (var i = 0; i < HyperLogLog.Registers; i++) Assert.Equal(expected[i], HyperLogLog.GetDenseRegister(registers, i));
        }
    }

    [Fact]
    public void A_sparse_and_a_dense_HLL_fed_the_same_elements_count_the_same()
    {
        var sparse = MutableString.FromBuffer("s"u8.ToArray(), HyperLogLog.CreateEmpty(), HyperLogLog.HeaderSize + 2);
        var dense = MutableString.FromBuffer("d"u8.ToArray(), HyperLogLog.CreateEmpty(), HyperLogLog.HeaderSize + 2);
        Assert.True(HyperLogLog.SparseToDense(dense));
        var element = new byte[8];
        for (var i = 1; i <= 20_000; i++)
        {
            BitConverter.TryWriteBytes(element, (long)i * 2654435761);
            HyperLogLog.Add(sparse, element, long.MaxValue);
            HyperLogLog.Add(dense, element, long.MaxValue);
            if (i is 1 or 10 or 100 or 1000 or 10_000 or 20_000)
            {
                Assert.Equal(HyperLogLog.SparseEncoding, sparse.Value[4]);
                Assert.Equal(HyperLogLog.Count(dense.Value, out _), HyperLogLog.Count(sparse.Value, out var invalid));
                Assert.False(invalid);
                var error = Math.Abs((double)HyperLogLog.Count(dense.Value, out _) - i) / i;
                Assert.True(error < 6 * 1.04 / Math.Sqrt(HyperLogLog.Registers) || i == 10, $"error {error} at {i}");
            }
        }
    }

    // ------------------------------------------------------------------ no allocation, copy-on-write

    [Fact]
    public void SETBIT_GETBIT_and_PFADD_on_a_dense_HLL_allocate_nothing_once_the_values_exist()
    {
        var session = new InProcessSession();
        session.Run("SETBIT", "bits", "100000", "1");
        session.Run("PFADD", "hll", "seed");
        session.Run("PFDEBUG", "TODENSE", "hll");
        var frames = new[]
        {
            InProcessSession.Frame("SETBIT", "bits", "12345", "1"),
            InProcessSession.Frame("SETBIT", "bits", "99999", "0"),
            InProcessSession.Frame("GETBIT", "bits", "12345"),
            InProcessSession.Frame("GETBIT", "bits", "9999999"),
            InProcessSession.Frame("PFADD", "hll", "user:1", "user:2", "user:3"),
            InProcessSession.Frame("PFADD", "hll", "a-much-longer-element-that-hashes-in-several-blocks"),
        };
        foreach (var frame in frames)
        {
            for (var i = 0; i < 2000; i++) session.Run(frame); // warm up (tiered JIT)
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++) session.Run(frame);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void SETBIT_during_a_snapshot_copies_the_bitmap_once_and_leaves_the_snapshot_as_it_was()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        c.Call("SETBIT", "bits", "7", "1");
        var snapshot = server.OnLoop(s => s.Databases[0].BeginSnapshot());
        var before = server.OnLoop(s => s.Databases[0].Find("bits"u8).Item);
        Assert.Equal(":0\r\n", c.Call("SETBIT", "bits", "6", "1"));
        var afterFirst = server.OnLoop(s => s.Databases[0].Find("bits"u8).Item);
        Assert.Equal(":0\r\n", c.Call("SETBIT", "bits", "5", "1"));
        var afterSecond = server.OnLoop(s => s.Databases[0].Find("bits"u8).Item);
        Assert.NotSame(before, afterFirst);
        Assert.Same(afterFirst, afterSecond);
        var frozen = snapshot.Entries().Single(e => e.Key.SequenceEqual("bits"u8)).Item;
        Assert.Equal([0x01], ((MutableString)frozen!).Value.ToArray());
        server.OnLoop(s => { s.Databases[0].EndSnapshot(); return 0; });
        Assert.Equal("$1\r\n\a\r\n", c.Call("GET", "bits"));
        // With no snapshot running the string is edited where it is.
        Assert.Equal(":0\r\n", c.Call("SETBIT", "bits", "0", "1"));
        Assert.Same(afterSecond, server.OnLoop(s => s.Databases[0].Find("bits"u8).Item));
    }

    [Fact]
    public void PFADD_and_PFCOUNT_during_a_snapshot_leave_the_snapshot_HLL_unchanged()
    {
        using var server = TestServer.Start();
        using var c = new BinaryConnection(server.Port);
        c.CallText("PFADD", "hll", "a", "b", "c");
        var original = BulkBody(c.Call("GET"u8.ToArray(), "hll"u8.ToArray()));
        var snapshot = server.OnLoop(s => s.Databases[0].BeginSnapshot());
        Assert.Equal(":1\r\n", c.CallText("PFADD", "hll", "d", "e"));
        Assert.Equal(":5\r\n", c.CallText("PFCOUNT", "hll"));
        var frozen = (MutableString)snapshot.Entries().Single(e => e.Key.SequenceEqual("hll"u8)).Item!;
        Assert.Equal(original, frozen.Value.ToArray());
        server.OnLoop(s => { s.Databases[0].EndSnapshot(); return 0; });
        Assert.Equal(":5\r\n", c.CallText("PFCOUNT", "hll"));
    }

    [Fact]
    public void A_copied_bitmap_is_independent_of_its_source()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        c.Call("SETBIT", "a", "1", "1");
        Assert.Equal(":1\r\n", c.Call("COPY", "a", "b"));
        c.Call("SETBIT", "b", "7", "1");
        c.Call("PFADD", "h", "x");
        c.Call("COPY", "h", "h2");
        c.Call("PFADD", "h2", "y", "z");
        Assert.Equal("$1\r\n@\r\n", c.Call("GET", "a"));
        Assert.Equal("$1\r\nA\r\n", c.Call("GET", "b"));
        Assert.Equal(":1\r\n", c.Call("PFCOUNT", "h"));
        Assert.Equal(":3\r\n", c.Call("PFCOUNT", "h2"));
    }

    // ------------------------------------------------------------------ types, propagation, AOF

    private sealed class OtherType(byte[] key) : RedisObject(key)
    {
        public override RedisType Type => RedisType.List;
        public override string Encoding => "quicklist";
        public override RedisObject CloneWithKey(byte[] key) => new OtherType(key);
        public override IEnumerable<byte[][]> RebuildCommands() => [];
    }

    [Fact]
    public void Every_command_refuses_a_key_of_another_type_with_WRONGTYPE()
    {
        using var server = TestServer.Start();
        server.OnLoop(s => { s.Databases[0].SetObject(new OtherType("l"u8.ToArray())); return 0; });
        using var c = server.Connect();
        c.Call("SET", "s", "foobar");
        c.Call("PFADD", "h", "a");
        const string wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
        string[][] commands =
        [
            ["SETBIT", "l", "0", "1"], ["GETBIT", "l", "0"], ["BITCOUNT", "l"], ["BITCOUNT", "l", "0", "1", "BIT"], ["BITPOS", "l", "1"],
            ["BITOP", "AND", "d", "s", "l"], ["BITOP", "NOT", "d", "l"], ["BITFIELD", "l", "GET", "u8", "0"], ["BITFIELD", "l"],
            ["BITFIELD", "l", "SET", "u8", "0", "1"], ["BITFIELD_RO", "l", "GET", "u8", "0"], ["PFADD", "l", "a"], ["PFCOUNT", "l"],
            ["PFCOUNT", "h", "l"], ["PFMERGE", "d", "h", "l"], ["PFMERGE", "l", "h"], ["PFDEBUG", "ENCODING", "l"],
        ];
        foreach (var command in commands) Assert.Equal(wrongType, c.Call(command));
        Assert.Equal(":0\r\n", c.Call("EXISTS", "d"));
        Assert.Equal("+list\r\n", c.Call("TYPE", "l"));
    }

    [Fact]
    public void PFCOUNT_SETBIT_and_BITFIELD_are_writes_only_when_they_change_the_value()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        c.Call("PFADD", "h", "a", "b");
        long Dirty() => server.OnLoop(s => s.Stats.Dirty);
        var start = Dirty();
        Assert.Equal(":2\r\n", c.Call("PFCOUNT", "h"));
        Assert.Equal(start + 1, Dirty());
        Assert.Equal(":2\r\n", c.Call("PFCOUNT", "h"));
        Assert.Equal(":2\r\n", c.Call("PFCOUNT", "h", "nokey"));
        Assert.Equal(":0\r\n", c.Call("PFADD", "h", "a"));
        Assert.Equal(":0\r\n", c.Call("BITOP", "OR", "dest", "nokey"));
        Assert.Equal(start + 1, Dirty());
        Assert.Equal(":0\r\n", c.Call("SETBIT", "b", "0", "0"));
        Assert.Equal(start + 2, Dirty());
        // As in redis-server 7.0.15: a SETBIT or BITFIELD SET that changes nothing is not a write.
        Assert.Equal(":0\r\n", c.Call("SETBIT", "b", "0", "0"));
        Assert.Equal("*1\r\n:0\r\n", c.Call("BITFIELD", "b", "SET", "u8", "0", "0"));
        Assert.Equal(start + 2, Dirty());
        Assert.Equal("*1\r\n:0\r\n", c.Call("BITFIELD", "b", "SET", "u8", "8", "0"));
        Assert.Equal(start + 3, Dirty());
        Assert.Equal(":0\r\n", c.Call("SETBIT", "b", "3", "1"));
        Assert.Equal(start + 4, Dirty());
    }

    [Fact]
    public void A_WATCHed_HLL_is_touched_when_PFCOUNT_refreshes_its_cache()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        using var other = server.Connect();
        c.Call("PFADD", "h", "a");
        c.Call("WATCH", "h");
        other.Call("PFCOUNT", "h");
        c.Call("MULTI");
        c.Call("PFCOUNT", "h");
        Assert.Equal("*-1\r\n", c.Call("EXEC"));
    }

    [Fact]
    public void Bitmaps_and_HLLs_survive_a_restart_and_a_rewrite_byte_for_byte()
    {
        TestServer Durable() => TestServer.Start(config =>
        {
            config.AppendOnly = true;
            config.AppendFsync = AppendFsync.Always;
            config.Dir = _dir;
        });
        string[] keys = ["bits", "field", "not", "sparse", "dense", "merged"];
        byte[][] values;
        using (var server = Durable())
        using (var c = new BinaryConnection(server.Port))
        {
            c.CallText("SETBIT", "bits", "100", "1");
            c.CallText("SETBIT", "bits", "3", "1");
            c.CallText("BITFIELD", "field", "SET", "i12", "#3", "-1000", "INCRBY", "u5", "2", "40", "OVERFLOW", "FAIL", "INCRBY", "u2", "90", "9");
            c.CallText("BITOP", "NOT", "not", "bits");
            c.CallText("PFADD", "sparse", "a", "b", "c");
            c.CallText("PFCOUNT", "sparse");
            for (var i = 0; i < 5000; i += 500)
                c.CallText(new[] { "PFADD", "dense" }.Concat(Enumerable.Range(i, 500).Select(n => $"e{n}")).ToArray());
            c.CallText("PFMERGE", "merged", "sparse", "dense");
            values = keys.Select(k => c.Call("GET"u8.ToArray(), Encoding.ASCII.GetBytes(k))).ToArray();
        }
        var log = File.ReadAllText(Path.Combine(_dir, "appendonlydir", "appendonly.aof.1.incr.aof"), Encoding.Latin1);
        Assert.Contains("*2\r\n$7\r\nPFCOUNT\r\n$6\r\nsparse\r\n", log);
        using (var server = Durable())
        using (var c = new BinaryConnection(server.Port))
        {
            for (var i = 0; i < keys.Length; i++) Assert.Equal(values[i], c.Call("GET"u8.ToArray(), Encoding.ASCII.GetBytes(keys[i])));
            Assert.Equal("+Background append only file rewriting started\r\n", c.CallText("BGREWRITEAOF"));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (c.CallText("INFO", "persistence").Contains("aof_rewrite_in_progress:1") && DateTime.UtcNow < deadline) Thread.Sleep(20);
            var manifest = Path.Combine(_dir, "appendonlydir", "appendonly.aof.manifest");
            while (!File.ReadAllText(manifest).Contains("appendonly.aof.2.base.aof") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        }
        using (var server = Durable())
        using (var c = new BinaryConnection(server.Port))
        {
            for (var i = 0; i < keys.Length; i++) Assert.Equal(values[i], c.Call("GET"u8.ToArray(), Encoding.ASCII.GetBytes(keys[i])));
            Assert.Equal(":3\r\n", c.CallText("PFCOUNT", "sparse"));
        }
    }

    [Fact]
    public void BITCOUNT_and_BITPOS_over_a_megabyte_agree_with_plain_loops()
    {
        using var server = TestServer.Start();
        using var c = new BinaryConnection(server.Port);
        var random = new Random(5);
        var data = new byte[1 << 20];
        random.NextBytes(data);
        data.AsSpan(1000, 300_000).Clear();
        c.Call("SET"u8.ToArray(), "big"u8.ToArray(), data);
        long total = 0;
        foreach (var b in data) total += System.Numerics.BitOperations.PopCount(b);
        Assert.Equal($":{total}\r\n", c.CallText("BITCOUNT", "big"));
        var start = 1000;
        var expectedPos = -1L;
        for (var i = start; i < data.Length; i++)
            if (data[i] != 0) { expectedPos = i * 8L + System.Numerics.BitOperations.LeadingZeroCount((uint)data[i]) - 24; break; }
        Assert.Equal($":{expectedPos}\r\n", c.CallText("BITPOS", "big", "1", "1000"));
        long partial = 0;
        for (var i = 12345 * 8 + 3; i <= 900_000 * 8 + 5; i++) partial += (data[i >> 3] >> (7 - (i & 7))) & 1;
        Assert.Equal($":{partial}\r\n", c.CallText("BITCOUNT", "big", (12345 * 8 + 3).ToString(), (900_000 * 8 + 5).ToString(), "BIT"));
    }

    // ------------------------------------------------------------------ helpers

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventLoopKv.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (EventLoopKv.sln) was not found");
    }

    private static byte[] BulkBody(byte[] reply)
    {
        var text = Encoding.Latin1.GetString(reply);
        Assert.StartsWith("$", text);
        var crlf = text.IndexOf("\r\n", StringComparison.Ordinal);
        var length = int.Parse(text[1..crlf]);
        return reply.AsSpan(crlf + 2, length).ToArray();
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }

    private static string Describe(byte[][] command) => string.Join(' ', command.Select(Escape)).Substring(0, Math.Min(400, command.Sum(a => a.Length * 4 + 1)));

    private static string Escape(byte[] bytes) =>
        string.Concat(bytes.Take(300).Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:x2}"));

    /// <summary>RESP over a socket with replies kept as bytes (HLL values are binary).</summary>
    private sealed class BinaryConnection : IDisposable
    {
        private readonly Socket _socket;
        private byte[] _buffer = new byte[1 << 16];
        private int _length;

        public BinaryConnection(int port)
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 30000 };
            _socket.Connect("127.0.0.1", port);
        }

        public string CallText(params string[] args) => Encoding.Latin1.GetString(Call(args.Select(Encoding.UTF8.GetBytes).ToArray()));

        public byte[] Call(params byte[][] args)
        {
            using var frame = new MemoryStream();
            frame.Write(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
            foreach (var a in args)
            {
                frame.Write(Encoding.ASCII.GetBytes($"${a.Length}\r\n"));
                frame.Write(a);
                frame.Write("\r\n"u8);
            }
            _socket.Send(frame.ToArray());
            while (true)
            {
                var end = Complete(0);
                if (end > 0)
                {
                    var reply = _buffer.AsSpan(0, end).ToArray();
                    _buffer.AsSpan(end, _length - end).CopyTo(_buffer);
                    _length -= end;
                    return reply;
                }
                if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var n = _socket.Receive(_buffer, _length, _buffer.Length - _length, SocketFlags.None);
                if (n == 0) throw new IOException("connection closed");
                _length += n;
            }
        }

        /// <summary>The end of the RESP value at <paramref name="start"/>, or 0 when it is incomplete.</summary>
        private int Complete(int start)
        {
            var line = _buffer.AsSpan(start, _length - start).IndexOf("\r\n"u8);
            if (line < 0) return 0;
            var header = Encoding.ASCII.GetString(_buffer, start + 1, line - 1);
            var next = start + line + 2;
            switch ((char)_buffer[start])
            {
                case '$' or '=' or '!':
                    var size = int.Parse(header);
                    if (size < 0) return next;
                    return _length >= next + size + 2 ? next + size + 2 : 0;
                case '*' or '~' or '>' or '%':
                    var count = int.Parse(header);
                    if (_buffer[start] == '%') count *= 2;
                    for (var i = 0; i < count && next > 0; i++) next = Complete(next);
                    return count < 0 ? start + line + 2 : next;
                default:
                    return next;
            }
        }

        public void Dispose() => _socket.Dispose();
    }

    /// <summary>Commands through the dispatcher without sockets, as Bench/SessionBenchmarks runs them.</summary>
    private sealed class InProcessSession
    {
        private readonly RedisServer _server = new(new ServerConfig { AppendOnly = false }, SystemClock.Instance, new Log("warning", ""));
        private readonly Client _client = new();

        public InProcessSession()
        {
            _client.Start(_server, 1, -1, "test", 0);
            _server.AddClient(_client);
        }

        public static byte[] Frame(params string[] args) =>
            Encoding.ASCII.GetBytes($"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${a.Length}\r\n{a}\r\n")));

        public void Run(params string[] args) => Run(Frame(args));

        public void Run(byte[] frame)
        {
            frame.CopyTo(_client.ReceiveSpace());
            _client.Received(frame.Length);
            while (_client.TryParseCommand()) _server.Execute(_client);
            if (_client.Reply.PendingSpan[0] == '-') throw new InvalidOperationException(Encoding.ASCII.GetString(_client.Reply.PendingSpan));
            _client.Reply.Consume(_client.Reply.Pending);
        }
    }

    /// <summary>A real redis-server 7 on a free port, stopped when disposed.</summary>
    private sealed class RedisServerProcess : IDisposable
    {
        private readonly Process _process;

        public RedisServerProcess(string dir)
        {
            Port = ServerProcess.FreePort();
            var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--dir", dir, "--bind", "127.0.0.1" })
                start.ArgumentList.Add(a);
            _process = Process.Start(start)!;
            _process.StandardOutput.ReadToEndAsync();
            _process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                try
                {
                    using var probe = new RawConnection(Port);
                    if (probe.Call("PING") == "+PONG\r\n") break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(50);
                }
            }
        }

        public int Port { get; }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
