using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The entry format inside a list node, listpack-like: <c>[length][bytes][length mirrored]</c>,
/// so a node can be walked from either end without per-entry objects.
/// <code>
///   length &lt; 128      header 0xxxxxxx                    trailer 0xxxxxxx            (1 + 1 bytes)
///   length &lt; 16384    header 10hhhhhh llllllll           trailer llllllll 10hhhhhh   (2 + 2 bytes)
///   otherwise         header 0xC0 + 4-byte LE length     trailer 4-byte LE length + 0xC0 (5 + 5 bytes)
/// </code>
/// Two bytes of overhead for a short element, as in Redis's listpack (encoding byte + backlen).
/// Values are kept as the bytes the client sent; Redis's integer encoding saves a few bytes on
/// long numbers but replies are the same.
/// </summary>
internal static class PackedEntry
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HeaderSize(int length) => length < 128 ? 1 : length < 16384 ? 2 : 5;

    /// <summary>Bytes one entry of <paramref name="length"/> value bytes takes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Size(int length) => length + 2 * HeaderSize(length);

    /// <summary>Writes the whole entry at the start of <paramref name="destination"/>; returns its size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        if (length < 128)
        {
            destination[0] = (byte)length;
            value.CopyTo(destination[1..]);
            destination[length + 1] = (byte)length;
            return length + 2;
        }
        return WriteLong(destination, value);
    }

    private static int WriteLong(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        if (length < 16384)
        {
            destination[0] = (byte)(0x80 | (length >> 8));
            destination[1] = (byte)length;
            value.CopyTo(destination[2..]);
            destination[length + 2] = (byte)length;
            destination[length + 3] = (byte)(0x80 | (length >> 8));
            return length + 4;
        }
        destination[0] = 0xC0;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], length);
        value.CopyTo(destination[5..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(length + 5)..], length);
        destination[length + 9] = 0xC0;
        return length + 10;
    }

    /// <summary>Decodes the entry starting at <paramref name="position"/>; returns where the next one starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadForward(byte[] buffer, int position, out int dataStart, out int length)
    {
        var b = buffer[position];
        if (b < 0x80)
        {
            length = b;
            dataStart = position + 1;
            return position + length + 2;
        }
        if (b < 0xC0)
        {
            length = ((b & 0x3F) << 8) | buffer[position + 1];
            dataStart = position + 2;
            return position + length + 4;
        }
        length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(position + 1));
        dataStart = position + 5;
        return position + length + 10;
    }

    /// <summary>Decodes the entry that ends just before <paramref name="end"/>; returns where it starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadBackward(byte[] buffer, int end, out int dataStart, out int length)
    {
        var b = buffer[end - 1];
        if (b < 0x80)
        {
            length = b;
            dataStart = end - 1 - length;
            return dataStart - 1;
        }
        if (b < 0xC0)
        {
            length = ((b & 0x3F) << 8) | buffer[end - 2];
            dataStart = end - 2 - length;
            return dataStart - 2;
        }
        length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(end - 5));
        dataStart = end - 5 - length;
        return dataStart - 5;
    }
}

/// <summary>
/// One node of a <see cref="ListValue"/>: packed entries in <c>Buffer[Start..End)</c>, with spare
/// room kept at both ends so pushes and pops at either end move an offset and copy the value,
/// allocating nothing until the room runs out (then the buffer grows by a quarter, or the data is
/// re-centred when the buffer is already mostly free).
/// </summary>
internal sealed class ListNode
{
    /// <summary>Redis SIZE_SAFETY_LIMIT: a node limited by entry count still stays under 8 KB.</summary>
    public const int SizeSafetyLimit = 8192;

    public byte[] Buffer;
    public int Start;
    public int End;
    public int Count;

    /// <summary>An empty node whose room is at the end that will be pushed to.</summary>
    public ListNode(int capacity, bool forHead)
    {
        Buffer = GC.AllocateUninitializedArray<byte>(capacity);
        Start = End = forHead ? capacity : 0;
    }

    /// <summary>A node holding a copy of <paramref name="packed"/> (clones, splits).</summary>
    public ListNode(ReadOnlySpan<byte> packed, int count)
    {
        Buffer = GC.AllocateUninitializedArray<byte>(Math.Max(packed.Length, 16));
        packed.CopyTo(Buffer);
        Start = 0;
        End = packed.Length;
        Count = count;
    }

    public int Bytes => End - Start;

    public ReadOnlySpan<byte> Packed => Buffer.AsSpan(Start, End - Start);

    /// <summary>
    /// Redis _quicklistNodeAllowInsert: list-max-listpack-size negative caps the node's bytes
    /// (-1..-5 = 4..64 KB), positive caps its entries (and 8 KB still applies). An empty node
    /// takes anything.
    /// </summary>
    public bool Fits(int entrySize, int fill)
    {
        if (Count == 0) return true;
        var bytes = (long)End - Start + entrySize;
        if (fill < 0) return bytes <= MaxBytes(fill);
        return Count < fill && bytes <= SizeSafetyLimit;
    }

    public static int MaxBytes(int fill) => fill >= 0 ? SizeSafetyLimit : 4096 << (Math.Min(-fill, 5) - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushHead(ReadOnlySpan<byte> value)
    {
        var size = PackedEntry.Size(value.Length);
        if (Start < size) MakeRoom(atHead: true, size);
        Start -= size;
        PackedEntry.Write(Buffer.AsSpan(Start), value);
        Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushTail(ReadOnlySpan<byte> value)
    {
        var size = PackedEntry.Size(value.Length);
        if (Buffer.Length - End < size) MakeRoom(atHead: false, size);
        End += PackedEntry.Write(Buffer.AsSpan(End), value);
        Count++;
    }

    /// <summary>Removes the first entry; its bytes stay readable in the buffer until the node is written again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> PopHead()
    {
        Start = PackedEntry.ReadForward(Buffer, Start, out var data, out var length);
        Count--;
        return Buffer.AsSpan(data, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> PopTail()
    {
        End = PackedEntry.ReadBackward(Buffer, End, out var data, out var length);
        Count--;
        return Buffer.AsSpan(data, length);
    }

    /// <summary>Skips <paramref name="count"/> entries from the head (LTRIM, LPOP count).</summary>
    public void RemoveHead(int count)
    {
        for (var i = 0; i < count; i++) Start = PackedEntry.ReadForward(Buffer, Start, out _, out _);
        Count -= count;
    }

    public void RemoveTail(int count)
    {
        for (var i = 0; i < count; i++) End = PackedEntry.ReadBackward(Buffer, End, out _, out _);
        Count -= count;
    }

    /// <summary>The byte offset of entry <paramref name="index"/> (0-based within the node), walking from the nearer end.</summary>
    public int OffsetOf(int index)
    {
        if (index <= Count / 2)
        {
            var position = Start;
            for (var i = 0; i < index; i++) position = PackedEntry.ReadForward(Buffer, position, out _, out _);
            return position;
        }
        var end = End;
        for (var i = Count; i > index; i--) end = PackedEntry.ReadBackward(Buffer, end, out _, out _);
        return end;
    }

    /// <summary>
    /// Replaces the bytes <c>[from, to)</c> (whole entries, <paramref name="removedEntries"/> of
    /// them) with <paramref name="value"/> as one entry, or with nothing when
    /// <paramref name="insert"/> is false. Moves whichever side of the node is shorter.
    /// </summary>
    public void Splice(int from, int to, int removedEntries, ReadOnlySpan<byte> value, bool insert)
    {
        var newSize = insert ? PackedEntry.Size(value.Length) : 0;
        var delta = newSize - (to - from);
        if (delta > 0 && Start < delta && Buffer.Length - End < delta)
        {
            // Grow, leaving the gap already open at the splice point.
            var used = End - Start + delta;
            var bigger = GC.AllocateUninitializedArray<byte>(used + Math.Max(used / 2, 32));
            var newStart = (bigger.Length - used) / 2;
            Buffer.AsSpan(Start, from - Start).CopyTo(bigger.AsSpan(newStart));
            Buffer.AsSpan(to, End - to).CopyTo(bigger.AsSpan(newStart + (from - Start) + newSize));
            from = newStart + (from - Start);
            Buffer = bigger;
            Start = newStart;
            End = newStart + used;
        }
        else if (delta != 0)
        {
            var headPart = from - Start;
            var tailPart = End - to;
            // Shift the shorter side when it has room to move into (a shrink always has).
            var moveHead = delta < 0 ? headPart <= tailPart : Start >= delta && (headPart <= tailPart || Buffer.Length - End < delta);
            if (moveHead)
            {
                Buffer.AsSpan(Start, headPart).CopyTo(Buffer.AsSpan(Start - delta));
                Start -= delta;
                from -= delta;
            }
            else
            {
                Buffer.AsSpan(to, tailPart).CopyTo(Buffer.AsSpan(to + delta));
                End += delta;
            }
        }
        if (insert) PackedEntry.Write(Buffer.AsSpan(from), value);
        Count += (insert ? 1 : 0) - removedEntries;
    }

    /// <summary>Moves the entries from byte <paramref name="at"/> on into a new node (<paramref name="entries"/> of them).</summary>
    public ListNode SplitAt(int at, int entries)
    {
        var tail = new ListNode(Buffer.AsSpan(at, End - at), entries);
        End = at;
        Count -= entries;
        return tail;
    }

    /// <summary>
    /// LREM within this node: drops up to <paramref name="limit"/> entries equal to
    /// <paramref name="value"/>, scanning from the tail when <paramref name="fromTail"/>,
    /// compacting the kept ones in place. Returns how many were dropped.
    /// </summary>
    public int RemoveMatching(ReadOnlySpan<byte> value, long limit, bool fromTail)
    {
        var removed = 0;
        if (!fromTail)
        {
            var write = Start;
            var read = Start;
            while (read < End)
            {
                var next = PackedEntry.ReadForward(Buffer, read, out var data, out var length);
                if (removed < limit && Buffer.AsSpan(data, length).SequenceEqual(value)) removed++;
                else
                {
                    if (write != read) Buffer.AsSpan(read, next - read).CopyTo(Buffer.AsSpan(write));
                    write += next - read;
                }
                read = next;
            }
            End = write;
        }
        else
        {
            var write = End;
            var read = End;
            while (read > Start)
            {
                var previous = PackedEntry.ReadBackward(Buffer, read, out var data, out var length);
                if (removed < limit && Buffer.AsSpan(data, length).SequenceEqual(value)) removed++;
                else
                {
                    write -= read - previous;
                    if (write != previous) Buffer.AsSpan(previous, read - previous).CopyTo(Buffer.AsSpan(write));
                }
                read = previous;
            }
            Start = write;
        }
        Count -= removed;
        return removed;
    }

    /// <summary>Makes at least <paramref name="size"/> bytes of room at one end: re-centre when enough is free, else grow by a quarter (at most 20% slack, like an allocator's size classes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakeRoom(bool atHead, int size)
    {
        var used = End - Start;
        var free = Buffer.Length - used;
        byte[] target;
        if (free >= size + used / 2 && free >= size * 2)
        {
            target = Buffer;
        }
        else
        {
            var capacity = (long)used + size + Math.Max(used / 4, 16);
            target = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, capacity));
            free = target.Length - used;
        }
        // The pushing side gets most of the room; the other keeps some so alternating ends stay cheap.
        var newStart = atHead ? free - (free - size) / 4 : (free - size) / 4;
        Buffer.AsSpan(Start, used).CopyTo(target.AsSpan(newStart));
        Buffer = target;
        Start = newStart;
        End = newStart + used;
    }

    /// <summary>Drops everything and puts the room at the end that will be pushed to (a recycled node).</summary>
    public void Reset(bool forHead)
    {
        Start = End = forHead ? Buffer.Length : 0;
        Count = 0;
    }
}
