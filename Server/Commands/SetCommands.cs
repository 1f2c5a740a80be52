using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// The set commands (Redis t_set.c) over <see cref="SetValue"/>: an intset for small integer
/// sets, a <see cref="PackedTable"/> otherwise. SADD of a member already present, and SPOP,
/// allocate nothing (with the AOF off: SPOP's SREM effect is built only when something logs it).
/// The algebra (SINTER, SUNION, SDIFF and their STORE forms) follows Redis's algorithms, so
/// results that are intsets come out sorted exactly as Redis prints them.
/// </summary>
internal static class SetCommands
{
    private static readonly byte[] SRemName = "SREM"u8.ToArray();
    private static readonly byte[] DelName = "DEL"u8.ToArray();

    /// <summary>Redis SPOP_MOVE_STRATEGY_MUL and SRANDMEMBER_SUB_STRATEGY_MUL.</summary>
    private const int SPopMoveStrategyMul = 5;
    private const int SRandMemberSubStrategyMul = 3;

    /// <summary>Redis batches the SREMs that stand for SPOP with a count.</summary>
    private const int SRemBatch = 1024;

    /// <summary>The set at <paramref name="key"/> for reading (null when missing); false after replying WRONGTYPE.</summary>
    internal static bool TryReadSet(Client client, ReadOnlySpan<byte> key, out SetValue? set)
    {
        set = null;
        ref var entry = ref client.LookupRead(key);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is SetValue found)
        {
            set = found;
            return true;
        }
        client.Reply.WriteError(SharedReplies.WrongType);
        return false;
    }

    /// <summary>The set at <paramref name="key"/> ready to change (null when missing); false after replying WRONGTYPE.</summary>
    private static bool TryGetWritableSet(Client client, ReadOnlySpan<byte> key, out SetValue? set)
    {
        set = null;
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry)) return true;
        if (entry.Item is not SetValue)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return false;
        }
        set = client.Db.Mutable<SetValue>(ref entry);
        return true;
    }

    public static void SAdd(Client client)
    {
        var args = client.Args;
        var key = args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        SetValue set;
        if (Unsafe.IsNullRef(ref entry))
        {
            // Size the new set for this command once: its members' bytes, or its integers' range (the intset's width).
            var bytes = 0;
            long smallest = long.MaxValue, largest = long.MinValue;
            for (var i = 2; i < args.Count; i++)
            {
                bytes += args.Length(i);
                if (!IntSet.TryParse(args[i], out var value)) continue;
                smallest = Math.Min(smallest, value);
                largest = Math.Max(largest, value);
            }
            set = SetValue.CreateFor(key.ToArray(), args[2], args.Count - 2, bytes, smallest, largest);
            client.Db.SetObject(set);
        }
        else if (entry.Item is SetValue)
        {
            set = client.Db.Mutable<SetValue>(ref entry);
        }
        else
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return;
        }
        var added = 0;
        for (var i = 2; i < args.Count; i++)
            if (set.Add(args[i])) added++;
        if (added > 0) client.Server.Propagate(client);
        client.Reply.WriteInteger(added);
    }

    public static void SRem(Client client)
    {
        var args = client.Args;
        if (!TryGetWritableSet(client, args[1], out var set)) return;
        var removed = 0;
        if (set is not null)
        {
            for (var i = 2; i < args.Count && set.Count > 0; i++)
                if (set.Remove(args[i])) removed++;
            if (set.Count == 0) client.Db.Delete(args[1]);
            if (removed > 0) client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(removed);
    }

    /// <summary>SMEMBERS: a set reply (RESP3 <c>~</c>); an intset comes out in ascending order.</summary>
    public static void SMembers(Client client)
    {
        if (!TryReadSet(client, client.Args[1], out var set)) return;
        var reply = client.Reply;
        reply.WriteSetHeader(set?.Count ?? 0);
        if (set is null) return;
        foreach (var member in set.Members(stackalloc byte[SetValue.ScratchBytes])) reply.WriteBulk(member);
    }

    public static void SIsMember(Client client)
    {
        if (!TryReadSet(client, client.Args[1], out var set)) return;
        client.Reply.WriteInteger(set is not null && set.Contains(client.Args[2]) ? 1 : 0);
    }

    public static void SMIsMember(Client client)
    {
        var args = client.Args;
        if (!TryReadSet(client, args[1], out var set)) return;
        client.Reply.WriteArrayHeader(args.Count - 2);
        for (var i = 2; i < args.Count; i++) client.Reply.WriteInteger(set is not null && set.Contains(args[i]) ? 1 : 0);
    }

    public static void SCard(Client client)
    {
        if (TryReadSet(client, client.Args[1], out var set)) client.Reply.WriteInteger(set?.Count ?? 0);
    }

    /// <summary>SPOP key [count]: logged as SREM of what it popped (DEL when it took everything).</summary>
    public static void SPop(Client client)
    {
        var args = client.Args;
        if (args.Count > 3)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (args.Count == 3)
        {
            SPopWithCount(client);
            return;
        }
        if (!TryGetWritableSet(client, args[1], out var set)) return;
        if (set is null)
        {
            client.Reply.WriteNull();
            return;
        }
        var position = set.RandomPosition(Random.Shared);
        var member = set.MemberAt(position, stackalloc byte[SetValue.ScratchBytes]);
        client.Reply.WriteBulk(member);
        PropagateSRem(client, set.Key, member);
        set.RemoveAt(position);
        if (set.Count == 0) client.Db.Delete(args[1]);
    }

    /// <summary>
    /// Logs SREM key member. With persistence off only the change is counted: building the
    /// arguments would be SPOP's only allocation.
    /// </summary>
    private static void PropagateSRem(Client client, byte[] key, ReadOnlySpan<byte> member)
    {
        if (client.Server.Persistence.Feed is null) client.Server.PropagateCommand(client, []);
        else client.Server.PropagateCommand(client, SRemName, key, member.ToArray());
    }

    private static void SPopWithCount(Client client)
    {
        // Redis getPositiveLongFromObjectOrReply: one message for both mistakes.
        if (!client.TryGetInt64OrReply(2, out var count, "value is out of range, must be positive")) return;
        if (count < 0)
        {
            client.Reply.WriteError("value is out of range, must be positive");
            return;
        }
        var key = client.Args[1];
        if (!TryGetWritableSet(client, key, out var set)) return;
        var reply = client.Reply;
        if (set is null || count == 0)
        {
            reply.WriteSetHeader(0);
            return;
        }
        var size = set.Count;
        if (count >= size)
        {
            // Redis answers through SUNION's temporary set, so integers come out sorted.
            WriteMembers(reply, UnionOf([set]));
            client.Db.Delete(key);
            client.Server.PropagateCommand(client, DelName, set.Key);
            return;
        }
        reply.WriteSetHeader((int)count);
        var remaining = size - (int)count;
        var popped = new List<byte[]>((int)count);
        var scratch = new byte[SetValue.ScratchBytes];
        if ((long)remaining * SPopMoveStrategyMul > count)
        {
            // Few to pop: take random members one by one.
            for (var i = 0; i < count; i++)
            {
                var position = set.RandomPosition(Random.Shared);
                var member = set.MemberAt(position, scratch);
                reply.WriteBulk(member);
                popped.Add(member.ToArray());
                set.RemoveAt(position);
            }
        }
        else
        {
            // Most go: pick the few that stay, in a new set that replaces this one (whose
            // encoding follows its first member, as Redis's does), and hand out the rest.
            var positions = set.Positions();
            var keep = DistinctRandom(positions, remaining);
            var kept = new HashSet<int>(keep.ToArray());
            SetValue? survivor = null;
            foreach (var position in keep)
            {
                var member = set.MemberAt(position, scratch);
                survivor ??= SetValue.CreateFor(set.Key, member);
                survivor.Add(member);
            }
            for (var p = set.Next(-1); p >= 0; p = set.Next(p))
            {
                if (kept.Contains(p)) continue;
                var member = set.MemberAt(p, scratch);
                reply.WriteBulk(member);
                popped.Add(member.ToArray());
            }
            client.Db.SetObject(survivor!, keepTtl: true);
        }
        for (var i = 0; i < popped.Count; i += SRemBatch)
        {
            var batch = popped.GetRange(i, Math.Min(SRemBatch, popped.Count - i));
            client.Server.PropagateCommand(client, [SRemName, set.Key, .. batch]);
        }
    }

    /// <summary>SRANDMEMBER key [count]: reads only, so nothing is logged.</summary>
    public static void SRandMember(Client client)
    {
        var args = client.Args;
        if (args.Count > 3)
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (args.Count == 2)
        {
            if (!TryReadSet(client, args[1], out var single)) return;
            if (single is null) client.Reply.WriteNull();
            else client.Reply.WriteBulk(single.MemberAt(single.RandomPosition(Random.Shared), stackalloc byte[SetValue.ScratchBytes]));
            return;
        }
        if (!TryGetRandomCount(client, 2, out var requested)) return;
        if (!TryReadSet(client, args[1], out var set)) return;
        var reply = client.Reply;
        if (set is null || requested == 0)
        {
            reply.WriteRaw(SharedReplies.EmptyArray);
            return;
        }
        var unique = requested > 0;
        var count = unique ? requested : -requested;
        var size = set.Count;
        var scratch = new byte[SetValue.ScratchBytes];
        if (!unique || count == 1)
        {
            // The only case that repeats members and returns them in random order.
            reply.WriteArrayHeader(checked((int)count));
            for (var i = 0L; i < count; i++) reply.WriteBulk(set.MemberAt(set.RandomPosition(Random.Shared), scratch));
            return;
        }
        if (count >= size)
        {
            reply.WriteArrayHeader(size);
            for (var p = set.Next(-1); p >= 0; p = set.Next(p)) reply.WriteBulk(set.MemberAt(p, scratch));
            return;
        }
        reply.WriteArrayHeader((int)count);
        if (count * SRandMemberSubStrategyMul > size)
        {
            foreach (var p in DistinctRandom(set.Positions(), (int)count)) reply.WriteBulk(set.MemberAt(p, scratch));
            return;
        }
        // A big set and few wanted: sample until enough distinct members came up.
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            var p = set.RandomPosition(Random.Shared);
            if (chosen.Add(p)) reply.WriteBulk(set.MemberAt(p, scratch));
        }
    }

    /// <summary>
    /// The count of SRANDMEMBER/HRANDFIELD: any 64-bit integer but the most negative, whose
    /// magnitude does not fit (Redis getRangeLongFromObjectOrReply with -LONG_MAX..LONG_MAX).
    /// </summary>
    internal static bool TryGetRandomCount(Client client, int index, out long count)
    {
        if (!client.TryGetInt64OrReply(index, out count)) return false;
        if (count != long.MinValue) return true;
        client.Reply.WriteError("value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        return false;
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="positions"/> after a partial Fisher-Yates shuffle.</summary>
    internal static ReadOnlySpan<int> DistinctRandom(int[] positions, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var j = Random.Shared.Next(i, positions.Length);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }
        return positions.AsSpan(0, count);
    }

    /// <summary>SMOVE source destination member (Redis smoveCommand, checks in its order).</summary>
    public static void SMove(Client client)
    {
        var args = client.Args;
        var source = args[1];
        var destination = args[2];
        var member = args[3];
        ref var sourceEntry = ref client.Db.Find(source);
        if (Unsafe.IsNullRef(ref sourceEntry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        ref var destinationEntry = ref client.Db.Find(destination);
        if (sourceEntry.Item is not SetValue || (!Unsafe.IsNullRef(ref destinationEntry) && destinationEntry.Item is not SetValue))
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return;
        }
        if (source.SequenceEqual(destination))
        {
            client.Reply.WriteInteger(((SetValue)sourceEntry.Item).Contains(member) ? 1 : 0);
            return;
        }
        TryGetWritableSet(client, source, out var from);
        if (!from!.Remove(member))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (from.Count == 0) client.Db.Delete(source);
        TryGetWritableSet(client, destination, out var to);
        if (to is null)
        {
            to = SetValue.CreateFor(destination.ToArray(), member);
            client.Db.SetObject(to);
        }
        to.Add(member);
        client.Server.Propagate(client);
        client.Reply.WriteInteger(1);
    }

    /// <summary>
    /// Loads the sets named by <c>Args[first..first+count)</c>, a missing key as null; false
    /// after replying WRONGTYPE for the first key of another type.
    /// </summary>
    private static bool TryLoadSets(Client client, int first, int count, out SetValue?[] sets)
    {
        sets = new SetValue?[count];
        for (var i = 0; i < count; i++)
            if (!TryReadSet(client, client.Args[first + i], out sets[i])) return false;
        return true;
    }

    public static void SInter(Client client) => SInterGeneric(client, 1, client.Args.Count - 1, destination: -1, cardinalityOnly: false, limit: 0);

    public static void SInterStore(Client client) => SInterGeneric(client, 2, client.Args.Count - 2, destination: 1, cardinalityOnly: false, limit: 0);

    /// <summary>SINTERCARD numkeys key [key ...] [LIMIT limit]</summary>
    public static void SInterCard(Client client)
    {
        var args = client.Args;
        if (!client.TryGetInt64OrReply(1, out var keys, "numkeys should be greater than 0")) return;
        if (keys < 1)
        {
            client.Reply.WriteError("numkeys should be greater than 0");
            return;
        }
        if (keys > args.Count - 2)
        {
            client.Reply.WriteError("Number of keys can't be greater than number of args");
            return;
        }
        long limit = 0;
        for (var j = 2 + (int)keys; j < args.Count; j++)
        {
            if (client.ArgIs(j, "limit"u8) && j + 1 < args.Count)
            {
                if (!client.TryGetInt64OrReply(++j, out limit, "LIMIT can't be negative")) return;
                if (limit < 0)
                {
                    client.Reply.WriteError("LIMIT can't be negative");
                    return;
                }
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }
        SInterGeneric(client, 2, (int)keys, destination: -1, cardinalityOnly: true, limit);
    }

    /// <summary>
    /// Redis sinterGenericCommand: walks the smallest set (a stable sort by size, as glibc's
    /// qsort is) and keeps what every other set holds.
    /// </summary>
    private static void SInterGeneric(Client client, int first, int count, int destination, bool cardinalityOnly, long limit)
    {
        if (!TryLoadSets(client, first, count, out var loaded)) return;
        var reply = client.Reply;
        if (Array.IndexOf(loaded, null) >= 0)
        {
            if (destination >= 0) StoreResult(client, destination, null);
            else if (cardinalityOnly) reply.WriteInteger(0);
            else reply.WriteSetHeader(0);
            return;
        }
        var sets = loaded.Select(s => s!).OrderBy(s => s.Count).ToArray();
        var smallest = sets[0];
        var matches = new List<int>();
        var scratch = new byte[SetValue.ScratchBytes];
        for (var p = smallest.Next(-1); p >= 0; p = smallest.Next(p))
        {
            var isInteger = smallest.TryGetInteger(p, out var integer);
            var member = isInteger ? default : smallest.MemberAt(p, scratch);
            var j = 1;
            for (; j < sets.Length; j++)
            {
                if (ReferenceEquals(sets[j], smallest)) continue;
                if (!(isInteger ? sets[j].ContainsInteger(integer) : sets[j].Contains(member))) break;
            }
            if (j < sets.Length) continue;
            matches.Add(p);
            if (cardinalityOnly && limit > 0 && matches.Count >= limit) break;
        }
        if (cardinalityOnly)
        {
            reply.WriteInteger(matches.Count);
            return;
        }
        if (destination < 0)
        {
            reply.WriteSetHeader(matches.Count);
            foreach (var p in matches) reply.WriteBulk(smallest.MemberAt(p, scratch));
            return;
        }
        var result = new SetValue(client.Args.ToArray(destination));
        foreach (var p in matches) result.Add(smallest.MemberAt(p, scratch));
        StoreResult(client, destination, result);
    }

    /// <summary>
    /// The STORE forms: a non-empty result replaces the destination (any type, TTL cleared, as
    /// Redis setKey); an empty one deletes it. Logged as sent when the keyspace changed.
    /// </summary>
    private static void StoreResult(Client client, int destination, SetValue? result)
    {
        if (result is { Count: > 0 })
        {
            client.Db.SetObject(result);
            client.Server.Propagate(client);
            client.Reply.WriteInteger(result.Count);
            return;
        }
        if (client.Db.Delete(client.Args[destination])) client.Server.Propagate(client);
        client.Reply.WriteInteger(0);
    }

    public static void SUnion(Client client) => SUnionDiffGeneric(client, 1, destination: -1, diff: false);

    public static void SUnionStore(Client client) => SUnionDiffGeneric(client, 2, destination: 1, diff: false);

    public static void SDiff(Client client) => SUnionDiffGeneric(client, 1, destination: -1, diff: true);

    public static void SDiffStore(Client client) => SUnionDiffGeneric(client, 2, destination: 1, diff: true);

    /// <summary>
    /// Redis sunionDiffGenericCommand: the result is built in a new set that starts as an intset,
    /// so its encoding and (for intsets) its order are the ones Redis would show.
    /// </summary>
    private static void SUnionDiffGeneric(Client client, int first, int destination, bool diff)
    {
        if (!TryLoadSets(client, first, client.Args.Count - first, out var sets)) return;
        var key = destination >= 0 ? client.Args.ToArray(destination) : [];
        var result = diff ? DifferenceOf(sets, key) : UnionOf(sets, key);
        if (destination >= 0) StoreResult(client, destination, result);
        else WriteMembers(client.Reply, result);
    }

    private static SetValue UnionOf(SetValue?[] sets, byte[]? key = null)
    {
        var result = new SetValue(key ?? []);
        Span<byte> scratch = stackalloc byte[SetValue.ScratchBytes];
        foreach (var set in sets)
        {
            if (set is null) continue;
            foreach (var member in set.Members(scratch)) result.Add(member);
        }
        return result;
    }

    /// <summary>
    /// Redis's two SDIFF algorithms: test each member of the first set against the others
    /// (O(N*M)), or copy the first set and remove the others' members (O(total)), whichever
    /// Redis's estimate picks; both give the same set.
    /// </summary>
    private static SetValue DifferenceOf(SetValue?[] sets, byte[] key)
    {
        var result = new SetValue(key);
        var head = sets[0];
        if (head is null) return result;
        long algorithmOne = 0, algorithmTwo = 0;
        foreach (var set in sets)
        {
            if (set is null) continue;
            algorithmOne += head.Count;
            algorithmTwo += set.Count;
        }
        var scratch = new byte[SetValue.ScratchBytes];
        if (algorithmOne / 2 <= algorithmTwo)
        {
            var others = sets.Skip(1).OrderByDescending(s => s?.Count ?? 0).ToArray();
            for (var p = head.Next(-1); p >= 0; p = head.Next(p))
            {
                var member = head.MemberAt(p, scratch);
                var keep = true;
                foreach (var other in others)
                {
                    if (other is null) continue;
                    if (ReferenceEquals(other, head) || other.Contains(member))
                    {
                        keep = false;
                        break;
                    }
                }
                if (keep) result.Add(member);
            }
            return result;
        }
        foreach (var member in head.Members(scratch)) result.Add(member);
        for (var i = 1; i < sets.Length && result.Count > 0; i++)
        {
            if (sets[i] is not { } other) continue;
            foreach (var member in other.Members(scratch)) result.Remove(member);
        }
        return result;
    }

    private static void WriteMembers(ReplyBuffer reply, SetValue set)
    {
        reply.WriteSetHeader(set.Count);
        foreach (var member in set.Members(stackalloc byte[SetValue.ScratchBytes])) reply.WriteBulk(member);
    }

    /// <summary>SSCAN key cursor [MATCH pattern] [COUNT count]</summary>
    public static void SScan(Client client)
    {
        if (!KeyCommands.TryParseCursor(client, 2, out var cursor)) return;
        if (!TryReadSet(client, client.Args[1], out var set)) return;
        if (set is null)
        {
            WriteEmptyScan(client.Reply);
            return;
        }
        if (!TryParseScanOptions(client, out var count, out var pattern)) return;
        var found = new List<int>();
        var next = set.Scan(cursor, count, found);
        var scratch = new byte[SetValue.ScratchBytes];
        var args = client.Args;
        var kept = 0;
        for (var i = 0; i < found.Count; i++)
            if (pattern < 0 || GlobPattern.IsMatch(args[pattern], set.MemberAt(found[i], scratch))) found[kept++] = found[i];
        var reply = client.Reply;
        Span<byte> digits = stackalloc byte[20];
        reply.WriteArrayHeader(2);
        reply.WriteBulk(HashCommands.FormatCursor(next, digits));
        reply.WriteArrayHeader(kept);
        for (var i = 0; i < kept; i++) reply.WriteBulk(set.MemberAt(found[i], scratch));
    }

    /// <summary>What HSCAN/SSCAN answer for a missing key: cursor 0 and nothing.</summary>
    internal static void WriteEmptyScan(ReplyBuffer reply) => reply.WriteRaw("*2\r\n$1\r\n0\r\n*0\r\n"u8);

    /// <summary>
    /// [MATCH pattern] [COUNT count] from <c>Args[3]</c> on (Redis scanGenericCommand for a
    /// collection: no TYPE). <paramref name="pattern"/> is the pattern's argument index, -1 when
    /// everything matches.
    /// </summary>
    internal static bool TryParseScanOptions(Client client, out int count, out int pattern)
    {
        count = 10;
        pattern = -1;
        var args = client.Args;
        for (var j = 3; j < args.Count; j++)
        {
            var more = args.Count - 1 - j;
            if (client.ArgIs(j, "count"u8) && more >= 1)
            {
                if (!client.TryGetInt64OrReply(++j, out var wanted)) return false;
                if (wanted < 1)
                {
                    client.Reply.WriteError(SharedReplies.SyntaxError);
                    return false;
                }
                count = (int)Math.Min(wanted, int.MaxValue / 16);
            }
            else if (client.ArgIs(j, "match"u8) && more >= 1)
            {
                j++;
                pattern = args.Length(j) == 1 && args[j][0] == '*' ? -1 : j;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return false;
            }
        }
        return true;
    }
}
