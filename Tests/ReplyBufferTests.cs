using System.Text;
using EventLoopKv.Protocol;

namespace EventLoopKv.Tests;

/// <summary>The reply writer: every RESP2 and RESP3 type, byte for byte.</summary>
public sealed class ReplyBufferTests
{
    private static string Write(bool resp3, Action<ReplyBuffer> write)
    {
        using var reply = new ReplyBuffer { Resp3 = resp3 };
        write(reply);
        return Encoding.UTF8.GetString(reply.Written);
    }

    [Theory]
    [InlineData(false, "$-1\r\n*-1\r\n*4\r\n*2\r\n:1\r\n$3\r\n1.5\r\n$1\r\n7\r\n")]
    [InlineData(true, "_\r\n_\r\n%2\r\n~2\r\n#t\r\n,1.5\r\n(7\r\n")]
    public void Nulls_maps_sets_booleans_doubles_and_big_numbers_follow_the_protocol_version(bool resp3, string expected)
    {
        Assert.Equal(expected, Write(resp3, r =>
        {
            r.WriteNull();
            r.WriteNullArray();
            r.WriteMapHeader(2);
            r.WriteSetHeader(2);
            r.WriteBoolean(true);
            r.WriteDouble(1.5);
            r.WriteBigNumber("7"u8);
        }));
    }

    [Fact]
    public void Simple_strings_errors_integers_and_bulks_are_exact()
    {
        Assert.Equal("+OK\r\n-ERR bad  thing\r\n-WRONGTYPE x\r\n:-42\r\n:9999\r\n:10000\r\n$5\r\nhello\r\n$0\r\n\r\n", Write(false, r =>
        {
            r.WriteOk();
            r.WriteError("bad\r\nthing");
            r.WriteError("-WRONGTYPE x");
            r.WriteInteger(-42);
            r.WriteInteger(9999);
            r.WriteInteger(10000);
            r.WriteBulk("hello"u8);
            r.WriteBulk(""u8);
        }));
    }

    [Fact]
    public void Verbatim_text_is_a_bulk_in_resp2_and_typed_in_resp3()
    {
        Assert.Equal("$2\r\nhi\r\n", Write(false, r => r.WriteVerbatim("hi"u8, "txt"u8)));
        Assert.Equal("=6\r\ntxt:hi\r\n", Write(true, r => r.WriteVerbatim("hi"u8, "txt"u8)));
    }

    [Fact]
    public void A_reply_larger_than_the_initial_buffer_grows_it_and_keeps_every_byte()
    {
        var big = new byte[5 * ReplyBuffer.InitialSize];
        new Random(1).NextBytes(big);
        using var reply = new ReplyBuffer();
        reply.WriteOk();
        reply.WriteBulk(big);
        var written = reply.Written.ToArray();
        Assert.Equal("+OK\r\n$81920\r\n", Encoding.ASCII.GetString(written, 0, 13));
        Assert.Equal(big, written.AsSpan(13, big.Length).ToArray());
        reply.Consume(10);
        Assert.Equal(written.Length - 10, reply.Pending);
    }

    [Theory]
    [InlineData(0.1, "0.10000000000000001")]
    [InlineData(17.0, "17")]
    [InlineData(1e20, "1e+20")]
    [InlineData(-2.5e-5, "-2.5000000000000001e-05")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Doubles_print_as_redis_7_0_prints_them(double value, string expected)
    {
        Assert.Equal(expected, RedisNumbers.FormatDouble(value));
    }
}
