using System.Diagnostics;
using EventLoopKv.Protocol;
using EventLoopKv.Server.Networking;
using Microsoft.Extensions.ObjectPool;

namespace EventLoopKv.Server;

/// <summary>
/// The event loop (Redis's ae.c with networking.c's read/write paths): one dedicated thread,
/// named "eventloop", that owns every socket and runs every command.
/// <para>
/// Each iteration: wait for readiness; accept new connections; for each readable client read
/// once into its receive buffer and run every complete command in it (pipelining); run the cron
/// when due; then, before sleeping again, write each client's pending replies with one write per
/// client, asking for writability only when a write was partial.
/// </para>
/// </summary>
internal sealed class EventLoop : IDisposable
{
    private readonly RedisServer _server;
    private readonly IPoller _poller;
    private readonly Dictionary<int, Client> _byHandle = [];
    private readonly List<Client> _pendingWrites = [];
    private readonly List<Client> _unblocked = [];
    /// <summary>Clients whose replies wait for an AOF fsync (appendfsync always).</summary>
    private readonly HashSet<Client> _held = [];
    private readonly List<int> _listeners = [];
    private readonly PollEvent[] _events = new PollEvent[1024];
    private readonly ObjectPool<Client> _clientPool = new DefaultObjectPool<Client>(new ClientPoolPolicy(), 1024);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopped = new(false);
    private volatile bool _stopRequested;
    private long _nextCronTicks;

    /// <summary>Work queued by background threads, run on the loop thread after a wake-up.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _completions = new();

    public EventLoop(RedisServer server, IPoller? poller = null)
    {
        _server = server;
        _poller = poller ?? (OperatingSystem.IsLinux() ? new EpollPoller() : new PortablePoller());
        _thread = new Thread(Run) { Name = "eventloop", IsBackground = true };
        server.Loop = this;
    }

    /// <summary>The port actually bound (useful with --port 0).</summary>
    public int Port { get; private set; }

    /// <summary>Binds every --bind address. Throws <see cref="IOException"/> naming the address on failure.</summary>
    public void Listen()
    {
        var config = _server.Config;
        foreach (var (address, optional) in config.BindAddresses())
        {
            try
            {
                var listener = _poller.Listen(address, Port != 0 ? Port : config.Port, config.TcpBacklog);
                _listeners.Add(listener);
                if (Port == 0) Port = _poller.LocalPort(listener);
            }
            catch (IOException) when (optional)
            {
                // "-::1" style addresses are optional in Redis: skip what this host lacks.
            }
        }
        _server.Port = Port;
    }

    public void Start() => _thread.Start();

    /// <summary>Asks the loop to finish its iteration and stop (any thread, e.g. a signal handler).</summary>
    public void Stop()
    {
        _stopRequested = true;
        _poller.Wake();
    }

    public void WaitForExit() => _stopped.Wait();

    /// <summary>True when called on the loop thread itself.</summary>
    public bool OnLoopThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>
    /// Runs <paramref name="work"/> on the loop thread: soon when called from another thread
    /// (background threads report completions this way), at once when called on the loop.
    /// </summary>
    public void Post(Action work)
    {
        if (OnLoopThread)
        {
            work();
            return;
        }
        _completions.Enqueue(work);
        _poller.Wake();
    }

    private void Run()
    {
        try
        {
            _nextCronTicks = Environment.TickCount64;
            var served = false;
            while (!_stopRequested && _server.ShutdownReason is null)
            {
                var timeout = (int)Math.Max(0, _nextCronTicks - Environment.TickCount64);
                var count = served ? BusyPoll() : 0;
                if (count == 0) count = _poller.Wait(timeout, _events);
                served = count > 0;
                _server.RefreshCachedTime();
                for (var i = 0; i < count; i++) HandleEvent(_events[i]);
                if (Environment.TickCount64 >= _nextCronTicks) Cron();
                BeforeSleep();
            }
            if (_server.ShutdownReason is { } reason) _server.Log.Warning(reason);
            CloseAll();
            // The last batch is written and fsynced before the process may exit.
            _server.Aof?.Dispose();
            _server.Aof = null;
        }
        catch (Exception e)
        {
            // A bug in the loop itself: fail fast and loudly rather than serve from a broken state.
            _server.Log.Warning($"Event loop crashed: {e}");
            Environment.FailFast("EventLoopKv event loop crashed", e);
        }
        finally
        {
            _stopped.Set();
        }
    }

    /// <summary>
    /// After an iteration that served events, poll without sleeping for up to busy-poll-us
    /// (20 by default): under load the next request usually arrives within microseconds, and a
    /// thread asleep in epoll_wait makes every client's send pay for waking it (an IPI, on a
    /// virtual machine an exit to the host). Measured on the 2-core VM of the README, one
    /// vs-redis.py run: PING -P 16 at 0.93-1.0x redis-server without it, 1.03-1.09x with it,
    /// pipeline-1 rows unchanged. A poll that finds nothing backs off: the next 1, 2, 4 ... 64
    /// iterations sleep at once, so a lightly loaded server spends at most about one poll in
    /// 64 iterations spinning, and an idle one none.
    /// </summary>
    private int BusyPoll()
    {
        var budget = _server.Config.BusyPollMicroseconds;
        if (budget <= 0) return 0;
        if (_busyPollSkips > 0)
        {
            _busyPollSkips--;
            return 0;
        }
        var until = Stopwatch.GetTimestamp() + budget * Stopwatch.Frequency / 1_000_000;
        int count;
        while ((count = _poller.Wait(0, _events)) == 0 && Stopwatch.GetTimestamp() < until) { }
        if (count > 0)
        {
            _busyPollBackoff = 1;
            return count;
        }
        _busyPollSkips = _busyPollBackoff;
        _busyPollBackoff = Math.Min(_busyPollBackoff * 2, 64);
        return 0;
    }

    /// <summary>Iterations left that sleep at once after a busy poll found nothing, and the next such penalty.</summary>
    private int _busyPollSkips, _busyPollBackoff = 1;

    private void HandleEvent(PollEvent ev)
    {
        if (ev.Handle == IPoller.WakeHandle)
        {
            while (_completions.TryDequeue(out var work)) work();
            return;
        }
        // Clients first: almost every event is one.
        if (!_byHandle.TryGetValue(ev.Handle, out var client))
        {
            if (_poller.IsListener(ev.Handle)) AcceptAll(ev.Handle);
            return;
        }
        if (ev.Writable) WriteReplies(client);
        if (ev.Readable && !client.Closed) ReadAndProcess(client);
    }

    private void AcceptAll(int listener)
    {
        // Redis accepts up to 1000 connections per event (MAX_ACCEPTS_PER_CALL).
        for (var i = 0; i < 1000; i++)
        {
            var handle = _poller.Accept(listener, out var peer);
            if (handle < 0) return;
            _server.Stats.ConnectionsReceived++;
            if (_server.ClientCount >= _server.Config.MaxClients)
            {
                _poller.Write(handle, "-ERR max number of clients reached\r\n"u8);
                _poller.Close(handle);
                _server.Stats.RejectedConnections++;
                continue;
            }
            if (_server.Config.ProtectedMode && _server.Config.RequirePass.Length == 0 && !IsLoopback(peer))
            {
                _poller.Write(handle, ProtectedModeDenied);
                _poller.Close(handle);
                continue;
            }
            if (_server.Config.TcpKeepAlive > 0) _poller.SetKeepAlive(handle, _server.Config.TcpKeepAlive);
            _poller.Register(handle);
            var client = _clientPool.Get();
            client.Start(_server, _server.NextClientId(), handle, peer, _server.Clock.UnixTimeMilliseconds());
            _byHandle[handle] = client;
            _server.AddClient(client);
        }
    }

    /// <summary>Redis 7.0's reply to a client from another host while protected-mode is on and no password is set.</summary>
    private static ReadOnlySpan<byte> ProtectedModeDenied => "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n"u8;

    /// <summary>Whether a peer ("127.0.0.1:5000", "::1:5000", "[::1]:5000") is on the loopback interface.</summary>
    internal static bool IsLoopback(string peer)
    {
        var colon = peer.LastIndexOf(':');
        var host = (colon > 0 ? peer[..colon] : peer).Trim('[', ']');
        return System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address);
    }

    private void ReadAndProcess(Client client)
    {
        var space = client.ReceiveSpace();
        var n = _poller.Read(client.Handle, space);
        if (n == -1) return;
        if (n <= 0)
        {
            Close(client);
            return;
        }
        client.Received(n);
        _server.Stats.NetInputBytes += n;
        client.LastInteractionMs = _server.CachedNowMs;
        if (client.QueryBufferLength > _server.Config.ClientQueryBufferLimit)
        {
            _server.Log.Warning($"Closing client {client.Id} ({client.PeerAddress}) that reached max query buffer length");
            Close(client);
            return;
        }
        ProcessInput(client);
    }

    /// <summary>Runs every complete command in the client's buffer; a malformed one ends the connection.</summary>
    public void ProcessInput(Client client)
    {
        client.Parser.MaxBulkLength = _server.Config.ProtoMaxBulkLen;
        try
        {
            while (!client.CloseAfterReply && client.Blocked is null && client.TryParseCommand())
            {
                _server.Execute(client);
                if (_server.ShutdownReason is not null) break;
            }
        }
        catch (RespProtocolException e)
        {
            client.Reply.WriteError($"Protocol error: {e.Message}");
            client.CloseAfterReply = true;
            _server.Log.Verbose($"Protocol error ({e.Message}) from client id={client.Id} addr={client.PeerAddress}");
        }
        if (client.Reply.Pending > 0 || client.CloseAfterReply) QueueWrite(client);
    }

    public void QueueWrite(Client client)
    {
        if (client.QueuedForWrite || client.Closed) return;
        client.QueuedForWrite = true;
        _pendingWrites.Add(client);
    }

    /// <summary>A blocked client was served or timed out: its reply goes out and its queued input runs before the loop sleeps.</summary>
    public void Unblocked(Client client)
    {
        _unblocked.Add(client);
        QueueWrite(client);
    }

    /// <summary>Redis beforeSleep / handleClientsWithPendingWrites: one write per client, then sleep.</summary>
    private void BeforeSleep()
    {
        // Redis processUnblockedClients: input that arrived while a client was blocked runs now.
        for (var i = 0; i < _unblocked.Count; i++)
            if (!_unblocked[i].Closed && _unblocked[i].Blocked is null) ProcessInput(_unblocked[i]);
        _unblocked.Clear();
        // Durability before replies (Redis flushAppendOnlyFile before handleClientsWithPendingWrites):
        // the batch goes to the writer; under appendfsync always replies wait for its fsync.
        var holdUntil = _server.Aof?.BeforeSleep() ?? 0;
        var synced = _server.Aof?.SyncedSequence ?? long.MaxValue;
        for (var i = 0; i < _pendingWrites.Count; i++)
        {
            var client = _pendingWrites[i];
            client.QueuedForWrite = false;
            if (client.Closed) continue;
            if (holdUntil > client.AwaitingFsync) client.AwaitingFsync = holdUntil;
            if (client.AwaitingFsync > synced)
            {
                _held.Add(client);
                continue;
            }
            WriteReplies(client);
        }
        _pendingWrites.Clear();
    }

    /// <summary>The AOF writer made batches up to <paramref name="synced"/> durable: their replies may go.</summary>
    public void ReleaseHeldReplies(long synced)
    {
        if (_held.Count == 0) return;
        foreach (var client in _held.Where(c => c.AwaitingFsync <= synced).ToList())
        {
            _held.Remove(client);
            QueueWrite(client);
        }
    }

    private void WriteReplies(Client client)
    {
        if (client.AwaitingFsync > (_server.Aof?.SyncedSequence ?? long.MaxValue)) return; // not durable yet
        var reply = client.Reply;
        if (reply.Pending > 0)
        {
            var n = _poller.Write(client.Handle, reply.PendingSpan);
            if (n == -2)
            {
                Close(client);
                return;
            }
            if (n > 0)
            {
                reply.Consume(n);
                _server.Stats.NetOutputBytes += n;
            }
        }
        var partial = reply.Pending > 0;
        if (partial != client.WantsWrite)
        {
            _poller.SetWantWrite(client.Handle, partial);
            client.WantsWrite = partial;
        }
        if (!partial && client.CloseAfterReply) Close(client);
    }

    private void Close(Client client)
    {
        if (client.Closed) return;
        client.Closed = true;
        _server.Blocking.Remove(client);
        _server.Watches.Unwatch(client);
        _held.Remove(client);
        _byHandle.Remove(client.Handle);
        _server.RemoveClient(client);
        _poller.Close(client.Handle);
        _clientPool.Return(client);
    }

    /// <summary>Redis serverCron: active expiry, idle clients, statistics; runs --hz times a second.</summary>
    private void Cron()
    {
        var period = 1000 / Math.Max(1, _server.Config.Hz);
        _nextCronTicks = Environment.TickCount64 + period;
        _server.ActiveExpireCycle(period * 1000L / 4);
        _server.Blocking.ReplyToTimedOut(_server.Clock.UnixTimeMilliseconds());
        _server.Aof?.Cron();
        if (_server.Config.Timeout > 0) CloseIdleClients();
        _server.Stats.Sample();
    }

    private void CloseIdleClients()
    {
        var limit = _server.Clock.UnixTimeMilliseconds() - _server.Config.Timeout * 1000L;
        // Blocked clients are waiting on purpose: Redis does not time them out as idle.
        foreach (var client in _server.Clients.Where(c => c.LastInteractionMs < limit && c.Blocked is null).ToList())
        {
            _server.Log.Verbose($"Closing idle client id={client.Id}");
            Close(client);
        }
    }

    private void CloseAll()
    {
        BeforeSleep();
        foreach (var client in _byHandle.Values.ToList()) Close(client);
        foreach (var listener in _listeners) _poller.Close(listener);
        _listeners.Clear();
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Stop();
        if (_thread.IsAlive) _stopped.Wait(TimeSpan.FromSeconds(10));
        _poller.Dispose();
    }

    private sealed class ClientPoolPolicy : PooledObjectPolicy<Client>
    {
        public override Client Create() => new();

        public override bool Return(Client client)
        {
            client.Reset();
            return true;
        }
    }
}
