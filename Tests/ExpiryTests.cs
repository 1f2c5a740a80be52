using EventLoopKv.Storage;
using EventLoopKv.Tests.Infrastructure;

namespace EventLoopKv.Tests;

/// <summary>Expiry with a hand-moved clock: lazy expiry on access and the active cycle that reclaims keys nobody touches.</summary>
public sealed class ExpiryTests
{
    private const long Start = 4_000_000_000_000;

    [Fact]
    public void A_key_lives_until_its_millisecond_and_not_one_after()
    {
        var clock = new ManualClock(Start);
        using var server = TestServer.Start(clock);
        using var connection = server.Connect();
        Assert.Equal("+OK\r\n", connection.Call("SET", "k", "v", "PX", "1500"));
        clock.Advance(1499);
        Assert.Equal("$1\r\nv\r\n", connection.Call("GET", "k"));
        Assert.Equal(":1\r\n", connection.Call("PTTL", "k"));
        clock.Advance(1);
        Assert.Equal("$-1\r\n", connection.Call("GET", "k"));
        Assert.Equal(":-2\r\n", connection.Call("TTL", "k"));
    }

    [Fact]
    public void TTL_rounds_to_the_nearest_second_like_redis()
    {
        var clock = new ManualClock(Start);
        using var server = TestServer.Start(clock);
        using var connection = server.Connect();
        connection.Call("SET", "k", "v", "EX", "10");
        clock.Advance(400);
        Assert.Equal(":10\r\n", connection.Call("TTL", "k"));
        clock.Advance(200);
        Assert.Equal(":9\r\n", connection.Call("TTL", "k"));
        Assert.Equal($":{(Start + 10_000 + 500) / 1000}\r\n", connection.Call("EXPIRETIME", "k"));
    }

    [Fact]
    public void The_active_cycle_deletes_expired_keys_that_nobody_touches()
    {
        var clock = new ManualClock(Start);
        using var server = TestServer.Start(clock);
        using var connection = server.Connect();
        for (var i = 0; i < 5000; i++) connection.Send("SET", $"volatile:{i}", "v", "PX", "100");
        for (var i = 0; i < 5000; i++) connection.ReadReply();
        connection.Call("SET", "stays", "v");
        clock.Advance(101);
        // No command touches the keys: only the cron (10 times a second) can remove them.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.OnLoop(s => s.Databases[0].Count) > 1 && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.Equal(1, server.OnLoop(s => s.Databases[0].Count));
        Assert.Equal(5000, server.OnLoop(s => s.Stats.ExpiredKeys));
    }

    [Fact]
    public void DEBUG_SET_ACTIVE_EXPIRE_0_leaves_expired_keys_to_lazy_expiry()
    {
        var clock = new ManualClock(Start);
        using var server = TestServer.Start(clock);
        using var connection = server.Connect();
        Assert.Equal("+OK\r\n", connection.Call("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        connection.Call("SET", "k", "v", "PX", "10");
        clock.Advance(11);
        Thread.Sleep(300);
        Assert.Equal(1, server.OnLoop(s => s.Databases[0].Count));
        Assert.Equal(":0\r\n", connection.Call("EXISTS", "k"));
        Assert.Equal(0, server.OnLoop(s => s.Databases[0].Count));
    }

    [Fact]
    public void EXPIRE_GT_and_LT_compare_with_the_current_expiry()
    {
        var clock = new ManualClock(Start);
        using var server = TestServer.Start(clock);
        using var connection = server.Connect();
        connection.Call("SET", "k", "v");
        Assert.Equal(":0\r\n", connection.Call("EXPIRE", "k", "100", "GT"));
        Assert.Equal(":1\r\n", connection.Call("EXPIRE", "k", "100", "LT"));
        Assert.Equal(":0\r\n", connection.Call("EXPIRE", "k", "200", "LT"));
        Assert.Equal(":1\r\n", connection.Call("EXPIRE", "k", "200", "GT"));
        Assert.Equal($":{Start + 200_000}\r\n", connection.Call("PEXPIRETIME", "k"));
        Assert.Equal(":1\r\n", connection.Call("EXPIRE", "k", "-1"));
        Assert.Equal(":0\r\n", connection.Call("EXISTS", "k"));
    }

    [Fact]
    public void SET_KEEPTTL_keeps_and_plain_SET_clears_the_expiry()
    {
        var clock = new ManualClock(Start);
        using var server = TestServer.Start(clock);
        using var connection = server.Connect();
        connection.Call("SET", "k", "v", "EX", "50");
        connection.Call("SET", "k", "w", "KEEPTTL");
        Assert.Equal(":50000\r\n", connection.Call("PTTL", "k"));
        connection.Call("SET", "k", "x");
        Assert.Equal(":-1\r\n", connection.Call("PTTL", "k"));
    }
}
