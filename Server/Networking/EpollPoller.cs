using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static EventLoopKv.Server.Networking.Native;

namespace EventLoopKv.Server.Networking;

/// <summary>
/// Linux epoll over raw non-blocking file descriptors, level-triggered like Redis's ae_epoll.
/// An eventfd in the same epoll set lets background threads wake the loop.
/// </summary>
internal sealed unsafe class EpollPoller : IPoller
{
    private const int MaxEvents = 1024;
    // struct epoll_event is packed (12 bytes) on x86-64 and naturally aligned (16) elsewhere.
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly int _epoll;
    private readonly int _wakeFd;
    private byte* _events;
    private readonly HashSet<int> _listeners = [];

    public EpollPoller()
    {
        _epoll = epoll_create1(EPOLL_CLOEXEC);
        if (_epoll < 0) throw Failure("epoll_create1");
        _wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (_wakeFd < 0) throw Failure("eventfd");
        Control(EPOLL_CTL_ADD, _wakeFd, EPOLLIN);
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * EventSize));
    }

    private static IOException Failure(string what) => Failure(what, Marshal.GetLastPInvokeError());

    private static IOException Failure(string what, int errno) => new($"{what}: {ErrorText(errno)}");

    private void Control(int op, int fd, uint events)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(long*)(ev + DataOffset) = fd;
        if (epoll_ctl(_epoll, op, fd, ev) < 0 && op != EPOLL_CTL_DEL) throw Failure("epoll_ctl");
    }

    public int Listen(IPAddress address, int port, int backlog)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) throw Failure("socket");
        var one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(int));
        if (v6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(int));
        var sockaddr = stackalloc byte[28];
        new Span<byte>(sockaddr, 28).Clear();
        var addressBytes = address.GetAddressBytes();
        *(ushort*)sockaddr = (ushort)(v6 ? AF_INET6 : AF_INET);
        sockaddr[2] = (byte)(port >> 8);
        sockaddr[3] = (byte)port;
        addressBytes.CopyTo(new Span<byte>(sockaddr + (v6 ? 8 : 4), addressBytes.Length));
        if (bind(fd, sockaddr, v6 ? 28 : 16) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Native.close(fd);
            throw Failure($"bind {address}:{port}", errno);
        }
        if (listen(fd, backlog) < 0) throw Failure("listen");
        Control(EPOLL_CTL_ADD, fd, EPOLLIN);
        _listeners.Add(fd);
        return fd;
    }

    public int LocalPort(int listener)
    {
        var sockaddr = stackalloc byte[28];
        var length = 28;
        if (getsockname(listener, sockaddr, &length) < 0) throw Failure("getsockname");
        return sockaddr[2] << 8 | sockaddr[3];
    }

    public bool IsListener(int handle) => _listeners.Contains(handle);

    public int Accept(int listener, out string peerAddress)
    {
        var sockaddr = stackalloc byte[28];
        var length = 28;
        var fd = accept4(listener, sockaddr, &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
        {
            peerAddress = "";
            return -1; // EAGAIN, or a connection that died in the backlog: nothing to serve
        }
        var one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
        peerAddress = FormatAddress(sockaddr);
        return fd;
    }

    private static string FormatAddress(byte* sockaddr)
    {
        var family = *(ushort*)sockaddr;
        var port = sockaddr[2] << 8 | sockaddr[3];
        if (family == AF_INET6)
            return $"{new IPAddress(new ReadOnlySpan<byte>(sockaddr + 8, 16))}:{port}";
        return $"{sockaddr[4]}.{sockaddr[5]}.{sockaddr[6]}.{sockaddr[7]}:{port}";
    }

    public int Wait(int timeoutMs, Span<PollEvent> events)
    {
        var max = Math.Min(events.Length, MaxEvents);
        var n = epoll_wait(_epoll, _events, max, timeoutMs);
        if (n < 0)
        {
            if (Marshal.GetLastPInvokeError() == EINTR) return 0;
            throw Failure("epoll_wait");
        }
        for (var i = 0; i < n; i++)
        {
            var ev = _events + i * EventSize;
            var flags = *(uint*)ev;
            var fd = (int)*(long*)(ev + DataOffset);
            if (fd == _wakeFd)
            {
                long counter;
                Native.read(_wakeFd, &counter, sizeof(long));
                events[i] = new PollEvent(IPoller.WakeHandle, true, false);
                continue;
            }
            // An error or hang-up is reported as readable: the read that follows sees it.
            var readable = (flags & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0;
            events[i] = new PollEvent(fd, readable, (flags & EPOLLOUT) != 0);
        }
        return n;
    }

    public void Register(int handle) => Control(EPOLL_CTL_ADD, handle, EPOLLIN);

    public void SetKeepAlive(int handle, int seconds)
    {
        int one = 1, interval = Math.Max(1, seconds / 3), count = 3;
        setsockopt(handle, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(int));
        setsockopt(handle, IPPROTO_TCP, TCP_KEEPIDLE, &seconds, sizeof(int));
        setsockopt(handle, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof(int));
        setsockopt(handle, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof(int));
    }

    public void SetWantWrite(int handle, bool wantWrite) =>
        Control(EPOLL_CTL_MOD, handle, wantWrite ? EPOLLIN | EPOLLOUT : EPOLLIN);

    public int Read(int handle, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var n = Native.read(handle, p, buffer.Length);
            if (n >= 0) return (int)n;
            var errno = Marshal.GetLastPInvokeError();
            return errno is EAGAIN or EINTR ? -1 : -2;
        }
    }

    public int Write(int handle, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            // send with MSG_NOSIGNAL: a peer that went away gives EPIPE, never a SIGPIPE that kills us.
            var n = send(handle, p, data.Length, MSG_NOSIGNAL);
            if (n >= 0) return (int)n;
            var errno = Marshal.GetLastPInvokeError();
            return errno is EAGAIN or EINTR ? -1 : -2;
        }
    }

    public void Close(int handle)
    {
        Control(EPOLL_CTL_DEL, handle, 0);
        _listeners.Remove(handle);
        Native.close(handle);
    }

    public void Wake()
    {
        long one = 1;
        Native.write(_wakeFd, &one, sizeof(long));
    }

    public void Dispose()
    {
        if (_events == null) return;
        foreach (var listener in _listeners) Native.close(listener);
        _listeners.Clear();
        Native.close(_wakeFd);
        Native.close(_epoll);
        NativeMemory.Free(_events);
        _events = null;
    }
}
