using System.Diagnostics;
using EventLoopKv.Tests.Infrastructure;
using StackExchange.Redis;

namespace EventLoopKv.Tests;

/// <summary>Real clients doing real work: StackExchange.Redis in process, redis-cli and redis-benchmark as programs.</summary>
public sealed class RealClientTests
{
    [Fact]
    public async Task StackExchange_Redis_connects_and_does_real_work()
    {
        using var server = TestServer.Start();
        var options = ConfigurationOptions.Parse($"127.0.0.1:{server.Port}");
        options.AbortOnConnectFail = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var db = redis.GetDatabase();
        Assert.True(await db.StringSetAsync("user:1", "ada", TimeSpan.FromMinutes(5)));
        Assert.Equal("ada", (string?)await db.StringGetAsync("user:1"));
        Assert.Equal(10, await db.StringIncrementAsync("visits", 10));
        Assert.Equal(12.5, await db.StringIncrementAsync("score", 12.5));
        var batch = Enumerable.Range(0, 200).Select(i => db.StringSetAsync($"k:{i}", i)).ToArray();
        await Task.WhenAll(batch);
        var values = await db.StringGetAsync(Enumerable.Range(0, 200).Select(i => (RedisKey)$"k:{i}").ToArray());
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString()), values.Select(v => (string)v!));
        var ttl = await db.KeyTimeToLiveAsync("user:1");
        Assert.InRange(ttl!.Value.TotalSeconds, 290, 300);
        var transaction = db.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual("visits", 10));
        _ = transaction.StringSetAsync("fresh", "1");
        Assert.True(await transaction.ExecuteAsync());
        Assert.Equal(204, server.OnLoop(s => s.Databases[0].Count)); // 200 k:*, user:1, visits, score, fresh
    }

    [RequiresToolFact("redis-cli")]
    public void Redis_cli_talks_to_the_server()
    {
        using var server = TestServer.Start();
        Assert.Equal("OK", RunTool("redis-cli", $"-p {server.Port} SET greeting hello").Trim());
        Assert.Equal("hello", RunTool("redis-cli", $"-p {server.Port} GET greeting").Trim());
        Assert.Equal("(integer) 1", RunTool("redis-cli", $"-p {server.Port} --no-raw EXISTS greeting").Trim());
        Assert.Equal("PONG", RunTool("redis-cli", $"-p {server.Port} -3 PING").Trim());
    }

    [RequiresToolFact("redis-benchmark")]
    public void Redis_benchmark_runs_its_string_tests_without_an_error()
    {
        using var server = TestServer.Start();
        var output = RunTool("redis-benchmark", $"-p {server.Port} -t ping,set,get,incr,mset -n 10000 -q");
        foreach (var test in new[] { "PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET (10 keys)" })
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(test)}: [0-9.]+ requests per second", output);
        Assert.DoesNotContain("ERR", output);
        Assert.True(server.OnLoop(s => s.Stats.CommandsProcessed) >= 60000);
    }

    [RequiresToolFact("redis-benchmark")]
    public void Redis_benchmark_runs_its_whole_default_suite_without_an_error()
    {
        using var server = TestServer.Start();
        var output = RunTool("redis-benchmark", $"-p {server.Port} -n 2000 -q");
        string[] tests =
        [
            "PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP", "SADD", "HSET", "SPOP",
            "ZADD", "ZPOPMIN", "LPUSH (needed to benchmark LRANGE)", "LRANGE_100 (first 100 elements)", "LRANGE_300 (first 300 elements)",
            "LRANGE_500 (first 500 elements)", "LRANGE_600 (first 600 elements)", "MSET (10 keys)",
        ];
        foreach (var test in tests)
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(test)}: [0-9.]+ requests per second", output);
        Assert.DoesNotContain("ERR", output);
        Assert.DoesNotContain("WRONGTYPE", output);
    }

    internal static string RunTool(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), $"{tool} did not finish");
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
        return output;
    }
}
