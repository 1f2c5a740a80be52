using BenchmarkDotNet.Attributes;
using EventLoopKv.Protocol;

namespace EventLoopKv.Bench;

/// <summary>The reply writer: the shapes every command ends with.</summary>
[MemoryDiagnoser]
public class ReplyWriterBenchmarks
{
    private readonly ReplyBuffer _reply = new();
    private readonly byte[] _value = new byte[64];

    [Benchmark]
    public int OkStatus()
    {
        _reply.WriteOk();
        _reply.Clear();
        return 0;
    }

    [Benchmark]
    public int BulkOf64Bytes()
    {
        _reply.WriteBulk(_value);
        _reply.Clear();
        return 0;
    }

    [Benchmark]
    public int IntegerAbove10000()
    {
        _reply.WriteInteger(1234567);
        _reply.Clear();
        return 0;
    }

    [Benchmark]
    public int DoubleInResp3()
    {
        _reply.Resp3 = true;
        _reply.WriteDouble(3.14159);
        _reply.Clear();
        return 0;
    }
}
