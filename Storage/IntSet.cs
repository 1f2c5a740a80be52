using System.Runtime.CompilerServices;

namespace EventLoopKv.Storage;

/// <summary>
/// The small encoding of sets whose members are all integers (OBJECT ENCODING "intset"), as
/// Redis's intset.c: a sorted array of integers packed at the narrowest width that holds them
/// all (2, 4 or 8 bytes), found by binary search. The width only ever grows (a value that needs
/// more upgrades every element), as in Redis. Members come out in ascending order, which is why
/// SMEMBERS of a small integer set is sorted in Redis too.
/// <para>
/// One width more than Redis: while every member lies within 256 of the smallest, a member is
/// one byte, its distance from a base kept in the first 8 bytes (width 1). One hundred
/// neighbouring integers (1000..1099) take 108 bytes instead of Redis's 200. A member outside
/// that window rebases (when the window can still cover all) or upgrades the set to the
/// 2/4/8-byte width every member needs; both are O(n), as Redis's upgrade and insert are.
/// </para>
/// </summary>
public struct IntSet
{
    /// <summary>Bytes before the members in the one-byte width: the base.</summary>
    private const int BaseBytes = 8;
    /// <summary>The one-byte width is only used well inside the 64-bit range (no overflow in offsets).</summary>
    private const long OffsetLimit = 1L << 62;

    private byte[] _data;
    private int _width;

    public IntSet() : this(4)
    {
    }

    /// <param name="capacity">Members about to be added (SADD's argument count), so a new set is allocated once.</param>
    /// <param name="widest">The member of largest magnitude about to be added: the set starts at its width.</param>
    public IntSet(int capacity, long widest = 0)
    {
        _width = WidthFor(widest);
        _data = new byte[Math.Clamp(capacity, 1, 1 << 20) * _width];
    }

    /// <param name="capacity">Members about to be added (SADD's argument count), so a new set is allocated once.</param>
    /// <param name="smallest">The smallest member about to be added.</param>
    /// <param name="largest">The largest: the set starts at the narrowest width that holds both.</param>
    public IntSet(int capacity, long smallest, long largest)
    {
        capacity = Math.Clamp(capacity, 1, 1 << 20);
        if (FitsOffsets(smallest, largest))
        {
            _width = 1;
            _data = new byte[BaseBytes + capacity];
            Unsafe.WriteUnaligned(ref _data[0], smallest);
            return;
        }
        _width = Math.Max(WidthFor(smallest), WidthFor(largest));
        _data = new byte[capacity * _width];
    }

    private IntSet(IntSet other)
    {
        _width = other._width;
        _data = other._data.AsSpan(0, Math.Max(BytesFor(other.Count, other._width), other._width)).ToArray();
        Count = other.Count;
    }

    private static bool FitsOffsets(long smallest, long largest) =>
        smallest > -OffsetLimit && largest < OffsetLimit && largest - smallest <= byte.MaxValue;

    /// <summary>Bytes <paramref name="count"/> members take at <paramref name="width"/>.</summary>
    private static int BytesFor(int count, int width) => width == 1 ? BaseBytes + count : count * width;

    private readonly long Base => Unsafe.ReadUnaligned<long>(ref _data[0]);

    private readonly int CapacityInMembers => _width == 1 ? _data.Length - BaseBytes : _data.Length / _width;

    /// <summary>True when <paramref name="value"/> can be stored at the current width.</summary>
    private readonly bool Fits(long value) =>
        _width == 1 ? (ulong)(value - Base) <= byte.MaxValue : WidthFor(value) <= _width; // wraps for values below the base

    public int Count { readonly get; private set; }

    /// <summary>Bytes per element: 1 (an offset from the base), or 2, 4 or 8 (Redis INTSET_ENC_INT16/32/64).</summary>
    public readonly int Width => _width;

    public readonly IntSet Clone() => new(this);

    public readonly long this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Read(_data, _width, index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Read(byte[] data, int width, int index) => width switch
    {
        1 => Unsafe.ReadUnaligned<long>(ref data[0]) + data[BaseBytes + index],
        2 => Unsafe.ReadUnaligned<short>(ref data[index * 2]),
        4 => Unsafe.ReadUnaligned<int>(ref data[index * 4]),
        _ => Unsafe.ReadUnaligned<long>(ref data[index * 8]),
    };

    private static void Write(byte[] data, int width, int index, long value)
    {
        switch (width)
        {
            case 1: data[BaseBytes + index] = (byte)(value - Unsafe.ReadUnaligned<long>(ref data[0])); break;
            case 2: Unsafe.WriteUnaligned(ref data[index * 2], (short)value); break;
            case 4: Unsafe.WriteUnaligned(ref data[index * 4], (int)value); break;
            default: Unsafe.WriteUnaligned(ref data[index * 8], value); break;
        }
    }

    /// <summary>The bytes an intset needs per element to hold <paramref name="value"/>.</summary>
    public static int WidthFor(long value) =>
        value is >= short.MinValue and <= short.MaxValue ? 2 : value is >= int.MinValue and <= int.MaxValue ? 4 : 8;

    /// <summary>The index of <paramref name="value"/>, or the bitwise complement of where it would go.</summary>
    public readonly int Search(long value)
    {
        if (!Fits(value)) return _width == 1 ? (value < Base ? ~0 : ~Count) : value < 0 ? ~0 : ~Count;
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            var current = Read(_data, _width, mid);
            if (current < value) low = mid + 1;
            else if (current > value) high = mid - 1;
            else return mid;
        }
        return ~low;
    }

    public readonly bool Contains(long value) => Search(value) >= 0;

    /// <summary>Adds <paramref name="value"/>; false when it was already there.</summary>
    public bool Add(long value)
    {
        if (!Fits(value))
        {
            Upgrade(value);
            return true;
        }
        var index = Search(value);
        if (index >= 0) return false;
        index = ~index;
        EnsureCapacity(Count + 1);
        var offset = _width == 1 ? BaseBytes : 0;
        _data.AsSpan(offset + index * _width, (Count - index) * _width).CopyTo(_data.AsSpan(offset + (index + 1) * _width));
        Write(_data, _width, index, value);
        Count++;
        return true;
    }

    /// <summary>
    /// A value the width cannot hold is below or above every member, so it goes first or last
    /// (Redis intsetUpgradeAndAdd). From the one-byte width the set rebases when the window can
    /// still cover every member, and otherwise takes the width its extremes need.
    /// </summary>
    private void Upgrade(long value)
    {
        var prepend = _width == 1 ? value < Base : value < 0;
        var smallest = prepend ? value : Count > 0 ? this[0] : value;
        var largest = prepend ? (Count > 0 ? this[Count - 1] : value) : value;
        var width = FitsOffsets(smallest, largest) ? 1 : Math.Max(_width, Math.Max(WidthFor(smallest), WidthFor(largest)));
        // Keep the room already reserved (a presized SADD), in elements.
        var capacity = Math.Max(CapacityInMembers, Count + 1 + Count / 4);
        var data = new byte[BytesFor(capacity, width)];
        if (width == 1) Unsafe.WriteUnaligned(ref data[0], smallest);
        var shift = prepend ? 1 : 0;
        for (var i = 0; i < Count; i++) Write(data, width, i + shift, Read(_data, _width, i));
        Write(data, width, prepend ? 0 : Count, value);
        _data = data;
        _width = width;
        Count++;
    }

    public bool Remove(long value)
    {
        var index = Search(value);
        if (index < 0) return false;
        RemoveAt(index);
        return true;
    }

    public void RemoveAt(int index)
    {
        var offset = _width == 1 ? BaseBytes : 0;
        _data.AsSpan(offset + (index + 1) * _width, (Count - index - 1) * _width).CopyTo(_data.AsSpan(offset + index * _width));
        Count--;
        if (_data.Length > 256 && BytesFor(Count, _width) < _data.Length / 4)
            _data = _data.AsSpan(0, BytesFor(Math.Max(Count * 2, 4), _width)).ToArray();
    }

    private void EnsureCapacity(int count)
    {
        if (BytesFor(count, _width) <= _data.Length) return;
        // A quarter more: Redis reallocates an intset on every insert; this keeps the slack close to jemalloc's size classes.
        Array.Resize(ref _data, BytesFor(Math.Max(count, Count + Math.Max(4, Count / 4)), _width));
    }

    public readonly long AllocatedBytes => _data.Length;

    /// <summary>
    /// Redis string2ll, the test for "can this member live in an intset": an optional '-', no
    /// '+', no leading zeros, no spaces, within 64 bits ("-0" and "007" stay strings).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long value) => Int64Text.TryParse(text, out value);

    /// <summary>The decimal digits of <paramref name="value"/> into <paramref name="destination"/> (20 bytes suffice).</summary>
    public static ReadOnlySpan<byte> Format(long value, Span<byte> destination)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(value, destination, out var written);
        return destination[..written];
    }
}
