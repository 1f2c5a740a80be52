using System.Text;
using EventLoopKv.Protocol;

namespace EventLoopKv.Tests;

/// <summary>The resumable RESP parser, fed whole, byte by byte and in random splits.</summary>
public sealed class RequestParserTests
{
    /// <summary>Feeds <paramref name="input"/> in the given chunk sizes, as a client's reads would, and returns every command parsed.</summary>
    private static List<string[]> ParseInChunks(byte[] input, IEnumerable<int> chunkSizes)
    {
        var parser = new RequestParser();
        var args = new CommandArguments();
        var buffer = new byte[input.Length + 16];
        var end = 0;
        var position = 0;
        var commands = new List<string[]>();
        var offset = 0;
        foreach (var size in chunkSizes)
        {
            var take = Math.Min(size, input.Length - offset);
            Array.Copy(input, offset, buffer, end, take);
            offset += take;
            end += take;
            while (parser.TryParse(buffer, ref position, end, args, authenticated: true))
                commands.Add(Enumerable.Range(0, args.Count).Select(i => Encoding.UTF8.GetString(args[i])).ToArray());
            if (offset == input.Length) break;
        }
        Assert.Equal(input.Length, offset);
        return commands;
    }

    private static readonly byte[] Pipeline = Encoding.UTF8.GetBytes(
        "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n" +
        "PING\r\n" +
        "*2\r\n$3\r\nGET\r\n$0\r\n\r\n" +
        "*0\r\n" +
        "ECHO \"a b\" 'c\\'d' \"\\x41\\n\"\r\n" +
        "*1\r\n$4\r\nPING\r\n");

    private static readonly string[][] Expected =
    [
        ["SET", "key", "value"],
        ["PING"],
        ["GET", ""],
        ["ECHO", "a b", "c'd", "A\n"],
        ["PING"],
    ];

    [Fact]
    public void A_pipeline_parses_whole()
    {
        Assert.Equal(Expected, ParseInChunks(Pipeline, [Pipeline.Length]));
    }

    [Fact]
    public void A_pipeline_parses_when_it_arrives_one_byte_at_a_time()
    {
        Assert.Equal(Expected, ParseInChunks(Pipeline, Enumerable.Repeat(1, Pipeline.Length)));
    }

    [Fact]
    public void A_pipeline_parses_when_split_at_every_single_position()
    {
        for (var split = 1; split < Pipeline.Length; split++)
            Assert.Equal(Expected, ParseInChunks(Pipeline, [split, Pipeline.Length]));
    }

    [Fact]
    public void A_pipeline_parses_in_a_thousand_random_splits()
    {
        var random = new Random(12345);
        for (var trial = 0; trial < 1000; trial++)
        {
            var sizes = Enumerable.Range(0, Pipeline.Length).Select(_ => random.Next(1, 12)).ToList();
            Assert.Equal(Expected, ParseInChunks(Pipeline, sizes));
        }
    }

    [Fact]
    public void An_incomplete_frame_is_need_more_and_consumes_nothing_of_the_command()
    {
        var parser = new RequestParser();
        var args = new CommandArguments();
        var bytes = Encoding.UTF8.GetBytes("*2\r\n$3\r\nGET\r\n$5\r\nabc");
        var position = 0;
        Assert.False(parser.TryParse(bytes, ref position, bytes.Length, args, true));
        Assert.True(parser.InsideCommand);
        Assert.Equal(0, parser.CommandStart);
        Assert.Equal(4, parser.MissingBytes(position, bytes.Length)); // "de\r\n" still to come
    }

    [Theory]
    [InlineData("*1\r\n$x\r\n", "invalid bulk length")]
    [InlineData("*1\r\n$-1\r\n", "invalid bulk length")]
    [InlineData("*a\r\n", "invalid multibulk length")]
    [InlineData("*2147483648\r\n", "invalid multibulk length")]
    [InlineData("*1\r\n+PING\r\n", "expected '$', got '+'")]
    [InlineData("SET \"a b\r\n", "unbalanced quotes in request")]
    [InlineData("ECHO \"a\"b\r\n", "unbalanced quotes in request")]
    [InlineData("*1\r\n$536870913\r\n", "invalid bulk length")]
    public void Malformed_input_raises_redis_protocol_errors(string input, string message)
    {
        var parser = new RequestParser();
        var bytes = Encoding.UTF8.GetBytes(input);
        var position = 0;
        var error = Assert.Throws<RespProtocolException>(() => parser.TryParse(bytes, ref position, bytes.Length, new CommandArguments(), true));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_inline_command_longer_than_64_KB_without_newline_is_refused()
    {
        var bytes = Encoding.ASCII.GetBytes("SET k " + new string('x', 64 * 1024));
        var position = 0;
        var error = Assert.Throws<RespProtocolException>(() => new RequestParser().TryParse(bytes, ref position, bytes.Length, new CommandArguments(), true));
        Assert.Equal("too big inline request", error.Message);
    }

    [Fact]
    public void A_bulk_header_longer_than_64_KB_is_refused()
    {
        var bytes = Encoding.ASCII.GetBytes("*1\r\n$" + new string('1', 64 * 1024 + 1));
        var position = 0;
        var error = Assert.Throws<RespProtocolException>(() => new RequestParser().TryParse(bytes, ref position, bytes.Length, new CommandArguments(), true));
        Assert.Equal("too big bulk count string", error.Message);
    }

    [Fact]
    public void Before_auth_only_small_commands_are_accepted()
    {
        var many = Encoding.ASCII.GetBytes("*11\r\n");
        var position = 0;
        Assert.Equal("unauthenticated multibulk length",
            Assert.Throws<RespProtocolException>(() => new RequestParser().TryParse(many, ref position, many.Length, new CommandArguments(), false)).Message);
        var big = Encoding.ASCII.GetBytes("*1\r\n$16385\r\n");
        position = 0;
        Assert.Equal("unauthenticated bulk length",
            Assert.Throws<RespProtocolException>(() => new RequestParser().TryParse(big, ref position, big.Length, new CommandArguments(), false)).Message);
    }
}
