using System.Text;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>The loop's contract over real sockets: pipelining, protocol errors, limits, isolation between clients.</summary>
public sealed class ServerBehaviourTests
{
    [Fact]
    public void A_pipeline_of_a_thousand_commands_gets_a_thousand_replies_in_order()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        var pipeline = new List<byte>();
        for (var i = 0; i < 1000; i++) pipeline.AddRange(RawConnection.Encode("INCR", "counter"));
        connection.SendRaw(pipeline.ToArray());
        for (var i = 1; i <= 1000; i++) Assert.Equal($":{i}\r\n", connection.ReadReply());
    }

    [Fact]
    public void A_command_split_across_many_writes_is_answered_once_complete()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        var frame = RawConnection.Encode("SET", "key", new string('v', 100_000));
        for (var offset = 0; offset < frame.Length; offset += 7777)
        {
            connection.SendRaw(frame.AsSpan(offset, Math.Min(7777, frame.Length - offset)).ToArray());
            Thread.Sleep(1);
        }
        Assert.Equal("+OK\r\n", connection.ReadReply());
        Assert.Equal(":100000\r\n", connection.Call("STRLEN", "key"));
    }

    [Fact]
    public void Garbage_gets_a_protocol_error_and_a_close_while_other_clients_carry_on()
    {
        using var server = TestServer.Start();
        using var good = server.Connect();
        using var bad = server.Connect();
        Assert.Equal("+OK\r\n", good.Call("SET", "a", "1"));
        bad.SendRaw("*1\r\n$x\r\n");
        Assert.Equal("-ERR Protocol error: invalid bulk length\r\n", bad.ReadReply());
        Assert.True(bad.IsClosedByServer());
        Assert.Equal("$1\r\n1\r\n", good.Call("GET", "a"));
    }

    [Fact]
    public void A_bulk_longer_than_proto_max_bulk_len_is_a_protocol_error()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        connection.SendRaw("*2\r\n$3\r\nGET\r\n$536870913\r\n");
        Assert.Equal("-ERR Protocol error: invalid bulk length\r\n", connection.ReadReply());
        Assert.True(connection.IsClosedByServer());
    }

    [Fact]
    public void An_inline_request_over_64_KB_is_a_protocol_error()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        connection.SendRaw("GET " + new string('k', 70 * 1024));
        Assert.Equal("-ERR Protocol error: too big inline request\r\n", connection.ReadReply());
        Assert.True(connection.IsClosedByServer());
    }

    [Fact]
    public void A_client_over_maxclients_is_told_and_closed()
    {
        using var server = TestServer.Start(config => config.MaxClients = 2);
        using var first = server.Connect();
        using var second = server.Connect();
        Assert.Equal("+PONG\r\n", first.Call("PING"));
        Assert.Equal("+PONG\r\n", second.Call("PING"));
        using var third = server.Connect();
        Assert.Equal("-ERR max number of clients reached\r\n", third.ReadReply());
        Assert.True(third.IsClosedByServer());
    }

    [Fact]
    public void Without_auth_commands_get_NOAUTH_and_AUTH_unlocks_them()
    {
        using var server = TestServer.Start(config => config.RequirePass = "s3cret");
        using var connection = server.Connect();
        Assert.Equal("-NOAUTH Authentication required.\r\n", connection.Call("GET", "a"));
        Assert.Equal("-WRONGPASS invalid username-password pair or user is disabled.\r\n", connection.Call("AUTH", "nope"));
        Assert.Equal("+OK\r\n", connection.Call("AUTH", "s3cret"));
        Assert.Equal("$-1\r\n", connection.Call("GET", "a"));
    }

    [Fact]
    public void HELLO_3_switches_the_connection_to_resp3_and_reports_the_server()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        var hello = connection.Call("HELLO", "3");
        Assert.StartsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:", hello);
        Assert.EndsWith("$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n", hello);
        Assert.Equal("_\r\n", connection.Call("GET", "missing"));
    }

    [Fact]
    public void QUIT_replies_OK_and_closes()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        Assert.Equal("+OK\r\n", connection.Call("QUIT"));
        Assert.True(connection.IsClosedByServer());
    }

    [Fact]
    public void An_idle_client_is_closed_after_timeout_seconds()
    {
        using var server = TestServer.Start(config => config.Timeout = 1);
        using var connection = server.Connect();
        Assert.Equal("+PONG\r\n", connection.Call("PING"));
        Assert.True(connection.IsClosedByServer(timeoutMs: 4000));
    }

    [Fact]
    public void A_large_value_comes_back_intact_through_a_partial_write()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        var value = new string('x', 8 * 1024 * 1024);
        Assert.Equal("+OK\r\n", connection.Call("SET", "big", value));
        var reply = connection.Call("GET", "big");
        Assert.Equal($"${value.Length}\r\n{value}\r\n", reply);
    }

    [Fact]
    public void Unknown_commands_and_wrong_arity_use_redis_texts()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        Assert.Equal("-ERR unknown command 'nope', with args beginning with: 'a' 'b' \r\n", connection.Call("nope", "a", "b"));
        Assert.Equal("-ERR wrong number of arguments for 'get' command\r\n", connection.Call("GET"));
        Assert.Equal("-ERR wrong number of arguments for 'config|get' command\r\n", connection.Call("CONFIG", "GET"));
        Assert.Equal("-ERR unknown subcommand 'nope'. Try CLIENT HELP.\r\n", connection.Call("CLIENT", "nope"));
    }

    [Fact]
    public void INFO_reports_redis_field_names_and_the_keyspace()
    {
        using var server = TestServer.Start();
        using var connection = server.Connect();
        connection.Call("SET", "a", "1");
        connection.Call("SET", "b", "2", "EX", "100");
        var info = connection.Call("INFO");
        Assert.Contains("redis_version:7.0.15\r\n", info);
        Assert.Contains("connected_clients:1\r\n", info);
        Assert.Contains("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n", info);
        Assert.Contains("aof_enabled:0\r\n", info);
        Assert.Contains("multiplexing_api:epoll\r\n", info);
    }

    [Fact]
    public void A_server_that_was_busy_and_then_idle_does_not_keep_spinning_in_its_busy_poll()
    {
        // busy-poll-us is on by default (20 us after each iteration that served events); a poll
        // that finds nothing must back off, so an idle server sleeps in epoll_wait.
        using var server = new ServerProcess("--appendonly", "no");
        using (var c = server.Connect())
        {
            for (var i = 0; i < 2000; i++) c.Send("SET", $"k{i}", "v");
            for (var i = 0; i < 2000; i++) Assert.Equal("+OK\r\n", c.ReadReply());
        }
        Thread.Sleep(500);
        using var process = System.Diagnostics.Process.GetProcessById(server.Pid);
        var before = process.TotalProcessorTime;
        Thread.Sleep(2000);
        process.Refresh();
        var used = process.TotalProcessorTime - before;
        // Idle work is the 10 Hz cron: a few milliseconds. A loop spinning would use ~2 s.
        Assert.True(used < TimeSpan.FromMilliseconds(200), $"the idle server used {used.TotalMilliseconds} ms of CPU in 2 s");
    }
}
