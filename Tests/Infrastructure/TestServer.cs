using EventLoopKv.Server;
using EventLoopKv.Server.Configuration;
using EventLoopKv.Storage;

namespace EventLoopKv.Tests.Infrastructure;

/// <summary>
/// A real server in this process: the same <see cref="EventLoop"/> and sockets as production,
/// on an ephemeral 127.0.0.1 port, optionally with a hand-moved clock.
/// </summary>
public sealed class TestServer : IDisposable
{
    private readonly EventLoop _loop;

    internal TestServer(Clock? clock = null, Action<ServerConfig>? configure = null)
    {
        var config = new ServerConfig { Port = 0, Bind = ["127.0.0.1"], AppendOnly = false };
        configure?.Invoke(config);
        Server = new RedisServer(config, clock ?? SystemClock.Instance, new Log("warning", ""));
        if (config.AppendOnly) Server.Aof = EventLoopKv.Server.Aof.AppendOnlyFile.OpenAtStartup(Server);
        _loop = new EventLoop(Server);
        _loop.Listen();
        _loop.Start();
    }

    public static TestServer Start(Clock? clock = null) => new(clock);

    internal static TestServer Start(Action<ServerConfig> configure, Clock? clock = null) => new(clock, configure);

    internal RedisServer Server { get; }

    public int Port => _loop.Port;

    public RawConnection Connect() => new(Port);

    /// <summary>Runs <paramref name="action"/> on the loop thread and waits for it (tests inspecting state safely).</summary>
    internal T OnLoop<T>(Func<RedisServer, T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop.Post(() =>
        {
            try { done.SetResult(action(Server)); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task.Wait(TimeSpan.FromSeconds(10)) ? done.Task.Result : throw new TimeoutException("the loop did not run the action");
    }

    public void Dispose() => _loop.Dispose();
}
