using System.Text;
using BenchmarkDotNet.Attributes;

namespace EventLoopKv.Bench;

/// <summary>
/// The collection commands redis-benchmark measures, through the dispatcher in process, in
/// steady state: each benchmark leaves the data as it found it (a push with a pop, a pop with a
/// push), so the figure is the per-operation cost, and MemoryDiagnoser shows any allocation.
/// </summary>
[MemoryDiagnoser]
public class CollectionBenchmarks
{
    private readonly SessionBenchmarks _session = new();
    private byte[] _lpushLpop = [], _rpushRpop = [], _saddExisting = [], _hsetOverwrite = [], _zaddUpdate = [], _zpopminZadd = [];
    private byte[][] _spopSadd = [];
    private int _spopSaddNext;

    [GlobalSetup]
    public void Setup()
    {
        _session.Setup();
        var fill = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            _session.Run(SessionBenchmarks.Frame("RPUSH", "list", $"element:{i}"));
            _session.Run(SessionBenchmarks.Frame("SADD", "set", $"member:{i}"));
            _session.Run(SessionBenchmarks.Frame("HSET", "hash", $"field:{i}", "value"));
            _session.Run(SessionBenchmarks.Frame("ZADD", "zset", i.ToString(), $"member:{i}"));
        }
        _lpushLpop = Concat(SessionBenchmarks.Frame("LPUSH", "list", "xxx"), SessionBenchmarks.Frame("LPOP", "list"));
        _rpushRpop = Concat(SessionBenchmarks.Frame("RPUSH", "list", "xxx"), SessionBenchmarks.Frame("RPOP", "list"));
        _saddExisting = SessionBenchmarks.Frame("SADD", "set", "member:7");
        _hsetOverwrite = SessionBenchmarks.Frame("HSET", "hash", "field:7", "other");
        // SPOP takes a random member and the SADD after it cannot know which one. With one fixed
        // member the set drained to that member and then SPOP deleted the key on every other
        // call, so the figure was a key being created (172 B), not SPOP. Here each SADD adds two
        // of 400 names in turn: a pair adds 2 x (the share of names missing) against one pop, so
        // the set settles near 200 members and neither empties nor grows.
        _spopSadd = [.. Enumerable.Range(0, 200).Select(i => Concat(SessionBenchmarks.Frame("SPOP", "set"),
            SessionBenchmarks.Frame("SADD", "set", $"member:{2 * i}", $"member:{2 * i + 1}")))];
        _zaddUpdate = SessionBenchmarks.Frame("ZADD", "zset", "7.5", "member:7");
        _zpopminZadd = Concat(SessionBenchmarks.Frame("ZPOPMIN", "zset"), SessionBenchmarks.Frame("ZADD", "zset", "-1", "member:min"));
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    [Benchmark(OperationsPerInvoke = 2)] public int LPushThenLPop() => _session.Run(_lpushLpop);
    [Benchmark(OperationsPerInvoke = 2)] public int RPushThenRPop() => _session.Run(_rpushRpop);
    [Benchmark] public int SAddExistingMember() => _session.Run(_saddExisting);
    [Benchmark] public int HSetOverwrite() => _session.Run(_hsetOverwrite);
    [Benchmark(OperationsPerInvoke = 2)] public int SPopThenSAdd() => _session.Run(_spopSadd[_spopSaddNext++ % _spopSadd.Length]);
    [Benchmark] public int ZAddUpdateScore() => _session.Run(_zaddUpdate);
    [Benchmark(OperationsPerInvoke = 2)] public int ZPopMinThenZAdd() => _session.Run(_zpopminZadd);
}
