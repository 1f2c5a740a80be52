using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace EventLoopKv.Protocol;

/// <summary>
/// A client's pending output: one contiguous pooled buffer that grows (by renting a larger one)
/// when a reply does not fit, so the loop can hand the kernel everything with one write per
/// client. It never blocks: the loop drains it when the socket is writable.
/// <para>
/// Writes RESP2 or RESP3 depending on <see cref="Resp3"/>: callers say what a reply <i>is</i>
/// (a null, a map, a double) and the buffer encodes it for the connection's protocol.
/// </para>
/// </summary>
public sealed class ReplyBuffer : IDisposable
{
    /// <summary>Redis PROTO_REPLY_CHUNK_BYTES: the size a client's reply buffer starts and settles at.</summary>
    public const int InitialSize = 16 * 1024;

    private byte[] _buffer;
    private int _length;
    private int _sent;

    public ReplyBuffer() => _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);

    public bool Resp3 { get; set; }

    /// <summary>Bytes written but not yet handed to the socket.</summary>
    public int Pending => _length - _sent;

    public ReadOnlySpan<byte> PendingSpan => _buffer.AsSpan(_sent, _length - _sent);

    /// <summary>Everything written since the last <see cref="Clear"/>, sent or not (tests, AOF replay).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Marks <paramref name="count"/> bytes as sent; when all are, the buffer starts over (shrinking if a huge reply grew it).</summary>
    public void Consume(int count)
    {
        _sent += count;
        if (_sent == _length) Clear();
    }

    public void Clear()
    {
        _sent = 0;
        _length = 0;
        if (_buffer.Length > 4 * InitialSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    /// <summary>Truncates back to a mark taken with <see cref="Mark"/> (a reply prepared and then withdrawn).</summary>
    public int Mark => _length;

    public void Truncate(int mark) => _length = Math.Max(mark, _sent);

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = _sent = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _length < size) Grow(size);
        return _buffer.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _length += count;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        // Compact first: bytes already sent need no room.
        var pending = _length - _sent;
        var needed = (long)pending + size;
        byte[] target = _buffer;
        if (needed > _buffer.Length)
        {
            var newSize = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2));
            target = ArrayPool<byte>.Shared.Rent(newSize);
        }
        Buffer.BlockCopy(_buffer, _sent, target, 0, pending);
        if (!ReferenceEquals(target, _buffer)) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = target;
        _length = pending;
        _sent = 0;
    }

    /// <summary>Raw protocol bytes, e.g. a shared <c>"+OK\r\n"u8</c> constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteOk() => WriteRaw(SharedReplies.Ok);

    /// <summary><c>+text\r\n</c>. The text must not hold CR or LF.</summary>
    public void WriteSimpleString(ReadOnlySpan<byte> text) => WriteLine((byte)'+', text);

    /// <summary>One protocol line: prefix, text, CRLF.</summary>
    private void WriteLine(byte prefix, ReadOnlySpan<byte> text)
    {
        var span = GetSpan(text.Length + 3);
        span[0] = prefix;
        text.CopyTo(span[1..]);
        span[text.Length + 1] = (byte)'\r';
        span[text.Length + 2] = (byte)'\n';
        _length += text.Length + 3;
    }

    public void WriteSimpleString(string text) => WriteLine((byte)'+', text);

    /// <summary>
    /// <c>-message\r\n</c>, following Redis's addReplyError: a message that starts with '-'
    /// carries its own code (<c>-WRONGTYPE ...</c>), any other gets <c>ERR </c>; CR and LF inside
    /// become spaces so one bad argument cannot break the protocol.
    /// </summary>
    public void WriteError(string message)
    {
        message = message.Replace('\r', ' ').Replace('\n', ' ');
        WriteLine((byte)'-', message.StartsWith('-') ? message[1..] : "ERR " + message);
    }

    /// <summary>A pre-built error line, <c>"-ERR ...\r\n"u8</c>.</summary>
    public void WriteError(ReadOnlySpan<byte> fullLine) => WriteRaw(fullLine);

    private void WriteLine(byte prefix, string text)
    {
        var max = text.Length * 3 + 3;
        var span = GetSpan(max);
        span[0] = prefix;
        var n = System.Text.Encoding.UTF8.GetBytes(text, span[1..]);
        span[n + 1] = (byte)'\r';
        span[n + 2] = (byte)'\n';
        _length += n + 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInteger(long value)
    {
        if ((ulong)value < (ulong)SharedReplies.SmallIntegerCount)
        {
            WriteRaw(SharedReplies.Integer((int)value));
            return;
        }
        WritePrefixedNumber((byte)':', value);
    }

    public void WriteArrayHeader(int count) => WritePrefixedNumber((byte)'*', count);

    /// <summary>A map of <paramref name="pairs"/> entries: <c>%n</c> in RESP3, a flat array of 2n in RESP2.</summary>
    public void WriteMapHeader(int pairs)
    {
        if (Resp3) WritePrefixedNumber((byte)'%', pairs);
        else WritePrefixedNumber((byte)'*', pairs * 2L);
    }

    /// <summary>A set: <c>~n</c> in RESP3, an array in RESP2.</summary>
    public void WriteSetHeader(int count) => WritePrefixedNumber(Resp3 ? (byte)'~' : (byte)'*', count);

    /// <summary>Out-of-band push (RESP3 <c>&gt;n</c>); RESP2 has only arrays.</summary>
    public void WritePushHeader(int count) => WritePrefixedNumber(Resp3 ? (byte)'>' : (byte)'*', count);

    /// <summary>The null bulk string: <c>$-1</c> in RESP2, <c>_</c> in RESP3.</summary>
    public void WriteNull() => WriteRaw(Resp3 ? SharedReplies.Resp3Null : SharedReplies.NullBulk);

    /// <summary>The null array: <c>*-1</c> in RESP2, <c>_</c> in RESP3.</summary>
    public void WriteNullArray() => WriteRaw(Resp3 ? SharedReplies.Resp3Null : SharedReplies.NullArray);

    public void WriteBoolean(bool value)
    {
        if (Resp3) WriteRaw(value ? "#t\r\n"u8 : "#f\r\n"u8);
        else WriteRaw(value ? SharedReplies.Integer(1) : SharedReplies.Integer(0));
    }

    /// <summary>A double as Redis 7.0 prints it (%.17g): a bulk string in RESP2, <c>,</c> in RESP3.</summary>
    public void WriteDouble(double value)
    {
        Span<byte> text = stackalloc byte[32];
        var n = RedisNumbers.FormatDouble(value, text);
        if (Resp3) WriteLine((byte)',', text[..n]);
        else WriteBulk(text[..n]);
    }

    /// <summary>A big number: <c>(</c> in RESP3, a bulk string in RESP2.</summary>
    public void WriteBigNumber(ReadOnlySpan<byte> digits)
    {
        if (!Resp3) WriteBulk(digits);
        else WriteLine((byte)'(', digits);
    }

    /// <summary>Verbatim text (<c>=len\r\ntxt:...</c>) in RESP3, a bulk string in RESP2 (INFO, CLIENT LIST).</summary>
    public void WriteVerbatim(ReadOnlySpan<byte> text, ReadOnlySpan<byte> format)
    {
        if (!Resp3) { WriteBulk(text); return; }
        WritePrefixedNumber((byte)'=', text.Length + 4);
        var span = GetSpan(text.Length + 6);
        format[..3].CopyTo(span);
        span[3] = (byte)':';
        text.CopyTo(span[4..]);
        span[text.Length + 4] = (byte)'\r';
        span[text.Length + 5] = (byte)'\n';
        _length += text.Length + 6;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBulk(ReadOnlySpan<byte> value)
    {
        // "$" + up to 10 digits + CRLF + body + CRLF
        var span = GetSpan(value.Length + 16);
        span[0] = (byte)'$';
        Utf8Formatter.TryFormat(value.Length, span[1..], out var digits);
        var p = digits + 1;
        span[p++] = (byte)'\r';
        span[p++] = (byte)'\n';
        value.CopyTo(span[p..]);
        p += value.Length;
        span[p++] = (byte)'\r';
        span[p++] = (byte)'\n';
        _length += p;
    }

    public void WriteBulk(string value) => WriteBulk(System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>An integer as a bulk string (INCRBYFLOAT-style replies, CONFIG GET values).</summary>
    public void WriteBulk(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var n);
        WriteBulk(digits[..n]);
    }

    private void WritePrefixedNumber(byte prefix, long value)
    {
        var span = GetSpan(24);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var n);
        span[n + 1] = (byte)'\r';
        span[n + 2] = (byte)'\n';
        _length += n + 3;
    }
}
