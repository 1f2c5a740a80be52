using System.Text;
using BenchmarkDotNet.Attributes;
using EventLoopKv.Server;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;

namespace EventLoopKv.Bench;

/// <summary>
/// Whole commands through the dispatcher in process, without sockets: pre-built RESP is fed to
/// a client object exactly as the loop feeds what it read, parsed, executed against the
/// keyspace, and the reply buffer drained. This is the per-command cost the loop pays.
/// </summary>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    private RedisServer _server = null!;
    private Client _client = null!;
    private byte[] _get = [], _set = [], _incr = [], _getMissing = [], _ping16 = [];

    [GlobalSetup]
    public void Setup()
    {
        _server = new RedisServer(new ServerConfig(), SystemClock.Instance, new Log("warning", ""));
        _client = new Client();
        _client.Start(_server, 1, -1, "bench", 0);
        _server.AddClient(_client);
        _get = Frame("GET", "key:000000012345");
        _getMissing = Frame("GET", "key:missing");
        _set = Frame("SET", "key:000000012345", "xxx");
        _incr = Frame("INCR", "counter:000000012345");
        _ping16 = [.. Enumerable.Repeat(Frame("PING"), 16).SelectMany(f => f)];
        Run(_set);
    }

    internal static byte[] Frame(params string[] args) =>
        Encoding.ASCII.GetBytes($"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${a.Length}\r\n{a}\r\n")));

    internal int Run(byte[] frame)
    {
        frame.CopyTo(_client.ReceiveSpace());
        _client.Received(frame.Length);
        while (_client.TryParseCommand()) _server.Execute(_client);
        var written = _client.Reply.Pending;
        _client.Reply.Consume(written);
        return written;
    }

    [Benchmark]
    public int Get() => Run(_get);

    /// <summary>redis-benchmark's PING_MBULK at pipeline 16: one read's worth of commands.</summary>
    [Benchmark(OperationsPerInvoke = 16)]
    public int PingPipelineOf16() => Run(_ping16);

    [Benchmark]
    public int GetMissingKey() => Run(_getMissing);

    [Benchmark]
    public int Set() => Run(_set);

    [Benchmark]
    public int Incr() => Run(_incr);
}
