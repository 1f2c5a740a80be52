using BenchmarkDotNet.Attributes;

namespace EventLoopKv.Bench;

/// <summary>
/// redis-benchmark's ZADD test in process: "ZADD myzset &lt;random score&gt; element:&lt;random&gt;"
/// against one sorted set of 100,000 members, so nearly every command moves an existing member
/// to a new score in a skip list far larger than the CPU caches (zslUpdateScore's path).
/// </summary>
[MemoryDiagnoser]
public class SortedSetBenchmarks
{
    private const int Members = 100_000;
    private const int CommandsPerRun = 256;
    private readonly SessionBenchmarks _session = new();
    private readonly List<byte[]> _runs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _session.Setup();
        var random = new Random(42);
        for (var i = 0; i < Members; i++)
            _session.Run(SessionBenchmarks.Frame("ZADD", "myzset", random.Next(Members).ToString(), $"element:{i:D12}"));
        for (var r = 0; r < 64; r++)
            _runs.Add([.. Enumerable.Range(0, CommandsPerRun).SelectMany(_ =>
                SessionBenchmarks.Frame("ZADD", "myzset", random.Next(Members).ToString(), $"element:{random.Next(Members):D12}"))]);
    }

    [Benchmark(OperationsPerInvoke = CommandsPerRun)]
    public int ZAddRandomScoreToExistingMember() => _session.Run(_runs[_next++ & 63]);
}
