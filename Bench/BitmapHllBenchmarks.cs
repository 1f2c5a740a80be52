using System.Text;
using BenchmarkDotNet.Attributes;
using EventLoopKv.Server;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;

namespace EventLoopKv.Bench;

/// <summary>
/// Bitmap and HyperLogLog commands through the dispatcher in process, as
/// <see cref="SessionBenchmarks"/> runs GET/SET: pre-built RESP in, reply drained. SETBIT, GETBIT
/// and PFADD on a dense HLL must allocate nothing; BITCOUNT runs over a 1 MB random bitmap.
/// </summary>
[MemoryDiagnoser]
public class BitmapHllBenchmarks
{
    private RedisServer _server = null!;
    private Client _client = null!;
    private byte[] _setBit = [], _getBit = [], _bitCount = [], _bitCountRange = [], _bitOp = [], _bitField = [], _pfCount = [], _pfCountUnion = [];
    private byte[][] _pfAdd = [], _pfAddSparse = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = new RedisServer(new ServerConfig(), SystemClock.Instance, new Log("warning", ""));
        _client = new Client();
        _client.Start(_server, 1, -1, "bench", 0);
        _server.AddClient(_client);

        // A 1 MB bitmap of random bytes, built with SETRANGE so it is a mutable string.
        var random = new Random(42);
        var chunk = new byte[64 * 1024];
        for (var offset = 0; offset < 1 << 20; offset += chunk.Length)
        {
            random.NextBytes(chunk);
            Run(Frame("SETRANGE"u8.ToArray(), "bitmap"u8.ToArray(), Encoding.ASCII.GetBytes(offset.ToString()), chunk));
        }
        _setBit = Frame("SETBIT", "bitmap", "4000000", "1");
        _getBit = Frame("GETBIT", "bitmap", "4000000");
        _bitCount = Frame("BITCOUNT", "bitmap");
        _bitCountRange = Frame("BITCOUNT", "bitmap", "3", "8000000", "BIT");
        _bitOp = Frame("BITOP", "AND", "dest", "bitmap", "bitmap");
        _bitField = Frame("BITFIELD", "bitmap", "INCRBY", "u8", "8000", "1", "GET", "i5", "#100");

        // A dense HLL of 100,000 elements; PFADD then cycles through 4096 elements, most already counted.
        for (var i = 0; i < 100_000; i += 1000)
            Run(Frame(["PFADD", "hll", .. Enumerable.Range(i, 1000).Select(n => $"user:{n}")]));
        Run(Frame(["PFADD", "other", .. Enumerable.Range(0, 20_000).Select(n => $"visitor:{n}")]));
        _pfAdd = Enumerable.Range(0, 4096).Select(n => Frame("PFADD", "hll", $"user:{n * 37}")).ToArray();
        _pfAddSparse = Enumerable.Range(0, 4096).Select(n => Frame("PFADD", "sparse", $"page:{n % 500}")).ToArray();
        Run(_pfAddSparse[0]);
        _pfCount = Frame("PFCOUNT", "hll");
        _pfCountUnion = Frame("PFCOUNT", "hll", "other");
        Run(_pfCount);
    }

    private static byte[] Frame(params string[] args) =>
        Encoding.ASCII.GetBytes($"*{args.Length}\r\n" + string.Concat(args.Select(a => $"${a.Length}\r\n{a}\r\n")));

    private static byte[] Frame(params ReadOnlySpan<byte[]> args)
    {
        var frame = new List<byte>(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
        foreach (var a in args)
        {
            frame.AddRange(Encoding.ASCII.GetBytes($"${a.Length}\r\n"));
            frame.AddRange(a);
            frame.AddRange("\r\n"u8.ToArray());
        }
        return frame.ToArray();
    }

    private int Run(byte[] frame)
    {
        // Set-up frames may be larger than one read: feed them as the loop would, in pieces.
        for (var offset = 0; offset < frame.Length;)
        {
            var space = _client.ReceiveSpace();
            var n = Math.Min(space.Length, frame.Length - offset);
            frame.AsSpan(offset, n).CopyTo(space);
            _client.Received(n);
            offset += n;
            while (_client.TryParseCommand()) _server.Execute(_client);
        }
        var written = _client.Reply.Pending;
        _client.Reply.Consume(written);
        return written;
    }

    [Benchmark]
    public int SetBit() => Run(_setBit);

    [Benchmark]
    public int GetBit() => Run(_getBit);

    [Benchmark(Description = "BitCount (1 MB)")]
    public int BitCount() => Run(_bitCount);

    [Benchmark(Description = "BitCount BIT range (1 MB)")]
    public int BitCountBitRange() => Run(_bitCountRange);

    [Benchmark(Description = "BitOp AND (1 MB)")]
    public int BitOp() => Run(_bitOp);

    [Benchmark]
    public int BitField() => Run(_bitField);

    [Benchmark(Description = "PfAdd (dense)")]
    public int PfAdd() => Run(_pfAdd[_next++ & 4095]);

    [Benchmark(Description = "PfAdd (sparse)")]
    public int PfAddSparse() => Run(_pfAddSparse[_next++ & 4095]);

    [Benchmark(Description = "PfCount (cached)")]
    public int PfCount() => Run(_pfCount);

    [Benchmark(Description = "PfCount (2 keys, estimated)")]
    public int PfCountUnion() => Run(_pfCountUnion);
}
