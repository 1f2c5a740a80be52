using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using EventLoopKv.Server;
using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// What the list goldens cannot show: blocking semantics (wake order, timeouts, disconnects,
/// MULTI, propagated effects), the packed storage against a model under random operations,
/// clones, AOF rebuild commands, allocation-free push/pop, and redis-benchmark's list tests.
/// </summary>
public sealed class ListsTests
{
    private static string Bulk(string value) => $"${Encoding.UTF8.GetByteCount(value)}\r\n{value}\r\n";

    private static string KeyAndElement(string key, string element) => "*2\r\n" + Bulk(key) + Bulk(element);

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"timed out waiting for {what}");
            Thread.Sleep(5);
        }
    }

    private static void WaitForBlocked(TestServer server, int count) =>
        WaitUntil(() => server.OnLoop(s => s.Blocking.Count) == count, $"{count} blocked clients");

    /// <summary>Records every propagated write (the AOF's input) as text.</summary>
    private static ConcurrentQueue<string> RecordPropagation(TestServer server)
    {
        var log = new ConcurrentQueue<string>();
        server.OnLoop(s =>
        {
            s.Persistence = new PersistenceStatus
            {
                Feed = (_, args) =>
                {
                    var parts = new string[args.Count];
                    for (var i = 0; i < args.Count; i++) parts[i] = Encoding.UTF8.GetString(args[i]);
                    log.Enqueue(string.Join(' ', parts));
                },
            };
            return 0;
        });
        return log;
    }

    // ------------------------------------------------------------------ blocking

    [Fact]
    public void Clients_blocked_on_one_key_are_served_first_come_first_served()
    {
        using var server = TestServer.Start();
        using var first = server.Connect();
        using var second = server.Connect();
        using var pusher = server.Connect();
        first.Send("BLPOP", "q", "0");
        WaitForBlocked(server, 1);
        second.Send("BLPOP", "q", "0");
        WaitForBlocked(server, 2);

        Assert.Equal(":1\r\n", pusher.Call("RPUSH", "q", "a"));
        Assert.Equal(KeyAndElement("q", "a"), first.ReadReply());
        WaitForBlocked(server, 1);
        Assert.Equal(":1\r\n", pusher.Call("RPUSH", "q", "b"));
        Assert.Equal(KeyAndElement("q", "b"), second.ReadReply());
        Assert.Equal(":0\r\n", pusher.Call("EXISTS", "q"));
    }

    [Fact]
    public void One_push_of_several_elements_serves_several_blocked_clients_in_order()
    {
        using var server = TestServer.Start();
        using var first = server.Connect();
        using var second = server.Connect();
        using var pusher = server.Connect();
        first.Send("BRPOP", "q", "0");
        WaitForBlocked(server, 1);
        second.Send("BLPOP", "q", "0");
        WaitForBlocked(server, 2);

        Assert.Equal(":3\r\n", pusher.Call("RPUSH", "q", "a", "b", "c"));
        Assert.Equal(KeyAndElement("q", "c"), first.ReadReply());
        Assert.Equal(KeyAndElement("q", "a"), second.ReadReply());
        Assert.Equal("*1\r\n" + Bulk("b"), pusher.Call("LRANGE", "q", "0", "-1"));
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
    }

    [Fact]
    public void A_woken_client_that_finds_the_list_gone_keeps_its_turn()
    {
        using var server = TestServer.Start();
        using var first = server.Connect();
        using var second = server.Connect();
        using var writer = server.Connect();
        first.Send("BLPOP", "q", "0");
        WaitForBlocked(server, 1);
        second.Send("BLPOP", "q", "0");
        WaitForBlocked(server, 2);

        // The key appears and is emptied again within one transaction: nobody can be served.
        writer.Call("MULTI");
        writer.Call("RPUSH", "q", "x");
        writer.Call("LPOP", "q");
        Assert.Equal("*2\r\n:1\r\n" + Bulk("x"), writer.Call("EXEC"));
        WaitForBlocked(server, 2);

        writer.Call("RPUSH", "q", "y");
        Assert.Equal(KeyAndElement("q", "y"), first.ReadReply());
        WaitForBlocked(server, 1);
    }

    [Fact]
    public void A_client_blocked_on_several_keys_is_served_by_whichever_gets_an_element()
    {
        using var server = TestServer.Start();
        using var blocked = server.Connect();
        using var pusher = server.Connect();
        blocked.Send("BLPOP", "a", "b", "c", "0");
        WaitForBlocked(server, 1);
        pusher.Call("LPUSH", "c", "z");
        Assert.Equal(KeyAndElement("c", "z"), blocked.ReadReply());
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
    }

    [Fact]
    public void A_blocking_pop_times_out_with_a_null_array_when_its_timeout_passes()
    {
        var clock = new ManualClock(1_700_000_000_000);
        using var server = TestServer.Start(clock);
        using var blocked = server.Connect();
        blocked.Send("BLPOP", "q", "5");
        WaitForBlocked(server, 1);
        clock.Advance(4_000);
        Thread.Sleep(250); // a few cron runs: not yet due
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        clock.Advance(1_001);
        Assert.Equal("*-1\r\n", blocked.ReadReply());
        Assert.Equal("+PONG\r\n", blocked.Call("PING"));
    }

    [Fact]
    public void Every_blocking_list_command_times_out_with_the_null_array_in_RESP2_and_null_in_RESP3()
    {
        var clock = new ManualClock(1_700_000_000_000);
        using var server = TestServer.Start(clock);
        string[][] commands =
        [
            ["BLPOP", "q", "1"], ["BRPOP", "q", "1"], ["BLMOVE", "q", "d", "LEFT", "RIGHT", "1"],
            ["BRPOPLPUSH", "q", "d", "1"], ["BLMPOP", "1", "1", "q", "LEFT"],
        ];
        foreach (var resp3 in new[] { false, true })
        {
            foreach (var command in commands)
            {
                using var blocked = server.Connect();
                if (resp3) blocked.Call("HELLO", "3");
                blocked.Send(command);
                WaitForBlocked(server, 1);
                clock.Advance(1_001);
                Assert.Equal(resp3 ? "_\r\n" : "*-1\r\n", blocked.ReadReply());
            }
        }
    }

    [Fact]
    public void Timeout_zero_waits_forever_until_an_element_is_pushed()
    {
        var clock = new ManualClock(1_700_000_000_000);
        using var server = TestServer.Start(clock);
        using var blocked = server.Connect();
        using var pusher = server.Connect();
        blocked.Send("BRPOP", "q", "0");
        WaitForBlocked(server, 1);
        clock.Advance(10L * 365 * 24 * 3600 * 1000);
        Thread.Sleep(250);
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        pusher.Call("RPUSH", "q", "late");
        Assert.Equal(KeyAndElement("q", "late"), blocked.ReadReply());
    }

    [Fact]
    public void A_client_that_disconnects_while_blocked_is_forgotten_and_takes_nothing()
    {
        using var server = TestServer.Start();
        using var pusher = server.Connect();
        using (var blocked = server.Connect())
        {
            blocked.Send("BLPOP", "q", "0");
            WaitForBlocked(server, 1);
        }
        WaitForBlocked(server, 0);
        Assert.Equal(":1\r\n", pusher.Call("RPUSH", "q", "kept"));
        Assert.Equal(":1\r\n", pusher.Call("LLEN", "q"));
    }

    [Fact]
    public void MULTI_with_BLPOP_on_a_missing_key_answers_a_null_array_at_once_without_blocking()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        Assert.Equal("+OK\r\n", client.Call("MULTI"));
        Assert.Equal("+QUEUED\r\n", client.Call("BLPOP", "q", "0"));
        Assert.Equal("+QUEUED\r\n", client.Call("BLMOVE", "q", "d", "LEFT", "LEFT", "0"));
        Assert.Equal("+QUEUED\r\n", client.Call("BLMPOP", "0", "1", "q", "LEFT"));
        Assert.Equal("*3\r\n*-1\r\n$-1\r\n*-1\r\n", client.Call("EXEC"));
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
        Assert.Equal("+PONG\r\n", client.Call("PING"));
    }

    [Fact]
    public void Input_sent_while_blocked_runs_after_the_client_is_served()
    {
        using var server = TestServer.Start();
        using var blocked = server.Connect();
        using var pusher = server.Connect();
        blocked.SendRaw(Encoding.UTF8.GetBytes("*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n"));
        WaitForBlocked(server, 1);
        pusher.Call("RPUSH", "q", "a");
        Assert.Equal(KeyAndElement("q", "a"), blocked.ReadReply());
        Assert.Equal("+PONG\r\n", blocked.ReadReply());
    }

    [Fact]
    public void A_served_BLPOP_is_propagated_as_LPOP_and_BRPOP_as_RPOP()
    {
        using var server = TestServer.Start();
        var log = RecordPropagation(server);
        using var left = server.Connect();
        using var right = server.Connect();
        using var pusher = server.Connect();
        left.Send("BLPOP", "a", "0");
        right.Send("BRPOP", "b", "0");
        WaitForBlocked(server, 2);
        pusher.Call("RPUSH", "a", "1", "2");
        pusher.Call("RPUSH", "b", "3", "4");
        left.ReadReply();
        right.ReadReply();
        Assert.Equal(["RPUSH a 1 2", "LPOP a", "RPUSH b 3 4", "RPOP b"], log.ToArray());
    }

    [Fact]
    public void BLMOVE_woken_by_a_push_moves_the_element_and_is_propagated_as_LMOVE()
    {
        using var server = TestServer.Start();
        var log = RecordPropagation(server);
        using var mover = server.Connect();
        using var pusher = server.Connect();
        mover.Send("BLMOVE", "src", "dst", "right", "left", "0");
        WaitForBlocked(server, 1);
        pusher.Call("RPUSH", "src", "a", "b");
        Assert.Equal(Bulk("b"), mover.ReadReply());
        Assert.Equal("*1\r\n" + Bulk("a"), pusher.Call("LRANGE", "src", "0", "-1"));
        Assert.Equal("*1\r\n" + Bulk("b"), pusher.Call("LRANGE", "dst", "0", "-1"));
        Assert.Equal(["RPUSH src a b", "LMOVE src dst RIGHT LEFT"], log.ToArray());
    }

    [Fact]
    public void BRPOPLPUSH_served_at_once_is_propagated_as_RPOPLPUSH()
    {
        using var server = TestServer.Start();
        var log = RecordPropagation(server);
        using var client = server.Connect();
        client.Call("RPUSH", "src", "a");
        Assert.Equal(Bulk("a"), client.Call("BRPOPLPUSH", "src", "dst", "0"));
        Assert.Equal(["RPUSH src a", "RPOPLPUSH src dst"], log.ToArray());
    }

    [Fact]
    public void BLMPOP_woken_by_a_push_replies_key_and_elements_and_is_propagated_as_a_counted_pop()
    {
        using var server = TestServer.Start();
        var log = RecordPropagation(server);
        using var blocked = server.Connect();
        using var pusher = server.Connect();
        blocked.Send("BLMPOP", "0", "2", "x", "y", "RIGHT", "COUNT", "5");
        WaitForBlocked(server, 1);
        pusher.Call("RPUSH", "y", "1", "2", "3");
        Assert.Equal("*2\r\n" + Bulk("y") + "*3\r\n" + Bulk("3") + Bulk("2") + Bulk("1"), blocked.ReadReply());
        Assert.Equal(["RPUSH y 1 2 3", "RPOP y 3"], log.ToArray());
        Assert.Equal(":0\r\n", pusher.Call("EXISTS", "y"));
    }

    [Fact]
    public void A_BRPOPLPUSH_chain_hands_an_element_on_to_a_client_blocked_on_the_destination()
    {
        using var server = TestServer.Start();
        using var mover = server.Connect();
        using var popper = server.Connect();
        using var pusher = server.Connect();
        mover.Send("BRPOPLPUSH", "a", "b", "0");
        WaitForBlocked(server, 1);
        popper.Send("BLPOP", "b", "0");
        WaitForBlocked(server, 2);
        pusher.Call("LPUSH", "a", "token");
        Assert.Equal(Bulk("token"), mover.ReadReply());
        Assert.Equal(KeyAndElement("b", "token"), popper.ReadReply());
        Assert.Equal(":0\r\n", pusher.Call("EXISTS", "a", "b"));
    }

    [Fact]
    public void A_key_that_becomes_a_string_does_not_wake_a_blocked_client_with_an_error()
    {
        using var server = TestServer.Start();
        using var blocked = server.Connect();
        using var writer = server.Connect();
        blocked.Send("BLPOP", "q", "0");
        WaitForBlocked(server, 1);
        writer.Call("SET", "q", "text");
        Thread.Sleep(50);
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        writer.Call("DEL", "q");
        writer.Call("RPUSH", "q", "a");
        Assert.Equal(KeyAndElement("q", "a"), blocked.ReadReply());
    }

    [Fact]
    public void LMPOP_touches_a_watched_key_so_EXEC_fails()
    {
        using var server = TestServer.Start();
        using var watcher = server.Connect();
        using var other = server.Connect();
        watcher.Call("RPUSH", "q", "a", "b");
        watcher.Call("WATCH", "q");
        Assert.Equal("*2\r\n" + Bulk("q") + "*1\r\n" + Bulk("a"), other.Call("LMPOP", "1", "q", "LEFT"));
        watcher.Call("MULTI");
        watcher.Call("LLEN", "q");
        Assert.Equal("*-1\r\n", watcher.Call("EXEC"));
    }

    // ------------------------------------------------------------------ storage

    [Fact]
    public void Random_operations_on_a_list_match_a_simple_model_across_node_limits()
    {
        var saved = EncodingLimits.ListMaxListpackSize;
        try
        {
            foreach (var fill in new[] { 3, 1, -1, -2 })
            {
                EncodingLimits.ListMaxListpackSize = fill;
                RunModel(new Random(fill + 100), 4000);
            }
        }
        finally
        {
            EncodingLimits.ListMaxListpackSize = saved;
        }
    }

    private static readonly int[] ElementSizes = [0, 1, 5, 126, 127, 128, 300, 16383, 16384, 20000];

    private static byte[] RandomElement(Random random)
    {
        var size = random.Next(10) < 8 ? random.Next(0, 12) : ElementSizes[random.Next(ElementSizes.Length)];
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)('a' + random.Next(3)); // few letters: LREM/LINSERT find matches
        return bytes;
    }

    private static void RunModel(Random random, int steps)
    {
        var list = new ListValue("k"u8.ToArray());
        var model = new List<byte[]>();
        for (var step = 0; step < steps; step++)
        {
            var op = random.Next(11);
            var value = RandomElement(random);
            switch (op)
            {
                case 0: list.PushHead(value); model.Insert(0, value); break;
                case 1: list.PushTail(value); model.Add(value); break;
                case 2 when model.Count > 0:
                    Assert.Equal(model[0], list.PopHead().ToArray());
                    model.RemoveAt(0);
                    break;
                case 3 when model.Count > 0:
                    Assert.Equal(model[^1], list.PopTail().ToArray());
                    model.RemoveAt(model.Count - 1);
                    break;
                case 4 when model.Count > 0:
                {
                    var index = random.Next(model.Count);
                    list.Set(index, value);
                    model[index] = value;
                    break;
                }
                case 5 when model.Count > 0:
                {
                    var pivot = model[random.Next(model.Count)];
                    var after = random.Next(2) == 0;
                    Assert.True(list.Insert(pivot, value, after));
                    var at = model.FindIndex(e => e.AsSpan().SequenceEqual(pivot));
                    model.Insert(after ? at + 1 : at, value);
                    break;
                }
                case 6:
                {
                    var count = random.Next(-3, 4);
                    var target = model.Count > 0 && random.Next(2) == 0 ? model[random.Next(model.Count)] : value;
                    Assert.Equal(ModelRemove(model, target, count), list.Remove(target, count));
                    break;
                }
                case 7 when model.Count > 0:
                {
                    var head = random.Next(Math.Min(model.Count, 5) + 1);
                    list.RemoveHead(head);
                    model.RemoveRange(0, head);
                    var tail = random.Next(Math.Min(model.Count, 5) + 1);
                    list.RemoveTail(tail);
                    model.RemoveRange(model.Count - tail, tail);
                    break;
                }
                case 8 when model.Count > 0:
                {
                    var index = random.Next(model.Count);
                    Assert.Equal(model[index], list.Get(index).ToArray());
                    break;
                }
                case 9: CompareWalks(list, model, random); break;
                default:
                    if (model.Count < 200) goto case 1;
                    break;
            }
            Assert.Equal(model.Count, list.Count);
        }
        CompareWalks(list, model, random);
    }

    private static long ModelRemove(List<byte[]> model, byte[] value, int count)
    {
        var removed = 0;
        var limit = count == 0 ? int.MaxValue : Math.Abs(count);
        if (count >= 0)
        {
            for (var i = 0; i < model.Count && removed < limit;)
                if (model[i].AsSpan().SequenceEqual(value)) { model.RemoveAt(i); removed++; }
                else i++;
        }
        else
        {
            for (var i = model.Count - 1; i >= 0 && removed < limit; i--)
                if (model[i].AsSpan().SequenceEqual(value)) { model.RemoveAt(i); removed++; }
        }
        return removed;
    }

    private static void CompareWalks(ListValue list, List<byte[]> model, Random random)
    {
        var forward = new List<byte[]>();
        var cursor = list.CursorAt(0);
        while (cursor.MoveNext()) forward.Add(cursor.Current.ToArray());
        Assert.Equal(model, forward);
        var backward = new List<byte[]>();
        var reverse = list.CursorAt(list.Count - 1, reverse: true);
        while (reverse.MoveNext()) backward.Add(reverse.Current.ToArray());
        backward.Reverse();
        Assert.Equal(model, backward);
        if (model.Count == 0) return;
        var start = random.Next(model.Count);
        var from = list.CursorAt(start);
        for (var i = start; i < model.Count; i++)
        {
            Assert.True(from.MoveNext());
            Assert.Equal(model[i], from.Current.ToArray());
        }
        Assert.False(from.MoveNext());
    }

    [Fact]
    public void A_list_stays_quicklist_while_it_grows_past_the_node_size_and_splits_into_nodes()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("RPUSH", "l", "a");
        Assert.Equal(Bulk("quicklist"), client.Call("OBJECT", "ENCODING", "l"));
        for (var batch = 0; batch < 20; batch++)
            client.Call(["RPUSH", "l", .. Enumerable.Range(0, 100).Select(i => $"element-{batch:D2}-{i:D3}")]);
        Assert.Equal(Bulk("quicklist"), client.Call("OBJECT", "ENCODING", "l"));
        Assert.Equal(":2001\r\n", client.Call("LLEN", "l"));
        var nodes = server.OnLoop(s => ((ListValue)s.Databases[0].Items().Single()).NodeCount);
        Assert.True(nodes >= 4, $"2000 elements of 17 bytes should span several 8 KB nodes, got {nodes}");
        Assert.Equal(Bulk("element-10-000"), client.Call("LINDEX", "l", "1001"));
        client.Call("LTRIM", "l", "0", "0");
        Assert.Equal(Bulk("quicklist"), client.Call("OBJECT", "ENCODING", "l"));
        Assert.Equal(1, server.OnLoop(s => ((ListValue)s.Databases[0].Items().Single()).NodeCount));
    }

    [Fact]
    public void A_small_list_is_one_node_sized_to_its_elements()
    {
        var list = new ListValue("k"u8.ToArray());
        var bytes = 0L;
        for (var i = 0; i < 100; i++) bytes += ListValue.EntrySize(10);
        list.ReserveForPush(bytes, atHead: false);
        for (var i = 0; i < 100; i++) list.PushTail(Encoding.ASCII.GetBytes($"value-{i:D4}"));
        Assert.Equal(1, list.NodeCount);
        Assert.Equal(100, list.Count);
        Assert.Equal(12 * 100, bytes); // 10 bytes of value + 2 bytes of framing each, like a listpack
    }

    [Fact]
    public void A_clone_is_independent_of_its_original()
    {
        var original = new ListValue("a"u8.ToArray());
        for (var i = 0; i < 3000; i++) original.PushTail(Encoding.ASCII.GetBytes($"v{i}"));
        var clone = (ListValue)original.CloneWithKey("b"u8.ToArray());
        Assert.Equal("b"u8.ToArray(), clone.Key);
        original.PopHead();
        original.Set(10, "changed"u8);
        original.PushTail("new"u8);
        clone.PushHead("front"u8);
        clone.Set(1500, "mine"u8);
        Assert.Equal(3000, original.Count);
        Assert.Equal(3001, clone.Count);
        Assert.Equal("front"u8.ToArray(), clone.Get(0).ToArray());
        Assert.Equal("v0"u8.ToArray(), clone.Get(1).ToArray());
        Assert.Equal("v11"u8.ToArray(), clone.Get(12).ToArray());
        Assert.Equal("v2999"u8.ToArray(), clone.Get(3000).ToArray());
        Assert.Equal("v1"u8.ToArray(), original.Get(0).ToArray());
        Assert.Equal("changed"u8.ToArray(), original.Get(10).ToArray());
        Assert.Equal("v1500"u8.ToArray(), original.Get(1499).ToArray());
    }

    [Fact]
    public void Rebuild_commands_are_RPUSH_batches_of_64_that_recreate_the_list_in_a_fresh_server()
    {
        var list = new ListValue("rebuilt"u8.ToArray());
        var expected = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var value = i % 50 == 0 ? "" : i % 77 == 0 ? new string('x', 20000) : $"item {i}";
            list.PushTail(Encoding.UTF8.GetBytes(value));
            expected.Add(value);
        }
        var commands = list.RebuildCommands().ToList();
        Assert.Equal(4, commands.Count);
        Assert.All(commands, c =>
        {
            Assert.Equal("RPUSH", Encoding.ASCII.GetString(c[0]));
            Assert.Equal("rebuilt", Encoding.ASCII.GetString(c[1]));
            Assert.InRange(c.Length - 2, 1, 64);
        });

        using var server = TestServer.Start();
        using var client = server.Connect();
        foreach (var command in commands) client.Call(command.Select(a => Encoding.UTF8.GetString(a)).ToArray());
        Assert.Equal("*200\r\n" + string.Concat(expected.Select(Bulk)), client.Call("LRANGE", "rebuilt", "0", "-1"));
    }

    [Fact]
    public void Pushing_and_popping_at_either_end_allocates_nothing_in_steady_state()
    {
        var list = new ListValue("q"u8.ToArray());
        ReadOnlySpan<byte> value = "value-0123456789"u8;
        for (var i = 0; i < 2000; i++) list.PushTail(value);
        for (var i = 0; i < 20000; i++) { list.PushHead(value); list.PopTail(); list.PushTail(value); list.PopHead(); }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100000; i++)
        {
            list.PushHead(value);
            list.PopTail();
            list.PushTail(value);
            list.PopHead();
            list.PushTail(value);
            list.PopTail();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2000, list.Count);
    }

    // ------------------------------------------------------------------ redis-benchmark

    [RequiresToolFact("redis-benchmark")]
    public void Redis_benchmark_list_tests_run_without_errors()
    {
        using var server = TestServer.Start();
        var start = new ProcessStartInfo(ExternalTools.Find("redis-benchmark")!,
            $"-p {server.Port} -t lpush,rpush,lpop,rpop,lrange -n 2000 -c 10 --csv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "redis-benchmark did not finish");
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("ERR", output + errors);
        foreach (var test in new[] { "LPUSH", "RPUSH", "LPOP", "RPOP", "LRANGE_100", "LRANGE_300", "LRANGE_500", "LRANGE_600" })
            Assert.Contains($"\"{test}", output);
        using var client = server.Connect();
        Assert.Equal(Bulk("quicklist"), client.Call("OBJECT", "ENCODING", "mylist"));
    }
}
