using EventLoopKv.Server.Blocking;
using EventLoopKv.Server.Commands;

namespace EventLoopKv.Server;

/// <summary>
/// WATCH's bookkeeping (Redis multi.c): which clients watch which keys. After a write command
/// runs, its keys (from the command table's key positions) mark their watchers, whose EXEC then
/// fails. Costs nothing while nobody watches.
/// </summary>
internal sealed class WatchedKeys
{
    private readonly Dictionary<DbKey, List<Client>> _watchers = [];

    public bool Any => _watchers.Count > 0;

    public void Watch(Client client, DbKey key, bool exists)
    {
        client.Watched ??= [];
        if (!client.Watched.TryAdd(key, exists)) return;
        if (!_watchers.TryGetValue(key, out var list)) _watchers[key] = list = [];
        list.Add(client);
    }

    public void Unwatch(Client client)
    {
        if (client.Watched is null) return;
        foreach (var key in client.Watched.Keys)
        {
            if (!_watchers.TryGetValue(key, out var list)) continue;
            list.Remove(client);
            if (list.Count == 0) _watchers.Remove(key);
        }
        client.Watched = null;
        client.WatchTouched = false;
    }

    public void Touch(int db, ReadOnlySpan<byte> key)
    {
        if (_watchers.Count == 0) return;
        if (_watchers.TryGetValue(new DbKey(db, key.ToArray()), out var list))
            foreach (var client in list) client.WatchTouched = true;
    }

    /// <summary>FLUSHDB, FLUSHALL, SWAPDB: every watcher of these databases is touched.</summary>
    public void TouchDatabase(int db)
    {
        foreach (var (key, list) in _watchers)
            if (db < 0 || key.Db == db)
                foreach (var client in list) client.WatchTouched = true;
    }

    /// <summary>Touches the keys a write command names, by the command table's first/last/step.</summary>
    public void TouchKeysOf(CommandDescriptor command, Client client)
    {
        if (_watchers.Count == 0) return;
        if (command.Name is "flushdb" or "swapdb") { TouchDatabase(command.Name == "swapdb" ? -1 : client.DbIndex); return; }
        if (command.Name == "flushall") { TouchDatabase(-1); return; }
        if (command.FirstKey <= 0) return;
        var args = client.Args;
        var last = command.LastKey < 0 ? args.Count + command.LastKey : command.LastKey;
        for (var i = command.FirstKey; i <= last && i < args.Count; i += Math.Max(1, command.Step))
            Touch(client.DbIndex, args[i]);
    }
}
