using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// Popping the lowest or highest members: ZPOPMIN, ZPOPMAX, ZMPOP and their blocking forms
/// BZPOPMIN, BZPOPMAX, BZMPOP (Redis genericZpopCommand and blockingGenericZpopCommand).
/// </summary>
internal static partial class SortedSetCommands
{
    /// <summary>ZPOPMIN key [count]</summary>
    public static void ZPopMin(Client client) => PopMinMax(client, highest: false);

    /// <summary>ZPOPMAX key [count]</summary>
    public static void ZPopMax(Client client) => PopMinMax(client, highest: true);

    private static void PopMinMax(Client client, bool highest)
    {
        var args = client.Args;
        if (args.Count > 3)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        long count = -1;
        if (args.Count == 3 && !TryGetPositiveOrReply(client, 2, out count)) return;
        // RESP3 nests [member, score] pairs only when a count was given (Redis 7.0).
        var nested = client.Reply.Resp3 && count != -1;
        var popped = PopGeneric(client, 1, 1, highest, emitKey: false, count, nested, nullWhenEmpty: false, out _);
        if (popped > 0) client.Server.Propagate(client);
    }

    /// <summary>ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]; logged as ZPOPMIN/ZPOPMAX of the key it popped from.</summary>
    public static void ZMPop(Client client) => MultiPopGeneric(client, 1, blocking: false);

    /// <summary>BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]</summary>
    public static void BZMPop(Client client) => MultiPopGeneric(client, 2, blocking: true);

    /// <summary>BZPOPMIN key [key ...] timeout; logged as ZPOPMIN key.</summary>
    public static void BZPopMin(Client client) =>
        BlockingPop(client, client.Args.Count - 1, 1, client.Args.Count - 2, highest: false, count: -1, nested: false, nullWhenEmpty: false);

    /// <summary>BZPOPMAX key [key ...] timeout; logged as ZPOPMAX key.</summary>
    public static void BZPopMax(Client client) =>
        BlockingPop(client, client.Args.Count - 1, 1, client.Args.Count - 2, highest: true, count: -1, nested: false, nullWhenEmpty: false);

    /// <summary>Redis zmpopGenericCommand's parsing.</summary>
    private static void MultiPopGeneric(Client client, int numKeysIndex, bool blocking)
    {
        var args = client.Args;
        var reply = client.Reply;
        if (!Int64Text.TryParse(args[numKeysIndex], out var numKeys) || numKeys < 1)
        {
            reply.WriteError("numkeys should be greater than 0");
            return;
        }
        if (numKeys >= args.Count - numKeysIndex - 1)
        {
            reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        var whereIndex = numKeysIndex + (int)numKeys + 1;
        bool highest;
        if (client.ArgIs(whereIndex, "min"u8)) highest = false;
        else if (client.ArgIs(whereIndex, "max"u8)) highest = true;
        else
        {
            reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        long count = -1;
        for (var j = whereIndex + 1; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (count == -1 && client.ArgIs(j, "count"u8) && more > 0)
            {
                j++;
                if (!Int64Text.TryParse(args[j], out count) || count < 1)
                {
                    reply.WriteError("count should be greater than 0");
                    return;
                }
            }
            else
            {
                reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        if (count == -1) count = 1;
        if (blocking)
        {
            BlockingPop(client, 1, numKeysIndex + 1, (int)numKeys, highest, count, nested: true, nullWhenEmpty: true);
            return;
        }
        var popped = PopGeneric(client, numKeysIndex + 1, (int)numKeys, highest, emitKey: true, count, nested: true, nullWhenEmpty: true, out var keyIndex);
        if (popped > 0) PropagatePop(client, keyIndex, highest, popped);
    }

    /// <summary>
    /// Redis blockingGenericZpopCommand: serves from the first of the keys that holds a sorted
    /// set, or parks the client on all of them. When the client runs again after a key became
    /// ready, a key that now holds another type is passed over (Redis 7.0 keeps such a client
    /// blocked rather than failing it).
    /// </summary>
    private static void BlockingPop(Client client, int timeoutIndex, int firstKey, int keyCount, bool highest, long count, bool nested, bool nullWhenEmpty)
    {
        var args = client.Args;
        var blocking = client.Server.Blocking;
        if (!blocking.TryParseTimeout(client, timeoutIndex, out var deadline)) return;
        for (var i = firstKey; i < firstKey + keyCount; i++)
        {
            ref var entry = ref client.Db.FindForWrite(args[i]);
            if (Unsafe.IsNullRef(ref entry)) continue;
            if (entry.Item is not SortedSetValue)
            {
                if (client.Rerun is not null) continue;
                client.Reply.WriteError(SharedReplies.WrongType);
                return;
            }
            var popped = PopGeneric(client, i, 1, highest, emitKey: true, count, nested, nullWhenEmpty, out _);
            if (count == -1) client.Server.PropagateCommand(client, highest ? "ZPOPMAX"u8.ToArray() : "ZPOPMIN"u8.ToArray(), args.ToArray(i));
            else PropagatePop(client, i, highest, popped);
            return;
        }
        var keys = new byte[keyCount][];
        for (var i = 0; i < keyCount; i++) keys[i] = args.ToArray(firstKey + i);
        blocking.Block(client, keys, deadline);
    }

    /// <summary>ZMPOP and BZMPOP are logged as ZPOPMIN/ZPOPMAX key count, and touch WATCHers of the key (their keys are not at fixed positions).</summary>
    private static void PropagatePop(Client client, int keyIndex, bool highest, long popped)
    {
        Span<byte> digits = stackalloc byte[20];
        var n = RedisNumbers.FormatInt64(popped, digits);
        client.Server.PropagateCommand(client, highest ? "ZPOPMAX"u8.ToArray() : "ZPOPMIN"u8.ToArray(), client.Args.ToArray(keyIndex), digits[..n].ToArray());
        client.Server.Watches.Touch(client.DbIndex, client.Args[keyIndex]);
    }

    /// <summary>
    /// Redis genericZpopCommand: pops up to <paramref name="count"/> (-1 = one, unnested) members
    /// from the first existing key among <paramref name="keyCount"/> keys from
    /// <paramref name="firstKey"/>, replying in the shape the caller asks for. Returns how many
    /// it popped, and from which argument.
    /// </summary>
    private static long PopGeneric(Client client, int firstKey, int keyCount, bool highest, bool emitKey, long count, bool nested, bool nullWhenEmpty, out int keyIndex)
    {
        var args = client.Args;
        var reply = client.Reply;
        var db = client.Db;
        SortedSetValue? zset = null;
        keyIndex = -1;
        for (var i = firstKey; i < firstKey + keyCount && zset is null; i++)
        {
            ref var entry = ref db.FindForWrite(args[i]);
            if (Unsafe.IsNullRef(ref entry)) continue;
            if (entry.Item is not SortedSetValue)
            {
                reply.WriteError(SharedReplies.WrongType);
                return 0;
            }
            zset = db.Mutable<SortedSetValue>(ref entry);
            keyIndex = i;
        }
        if (zset is null)
        {
            if (nullWhenEmpty) reply.WriteNullArray();
            else reply.WriteRaw(SharedReplies.EmptyArray);
            return 0;
        }
        if (count == 0)
        {
            reply.WriteRaw(SharedReplies.EmptyArray);
            return 0;
        }
        var single = count == -1;
        if (single) count = 1;
        var popped = Math.Min(count, zset.Count);
        if (emitKey)
        {
            if (nested)
            {
                reply.WriteArrayHeader(2);
                reply.WriteBulk(args[keyIndex]);
                reply.WriteArrayHeader((int)popped);
            }
            else
            {
                reply.WriteArrayHeader((int)(popped * 2 + 1));
                reply.WriteBulk(args[keyIndex]);
            }
        }
        else reply.WriteArrayHeader((int)(nested ? popped : popped * 2));
        var writer = new PopVisitor(reply, nested);
        for (var i = 0; i < popped; i++) zset.Pop(highest, ref writer);
        if (zset.Count == 0) db.Delete(args[keyIndex]);
        return popped;
    }

    /// <summary>A popped member and its score, as a [member, score] array when nested.</summary>
    private readonly struct PopVisitor(ReplyBuffer reply, bool nested) : IZsetVisitor
    {
        public void Visit(ReadOnlySpan<byte> member, double score)
        {
            if (nested) reply.WriteArrayHeader(2);
            reply.WriteBulk(member);
            reply.WriteDouble(score);
        }
    }

    /// <summary>Redis getPositiveLongFromObjectOrReply: "value is out of range, must be positive" for negatives and non-numbers alike.</summary>
    private static bool TryGetPositiveOrReply(Client client, int index, out long value)
    {
        if (Int64Text.TryParse(client.Args[index], out value) && value >= 0) return true;
        client.Reply.WriteError("value is out of range, must be positive");
        return false;
    }
}
