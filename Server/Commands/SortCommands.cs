using System.Globalization;
using System.Runtime.CompilerServices;
using EventLoopKv.Protocol;
using EventLoopKv.Storage;

namespace EventLoopKv.Server.Commands;

/// <summary>
/// SORT and SORT_RO (Redis sort.c) over lists, sets and sorted sets. The collection is read
/// through <see cref="ISortableValue.Elements"/> (native order: a list head to tail, a sorted set
/// by rank), so any collection type that implements it can be sorted. STORE builds a list
/// through <see cref="CreateList"/>, which the list type supplies in its own part of this class.
/// </summary>
internal static partial class SortCommands
{
    /// <summary>
    /// Supplied by the list type (a <c>SortCommands.Lists.cs</c> part): the list that SORT ...
    /// STORE saves under <paramref name="key"/>, holding <paramref name="items"/> in order, with
    /// the encoding Redis would give it.
    /// </summary>
    static partial void CreateList(byte[] key, List<byte[]> items, ref RedisObject? list);

    private sealed class SortItem(byte[] element, int index)
    {
        public byte[] Element { get; } = element;
        /// <summary>Where it was loaded: ties that compare equal keep their order (glibc's qsort is a merge sort).</summary>
        public int Index { get; } = index;
        public double Score { get; set; }
        /// <summary>The BY value for ALPHA sorting; null when the BY key or field is missing.</summary>
        public byte[]? CompareBy { get; set; }
    }

    public static void Sort(Client client) => SortGeneric(client, readOnly: false);

    public static void SortRo(Client client) => SortGeneric(client, readOnly: true);

    /// <summary>SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]</summary>
    private static void SortGeneric(Client client, bool readOnly)
    {
        var args = client.Args;
        bool desc = false, alpha = false, dontSort = false;
        long limitStart = 0, limitCount = -1;
        int byIndex = -1, storeIndex = -1;
        var gets = new List<int>();
        for (var j = 2; j < args.Count; j++)
        {
            var left = args.Count - j - 1;
            if (client.ArgIs(j, "asc"u8)) desc = false;
            else if (client.ArgIs(j, "desc"u8)) desc = true;
            else if (client.ArgIs(j, "alpha"u8)) alpha = true;
            else if (client.ArgIs(j, "limit"u8) && left >= 2)
            {
                if (!client.TryGetInt64OrReply(j + 1, out limitStart) || !client.TryGetInt64OrReply(j + 2, out limitCount)) return;
                j += 2;
            }
            else if (!readOnly && client.ArgIs(j, "store"u8) && left >= 1) storeIndex = ++j;
            else if (client.ArgIs(j, "by"u8) && left >= 1)
            {
                byIndex = ++j;
                // A BY pattern without '*' names one key for every element: nothing to sort by.
                dontSort = args[j].IndexOf((byte)'*') < 0;
            }
            else if (client.ArgIs(j, "get"u8) && left >= 1) gets.Add(++j);
            else
            {
                client.Reply.WriteError(SharedReplies.SyntaxError);
                return;
            }
        }

        ref var entry = ref client.LookupRead(args[1]);
        RedisObject? value = null;
        if (!Unsafe.IsNullRef(ref entry))
        {
            value = entry.Item as RedisObject;
            if (value?.Type is not (RedisType.List or RedisType.Set or RedisType.SortedSet))
            {
                client.Reply.WriteError(SharedReplies.WrongType);
                return;
            }
            if (value is not ISortableValue)
            {
                client.Reply.WriteError($"SORT of a {RedisTypeNames.Name(value.Type)} is not supported yet");
                return;
            }
        }
        var isSet = value?.Type == RedisType.Set;
        // A set has no order of its own: a stored result must not depend on its layout.
        if (dontSort && isSet && storeIndex >= 0)
        {
            dontSort = false;
            alpha = true;
            byIndex = -1;
        }

        var elements = new List<byte[]>();
        if (value is ISortableValue sortable)
            foreach (var element in sortable.Elements()) elements.Add(element.ToArray());
        var length = elements.Count;
        long start = Math.Min(Math.Max(limitStart, 0), length);
        limitCount = Math.Min(Math.Max(limitCount, -1), length);
        var end = limitCount < 0 ? length - 1 : start + limitCount - 1;
        if (start >= length)
        {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) end = length - 1;

        // Lists and sorted sets keep their own order when not sorted; DESC walks it backwards.
        if (dontSort && !isSet && desc) elements.Reverse();

        var items = new SortItem[elements.Count];
        for (var i = 0; i < items.Length; i++) items[i] = new SortItem(elements[i], i);
        if (!dontSort)
        {
            var conversionError = false;
            foreach (var item in items)
            {
                ReadOnlySpan<byte> by = item.Element;
                if (byIndex >= 0)
                {
                    if (!TryLookupByPattern(client, args[byIndex], item.Element, out by)) continue;
                }
                if (alpha)
                {
                    if (byIndex >= 0) item.CompareBy = by.ToArray();
                }
                else if (!TryParseStrtod(by, out var score)) conversionError = true;
                else item.Score = score;
            }
            if (conversionError)
            {
                client.Reply.WriteError("One or more scores can't be converted into double");
                return;
            }
            var byPattern = byIndex >= 0;
            Array.Sort(items, (a, b) =>
            {
                var cmp = Compare(a, b, alpha, byPattern);
                if (desc) cmp = -cmp;
                return cmp != 0 ? cmp : a.Index.CompareTo(b.Index);
            });
        }

        var count = (int)(end - start + 1);
        var outputLength = gets.Count > 0 ? gets.Count * count : count;
        if (storeIndex < 0)
        {
            var reply = client.Reply;
            reply.WriteArrayHeader(outputLength);
            for (var i = start; i <= end; i++)
            {
                var element = items[i].Element;
                if (gets.Count == 0) reply.WriteBulk(element);
                foreach (var get in gets)
                {
                    if (TryLookupByPattern(client, args[get], element, out var found)) reply.WriteBulk(found);
                    else reply.WriteNull();
                }
            }
            return;
        }

        var stored = new List<byte[]>(outputLength);
        for (var i = start; i <= end; i++)
        {
            var element = items[i].Element;
            if (gets.Count == 0) stored.Add(element);
            foreach (var get in gets)
                stored.Add(TryLookupByPattern(client, args[get], element, out var found) ? found.ToArray() : []);
        }
        var destination = args.ToArray(storeIndex);
        if (outputLength > 0)
        {
            RedisObject? list = null;
            CreateList(destination, stored, ref list);
            if (list is null)
            {
                client.Reply.WriteError("SORT ... STORE needs the list type, which is not built in");
                return;
            }
            client.Db.SetObject(list);
            client.Server.Propagate(client);
        }
        else if (client.Db.Delete(destination)) client.Server.Propagate(client);
        // The destination is not among SORT's declared keys (it is found by parsing): touch it for WATCH here.
        client.Server.Watches.Touch(client.DbIndex, destination);
        client.Reply.WriteInteger(outputLength);
    }

    /// <summary>Redis sortCompare.</summary>
    private static int Compare(SortItem a, SortItem b, bool alpha, bool byPattern)
    {
        if (!alpha)
        {
            if (a.Score > b.Score) return 1;
            if (a.Score < b.Score) return -1;
            // Equal scores fall back to the elements' bytes so the result is deterministic.
            return a.Element.AsSpan().SequenceCompareTo(b.Element);
        }
        if (!byPattern) return a.Element.AsSpan().SequenceCompareTo(b.Element);
        if (a.CompareBy is null || b.CompareBy is null)
            return a.CompareBy == b.CompareBy ? 0 : a.CompareBy is null ? -1 : 1;
        return a.CompareBy.AsSpan().SequenceCompareTo(b.CompareBy);
    }

    /// <summary>
    /// Redis lookupKeyByPattern: "#" is the element itself; otherwise the first '*' is replaced by
    /// the element to name a string key, or, with "-&gt;field" after it, a field of a hash key.
    /// False when the key, the field or the '*' is missing or the key has another type.
    /// </summary>
    private static bool TryLookupByPattern(Client client, ReadOnlySpan<byte> pattern, byte[] element, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (pattern.Length == 1 && pattern[0] == '#')
        {
            value = element;
            return true;
        }
        var star = pattern.IndexOf((byte)'*');
        if (star < 0) return false;
        var arrow = pattern[(star + 1)..].IndexOf("->"u8);
        var field = ReadOnlySpan<byte>.Empty;
        var keyEnd = pattern.Length;
        if (arrow >= 0 && star + 1 + arrow + 2 < pattern.Length)
        {
            keyEnd = star + 1 + arrow;
            field = pattern[(keyEnd + 2)..];
        }
        var keyLength = star + element.Length + (keyEnd - star - 1);
        Span<byte> key = keyLength <= 256 ? stackalloc byte[keyLength] : new byte[keyLength];
        pattern[..star].CopyTo(key);
        element.CopyTo(key[star..]);
        pattern[(star + 1)..keyEnd].CopyTo(key[(star + element.Length)..]);
        ref var entry = ref client.LookupRead(key);
        if (Unsafe.IsNullRef(ref entry)) return false;
        var item = entry.Item!;
        if (field.Length > 0) return item is HashValue hash && hash.TryGet(field, out value);
        if (item is byte[] blob) value = StringBlob.Value(blob);
        else if (item is MutableString mutable) value = mutable.Value;
        else return false;
        return true;
    }

    /// <summary>
    /// C's strtod as SORT uses it: leading white space, a sign, decimal or hexadecimal ("0x1p3")
    /// notation, "inf"/"infinity"; the whole string (up to a NUL) must be consumed, and NaN,
    /// overflow and underflow (ERANGE) are errors. An empty string is 0.
    /// </summary>
    internal static bool TryParseStrtod(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        if (text.Length == 0) return true;
        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') i++;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == '-';
            i++;
        }
        var rest = text[i..];
        if (System.Text.Ascii.EqualsIgnoreCase(rest, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(rest, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        double magnitude;
        if (rest.Length > 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x')
        {
            if (!TryParseHex(rest[2..], out magnitude)) return false;
        }
        else if (!TryParseDecimal(rest, out magnitude)) return false;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var digits = 0;
        var nonZero = false;
        while (i < text.Length && char.IsAsciiDigit((char)text[i])) { nonZero |= text[i] != '0'; i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit((char)text[i])) { nonZero |= text[i] != '0'; i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is (byte)'+' or (byte)'-') j++;
            if (j >= text.Length || !char.IsAsciiDigit((char)text[j])) return false;
            while (j < text.Length && char.IsAsciiDigit((char)text[j])) j++;
            i = j;
        }
        if (i != text.Length) return false;
        Span<char> chars = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        for (var k = 0; k < text.Length; k++) chars[k] = (char)text[k];
        if (!double.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        return InRange(value, nonZero);
    }

    private static bool TryParseHex(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var mantissa = System.Numerics.BigInteger.Zero;
        var digits = 0;
        var exponent = 0;
        while (i < text.Length && char.IsAsciiHexDigit((char)text[i])) { mantissa = mantissa * 16 + HexValue(text[i]); i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiHexDigit((char)text[i])) { mantissa = mantissa * 16 + HexValue(text[i]); i++; digits++; exponent -= 4; }
        }
        if (digits == 0) return false;
        if (i < text.Length && (text[i] | 0x20) == 'p')
        {
            var j = i + 1;
            var negative = false;
            if (j < text.Length && text[j] is (byte)'+' or (byte)'-') negative = text[j++] == '-';
            if (j >= text.Length || !char.IsAsciiDigit((char)text[j])) return false;
            var power = 0;
            while (j < text.Length && char.IsAsciiDigit((char)text[j])) power = Math.Min(power * 10 + (text[j++] - '0'), 100000);
            exponent += negative ? -power : power;
            i = j;
        }
        if (i != text.Length) return false;
        var nonZero = !mantissa.IsZero;
        // Keep the top 64 bits; the rest only matter for rounding at 17+ hex digits.
        var shift = (int)Math.Max(0, (long)mantissa.GetBitLength() - 64);
        value = Math.ScaleB((double)(ulong)(mantissa >> shift), exponent + shift);
        return InRange(value, nonZero);
    }

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>strtod's ERANGE: a finite input that overflowed, or a non-zero one that fell below the normal range.</summary>
    private static bool InRange(double value, bool nonZero) =>
        !double.IsInfinity(value) && !(nonZero && Math.Abs(value) < 2.2250738585072014E-308) && !double.IsNaN(value);
}
