using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP through <see cref="Blocking.BlockedClients"/>:
/// serve at once when a key holds a list, else park the client; when a key becomes ready the
/// framework runs the same command again and these handlers serve it (or park it again, keeping
/// its turn). Effects are logged as the non-blocking command (BLPOP as LPOP, BLMOVE as LMOVE).
/// </summary>
internal static partial class ListCommands
{
    public static void BLPop(Client client) => BlockingPop(client, atHead: true);

    public static void BRPop(Client client) => BlockingPop(client, atHead: false);

    /// <summary>BLPOP key [key ...] timeout: replies [key, element] from the first key holding a list.</summary>
    private static void BlockingPop(Client client, bool atHead)
    {
        var args = client.Args;
        var timeoutIndex = args.Count - 1;
        if (!client.Server.Blocking.TryParseTimeout(client, timeoutIndex, out var deadline)) return;
        for (var i = 1; i < timeoutIndex; i++)
        {
            if (!TryGetBlockingSource(client, args[i], out var list)) return;
            if (list is null) continue;
            var key = args.ToArray(i);
            var reply = client.Reply;
            reply.WriteArrayHeader(2);
            reply.WriteBulk(key);
            reply.WriteBulk(list.Pop(atHead));
            if (list.Count == 0) client.Db.Delete(key);
            client.Server.PropagateCommand(client, atHead ? LPopName : RPopName, key);
            return;
        }
        client.Server.Blocking.Block(client, KeysOf(client, 1, timeoutIndex - 1), deadline);
    }

    /// <summary>BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout</summary>
    public static void BLMove(Client client)
    {
        if (!TryGetWhereOrReply(client, 3, out var fromHead) || !TryGetWhereOrReply(client, 4, out var toHead)) return;
        BlockingMove(client, fromHead, toHead, 5);
    }

    /// <summary>BRPOPLPUSH source destination timeout</summary>
    public static void BRPopLPush(Client client) => BlockingMove(client, fromHead: false, toHead: true, 3);

    /// <summary>
    /// Redis blmoveGenericCommand. Inside MULTI a missing source answers a null bulk string (not
    /// the null array a timeout gives), as Redis 7.0 does.
    /// </summary>
    private static void BlockingMove(Client client, bool fromHead, bool toHead, int timeoutIndex)
    {
        if (!client.Server.Blocking.TryParseTimeout(client, timeoutIndex, out var deadline)) return;
        if (!TryGetBlockingSource(client, client.Args[1], out var source)) return;
        if (source is null)
        {
            if (client.InExec) client.Reply.WriteNull();
            else client.Server.Blocking.Block(client, KeysOf(client, 1, 1), deadline);
            return;
        }
        if (!MoveGeneric(client, fromHead, toHead)) return;
        var args = client.Args;
        if (timeoutIndex == 3) client.Server.PropagateCommand(client, RPopLPushName, args.ToArray(1), args.ToArray(2));
        else client.Server.PropagateCommand(client, LMoveName, args.ToArray(1), args.ToArray(2), fromHead ? LeftName : RightName, toHead ? LeftName : RightName);
    }

    /// <summary>BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]</summary>
    public static void BLMPop(Client client)
    {
        if (!TryParseMPop(client, 2, out var keyCount, out var fromHead, out var count)) return;
        if (!client.Server.Blocking.TryParseTimeout(client, 1, out var deadline)) return;
        for (var i = 3; i < 3 + keyCount; i++)
        {
            if (!TryGetBlockingSource(client, client.Args[i], out var list)) return;
            if (list is null) continue;
            PopRangeWithKey(client, list, i, fromHead, count);
            return;
        }
        client.Server.Blocking.Block(client, KeysOf(client, 3, 2 + keyCount), deadline);
    }

    /// <summary>
    /// A key a blocking command may pop from: a list, or null when missing. A key of another
    /// type is WRONGTYPE on the first run; on a run after a wake-up it is skipped instead, as
    /// Redis 7.0 serves blocked clients from list keys only and leaves them waiting otherwise.
    /// </summary>
    private static bool TryGetBlockingSource(Client client, ReadOnlySpan<byte> key, out ListValue? list)
    {
        list = null;
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is ListValue)
        {
            list = client.Db.Mutable<ListValue>(ref entry);
            return true;
        }
        if (client.Rerun is not null) return true;
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    private static byte[][] KeysOf(Client client, int first, int last)
    {
        var keys = new byte[last - first + 1][];
        for (var i = first; i <= last; i++) keys[i - first] = client.Args.ToArray(i);
        return keys;
    }
}
