#!/usr/bin/env python3
"""Record bitshll.jsonl (bitmaps, bitfields, HyperLogLog) from a real redis-server 7.0.15.

Usage: python3 record_bitshll.py [--host 127.0.0.1] [--port 7415] [--validate-only]
Same format and runner as record.py (imported from beside this file). Every reply must be
ASCII, so binary values are looked at through GETBIT, BITCOUNT, STRLEN, GETRANGE of ASCII
parts and PFDEBUG DECODE rather than GET. Cases that change server settings set them back
in their last command (the recording server is shared between cases; the test server is not).
HLL values themselves, which are binary, are compared byte for byte by
Tests/BitmapHyperLogLogTests.cs against Tests/Data/hll-golden.json.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record  # noqa: E402

GROUP = "bitshll"
add = record.adder(GROUP)
add3 = record.adder(GROUP, resp=3)

# An empty sparse HLL written with ASCII bytes only: XZERO:16256 ZERO:64 ZERO:64.
EMPTY = "HYLL\x01" + "\x00" * 11 + "\x7f\x7f\x3f\x3f"
# The same with a valid cached cardinality of 5 (the registers are not looked at).
CACHED5 = "HYLL\x01\x00\x00\x00\x05" + "\x00" * 7 + "\x7f\x7f\x3f\x3f"
# Sparse opcodes covering only 2 registers: corrupt.
SHORT = "HYLL\x01" + "\x00" * 11 + "\x01"
# Sparse opcodes covering more than 16384 registers.
LONG = "HYLL\x01" + "\x00" * 11 + "\x7f\x7f\x3f\x3f\x00"
# Dense header with the wrong length.
BADDENSE = "HYLL\x00" + "\x00" * 11 + "abc"
# A dense HLL with every register 0, all bytes ASCII.
DENSE0 = "HYLL\x00" + "\x00" * 11 + "\x00" * 12288


def c(*args):
    return list(args)


# ---------------------------------------------------------------- SETBIT / GETBIT
add("SETBIT on a missing key creates it and returns 0", "SETBIT k 1 1", "GET k", "STRLEN k")
add("SETBIT returns the previous bit value", "SETBIT k 1 1", "SETBIT k 1 1", "SETBIT k 1 0", "SETBIT k 1 0", "GET k")
add("SETBIT past the end grows the string with zero bytes", "SET k a", "SETBIT k 23 1", "STRLEN k", "GETBIT k 23", "GETBIT k 22", "GET k")
add("SETBIT inside the string keeps its length", "SET k foobar", "SETBIT k 7 0", "GET k", "STRLEN k")
add("SETBIT on bit 0 sets the most significant bit", "SETBIT k 0 1", "BITCOUNT k", "BITPOS k 1", "GETBIT k 0")
add("SETBIT at offset 7 sets the least significant bit of byte 0", "SETBIT k 7 1", "GET k")
add("SETBIT keeps the TTL of the key", "SET k a EX 1000", "SETBIT k 8 1", "TTL k")
add("SETBIT on an integer string edits its digits", "SET k 1", "SETBIT k 6 1", "GET k", "OBJECT ENCODING k")
add("SETBIT makes the string raw", "SET k ab", "OBJECT ENCODING k", "SETBIT k 1 1", "OBJECT ENCODING k")
add("SETBIT on a new key creates a raw string", "SETBIT k 3 1", "OBJECT ENCODING k", "TYPE k")
add("SETBIT with a negative offset is an error", "SETBIT k -1 1", "EXISTS k")
add("SETBIT with a non-integer offset is an error", "SETBIT k abc 1")
add("SETBIT with a float offset is an error", "SETBIT k 1.5 1")
add("SETBIT with an offset of 2^32 is out of range", "SETBIT k 4294967296 1", "EXISTS k")
add("SETBIT with an offset beyond 64 bits is an error", "SETBIT k 99999999999999999999 1")
add("SETBIT with bit 2 is an error", "SETBIT k 1 2", "EXISTS k")
add("SETBIT with bit -1 is an error", "SETBIT k 1 -1")
add("SETBIT with a non-integer bit is an error", "SETBIT k 1 a")
add("SETBIT with an empty bit is an error", c("SETBIT", "k", "1", ""))
add("SETBIT checks the offset before the bit", "SETBIT k -1 5")
add("SETBIT on an HLL key edits the string", "PFADD h a", "SETBIT h 0 0", "PFCOUNT h")
add("SETBIT with too few arguments is an arity error", "SETBIT k 1")
add("SETBIT with too many arguments is an arity error", "SETBIT k 1 1 1")
add("SETBIT respects a lowered proto-max-bulk-len",
    "CONFIG SET proto-max-bulk-len 1mb", "SETBIT k 8388608 1", "SETBIT k 8388607 1", "STRLEN k",
    "CONFIG SET proto-max-bulk-len 512mb")
add("GETBIT on a missing key returns 0", "GETBIT k 0", "GETBIT k 100")
add("GETBIT past the end of the string returns 0", "SET k a", "GETBIT k 8", "GETBIT k 4294967295")
add("GETBIT reads each bit of a byte", "SET k a", "GETBIT k 0", "GETBIT k 1", "GETBIT k 2", "GETBIT k 3",
    "GETBIT k 4", "GETBIT k 5", "GETBIT k 6", "GETBIT k 7")
add("GETBIT reads the digits of an integer string", "SET k 12", "GETBIT k 2", "GETBIT k 7", "GETBIT k 14")
add("GETBIT with a negative offset is an error", "GETBIT k -1")
add("GETBIT with a non-integer offset is an error", "SET k a", "GETBIT k x")
add("GETBIT with an offset of 2^32 is out of range", "GETBIT k 4294967296")
add("GETBIT with an offset of 2^32-1 is accepted", "GETBIT k 4294967295")
add("GETBIT with too many arguments is an arity error", "GETBIT k 1 2")

# ---------------------------------------------------------------- BITCOUNT
add("BITCOUNT on a missing key returns 0", "BITCOUNT k")
add("BITCOUNT counts every set bit", "SET k foobar", "BITCOUNT k")
add("BITCOUNT of an empty string is 0", c("SET", "k", ""), "BITCOUNT k", "BITCOUNT k 0 -1", "BITCOUNT k 0 -1 BIT")
add("BITCOUNT with a byte range", "SET k foobar", "BITCOUNT k 0 0", "BITCOUNT k 1 1", "BITCOUNT k 1 -2", "BITCOUNT k 0 -1")
add("BITCOUNT with negative indexes counts from the end", "SET k foobar", "BITCOUNT k -1 -1", "BITCOUNT k -3 -1", "BITCOUNT k -100 -1")
add("BITCOUNT with a start beyond the end returns 0", "SET k foobar", "BITCOUNT k 6 10", "BITCOUNT k 100 200")
add("BITCOUNT with start after end returns 0", "SET k foobar", "BITCOUNT k 3 1", "BITCOUNT k -1 -3")
add("BITCOUNT with an end beyond the string is clamped", "SET k foobar", "BITCOUNT k 2 1000")
add("BITCOUNT with BYTE is the default unit", "SET k foobar", "BITCOUNT k 1 1 BYTE", "BITCOUNT k 1 1 byte")
add("BITCOUNT with BIT counts a bit range", "SET k foobar", "BITCOUNT k 5 30 BIT", "BITCOUNT k 0 7 BIT", "BITCOUNT k 1 1 BIT",
    "BITCOUNT k 7 7 BIT", "BITCOUNT k 3 4 bit")
add("BITCOUNT with BIT and negative indexes", "SET k foobar", "BITCOUNT k -8 -1 BIT", "BITCOUNT k -13 -3 BIT", "BITCOUNT k -1000 1000 BIT")
add("BITCOUNT with BIT inside one byte", "SET k ~", "BITCOUNT k 2 5 BIT", "BITCOUNT k 0 0 BIT", "BITCOUNT k 1 6 BIT")
add("BITCOUNT with start after end in BIT units returns 0", "SET k foobar", "BITCOUNT k 9 8 BIT")
add("BITCOUNT over a long string", "SET k " + "abcdefghijklmnopqrstuvwxyz" * 20, "BITCOUNT k", "BITCOUNT k 13 400", "BITCOUNT k 37 3000 BIT")
add("BITCOUNT with only a start is a syntax error", "SET k foobar", "BITCOUNT k 0")
add("BITCOUNT with a non-integer start is an error", "SET k foobar", "BITCOUNT k a 1")
add("BITCOUNT with a non-integer end is an error", "SET k foobar", "BITCOUNT k 0 b")
add("BITCOUNT with an unknown unit is a syntax error", "SET k foobar", "BITCOUNT k 0 1 WORD")
add("BITCOUNT answers an empty negative range before checking the unit", "SET k foobar", "BITCOUNT k -1 -2 WORD", "BITCOUNT k -2 -1 WORD")
add("BITCOUNT with too many arguments is a syntax error", "SET k foobar", "BITCOUNT k 0 1 BIT x")
add("BITCOUNT on a missing key ignores bad arguments", "BITCOUNT k a b", "BITCOUNT k 0", "BITCOUNT k 0 1 WORD")
add("BITCOUNT on an HLL counts its bits", "PFADD h a b c", "BITCOUNT h 0 3")
add("BITCOUNT with no key is an arity error", "BITCOUNT")

# ---------------------------------------------------------------- BITPOS
add("BITPOS on a missing key", "BITPOS k 1", "BITPOS k 0", "BITPOS k 0 5 10", "BITPOS k 1 0 -1 BIT")
add("BITPOS finds the first set bit", c("SET", "k", "\x00\x0f\x00"), "BITPOS k 1", "BITPOS k 1 0", "BITPOS k 1 2", "BITPOS k 1 1 1")
add("BITPOS finds the first clear bit", c("SET", "k", "\x7f\x7f"), "BITPOS k 0", "BITPOS k 0 1", "BITPOS k 0 -1")
add("BITPOS for 0 in a string of ones without an end answers the bit past it", c("SET", "k", "\x7f"), "SETBIT k 0 1", "BITPOS k 0", "BITPOS k 0 0")
add("BITPOS for 0 in a string of ones with an end answers -1", "SETBIT k 7 1", "SET k ~", "SETBIT k 0 1", "SETBIT k 7 1", "BITPOS k 0 0 -1", "BITPOS k 0 0 0")
add("BITPOS for 1 in a string of zeros answers -1", "SETBIT k 23 0", "BITPOS k 1", "BITPOS k 1 0 -1", "BITPOS k 0")
add("BITPOS with negative ranges", "SET k foobar", "BITPOS k 1 -2", "BITPOS k 0 -3 -1", "BITPOS k 1 -100 -1", "BITPOS k 1 -1 -2")
add("BITPOS with a start beyond the string answers -1", "SET k foobar", "BITPOS k 1 10", "BITPOS k 0 10", "BITPOS k 0 10 20")
add("BITPOS with BIT ranges", "SET k foobar", "BITPOS k 1 2 100 BIT", "BITPOS k 0 1 7 BIT", "BITPOS k 1 7 15 BIT",
    "BITPOS k 1 -5 -1 BIT", "BITPOS k 0 0 0 BIT", "BITPOS k 1 1 1 BIT", "BITPOS k 0 3 4 bit")
add("BITPOS with BIT inside one byte", c("SET", "k", "\x18"), "BITPOS k 1 0 2 BIT", "BITPOS k 1 2 5 BIT", "BITPOS k 0 3 4 BIT", "BITPOS k 0 3 5 BIT")
add("BITPOS with BYTE", "SET k foobar", "BITPOS k 1 1 2 BYTE", "BITPOS k 0 1 2 byte")
add("BITPOS on an empty string", c("SET", "k", ""), "BITPOS k 0", "BITPOS k 1", "BITPOS k 0 0", "BITPOS k 0 0 -1 BIT")
add("BITPOS with bit 2 is an error", "SET k a", "BITPOS k 2")
add("BITPOS with a non-integer bit is an error", "BITPOS k x")
add("BITPOS checks the bit before looking the key up", "BITPOS k 5")
add("BITPOS with a non-integer start is an error", "SET k a", "BITPOS k 1 x")
add("BITPOS with a non-integer end is an error", "SET k a", "BITPOS k 1 0 x")
add("BITPOS with an unknown unit is a syntax error", "SET k a", "BITPOS k 1 0 1 WORD")
add("BITPOS with too many arguments is a syntax error", "SET k a", "BITPOS k 1 0 1 BIT x")
add("BITPOS on a missing key ignores bad ranges", "BITPOS k 1 x", "BITPOS k 0 0 1 WORD")
add("BITPOS with too few arguments is an arity error", "BITPOS k")

# ---------------------------------------------------------------- BITOP
add("BITOP AND of two strings", "SET a foof", "SET b barb", "BITOP AND d a b", "GET d")
add("BITOP OR of two strings", "SET a foof", "SET b barb", "BITOP OR d a b", "GET d")
add("BITOP XOR of two strings", "SET a foof", "SET b barb", "BITOP XOR d a b", "GET d")
add("BITOP NOT of a string", c("SET", "a", "\x7f\x00\x0f"), "BITOP NOT d a", "BITCOUNT d", "GETBIT d 0", "GETBIT d 8", "STRLEN d")
add("BITOP pads shorter strings with zeros", "SET a abcdef", "SET b ab", "BITOP OR d a b", "GET d", "BITOP AND d a b", "BITCOUNT d", "STRLEN d")
add("BITOP treats a missing key as an empty string", "SET a abc", "BITOP OR d a nokey", "GET d", "BITOP AND d a nokey", "BITCOUNT d", "STRLEN d")
add("BITOP XOR with itself clears every bit", "SET a hello", "BITOP XOR d a a", "BITCOUNT d", "STRLEN d")
add("BITOP of many keys", "SET a a", "SET b b", "SET c c", "SET e e", "BITOP OR d a b c e", "GET d", "BITOP AND d a b c e", "GET d", "BITOP XOR d a b c e", "GET d")
add("BITOP of long strings", "SET a " + "0123456789" * 30, "SET b " + "ABCDEFGHIJ" * 25, "BITOP OR d a b", "BITCOUNT d", "BITOP AND d a b", "BITCOUNT d",
    "BITOP XOR d a b", "BITCOUNT d", "STRLEN d", "BITOP NOT d a", "BITCOUNT d")
add("BITOP with only missing keys deletes the destination", "SET d x", "BITOP OR d nokey1 nokey2", "EXISTS d")
add("BITOP with only missing keys and no destination returns 0", "BITOP AND d nokey", "EXISTS d")
add("BITOP NOT of a missing key deletes the destination", "SET d x", "BITOP NOT d nokey", "EXISTS d")
add("BITOP of empty strings deletes the destination", c("SET", "a", ""), "SET d x", "BITOP OR d a", "EXISTS d")
add("BITOP can use the destination as a source", "SET a foobar", "SET d abc", "BITOP XOR d d a", "GET d")
add("BITOP clears the destination's TTL", "SET a foobar", "SET d x EX 1000", "BITOP OR d a", "TTL d")
add("BITOP stores a raw string", "SET a ab", "BITOP OR d a", "OBJECT ENCODING d", "TYPE d")
add("BITOP operation names are case-insensitive", "SET a foof", "SET b barb", "BITOP and d a b", "GET d", "BITOP oR d a b", "GET d")
add("BITOP with an unknown operation is a syntax error", "SET a a", "BITOP NAND d a a")
add("BITOP NOT with two sources is an error", "SET a a", "BITOP NOT d a a")
add("BITOP with no source is an arity error", "BITOP AND d")
add("BITOP with no arguments is an arity error", "BITOP")

# ---------------------------------------------------------------- BITFIELD
add("BITFIELD GET on a missing key returns zeros", "BITFIELD k GET u8 0 GET i16 100", "EXISTS k")
add("BITFIELD with no operation returns an empty array", "BITFIELD k", "SET k a", "BITFIELD k")
add("BITFIELD GET reads unsigned and signed fields", c("SET", "k", "\x7f\x01"), "BITFIELD k GET u8 0 GET i8 0 GET u4 0 GET i4 4 GET u1 1 GET i1 1 GET u16 0 GET i9 0")
add("BITFIELD GET reads fields that cross bytes", "SET k foobar", "BITFIELD k GET u12 5 GET i12 5 GET u3 7 GET i31 3 GET u63 1 GET i64 0")
add("BITFIELD GET past the end reads zeros", "SET k a", "BITFIELD k GET u8 8 GET u16 4 GET i64 1000")
add("BITFIELD GET with #N offsets multiplies by the width", "SET k foobar", "BITFIELD k GET u8 #0 GET u8 #1 GET u8 #5 GET u4 #3 GET i16 #2")
add("BITFIELD SET returns the old value and writes the new one", "BITFIELD k SET u8 0 100 GET u8 0 SET u8 0 65", "GET k")
add("BITFIELD SET grows the string", "BITFIELD k SET u8 #2 66", "STRLEN k", "BITFIELD k GET u8 16")
add("BITFIELD SET of signed fields", "BITFIELD k SET i8 0 -1 GET u8 0 SET i8 0 -128 GET i8 0 GET u8 0", "BITFIELD k SET i4 3 -3 GET i4 3")
add("BITFIELD SET wraps out-of-range values by default", "BITFIELD k SET u8 0 256 GET u8 0 SET u8 0 -1 GET u8 0 SET i8 0 200 GET i8 0")
add("BITFIELD SET with OVERFLOW SAT saturates", "BITFIELD k OVERFLOW SAT SET u8 0 300 GET u8 0 SET i8 0 200 GET i8 0 SET i8 0 -200 GET i8 0 SET u8 0 -5 GET u8 0")
add("BITFIELD SET with OVERFLOW FAIL returns nil and writes nothing", "BITFIELD k OVERFLOW FAIL SET u8 0 300 SET u8 0 7 SET i8 0 200 GET u8 0")
add("BITFIELD INCRBY adds and returns the new value", "BITFIELD k INCRBY u8 0 10 INCRBY u8 0 10 INCRBY i8 0 -30 GET i8 0")
add("BITFIELD INCRBY wraps by default", "BITFIELD k INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1 INCRBY u2 100 1 INCRBY i4 0 7 INCRBY i4 0 1")
add("BITFIELD INCRBY with OVERFLOW SAT", "BITFIELD k OVERFLOW SAT INCRBY u2 0 5 INCRBY u2 0 -9 INCRBY i8 8 200 INCRBY i8 8 -500 INCRBY i8 8 127")
add("BITFIELD INCRBY with OVERFLOW FAIL", "BITFIELD k OVERFLOW FAIL INCRBY u2 0 3 INCRBY u2 0 1 INCRBY i3 8 -4 INCRBY i3 8 -1 GET u2 0 GET i3 8")
add("BITFIELD OVERFLOW applies to the operations after it", "BITFIELD k SET u8 0 255 INCRBY u8 0 1 OVERFLOW SAT INCRBY u8 0 -1 INCRBY u8 0 300 OVERFLOW WRAP INCRBY u8 0 1")
add("BITFIELD on 64-bit signed fields", "BITFIELD k SET i64 0 9223372036854775807 INCRBY i64 0 1 GET i64 0 OVERFLOW SAT INCRBY i64 0 -1 INCRBY i64 0 -9223372036854775808 OVERFLOW FAIL INCRBY i64 0 -1")
add("BITFIELD on 63-bit unsigned fields", "BITFIELD k SET u63 0 9223372036854775807 GET u63 0 INCRBY u63 0 1 OVERFLOW SAT INCRBY u63 0 -1 INCRBY u63 0 9223372036854775807")
add("BITFIELD with lowercase subcommands", "BITFIELD k set u8 0 1 incrby u8 0 1 get u8 0 overflow sat overflow wrap")
add("BITFIELD with u64 is an error", "BITFIELD k GET u64 0")
add("BITFIELD with i65 is an error", "BITFIELD k GET i65 0")
add("BITFIELD with a zero width is an error", "BITFIELD k GET i0 0")
add("BITFIELD with an unknown type is an error", "BITFIELD k GET x8 0")
add("BITFIELD with an uppercase type is an error", "BITFIELD k GET U8 0")
add("BITFIELD with a non-integer width is an error", "BITFIELD k GET u8a 0")
add("BITFIELD with a negative offset is an error", "BITFIELD k GET u8 -1")
add("BITFIELD with a negative #N offset is an error", "BITFIELD k GET u8 #-1")
add("BITFIELD with an offset of 2^32 is an error", "BITFIELD k SET u8 4294967296 1")
add("BITFIELD with a #N offset beyond the limit is an error", "BITFIELD k GET u16 #268435456")
add("BITFIELD with a non-integer value is an error", "BITFIELD k SET u8 0 x", "EXISTS k")
add("BITFIELD with a missing value is a syntax error", "BITFIELD k SET u8 0")
add("BITFIELD with a missing offset is a syntax error", "BITFIELD k GET u8")
add("BITFIELD with an unknown subcommand is a syntax error", "BITFIELD k FOO u8 0")
add("BITFIELD with an unknown overflow type is an error", "BITFIELD k OVERFLOW FOO GET u8 0")
add("BITFIELD with OVERFLOW and no type is a syntax error", "BITFIELD k OVERFLOW")
add("BITFIELD checks every operation before running any", "BITFIELD k SET u8 0 1 GET u64 0", "EXISTS k")
add("BITFIELD on an HLL key edits the string", "PFADD h a", "BITFIELD h GET u8 0 GET u8 8 SET u8 0 72")
add("BITFIELD with no arguments is an arity error", "BITFIELD")
add("BITFIELD_RO reads fields", "SET k foobar", "BITFIELD_RO k GET u8 0 GET i4 4 GET u8 #5")
add("BITFIELD_RO on a missing key returns zeros", "BITFIELD_RO k GET u8 0", "BITFIELD_RO k")
add("BITFIELD_RO refuses SET", "BITFIELD_RO k SET u8 0 1", "EXISTS k")
add("BITFIELD_RO refuses INCRBY", "BITFIELD_RO k INCRBY u8 0 1")
add("BITFIELD_RO accepts OVERFLOW with GET", "SET k a", "BITFIELD_RO k OVERFLOW SAT GET u8 0")
add("BITFIELD_RO checks arguments before refusing writes", "BITFIELD_RO k SET u8 0 x", "BITFIELD_RO k SET u99 0 1")
add("BITFIELD_RO with no arguments is an arity error", "BITFIELD_RO")
add3("RESP3 BITFIELD with OVERFLOW FAIL returns null", "BITFIELD k OVERFLOW FAIL INCRBY u2 0 5 GET u2 0")
add3("RESP3 BITFIELD returns an array of integers", "BITFIELD k SET i8 0 -5 GET i8 0")
add3("RESP3 BITCOUNT and BITPOS return integers", "SET k foobar", "BITCOUNT k", "BITPOS k 1")

# ---------------------------------------------------------------- HyperLogLog
add("PFADD creates the key and returns 1", "PFADD h a b c", "EXISTS h", "TYPE h", "OBJECT ENCODING h")
add("PFADD without elements creates an empty HLL", "PFADD h", "PFCOUNT h", "STRLEN h", "PFDEBUG DECODE h")
add("PFADD without elements on an existing HLL returns 0", "PFADD h a", "PFADD h")
add("PFADD of elements already counted returns 0", "PFADD h a b c", "PFADD h a b c", "PFADD h c")
add("PFADD returns 1 when a register changes", "PFADD h a", "PFADD h b", "PFADD h a z")
add("PFCOUNT of a missing key is 0", "PFCOUNT h")
add("PFCOUNT estimates small cardinalities exactly", "PFADD h a b c d e f g h i j", "PFCOUNT h", "PFADD h a b", "PFCOUNT h")
add("PFCOUNT after many adds",
    c("PFADD", "h", *["e%d" % i for i in range(500)]), "PFCOUNT h",
    c("PFADD", "h", *["f%d" % i for i in range(1500)]), "PFCOUNT h", "PFDEBUG ENCODING h")
add("PFCOUNT caches the cardinality in the header", "PFADD h a b c", "PFCOUNT h", "GETRANGE h 0 14", "PFCOUNT h")
add("PFCOUNT of several keys counts their union", "PFADD h1 a b c", "PFADD h2 c d e", "PFCOUNT h1 h2", "PFCOUNT h1 h2 nokey", "PFCOUNT h1", "PFCOUNT h2")
add("PFCOUNT of several missing keys is 0", "PFCOUNT a b c")
add("PFCOUNT of the same key twice", "PFADD h a b c", "PFCOUNT h h")
add("PFCOUNT of a sparse and a dense key",
    c("PFADD", "big", *["x%d" % i for i in range(3000)]), "PFADD small a b c", "PFDEBUG ENCODING big",
    "PFCOUNT big small", "PFCOUNT small big", "PFCOUNT big")
add("PFCOUNT uses a valid cached cardinality", c("SET", "h", CACHED5), "PFCOUNT h", "PFADD h a", "PFCOUNT h")
add("PFCOUNT of a string that is not an HLL is WRONGTYPE", "SET s foobar", "PFCOUNT s", "PFCOUNT s nokey")
add("PFCOUNT of a short string starting with HYLL is WRONGTYPE", "SET s HYLL", "PFCOUNT s")
add("PFCOUNT of an HLL with an unknown encoding is WRONGTYPE", c("SET", "s", "HYLL\x02" + "\x00" * 11 + "\x7f\x7f\x3f\x3f"), "PFCOUNT s")
add("PFCOUNT of a dense header with the wrong length is WRONGTYPE", c("SET", "s", BADDENSE), "PFCOUNT s", "PFADD s a")
add("PFCOUNT of an integer string is WRONGTYPE", "SET s 1234567890123456", "PFCOUNT s")
add("PFCOUNT of a corrupt sparse HLL is INVALIDOBJ", c("SET", "h", SHORT), "PFCOUNT h", "PFADD h a", "PFCOUNT h h")
add("PFCOUNT of an overlong sparse HLL is INVALIDOBJ", c("SET", "h", LONG), "PFCOUNT h", "PFCOUNT h nokey", "PFMERGE d h")
add("An HLL written with SET is read by PFCOUNT and PFADD", c("SET", "h", EMPTY), "PFCOUNT h", "PFADD h a b c", "PFCOUNT h", "PFDEBUG DECODE h")
add("A dense HLL written with SET is read by PFCOUNT and PFADD", c("SET", "h", DENSE0), "PFCOUNT h", "PFDEBUG ENCODING h", "PFADD h a b c", "PFCOUNT h", "STRLEN h")
add("PFADD on a string that is not an HLL is WRONGTYPE", "SET s foobar", "PFADD s a", "GET s")
add("PFADD on a corrupt HLL is INVALIDOBJ", c("SET", "h", SHORT), "PFADD h a b c")
add("PFADD with no key is an arity error", "PFADD")
add("PFCOUNT with no key is an arity error", "PFCOUNT")
add("PFMERGE of two HLLs", "PFADD h1 a b c", "PFADD h2 c d e", "PFMERGE d h1 h2", "PFCOUNT d", "PFDEBUG DECODE d")
add("PFMERGE into an existing HLL includes it", "PFADD d x y", "PFADD h1 a b", "PFMERGE d h1", "PFCOUNT d")
add("PFMERGE with only the destination creates an empty HLL", "PFMERGE d", "PFCOUNT d", "STRLEN d", "PFDEBUG ENCODING d")
add("PFMERGE skips missing sources", "PFADD h1 a", "PFMERGE d h1 nokey", "PFCOUNT d")
add("PFMERGE with a dense source makes a dense destination", c("PFADD", "big", *["x%d" % i for i in range(3000)]), "PFADD small a",
    "PFMERGE small big", "PFDEBUG ENCODING small", "PFCOUNT small", "PFCOUNT big")
add("PFMERGE of sparse sources stays sparse", "PFADD h1 a b", "PFADD h2 c d", "PFMERGE d h1 h2", "PFDEBUG ENCODING d")
add("PFMERGE with a non-HLL source is WRONGTYPE", "PFADD h a", "SET s foobar", "PFMERGE d h s", "EXISTS d")
add("PFMERGE onto a non-HLL destination is WRONGTYPE", "PFADD h a", "SET s foobar", "PFMERGE s h", "GET s")
add("PFMERGE with no key is an arity error", "PFMERGE")
add("PFADD turns sparse into dense past hll-sparse-max-bytes",
    "CONFIG SET hll-sparse-max-bytes 100", c("PFADD", "h", *["e%d" % i for i in range(30)]), "PFDEBUG ENCODING h", "STRLEN h",
    "PFCOUNT h", "CONFIG SET hll-sparse-max-bytes 3000")
add("PFADD stays sparse under hll-sparse-max-bytes",
    "CONFIG SET hll-sparse-max-bytes 20000", c("PFADD", "h", *["e%d" % i for i in range(3000)]), "PFDEBUG ENCODING h",
    "PFCOUNT h", "CONFIG SET hll-sparse-max-bytes 3000")
add("CONFIG GET hll-sparse-max-bytes", "CONFIG GET hll-sparse-max-bytes")
add("CONFIG SET hll-sparse-max-bytes accepts memory units",
    "CONFIG SET hll-sparse-max-bytes 1kb", "CONFIG GET hll-sparse-max-bytes", "CONFIG SET hll-sparse-max-bytes 2k",
    "CONFIG GET hll-sparse-max-bytes", "CONFIG SET hll-sparse-max-bytes 3000")
add("CONFIG SET hll-sparse-max-bytes refuses a negative value", "CONFIG SET hll-sparse-max-bytes -1", "CONFIG GET hll-sparse-max-bytes")
add("PFDEBUG ENCODING of a sparse HLL", "PFADD h a", "PFDEBUG ENCODING h")
add("PFDEBUG DECODE shows the sparse opcodes", "PFADD h a b c d e", "PFDEBUG DECODE h")
add("PFDEBUG TODENSE converts once", "PFADD h a b c", "PFDEBUG TODENSE h", "PFDEBUG TODENSE h", "PFDEBUG ENCODING h", "STRLEN h", "PFCOUNT h")
add("PFDEBUG DECODE of a dense HLL is an error", "PFADD h a", "PFDEBUG TODENSE h", "PFDEBUG DECODE h")
add("PFDEBUG GETREG of a sparse HLL converts it", "PFADD h a", "PFDEBUG GETREG h", "PFDEBUG ENCODING h")
add("PFDEBUG subcommands are case-insensitive", "PFADD h a", "pfdebug encoding h", "PFDEBUG Decode h")
add("PFDEBUG on a missing key is an error", "PFDEBUG ENCODING h")
add("PFDEBUG with an unknown subcommand is an error", "PFADD h a", "PFDEBUG FOO h")
add("PFDEBUG looks the key up before the subcommand", "PFDEBUG FOO h")
add("PFDEBUG on a non-HLL string is WRONGTYPE", "SET s foobar", "PFDEBUG ENCODING s")
add("PFDEBUG with the wrong number of arguments is an arity error", "PFDEBUG ENCODING")
add("GETRANGE of an HLL shows the HYLL header", "PFADD h a", "GETRANGE h 0 4", "STRLEN h")
add("APPEND to an HLL makes its opcodes overrun", "PFADD h a b", "PFCOUNT h", "APPEND h x", "PFCOUNT h")
add3("RESP3 PFCOUNT returns an integer", "PFADD h a b", "PFCOUNT h", "PFCOUNT h nokey")
add3("RESP3 PFDEBUG ENCODING returns a simple string", "PFADD h a", "PFDEBUG ENCODING h")
add3("RESP3 CONFIG GET hll-sparse-max-bytes returns a map", "CONFIG GET hll-sparse-max-bytes")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7415)
    ap.add_argument("--validate-only", action="store_true")
    a = ap.parse_args()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), GROUP + ".jsonl")
    # A reply that is not ASCII cannot be kept in the JSON format: such a case is skipped.
    sys.exit(1 if record.record_file(path, record.GROUPS[GROUP], a.host, a.port, a.validate_only, skip=(ValueError,)) else 0)


if __name__ == "__main__":
    main()
