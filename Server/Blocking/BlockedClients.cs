using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Blocking;

/// <summary>What a blocked client waits for: its keys, its deadline and the command to run again.</summary>
internal sealed class BlockedState(byte[][] command, List<DbKey> keys, long deadlineMs)
{
    public byte[][] Command { get; } = command;
    public List<DbKey> Keys { get; } = keys;
    /// <summary>Unix ms at which the client gets its null reply; 0 waits forever.</summary>
    public long DeadlineMs { get; } = deadlineMs;
}

/// <summary>
/// Blocking commands (BLPOP, BZPOPMIN, XREAD BLOCK...) served by the loop thread alone, on
/// Redis's model: a client that cannot be served is parked on its keys, in arrival order; a
/// write that makes a key ready (a push, a new key) puts it on the ready list; after the command
/// that did so, each client parked on a ready key runs its blocking command again, first come
/// first served, until one cannot be served. The cron times clients out.
/// <para>
/// Running the command again means each handler holds its own "serve" logic once: it either
/// serves the client or calls <see cref="Block"/> again.
/// </para>
/// </summary>
internal sealed class BlockedClients(RedisServer server)
{
    private readonly Dictionary<DbKey, LinkedList<Client>> _waiting = [];
    private readonly List<DbKey> _ready = [];
    private readonly HashSet<DbKey> _readySet = [];
    private readonly HashSet<Client> _blocked = [];
    private bool _serving;

    public int Count => _blocked.Count;

    /// <summary>
    /// Redis getTimeoutFromObjectOrReply: seconds as a float, 0 = forever. Returns the absolute
    /// deadline in Unix ms (0 for none), or false after replying with the error.
    /// </summary>
    public bool TryParseTimeout(Client client, int index, out long deadlineMs)
    {
        deadlineMs = 0;
        if (!RedisNumbers.TryParseDouble(client.Args[index], out var seconds) || double.IsInfinity(seconds) || seconds * 1000 > long.MaxValue / 2)
        {
            client.Reply.WriteError("timeout is not a float or out of range");
            return false;
        }
        // Redis rounds up to whole milliseconds first: -0.0001 becomes 0 (wait forever), not an error.
        var milliseconds = (long)Math.Ceiling(seconds * 1000);
        if (milliseconds < 0)
        {
            client.Reply.WriteError("timeout is negative");
            return false;
        }
        if (milliseconds > 0) deadlineMs = server.Clock.UnixTimeMilliseconds() + milliseconds;
        return true;
    }

    /// <summary>
    /// Parks <paramref name="client"/> on <paramref name="keys"/> of its current database. Inside
    /// MULTI/EXEC a blocking command cannot wait, so it answers as if it timed out at once.
    /// <paramref name="replay"/> replaces the command run when a key becomes ready (XREAD turns
    /// "$" into the ID it stood for when the client blocked).
    /// </summary>
    public void Block(Client client, IEnumerable<byte[]> keys, long deadlineMs, byte[][]? replay = null)
    {
        if (client.InExec)
        {
            client.Reply.WriteNullArray();
            return;
        }
        var rerun = client.Rerun; // set while the command runs again after a wake-up
        var command = replay ?? rerun?.Command ?? client.CopyArgs();
        var dbKeys = keys.Select(k => new DbKey(client.DbIndex, k)).Distinct().ToList();
        var state = new BlockedState(command, dbKeys, rerun?.DeadlineMs ?? deadlineMs);
        client.Blocked = state;
        _blocked.Add(client);
        foreach (var key in dbKeys)
        {
            if (!_waiting.TryGetValue(key, out var queue)) _waiting[key] = queue = new LinkedList<Client>();
            // Woken but not served (another client took the element first): it keeps its turn.
            if (rerun is not null) queue.AddFirst(client);
            else queue.AddLast(client);
        }
    }

    /// <summary>A key may now serve a blocked client (something was pushed or the key was created).</summary>
    public void SignalKeyReady(Database db, ReadOnlySpan<byte> key)
    {
        if (_waiting.Count == 0) return;
        var probe = new DbKey(db.Id, key.ToArray());
        if (!_waiting.ContainsKey(probe) || !_readySet.Add(probe)) return;
        _ready.Add(probe);
    }

    public bool HasReadyKeys => _ready.Count > 0;

    /// <summary>Redis handleClientsBlockedOnKeys: serves the clients parked on ready keys, oldest first.</summary>
    public void ServeReadyKeys()
    {
        if (_serving) return;
        _serving = true;
        try
        {
            while (_ready.Count > 0)
            {
                var batch = _ready.ToList();
                _ready.Clear();
                _readySet.Clear();
                foreach (var key in batch)
                {
                    if (!_waiting.TryGetValue(key, out var queue)) continue;
                    var count = queue.Count;
                    for (var i = 0; i < count && queue.First is { } node; i++)
                    {
                        var client = node.Value;
                        var state = client.Blocked!;
                        Remove(client);
                        client.Rerun = state;
                        client.RunReplayed(state.Command);
                        client.Rerun = null;
                        if (client.Blocked is not null) break; // blocked again: nothing left here for the next one
                        server.Loop?.Unblocked(client);
                    }
                }
            }
        }
        finally
        {
            _serving = false;
        }
    }

    /// <summary>Cron: clients whose deadline passed get the null reply Redis sends on timeout.</summary>
    public void ReplyToTimedOut(long nowMs)
    {
        if (_blocked.Count == 0) return;
        foreach (var client in _blocked.Where(c => c.Blocked!.DeadlineMs != 0 && c.Blocked.DeadlineMs <= nowMs).ToList())
        {
            Remove(client);
            client.Reply.WriteNullArray();
            server.Loop?.Unblocked(client);
        }
    }

    /// <summary>Takes a client off every key it waits on (served, timed out, or disconnected).</summary>
    public void Remove(Client client)
    {
        if (client.Blocked is not { } state) return;
        foreach (var key in state.Keys)
        {
            if (!_waiting.TryGetValue(key, out var queue)) continue;
            queue.Remove(client);
            if (queue.Count == 0) _waiting.Remove(key);
        }
        _blocked.Remove(client);
        client.Blocked = null;
    }
}
