#!/usr/bin/env python3
"""Record the stream golden cases (streams.jsonl) from a real redis-server 7.0.15.

Usage:
  python3 record_streams.py [--host 127.0.0.1] [--port 7414] [--out DIR]   # record + validate + write
  python3 record_streams.py --validate-only [--out DIR]                    # re-run the file twice

Same format and runner as record.py (its RESP reader and case runner are copied here so this
file stands alone): JSON Lines, one case per line, every case on a fresh connection after
FLUSHALL, RESP3 cases after HELLO 3. Only deterministic cases are kept: IDs are always given
explicitly (never "*"), and no reply carries an idle time, a delivery time or a seen time.
Stdlib only.
"""
import os
import shlex
import sys
import time


# --------------------------------------------------------------------------- RESP
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import Conn, Incomplete, Raw, cli, encode, record_file, resp_len, run_case  # noqa: E402,F401

GROUPS = {}


def group(name):
    GROUPS.setdefault(name, [])
    return GROUPS[name]


def _cmd(x):
    if isinstance(x, str):
        return shlex.split(x)
    return list(x)


def adder(g, resp=2):
    lst = group(g)

    def add(name, *cmds, resp=resp):
        assert cmds, name
        cs = []
        for c in cmds:
            if isinstance(c, tuple) and c and c[0] == "many":
                cs.extend(_cmd(y) for y in c[1])
            else:
                cs.append(_cmd(c))
        lst.append({"name": name, "resp": resp, "commands": cs})
    return add


def many(cmds):
    """Several commands spliced into a case."""
    return ("many", list(cmds))


def adds(key, n, first=1, value=lambda i: "v%d" % i, field="f"):
    """n XADDs with IDs first-1 .. (first+n-1)-1 (seq 1, so incomplete IDs behave visibly)."""
    return many(["XADD", key, "%d-1" % i, field, value(i)] for i in range(first, first + n))


WT = "SET str v"
x = adder("streams")


def x3(name, *cmds):
    x(name, *cmds, resp=3)


S3 = ["XADD s 1-1 a 1", "XADD s 2-1 b 2", "XADD s 3-1 c 3"]

# ---------------------------------------------------------------- XADD
x("XADD with an explicit ID returns it", "XADD s 1-1 f v", "XLEN s", "TYPE s")
x("OBJECT ENCODING of a stream is stream", "XADD s 1-1 f v", "OBJECT ENCODING s")
x("XADD with several field-value pairs", "XADD s 1-1 a 1 b 2 c 3", "XRANGE s - +")
x("XADD keeps field order and repeated fields", "XADD s 1-1 b 1 a 2 b 3", "XRANGE s - +")
x("XADD with binary-looking and empty values", 'XADD s 1-1 "" "" f "a b"', "XRANGE s - +")
x("XADD with an incomplete ID uses sequence 0", "XADD s 5 f v", "XRANGE s - +")
x("XADD with ms-* on an empty stream starts at sequence 0", "XADD s 5-* f v")
x("XADD with ms-* on the same ms increments the sequence", "XADD s 5-3 f v", "XADD s 5-* f v", "XADD s 5-* f v")
x("XADD with ms-* on a later ms starts at sequence 0", "XADD s 5-3 f v", "XADD s 6-* f v")
x("XADD with ms-* on an earlier ms is an error", "XADD s 5-3 f v", "XADD s 4-* f v")
x("XADD with 0-* on an empty stream gives 0-1", "XADD s 0-* f v", "XLEN s")
x("XADD with 0-0 is an error and creates nothing", "XADD s 0-0 f v", "EXISTS s")
x("XADD with 0 is an error", "XADD s 0 f v")
x("XADD with an ID equal to the top item is an error", "XADD s 1-1 f v", "XADD s 1-1 f v", "XLEN s")
x("XADD with an ID smaller than the top item is an error", "XADD s 2-1 f v", "XADD s 1-9 f v", "XADD s 2-0 f v")
x("XADD after the top item was deleted still refuses smaller IDs", "XADD s 2-1 f v", "XDEL s 2-1", "XADD s 2-1 f v", "XADD s 2-2 f v")
x("XADD with the largest possible ID then nothing more fits", "XADD s 18446744073709551615-18446744073709551615 f v",
  "XADD s 18446744073709551615-18446744073709551615 f v", "XADD s 1-1 f v")
x("XADD with ms-* when the sequence is exhausted", "XADD s 5-18446744073709551615 f v", "XADD s 5-* f v", "XLEN s")
x("XADD with ms-* at the largest ms and exhausted sequence", "XADD s 18446744073709551615-18446744073709551614 f v",
  "XADD s 18446744073709551615-* f v", "XADD s 18446744073709551615-* f v")
x("XADD with an ID whose ms overflows is invalid", "XADD s 18446744073709551616-0 f v")
x("XADD with an ID whose sequence overflows is invalid", "XADD s 1-18446744073709551616 f v")
x("XADD with a non-numeric ID is invalid", "XADD s abc f v", "EXISTS s")
x("XADD with a non-numeric sequence is invalid", "XADD s 1-abc f v")
x("XADD with a trailing dash is invalid", "XADD s 1- f v")
x("XADD with a leading dash is invalid", "XADD s -1 f v")
x("XADD with two dashes is invalid", "XADD s 1-2-3 f v")
x("XADD with - as ID is invalid", "XADD s - f v")
x("XADD with + as ID is invalid", "XADD s + f v")
x("XADD with a star sequence and more is invalid", "XADD s 1-** f v")
x("XADD with *-1 is invalid", "XADD s *-1 f v")
x("XADD accepts leading zeros in an ID", "XADD s 007-008 f v")
x("XADD accepts a plus sign in an ID", "XADD s +7-+8 f v")
x("XADD accepts a leading space in an ID", ["XADD", "s", " 7- 8", "f", "v"])
x("XADD rejects a trailing space in an ID", ["XADD", "s", "7-8 ", "f", "v"])
x("XADD with a negative sequence written with a leading zero wraps around", "XADD s 1--01 f v")
x("XADD with a negative sequence is invalid", "XADD s 1--1 f v")
x("XADD with an ID longer than 127 bytes is invalid", ["XADD", "s", "1-" + "0" * 126 + "1", "f", "v"])
x("XADD with an ID of 127 bytes is valid", ["XADD", "s", "1-" + "0" * 124 + "1", "f", "v"])
x("XADD with a missing value is an arity error", "XADD s 1-1 f v g")
x("XADD with no field is an arity error", "XADD s 1-1")
x("XADD with only options is an arity error", "XADD s MAXLEN 5 1-1")
x("XADD with too few arguments is an arity error", "XADD s 1-1 f")
x("XADD on a string returns WRONGTYPE", WT, "XADD str 1-1 f v")
x("XADD on a string with an invalid ID reports the ID first", WT, "XADD str abc f v")
x("XADD with NOMKSTREAM on a missing key returns nil", "XADD s NOMKSTREAM 1-1 f v", "EXISTS s")
x("XADD with NOMKSTREAM on an existing stream adds", "XADD s 1-1 f v", "XADD s NOMKSTREAM 2-1 f v", "XLEN s")
x("XADD with nomkstream in lowercase", "XADD s nomkstream 1-1 f v")
x("XADD with NOMKSTREAM after the ID is a field", "XADD s 1-1 NOMKSTREAM v", "XRANGE s - +")
x("XADD with NOMKSTREAM on a string returns WRONGTYPE", WT, "XADD str NOMKSTREAM 1-1 f v")
x("XADD with NOMKSTREAM and 0-0 reports the ID error", "XADD s NOMKSTREAM 0-0 f v")
x("XADD with MAXLEN trims exactly", *S3, "XADD s MAXLEN 2 4-1 d 4", "XLEN s", "XRANGE s - +")
x("XADD with MAXLEN = trims exactly", *S3, "XADD s MAXLEN = 1 4-1 d 4", "XRANGE s - +")
x("XADD with MAXLEN 0 leaves an empty stream", *S3, "XADD s MAXLEN 0 4-1 d 4", "XLEN s", "EXISTS s", "XINFO STREAM s")
x("XADD with MAXLEN ~ on a small stream trims nothing", *S3, "XADD s MAXLEN ~ 1 4-1 d 4", "XLEN s")
x("XADD with maxlen in lowercase", *S3, "XADD s maxlen 1 4-1 d 4", "XLEN s")
x("XADD with a negative MAXLEN is an error", "XADD s MAXLEN -1 1-1 f v", "EXISTS s")
x("XADD with a non-integer MAXLEN is an error", "XADD s MAXLEN abc 1-1 f v")
x("XADD with MAXLEN followed by an ID is not an integer", "XADD s MAXLEN 1-1 f v")
x("XADD with MAXLEN ~ and no count uses the tilde as the count", "XADD s MAXLEN ~ 1-1 f v")
x("XADD with MAXLEN as the last option before too few arguments", "XADD s 1-1 MAXLEN 5")
x("XADD with MINID trims older entries", *S3, "XADD s MINID 2-1 4-1 d 4", "XRANGE s - +")
x("XADD with MINID = trims older entries", *S3, "XADD s MINID = 3 4-1 d 4", "XRANGE s - +")
x("XADD with MINID ~ on a small stream trims nothing", *S3, "XADD s MINID ~ 3 4-1 d 4", "XLEN s")
x("XADD with MINID beyond the new entry trims everything", *S3, "XADD s MINID 9 4-1 d 4", "XLEN s", "XINFO STREAM s")
x("XADD with an invalid MINID is an error", "XADD s MINID abc 1-1 f v")
x("XADD with MINID + is an error", "XADD s MINID + 1-1 f v")
x("XADD with MINID 5-* is an error", "XADD s MINID 5-* 1-1 f v")
x("XADD with MAXLEN and MINID is an error", "XADD s MAXLEN 1 MINID 1 1-1 f v")
x("XADD with MINID and MAXLEN is an error", "XADD s MINID 1 MAXLEN 1 1-1 f v")
x("XADD with MAXLEN twice is an error", "XADD s MAXLEN 1 MAXLEN 2 1-1 f v")
x("XADD with LIMIT but no trimming strategy is an error", "XADD s LIMIT 10 1-1 f v")
x("XADD with LIMIT 0 but no trimming strategy is an error", "XADD s LIMIT 0 1-1 f v")
x("XADD with an exact MAXLEN and LIMIT is an error", "XADD s MAXLEN 1 LIMIT 10 1-1 f v", "EXISTS s")
x("XADD with a negative LIMIT is an error", "XADD s MAXLEN ~ 1 LIMIT -1 1-1 f v")
x("XADD with a non-integer LIMIT is an error", "XADD s MAXLEN ~ 1 LIMIT x 1-1 f v")
x("XADD with MAXLEN ~ and LIMIT adds", *S3, "XADD s MAXLEN ~ 1 LIMIT 10 4-1 d 4", "XLEN s")
x("XADD with LIMIT before MAXLEN ~ adds", *S3, "XADD s LIMIT 10 MAXLEN ~ 1 4-1 d 4", "XLEN s")
x("XADD with NOMKSTREAM and MAXLEN", *S3, "XADD s NOMKSTREAM MAXLEN 1 4-1 d 4", "XRANGE s - +")
x("XADD with a star ID after options is not rejected as syntax", "XADD s MAXLEN 0 NOMKSTREAM", "EXISTS s")
x("XADD on a key with a TTL keeps the TTL", "XADD s 1-1 f v", "EXPIRE s 1000", "XADD s 2-1 f v", "TTL s")
x("XADD with integer-looking field names", "XADD s 1-1 1 2 -3 4", "XADD s 2-1 1 5 -3 6", "XRANGE s - +")

# Node accounting: when a node is full Redis starts another, visible in XINFO and in "~" trims.
x("XINFO STREAM of 250 small entries shows three nodes", adds("s", 250), "XINFO STREAM s")
x("XINFO STREAM of 100 entries shows one node", adds("s", 100), "XINFO STREAM s")
x("XINFO STREAM of 101 entries shows two nodes", adds("s", 101), "XINFO STREAM s")
x("XINFO STREAM with 80-byte values splits nodes by size", adds("s", 120, value=lambda i: "x" * 80), "XINFO STREAM s")
x("XINFO STREAM with 60-byte values splits nodes by size", adds("s", 120, value=lambda i: "y" * 60), "XINFO STREAM s")
x("XINFO STREAM with 63 and 64 byte values", adds("s", 60, value=lambda i: "z" * (63 + i % 2)), "XINFO STREAM s")
x("XINFO STREAM with integer values packs them small", adds("s", 150, value=lambda i: str(i * 1000)), "XINFO STREAM s")
x("XINFO STREAM with large integer values", adds("s", 150, value=lambda i: str(i * 100000000000)), "XINFO STREAM s")
x("XINFO STREAM with negative integer values", adds("s", 150, value=lambda i: str(-i * 7777)), "XINFO STREAM s")
x("XINFO STREAM with changing field names", many(["XADD", "s", "%d-1" % i, "f%d" % (i % 3), "v"] for i in range(1, 151)), "XINFO STREAM s")
x("XINFO STREAM with a value larger than a node", "XADD s 1-1 f v", ["XADD", "s", "2-1", "f", "q" * 5000], "XADD s 3-1 f v", "XINFO STREAM s")
x("XINFO STREAM with 4000-byte values", many(["XADD", "s", "%d-1" % i, "f", "w" * 4000] for i in range(1, 6)), "XINFO STREAM s")
x("XINFO STREAM with 2000-byte values", many(["XADD", "s", "%d-1" % i, "f", "w" * 2000] for i in range(1, 8)), "XINFO STREAM s")
x("XINFO STREAM with many fields per entry", many(["XADD", "s", "%d-1" % i] + sum((["k%d" % j, "v%d" % j] for j in range(30)), []) for i in range(1, 12)), "XINFO STREAM s")
x("XINFO STREAM with IDs far apart in time", many(["XADD", "s", "%d-%d" % (i * 1000000007, i), "f", "v"] for i in range(1, 130)), "XINFO STREAM s")
x("XINFO STREAM with nodes whose IDs differ in high bytes", many(["XADD", "s", "%d-0" % (i << 40), "f", "v"] for i in range(1, 260)), "XINFO STREAM s")
x("XINFO STREAM with many sequence numbers in one ms", many(["XADD", "s", "1-%d" % i, "f", "v"] for i in range(1, 260)), "XINFO STREAM s")
x("XDEL of every entry of a middle node removes the node", adds("s", 250), many(["XDEL", "s", "%d-1" % i] for i in range(101, 201)), "XINFO STREAM s")
x("XDEL of every entry of the last node removes it and XADD starts another", adds("s", 150), many(["XDEL", "s", "%d-1" % i] for i in range(101, 151)),
  "XADD s 200-1 f v", "XINFO STREAM s")
x("Deleted entries still count toward a full node", adds("s", 60), many(["XDEL", "s", "%d-1" % i] for i in range(1, 50)), adds("s", 45, first=61), "XINFO STREAM s")
x("XTRIM MAXLEN ~ removes whole nodes only", adds("s", 250), "XTRIM s MAXLEN ~ 120", "XLEN s", "XINFO STREAM s")
x("XTRIM MAXLEN ~ that cannot remove a node removes nothing", adds("s", 250), "XTRIM s MAXLEN ~ 200", "XLEN s")
x("XTRIM MAXLEN ~ 0 removes every node", adds("s", 250), "XTRIM s MAXLEN ~ 0", "XLEN s", "XINFO STREAM s")
x("XTRIM MAXLEN ~ with LIMIT stops at the limit", adds("s", 250), "XTRIM s MAXLEN ~ 0 LIMIT 150", "XLEN s")
x("XTRIM MAXLEN ~ with LIMIT smaller than a node removes nothing", adds("s", 250), "XTRIM s MAXLEN ~ 0 LIMIT 99", "XLEN s")
x("XTRIM MAXLEN ~ with LIMIT 0 means no limit", adds("s", 250), "XTRIM s MAXLEN ~ 0 LIMIT 0", "XLEN s")
x("XTRIM MINID ~ removes whole nodes below the ID", adds("s", 250), "XTRIM s MINID ~ 150", "XLEN s", "XRANGE s - - ", "XRANGE s - + COUNT 1")
x("XTRIM MINID exact removes entries inside a node", adds("s", 250), "XTRIM s MINID 150", "XLEN s", "XRANGE s - + COUNT 1", "XINFO STREAM s")
x("XTRIM MAXLEN exact over several nodes", adds("s", 250), "XTRIM s MAXLEN 70", "XLEN s", "XRANGE s - + COUNT 2", "XINFO STREAM s")
x("XADD with MAXLEN ~ trims whole nodes", adds("s", 250), "XADD s MAXLEN ~ 100 300-1 f v", "XLEN s")
x("XADD with MINID ~ trims whole nodes", adds("s", 250), "XADD s MINID ~ 201 300-1 f v", "XLEN s")
x("XADD with MAXLEN ~ and a small LIMIT trims less", adds("s", 250), "XADD s MAXLEN ~ 10 LIMIT 100 300-1 f v", "XLEN s")
x("XRANGE across nodes with COUNT", adds("s", 250), "XRANGE s 95 105", "XRANGE s 98-1 + COUNT 5")
x("XREVRANGE across nodes with COUNT", adds("s", 250), "XREVRANGE s 105 95", "XREVRANGE s + - COUNT 3")
x("XRANGE across nodes skips deleted entries", adds("s", 250), "XDEL s 100-1 101-1 99-1", "XRANGE s 97 103", "XREVRANGE s 103 97")
x("XRANGE reads entries with and without shared field names", "XADD s 1-1 a 1 b 2", "XADD s 2-1 a 3 b 4", "XADD s 3-1 a 5", "XADD s 4-1 b 6 a 7", "XADD s 5-1 a 8 b 9",
  "XRANGE s - +", "XREVRANGE s + -")

# ---------------------------------------------------------------- XLEN
x("XLEN on a missing key is 0", "XLEN s")
x("XLEN counts entries", *S3, "XLEN s")
x("XLEN on a string returns WRONGTYPE", WT, "XLEN str")
x("XLEN with too many arguments is an arity error", "XLEN s t")

# ---------------------------------------------------------------- XRANGE / XREVRANGE
x("XRANGE - + returns every entry", *S3, "XRANGE s - +")
x("XRANGE with a range", *S3, "XRANGE s 2-1 3-1")
x("XRANGE with incomplete IDs covers whole milliseconds", *S3, "XADD s 2-5 d 4", "XRANGE s 2 2")
x("XRANGE with an exclusive start", *S3, "XRANGE s (1-1 +")
x("XRANGE with an exclusive end", *S3, "XRANGE s - (3-1")
x("XRANGE with exclusive incomplete IDs", *S3, "XADD s 2-5 d 4", "XRANGE s (1 (3")
x("XRANGE with exclusive start and end on the same ID is empty", *S3, "XRANGE s (2-1 (2-1")
x("XRANGE with an exclusive - is invalid", *S3, "XRANGE s (- +")
x("XRANGE with an exclusive + is invalid", *S3, "XRANGE s - (+")
x("XRANGE with ( alone is invalid", *S3, "XRANGE s ( +")
x("XRANGE with an exclusive start at the last ID is an error", *S3, "XRANGE s (18446744073709551615-18446744073709551615 +")
x("XRANGE with an exclusive end at 0-0 is an error", *S3, "XRANGE s - (0-0")
x("XRANGE with an exclusive end at 0 is an error", *S3, "XRANGE s - (0")
x("XRANGE with an exclusive end at 1-0 reaches back to the previous ms", "XADD s 0-5 a 1", "XRANGE s - (1-0")
x("XRANGE with start after end is empty", *S3, "XRANGE s 3 1")
x("XRANGE with COUNT", *S3, "XRANGE s - + COUNT 2")
x("XRANGE with COUNT larger than the stream", *S3, "XRANGE s - + COUNT 10")
x("XRANGE with COUNT 0 returns a null array", *S3, "XRANGE s - + COUNT 0")
x("XRANGE with a negative COUNT returns a null array", *S3, "XRANGE s - + COUNT -5")
x("XRANGE with COUNT twice uses the last", *S3, "XRANGE s - + COUNT 1 COUNT 2")
x("XRANGE with count in lowercase", *S3, "XRANGE s - + count 1")
x("XRANGE with a non-integer COUNT is an error", *S3, "XRANGE s - + COUNT x")
x("XRANGE with COUNT and no value is a syntax error", *S3, "XRANGE s - + COUNT")
x("XRANGE with an unknown option is a syntax error", *S3, "XRANGE s - + FOO 1")
x("XRANGE on a missing key returns an empty array", "XRANGE s - +")
x("XRANGE on a missing key with COUNT 0 returns an empty array", "XRANGE s - + COUNT 0")
x("XRANGE on a missing key with an invalid ID is an error", "XRANGE s abc +")
x("XRANGE on a string returns WRONGTYPE", WT, "XRANGE str - +")
x("XRANGE on a string with a syntax error reports the syntax error", WT, "XRANGE str - + FOO")
x("XRANGE with an invalid start is an error", *S3, "XRANGE s x +")
x("XRANGE with an invalid end is an error", *S3, "XRANGE s - y")
x("XRANGE with too few arguments is an arity error", "XRANGE s -")
x("XRANGE with + as start and - as end is empty", *S3, "XRANGE s + -")
x("XRANGE with the largest ID as end", *S3, "XRANGE s 2 18446744073709551615-18446744073709551615")
x("XREVRANGE + - returns every entry backwards", *S3, "XREVRANGE s + -")
x("XREVRANGE with a range", *S3, "XREVRANGE s 3-1 2-1")
x("XREVRANGE with incomplete IDs", *S3, "XADD s 2-5 d 4", "XREVRANGE s 2 2")
x("XREVRANGE with exclusive IDs", *S3, "XREVRANGE s (3-1 (1-1")
x("XREVRANGE with COUNT", *S3, "XREVRANGE s + - COUNT 2")
x("XREVRANGE with COUNT 0 returns a null array", *S3, "XREVRANGE s + - COUNT 0")
x("XREVRANGE with end before start is empty", *S3, "XREVRANGE s 1 3")
x("XREVRANGE with an exclusive end at the largest ID is an error", *S3, "XREVRANGE s + (18446744073709551615-18446744073709551615")
x("XREVRANGE on a missing key returns an empty array", "XREVRANGE s + -")
x("XREVRANGE on a string returns WRONGTYPE", WT, "XREVRANGE str + -")

# ---------------------------------------------------------------- XDEL
x("XDEL removes an entry", *S3, "XDEL s 2-1", "XRANGE s - +", "XLEN s")
x("XDEL of a missing ID returns 0", *S3, "XDEL s 9-9")
x("XDEL of several IDs counts the deleted ones", *S3, "XDEL s 1-1 9-9 3-1")
x("XDEL of the same ID twice counts it once", *S3, "XDEL s 1-1 1-1")
x("XDEL with an incomplete ID uses sequence 0", "XADD s 1-0 a 1", "XADD s 1-1 b 2", "XDEL s 1", "XRANGE s - +")
x("XDEL with an invalid ID deletes nothing", *S3, "XDEL s 1-1 abc", "XLEN s")
x("XDEL with - as ID is invalid", *S3, "XDEL s -")
x("XDEL on a missing key returns 0", "XDEL s 1-1")
x("XDEL on a missing key with an invalid ID returns 0", "XDEL s abc")
x("XDEL on a string returns WRONGTYPE", WT, "XDEL str 1-1")
x("XDEL of every entry keeps an empty stream", *S3, "XDEL s 1-1 2-1 3-1", "XLEN s", "EXISTS s", "TYPE s", "XRANGE s - +", "XINFO STREAM s")
x("XDEL records the largest deleted ID", *S3, "XDEL s 2-1", "XDEL s 1-1", "XINFO STREAM s")
x("XDEL of the first entry moves the recorded first ID", *S3, "XDEL s 1-1", "XINFO STREAM s")
x("XDEL of a middle entry keeps the recorded first ID", *S3, "XDEL s 2-1", "XINFO STREAM s")
x("XDEL with too few arguments is an arity error", "XDEL s")

# ---------------------------------------------------------------- XTRIM
x("XTRIM MAXLEN removes the oldest entries", *S3, "XTRIM s MAXLEN 1", "XRANGE s - +")
x("XTRIM MAXLEN = removes the oldest entries", *S3, "XTRIM s MAXLEN = 2", "XLEN s")
x("XTRIM MAXLEN larger than the stream removes nothing", *S3, "XTRIM s MAXLEN 10", "XLEN s")
x("XTRIM MAXLEN 0 empties the stream and keeps the key", *S3, "XTRIM s MAXLEN 0", "XLEN s", "EXISTS s", "XINFO STREAM s")
x("XTRIM MAXLEN ~ on a small stream removes nothing", *S3, "XTRIM s MAXLEN ~ 1", "XLEN s")
x("XTRIM MINID removes entries below the ID", *S3, "XTRIM s MINID 2-1", "XRANGE s - +")
x("XTRIM MINID with an incomplete ID", *S3, "XTRIM s MINID 3", "XRANGE s - +")
x("XTRIM MINID - removes nothing", *S3, "XTRIM s MINID 0", "XLEN s")
x("XTRIM MINID above every ID empties the stream", *S3, "XTRIM s MINID 100", "XLEN s", "XINFO STREAM s")
x("XTRIM MINID ~ on a small stream removes nothing", *S3, "XTRIM s MINID ~ 3", "XLEN s")
x("XTRIM updates the recorded first ID", *S3, "XTRIM s MAXLEN 2", "XINFO STREAM s")
x("XTRIM after XDEL of a later entry", *S3, "XDEL s 3-1", "XTRIM s MINID 3", "XLEN s", "XINFO STREAM s")
x("XTRIM on a missing key returns 0", "XTRIM s MAXLEN 0")
x("XTRIM on a string returns WRONGTYPE", WT, "XTRIM str MAXLEN 0")
x("XTRIM on a string with a syntax error reports the syntax error", WT, "XTRIM str FOO")
x("XTRIM without a strategy is an error", *S3, "XTRIM s LIMIT 1")
x("XTRIM with LIMIT 0 and no strategy is an error", *S3, "XTRIM s LIMIT 0")
x("XTRIM with an unknown option is a syntax error", *S3, "XTRIM s FOO 1")
x("XTRIM with MAXLEN and no value is a syntax error", *S3, "XTRIM s MAXLEN")
x("XTRIM with an exact MAXLEN and LIMIT is an error", *S3, "XTRIM s MAXLEN 1 LIMIT 1")
x("XTRIM with MAXLEN ~ and LIMIT is accepted", *S3, "XTRIM s MAXLEN ~ 1 LIMIT 1")
x("XTRIM with a negative MAXLEN is an error", *S3, "XTRIM s MAXLEN -1")
x("XTRIM with a non-integer MAXLEN is an error", *S3, "XTRIM s MAXLEN x")
x("XTRIM with an invalid MINID is an error", *S3, "XTRIM s MINID x")
x("XTRIM with MAXLEN and MINID is an error", *S3, "XTRIM s MAXLEN 1 MINID 1")
x("XTRIM with a negative LIMIT is an error", *S3, "XTRIM s MAXLEN ~ 1 LIMIT -1")
x("XTRIM with a star is a syntax error", *S3, "XTRIM s *")
x("XTRIM with too few arguments is an arity error", "XTRIM s MAXLEN")

# ---------------------------------------------------------------- XSETID
x("XSETID sets the last ID", *S3, "XSETID s 5-0", "XINFO STREAM s", "XADD s 4-0 f v", "XADD s 5-* f v")
x("XSETID to the current top item is allowed", *S3, "XSETID s 3-1", "XLEN s")
x("XSETID below the top item is an error", *S3, "XSETID s 2-0")
x("XSETID with ENTRIESADDED and MAXDELETEDID", *S3, "XSETID s 9-0 ENTRIESADDED 10 MAXDELETEDID 8-0", "XINFO STREAM s")
x("XSETID with ENTRIESADDED below the length is an error", *S3, "XSETID s 9-0 ENTRIESADDED 2")
x("XSETID with a negative ENTRIESADDED is an error", *S3, "XSETID s 9-0 ENTRIESADDED -1")
x("XSETID with a non-integer ENTRIESADDED is an error", *S3, "XSETID s 9-0 ENTRIESADDED x")
x("XSETID with MAXDELETEDID above the ID is an error", *S3, "XSETID s 9-0 MAXDELETEDID 10-0")
x("XSETID with an invalid MAXDELETEDID is an error", *S3, "XSETID s 9-0 MAXDELETEDID x")
x("XSETID below the recorded max deleted ID is an error", *S3, "XDEL s 3-1", "XSETID s 3-0")
x("XSETID after deleting the top item may go below it", *S3, "XDEL s 3-1", "XSETID s 3-1", "XSETID s 2-5", "XINFO STREAM s")
x("XSETID on an empty stream may set any ID", "XADD s 5-0 f v", "XDEL s 5-0", "XSETID s 5-0", "XSETID s 1-0")
x("XSETID with an unknown option is a syntax error", *S3, "XSETID s 9-0 FOO 1")
x("XSETID with an option missing its value is a syntax error", *S3, "XSETID s 9-0 ENTRIESADDED")
x("XSETID with an invalid ID is an error", *S3, "XSETID s abc")
x("XSETID with - is invalid", *S3, "XSETID s -")
x("XSETID with an incomplete ID", *S3, "XSETID s 7", "XINFO STREAM s")
x("XSETID on a missing key is an error", "XSETID s 1-1")
x("XSETID on a missing key with an invalid ID reports the ID", "XSETID s abc")
x("XSETID on a string returns WRONGTYPE", WT, "XSETID str 1-1")
x("XSETID with too few arguments is an arity error", "XSETID s")
x("XSETID to the largest ID exhausts the stream", *S3, "XSETID s 18446744073709551615-18446744073709551615", "XADD s 9-9 f v")

# ---------------------------------------------------------------- XREAD
x("XREAD returns entries after the ID", *S3, "XREAD STREAMS s 1-1")
x("XREAD from 0 returns everything", *S3, "XREAD STREAMS s 0")
x("XREAD with an incomplete ID", *S3, "XADD s 2-5 d 4", "XREAD STREAMS s 2")
x("XREAD with COUNT", *S3, "XREAD COUNT 1 STREAMS s 0")
x("XREAD with COUNT 0 returns everything", *S3, "XREAD COUNT 0 STREAMS s 0")
x("XREAD with a negative COUNT returns everything", *S3, "XREAD COUNT -1 STREAMS s 0")
x("XREAD with the last ID returns a null array", *S3, "XREAD STREAMS s 3-1")
x("XREAD with $ returns a null array", *S3, "XREAD STREAMS s $")
x("XREAD on a missing key returns a null array", "XREAD STREAMS s 0")
x("XREAD on several streams returns the ones with data", *S3, "XADD t 1-1 x 1", "XREAD STREAMS s t u 2-1 1-1 0")
x("XREAD on several streams in order", *S3, "XADD t 1-1 x 1", "XREAD COUNT 1 STREAMS t s 0 0")
x("XREAD on the same stream twice", *S3, "XREAD STREAMS s s 1-1 2-1")
x("XREAD on a string returns WRONGTYPE", WT, "XREAD STREAMS str 0")
x("XREAD on a missing key and a string returns WRONGTYPE", WT, "XREAD STREAMS s str 0 0")
x("XREAD with an unbalanced list is an error", *S3, "XREAD STREAMS s t 0")
x("XREAD without STREAMS is a syntax error", *S3, "XREAD COUNT 1 s 0")
x("XREAD with an unknown option is a syntax error", *S3, "XREAD FOO STREAMS s 0")
x("XREAD with GROUP is an error", *S3, "XREAD GROUP g c STREAMS s 0")
x("XREAD with NOACK is an error", *S3, "XREAD NOACK STREAMS s 0")
x("XREAD with > is an error", *S3, "XREAD STREAMS s >")
x("XREAD with an invalid ID is an error", *S3, "XREAD STREAMS s abc")
x("XREAD with - as ID is an error", *S3, "XREAD STREAMS s -")
x("XREAD with + as ID is an error", *S3, "XREAD STREAMS s +")
x("XREAD with a non-integer COUNT is an error", *S3, "XREAD COUNT x STREAMS s 0")
x("XREAD with a non-integer BLOCK is an error", *S3, "XREAD BLOCK x STREAMS s 0")
x("XREAD with a float BLOCK is an error", *S3, "XREAD BLOCK 1.5 STREAMS s 0")
x("XREAD with a negative BLOCK is an error", *S3, "XREAD BLOCK -1 STREAMS s 0")
x("XREAD with BLOCK and data returns at once", *S3, "XREAD BLOCK 0 STREAMS s 2-1")
x("XREAD with BLOCK times out with a null array", *S3, "XREAD BLOCK 20 STREAMS s $")
x("XREAD with BLOCK inside MULTI does not block", *S3, "MULTI", "XREAD BLOCK 0 STREAMS s $", "EXEC")
x("XREAD with BLOCK inside MULTI serves what is there", *S3, "MULTI", "XREAD BLOCK 0 STREAMS s 2-1", "EXEC")
x("XREAD with too few arguments is an arity error", "XREAD STREAMS s")
x("XREAD with options in lowercase", *S3, "XREAD count 1 block 0 streams s 0")
x("XREAD with STREAMS as a key name", "XADD STREAMS 1-1 f v", "XREAD STREAMS STREAMS 0")
x("XREAD after deleting the last entries returns nothing", *S3, "XDEL s 3-1", "XREAD STREAMS s 2-1")

# ---------------------------------------------------------------- XGROUP
x("XGROUP CREATE creates a group", *S3, "XGROUP CREATE s g 0", "XINFO GROUPS s")
x("XGROUP CREATE with $ starts after the last entry", *S3, "XGROUP CREATE s g $", "XINFO GROUPS s")
x("XGROUP CREATE with an ID in the middle", *S3, "XGROUP CREATE s g 2-1", "XINFO GROUPS s")
x("XGROUP CREATE with an incomplete ID", *S3, "XGROUP CREATE s g 2", "XINFO GROUPS s")
x("XGROUP CREATE of an existing group is BUSYGROUP", *S3, "XGROUP CREATE s g 0", "XGROUP CREATE s g $")
x("XGROUP CREATE on a missing key is an error", "XGROUP CREATE s g 0", "EXISTS s")
x("XGROUP CREATE with MKSTREAM creates the stream", "XGROUP CREATE s g $ MKSTREAM", "TYPE s", "XLEN s", "XINFO STREAM s", "XINFO GROUPS s")
x("XGROUP CREATE with MKSTREAM on an existing stream", *S3, "XGROUP CREATE s g 0 MKSTREAM", "XLEN s")
x("XGROUP CREATE with MKSTREAM and an invalid ID creates nothing", "XGROUP CREATE s g abc MKSTREAM", "EXISTS s")
x("XGROUP CREATE with ENTRIESREAD", *S3, "XGROUP CREATE s g 1-1 ENTRIESREAD 1", "XINFO GROUPS s")
x("XGROUP CREATE with ENTRIESREAD -1", *S3, "XGROUP CREATE s g 1-1 ENTRIESREAD -1", "XINFO GROUPS s")
x("XGROUP CREATE with ENTRIESREAD and MKSTREAM", "XGROUP CREATE s g 0 ENTRIESREAD 0 MKSTREAM", "XINFO GROUPS s")
x("XGROUP CREATE with a negative ENTRIESREAD is an error", *S3, "XGROUP CREATE s g 0 ENTRIESREAD -2")
x("XGROUP CREATE with a non-integer ENTRIESREAD is an error", *S3, "XGROUP CREATE s g 0 ENTRIESREAD x")
x("XGROUP CREATE with ENTRIESREAD and no value is an error", *S3, "XGROUP CREATE s g 0 ENTRIESREAD")
x("XGROUP CREATE with an unknown option is an error", *S3, "XGROUP CREATE s g 0 FOO")
x("XGROUP CREATE with too many options is an error", *S3, "XGROUP CREATE s g 0 MKSTREAM MKSTREAM MKSTREAM MKSTREAM")
x("XGROUP CREATE with an invalid ID is an error", *S3, "XGROUP CREATE s g abc")
x("XGROUP CREATE with - is an error", *S3, "XGROUP CREATE s g -")
x("XGROUP CREATE with an ID above the last one", *S3, "XGROUP CREATE s g 9-9", "XINFO GROUPS s")
x("XGROUP CREATE on a string returns WRONGTYPE", WT, "XGROUP CREATE str g 0")
x("XGROUP CREATE on a string with MKSTREAM returns WRONGTYPE", WT, "XGROUP CREATE str g 0 MKSTREAM")
x("XGROUP CREATE with too few arguments is an arity error", "XGROUP CREATE s g")
x("XGROUP create in lowercase", *S3, "xgroup create s g 0", "XINFO GROUPS s")
x("XGROUP groups are listed in name order", *S3, "XGROUP CREATE s b 0", "XGROUP CREATE s a $", "XGROUP CREATE s ab 1", "XGROUP CREATE s B 2", "XINFO GROUPS s")
x("XGROUP DESTROY removes a group", *S3, "XGROUP CREATE s g 0", "XGROUP DESTROY s g", "XINFO GROUPS s")
x("XGROUP DESTROY of a missing group returns 0", *S3, "XGROUP DESTROY s g")
x("XGROUP DESTROY on a missing key is an error", "XGROUP DESTROY s g")
x("XGROUP DESTROY on a string returns WRONGTYPE", WT, "XGROUP DESTROY str g")
x("XGROUP DESTROY with too many arguments is an arity error", *S3, "XGROUP DESTROY s g x")
x("XGROUP SETID moves the group", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 2-1", "XINFO GROUPS s")
x("XGROUP SETID with $", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g $", "XINFO GROUPS s")
x("XGROUP SETID with - and +", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g +", "XINFO GROUPS s", "XGROUP SETID s g -", "XINFO GROUPS s")
x("XGROUP SETID with ENTRIESREAD", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 2-1 ENTRIESREAD 2", "XINFO GROUPS s")
x("XGROUP SETID without ENTRIESREAD forgets the read counter", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s",
  "XGROUP SETID s g 2-1", "XINFO GROUPS s")
x("XGROUP SETID with a negative ENTRIESREAD is an error", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 0 ENTRIESREAD -5")
x("XGROUP SETID with a non-integer ENTRIESREAD is an error", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 0 ENTRIESREAD x")
x("XGROUP SETID with ENTRIESREAD and no value is an error", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 0 ENTRIESREAD")
x("XGROUP SETID with an unknown option is an error", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 0 FOO 1")
x("XGROUP SETID with an invalid ID is an error", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g abc")
x("XGROUP SETID of a missing group is NOGROUP", *S3, "XGROUP SETID s g 0")
x("XGROUP SETID on a missing key is an error", "XGROUP SETID s g 0")
x("XGROUP SETID with too many arguments", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 0 ENTRIESREAD 1 x")
x("XGROUP CREATECONSUMER creates a consumer once", *S3, "XGROUP CREATE s g 0", "XGROUP CREATECONSUMER s g c", "XGROUP CREATECONSUMER s g c", "XINFO GROUPS s")
x("XGROUP CREATECONSUMER of a missing group is NOGROUP", *S3, "XGROUP CREATECONSUMER s g c")
x("XGROUP CREATECONSUMER on a missing key is an error", "XGROUP CREATECONSUMER s g c")
x("XGROUP CREATECONSUMER with too few arguments is an arity error", *S3, "XGROUP CREATECONSUMER s g")
x("XGROUP DELCONSUMER returns the pending count", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 2 STREAMS s >", "XGROUP DELCONSUMER s g c",
  "XINFO GROUPS s", "XPENDING s g")
x("XGROUP DELCONSUMER of a missing consumer returns 0", *S3, "XGROUP CREATE s g 0", "XGROUP DELCONSUMER s g c")
x("XGROUP DELCONSUMER of a missing group is NOGROUP", *S3, "XGROUP DELCONSUMER s g c")
x("XGROUP DELCONSUMER keeps other consumers' entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a COUNT 1 STREAMS s >",
  "XREADGROUP GROUP g b COUNT 1 STREAMS s >", "XGROUP DELCONSUMER s g a", "XPENDING s g")
x("XGROUP HELP lists the subcommands", "XGROUP HELP")
x("XGROUP HELP with an argument is an error", "XGROUP HELP x")
x("XGROUP with an unknown subcommand is an error", "XGROUP FOO s g")
x("XGROUP with no subcommand is an arity error", "XGROUP")

# ---------------------------------------------------------------- XREADGROUP
x("XREADGROUP with > delivers new entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XPENDING s g", "XINFO GROUPS s")
x("XREADGROUP with COUNT", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 2 STREAMS s >", "XREADGROUP GROUP g c COUNT 2 STREAMS s >",
  "XREADGROUP GROUP g c COUNT 2 STREAMS s >")
x("XREADGROUP with nothing new returns a null array", *S3, "XGROUP CREATE s g $", "XREADGROUP GROUP g c STREAMS s >")
x("XREADGROUP on an empty stream returns a null array", "XGROUP CREATE s g $ MKSTREAM", "XREADGROUP GROUP g c STREAMS s >")
x("XREADGROUP creates the consumer even when nothing is read", *S3, "XGROUP CREATE s g $", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("XREADGROUP with history returns the consumer's pending entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 2 STREAMS s >",
  "XREADGROUP GROUP g c STREAMS s 0", "XREADGROUP GROUP g c STREAMS s 1-1", "XREADGROUP GROUP g c COUNT 1 STREAMS s 0")
x("XREADGROUP with history of another consumer returns an empty list", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >",
  "XREADGROUP GROUP g b STREAMS s 0")
x("XREADGROUP with history shows deleted entries as nil", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XDEL s 2-1",
  "XREADGROUP GROUP g c STREAMS s 0")
x("XREADGROUP with history after XACK", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XACK s g 1-1 3-1",
  "XREADGROUP GROUP g c STREAMS s 0")
x("XREADGROUP with history increments delivery counts", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >",
  "XREADGROUP GROUP g c STREAMS s 0", "XREADGROUP GROUP g c STREAMS s 0", "XINFO GROUPS s")
x("XREADGROUP with NOACK does not create pending entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c NOACK STREAMS s >", "XPENDING s g",
  "XINFO GROUPS s")
x("XREADGROUP on several streams", *S3, "XADD t 1-1 x 1", "XGROUP CREATE s g 0", "XGROUP CREATE t g $",
  "XREADGROUP GROUP g c STREAMS s t > >", "XADD t 2-1 y 2", "XREADGROUP GROUP g c STREAMS s t > >", "XREADGROUP GROUP g c STREAMS s t 0 0")
x("XREADGROUP on the same stream twice", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 1 STREAMS s s > >")
x("XREADGROUP after XGROUP SETID back redelivers to the new consumer", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >",
  "XGROUP SETID s g 0", "XREADGROUP GROUP g b COUNT 1 STREAMS s >", "XPENDING s g")
x("XREADGROUP without GROUP is an error", *S3, "XREADGROUP COUNT 1 STREAMS s > x y")
x("XREADGROUP of a missing group is NOGROUP", *S3, "XREADGROUP GROUP g c STREAMS s >")
x("XREADGROUP on a missing key is NOGROUP", "XREADGROUP GROUP g c STREAMS s >")
x("XREADGROUP on a string returns WRONGTYPE", WT, "XREADGROUP GROUP g c STREAMS str >")
x("XREADGROUP with $ is an error", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s $")
x("XREADGROUP with an invalid ID is an error", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s abc")
x("XREADGROUP with an unbalanced list is an error", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s t >")
x("XREADGROUP with GROUP missing its consumer is a syntax error", *S3, "XREADGROUP GROUP g STREAMS s >")
x("XREADGROUP with too few arguments is an arity error", "XREADGROUP GROUP g c STREAMS s")
x("XREADGROUP with BLOCK and data returns at once", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c BLOCK 0 COUNT 1 STREAMS s >")
x("XREADGROUP with BLOCK times out with a null array", *S3, "XGROUP CREATE s g $", "XREADGROUP GROUP g c BLOCK 20 STREAMS s >")
x("XREADGROUP with BLOCK inside MULTI does not block", *S3, "XGROUP CREATE s g $", "MULTI", "XREADGROUP GROUP g c BLOCK 0 STREAMS s >", "EXEC")
x("XREADGROUP with history and BLOCK answers at once", *S3, "XGROUP CREATE s g $", "XREADGROUP GROUP g c BLOCK 0 STREAMS s 0")
x("XREADGROUP skips deleted entries", *S3, "XGROUP CREATE s g 0", "XDEL s 2-1", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")

# ---------------------------------------------------------------- XACK
x("XACK acknowledges pending entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XACK s g 1-1 2-1", "XPENDING s g")
x("XACK of an unknown ID returns 0", *S3, "XGROUP CREATE s g 0", "XACK s g 1-1")
x("XACK of the same ID twice counts it once", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XACK s g 1-1 1-1")
x("XACK with an invalid ID acknowledges nothing", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XACK s g 1-1 abc", "XPENDING s g")
x("XACK on a missing key returns 0", "XACK s g 1-1")
x("XACK on a missing group returns 0", *S3, "XACK s g 1-1")
x("XACK on a missing group with an invalid ID returns 0", *S3, "XACK s g abc")
x("XACK on a string returns WRONGTYPE", WT, "XACK str g 1-1")
x("XACK with too few arguments is an arity error", "XACK s g")

# ---------------------------------------------------------------- XPENDING
x("XPENDING summary of an empty group", *S3, "XGROUP CREATE s g 0", "XPENDING s g")
x("XPENDING summary counts per consumer", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g b COUNT 1 STREAMS s >",
  "XREADGROUP GROUP g a STREAMS s >", "XGROUP CREATECONSUMER s g z", "XPENDING s g")
x("XPENDING extended with COUNT 0 is empty", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XPENDING s g - + 0")
x("XPENDING extended for a missing consumer is empty", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XPENDING s g - + 10 nobody")
x("XPENDING extended on an empty range is empty", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XPENDING s g 5 9 10")
x("XPENDING with a huge IDLE filters everything", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XPENDING s g IDLE 100000000 - + 10")
x("XPENDING with IDLE but too few arguments is a syntax error", *S3, "XGROUP CREATE s g 0", "XPENDING s g IDLE 5 - +")
x("XPENDING with a non-integer IDLE is an error", *S3, "XGROUP CREATE s g 0", "XPENDING s g IDLE x - + 1")
x("XPENDING with a non-integer count is an error", *S3, "XGROUP CREATE s g 0", "XPENDING s g - + x")
x("XPENDING with an invalid start is an error", *S3, "XGROUP CREATE s g 0", "XPENDING s g x + 1")
x("XPENDING with an exclusive start at the largest ID is an error", *S3, "XGROUP CREATE s g 0", "XPENDING s g (18446744073709551615-18446744073709551615 + 1")
x("XPENDING with an exclusive end at 0-0 is an error", *S3, "XGROUP CREATE s g 0", "XPENDING s g - (0-0 1")
x("XPENDING with 4 arguments is a syntax error", *S3, "XGROUP CREATE s g 0", "XPENDING s g -")
x("XPENDING with 5 arguments is a syntax error", *S3, "XGROUP CREATE s g 0", "XPENDING s g - +")
x("XPENDING with 10 arguments is a syntax error", *S3, "XGROUP CREATE s g 0", "XPENDING s g IDLE 1 - + 1 c x")
x("XPENDING of a missing group is NOGROUP", *S3, "XPENDING s g")
x("XPENDING on a missing key is NOGROUP", "XPENDING s g")
x("XPENDING on a missing key with a syntax error reports the syntax error", "XPENDING s g -")
x("XPENDING on a string returns WRONGTYPE", WT, "XPENDING str g")
x("XPENDING with too few arguments is an arity error", "XPENDING s")

# ---------------------------------------------------------------- XCLAIM
x("XCLAIM moves an entry to another consumer", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 0 1-1 2-1",
  "XPENDING s g")
x("XCLAIM with JUSTID returns IDs", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 0 1-1 3-1 JUSTID",
  "XPENDING s g")
x("XCLAIM of an entry that is not pending returns nothing", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1", "XPENDING s g", "XINFO GROUPS s")
x("XCLAIM with FORCE creates the pending entry", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 2-1 FORCE", "XPENDING s g", "XINFO GROUPS s")
x("XCLAIM with FORCE of an ID not in the stream does nothing", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 9-9 FORCE JUSTID", "XPENDING s g")
x("XCLAIM of a deleted entry removes it from the PEL", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XDEL s 2-1",
  "XCLAIM s g b 0 1-1 2-1 JUSTID", "XPENDING s g")
x("XCLAIM with a huge min-idle-time claims nothing", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 100000000 1-1",
  "XPENDING s g")
x("XCLAIM with RETRYCOUNT and TIME", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 0 1-1 RETRYCOUNT 7 TIME 1000 JUSTID",
  "XPENDING s g")
x("XCLAIM with LASTID moves the group forward", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 LASTID 2-1", "XINFO GROUPS s")
x("XCLAIM with LASTID behind the group does nothing", *S3, "XGROUP CREATE s g $", "XCLAIM s g b 0 1-1 LASTID 2-1", "XINFO GROUPS s")
x("XCLAIM with an invalid min-idle-time is an error", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b x 1-1")
x("XCLAIM with a negative min-idle-time claims", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b -5 1-1 JUSTID")
x("XCLAIM with an invalid IDLE is an error", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 IDLE x")
x("XCLAIM with an invalid TIME is an error", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 TIME x")
x("XCLAIM with an invalid RETRYCOUNT is an error", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 RETRYCOUNT x")
x("XCLAIM with an invalid LASTID is an error", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 LASTID x")
x("XCLAIM with an unknown option is an error", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 FOO")
x("XCLAIM with no valid ID is an unknown option", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 abc")
x("XCLAIM with an option missing its value is an unknown option", *S3, "XGROUP CREATE s g 0", "XCLAIM s g b 0 1-1 IDLE")
x("XCLAIM of a missing group is NOGROUP", *S3, "XCLAIM s g b 0 1-1")
x("XCLAIM on a missing key is NOGROUP", "XCLAIM s g b 0 1-1")
x("XCLAIM on a string returns WRONGTYPE", WT, "XCLAIM str g b 0 1-1")
x("XCLAIM with too few arguments is an arity error", "XCLAIM s g b 0")
x("XCLAIM by the owner increments the delivery count", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g a 0 1-1",
  "XREADGROUP GROUP g a STREAMS s 0")

# ---------------------------------------------------------------- XAUTOCLAIM
x("XAUTOCLAIM claims pending entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 0 0", "XPENDING s g")
x("XAUTOCLAIM with JUSTID", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 0 0 JUSTID", "XPENDING s g")
x("XAUTOCLAIM with COUNT returns a cursor", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 0 0 COUNT 1",
  "XAUTOCLAIM s g b 0 2-1 COUNT 1 JUSTID", "XAUTOCLAIM s g b 0 (2-1 COUNT 1")
x("XAUTOCLAIM of deleted entries reports them", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XDEL s 1-1 2-1",
  "XAUTOCLAIM s g b 0 0", "XPENDING s g")
x("XAUTOCLAIM counts deleted entries toward COUNT", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XDEL s 1-1",
  "XAUTOCLAIM s g b 0 0 COUNT 1", "XAUTOCLAIM s g b 0 0 COUNT 1")
x("XAUTOCLAIM with a huge min-idle-time claims nothing", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >",
  "XAUTOCLAIM s g b 100000000 0", "XINFO GROUPS s")
x("XAUTOCLAIM with a huge min-idle-time and COUNT stops after ten attempts per count", adds("s", 30), "XGROUP CREATE s g 0",
  "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 100000000 0 COUNT 1", "XAUTOCLAIM s g b 100000000 0 COUNT 2")
x("XAUTOCLAIM on an empty PEL", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 0")
x("XAUTOCLAIM with COUNT 0 is an error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 0 COUNT 0")
x("XAUTOCLAIM with a non-integer COUNT is an error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 0 COUNT x")
x("XAUTOCLAIM with a COUNT too large is an error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 0 COUNT 576460752303423488")
x("XAUTOCLAIM with the largest COUNT is accepted", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 0 COUNT 576460752303423487")
x("XAUTOCLAIM with an unknown option is a syntax error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 0 FOO")
x("XAUTOCLAIM with an invalid min-idle-time is an error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b x 0")
x("XAUTOCLAIM with an invalid start is an error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 x")
x("XAUTOCLAIM with an exclusive start at the largest ID is an error", *S3, "XGROUP CREATE s g 0", "XAUTOCLAIM s g b 0 (18446744073709551615-18446744073709551615")
x("XAUTOCLAIM of a missing group is NOGROUP", *S3, "XAUTOCLAIM s g b 0 0")
x("XAUTOCLAIM on a missing key is NOGROUP", "XAUTOCLAIM s g b 0 0")
x("XAUTOCLAIM on a missing key with a syntax error reports the syntax error", "XAUTOCLAIM s g b 0 0 FOO")
x("XAUTOCLAIM on a string returns WRONGTYPE", WT, "XAUTOCLAIM str g b 0 0")
x("XAUTOCLAIM with too few arguments is an arity error", "XAUTOCLAIM s g b 0")

# ---------------------------------------------------------------- XINFO
x("XINFO STREAM of a small stream", *S3, "XINFO STREAM s")
x("XINFO STREAM of an empty stream", "XGROUP CREATE s g $ MKSTREAM", "XINFO STREAM s")
x("XINFO STREAM FULL of a stream without groups", *S3, "XINFO STREAM s FULL")
x("XINFO STREAM FULL with COUNT", *S3, "XINFO STREAM s FULL COUNT 1")
x("XINFO STREAM FULL with COUNT 0 shows everything", adds("s", 12), "XINFO STREAM s FULL COUNT 0")
x("XINFO STREAM FULL defaults to 10 entries", adds("s", 12), "XINFO STREAM s FULL")
x("XINFO STREAM FULL with a negative COUNT uses 10", adds("s", 12), "XINFO STREAM s FULL COUNT -1")
x("XINFO STREAM FULL with a group and no consumers", *S3, "XGROUP CREATE s g 1-1", "XINFO STREAM s FULL")
x("XINFO STREAM FULL of an empty stream", "XGROUP CREATE s g $ MKSTREAM", "XINFO STREAM s FULL")
x("XINFO STREAM with a bad option is an error", *S3, "XINFO STREAM s FOO")
x("XINFO STREAM FULL with a bad option is an error", *S3, "XINFO STREAM s FULL FOO 1")
x("XINFO STREAM FULL COUNT with no value is an error", *S3, "XINFO STREAM s FULL COUNT")
x("XINFO STREAM FULL COUNT with a non-integer is an error", *S3, "XINFO STREAM s FULL COUNT x")
x("XINFO STREAM on a missing key is an error", "XINFO STREAM s")
x("XINFO STREAM on a missing key with a bad option reports the key", "XINFO STREAM s FOO")
x("XINFO STREAM on a string returns WRONGTYPE", WT, "XINFO STREAM str")
x("XINFO STREAM with too few arguments is an arity error", "XINFO STREAM")
x("XINFO GROUPS of a stream without groups", *S3, "XINFO GROUPS s")
x("XINFO GROUPS on a missing key is an error", "XINFO GROUPS s")
x("XINFO GROUPS on a string returns WRONGTYPE", WT, "XINFO GROUPS str")
x("XINFO GROUPS with too many arguments is an arity error", "XINFO GROUPS s x")
x("XINFO CONSUMERS of a group without consumers", *S3, "XGROUP CREATE s g 0", "XINFO CONSUMERS s g")
x("XINFO CONSUMERS of a missing group is NOGROUP", *S3, "XINFO CONSUMERS s g")
x("XINFO CONSUMERS on a missing key is an error", "XINFO CONSUMERS s g")
x("XINFO CONSUMERS on a string returns WRONGTYPE", WT, "XINFO CONSUMERS str g")
x("XINFO CONSUMERS with too few arguments is an arity error", "XINFO CONSUMERS s")
x("XINFO HELP lists the subcommands", "XINFO HELP")
x("XINFO with an unknown subcommand is an error", "XINFO FOO s")
x("XINFO with no subcommand is an arity error", "XINFO")

# ---------------------------------------------------------------- lag and entries-read
x("Lag of a group at the start is the stream length", *S3, "XGROUP CREATE s g 0", "XINFO GROUPS s")
x("Lag after reading part of the stream", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XINFO GROUPS s")
x("Lag after reading everything is 0", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("Lag grows with new entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XADD s 4-1 d 4", "XADD s 5-1 e 5", "XINFO GROUPS s")
x("Lag is unknown with a tombstone ahead of the group", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 1 STREAMS s >",
  "XDEL s 3-1", "XINFO GROUPS s", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("Lag with a tombstone behind the group", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 2 STREAMS s >",
  "XDEL s 1-1", "XINFO GROUPS s")
x("Lag after deleting the first entry before reading", *S3, "XGROUP CREATE s g 0", "XDEL s 1-1", "XINFO GROUPS s", "XREADGROUP GROUP g c COUNT 1 STREAMS s >",
  "XINFO GROUPS s")
x("Lag after deleting the last entry", *S3, "XGROUP CREATE s g 0", "XDEL s 3-1", "XINFO GROUPS s", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("Lag after trimming", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0", "XTRIM s MAXLEN 2", "XINFO GROUPS s", "XREADGROUP GROUP g c COUNT 1 STREAMS s >",
  "XINFO GROUPS s")
x("Lag of a group created at $", *S3, "XGROUP CREATE s g $", "XADD s 4-1 d 4", "XINFO GROUPS s")
x("Lag of a group created in the middle", *S3, "XGROUP CREATE s g 2-1", "XINFO GROUPS s", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("Lag of a group created at an arbitrary ID", *S3, "XGROUP CREATE s g 2-0", "XINFO GROUPS s", "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("Lag of a group on an emptied stream", *S3, "XGROUP CREATE s g 0", "XDEL s 1-1 2-1 3-1", "XINFO GROUPS s")
x("Lag of a group after XSETID ENTRIESADDED", *S3, "XGROUP CREATE s g 0", "XSETID s 3-1 ENTRIESADDED 10", "XINFO GROUPS s")
x("Lag of a group with ENTRIESREAD", *S3, "XGROUP CREATE s g 2-1 ENTRIESREAD 1", "XINFO GROUPS s")
x("Lag of a group with SETID ENTRIESREAD", *S3, "XGROUP CREATE s g 0", "XGROUP SETID s g 3-1 ENTRIESREAD 3", "XINFO GROUPS s")
x("Lag of a group after XCLAIM LASTID", *S3, "XGROUP CREATE s g 0", "XCLAIM s g c 0 1-1 LASTID 2-1", "XINFO GROUPS s")
x("Entries-read with NOACK reads", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c NOACK COUNT 2 STREAMS s >", "XINFO GROUPS s")
x("Lag with a tombstone in the middle and a group before it", *S3, "XADD s 4-1 d 4", "XDEL s 2-1", "XGROUP CREATE s g 0", "XINFO GROUPS s",
  "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XINFO GROUPS s", "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XINFO GROUPS s")

# ---------------------------------------------------------------- MULTI, keys and misc
x("Stream commands inside MULTI", "MULTI", "XADD s 1-1 f v", "XLEN s", "XRANGE s - +", "EXEC")
x("RENAME of a stream keeps its groups", *S3, "XGROUP CREATE s g 0", "RENAME s t", "XINFO GROUPS t", "XLEN t")
x("COPY of a stream copies entries and groups", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "COPY s t",
  "XACK s g 1-1", "XPENDING t g", "XPENDING s g", "XINFO STREAM t")
x("DEL of a stream", *S3, "DEL s", "XLEN s")
x("SET over a stream replaces it", *S3, "SET s v", "TYPE s")
x("SCAN with TYPE stream", *S3, "SET str v", "SCAN 0 TYPE stream")

# ---------------------------------------------------------------- RESP3
x3("RESP3 XRANGE", *S3, "XRANGE s - +")
x3("RESP3 XRANGE with COUNT 0 returns null", *S3, "XRANGE s - + COUNT 0")
x3("RESP3 XREAD returns a map", *S3, "XADD t 1-1 x 1", "XREAD STREAMS s t 1-1 0")
x3("RESP3 XREAD with nothing returns null", *S3, "XREAD STREAMS s $")
x3("RESP3 XREAD with BLOCK that times out returns null", *S3, "XREAD BLOCK 20 STREAMS s $")
x3("RESP3 XADD with NOMKSTREAM on a missing key returns null", "XADD s NOMKSTREAM 1-1 f v")
x3("RESP3 XINFO STREAM", *S3, "XINFO STREAM s")
x3("RESP3 XINFO STREAM of an empty stream", "XGROUP CREATE s g $ MKSTREAM", "XINFO STREAM s")
x3("RESP3 XINFO STREAM FULL", *S3, "XGROUP CREATE s g 0", "XINFO STREAM s FULL")
x3("RESP3 XINFO GROUPS", *S3, "XGROUP CREATE s g 0", "XGROUP CREATE s h 2-0", "XINFO GROUPS s")
x3("RESP3 XINFO CONSUMERS of a group without consumers", *S3, "XGROUP CREATE s g 0", "XINFO CONSUMERS s g")
x3("RESP3 XREADGROUP returns a map", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XREADGROUP GROUP g c STREAMS s 0")
x3("RESP3 XREADGROUP with history of deleted entries", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XDEL s 1-1",
  "XREADGROUP GROUP g c STREAMS s 0")
x3("RESP3 XPENDING summary of an empty group", *S3, "XGROUP CREATE s g 0", "XPENDING s g")
x3("RESP3 XPENDING summary", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XPENDING s g")
x3("RESP3 XAUTOCLAIM", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XDEL s 1-1", "XAUTOCLAIM s g b 0 0")
x3("RESP3 XCLAIM", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 0 1-1")
x3("RESP3 XGROUP HELP", "XGROUP HELP")
x3("RESP3 XINFO HELP", "XINFO HELP")

# ---------------------------------------------------------------- more edge cases
x("Lag of a counted group left behind by a trim", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0 ENTRIESREAD 0", "XTRIM s MAXLEN 2", "XINFO GROUPS s",
  "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XINFO GROUPS s")
x("Lag of a counted group after a tombstone behind it", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0 ENTRIESREAD 0", "XDEL s 1-1", "XINFO GROUPS s",
  "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XINFO GROUPS s")
x("Lag with ENTRIESREAD beyond entries added", *S3, "XGROUP CREATE s g 0 ENTRIESREAD 10", "XINFO GROUPS s")
x("Lag of a group past the last ID", *S3, "XGROUP CREATE s g 9-9", "XINFO GROUPS s", "XADD s 10-1 x 1", "XINFO GROUPS s")
x("Lag after XSETID past the last entry", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XSETID s 9-0", "XINFO GROUPS s",
  "XADD s 10-0 d 4", "XINFO GROUPS s")
x("Lag after XDEL and XADD", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XDEL s 2-1", "XADD s 4-1 d 4", "XINFO GROUPS s",
  "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("Two groups read at different paces", *S3, "XGROUP CREATE s a 0", "XGROUP CREATE s b 0", "XREADGROUP GROUP a c COUNT 1 STREAMS s >",
  "XREADGROUP GROUP b c COUNT 2 STREAMS s >", "XDEL s 2-1", "XINFO GROUPS s", "XINFO STREAM s")
x("XTRIM MINID exact can leave a node of tombstones", adds("s", 150), "XDEL s 100-1", "XTRIM s MINID 100", "XLEN s", "XINFO STREAM s",
  "XTRIM s MAXLEN 40", "XLEN s", "XINFO STREAM s")
x("XTRIM MINID exact with a tombstone at the end of the first node", adds("s", 150), "XDEL s 100-1", "XTRIM s MINID 100", "XRANGE s - + COUNT 2",
  "XADD s 200-1 f v", "XINFO STREAM s")
x("XTRIM MAXLEN exact inside a node with tombstones", adds("s", 10), "XDEL s 2-1 4-1", "XTRIM s MAXLEN 5", "XRANGE s - +", "XINFO STREAM s")
x("XTRIM over many nodes with IDs far apart", many(["XADD", "s", "%d-0" % (i << 33), "f", "v"] for i in range(1, 420)), "XTRIM s MAXLEN ~ 150",
  "XINFO STREAM s", "XTRIM s MAXLEN 3", "XINFO STREAM s")
x("XDEL across nodes then XADD reuses the tail", adds("s", 120), many(["XDEL", "s", "%d-1" % i] for i in range(1, 90)), "XADD s 500-1 f v", "XINFO STREAM s")
x("XADD MAXLEN ~ with a tiny LIMIT", adds("s", 250), "XADD s MAXLEN ~ 0 LIMIT 1 300-1 f v", "XLEN s")
x("XADD MINID ~ with LIMIT", adds("s", 250), "XADD s MINID ~ 300 LIMIT 200 300-1 f v", "XLEN s")
x("XGROUP CREATE $ on an emptied stream", "XADD s 5-0 f v", "XDEL s 5-0", "XGROUP CREATE s g $", "XINFO GROUPS s", "XADD s 6-0 f v",
  "XREADGROUP GROUP g c STREAMS s >", "XINFO GROUPS s")
x("XREADGROUP inside MULTI", *S3, "XGROUP CREATE s g 0", "MULTI", "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XREADGROUP GROUP g c STREAMS s 0", "EXEC")
x("XCLAIM of several entries some deleted", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XDEL s 2-1 4-1",
  "XCLAIM s g b 0 1-1 2-1 3-1 4-1 9-9", "XPENDING s g", "XINFO GROUPS s")
x("XCLAIM with LASTID and a claim", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a COUNT 1 STREAMS s >", "XCLAIM s g b 0 1-1 LASTID 3-1 JUSTID",
  "XINFO GROUPS s")
x("XCLAIM with IDLE in the future keeps delivery time sane", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >",
  "XCLAIM s g b 0 1-1 IDLE -100000 JUSTID", "XPENDING s g")
x("XCLAIM with options in any case", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 0 1-1 justid force retrycount 3",
  "XPENDING s g")
x("XCLAIM with a repeated ID", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XCLAIM s g b 0 1-1 1-1 JUSTID")
x("XAUTOCLAIM with an exclusive start", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 0 (1-1 JUSTID")
x("XAUTOCLAIM from the middle wraps the cursor to 0-0", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 0 2-1 JUSTID",
  "XAUTOCLAIM s g b 0 - COUNT 2 JUSTID")
x("XAUTOCLAIM keeps the delivery count with JUSTID", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g a STREAMS s >", "XAUTOCLAIM s g b 0 0 JUSTID",
  "XREADGROUP GROUP g b STREAMS s 0", "XAUTOCLAIM s g a 0 0", "XREADGROUP GROUP g a COUNT 1 STREAMS s 0")
x("XPENDING summary after XCLAIM FORCE of a new consumer", *S3, "XGROUP CREATE s g 0", "XCLAIM s g z 0 1-1 3-1 FORCE JUSTID", "XPENDING s g",
  "XINFO GROUPS s")
x("XGROUP DESTROY then XREADGROUP is NOGROUP", *S3, "XGROUP CREATE s g 0", "XGROUP DESTROY s g", "XREADGROUP GROUP g c STREAMS s >")
x("XGROUP DELCONSUMER then its entries are gone", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g c STREAMS s >", "XGROUP DELCONSUMER s g c",
  "XREADGROUP GROUP g c STREAMS s 0", "XPENDING s g")
x("Consumers are listed in name order", *S3, "XGROUP CREATE s g 0", "XREADGROUP GROUP g zed COUNT 1 STREAMS s >", "XREADGROUP GROUP g alf COUNT 1 STREAMS s >",
  "XREADGROUP GROUP g Bob STREAMS s >", "XPENDING s g")
x("XADD after an expired stream creates a new one", "XADD s 5-0 f v", "PEXPIREAT s 1", "XADD s 1-0 f v", "XLEN s")
x("XINFO STREAM after XSETID on an empty stream", "XGROUP CREATE s g 0 MKSTREAM", "XSETID s 5-5 ENTRIESADDED 7 MAXDELETEDID 5-1", "XINFO STREAM s",
  "XINFO GROUPS s")
x("XREAD with the same stream twice and COUNT", *S3, "XREAD COUNT 1 STREAMS s s 0 1-1")
x("XRANGE with the exclusive maximum sequence", "XADD s 1-18446744073709551615 a 1", "XADD s 2-0 b 2", "XRANGE s (1-18446744073709551615 +",
  "XRANGE s - (2-0")
x3("RESP3 XINFO STREAM FULL with COUNT", adds("s", 3), "XGROUP CREATE s g 0", "XINFO STREAM s FULL COUNT 2")
x3("RESP3 Lag unknown is null", *S3, "XADD s 4-1 d 4", "XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 1 STREAMS s >", "XDEL s 3-1", "XINFO GROUPS s")



def main():
    cli(GROUPS, 7414)


if __name__ == "__main__":
    main()
