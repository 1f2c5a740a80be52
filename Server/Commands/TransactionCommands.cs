using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Server.Blocking;

namespace EventLoopKv.Server.Commands;

/// <summary>MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis multi.c). Queuing itself happens in the dispatcher.</summary>
internal static class TransactionCommands
{
    public static void Multi(Client client)
    {
        if (client.Queued is not null)
        {
            client.Reply.WriteError("MULTI calls can not be nested");
            return;
        }
        client.Queued = [];
        client.TransactionFailed = false;
        client.Reply.WriteOk();
    }

    public static void Exec(Client client)
    {
        if (client.Queued is not { } queued)
        {
            client.Reply.WriteError("EXEC without MULTI");
            return;
        }
        var server = client.Server;
        client.Queued = null;
        if (client.TransactionFailed)
        {
            client.TransactionFailed = false;
            server.Watches.Unwatch(client);
            client.Reply.WriteError("-EXECABORT Transaction discarded because of previous errors.");
            return;
        }
        if (WatchFailed(client))
        {
            server.Watches.Unwatch(client);
            client.Reply.WriteNullArray();
            return;
        }
        server.Watches.Unwatch(client);
        client.Reply.WriteArrayHeader(queued.Count);
        client.InExec = true;
        server.BeginTransactionPropagation(client);
        try
        {
            foreach (var command in queued) client.RunReplayed(command);
        }
        finally
        {
            client.InExec = false;
            server.EndTransactionPropagation();
        }
    }

    /// <summary>A watched key was written, or expired since WATCH (it existed then and is gone now).</summary>
    private static bool WatchFailed(Client client)
    {
        if (client.WatchTouched) return true;
        if (client.Watched is null) return false;
        foreach (var (key, existed) in client.Watched)
            if (existed && !client.Server.Databases[key.Db].Exists(key.Key)) return true;
        return false;
    }

    public static void Discard(Client client)
    {
        if (client.Queued is null)
        {
            client.Reply.WriteError("DISCARD without MULTI");
            return;
        }
        client.Queued = null;
        client.TransactionFailed = false;
        client.Server.Watches.Unwatch(client);
        client.Reply.WriteOk();
    }

    public static void Watch(Client client)
    {
        if (client.Queued is not null)
        {
            client.Reply.WriteError("WATCH inside MULTI is not allowed");
            return;
        }
        for (var i = 1; i < client.Args.Count; i++)
        {
            var key = client.Args[i];
            client.Server.Watches.Watch(client, new DbKey(client.DbIndex, key.ToArray()), !Unsafe.IsNullRef(ref client.Db.Find(key)));
        }
        client.Reply.WriteOk();
    }

    public static void Unwatch(Client client)
    {
        client.Server.Watches.Unwatch(client);
        client.Reply.WriteOk();
    }

    /// <summary>Commands that run at once even inside MULTI.</summary>
    public static bool RunsImmediately(CommandDescriptor command) =>
        command.Name is "exec" or "discard" or "multi" or "watch" or "quit" or "reset";

    public static void WriteQueued(Client client) => client.Reply.WriteRaw(SharedReplies.Queued);
}
