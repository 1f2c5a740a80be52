using System.Net.Sockets;
using System.Text;

namespace EventLoopKv.Tests.Infrastructure;

/// <summary>
/// A plain TCP connection that sends bytes and reads back exactly one RESP reply as raw bytes,
/// so tests assert on the wire format itself.
/// </summary>
public sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _buffer = [];

    public RawConnection(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10000 };
        _socket.Connect("127.0.0.1", port);
    }

    public void SendRaw(string text) => SendRaw(Encoding.UTF8.GetBytes(text));

    public void SendRaw(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Sends a command as a RESP multibulk frame.</summary>
    public void Send(params string[] args) => SendRaw(Encode(args));

    public static byte[] Encode(params string[] args)
    {
        var text = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var a in args) text.Append('$').Append(Encoding.UTF8.GetByteCount(a)).Append("\r\n").Append(a).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Sends a command and returns its reply's raw text.</summary>
    public string Call(params string[] args)
    {
        Send(args);
        return ReadReply();
    }

    /// <summary>Reads one complete reply (of any RESP2/RESP3 type) and returns its exact bytes as text.</summary>
    public string ReadReply()
    {
        while (true)
        {
            var length = RespReader.CompleteLength(_buffer);
            if (length > 0)
            {
                var reply = Encoding.UTF8.GetString(_buffer.GetRange(0, length).ToArray());
                _buffer.RemoveRange(0, length);
                return reply;
            }
            var chunk = new byte[65536];
            var n = _socket.Receive(chunk);
            if (n == 0) throw new IOException($"connection closed; unparsed: {Encoding.UTF8.GetString(_buffer.ToArray())}");
            _buffer.AddRange(chunk.AsSpan(0, n));
        }
    }

    /// <summary>True when reply bytes are waiting, or arrive within <paramref name="timeoutMs"/>; nothing is consumed.</summary>
    public bool ReplyArrivesWithin(int timeoutMs) =>
        _buffer.Count > 0 || _socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);

    /// <summary>True when the server closed the connection (reads end of stream) within the timeout.</summary>
    public bool IsClosedByServer(int timeoutMs = 5000)
    {
        _socket.ReceiveTimeout = timeoutMs;
        try
        {
            var chunk = new byte[1024];
            while (true)
            {
                var n = _socket.Receive(chunk);
                if (n == 0) return true;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>Finds where one RESP value ends; 0 when it is not complete yet.</summary>
public static class RespReader
{
    public static int CompleteLength(IReadOnlyList<byte> data) => Parse(data, 0);

    private static int Parse(IReadOnlyList<byte> data, int start)
    {
        var lineEnd = FindCrlf(data, start);
        if (lineEnd < 0) return 0;
        var type = (char)data[start];
        var header = Encoding.ASCII.GetString(data.Skip(start + 1).Take(lineEnd - start - 1).ToArray());
        var next = lineEnd + 2;
        switch (type)
        {
            case '+' or '-' or ':' or '_' or ',' or '#' or '(':
                return next;
            case '$' or '=' or '!':
            {
                var length = long.Parse(header);
                if (length < 0) return next;
                return data.Count >= next + length + 2 ? (int)(next + length + 2) : 0;
            }
            case '*' or '~' or '>' or '%' or '|':
            {
                var count = long.Parse(header);
                if (count < 0) return next;
                if (type is '%' or '|') count *= 2;
                var position = next;
                for (var i = 0; i < count; i++)
                {
                    var end = Parse(data, position);
                    if (end == 0) return 0;
                    position = end;
                }
                return position;
            }
            default:
                // An inline reply of unknown type: treat the line as the whole reply.
                return next;
        }
    }

    private static int FindCrlf(IReadOnlyList<byte> data, int start)
    {
        for (var i = start; i + 1 < data.Count; i++)
            if (data[i] == '\r' && data[i + 1] == '\n') return i;
        return -1;
    }
}
