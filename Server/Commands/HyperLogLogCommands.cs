using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// PFADD, PFCOUNT, PFMERGE and PFDEBUG (Redis hyperloglog.c). A HyperLogLog is a plain string
/// in Redis's exact format (<see cref="HyperLogLog"/>), so GET, SET, COPY and the AOF carry it
/// between EventLoopKv and redis-server unchanged.
/// </summary>
internal static class HyperLogLogCommands
{
    private static ReadOnlySpan<byte> NotAnHll => "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n"u8;
    private static ReadOnlySpan<byte> Corrupted => "-INVALIDOBJ Corrupted HLL object detected\r\n"u8;

    /// <summary>PFADD key [element ...]: 1 when a register changed (or the key was created), else 0.</summary>
    public static void PfAdd(Client client)
    {
        var args = client.Args;
        var key = args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        MutableString hll;
        var updated = 0;
        if (Unsafe.IsNullRef(ref entry))
        {
            var empty = HyperLogLog.CreateEmpty();
            hll = MutableString.FromBuffer(key.ToArray(), empty, empty.Length);
            client.Db.SetObject(hll);
            updated++;
        }
        else
        {
            if (!TryGetHllOrReply(client, entry.Item!, out _)) return;
            // Redis unshares the value even when nothing changes (an embstr becomes raw).
            hll = client.Db.MutableStringOf(ref entry)!;
        }
        var sparseMaxBytes = client.Server.Config.HllSparseMaxBytes;
        for (var j = 2; j < args.Count; j++)
        {
            var result = HyperLogLog.Add(hll, args[j], sparseMaxBytes);
            if (result < 0)
            {
                client.Reply.WriteError(Corrupted);
                return;
            }
            updated += result;
        }
        if (updated > 0)
        {
            HyperLogLog.InvalidateCache(hll.WritableValue);
            client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(updated > 0 ? 1 : 0);
    }

    /// <summary>
    /// PFCOUNT key [key ...]. One key: the cached cardinality, or a fresh estimate that is then
    /// cached in the header, which changes the value: like Redis 7.0 the command is then
    /// propagated as sent (PFCOUNT is read-only by its flags but may replicate). Several keys:
    /// the estimate of their union, computed in a scratch register array; no key changes.
    /// </summary>
    public static void PfCount(Client client)
    {
        var args = client.Args;
        if (args.Count > 2)
        {
            Span<byte> max = stackalloc byte[HyperLogLog.Registers];
            max.Clear();
            for (var j = 1; j < args.Count; j++)
            {
                ref var source = ref client.LookupRead(args[j]);
                if (Unsafe.IsNullRef(ref source)) continue;
                if (!TryGetHllOrReply(client, source.Item!, out var value)) return;
                if (!HyperLogLog.MergeInto(max, value))
                {
                    client.Reply.WriteError(Corrupted);
                    return;
                }
            }
            client.Reply.WriteInteger((long)HyperLogLog.CountRaw(max));
            return;
        }

        var key = args[1];
        ref var entry = ref client.LookupRead(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (!TryGetHllOrReply(client, entry.Item!, out var current)) return;
        if (entry.Item is MutableString existing && HyperLogLog.TryGetCachedCardinality(existing.Value, out var cached))
        {
            client.Reply.WriteInteger(cached);
            return;
        }
        // Redis unshares the value here too (an embstr HLL becomes raw), then may refresh the cache.
        var stale = !HyperLogLog.TryGetCachedCardinality(current, out var cardinality);
        ulong count = 0;
        if (stale)
        {
            count = HyperLogLog.Count(current, out var invalid);
            if (invalid)
            {
                client.Reply.WriteError(Corrupted);
                return;
            }
        }
        var hll = client.Db.MutableStringOf(ref client.Db.FindForWrite(key))!;
        if (stale)
        {
            HyperLogLog.SetCachedCardinality(hll.WritableValue, count);
            cardinality = (long)count;
            client.Server.Watches.Touch(client.DbIndex, key);
            client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(cardinality);
    }

    /// <summary>
    /// PFMERGE destkey [sourcekey ...]: the destination (itself one of the inputs) gets the
    /// register-wise maximum; it turns dense when any input is dense, as in Redis.
    /// </summary>
    public static void PfMerge(Client client)
    {
        var args = client.Args;
        Span<byte> max = stackalloc byte[HyperLogLog.Registers];
        max.Clear();
        var useDense = false;
        for (var j = 1; j < args.Count; j++)
        {
            ref var source = ref client.LookupRead(args[j]);
            if (Unsafe.IsNullRef(ref source)) continue;
            if (!TryGetHllOrReply(client, source.Item!, out var value)) return;
            useDense |= HyperLogLog.IsDense(value);
            if (!HyperLogLog.MergeInto(max, value))
            {
                client.Reply.WriteError(Corrupted);
                return;
            }
        }
        var key = args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        MutableString hll;
        if (Unsafe.IsNullRef(ref entry))
        {
            var empty = HyperLogLog.CreateEmpty();
            hll = MutableString.FromBuffer(key.ToArray(), empty, empty.Length);
            client.Db.SetObject(hll);
        }
        else hll = client.Db.MutableStringOf(ref entry)!;
        if (useDense && !HyperLogLog.SparseToDense(hll))
        {
            client.Reply.WriteError(Corrupted);
            return;
        }
        var sparseMaxBytes = client.Server.Config.HllSparseMaxBytes;
        for (var j = 0; j < HyperLogLog.Registers; j++)
            if (max[j] != 0) HyperLogLog.Set(hll, j, max[j], sparseMaxBytes);
        HyperLogLog.InvalidateCache(hll.WritableValue);
        client.Server.Propagate(client);
        client.Reply.WriteOk();
    }

    /// <summary>PFDEBUG GETREG|DECODE|ENCODING|TODENSE key: Redis's debugging view of the representation.</summary>
    public static void PfDebug(Client client)
    {
        var key = client.Args[2];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteError("The specified key does not exist");
            return;
        }
        if (!TryGetHllOrReply(client, entry.Item!, out _)) return;
        var hll = client.Db.MutableStringOf(ref entry)!;
        var reply = client.Reply;
        if (client.ArgIs(1, "getreg"u8))
        {
            if (!HyperLogLog.IsDense(hll.Value))
            {
                if (!HyperLogLog.SparseToDense(hll))
                {
                    reply.WriteError(Corrupted);
                    return;
                }
                client.Server.Propagate(client); // the encoding changed: replay must change it too
            }
            var registers = hll.Value[HyperLogLog.HeaderSize..];
            reply.WriteArrayHeader(HyperLogLog.Registers);
            for (var j = 0; j < HyperLogLog.Registers; j++) reply.WriteInteger(HyperLogLog.GetDenseRegister(registers, j));
        }
        else if (client.ArgIs(1, "decode"u8))
        {
            if (HyperLogLog.IsDense(hll.Value))
            {
                reply.WriteError("HLL encoding is not sparse");
                return;
            }
            reply.WriteBulk(HyperLogLog.DecodeSparse(hll.Value));
        }
        else if (client.ArgIs(1, "encoding"u8))
        {
            reply.WriteSimpleString(HyperLogLog.IsDense(hll.Value) ? "dense"u8 : "sparse"u8);
        }
        else if (client.ArgIs(1, "todense"u8))
        {
            var converted = !HyperLogLog.IsDense(hll.Value);
            if (converted)
            {
                if (!HyperLogLog.SparseToDense(hll))
                {
                    reply.WriteError(Corrupted);
                    return;
                }
                client.Server.Propagate(client);
            }
            reply.WriteInteger(converted ? 1 : 0);
        }
        else reply.WriteError($"Unknown PFDEBUG subcommand '{client.ArgString(1)}'");
    }

    /// <summary>Redis isHLLObjectOrReply: a string in the HYLL format; WRONGTYPE (with its HLL text for strings) otherwise.</summary>
    private static bool TryGetHllOrReply(Client client, object item, out ReadOnlySpan<byte> value)
    {
        if (!client.TryGetStringOrReply(item, out value)) return false;
        if (HyperLogLog.IsValid(value)) return true;
        client.Reply.WriteError(NotAnHll);
        return false;
    }
}
