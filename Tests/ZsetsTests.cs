using System.Diagnostics;
using System.Text;
using EventLoopKv.Protocol;
using EventLoopKv.Server;
using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// Sorted sets beyond what the golden replies can show: blocking pops (wake order, timeouts,
/// disconnects, MULTI), what is logged for persistence, random replies' invariants, encoding
/// conversions, copies, AOF rebuild commands, ZSCAN's guarantee, and the data structure itself
/// against a reference model. Limits are crossed with data, never with CONFIG SET: every test
/// server in this process shares <see cref="EncodingLimits"/>.
/// </summary>
public sealed class ZsetsTests
{
    private static string Bulk(string s) => $"${Encoding.UTF8.GetByteCount(s)}\r\n{s}\r\n";

    private static void WaitUntilBlocked(TestServer server, int count)
    {
        var watch = Stopwatch.StartNew();
        while (server.OnLoop(s => s.Blocking.Count) < count)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("the client did not block");
            Thread.Sleep(5);
        }
    }

    private static List<string> CaptureLog(TestServer server)
    {
        var log = new List<string>();
        server.OnLoop(s =>
        {
            s.Persistence = new PersistenceStatus
            {
                Feed = (db, args) =>
                {
                    var parts = new string[args.Count];
                    for (var i = 0; i < args.Count; i++) parts[i] = Encoding.UTF8.GetString(args[i]);
                    lock (log) log.Add(string.Join(' ', parts));
                },
            };
            return 0;
        });
        return log;
    }

    private static string[] Logged(TestServer server, List<string> log)
    {
        server.OnLoop(_ => 0); // everything sent so far has run
        lock (log) return [.. log];
    }

    private static string[] BigZadd(string key, int count, string prefix = "m")
    {
        var args = new List<string> { "ZADD", key };
        for (var i = 0; i < count; i++)
        {
            args.Add(i.ToString());
            args.Add($"{prefix}{i:D5}");
        }
        return [.. args];
    }

    // ------------------------------------------------------------------ blocking

    [Fact]
    public void BZPOPMIN_blocks_until_a_ZADD_creates_the_key_and_then_replies_with_key_member_and_score()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var writer = server.Connect();
        waiter.Send("BZPOPMIN", "z", "0");
        WaitUntilBlocked(server, 1);
        Assert.Equal(":2\r\n", writer.Call("ZADD", "z", "2", "b", "1.5", "a"));
        Assert.Equal("*3\r\n$1\r\nz\r\n$1\r\na\r\n$3\r\n1.5\r\n", waiter.ReadReply());
        Assert.Equal("*2\r\n$1\r\nb\r\n$1\r\n2\r\n", writer.Call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    }

    [Fact]
    public void Clients_blocked_on_the_same_key_are_served_in_the_order_they_blocked()
    {
        using var server = TestServer.Start();
        using var first = server.Connect();
        using var second = server.Connect();
        using var writer = server.Connect();
        first.Send("BZPOPMAX", "z", "0");
        WaitUntilBlocked(server, 1);
        second.Send("BZPOPMAX", "z", "0");
        WaitUntilBlocked(server, 2);
        writer.Call("ZADD", "z", "1", "only");
        Assert.Equal("*3\r\n$1\r\nz\r\n$4\r\nonly\r\n$1\r\n1\r\n", first.ReadReply());
        // The second client was woken, found nothing and keeps waiting, still next in line.
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        writer.Call("ZADD", "z", "7", "later");
        Assert.Equal("*3\r\n$1\r\nz\r\n$5\r\nlater\r\n$1\r\n7\r\n", second.ReadReply());
        Assert.Equal(":0\r\n", writer.Call("EXISTS", "z"));
    }

    [Fact]
    public void A_blocked_client_is_served_from_whichever_of_its_keys_gets_a_member()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var writer = server.Connect();
        waiter.Send("BZMPOP", "0", "3", "a", "b", "c", "MAX", "COUNT", "5");
        WaitUntilBlocked(server, 1);
        writer.Call("ZADD", "c", "1", "x", "2", "y");
        Assert.Equal("*2\r\n$1\r\nc\r\n*2\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n*2\r\n$1\r\nx\r\n$1\r\n1\r\n", waiter.ReadReply());
    }

    [Fact]
    public void BZPOPMIN_with_a_timeout_replies_a_null_array_after_the_timeout()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        var watch = Stopwatch.StartNew();
        Assert.Equal("*-1\r\n", waiter.Call("BZPOPMIN", "z", "0.2"));
        Assert.InRange(watch.ElapsedMilliseconds, 190, 5000);
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
        // The connection is usable again.
        Assert.Equal("+PONG\r\n", waiter.Call("PING"));
    }

    [Fact]
    public void BZMPOP_timing_out_in_RESP3_replies_null()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        waiter.Call("HELLO", "3");
        Assert.Equal("_\r\n", waiter.Call("BZMPOP", "0.1", "1", "z", "MIN"));
    }

    [Fact]
    public void A_client_that_disconnects_while_blocked_is_forgotten_and_takes_nothing()
    {
        using var server = TestServer.Start();
        using var writer = server.Connect();
        using (var waiter = server.Connect())
        {
            waiter.Send("BZPOPMIN", "z", "0");
            WaitUntilBlocked(server, 1);
        }
        var watch = Stopwatch.StartNew();
        while (server.OnLoop(s => s.Blocking.Count) > 0 && watch.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(5);
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
        Assert.Equal(":1\r\n", writer.Call("ZADD", "z", "1", "a"));
        Assert.Equal(":1\r\n", writer.Call("ZCARD", "z"));
    }

    [Fact]
    public void A_blocking_pop_inside_MULTI_does_not_block_and_answers_a_null_array()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("MULTI");
        Assert.Equal("+QUEUED\r\n", client.Call("BZPOPMIN", "z", "0"));
        Assert.Equal("+QUEUED\r\n", client.Call("BZMPOP", "0", "1", "z", "MAX"));
        Assert.Equal("+QUEUED\r\n", client.Call("ZADD", "z", "1", "a"));
        Assert.Equal("*3\r\n*-1\r\n*-1\r\n:1\r\n", client.Call("EXEC"));
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
    }

    [Fact]
    public void A_ZADD_inside_MULTI_serves_a_blocked_client_after_EXEC()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var writer = server.Connect();
        waiter.Send("BZPOPMIN", "z", "0");
        WaitUntilBlocked(server, 1);
        writer.Call("MULTI");
        writer.Call("ZADD", "z", "1", "a");
        writer.Call("ZADD", "z", "2", "b");
        Assert.Equal("*2\r\n:1\r\n:1\r\n", writer.Call("EXEC"));
        Assert.Equal("*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n", waiter.ReadReply());
        Assert.Equal(":1\r\n", writer.Call("ZCARD", "z"));
    }

    [Fact]
    public void A_blocked_client_whose_key_becomes_a_string_keeps_waiting_as_in_Redis_7_0()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var writer = server.Connect();
        waiter.Send("BZPOPMIN", "z", "0");
        WaitUntilBlocked(server, 1);
        writer.Call("SET", "z", "text");
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        writer.Call("DEL", "z");
        writer.Call("ZADD", "z", "3", "c");
        Assert.Equal("*3\r\n$1\r\nz\r\n$1\r\nc\r\n$1\r\n3\r\n", waiter.ReadReply());
    }

    [Fact]
    public void ZUNIONSTORE_creating_a_key_serves_a_blocked_client()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var writer = server.Connect();
        writer.Call("ZADD", "src", "4", "d");
        waiter.Send("BZPOPMAX", "dst", "0");
        WaitUntilBlocked(server, 1);
        Assert.Equal(":1\r\n", writer.Call("ZUNIONSTORE", "dst", "1", "src"));
        Assert.Equal("*3\r\n$3\r\ndst\r\n$1\r\nd\r\n$1\r\n4\r\n", waiter.ReadReply());
    }

    // ------------------------------------------------------------------ propagation

    [Fact]
    public void Writes_are_logged_as_their_deterministic_effects()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        var log = CaptureLog(server);
        client.Call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        client.Call("ZADD", "z", "NX", "9", "a"); // changes nothing: not logged
        client.Call("ZINCRBY", "z", "1", "a");
        client.Call("ZPOPMIN", "z");
        client.Call("ZMPOP", "2", "nokey", "z", "MAX", "COUNT", "5");
        client.Call("ZREM", "z", "nothing");
        client.Call("ZADD", "y", "1", "a", "2", "b");
        client.Call("BZPOPMAX", "y", "0");
        client.Call("BZMPOP", "0", "1", "y", "MIN", "COUNT", "3");
        client.Call("ZRANDMEMBER", "y");
        client.Call("ZUNIONSTORE", "u", "1", "nokey"); // nothing to delete: not logged
        Assert.Equal(
            [
                "ZADD z 1 a 2 b 3 c 4 d",
                "ZINCRBY z 1 a",
                "ZPOPMIN z",
                "ZPOPMAX z 3",
                "ZADD y 1 a 2 b",
                "ZPOPMAX y",
                "ZPOPMIN y 1",
            ],
            Logged(server, log));
    }

    [Fact]
    public void A_blocked_pop_served_later_is_logged_as_a_plain_pop()
    {
        using var server = TestServer.Start();
        using var waiter = server.Connect();
        using var writer = server.Connect();
        var log = CaptureLog(server);
        waiter.Send("BZMPOP", "0", "1", "z", "MAX", "COUNT", "10");
        WaitUntilBlocked(server, 1);
        writer.Call("ZADD", "z", "1", "a", "2", "b");
        waiter.ReadReply();
        Assert.Equal(["ZADD z 1 a 2 b", "ZPOPMAX z 2"], Logged(server, log));
    }

    // ------------------------------------------------------------------ random replies

    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public void ZRANDMEMBER_with_a_positive_count_returns_distinct_members_of_the_set(int size)
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call(BigZadd("z", size));
        foreach (var count in new[] { 1, 2, size / 4, size / 2, size - 1 })
        {
            for (var round = 0; round < 5; round++)
            {
                var members = ParseArray(client.Call("ZRANDMEMBER", "z", count.ToString(), "WITHSCORES"));
                Assert.Equal(count * 2, members.Count);
                var names = new HashSet<string>();
                for (var i = 0; i < members.Count; i += 2)
                {
                    Assert.True(names.Add(members[i]), $"{members[i]} repeated");
                    Assert.StartsWith("m", members[i]);
                    Assert.Equal(int.Parse(members[i][1..]).ToString(), members[i + 1]);
                }
            }
        }
    }

    [Fact]
    public void ZRANDMEMBER_with_a_negative_count_returns_that_many_members_possibly_repeated()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        var members = ParseArray(client.Call("ZRANDMEMBER", "z", "-200"));
        Assert.Equal(200, members.Count);
        Assert.All(members, m => Assert.Contains(m, new[] { "a", "b", "c" }));
        // 200 draws of 3 members: each appears (the chance one is missing is below 1e-34).
        Assert.Equal(3, members.Distinct().Count());
        var single = client.Call("ZRANDMEMBER", "z");
        Assert.Contains(single, new[] { Bulk("a"), Bulk("b"), Bulk("c") });
    }

    private static List<string> ParseArray(string reply)
    {
        var lines = reply.Split("\r\n");
        var items = new List<string>();
        for (var i = 1; i < lines.Length - 1; i++)
            if (lines[i].StartsWith('$')) items.Add(lines[++i]);
        return items;
    }

    // ------------------------------------------------------------------ encodings

    [Fact]
    public void The_encoding_turns_into_skiplist_when_a_long_member_arrives_by_ZINCRBY()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("ZADD", "z", "1", "a");
        Assert.Equal(Bulk("listpack"), client.Call("OBJECT", "ENCODING", "z"));
        client.Call("ZINCRBY", "z", "2", new string('x', 65));
        Assert.Equal(Bulk("skiplist"), client.Call("OBJECT", "ENCODING", "z"));
        Assert.Equal($"*4\r\n$1\r\na\r\n$1\r\n1\r\n{Bulk(new string('x', 65))}$1\r\n2\r\n", client.Call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    }

    [Fact]
    public void The_encoding_turns_into_skiplist_at_the_129th_member_and_stays_after_removals()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call(BigZadd("z", 128));
        Assert.Equal(Bulk("listpack"), client.Call("OBJECT", "ENCODING", "z"));
        client.Call("ZADD", "z", "1000", "one-more");
        Assert.Equal(Bulk("skiplist"), client.Call("OBJECT", "ENCODING", "z"));
        client.Call("ZREMRANGEBYRANK", "z", "0", "-3");
        Assert.Equal(Bulk("skiplist"), client.Call("OBJECT", "ENCODING", "z"));
        Assert.Equal(":2\r\n", client.Call("ZCARD", "z"));
    }

    [Fact]
    public void A_store_result_is_a_listpack_only_when_it_fits()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call(BigZadd("big", 200));
        client.Call("ZRANGESTORE", "small", "big", "0", "127");
        Assert.Equal(Bulk("listpack"), client.Call("OBJECT", "ENCODING", "small"));
        client.Call("ZRANGESTORE", "large", "big", "0", "128");
        Assert.Equal(Bulk("skiplist"), client.Call("OBJECT", "ENCODING", "large"));
        client.Call("ZINTERSTORE", "inter", "2", "big", "small");
        Assert.Equal(Bulk("listpack"), client.Call("OBJECT", "ENCODING", "inter"));
        client.Call("ZDIFFSTORE", "diff", "2", "big", "small");
        Assert.Equal(":72\r\n", client.Call("ZCARD", "diff"));
        Assert.Equal(Bulk("listpack"), client.Call("OBJECT", "ENCODING", "diff"));
    }

    // ------------------------------------------------------------------ copies and rebuilds

    [Fact]
    public void A_big_skip_list_that_shrinks_by_range_removals_keeps_order_ranks_and_its_copy()
    {
        var random = new Random(7);
        var original = new SortedSetValue("a"u8.ToArray());
        var model = new Dictionary<string, double>();
        for (var i = 0; i < 20000; i++)
        {
            var member = $"m{i}";
            var score = (double)random.Next(500);
            original.Add(Encoding.ASCII.GetBytes(member), score, ZAddFlags.None, out _);
            model[member] = score;
        }
        var copy = (SortedSetValue)original.CloneWithKey("b"u8.ToArray());
        var sorted = model.Select(p => (p.Key, p.Value)).ToList();
        sorted.Sort(Compare);
        // Down to 150 members in rank and score ranges: the blocks array is rebuilt smaller on the way.
        Assert.Equal(15000, original.RemoveRangeByRank(1000, 15999));
        sorted.RemoveRange(1000, 15000);
        var cut = sorted[900].Value;
        var range = new ScoreRange(double.NegativeInfinity, cut, false, true);
        Assert.Equal(sorted.Count(p => p.Value < cut), original.RemoveRangeByScore(range));
        sorted.RemoveAll(p => p.Value < cut);
        while (sorted.Count > 150)
        {
            var popped = new Collect { Items = [] };
            original.Pop(highest: true, ref popped);
            Assert.Equal(sorted[^1], popped.Items.Single());
            sorted.RemoveAt(sorted.Count - 1);
        }
        for (var i = 0; i < 3000; i++)
        {
            var member = $"n{i}";
            var score = (double)random.Next(500);
            original.Add(Encoding.ASCII.GetBytes(member), score, ZAddFlags.None, out _);
            sorted.Add((member, score));
        }
        foreach (var (member, _) in sorted.Where((_, i) => i % 7 == 0).ToList())
        {
            var score = (double)random.Next(500);
            original.Add(Encoding.ASCII.GetBytes(member), score, ZAddFlags.None, out _);
            sorted[sorted.FindIndex(p => p.Item1 == member)] = (member, score);
        }
        sorted.Sort(Compare);
        var all = new Collect { Items = [] };
        original.VisitAll(ref all);
        Assert.Equal(sorted, all.Items);
        for (var i = 0; i < sorted.Count; i += 97)
            Assert.Equal(i, original.RankOf(Encoding.ASCII.GetBytes(sorted[i].Item1), reverse: false));
        var backwards = new Collect { Items = [] };
        original.VisitByRank(0, original.Count - 1, reverse: true, ref backwards);
        sorted.Reverse();
        Assert.Equal(sorted, backwards.Items);

        var untouched = model.Select(p => (p.Key, p.Value)).ToList();
        untouched.Sort(Compare);
        var copied = new Collect { Items = [] };
        copy.VisitAll(ref copied);
        Assert.Equal(untouched, copied.Items);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(500)]
    public void CloneWithKey_gives_an_independent_copy(int size)
    {
        var original = new SortedSetValue("a"u8.ToArray());
        for (var i = 0; i < size; i++) original.Add(Encoding.ASCII.GetBytes($"m{i}"), i, ZAddFlags.None, out _);
        var copy = (SortedSetValue)original.CloneWithKey("b"u8.ToArray());
        Assert.Equal("b", Encoding.ASCII.GetString(copy.Key));
        Assert.Equal(original.Encoding, copy.Encoding);

        original.Add("m0"u8, 99999, ZAddFlags.None, out _);
        original.Remove("m1"u8);
        original.Add("new"u8, -5, ZAddFlags.None, out _);
        copy.Remove("m2"u8);

        Assert.True(copy.TryGetScore("m0"u8, out var score) && score == 0);
        Assert.True(copy.Contains("m1"u8));
        Assert.False(copy.Contains("new"u8));
        Assert.True(original.Contains("m2"u8));
        Assert.Equal(size - 1, copy.Count);
        Assert.Equal(size, original.Count);
        Assert.Equal(0, copy.RankOf("m0"u8, reverse: false));
        Assert.Equal(size - 1, original.RankOf("m0"u8, reverse: false));
    }

    [Fact]
    public void RebuildCommands_recreate_the_sets_exactly_in_batches_of_64_pairs()
    {
        using var source = TestServer.Start();
        using var client = source.Connect();
        client.Call("ZADD", "small", "-0", "zero", "inf", "top", "-inf", "bottom", "0.1", "tenth", "1e300", "huge", "17", "int");
        client.Call("ZADD", "negzero", "-0", new string('n', 70));
        client.Call(BigZadd("big", 150));
        client.Call("ZADD", "big", "0.30000000000000004", "odd", "-1e-310", "tiny");
        var keys = new[] { "small", "negzero", "big" };
        var commands = source.OnLoop(s => keys
            .Select(k => ((SortedSetValue)s.Databases[0].Find(Encoding.ASCII.GetBytes(k)).Item!).RebuildCommands().ToList())
            .ToList());
        Assert.All(commands.SelectMany(c => c), c => Assert.InRange(c.Length, 4, 2 + 2 * 64));
        Assert.Equal(3, commands[2].Count); // 152 members: 64 + 64 + 24

        using var target = TestServer.Start();
        using var replay = target.Connect();
        foreach (var command in commands.SelectMany(c => c))
            Assert.StartsWith(":", replay.Call(command.Select(a => Encoding.UTF8.GetString(a)).ToArray()));
        foreach (var key in keys)
        {
            Assert.Equal(client.Call("ZRANGE", key, "0", "-1", "WITHSCORES"), replay.Call("ZRANGE", key, "0", "-1", "WITHSCORES"));
            Assert.Equal(client.Call("OBJECT", "ENCODING", key), replay.Call("OBJECT", "ENCODING", key));
        }
        Assert.Equal(Bulk("-0"), replay.Call("ZSCORE", "negzero", new string('n', 70)));
    }

    [Theory]
    [InlineData("ZADD z 50 m00001 60 newcomer", 10)]
    [InlineData("ZADD z 50 m00001 60 newcomer", 300)]
    [InlineData("ZINCRBY z 5 m00002", 10)]
    [InlineData("ZINCRBY z 5 m00002", 300)]
    [InlineData("ZREM z m00003", 300)]
    [InlineData("ZPOPMIN z 2", 10)]
    [InlineData("ZPOPMAX z", 300)]
    [InlineData("ZMPOP 1 z MIN COUNT 3", 300)]
    [InlineData("BZPOPMIN z 0", 10)]
    [InlineData("BZMPOP 0 1 z MAX", 300)]
    [InlineData("ZREMRANGEBYRANK z 0 1", 300)]
    [InlineData("ZREMRANGEBYSCORE z 2 5", 10)]
    [InlineData("ZREMRANGEBYLEX z - [m00004", 10)]
    public void Writes_during_a_snapshot_change_a_copy_and_leave_the_snapshot_s_set_intact(string command, int size)
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call(BigZadd("z", size));
        var frozen = server.OnLoop(s =>
        {
            s.Databases[0].BeginSnapshot();
            return (SortedSetValue)s.Databases[0].Find("z"u8).Item!;
        });
        var before = Snapshot(frozen);
        client.Call(command.Split(' '));
        var after = server.OnLoop(s =>
        {
            var current = s.Databases[0].Find("z"u8).Item;
            s.Databases[0].EndSnapshot();
            return current;
        });
        Assert.NotSame(frozen, after);
        Assert.Equal(before, Snapshot(frozen));
    }

    private static List<(string, double)> Snapshot(SortedSetValue set)
    {
        var all = new Collect { Items = [] };
        set.VisitAll(ref all);
        return all.Items;
    }

    // ------------------------------------------------------------------ ZSCAN

    [Fact]
    public void ZSCAN_returns_every_member_present_throughout_even_while_the_set_grows_and_shrinks()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call(BigZadd("z", 1000, "stay"));
        var seen = new HashSet<string>();
        var cursor = "0";
        var round = 0;
        do
        {
            var reply = client.Call("ZSCAN", "z", cursor, "COUNT", "20");
            var items = ParseArray(reply);
            cursor = items[0];
            for (var i = 1; i < items.Count; i += 2) seen.Add(items[i]);
            // Concurrent writes between calls: thousands of members come and go, so the member
            // table grows (rehashes) and later shrinks under the cursor.
            if (round < 10) client.Call(BigZadd("z", 400, $"tmp{round}_"));
            else if (round < 20)
            {
                var removal = new List<string> { "ZREM", "z" };
                for (var i = 0; i < 400; i++) removal.Add($"tmp{round - 10}_{i:D5}");
                client.Call([.. removal]);
            }
            round++;
        } while (cursor != "0");
        for (var i = 0; i < 1000; i++) Assert.Contains($"stay{i:D5}", seen);
    }

    [Fact]
    public void ZSCAN_of_a_skip_list_in_steps_returns_every_member_with_its_score()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call(BigZadd("z", 300));
        var found = new Dictionary<string, string>();
        var cursor = "0";
        var calls = 0;
        do
        {
            var items = ParseArray(client.Call("ZSCAN", "z", cursor, "MATCH", "m001*"));
            cursor = items[0];
            for (var i = 1; i < items.Count; i += 2) found[items[i]] = items[i + 1];
            calls++;
        } while (cursor != "0");
        Assert.True(calls > 1, "a skip list is scanned in several steps");
        Assert.Equal(Enumerable.Range(100, 100).Select(i => $"m{i:D5}").Where(m => m.StartsWith("m001")).Order(), found.Keys.Order());
        Assert.All(found, pair => Assert.Equal(int.Parse(pair.Key[1..]).ToString(), pair.Value));
    }

    // ------------------------------------------------------------------ the data structure

    private struct Collect : IZsetVisitor
    {
        public List<(string, double)> Items;

        public void Visit(ReadOnlySpan<byte> member, double score) => Items.Add((Encoding.ASCII.GetString(member), score));
    }

    private static int Compare((string Member, double Score) a, (string Member, double Score) b) =>
        a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Member, b.Member);

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 3000)]
    [InlineData(3, 20000)]
    public void SortedSetValue_agrees_with_a_reference_model_under_random_operations(int seed, int universe)
    {
        var random = new Random(seed);
        var set = new SortedSetValue("k"u8.ToArray());
        var model = new Dictionary<string, double>();
        for (var step = 0; step < 30000; step++)
        {
            var member = $"m{random.Next(universe)}";
            var bytes = Encoding.ASCII.GetBytes(member);
            var score = random.Next(4) == 0 ? random.Next(-50, 50) : Math.Round(random.NextDouble() * 1000 - 500, 2);
            switch (random.Next(10))
            {
                case < 5:
                    set.Add(bytes, score, ZAddFlags.None, out _);
                    model[member] = score;
                    break;
                case 5:
                    set.Add(bytes, score, ZAddFlags.Incr, out var incremented);
                    model[member] = model.GetValueOrDefault(member) + score;
                    Assert.Equal(model[member], incremented);
                    break;
                case 6:
                    Assert.Equal(model.Remove(member), set.Remove(bytes));
                    break;
                case 7:
                    if (set.Count > 0)
                    {
                        var popped = new Collect { Items = [] };
                        var highest = random.Next(2) == 0;
                        set.Pop(highest, ref popped);
                        var expected = highest ? model.Select(p => (p.Key, p.Value)).Max(Comparer<(string, double)>.Create(Compare))
                            : model.Select(p => (p.Key, p.Value)).Min(Comparer<(string, double)>.Create(Compare));
                        Assert.Equal(expected, popped.Items.Single());
                        model.Remove(expected.Item1);
                    }
                    break;
                case 8:
                {
                    var sorted = model.Select(p => (p.Key, p.Value)).ToList();
                    sorted.Sort(Compare);
                    var rank = set.RankOf(bytes, reverse: false);
                    Assert.Equal(sorted.FindIndex(p => p.Key == member), (int)rank);
                    var range = new ScoreRange(score - 100, score + 100, random.Next(2) == 0, random.Next(2) == 0);
                    Assert.Equal(sorted.Count(p => range.Contains(p.Value)), set.CountInRange(range));
                    break;
                }
                default:
                    if (random.Next(50) == 0)
                    {
                        var range = new ScoreRange(score, score + random.Next(30), false, true);
                        var removed = set.RemoveRangeByScore(range);
                        Assert.Equal(model.Count(p => range.Contains(p.Value)), removed);
                        foreach (var key in model.Where(p => range.Contains(p.Value)).Select(p => p.Key).ToList()) model.Remove(key);
                    }
                    break;
            }
            Assert.Equal(model.Count, set.Count);
        }
        var all = new Collect { Items = [] };
        set.VisitAll(ref all);
        var reference = model.Select(p => (p.Key, p.Value)).ToList();
        reference.Sort(Compare);
        Assert.Equal(reference, all.Items);
        var backwards = new Collect { Items = [] };
        if (set.Count > 0) set.VisitByRank(0, set.Count - 1, reverse: true, ref backwards);
        reference.Reverse();
        Assert.Equal(reference, backwards.Items);
        Assert.Equal(universe > 128 ? "skiplist" : "listpack", set.Encoding);
    }

    private struct Discard : IZsetVisitor
    {
        public readonly void Visit(ReadOnlySpan<byte> member, double score) { }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public void Updating_scores_and_popping_allocate_nothing(int size)
    {
        var set = new SortedSetValue("k"u8.ToArray());
        var members = Enumerable.Range(0, size).Select(i => Encoding.ASCII.GetBytes($"member:{i}")).ToArray();
        foreach (var member in members) set.Add(member, 1, ZAddFlags.None, out _);
        var random = new Random(7);
        var scores = Enumerable.Range(0, 4096).Select(_ => random.Next(100000) / 10.0).ToArray();
        var visitor = new Discard();
        for (var warm = 0; warm < 2; warm++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20000; i++) set.Add(members[i % size], scores[i % scores.Length], ZAddFlags.None, out _);
            for (var i = 0; i < size / 2; i++) set.Pop(highest: (i & 1) == 0, ref visitor);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (warm == 1) Assert.Equal(0, allocated);
            foreach (var member in members) set.Add(member, 1, ZAddFlags.None, out _);
        }
    }

    [Fact]
    public void Popping_the_lowest_member_and_adding_new_ones_back_allocates_nothing_and_keeps_every_member_intact()
    {
        var set = new SortedSetValue("k"u8.ToArray(), listpack: false);
        for (var i = 0; i < 200; i++) set.Add(Encoding.ASCII.GetBytes($"member:{i}"), i, ZAddFlags.None, out _);
        // Members of several lengths, so dead arena records of every size are compacted away.
        var newcomers = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes(new string('n', 1 + i % 23) + i)).ToArray();
        var popped = new Discard();
        // Tiered compilation may allocate once on this thread when it swaps in optimised code
        // (about 4 KB, seen only with tiering on), so the steady state is the quietest round:
        // an allocation per pop or add would show in every round.
        var allocatedPerRound = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 5000; i++)
            {
                set.Pop(highest: false, ref popped);
                set.Add(newcomers[i % newcomers.Length], -1 - i % newcomers.Length, ZAddFlags.None, out _);
            }
            if (round > 0) allocatedPerRound.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, allocatedPerRound.Min());
        var all = Snapshot(set);
        Assert.Equal(200, all.Count);
        var expected = all.Where(p => p.Item2 < 0).Select(p => (Encoding.ASCII.GetString(newcomers[(int)(-1 - p.Item2)]), p.Item2));
        Assert.Equal(expected, all.Where(p => p.Item2 < 0));
        Assert.Equal(all.OrderBy(p => p, Comparer<(string, double)>.Create(Compare)), all);
        Assert.All(all, p => Assert.True(set.TryGetScore(Encoding.ASCII.GetBytes(p.Item1), out var score) && score == p.Item2));
        Assert.Equal("skiplist", set.Encoding);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-2.25")]
    [InlineData("19.99")]
    [InlineData("0.1")]
    [InlineData("-0.01")]
    [InlineData("3276.7")]
    [InlineData("3276.8")]
    [InlineData("-327.68")]
    [InlineData("-327.69")]
    [InlineData("19999999.9")]
    [InlineData("0.30000000000000004")]
    [InlineData("1.005")]
    [InlineData("20000000.5")]
    [InlineData("1e-320")]
    [InlineData("123456.78")]
    public void A_listpack_keeps_decimal_scores_exactly_and_replies_them_as_redis_formats_them(string score)
    {
        var value = double.Parse(score, System.Globalization.CultureInfo.InvariantCulture);
        var set = new SortedSetValue("k"u8.ToArray(), listpack: true);
        set.Add("m"u8, value, ZAddFlags.None, out _);
        set.Add("n"u8, 7, ZAddFlags.None, out _);
        Assert.True(set.TryGetScore("m"u8, out var stored));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(stored));
        Assert.Equal("listpack", set.Encoding);

        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("ZADD", "z", score, "m", "7", "n");
        var text = RedisNumbers.FormatDouble(value);
        var expected = value < 7 ? $"*4\r\n{Bulk("m")}{Bulk(text)}{Bulk("n")}{Bulk("7")}" : $"*4\r\n{Bulk("n")}{Bulk("7")}{Bulk("m")}{Bulk(text)}";
        Assert.Equal(expected, client.Call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
        Assert.Equal(Bulk(text), client.Call("ZSCORE", "z", "m"));
        Assert.Equal(Bulk("listpack"), client.Call("OBJECT", "ENCODING", "z"));
    }

    // ------------------------------------------------------------------ parsing

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-2.5", -2.5)]
    [InlineData("0x10", 16.0)]
    [InlineData("0x1p-2", 0.25)]
    [InlineData("-0X.8", -0.5)]
    [InlineData("1e5", 100000.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1e-310", 1e-310)]
    public void Scores_parse_as_strtod_reads_them(string text, double expected)
    {
        Assert.True(Strtod.TryParseStrict(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("nan")]
    [InlineData("1e400")]
    [InlineData("1e-400")]
    [InlineData("0x")]
    [InlineData("1_0")]
    [InlineData("infinit")]
    [InlineData("1e")]
    public void Malformed_or_out_of_range_scores_are_refused(string text)
    {
        Assert.False(Strtod.TryParseStrict(Encoding.ASCII.GetBytes(text), out _));
    }
}
