using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

public sealed class TransactionTests
{
    [Fact]
    public void MULTI_queues_and_EXEC_runs_everything_in_order()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        Assert.Equal("+OK\r\n", c.Call("MULTI"));
        Assert.Equal("+QUEUED\r\n", c.Call("SET", "a", "1"));
        Assert.Equal("+QUEUED\r\n", c.Call("INCR", "a"));
        Assert.Equal("+QUEUED\r\n", c.Call("INCR", "notanumber:x"));
        Assert.Equal("*3\r\n+OK\r\n:2\r\n:1\r\n", c.Call("EXEC"));
    }

    [Fact]
    public void A_command_that_fails_to_queue_aborts_EXEC()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        c.Call("MULTI");
        Assert.Equal("-ERR wrong number of arguments for 'get' command\r\n", c.Call("GET"));
        Assert.Equal("-ERR unknown command 'nope', with args beginning with: \r\n", c.Call("nope"));
        Assert.Equal("-EXECABORT Transaction discarded because of previous errors.\r\n", c.Call("EXEC"));
        Assert.Equal("-ERR EXEC without MULTI\r\n", c.Call("EXEC"));
    }

    [Fact]
    public void A_write_by_another_client_to_a_watched_key_makes_EXEC_return_null()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        using var other = server.Connect();
        c.Call("SET", "balance", "10");
        Assert.Equal("+OK\r\n", c.Call("WATCH", "balance"));
        other.Call("INCRBY", "balance", "5");
        c.Call("MULTI");
        c.Call("SET", "balance", "0");
        Assert.Equal("*-1\r\n", c.Call("EXEC"));
        Assert.Equal("$2\r\n15\r\n", c.Call("GET", "balance"));
        // Without interference the same transaction goes through.
        c.Call("WATCH", "balance");
        c.Call("MULTI");
        c.Call("SET", "balance", "0");
        Assert.Equal("*1\r\n+OK\r\n", c.Call("EXEC"));
    }

    [Fact]
    public void Nesting_MULTI_and_DISCARD_without_MULTI_are_errors()
    {
        using var server = TestServer.Start();
        using var c = server.Connect();
        c.Call("MULTI");
        Assert.Equal("-ERR MULTI calls can not be nested\r\n", c.Call("MULTI"));
        Assert.Equal("-ERR WATCH inside MULTI is not allowed\r\n", c.Call("WATCH", "x"));
        Assert.Equal("+OK\r\n", c.Call("DISCARD"));
        Assert.Equal("-ERR DISCARD without MULTI\r\n", c.Call("DISCARD"));
    }
}
