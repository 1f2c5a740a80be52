using System.Buffers.Text;

namespace EventLoopKv.Protocol;

/// <summary>
/// Resumable RESP request parser: multibulk (<c>*2\r\n$3\r\nGET\r\n$1\r\nk\r\n</c>) and inline
/// (<c>GET k\r\n</c>) commands, as Redis's processMultibulkBuffer/processInlineBuffer.
/// <para>
/// Like Redis it keeps its place on the client (the multibulk count still to read, the length of
/// the bulk it waits for) so a frame split at any byte resumes where it stopped: bytes already
/// parsed are never scanned again, which keeps a 512 MB bulk arriving in 16 KB reads linear.
/// <see cref="TryParse"/> returns false for "need more bytes" and throws
/// <see cref="RespProtocolException"/> for input that can never be valid.
/// </para>
/// </summary>
public sealed class RequestParser
{
    /// <summary>Redis PROTO_INLINE_MAX_SIZE: the longest inline command or header line.</summary>
    public const int InlineMaxSize = 64 * 1024;
    /// <summary>Before AUTH Redis accepts only tiny commands, so a stranger cannot make it allocate.</summary>
    private const int UnauthenticatedMaxArgs = 10;
    private const int UnauthenticatedMaxBulk = 16384;

    private int _argsRemaining;   // > 0 while inside a multibulk frame
    private int _bulkLength = -1; // length of the bulk whose body we wait for; -1 = expect '$'

    /// <summary>Where the command being parsed starts; the client keeps these bytes when it compacts.</summary>
    public int CommandStart { get; private set; }

    public bool InsideCommand => _argsRemaining > 0;

    /// <summary>Bytes the current bulk still needs beyond <paramref name="end"/>; lets the client size its buffer once.</summary>
    public long MissingBytes(int position, int end) =>
        _argsRemaining > 0 && _bulkLength >= 0 ? Math.Max(0, (long)_bulkLength + 2 - (end - position)) : 0;

    public long MaxBulkLength { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Parses the next complete command from <paramref name="buffer"/>[<paramref name="position"/>..<paramref name="end"/>).
    /// On true, <paramref name="args"/> holds its arguments and <paramref name="position"/> points past it.
    /// On false, everything complete so far is consumed and the state waits for more bytes.
    /// </summary>
    public bool TryParse(byte[] buffer, ref int position, int end, CommandArguments args, bool authenticated)
    {
        while (true)
        {
            if (_argsRemaining == 0)
            {
                if (position >= end) return false;
                CommandStart = position;
                args.Reset(buffer);
                if (buffer[position] != (byte)'*')
                {
                    var parsed = TryParseInline(buffer, ref position, end, args);
                    if (parsed == InlineResult.NeedMore) return false;
                    if (parsed == InlineResult.Empty) continue;
                    return true;
                }

                var lineEnd = FindLineEnd(buffer, position, end, "too big mbulk count string");
                if (lineEnd < 0) return false;
                if (!Utf8Parser.TryParse(buffer.AsSpan(position + 1, lineEnd - position - 1), out long count, out var used)
                    || used != lineEnd - position - 1 || count > int.MaxValue)
                    throw new RespProtocolException("invalid multibulk length");
                if (!authenticated && count > UnauthenticatedMaxArgs)
                    throw new RespProtocolException("unauthenticated multibulk length");
                position = lineEnd + 2;
                if (count <= 0) continue; // "*0\r\n" and "*-1\r\n" are empty commands: skipped
                _argsRemaining = (int)count;
                args.EnsureCapacity((int)Math.Min(count, 1024));
            }

            while (_argsRemaining > 0)
            {
                if (_bulkLength < 0)
                {
                    if (position >= end) return false;
                    if (buffer[position] != (byte)'$')
                        throw new RespProtocolException($"expected '$', got '{(char)buffer[position]}'");
                    var lineEnd = FindLineEnd(buffer, position, end, "too big bulk count string");
                    if (lineEnd < 0) return false;
                    if (!Utf8Parser.TryParse(buffer.AsSpan(position + 1, lineEnd - position - 1), out long length, out var used)
                        || used != lineEnd - position - 1 || length < 0 || length > MaxBulkLength)
                        throw new RespProtocolException("invalid bulk length");
                    if (!authenticated && length > UnauthenticatedMaxBulk)
                        throw new RespProtocolException("unauthenticated bulk length");
                    position = lineEnd + 2;
                    _bulkLength = (int)length;
                }

                if (end - position < (long)_bulkLength + 2) return false;
                args.Add(position, _bulkLength);
                position += _bulkLength + 2; // like Redis, the two bytes after a bulk are taken as CRLF unchecked
                _bulkLength = -1;
                _argsRemaining--;
            }
            return true;
        }
    }

    /// <summary>The client moved the unconsumed bytes <paramref name="shift"/> bytes down (or into a new buffer).</summary>
    public void Rebase(byte[] buffer, int shift, CommandArguments args)
    {
        CommandStart -= shift;
        if (_argsRemaining > 0) args.Rebase(buffer, shift);
    }

    public void Reset()
    {
        _argsRemaining = 0;
        _bulkLength = -1;
        CommandStart = 0;
    }

    /// <summary>Index of the '\r' ending a header line, or -1 when the line is not complete yet.</summary>
    private static int FindLineEnd(byte[] buffer, int position, int end, string tooBigMessage)
    {
        var cr = buffer.AsSpan(position, end - position).IndexOf((byte)'\r');
        if (cr < 0)
        {
            if (end - position > InlineMaxSize) throw new RespProtocolException(tooBigMessage);
            return -1;
        }
        if (cr + 1 >= end - position) return -1; // the '\n' has not arrived
        return position + cr;
    }

    private enum InlineResult { NeedMore, Empty, Command }

    private static InlineResult TryParseInline(byte[] buffer, ref int position, int end, CommandArguments args)
    {
        var newline = buffer.AsSpan(position, end - position).IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (end - position > InlineMaxSize) throw new RespProtocolException("too big inline request");
            return InlineResult.NeedMore;
        }
        var lineStart = position;
        var lineEnd = position + newline;
        if (lineEnd > lineStart && buffer[lineEnd - 1] == (byte)'\r') lineEnd--;
        position += newline + 1;
        if (!InlineSplitter.Split(buffer, lineStart, lineEnd, args))
            throw new RespProtocolException("unbalanced quotes in request");
        return args.Count == 0 ? InlineResult.Empty : InlineResult.Command;
    }
}
