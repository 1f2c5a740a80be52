using System.Diagnostics;
using System.Text;
using EventLoopKv.Protocol;
using EventLoopKv.Server;
using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>
/// Streams beyond what the golden replies show: blocking reads, times from an injected clock,
/// the storage under random operations, copies, AOF rebuild commands and logged effects.
/// </summary>
public sealed class StreamsTests
{
    // ---------------------------------------------------------------- RESP helpers

    private static string Bulk(string text) => $"${Encoding.UTF8.GetByteCount(text)}\r\n{text}\r\n";

    private static string Arr(params string[] items) => $"*{items.Length}\r\n" + string.Concat(items);

    private static string Int(long value) => $":{value}\r\n";

    private static string Entry(string id, params string[] fieldsAndValues) => Arr(Bulk(id), Arr(fieldsAndValues.Select(Bulk).ToArray()));

    /// <summary>XREAD's RESP2 reply for one stream.</summary>
    private static string ReadReply(string key, params string[] entries) => Arr(Arr(Bulk(key), Arr(entries)));

    private static void WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("condition not reached");
            Thread.Sleep(2);
        }
    }

    private static void WaitForBlocked(TestServer server, int count) => WaitUntil(() => server.OnLoop(s => s.Blocking.Count) == count);

    // ---------------------------------------------------------------- blocking

    [Fact]
    public void An_XREAD_blocked_on_dollar_is_woken_by_XADD_with_only_the_new_entry()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        writer.Call("XADD", "s", "1-1", "old", "1");
        reader.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        WaitForBlocked(server, 1);
        Assert.Equal("$3\r\n2-1\r\n", writer.Call("XADD", "s", "2-1", "new", "2"));
        Assert.Equal(ReadReply("s", Entry("2-1", "new", "2")), reader.ReadReply());
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
    }

    [Fact]
    public void A_blocked_XREAD_on_a_missing_key_is_woken_when_XADD_creates_the_stream()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        reader.Send("XREAD", "BLOCK", "0", "STREAMS", "nokey", "s", "$", "$");
        WaitForBlocked(server, 1);
        writer.Call("XADD", "s", "5-0", "f", "v");
        Assert.Equal(ReadReply("s", Entry("5-0", "f", "v")), reader.ReadReply());
    }

    [Fact]
    public void Every_XREAD_blocked_on_a_stream_receives_the_new_entry()
    {
        using var server = TestServer.Start();
        using var first = server.Connect();
        using var second = server.Connect();
        using var writer = server.Connect();
        first.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "0");
        second.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "0");
        WaitForBlocked(server, 2);
        writer.Call("XADD", "s", "1-0", "f", "v");
        var expected = ReadReply("s", Entry("1-0", "f", "v"));
        Assert.Equal(expected, first.ReadReply());
        Assert.Equal(expected, second.ReadReply());
    }

    [Fact]
    public void Consumers_blocked_on_a_group_are_served_in_arrival_order_one_entry_each()
    {
        using var server = TestServer.Start();
        using var first = server.Connect();
        using var second = server.Connect();
        using var writer = server.Connect();
        writer.Call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        first.Send("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
        WaitForBlocked(server, 1);
        second.Send("XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "s", ">");
        WaitForBlocked(server, 2);

        writer.Call("XADD", "s", "1-0", "n", "1");
        Assert.Equal(ReadReply("s", Entry("1-0", "n", "1")), first.ReadReply());
        // Bob woke up too, found nothing new for the group, and waits again with his turn kept.
        WaitForBlocked(server, 1);
        writer.Call("XADD", "s", "2-0", "n", "2");
        Assert.Equal(ReadReply("s", Entry("2-0", "n", "2")), second.ReadReply());
        Assert.Equal(Arr(Int(2), Bulk("1-0"), Bulk("2-0"), Arr(Arr(Bulk("alice"), Bulk("1")), Arr(Bulk("bob"), Bulk("1")))),
            writer.Call("XPENDING", "s", "g"));
    }

    [Fact]
    public void A_blocked_XREAD_times_out_with_a_null_array_when_the_injected_clock_passes_the_deadline()
    {
        var clock = new ManualClock(1_000_000);
        using var server = TestServer.Start(clock);
        using var reader = server.Connect();
        reader.Send("XREAD", "BLOCK", "1500", "STREAMS", "s", "$");
        WaitForBlocked(server, 1);
        clock.Advance(1499);
        Thread.Sleep(250); // a couple of cron runs: not yet
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        clock.Advance(1);
        Assert.Equal("*-1\r\n", reader.ReadReply());
        Assert.Equal("+PONG\r\n", reader.Call("PING"));
    }

    [Fact]
    public void A_blocked_XREADGROUP_times_out_with_a_RESP3_null()
    {
        var clock = new ManualClock(1_000_000);
        using var server = TestServer.Start(clock);
        using var reader = server.Connect();
        reader.Call("HELLO", "3");
        reader.Call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        reader.Send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "s", ">");
        WaitForBlocked(server, 1);
        clock.Advance(10);
        Assert.Equal("_\r\n", reader.ReadReply());
    }

    [Fact]
    public void A_client_that_disconnects_while_blocked_is_forgotten()
    {
        using var server = TestServer.Start();
        using var writer = server.Connect();
        using (var reader = server.Connect())
        {
            reader.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
            WaitForBlocked(server, 1);
        }
        WaitForBlocked(server, 0);
        Assert.Equal("$3\r\n1-0\r\n", writer.Call("XADD", "s", "1-0", "f", "v"));
        Assert.Equal(Int(1), writer.Call("XLEN", "s"));
    }

    [Fact]
    public void XREAD_BLOCK_inside_MULTI_answers_a_null_array_instead_of_blocking()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("MULTI");
        Assert.Equal("+QUEUED\r\n", client.Call("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
        Assert.Equal("+QUEUED\r\n", client.Call("XADD", "s", "1-0", "f", "v"));
        Assert.Equal(Arr("*-1\r\n", Bulk("1-0")), client.Call("EXEC"));
        Assert.Equal(0, server.OnLoop(s => s.Blocking.Count));
    }

    [Fact]
    public void A_blocked_XREADGROUP_gets_NOGROUP_when_its_group_is_destroyed()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var admin = server.Connect();
        admin.Call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
        reader.Send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
        WaitForBlocked(server, 1);
        Assert.Equal(Int(1), admin.Call("XGROUP", "DESTROY", "s", "g"));
        Assert.Equal("-NOGROUP No such key 's' or consumer group 'g' in XREADGROUP with GROUP option\r\n", reader.ReadReply());
    }

    [Fact]
    public void A_blocked_XREAD_without_COUNT_is_served_at_most_1000_entries()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        reader.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "0");
        WaitForBlocked(server, 1);
        var batch = new StringBuilder("*1\r\n$5\r\nMULTI\r\n");
        for (var i = 1; i <= 1500; i++)
            batch.Append(Encoding.ASCII.GetString(RawConnection.Encode("XADD", "s", $"{i}-0", "f", "v")));
        batch.Append("*1\r\n$4\r\nEXEC\r\n");
        writer.SendRaw(batch.ToString());
        for (var i = 0; i < 1502; i++) writer.ReadReply();
        var reply = reader.ReadReply();
        Assert.StartsWith("*1\r\n*2\r\n$1\r\ns\r\n*1000\r\n" + Entry("1-0", "f", "v"), reply);
        Assert.EndsWith(Entry("1000-0", "f", "v"), reply);
    }

    [Fact]
    public void A_blocked_XREAD_with_COUNT_receives_at_most_that_many_entries()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        reader.Send("XREAD", "COUNT", "2", "BLOCK", "0", "STREAMS", "s", "$");
        WaitForBlocked(server, 1);
        writer.Call("MULTI");
        writer.Call("XADD", "s", "1-0", "a", "1");
        writer.Call("XADD", "s", "2-0", "b", "2");
        writer.Call("XADD", "s", "3-0", "c", "3");
        writer.Call("EXEC");
        Assert.Equal(ReadReply("s", Entry("1-0", "a", "1"), Entry("2-0", "b", "2")), reader.ReadReply());
    }

    [Fact]
    public void Writes_that_add_no_entry_do_not_wake_a_blocked_XREAD()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        writer.Call("XADD", "s", "1-0", "a", "1");
        writer.Call("XADD", "s", "2-0", "b", "2");
        reader.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        WaitForBlocked(server, 1);
        writer.Call("XDEL", "s", "1-0");
        writer.Call("XTRIM", "s", "MAXLEN", "0");
        writer.Call("XGROUP", "CREATE", "s", "g", "0");
        writer.Call("XSETID", "s", "5-0");
        Assert.Equal(1, server.OnLoop(s => s.Blocking.Count));
        writer.Call("XADD", "s", "6-0", "c", "3");
        Assert.Equal(ReadReply("s", Entry("6-0", "c", "3")), reader.ReadReply());
    }

    [Fact]
    public void Commands_pipelined_after_a_blocked_XREAD_run_after_it_is_served()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        reader.SendRaw(Encoding.ASCII.GetString(RawConnection.Encode("XREAD", "BLOCK", "0", "STREAMS", "s", "$")) +
                       Encoding.ASCII.GetString(RawConnection.Encode("XLEN", "s")));
        WaitForBlocked(server, 1);
        writer.Call("XADD", "s", "1-0", "f", "v");
        Assert.Equal(ReadReply("s", Entry("1-0", "f", "v")), reader.ReadReply());
        Assert.Equal(Int(1), reader.ReadReply());
    }

    [Fact]
    public void A_blocked_XREAD_in_RESP3_is_woken_with_a_map()
    {
        using var server = TestServer.Start();
        using var reader = server.Connect();
        using var writer = server.Connect();
        reader.Call("HELLO", "3");
        reader.Send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        WaitForBlocked(server, 1);
        writer.Call("XADD", "s", "1-0", "f", "v");
        Assert.Equal("%1\r\n" + Bulk("s") + Arr(Entry("1-0", "f", "v")), reader.ReadReply());
    }

    // ---------------------------------------------------------------- times from the injected clock

    [Fact]
    public void XADD_with_a_star_takes_its_ID_from_the_server_clock()
    {
        var clock = new ManualClock(1000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        Assert.Equal(Bulk("1000-0"), client.Call("XADD", "s", "*", "f", "v"));
        Assert.Equal(Bulk("1000-1"), client.Call("XADD", "s", "*", "f", "v"));
        clock.Advance(500);
        Assert.Equal(Bulk("1500-0"), client.Call("XADD", "s", "MAXLEN", "~", "10", "*", "f", "v"));
        clock.Now = 900; // the clock went back: IDs still grow
        Assert.Equal(Bulk("1500-1"), client.Call("XADD", "s", "*", "f", "v"));
        Assert.Equal(Bulk("1500-2"), client.Call("XADD", "s", "1500-*", "f", "v"));
    }

    [Fact]
    public void XPENDING_reports_idle_times_and_delivery_counts_from_the_injected_clock()
    {
        var clock = new ManualClock(10_000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        client.Call("XADD", "s", "1-0", "a", "1");
        client.Call("XADD", "s", "2-0", "b", "2");
        client.Call("XGROUP", "CREATE", "s", "g", "0");
        client.Call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        clock.Advance(300);
        client.Call("XREADGROUP", "GROUP", "g", "d", "STREAMS", "s", ">");
        clock.Advance(200);
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("c"), Int(500), Int(1)), Arr(Bulk("2-0"), Bulk("d"), Int(200), Int(1))),
            client.Call("XPENDING", "s", "g", "-", "+", "10"));
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("c"), Int(500), Int(1))), client.Call("XPENDING", "s", "g", "IDLE", "201", "-", "+", "10"));
        Assert.Equal(Arr(Arr(Bulk("2-0"), Bulk("d"), Int(200), Int(1))), client.Call("XPENDING", "s", "g", "-", "+", "10", "d"));
        // A history read is a new delivery: the count grows and the idle time restarts.
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0");
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("c"), Int(0), Int(2))), client.Call("XPENDING", "s", "g", "-", "(2-0", "10"));
    }

    [Fact]
    public void XCLAIM_claims_only_entries_idle_long_enough_and_sets_the_delivery_time()
    {
        var clock = new ManualClock(50_000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        client.Call("XADD", "s", "1-0", "a", "1");
        client.Call("XADD", "s", "2-0", "b", "2");
        client.Call("XGROUP", "CREATE", "s", "g", "0");
        client.Call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        clock.Advance(1000);
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        clock.Advance(100);
        Assert.Equal(Arr(Entry("1-0", "a", "1")), client.Call("XCLAIM", "s", "g", "d", "500", "1-0", "2-0"));
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("d"), Int(0), Int(2)), Arr(Bulk("2-0"), Bulk("c"), Int(100), Int(1))),
            client.Call("XPENDING", "s", "g", "-", "+", "10"));
        Assert.Equal(Arr(Bulk("2-0")), client.Call("XCLAIM", "s", "g", "d", "0", "2-0", "IDLE", "5000", "JUSTID"));
        Assert.Equal(Arr(Bulk("1-0")), client.Call("XCLAIM", "s", "g", "d", "0", "1-0", "TIME", "49000", "RETRYCOUNT", "9", "JUSTID"));
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("d"), Int(2100), Int(9)), Arr(Bulk("2-0"), Bulk("d"), Int(5000), Int(1))),
            client.Call("XPENDING", "s", "g", "-", "+", "10"));
        // A delivery time in the future is taken as now.
        client.Call("XCLAIM", "s", "g", "d", "0", "1-0", "TIME", "99999999", "JUSTID");
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("d"), Int(0), Int(9))), client.Call("XPENDING", "s", "g", "-", "1-0", "1"));
    }

    [Fact]
    public void XCLAIM_FORCE_counts_the_new_pending_entry_as_delivered_once_before_claiming()
    {
        var clock = new ManualClock(9_000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        for (var i = 1; i <= 3; i++) client.Call("XADD", "s", $"{i}-1", "a", "1");
        client.Call("XGROUP", "CREATE", "s", "g", "0");
        Assert.Equal(Arr(Bulk("1-1")), client.Call("XCLAIM", "s", "g", "b", "0", "1-1", "FORCE", "JUSTID"));
        Assert.Equal(Arr(Entry("2-1", "a", "1")), client.Call("XCLAIM", "s", "g", "b", "0", "2-1", "FORCE"));
        Assert.Equal(Arr(Bulk("3-1")), client.Call("XCLAIM", "s", "g", "b", "0", "3-1", "FORCE", "RETRYCOUNT", "5", "JUSTID"));
        clock.Advance(8);
        Assert.Equal(Arr(Arr(Bulk("1-1"), Bulk("b"), Int(8), Int(1)), Arr(Bulk("2-1"), Bulk("b"), Int(8), Int(2)), Arr(Bulk("3-1"), Bulk("b"), Int(8), Int(5))),
            client.Call("XPENDING", "s", "g", "-", "+", "10"));
    }

    [Fact]
    public void XAUTOCLAIM_claims_only_entries_idle_long_enough()
    {
        var clock = new ManualClock(50_000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        for (var i = 1; i <= 4; i++) client.Call("XADD", "s", $"{i}-0", "f", $"{i}");
        client.Call("XGROUP", "CREATE", "s", "g", "0");
        client.Call("XREADGROUP", "GROUP", "g", "c", "COUNT", "2", "STREAMS", "s", ">");
        clock.Advance(1000);
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        clock.Advance(10);
        Assert.Equal(Arr(Bulk("0-0"), Arr(Bulk("1-0"), Bulk("2-0")), Arr()), client.Call("XAUTOCLAIM", "s", "g", "d", "500", "0", "JUSTID"));
        Assert.Equal(Arr(Bulk("4-0"), Arr(Entry("3-0", "f", "3")), Arr()), client.Call("XAUTOCLAIM", "s", "g", "e", "0", "3", "COUNT", "1"));
        Assert.Equal(Arr(Arr(Bulk("1-0"), Bulk("d"), Int(0), Int(1)), Arr(Bulk("2-0"), Bulk("d"), Int(0), Int(1)),
                Arr(Bulk("3-0"), Bulk("e"), Int(0), Int(2)), Arr(Bulk("4-0"), Bulk("c"), Int(10), Int(1))),
            client.Call("XPENDING", "s", "g", "-", "+", "10"));
    }

    [Fact]
    public void XINFO_CONSUMERS_and_XINFO_STREAM_FULL_report_times_from_the_injected_clock()
    {
        var clock = new ManualClock(7_000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        client.Call("XADD", "s", "1-0", "a", "1");
        client.Call("XGROUP", "CREATE", "s", "g", "0");
        client.Call("XGROUP", "CREATECONSUMER", "s", "g", "idle");
        clock.Advance(40);
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        clock.Advance(60);
        Assert.Equal(Arr(
                Arr(Bulk("name"), Bulk("c"), Bulk("pending"), Int(1), Bulk("idle"), Int(60)),
                Arr(Bulk("name"), Bulk("idle"), Bulk("pending"), Int(0), Bulk("idle"), Int(100))),
            client.Call("XINFO", "CONSUMERS", "s", "g"));
        var full = client.Call("XINFO", "STREAM", "s", "FULL");
        Assert.Contains(Bulk("pending") + Arr(Arr(Bulk("1-0"), Bulk("c"), Int(7040), Int(1))), full);
        Assert.Contains(Arr(Bulk("name"), Bulk("c"), Bulk("seen-time"), Int(7040), Bulk("pel-count"), Int(1),
            Bulk("pending"), Arr(Arr(Bulk("1-0"), Int(7040), Int(1)))), full);
        Assert.Contains(Arr(Bulk("name"), Bulk("idle"), Bulk("seen-time"), Int(7000), Bulk("pel-count"), Int(0), Bulk("pending"), Arr()), full);
    }

    // ---------------------------------------------------------------- storage

    private readonly struct Pairs(byte[][] items) : IStreamFields
    {
        public int PairCount => items.Length / 2;
        public ReadOnlySpan<byte> Field(int index) => items[2 * index];
        public ReadOnlySpan<byte> Value(int index) => items[2 * index + 1];
    }

    private static Pairs Fields(params string[] items) => new(items.Select(Encoding.UTF8.GetBytes).ToArray());

    private static List<(StreamId Id, string Text)> Read(StreamValue stream, StreamId start, StreamId end, bool reverse)
    {
        var result = new List<(StreamId, string)>();
        var range = stream.Range(start, end, reverse);
        while (range.MoveNext()) result.Add((range.Current.Id, Describe(range.Current)));
        return result;
    }

    private static string Describe(StreamEntry entry)
    {
        var text = new StringBuilder();
        var fields = entry.Fields();
        while (fields.Next(out var field, out var value))
            text.Append(Encoding.UTF8.GetString(field)).Append('=').Append(Encoding.UTF8.GetString(value)).Append(';');
        return text.ToString();
    }

    [Fact]
    public void A_stream_under_random_appends_deletes_and_trims_agrees_with_a_sorted_model()
    {
        var random = new Random(20240601);
        for (var round = 0; round < 20; round++)
        {
            var stream = new StreamValue("s"u8.ToArray());
            var model = new SortedDictionary<StreamId, string>();
            var last = StreamId.Zero;
            for (var step = 0; step < 600; step++)
            {
                var op = random.Next(100);
                if (op < 60)
                {
                    var id = random.Next(4) == 0 ? new StreamId(last.Ms, last.Seq + 1 + (ulong)random.Next(3)) : new StreamId(last.Ms + (ulong)random.Next(1, 1_000_000), (ulong)random.Next(5));
                    var count = random.Next(1, 4);
                    var items = new List<string>();
                    for (var f = 0; f < count; f++)
                    {
                        items.Add(random.Next(3) == 0 ? $"field{random.Next(5)}" : $"f{f}");
                        items.Add(random.Next(3) == 0 ? random.Next(-100000, 100000).ToString() : new string('x', random.Next(0, 200)));
                    }
                    var pairs = Fields([.. items]);
                    Assert.Equal(StreamValue.AppendResult.Added, stream.Append(id, true, pairs, 0, out var added));
                    Assert.Equal(id, added);
                    var description = new StringBuilder();
                    for (var f = 0; f < items.Count; f += 2) description.Append(items[f]).Append('=').Append(items[f + 1]).Append(';');
                    model[id] = description.ToString();
                    last = id;
                }
                else if (op < 80 && model.Count > 0)
                {
                    var victim = model.Keys.ElementAt(random.Next(model.Count));
                    Assert.True(stream.Delete(victim));
                    model.Remove(victim);
                    Assert.False(stream.Delete(victim));
                }
                else if (op < 85)
                {
                    var keep = random.Next(0, model.Count + 2);
                    var approximate = random.Next(2) == 0;
                    var removed = stream.Trim(StreamValue.TrimStrategy.MaxLen, keep, default, approximate, approximate ? 10000 : 0);
                    Assert.Equal(removed, model.Count - stream.Length);
                    if (!approximate) Assert.Equal(Math.Min(keep, model.Count), stream.Length);
                    foreach (var gone in model.Keys.Take((int)removed).ToList()) model.Remove(gone);
                }
                else if (op < 88 && model.Count > 0)
                {
                    var minId = model.Keys.ElementAt(random.Next(model.Count));
                    var approximate = random.Next(2) == 0;
                    stream.Trim(StreamValue.TrimStrategy.MinId, 0, minId, approximate, 0);
                    var expectedGone = model.Keys.Where(k => k < minId).ToList();
                    if (approximate) expectedGone = model.Keys.Take(model.Count - (int)stream.Length).ToList();
                    foreach (var gone in expectedGone) model.Remove(gone);
                }
                else
                {
                    var ids = model.Keys.ToList();
                    var a = ids.Count == 0 ? StreamId.Zero : ids[random.Next(ids.Count)];
                    var b = ids.Count == 0 ? StreamId.Max : ids[random.Next(ids.Count)];
                    var (start, end) = a <= b ? (a, b) : (b, a);
                    if (random.Next(4) == 0) start = StreamId.Zero;
                    if (random.Next(4) == 0) end = StreamId.Max;
                    var expected = model.Where(p => p.Key >= start && p.Key <= end).Select(p => (p.Key, p.Value)).ToList();
                    Assert.Equal(expected, Read(stream, start, end, reverse: false));
                    expected.Reverse();
                    Assert.Equal(expected, Read(stream, start, end, reverse: true));
                }
                Assert.Equal(model.Count, stream.Length);
            }
            Assert.Equal(model.Select(p => (p.Key, p.Value)).ToList(), Read(stream, StreamId.Zero, StreamId.Max, false));
        }
    }

    [Fact]
    public void A_pending_entries_list_under_random_adds_and_removes_stays_ordered_and_seekable()
    {
        var random = new Random(7);
        var list = new StreamPendingList();
        var model = new SortedDictionary<StreamId, StreamPendingEntry>();
        var next = 0UL;
        for (var step = 0; step < 20000; step++)
        {
            var op = random.Next(10);
            if (op < 4)
            {
                // Mostly in order, as deliveries come; sometimes anywhere.
                var id = random.Next(5) == 0 ? new StreamId((ulong)random.Next(0, (int)next + 10), (ulong)random.Next(3)) : new StreamId(next++, 0);
                if (model.ContainsKey(id)) continue;
                var entry = new StreamPendingEntry(id);
                list.Add(entry);
                model[id] = entry;
            }
            else if (op < 7 && model.Count > 0)
            {
                var victim = model.Values.ElementAt(random.Next(model.Count));
                Assert.True(list.Remove(victim));
                Assert.False(list.Remove(victim));
                model.Remove(victim.Id);
            }
            else
            {
                var probe = new StreamId((ulong)random.Next(0, (int)next + 5), (ulong)random.Next(3));
                Assert.Same(model.GetValueOrDefault(probe), list.Find(probe));
                var end = new StreamId(probe.Ms + (ulong)random.Next(0, 50), 1);
                Assert.Equal(model.Values.Where(e => e.Id >= probe && e.Id <= end).Select(e => e.Id), list.Range(probe, end).Select(e => e.Id));
            }
            Assert.Equal(model.Count, list.Count);
        }
        Assert.Equal(model.Keys, list.Select(e => e.Id));
        Assert.Same(model.Values.FirstOrDefault(), list.Min);
        Assert.Same(model.Values.LastOrDefault(), list.Max);
        Assert.Empty(list.Range(new StreamId(5, 0), new StreamId(4, 0)));
    }

    [Fact]
    public void A_stream_starts_a_new_node_after_stream_node_max_entries_entries()
    {
        var stream = new StreamValue("s"u8.ToArray());
        for (var i = 1; i <= EncodingLimits.StreamNodeMaxEntries; i++) stream.Append(new StreamId((ulong)i, 0), true, Fields("f", "v"), 0, out _);
        Assert.Equal(1, stream.NodeCount);
        stream.Append(new StreamId(100_000, 0), true, Fields("f", "v"), 0, out _);
        Assert.Equal(2, stream.NodeCount);
        Assert.Equal("stream", stream.Encoding);
    }

    [Fact]
    public void OBJECT_ENCODING_of_a_stream_is_stream_whatever_its_size()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("XADD", "s", "1-0", "f", "v");
        Assert.Equal(Bulk("stream"), client.Call("OBJECT", "ENCODING", "s"));
        for (var i = 2; i <= 1000; i++) client.Call("XADD", "s", $"{i}-0", "f", new string('v', i % 300));
        Assert.Equal(Bulk("stream"), client.Call("OBJECT", "ENCODING", "s"));
        client.Call("XTRIM", "s", "MAXLEN", "0");
        Assert.Equal(Bulk("stream"), client.Call("OBJECT", "ENCODING", "s"));
    }

    [Fact]
    public void A_cloned_stream_is_independent_of_the_original()
    {
        var original = new StreamValue("s"u8.ToArray());
        for (var i = 1; i <= 150; i++) original.Append(new StreamId((ulong)i, 0), true, Fields("f", i.ToString()), 0, out _);
        var group = original.CreateGroup("g"u8, new StreamId(2, 0), 2)!;
        var consumer = group.CreateConsumer("c"u8, 5)!;
        group.Deliver(new StreamId(1, 0), consumer, 5);
        group.Deliver(new StreamId(2, 0), consumer, 6);

        var copy = (StreamValue)original.CloneWithKey("t"u8.ToArray());
        original.Append(new StreamId(500, 0), true, Fields("f", "new"), 0, out _);
        original.Delete(new StreamId(3, 0));
        original.Trim(StreamValue.TrimStrategy.MaxLen, 10, default, false, 0);
        group.Remove(group.FindPending(new StreamId(1, 0))!);
        group.LastId = new StreamId(9, 0);
        group.CreateConsumer("other"u8, 7);
        original.CreateGroup("h"u8, StreamId.Zero, 0);

        Assert.Equal("t"u8.ToArray(), copy.Key);
        Assert.Equal(150, copy.Length);
        Assert.Equal(new StreamId(150, 0), copy.LastId);
        Assert.Equal(Enumerable.Range(1, 150).Select(i => new StreamId((ulong)i, 0)), Read(copy, StreamId.Zero, StreamId.Max, false).Select(e => e.Id));
        var copied = Assert.Single(copy.Groups);
        Assert.Equal(new StreamId(2, 0), copied.LastId);
        Assert.Equal(2, copied.Pending.Count);
        var copiedConsumer = Assert.Single(copied.Consumers);
        Assert.Equal(2, copiedConsumer.Pending.Count);
        Assert.Same(copiedConsumer, copied.FindPending(new StreamId(1, 0))!.Consumer);
        Assert.Equal(6, copied.FindPending(new StreamId(2, 0))!.DeliveryTime);
    }

    // ---------------------------------------------------------------- AOF rebuild and logged effects

    /// <summary>
    /// Everything observable about a stream, delivery times included (both servers share one
    /// clock). Left out, as Redis loses them too: when a consumer was last seen (replay sees it
    /// now) and, after a rewrite, how entries are spread over nodes (tombstones are not rewritten).
    /// </summary>
    private static string Snapshot(RawConnection client, string key, bool layout = true)
    {
        var text = client.Call("XINFO", "STREAM", key, "FULL", "COUNT", "0") + client.Call("XINFO", "GROUPS", key) +
            string.Concat(ParseGroupNames(client.Call("XINFO", "GROUPS", key)).Select(g =>
                client.Call("XINFO", "CONSUMERS", key, g) + client.Call("XPENDING", key, g, "-", "+", "1000") + client.Call("XPENDING", key, g)));
        text = System.Text.RegularExpressions.Regex.Replace(text, "(\\$9\r\nseen-time\r\n|\\$4\r\nidle\r\n):\\d+\r\n", "$1:?\r\n");
        if (!layout) text = System.Text.RegularExpressions.Regex.Replace(text, "(radix-tree-(keys|nodes)\r\n):\\d+\r\n", "$1:?\r\n");
        return text;
    }

    private static IEnumerable<string> ParseGroupNames(string groupsReply)
    {
        var lines = groupsReply.Split("\r\n");
        for (var i = 0; i + 2 < lines.Length; i++)
            if (lines[i] == "$4" && lines[i + 1] == "name") yield return lines[i + 3];
    }

    private static void Replay(RawConnection client, IEnumerable<byte[][]> commands)
    {
        foreach (var command in commands)
        {
            client.SendRaw(RawConnection.Encode(command.Select(Encoding.UTF8.GetString).ToArray()));
            var reply = client.ReadReply();
            Assert.False(reply.StartsWith('-'), $"{string.Join(' ', command.Select(Encoding.UTF8.GetString))} failed: {reply}");
        }
    }

    private static void BuildBusyStream(RawConnection client, ManualClock clock)
    {
        for (var i = 1; i <= 230; i++) client.Call("XADD", "s", $"{i}-{i % 3}", "f", new string('v', i % 90), "n", i.ToString());
        client.Call("XDEL", "s", "5-2", "150-0", "230-2");
        client.Call("XGROUP", "CREATE", "s", "g1", "0");
        client.Call("XGROUP", "CREATE", "s", "g2", "100-1", "ENTRIESREAD", "7");
        client.Call("XGROUP", "CREATE", "s", "idle", "$");
        client.Call("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "20", "STREAMS", "s", ">");
        clock.Advance(30);
        client.Call("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "5", "STREAMS", "s", ">");
        client.Call("XREADGROUP", "GROUP", "g1", "bob", "STREAMS", "s", "0");
        client.Call("XREADGROUP", "GROUP", "g2", "carol", "NOACK", "COUNT", "3", "STREAMS", "s", ">");
        client.Call("XGROUP", "CREATECONSUMER", "s", "g2", "dave");
        clock.Advance(45);
        client.Call("XCLAIM", "s", "g1", "erin", "0", "3-0", "4-1", "RETRYCOUNT", "4");
        client.Call("XACK", "s", "g1", "10-1", "11-2");
        client.Call("XSETID", "s", "231-0", "ENTRIESADDED", "240", "MAXDELETEDID", "230-2");
    }

    [Fact]
    public void RebuildCommands_replayed_into_a_fresh_server_recreate_entries_groups_pending_entries_and_consumers()
    {
        var clock = new ManualClock(1_700_000_000_000);
        using var source = TestServer.Start(clock);
        using var target = TestServer.Start(clock);
        using var client = source.Connect();
        using var replica = target.Connect();
        BuildBusyStream(client, clock);

        var commands = source.OnLoop(s => ((StreamValue)s.Databases[0].Items().Single()).RebuildCommands().ToList());
        Assert.All(commands, c => Assert.True(c[0] is [(byte)'X', ..]));
        Replay(replica, commands);
        Assert.Equal(Snapshot(client, "s", layout: false), Snapshot(replica, "s", layout: false));
        Assert.Equal(client.Call("XRANGE", "s", "-", "+"), replica.Call("XRANGE", "s", "-", "+"));
    }

    [Fact]
    public void RebuildCommands_of_an_empty_stream_recreate_its_last_ID_and_groups()
    {
        var clock = new ManualClock(1_700_000_000_000);
        using var source = TestServer.Start(clock);
        using var target = TestServer.Start(clock);
        using var client = source.Connect();
        using var replica = target.Connect();
        client.Call("XGROUP", "CREATE", "e", "g", "$", "MKSTREAM");
        client.Call("XADD", "d", "7-7", "f", "v");
        client.Call("XDEL", "d", "7-7");
        client.Call("XGROUP", "CREATE", "d", "g", "$");
        client.Call("XGROUP", "CREATECONSUMER", "d", "g", "c");

        var commands = source.OnLoop(s => s.Databases[0].Items().Cast<StreamValue>().SelectMany(v => v.RebuildCommands()).ToList());
        Replay(replica, commands);
        Assert.Equal(Snapshot(client, "e"), Snapshot(replica, "e"));
        Assert.Equal(Snapshot(client, "d"), Snapshot(replica, "d"));
        Assert.Equal(Int(0), replica.Call("XLEN", "d"));
    }

    /// <summary>Starts capturing the effects the server logs (what the AOF would receive).</summary>
    private static List<byte[][]> CaptureEffects(TestServer server)
    {
        var log = new List<byte[][]>();
        server.OnLoop(s =>
        {
            s.Persistence = new PersistenceStatus
            {
                Feed = (_, args) => log.Add(Enumerable.Range(0, args.Count).Select(args.ToArray).ToArray()),
            };
            return 0;
        });
        return log;
    }

    private static string[] Text(byte[][] command) => command.Select(Encoding.UTF8.GetString).ToArray();

    [Fact]
    public void Logged_effects_replayed_into_a_fresh_server_rebuild_the_same_stream()
    {
        var clock = new ManualClock(1_700_000_000_000);
        using var source = TestServer.Start(clock);
        using var target = TestServer.Start(clock);
        var log = CaptureEffects(source);
        using var client = source.Connect();
        using var replica = target.Connect();
        BuildBusyStream(client, clock);
        for (var i = 0; i < 130; i++)
        {
            clock.Advance(1);
            client.Call("XADD", "s", "MAXLEN", "~", "200", "LIMIT", "200", "*", "x", i.ToString());
        }
        client.Call("XTRIM", "s", "MINID", "~", "1700000000090");
        client.Call("XAUTOCLAIM", "s", "g1", "frank", "0", "0", "COUNT", "3");
        client.Call("XDEL", "s", "14-2");
        client.Call("XCLAIM", "s", "g1", "frank", "0", "14-2", "15-0", "LASTID", "300-0");
        client.Call("XAUTOCLAIM", "s", "g1", "grace", "0", "0", "JUSTID");
        client.Call("XREADGROUP", "GROUP", "g2", "carol", "COUNT", "2", "STREAMS", "s", ">");
        client.Call("XGROUP", "SETID", "s", "g2", "$");
        client.Call("XGROUP", "DELCONSUMER", "s", "g1", "bob");
        client.Call("XGROUP", "DESTROY", "s", "idle");

        var replayed = source.OnLoop(_ => log.ToList());
        Assert.DoesNotContain(replayed, c => c.Any(a => a is [(byte)'*']));
        Replay(replica, replayed);
        Assert.Equal(client.Call("XRANGE", "s", "-", "+"), replica.Call("XRANGE", "s", "-", "+"));
        Assert.Equal(Snapshot(client, "s"), Snapshot(replica, "s"));
    }

    [Fact]
    public void XADD_is_logged_with_the_ID_it_got_and_an_approximate_trim_as_the_exact_one()
    {
        var clock = new ManualClock(42_000);
        using var server = TestServer.Start(clock);
        var log = CaptureEffects(server);
        using var client = server.Connect();
        client.Call("XADD", "s", "NOMKSTREAM", "*", "f", "v");
        client.Call("XADD", "s", "*", "f", "v");
        client.Call("XADD", "s", "42000-*", "f", "v");
        client.Call("XADD", "s", "MAXLEN", "~", "1", "LIMIT", "5", "*", "f", "v");
        client.Call("XADD", "s", "MINID", "=", "42000-1", "42001-0", "g", "w");
        client.Call("XADD", "s", "1-0", "too", "small");
        client.Call("XTRIM", "s", "MAXLEN", "1");
        client.Call("XTRIM", "s", "MAXLEN", "~", "0");
        var logged = server.OnLoop(_ => log.Select(Text).ToList());
        Assert.Equal(
        [
            ["XADD", "s", "42000-0", "f", "v"],
            ["XADD", "s", "42000-1", "f", "v"],
            ["XADD", "s", "MAXLEN", "=", "3", "42000-2", "f", "v"],
            ["XADD", "s", "MINID", "=", "42000-1", "42001-0", "g", "w"],
            ["XTRIM", "s", "MAXLEN", "1"],
            ["XTRIM", "s", "MAXLEN", "=", "0"],
        ], logged);
    }

    [Fact]
    public void XREADGROUP_is_logged_as_XCLAIM_per_delivered_entry_then_the_group_position()
    {
        var clock = new ManualClock(5_000);
        using var server = TestServer.Start(clock);
        using var client = server.Connect();
        client.Call("XADD", "s", "1-0", "a", "1");
        client.Call("XADD", "s", "2-0", "b", "2");
        client.Call("XGROUP", "CREATE", "s", "g", "0");
        var log = CaptureEffects(server);
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"); // nothing new: nothing logged
        client.Call("XACK", "s", "g", "1-0", "9-9");
        client.Call("XACK", "s", "g", "9-9");
        var logged = server.OnLoop(_ => log.Select(Text).ToList());
        Assert.Equal(
        [
            ["XGROUP", "CREATECONSUMER", "s", "g", "c"],
            ["XCLAIM", "s", "g", "c", "0", "1-0", "TIME", "5000", "RETRYCOUNT", "1", "FORCE", "JUSTID", "LASTID", "1-0"],
            ["XCLAIM", "s", "g", "c", "0", "2-0", "TIME", "5000", "RETRYCOUNT", "1", "FORCE", "JUSTID", "LASTID", "2-0"],
            ["XGROUP", "SETID", "s", "g", "2-0", "ENTRIESREAD", "2"],
            ["XACK", "s", "g", "1-0", "9-9"],
        ], logged);
    }

    [Fact]
    public void Stream_commands_that_change_nothing_log_nothing()
    {
        using var server = TestServer.Start();
        using var client = server.Connect();
        client.Call("XADD", "s", "1-0", "a", "1");
        client.Call("XGROUP", "CREATE", "s", "g", "$");
        var log = CaptureEffects(server);
        client.Call("XDEL", "s", "9-9");
        client.Call("XTRIM", "s", "MAXLEN", "5");
        client.Call("XTRIM", "s", "MAXLEN", "~", "5");
        client.Call("XACK", "s", "g", "1-0");
        client.Call("XGROUP", "DESTROY", "s", "nope");
        client.Call("XGROUP", "CREATECONSUMER", "s", "g", "c");
        client.Call("XGROUP", "CREATECONSUMER", "s", "g", "c");
        client.Call("XGROUP", "DELCONSUMER", "s", "g", "nobody");
        client.Call("XCLAIM", "s", "g", "c", "0", "1-0");
        client.Call("XAUTOCLAIM", "s", "g", "c", "0", "0");
        client.Call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        client.Call("XADD", "s", "NOMKSTREAM", "0-1", "f", "v");
        client.Call("XADD", "missing", "NOMKSTREAM", "5-0", "f", "v");
        Assert.Equal([["XGROUP", "CREATECONSUMER", "s", "g", "c"]], server.OnLoop(_ => log.Select(Text).ToList()));
    }
}
