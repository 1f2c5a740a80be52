using System.Net;
using System.Net.Sockets;

namespace EventLoopKv.Server.Networking;

/// <summary>
/// The poller for operating systems without epoll (Windows, macOS): .NET sockets in
/// non-blocking mode and Socket.Select. Correct, not fast; Linux uses <see cref="EpollPoller"/>.
/// A loopback socket pair stands in for the eventfd that wakes the loop.
/// </summary>
internal sealed class PortablePoller : IPoller
{
    private readonly Dictionary<int, Socket> _sockets = [];
    private readonly Dictionary<Socket, int> _handles = [];
    private readonly HashSet<int> _listeners = [];
    private readonly HashSet<int> _wantWrite = [];
    private readonly Socket _wakeReader;
    private readonly Socket _wakeWriter;
    private int _nextHandle = 1;

    public PortablePoller()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _wakeWriter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _wakeWriter.Connect(listener.LocalEndPoint!);
        _wakeReader = listener.Accept();
        _wakeReader.Blocking = false;
    }

    private int Add(Socket socket)
    {
        var handle = _nextHandle++;
        _sockets[handle] = socket;
        _handles[socket] = handle;
        return handle;
    }

    public int Listen(IPAddress address, int port, int backlog)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(backlog);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"bind {address}:{port}: {e.Message}");
        }
        socket.Blocking = false;
        var handle = Add(socket);
        _listeners.Add(handle);
        return handle;
    }

    public int LocalPort(int listener) => ((IPEndPoint)_sockets[listener].LocalEndPoint!).Port;

    public bool IsListener(int handle) => _listeners.Contains(handle);

    public int Accept(int listener, out string peerAddress)
    {
        peerAddress = "";
        try
        {
            var socket = _sockets[listener].Accept();
            socket.Blocking = false;
            socket.NoDelay = true;
            peerAddress = socket.RemoteEndPoint?.ToString() ?? "";
            return Add(socket);
        }
        catch (SocketException)
        {
            return -1;
        }
    }

    public int Wait(int timeoutMs, Span<PollEvent> events)
    {
        var read = new List<Socket>(_sockets.Count + 1) { _wakeReader };
        read.AddRange(_sockets.Values);
        var write = _wantWrite.Select(h => _sockets[h]).ToList();
        var error = new List<Socket>(_sockets.Values);
        Socket.Select(read, write.Count > 0 ? write : null, error, timeoutMs < 0 ? -1 : timeoutMs * 1000);
        var n = 0;
        var byHandle = new Dictionary<int, (bool Read, bool Write)>();
        foreach (var socket in read.Concat(error))
        {
            if (socket == _wakeReader)
            {
                var drain = new byte[64];
                try { while (_wakeReader.Available > 0) _wakeReader.Receive(drain); } catch (SocketException) { }
                if (n < events.Length) events[n++] = new PollEvent(IPoller.WakeHandle, true, false);
                continue;
            }
            if (_handles.TryGetValue(socket, out var h)) byHandle[h] = (true, byHandle.GetValueOrDefault(h).Write);
        }
        foreach (var socket in write)
            if (_handles.TryGetValue(socket, out var h)) byHandle[h] = (byHandle.GetValueOrDefault(h).Read, true);
        foreach (var (handle, ready) in byHandle)
        {
            if (n == events.Length) break;
            events[n++] = new PollEvent(handle, ready.Read, ready.Write);
        }
        return n;
    }

    public void Register(int handle) { }

    public void SetKeepAlive(int handle, int seconds)
    {
        var socket = _sockets[handle];
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, seconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Math.Max(1, seconds / 3));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }

    public void SetWantWrite(int handle, bool wantWrite)
    {
        if (wantWrite) _wantWrite.Add(handle);
        else _wantWrite.Remove(handle);
    }

    public int Read(int handle, Span<byte> buffer)
    {
        var n = _sockets[handle].Receive(buffer, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => n,
            SocketError.WouldBlock or SocketError.Interrupted => -1,
            _ => -2,
        };
    }

    public int Write(int handle, ReadOnlySpan<byte> data)
    {
        var n = _sockets[handle].Send(data, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => n,
            SocketError.WouldBlock or SocketError.Interrupted => -1,
            _ => -2,
        };
    }

    public void Close(int handle)
    {
        if (!_sockets.Remove(handle, out var socket)) return;
        _handles.Remove(socket);
        _listeners.Remove(handle);
        _wantWrite.Remove(handle);
        socket.Dispose();
    }

    public void Wake()
    {
        try { _wakeWriter.Send([1]); } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets.Values) socket.Dispose();
        _sockets.Clear();
        _wakeReader.Dispose();
        _wakeWriter.Dispose();
    }
}
