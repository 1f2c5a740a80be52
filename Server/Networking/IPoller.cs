using System.Net;

namespace EventLoopKv.Server.Networking;

/// <summary>What the poller says about one handle after a wait.</summary>
internal readonly record struct PollEvent(int Handle, bool Readable, bool Writable);

/// <summary>
/// Readiness polling and non-blocking socket IO over integer handles, so the event loop is the
/// same on every OS: <see cref="EpollPoller"/> is the Linux fast path (epoll and raw fds),
/// <see cref="PortablePoller"/> uses .NET sockets and Socket.Select elsewhere.
/// All members but <see cref="Wake"/> are called from the loop thread only.
/// </summary>
internal interface IPoller : IDisposable
{
    /// <summary>The handle reported when <see cref="Wake"/> was called from another thread.</summary>
    const int WakeHandle = -2;

    /// <summary>Binds and listens; returns the listener handle. Throws <see cref="IOException"/> with the OS's reason.</summary>
    int Listen(IPAddress address, int port, int backlog);

    int LocalPort(int listener);

    bool IsListener(int handle);

    /// <summary>Accepts one pending connection (non-blocking, TCP_NODELAY), or returns -1 when none is waiting.</summary>
    int Accept(int listener, out string peerAddress);

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1 = forever) and returns how many events were stored.</summary>
    int Wait(int timeoutMs, Span<PollEvent> events);

    void Register(int handle);

    /// <summary>
    /// TCP keepalive as Redis's anetKeepAlive sets it (tcp-keepalive): probes start after
    /// <paramref name="seconds"/> idle, every seconds/3, and 3 unanswered ones close the connection.
    /// </summary>
    void SetKeepAlive(int handle, int seconds);

    /// <summary>Turns interest in writability on or off (only while a reply is partly written).</summary>
    void SetWantWrite(int handle, bool wantWrite);

    /// <summary>Bytes read; 0 at end of stream; -1 would block; -2 on a connection error.</summary>
    int Read(int handle, Span<byte> buffer);

    /// <summary>Bytes written; -1 would block; -2 on a connection error.</summary>
    int Write(int handle, ReadOnlySpan<byte> data);

    void Close(int handle);

    /// <summary>Interrupts a <see cref="Wait"/> from any thread (a background thread finished work).</summary>
    void Wake();
}
