using System.Runtime.CompilerServices;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>Expiry commands (Redis expire.c): EXPIRE family with NX/XX/GT/LT, TTL family, PERSIST.</summary>
internal static class ExpireCommands
{
    [Flags]
    private enum Condition { None = 0, Nx = 1, Xx = 2, Gt = 4, Lt = 8 }

    public static void Expire(Client client) => ExpireGeneric(client, relative: true, unit: 1000);
    public static void PExpire(Client client) => ExpireGeneric(client, relative: true, unit: 1);
    public static void ExpireAt(Client client) => ExpireGeneric(client, relative: false, unit: 1000);
    public static void PExpireAt(Client client) => ExpireGeneric(client, relative: false, unit: 1);

    /// <summary>Redis expireGenericCommand: options first, then the time (overflow-checked), then the key.</summary>
    private static void ExpireGeneric(Client client, bool relative, long unit)
    {
        if (!TryParseCondition(client, out var condition)) return;
        if (!client.TryGetInt64OrReply(2, out var when)) return;
        if (unit == 1000)
        {
            if (when > long.MaxValue / 1000 || when < long.MinValue / 1000)
            {
                StringCommands.WriteInvalidExpireTime(client);
                return;
            }
            when *= 1000;
        }
        var now = client.Server.Clock.UnixTimeMilliseconds();
        var basetime = relative ? now : 0;
        if (when > long.MaxValue - basetime)
        {
            StringCommands.WriteInvalidExpireTime(client);
            return;
        }
        when += basetime;

        var key = client.Args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var current = entry.ExpireAt == 0 ? -1 : entry.ExpireAt;
        var refused =
            ((condition & Condition.Nx) != 0 && current != -1) ||
            ((condition & Condition.Xx) != 0 && current == -1) ||
            // No expiry counts as an infinite TTL: GT never beats it, LT always does.
            ((condition & Condition.Gt) != 0 && (when <= current || current == -1)) ||
            ((condition & Condition.Lt) != 0 && current != -1 && when >= current);
        if (refused)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        // Logged as its effect: a DEL for a time already past, else PEXPIREAT with the absolute time.
        // While loading an AOF a past time only sets the expiry, as Redis does.
        if (when <= now && !client.Server.Loading)
        {
            client.Server.PropagateCommand(client, "DEL"u8.ToArray(), key.ToArray());
            client.Db.Delete(key);
        }
        else
        {
            client.Db.SetExpire(ref entry, when);
            client.Server.PropagateCommand(client, "PEXPIREAT"u8.ToArray(), key.ToArray(), StringCommands.Digits(when));
        }
        client.Reply.WriteInteger(1);
    }

    private static bool TryParseCondition(Client client, out Condition condition)
    {
        condition = Condition.None;
        for (var j = 3; j < client.Args.Count; j++)
        {
            if (client.ArgIs(j, "nx"u8)) condition |= Condition.Nx;
            else if (client.ArgIs(j, "xx"u8)) condition |= Condition.Xx;
            else if (client.ArgIs(j, "gt"u8)) condition |= Condition.Gt;
            else if (client.ArgIs(j, "lt"u8)) condition |= Condition.Lt;
            else
            {
                client.Reply.WriteError($"Unsupported option {client.ArgString(j)}");
                return false;
            }
        }
        if ((condition & Condition.Nx) != 0 && (condition & (Condition.Xx | Condition.Gt | Condition.Lt)) != 0)
        {
            client.Reply.WriteError("NX and XX, GT or LT options at the same time are not compatible");
            return false;
        }
        if ((condition & Condition.Gt) != 0 && (condition & Condition.Lt) != 0)
        {
            client.Reply.WriteError("GT and LT options at the same time are not compatible");
            return false;
        }
        return true;
    }

    public static void Ttl(Client client) => TtlGeneric(client, milliseconds: false, absolute: false);
    public static void PTtl(Client client) => TtlGeneric(client, milliseconds: true, absolute: false);
    public static void ExpireTime(Client client) => TtlGeneric(client, milliseconds: false, absolute: true);
    public static void PExpireTime(Client client) => TtlGeneric(client, milliseconds: true, absolute: true);

    /// <summary>-2 for a missing key, -1 for no expiry; seconds are rounded as Redis rounds them.</summary>
    private static void TtlGeneric(Client client, bool milliseconds, bool absolute)
    {
        ref var entry = ref client.LookupRead(client.Args[1]);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(-2);
            return;
        }
        if (entry.ExpireAt == 0)
        {
            client.Reply.WriteInteger(-1);
            return;
        }
        var value = absolute ? entry.ExpireAt : Math.Max(0, entry.ExpireAt - client.Server.Clock.UnixTimeMilliseconds());
        client.Reply.WriteInteger(milliseconds ? value : (value + 500) / 1000);
    }

    public static void Persist(Client client)
    {
        ref var entry = ref client.Db.FindForWrite(client.Args[1]);
        if (Unsafe.IsNullRef(ref entry) || entry.ExpireAt == 0)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        client.Db.SetExpire(ref entry, 0);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
    }
}
