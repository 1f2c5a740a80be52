using System.Buffers;
using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP (Redis bitops.c) on plain string values. A string
/// that is written bit by bit becomes a <see cref="MutableString"/> and is then edited in place,
/// so SETBIT and GETBIT allocate nothing once the string has reached its size.
/// </summary>
internal static class BitmapCommands
{
    private const string BitOffsetError = "bit offset is not an integer or out of range";
    private const string BitValueError = "bit is not an integer or out of range";

    /// <summary>SETBIT key offset 0|1: replies the bit's previous value; the string grows zero-filled.</summary>
    public static void SetBit(Client client)
    {
        if (!TryGetBitOffsetOrReply(client, 2, 0, out var offset)) return;
        if (!client.TryGetInt64OrReply(3, out var on, BitValueError)) return;
        if ((on & ~1L) != 0)
        {
            client.Reply.WriteError(BitValueError);
            return;
        }
        var mutable = LookupStringForBitWrite(client, offset, out var grown);
        if (mutable is null) return;
        ref var b = ref mutable.WritableValue[(int)(offset >> 3)];
        var shift = 7 - (int)(offset & 7);
        var old = (b >> shift) & 1;
        // Like redis-server 7.0.15, a SETBIT that changes nothing is not a write (not logged).
        if (grown || old != on)
        {
            b = (byte)((b & ~(1 << shift)) | ((int)on << shift));
            client.Server.Propagate(client);
        }
        client.Reply.WriteInteger(old);
    }

    /// <summary>GETBIT key offset: bits past the end of the string (or of a missing key) are 0.</summary>
    public static void GetBit(Client client)
    {
        if (!TryGetBitOffsetOrReply(client, 2, 0, out var offset)) return;
        ref var entry = ref client.LookupRead(client.Args[1]);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (!client.TryGetStringOrReply(entry.Item!, out var value)) return;
        var index = offset >> 3;
        var bit = index < value.Length ? (value[(int)index] >> (7 - (int)(offset & 7))) & 1 : 0;
        client.Reply.WriteInteger(bit);
    }

    /// <summary>
    /// BITCOUNT key [start end [BYTE|BIT]]. As in Redis 7.0 the key is looked up first: a
    /// missing key answers 0 whatever the other arguments are.
    /// </summary>
    public static void BitCount(Client client)
    {
        ref var entry = ref client.LookupRead(client.Args[1]);
        if (Unsafe.IsNullRef(ref entry))
        {
            client.Reply.WriteInteger(0);
            return;
        }
        if (!client.TryGetStringOrReply(entry.Item!, out var value)) return;
        var args = client.Args;
        long start, end;
        int firstMask = 0, lastMask = 0;
        if (args.Count is 4 or 5)
        {
            if (!client.TryGetInt64OrReply(2, out start) || !client.TryGetInt64OrReply(3, out end)) return;
            // Redis 7.0 answers an empty negative range before it looks at BYTE|BIT.
            if (start < 0 && end < 0 && start > end)
            {
                client.Reply.WriteInteger(0);
                return;
            }
            var isBit = false;
            if (args.Count == 5 && !TryParseUnit(client, 4, out isBit)) return;
            long total = value.Length;
            if (isBit) total <<= 3;
            ClampRange(ref start, ref end, total);
            if (isBit && start <= end)
            {
                // Bits of the edge bytes that lie outside the range are counted, then taken off.
                firstMask = ~((1 << (8 - (int)(start & 7))) - 1) & 0xFF;
                lastMask = (1 << (7 - (int)(end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        }
        else if (args.Count == 2)
        {
            start = 0;
            end = value.Length - 1;
        }
        else
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (start > end)
        {
            client.Reply.WriteInteger(0);
            return;
        }
        var count = Bitmap.PopCount(value.Slice((int)start, (int)(end - start + 1)));
        if (firstMask != 0) count -= System.Numerics.BitOperations.PopCount((uint)(value[(int)start] & firstMask));
        if (lastMask != 0) count -= System.Numerics.BitOperations.PopCount((uint)(value[(int)end] & lastMask));
        client.Reply.WriteInteger(count);
    }

    /// <summary>
    /// BITPOS key bit [start [end [BYTE|BIT]]]: the first bit set to 1 or 0. With no end given
    /// the string is taken as zero-padded on the right, so a search for 0 in a string of ones
    /// answers the first bit past it; with an end given it answers -1 (Redis's rules).
    /// </summary>
    public static void BitPos(Client client)
    {
        if (!client.TryGetInt64OrReply(2, out var bit)) return;
        if (bit is not (0 or 1))
        {
            client.Reply.WriteError("The bit argument must be 1 or 0.");
            return;
        }
        ref var entry = ref client.LookupRead(client.Args[1]);
        if (Unsafe.IsNullRef(ref entry))
        {
            // A missing key is an infinite run of zeros.
            client.Reply.WriteInteger(bit == 1 ? -1 : 0);
            return;
        }
        if (!client.TryGetStringOrReply(entry.Item!, out var p)) return;
        var args = client.Args;
        long start, end;
        var endGiven = false;
        int firstMask = 0, lastMask = 0;
        if (args.Count is 4 or 5 or 6)
        {
            long total = p.Length;
            if (!client.TryGetInt64OrReply(3, out start)) return;
            var isBit = false;
            if (args.Count == 6 && !TryParseUnit(client, 5, out isBit)) return;
            if (args.Count >= 5)
            {
                if (!client.TryGetInt64OrReply(4, out end)) return;
                endGiven = true;
            }
            else end = total - 1;
            if (isBit) total <<= 3;
            ClampRange(ref start, ref end, total);
            if (isBit && start <= end)
            {
                firstMask = ~((1 << (8 - (int)(start & 7))) - 1) & 0xFF;
                lastMask = (1 << (7 - (int)(end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        }
        else if (args.Count == 3)
        {
            start = 0;
            end = p.Length - 1;
        }
        else
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (start > end)
        {
            client.Reply.WriteInteger(-1);
            return;
        }
        var position = SearchRange(p, (int)bit, ref start, end, firstMask, lastMask, out var bytes);
        // With an explicit end, running off the range when looking for a 0 means there is none.
        if (endGiven && bit == 0 && position == bytes << 3)
        {
            client.Reply.WriteInteger(-1);
            return;
        }
        if (position != -1) position += start << 3;
        client.Reply.WriteInteger(position);
    }

    /// <summary>
    /// Redis 7.0's bitposCommand body: the first and last bytes are searched with the bits outside
    /// the range forced to the value not looked for; <paramref name="start"/> and
    /// <paramref name="bytes"/> end up describing the part searched last.
    /// </summary>
    private static long SearchRange(ReadOnlySpan<byte> p, int bit, ref long start, long end, int firstMask, int lastMask, out long bytes)
    {
        bytes = end - start + 1;
        long position;
        Span<byte> one = stackalloc byte[1];
        if (firstMask != 0)
        {
            var edge = bit == 1 ? p[(int)start] & ~firstMask : p[(int)start] | firstMask;
            if (lastMask != 0 && bytes == 1) edge = bit == 1 ? edge & ~lastMask : edge | lastMask;
            one[0] = (byte)edge;
            position = Bitmap.BitPos(one, bit);
            if (bytes == 1 || (position != -1 && position != 8)) return position;
            start++;
            bytes--;
        }
        var middle = bytes - (lastMask != 0 ? 1 : 0);
        if (middle > 0)
        {
            position = Bitmap.BitPos(p.Slice((int)start, (int)middle), bit);
            if (bytes == middle || (position != -1 && position != middle << 3)) return position;
            start += middle;
            bytes -= middle;
        }
        one[0] = (byte)(bit == 1 ? p[(int)end] & ~lastMask : p[(int)end] | lastMask);
        return Bitmap.BitPos(one, bit);
    }

    /// <summary>BITOP AND|OR|XOR|NOT destkey key [key ...]: missing keys are empty strings, shorter ones zero-padded.</summary>
    public static void BitOp(Client client)
    {
        var args = client.Args;
        Bitmap.Operation operation;
        if (client.ArgIs(1, "and"u8)) operation = Bitmap.Operation.And;
        else if (client.ArgIs(1, "or"u8)) operation = Bitmap.Operation.Or;
        else if (client.ArgIs(1, "xor"u8)) operation = Bitmap.Operation.Xor;
        else if (client.ArgIs(1, "not"u8)) operation = Bitmap.Operation.Not;
        else
        {
            client.Reply.WriteError(SharedReplies.SyntaxError);
            return;
        }
        if (operation == Bitmap.Operation.Not && args.Count != 4)
        {
            client.Reply.WriteError("BITOP NOT must be called with a single source key.");
            return;
        }
        // Every source is checked before anything is computed: one wrong type fails the whole command.
        var sources = new object?[args.Count - 3];
        var longest = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            ref var entry = ref client.LookupRead(args[i + 3]);
            if (Unsafe.IsNullRef(ref entry)) continue;
            if (!client.TryGetStringOrReply(entry.Item!, out var value)) return;
            sources[i] = entry.Item;
            longest = Math.Max(longest, value.Length);
        }
        var key = args[2];
        if (longest == 0)
        {
            if (client.Db.Delete(key)) client.Server.Propagate(client);
            client.Reply.WriteInteger(0);
            return;
        }
        // Computed in a pooled scratch buffer (the destination may be a source), then stored.
        var scratch = ArrayPool<byte>.Shared.Rent(longest);
        try
        {
            var result = scratch.AsSpan(0, longest);
            var first = ValueOf(sources[0]);
            first.CopyTo(result);
            result[first.Length..].Clear();
            if (operation == Bitmap.Operation.Not) Bitmap.Combine(operation, result, default);
            for (var i = 1; i < sources.Length; i++) Bitmap.Combine(operation, result, ValueOf(sources[i]));
            StoreResult(client, key, result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        client.Server.Propagate(client);
        client.Reply.WriteInteger(longest);
    }

    /// <summary>
    /// Redis setKey of a new raw string (any TTL is gone). A destination that already is a
    /// mutable string of about the same size is overwritten in place: repeated BITOPs into the
    /// same key then allocate nothing, where a new 1 MB array per call would cost a full GC.
    /// </summary>
    private static void StoreResult(Client client, ReadOnlySpan<byte> key, ReadOnlySpan<byte> result)
    {
        ref var entry = ref client.Db.FindForWrite(key);
        if (!Unsafe.IsNullRef(ref entry) && entry.Item is MutableString existing &&
            existing.Length >= result.Length / 2 && existing.Length <= 2L * result.Length)
        {
            var target = client.Db.MutableStringOf(ref entry)!;
            target.SetLength(result.Length);
            result.CopyTo(target.WritableValue);
            client.Db.SetExpire(ref entry, 0);
            return;
        }
        client.Db.SetObject(new MutableString(key.ToArray(), result));
    }

    private static ReadOnlySpan<byte> ValueOf(object? item) => item switch
    {
        byte[] blob => StringBlob.Value(blob),
        MutableString mutable => mutable.Value,
        _ => default,
    };

    /// <summary>
    /// Redis getBitOffsetFromArgument: a non-negative integer whose byte lies under
    /// proto-max-bulk-len (so up to 2^32-1 by default); with <paramref name="bits"/> &gt; 0 a
    /// "#n" form means n * bits (BITFIELD). Commands replayed from the AOF are not limited.
    /// </summary>
    internal static bool TryGetBitOffsetOrReply(Client client, int index, int bits, out long offset)
    {
        var text = client.Args[index];
        var hash = bits > 0 && text.Length > 0 && text[0] == '#';
        if (!Int64Text.TryParse(hash ? text[1..] : text, out offset))
        {
            client.Reply.WriteError(BitOffsetError);
            return false;
        }
        if (hash) offset = unchecked(offset * bits);
        // A .NET array ends below 2 GB: with proto-max-bulk-len raised past it, so do offsets.
        if (offset < 0 || (offset >> 3) >= Array.MaxLength - 8 ||
            (!client.Server.Loading && (offset >> 3) >= client.Server.Config.ProtoMaxBulkLen))
        {
            client.Reply.WriteError(BitOffsetError);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Redis lookupStringForBitCommand: the key's string, created or zero-extended so that bit
    /// <paramref name="maxBit"/> exists, ready to be edited in place; null (WRONGTYPE sent) for
    /// another type. <paramref name="grown"/> tells whether the string was created or extended.
    /// </summary>
    internal static MutableString? LookupStringForBitWrite(Client client, long maxBit, out bool grown)
    {
        grown = true;
        var length = (int)((maxBit >> 3) + 1);
        var key = client.Args[1];
        ref var entry = ref client.Db.FindForWrite(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            // Exactly the bytes needed, as Redis's sdsnewlen: a new 512 MB bitmap takes 512 MB.
            var created = MutableString.FromBuffer(key.ToArray(), new byte[length], length);
            client.Db.SetObject(created);
            return created;
        }
        var mutable = client.Db.MutableStringOf(ref entry);
        if (mutable is null)
        {
            client.Reply.WriteError(SharedReplies.WrongType);
            return null;
        }
        grown = mutable.Length < length;
        if (grown) mutable.SetLength(length);
        return mutable;
    }

    /// <summary>Redis's range rules: negative counts from the end, then clamped to the string.</summary>
    private static void ClampRange(ref long start, ref long end, long total)
    {
        if (start < 0) start = total + start;
        if (end < 0) end = total + end;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= total) end = total - 1;
    }

    private static bool TryParseUnit(Client client, int index, out bool isBit)
    {
        isBit = client.ArgIs(index, "bit"u8);
        if (isBit || client.ArgIs(index, "byte"u8)) return true;
        client.Reply.WriteError(SharedReplies.SyntaxError);
        return false;
    }
}
