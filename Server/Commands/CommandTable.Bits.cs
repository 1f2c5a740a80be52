using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>Bitmaps, bitfields and HyperLogLog: commands on string values, as Redis 7.0's COMMAND reports them.</summary>
internal sealed partial class CommandTable
{
    private static CommandDescriptor[] BitCommands() =>
    [
        new("setbit", 4, Write | DenyOom, 1, 1, 1, BitmapCommands.SetBit, "bitmap", "Sets or clears the bit at offset in the string value stored at key", "2.2.0"),
        new("getbit", 3, ReadOnly | Fast, 1, 1, 1, BitmapCommands.GetBit, "bitmap", "Returns the bit value at offset in the string value stored at key", "2.2.0"),
        new("bitcount", -2, ReadOnly, 1, 1, 1, BitmapCommands.BitCount, "bitmap", "Count set bits in a string", "2.6.0"),
        new("bitpos", -3, ReadOnly, 1, 1, 1, BitmapCommands.BitPos, "bitmap", "Find first bit set or clear in a string", "2.8.7"),
        new("bitop", -4, Write | DenyOom, 2, -1, 1, BitmapCommands.BitOp, "bitmap", "Perform bitwise operations between strings", "2.6.0"),
        new("bitfield", -2, Write | DenyOom, 1, 1, 1, BitfieldCommands.BitField, "bitmap", "Perform arbitrary bitfield integer operations on strings", "3.2.0"),
        new("bitfield_ro", -2, ReadOnly | Fast, 1, 1, 1, BitfieldCommands.BitFieldRo, "bitmap", "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD", "6.0.0"),
        new("pfadd", -2, Write | DenyOom | Fast, 1, 1, 1, HyperLogLogCommands.PfAdd, "hyperloglog", "Adds the specified elements to the specified HyperLogLog.", "2.8.9"),
        new("pfcount", -2, ReadOnly, 1, -1, 1, HyperLogLogCommands.PfCount, "hyperloglog", "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).", "2.8.9"),
        new("pfmerge", -2, Write | DenyOom, 1, -1, 1, HyperLogLogCommands.PfMerge, "hyperloglog", "Merge N different HyperLogLogs into a single one.", "2.8.9"),
        new("pfdebug", 3, Write | DenyOom | Admin, 2, 2, 1, HyperLogLogCommands.PfDebug, "hyperloglog", "Internal commands for debugging HyperLogLog values", "2.8.9"),
    ];
}
