using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// BITFIELD and BITFIELD_RO (Redis bitfieldGeneric): signed and unsigned integers of 1 to 64
/// bits (u64 excepted) at any bit offset of a string, with WRAP, SAT or FAIL on overflow. Every
/// operation is parsed and checked before any runs, so a bad argument changes nothing.
/// </summary>
internal static class BitfieldCommands
{
    private const string TypeError = "Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private enum Opcode : byte { Get, Set, IncrBy }

    private struct FieldOperation
    {
        public long Offset;
        public long Value;
        public Opcode Opcode;
        public Bitmap.Overflow Overflow;
        public int Bits;
        public bool Signed;
    }

    public static void BitField(Client client) => BitFieldGeneric(client, readOnly: false);

    public static void BitFieldRo(Client client) => BitFieldGeneric(client, readOnly: true);

    private static void BitFieldGeneric(Client client, bool readOnly)
    {
        var args = client.Args;
        var most = (args.Count - 2) / 3 + 1;
        Span<FieldOperation> ops = most <= 16 ? stackalloc FieldOperation[16] : new FieldOperation[most];
        var count = 0;
        var overflow = Bitmap.Overflow.Wrap;
        var writes = false;
        long highestWrite = 0;
        for (var j = 2; j < args.Count; j++)
        {
            var remaining = args.Count - j - 1;
            Opcode opcode;
            if (client.ArgIs(j, "get"u8) && remaining >= 2) opcode = Opcode.Get;
            else if (client.ArgIs(j, "set"u8) && remaining >= 3) opcode = Opcode.Set;
            else if (client.ArgIs(j, "incrby"u8) && remaining >= 3) opcode = Opcode.IncrBy;
            else if (client.ArgIs(j, "overflow"u8) && remaining >= 1)
            {
                j++;
                if (client.ArgIs(j, "wrap"u8)) overflow = Bitmap.Overflow.Wrap;
                else if (client.ArgIs(j, "sat"u8)) overflow = Bitmap.Overflow.Sat;
                else if (client.ArgIs(j, "fail"u8)) overflow = Bitmap.Overflow.Fail;
                else
                {
                    client.Reply.WriteError("Invalid OVERFLOW type specified");
                    return;
                }
                continue;
            }
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
            if (!TryGetTypeOrReply(client, j + 1, out var signed, out var bits)) return;
            if (!BitmapCommands.TryGetBitOffsetOrReply(client, j + 2, bits, out var offset)) return;
            long value = 0;
            if (opcode != Opcode.Get)
            {
                writes = true;
                highestWrite = Math.Max(highestWrite, offset + bits - 1);
                if (!client.TryGetInt64OrReply(j + 3, out value)) return;
            }
            ops[count++] = new FieldOperation { Offset = offset, Value = value, Opcode = opcode, Overflow = overflow, Bits = bits, Signed = signed };
            j += opcode == Opcode.Get ? 2 : 3;
        }

        MutableString? target = null;
        ReadOnlySpan<byte> readValue = default;
        var grown = false;
        if (!writes)
        {
            ref var entry = ref client.LookupRead(args[1]);
            if (!Unsafe.IsNullRef(ref entry) && !client.TryGetStringOrReply(entry.Item!, out readValue)) return;
        }
        else
        {
            if (readOnly)
            {
                client.Reply.WriteError("BITFIELD_RO only supports the GET subcommand");
                return;
            }
            target = BitmapCommands.LookupStringForBitWrite(client, highestWrite, out grown);
            if (target is null) return;
        }

        var reply = client.Reply;
        reply.WriteArrayHeader(count);
        var changes = 0;
        foreach (ref var op in ops[..count])
        {
            if (op.Opcode == Opcode.Get)
            {
                var source = target is null ? readValue : target.Value;
                if (op.Signed) reply.WriteInteger(Bitmap.GetSigned(source, op.Offset, op.Bits));
                else reply.WriteInteger((long)Bitmap.GetUnsigned(source, op.Offset, op.Bits));
                continue;
            }
            var bytes = target!.WritableValue;
            if (op.Signed)
            {
                var old = Bitmap.GetSigned(bytes, op.Offset, op.Bits);
                long updated, result;
                int overflowed;
                if (op.Opcode == Opcode.IncrBy)
                {
                    overflowed = Bitmap.CheckSignedOverflow(old, op.Value, op.Bits, op.Overflow, out var wrapped);
                    updated = overflowed != 0 ? wrapped : unchecked(old + op.Value);
                    result = updated;
                }
                else
                {
                    overflowed = Bitmap.CheckSignedOverflow(op.Value, 0, op.Bits, op.Overflow, out var wrapped);
                    updated = overflowed != 0 ? wrapped : op.Value;
                    result = old;
                }
                if (overflowed != 0 && op.Overflow == Bitmap.Overflow.Fail)
                {
                    reply.WriteNull();
                    continue;
                }
                reply.WriteInteger(result);
                Bitmap.SetUnsigned(bytes, op.Offset, op.Bits, unchecked((ulong)updated));
                if (updated != old) changes++;
            }
            else
            {
                var old = Bitmap.GetUnsigned(bytes, op.Offset, op.Bits);
                ulong updated, result;
                int overflowed;
                if (op.Opcode == Opcode.IncrBy)
                {
                    overflowed = Bitmap.CheckUnsignedOverflow(old, op.Value, op.Bits, op.Overflow, out var wrapped);
                    updated = overflowed != 0 ? wrapped : unchecked(old + (ulong)op.Value);
                    result = updated;
                }
                else
                {
                    overflowed = Bitmap.CheckUnsignedOverflow(unchecked((ulong)op.Value), 0, op.Bits, op.Overflow, out var wrapped);
                    updated = overflowed != 0 ? wrapped : unchecked((ulong)op.Value);
                    result = old;
                }
                if (overflowed != 0 && op.Overflow == Bitmap.Overflow.Fail)
                {
                    reply.WriteNull();
                    continue;
                }
                reply.WriteInteger((long)result);
                Bitmap.SetUnsigned(bytes, op.Offset, op.Bits, updated);
                if (updated != old) changes++;
            }
        }
        // redis-server 7.0.15 logs the command when a write changed a value or grew the string,
        // except when every write failed (OVERFLOW FAIL) on a string they created or grew: the
        // key then exists in memory but not in its AOF. Here a grown string is always logged.
        if (changes > 0 || grown) client.Server.Propagate(client);
    }

    /// <summary>Redis getBitfieldTypeFromArgument: i1..i64 or u1..u63.</summary>
    private static bool TryGetTypeOrReply(Client client, int index, out bool signed, out int bits)
    {
        var text = client.Args[index];
        signed = false;
        bits = 0;
        if (text.Length == 0 || (text[0] != 'i' && text[0] != 'u'))
        {
            client.Reply.WriteError(TypeError);
            return false;
        }
        signed = text[0] == 'i';
        if (!Int64Text.TryParse(text[1..], out var width) || width < 1 || (signed && width > 64) || (!signed && width > 63))
        {
            client.Reply.WriteError(TypeError);
            return false;
        }
        bits = (int)width;
        return true;
    }
}
