using System.Text;
using BenchmarkDotNet.Attributes;
using EventLoopKv.Protocol;

namespace EventLoopKv.Bench;

/// <summary>The RESP parser on the frames redis-benchmark sends.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly RequestParser _parser = new();
    private readonly CommandArguments _args = new();
    private byte[] _set = [];
    private byte[] _pipeline = [];

    [GlobalSetup]
    public void Setup()
    {
        _set = Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000012345\r\n$3\r\nxxx\r\n");
        _pipeline = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("*2\r\n$3\r\nGET\r\n$16\r\nkey:000000012345\r\n", 16)));
    }

    [Benchmark]
    public int ParseSetFrame()
    {
        var position = 0;
        _parser.TryParse(_set, ref position, _set.Length, _args, true);
        return _args.Count;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int ParsePipelineOf16Gets()
    {
        var position = 0;
        var n = 0;
        while (_parser.TryParse(_pipeline, ref position, _pipeline.Length, _args, true)) n++;
        return n;
    }
}
