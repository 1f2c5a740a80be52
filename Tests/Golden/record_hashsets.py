#!/usr/bin/env python3
"""Record golden RESP cases for hashes, sets and SORT from a real redis-server (7.0.15).

Usage:
  python3 record_hashsets.py --port 7412            # record + validate + write hashsets.jsonl
  python3 record_hashsets.py --validate-only --port 7412
  python3 record_hashsets.py --compare 6380         # replay hashsets.jsonl against another server, show differences

Same format and reader as record.py (copied, stdlib only): JSON Lines, one case per line,
{"name", "resp", "commands", "replies", "closes"?}; each case runs on a fresh connection after
FLUSHALL. Only deterministic replies are kept: no random output from collections of more than
one element, no order of hashtable-encoded collections (SORT ... ALPHA orders them instead).
No case changes the server's configuration (the encoding limits are crossed by size).
"""
import argparse
import json
import os
import shlex
import socket
import sys
import time


# --------------------------------------------------------------------------- RESP
class Incomplete(Exception):
    pass


def _line_end(buf, pos):
    i = buf.find(b"\r\n", pos)
    if i < 0:
        raise Incomplete()
    return i


def resp_len(buf, pos=0):
    """Return the end offset of one complete RESP2/RESP3 value starting at pos.
    Raises Incomplete if buf doesn't yet hold a full value."""
    if pos >= len(buf):
        raise Incomplete()
    t = buf[pos:pos + 1]
    e = _line_end(buf, pos + 1)
    head = buf[pos + 1:e]
    nxt = e + 2
    if t in (b"+", b"-", b":", b"_", b",", b"#", b"("):
        return nxt
    if t in (b"$", b"!", b"="):
        n = int(head)
        if n < 0:
            return nxt
        end = nxt + n + 2
        if len(buf) < end:
            raise Incomplete()
        if buf[end - 2:end] != b"\r\n":
            raise ValueError("bad bulk terminator")
        return end
    if t in (b"*", b"~", b">", b"%", b"|"):
        n = int(head)
        if n < 0:
            return nxt
        count = n * 2 if t in (b"%", b"|") else n
        p = nxt
        for _ in range(count):
            p = resp_len(buf, p)
        if t == b"|":  # attribute: followed by the actual value
            p = resp_len(buf, p)
        return p
    raise ValueError("unknown RESP type byte %r at %d in %r" % (t, pos, buf[:200]))


def encode(cmd):
    if isinstance(cmd, str):
        return cmd.encode("latin-1")
    out = [b"*%d\r\n" % len(cmd)]
    for a in cmd:
        b = a.encode("latin-1")
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


class Conn:
    def __init__(self, host, port, timeout=5.0):
        self.s = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.closed = False

    def read_reply(self):
        while True:
            if self.buf:
                try:
                    n = resp_len(self.buf, 0)
                    r, self.buf = self.buf[:n], self.buf[n:]
                    return r
                except Incomplete:
                    pass
            if self.closed:
                raise EOFError("connection closed with partial/no reply: %r" % self.buf)
            d = self.s.recv(65536)
            if not d:
                self.closed = True
            self.buf += d

    def call(self, cmd):
        self.s.sendall(encode(cmd))
        return self.read_reply()

    def check_closed(self, wait):
        """After the last reply: returns True if the server closed the socket.
        Raises if unexpected extra bytes arrive."""
        if self.closed:
            return True
        self.s.settimeout(wait)
        try:
            d = self.s.recv(65536)
        except socket.timeout:
            return False
        except ConnectionResetError:
            return True
        if d == b"":
            return True
        raise RuntimeError("unexpected extra bytes after last reply: %r" % (self.buf + d))

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


# --------------------------------------------------------------------------- runner
def run_case(case, host, port):
    setup = Conn(host, port)
    r = setup.call(["FLUSHALL"])
    assert r == b"+OK\r\n", r
    setup.close()
    c = Conn(host, port)
    try:
        if case["resp"] == 3:
            c.call(["HELLO", "3"])
        replies = []
        for cmd in case["commands"]:
            replies.append(c.call(cmd))
        last = case["commands"][-1]
        may_close = isinstance(last, str) or (isinstance(last, list) and last and last[0].upper() == "QUIT")
        closes = c.check_closed(0.3 if may_close else 0.02)
    finally:
        c.close()
    for r in replies:
        if any(b >= 0x80 for b in r):
            raise ValueError("non-ASCII reply in %r: %r" % (case["name"], r))
    return [r.decode("ascii") for r in replies], closes


# --------------------------------------------------------------------------- cases
GROUPS = {}


def group(name):
    GROUPS.setdefault(name, [])
    return GROUPS[name]


def _cmd(x):
    if isinstance(x, Raw):
        return str(x)
    if isinstance(x, str):
        return shlex.split(x)
    return list(x)


class Raw(str):
    """An exact byte string to send (inline / raw protocol)."""


def adder(g, resp=2):
    lst = group(g)

    def add(name, *cmds, resp=resp):
        assert cmds, name
        lst.append({"name": name, "resp": resp, "commands": [_cmd(c) for c in cmds]})
    return add



def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def case_out(case, replies, closes):
    o = {"name": case["name"], "resp": case["resp"], "commands": case["commands"], "replies": replies}
    if closes:
        o["closes"] = True
    return o


def validate(cases, host, port, runs=2):
    """Re-run each recorded case `runs` times; return (good, bad)."""
    good, bad = [], []
    for cs in cases:
        ok = True
        for _ in range(runs):
            try:
                replies, closes = run_case(cs, host, port)
            except Exception as ex:  # noqa
                ok = False
                print("  ERROR %s: %s" % (cs["name"], ex), file=sys.stderr)
                break
            if replies != cs["replies"] or closes != bool(cs.get("closes")):
                ok = False
                print("  MISMATCH %s: %r vs %r" % (cs["name"], replies, cs["replies"]), file=sys.stderr)
                break
        (good if ok else bad).append(cs)
    return good, bad


# --------------------------------------------------------------------------- cases
STR = "SET str v"                 # a key of another type, for WRONGTYPE
FAR = "4102444800"                # 2100-01-01T00:00:00Z
LONG65 = "x" * 65                 # one byte over hash-max-listpack-value (64)
LONG64 = "y" * 64
INTS = " ".join(str(i) for i in range(1, 513))      # set-max-intset-entries (512) members
FIELDS = " ".join("f%d %d" % (i, i) for i in range(512))  # hash-max-listpack-entries (512) pairs

# ---------------------------------------------------------------- hashes
h = adder("hashsets")
h("HSET creates a hash and returns the number of new fields", "HSET h a 1 b 2", "HGETALL h", "TYPE h")
h("HSET on an existing field returns 0 and overwrites it", "HSET h a 1", "HSET h a 2", "HGET h a")
h("HSET counts only the new fields among several", "HSET h a 1", "HSET h a 9 b 2 c 3", "HGETALL h")
h("HSET with the same field twice in one call counts it once", "HSET h a 1 a 2", "HGETALL h")
h("HSET with a field and no value is an arity error", "HSET h a")
h("HSET with an odd number of field arguments is an arity error and creates nothing", "HSET h a 1 b", "EXISTS h")
h("HSET with only a key is an arity error", "HSET h")
h("HSET on a string is WRONGTYPE", STR, "HSET str a 1")
h("HSET with an empty field and an empty value", 'HSET h "" ""', "HGETALL h", "HSTRLEN h \"\"", "HEXISTS h \"\"")
h("HSET overwriting with a longer and a shorter value keeps the field order", "HSET h a 1 b 2 c 3", "HSET h b 22222", "HSET h a x", "HGETALL h")
h("HSET keeps an existing TTL", "HSET h a 1", "EXPIREAT h " + FAR, "HSET h b 2", "EXPIRETIME h")
h("HSET of non-canonical numbers keeps their text", "HSET h a 007 b -0 c +1 d 1.50 e 9223372036854775808", "HGETALL h")
h("HSET of integer values returns them as bulk strings", "HSET h a 12345 b -9223372036854775808", "HGET h a", "HGET h b", "HMGET h a b")
h("HMSET returns OK", "HMSET h a 1 b 2", "HGETALL h")
h("HMSET with an odd number of arguments is an arity error", "HMSET h a 1 b")
h("HMSET with a field and no value is an arity error", "HMSET h a")
h("HMSET on a string is WRONGTYPE", STR, "HMSET str a 1")
h("HSETNX sets a new field", "HSETNX h a 1", "HGET h a")
h("HSETNX does not overwrite an existing field", "HSET h a 1", "HSETNX h a 2", "HGET h a")
h("HSETNX with a long value on an existing field keeps the listpack", "HSET h a 1", ["HSETNX", "h", "a", LONG65], "OBJECT ENCODING h")
h("HSETNX with a long value on a new field converts to hashtable", "HSET h a 1", ["HSETNX", "h", "b", LONG65], "OBJECT ENCODING h")
h("HSETNX on a string is WRONGTYPE", STR, "HSETNX str a 1")
h("HSETNX with too few arguments is an arity error", "HSETNX h a")
h("HSETNX with too many arguments is an arity error", "HSETNX h a 1 2")
h("HGET of a missing field is nil", "HSET h a 1", "HGET h b")
h("HGET of a missing key is nil", "HGET nokey a")
h("HGET on a string is WRONGTYPE", STR, "HGET str a")
h("HGET with too many arguments is an arity error", "HGET h a b")
h("HGET is case-sensitive in field names", "HSET h Field 1", "HGET h field", "HGET h Field")
h("HMGET returns values and nils in order", "HSET h a 1 b 2", "HMGET h b x a a")
h("HMGET of a missing key returns nils", "HMGET nokey a b")
h("HMGET on a string is WRONGTYPE", STR, "HMGET str a")
h("HMGET with no fields is an arity error", "HMGET h")
h("HGETALL of a missing key is an empty array", "HGETALL nokey")
h("HGETALL on a string is WRONGTYPE", STR, "HGETALL str")
h("HGETALL with two keys is an arity error", "HGETALL a b")
h("HGETALL returns fields in insertion order", "HSET h z 1 a 2 m 3", "HGETALL h")
h("HKEYS returns the fields in insertion order", "HSET h z 1 a 2 m 3", "HKEYS h")
h("HKEYS of a missing key is an empty array", "HKEYS nokey")
h("HKEYS on a string is WRONGTYPE", STR, "HKEYS str")
h("HVALS returns the values in insertion order", "HSET h z 1 a 2 m 3", "HVALS h")
h("HVALS of a missing key is an empty array", "HVALS nokey")
h("HVALS on a string is WRONGTYPE", STR, "HVALS str")
h("HDEL removes fields and counts them", "HSET h a 1 b 2 c 3", "HDEL h a c x", "HGETALL h")
h("HDEL of the last field deletes the key", "HSET h a 1", "HDEL h a", "EXISTS h", "TYPE h")
h("HDEL of the same field twice counts it once", "HSET h a 1 b 2", "HDEL h a a", "HLEN h")
h("HDEL of all fields at once deletes the key", "HSET h a 1 b 2", "HDEL h a b c", "EXISTS h")
h("HDEL of a missing key returns 0", "HDEL nokey a")
h("HDEL of a missing field returns 0", "HSET h a 1", "HDEL h b", "HLEN h")
h("HDEL on a string is WRONGTYPE", STR, "HDEL str a")
h("HDEL with no fields is an arity error", "HDEL h")
h("HDEL then HSET keeps insertion order of the rest", "HSET h a 1 b 2 c 3", "HDEL h b", "HSET h b 4", "HGETALL h")
h("HEXISTS of an existing field is 1", "HSET h a 1", "HEXISTS h a")
h("HEXISTS of a missing field is 0", "HSET h a 1", "HEXISTS h b")
h("HEXISTS of a missing key is 0", "HEXISTS nokey a")
h("HEXISTS on a string is WRONGTYPE", STR, "HEXISTS str a")
h("HEXISTS with too few arguments is an arity error", "HEXISTS h")
h("HLEN counts fields", "HSET h a 1 b 2 c 3", "HLEN h")
h("HLEN of a missing key is 0", "HLEN nokey")
h("HLEN on a string is WRONGTYPE", STR, "HLEN str")
h("HLEN with too many arguments is an arity error", "HLEN h x")
h("HSTRLEN returns the value length", "HSET h a hello b 12345 c -1", "HSTRLEN h a", "HSTRLEN h b", "HSTRLEN h c")
h("HSTRLEN of a missing field is 0", "HSET h a 1", "HSTRLEN h b")
h("HSTRLEN of a missing key is 0", "HSTRLEN nokey a")
h("HSTRLEN on a string is WRONGTYPE", STR, "HSTRLEN str a")
h("HSTRLEN with too few arguments is an arity error", "HSTRLEN h")
h("HINCRBY creates the key and the field", "HINCRBY h a 5", "HGET h a", "TYPE h")
h("HINCRBY adds to an existing integer", "HSET h a 10", "HINCRBY h a -3", "HINCRBY h a 0", "HGET h a")
h("HINCRBY on a non-integer value is an error", "HSET h a 1.5", "HINCRBY h a 1", "HGET h a")
h("HINCRBY on a value with spaces is an error", 'HSET h a " 1"', "HINCRBY h a 1")
h("HINCRBY on an empty value is an error", 'HSET h a ""', "HINCRBY h a 1")
h("HINCRBY with a non-integer increment is an error", "HSET h a 1", "HINCRBY h a x", "HINCRBY h a 1.5")
h("HINCRBY with a non-integer increment on a missing key creates nothing", "HINCRBY h a x", "EXISTS h")
h("HINCRBY that overflows is an error", "HSET h a 9223372036854775807", "HINCRBY h a 1", "HGET h a")
h("HINCRBY that underflows is an error", "HSET h a -9223372036854775808", "HINCRBY h a -1")
h("HINCRBY to the limits works", "HINCRBY h a 9223372036854775807", "HINCRBY h b -9223372036854775808", "HINCRBY h a -9223372036854775807")
h("HINCRBY with an increment out of range is an error", "HINCRBY h a 9223372036854775808")
h("HINCRBY on a string is WRONGTYPE", STR, "HINCRBY str a 1")
h("HINCRBY with a bad increment on a string reports the increment first", STR, "HINCRBY str a x")
h("HINCRBY with too few arguments is an arity error", "HINCRBY h a")
h("HINCRBY on a value that is a canonical negative integer", "HSET h a -10", "HINCRBY h a 3")
h("HINCRBY on a field with leading zeros is an error", "HSET h a 010", "HINCRBY h a 1")
h("HINCRBYFLOAT creates the field", "HINCRBYFLOAT h a 10.5", "HGET h a")
h("HINCRBYFLOAT adds in long double precision", "HSET h a 1.1", "HINCRBYFLOAT h a 2.2", "HINCRBYFLOAT h a -3.3")
h("HINCRBYFLOAT prints integers without a decimal point", "HSET h a 10", "HINCRBYFLOAT h a 0.5", "HINCRBYFLOAT h a 0.5")
h("HINCRBYFLOAT with an exponent", "HINCRBYFLOAT h a 5.0e3", "HINCRBYFLOAT h a 2e-3")
h("HINCRBYFLOAT of a huge value prints all digits", "HINCRBYFLOAT h a 1e200")
h("HINCRBYFLOAT on a non-float value is an error", "HSET h a abc", "HINCRBYFLOAT h a 1")
h("HINCRBYFLOAT on a value with a trailing space is an error", 'HSET h a "1 "', "HINCRBYFLOAT h a 1")
h("HINCRBYFLOAT with a non-float increment is an error", "HINCRBYFLOAT h a abc", "EXISTS h")
h("HINCRBYFLOAT with an infinite increment is an error", "HINCRBYFLOAT h a inf", "HINCRBYFLOAT h a -inf", "EXISTS h")
h("HINCRBYFLOAT with a NaN increment is an error", "HINCRBYFLOAT h a nan")
h("HINCRBYFLOAT that overflows to infinity is an error", "HSET h a 1e4932", "HINCRBYFLOAT h a 1e4932", "HINCRBYFLOAT h a 1")
h("HINCRBYFLOAT on an infinite value is an error", "HSET h a inf", "HINCRBYFLOAT h a 1")
h("HINCRBYFLOAT on a string is WRONGTYPE", STR, "HINCRBYFLOAT str a 1")
h("HINCRBYFLOAT with too many arguments is an arity error", "HINCRBYFLOAT h a 1 2")
h("HINCRBYFLOAT result longer than 64 bytes converts to hashtable", "HINCRBYFLOAT h a 1e80", "OBJECT ENCODING h", "HGETALL h")
h("HINCRBYFLOAT of zero results", "HINCRBYFLOAT h a 1.5", "HINCRBYFLOAT h a -1.5", "HINCRBYFLOAT h a -0.0")
h("HRANDFIELD of a missing key is nil", "HRANDFIELD nokey")
h("HRANDFIELD with a count of a missing key is an empty array", "HRANDFIELD nokey 5", "HRANDFIELD nokey -5 WITHVALUES")
h("HRANDFIELD of a one-field hash returns it", "HSET h a 1", "HRANDFIELD h")
h("HRANDFIELD with count 0 is an empty array", "HSET h a 1", "HRANDFIELD h 0", "HRANDFIELD h 0 WITHVALUES")
h("HRANDFIELD with a count above the size returns the whole hash in order", "HSET h a 1 b 2 c 3", "HRANDFIELD h 3", "HRANDFIELD h 10", "HRANDFIELD h 10 WITHVALUES")
h("HRANDFIELD with a negative count repeats the only field", "HSET h a 1", "HRANDFIELD h -3", "HRANDFIELD h -2 WITHVALUES")
h("HRANDFIELD with count 1 on a one-field hash", "HSET h a 1", "HRANDFIELD h 1", "HRANDFIELD h 1 WITHVALUES")
h("HRANDFIELD with a non-integer count is an error", "HSET h a 1", "HRANDFIELD h x", "HRANDFIELD h 1.5 WITHVALUES")
h("HRANDFIELD with the most negative count is out of range", "HSET h a 1", "HRANDFIELD h -9223372036854775808")
h("HRANDFIELD WITHVALUES with a huge count is out of range", "HSET h a 1", "HRANDFIELD h 9223372036854775807 WITHVALUES", "HRANDFIELD h -4611686018427387904 WITHVALUES", "HRANDFIELD h 4611686018427387903 WITHVALUES")
h("HRANDFIELD with a bad option is a syntax error", "HSET h a 1", "HRANDFIELD h 1 WITHVALUE", "HRANDFIELD h 1 WITHVALUES x")
h("HRANDFIELD checks the count before the option", "HSET h a 1", "HRANDFIELD h x WITHVALUE")
h("HRANDFIELD on a string is WRONGTYPE", STR, "HRANDFIELD str", "HRANDFIELD str 2")
h("HRANDFIELD with no key is an arity error", "HRANDFIELD")
h("HRANDFIELD of a one-field hashtable", ["HSET", "h", "a", LONG65], "HRANDFIELD h", "HRANDFIELD h -2 WITHVALUES", "HRANDFIELD h 5 WITHVALUES")
h("HSCAN of a small hash returns everything with cursor 0", "HSET h a 1 b 2 c 3", "HSCAN h 0")
h("HSCAN ignores the cursor value of a listpack", "HSET h a 1 b 2", "HSCAN h 12345")
h("HSCAN with MATCH filters fields", "HSET h foo 1 bar 2 food 3", "HSCAN h 0 MATCH fo*", "HSCAN h 0 MATCH *", "HSCAN h 0 MATCH x*")
h("HSCAN with COUNT on a listpack returns everything", "HSET h a 1 b 2 c 3", "HSCAN h 0 COUNT 1")
h("HSCAN with options in any case and repeated", "HSET h a 1 b 2", "HSCAN h 0 count 5 match a COUNT 1")
h("HSCAN of a missing key", "HSCAN nokey 0", "HSCAN nokey 0 COUNT 0", "HSCAN nokey 0 FOO")
h("HSCAN with an invalid cursor is an error", "HSET h a 1", "HSCAN h abc", "HSCAN nokey abc", "HSCAN h 1.5")
h("HSCAN with a negative cursor is accepted", "HSET h a 1", "HSCAN h -1")
h("HSCAN with COUNT 0 is a syntax error", "HSET h a 1", "HSCAN h 0 COUNT 0", "HSCAN h 0 COUNT -1")
h("HSCAN with a non-integer COUNT is an error", "HSET h a 1", "HSCAN h 0 COUNT x")
h("HSCAN with TYPE is a syntax error", "HSET h a 1", "HSCAN h 0 TYPE string")
h("HSCAN with a dangling option is a syntax error", "HSET h a 1", "HSCAN h 0 MATCH", "HSCAN h 0 COUNT", "HSCAN h 0 FOO bar")
h("HSCAN on a string is WRONGTYPE", STR, "HSCAN str 0", "HSCAN str 0 COUNT 0")
h("HSCAN with a missing cursor is an arity error", "HSCAN h")
h("HSCAN of a one-field hashtable", ["HSET", "h", "a", LONG65], "HSCAN h 0", "HSCAN h 0 COUNT 100 MATCH b*")
h("A hash with 512 fields is a listpack", "HSET h " + FIELDS, "OBJECT ENCODING h", "HLEN h")
h("A hash with 513 fields is a hashtable", "HSET h " + FIELDS, "HSET h f512 512", "OBJECT ENCODING h", "HLEN h", "HGET h f0", "HGET h f512")
h("A hash with a 64-byte value is a listpack", ["HSET", "h", "a", LONG64], "OBJECT ENCODING h")
h("A hash with a 65-byte value is a hashtable", ["HSET", "h", "a", LONG65], "OBJECT ENCODING h", "HGET h a", "HSTRLEN h a")
h("A hash with a 65-byte field is a hashtable", ["HSET", "h", LONG65, "1"], "OBJECT ENCODING h", "HKEYS h")
h("A long value in a later HSET converts an existing listpack", "HSET h a 1", ["HSET", "h", "b", LONG65], "OBJECT ENCODING h", "HGET h a", "HLEN h")
h("A hashtable does not convert back when it shrinks", ["HSET", "h", "a", LONG65, "b", "1"], "HDEL h a", "OBJECT ENCODING h", "HGETALL h")
h("A long value converts even when an earlier pair is new", ["HSET", "h", "a", "1", "b", LONG65], "OBJECT ENCODING h", "HMGET h a b")
h("HMSET with a long value converts to hashtable", ["HMSET", "h", "a", LONG65], "OBJECT ENCODING h")
h("HINCRBY on a hashtable", ["HSET", "h", "a", LONG65, "n", "5"], "HINCRBY h n 5", "HGET h n", "HINCRBY h a 1")
h("HSET on a hashtable overwrites values of any length", ["HSET", "h", "a", LONG65], "HSET h a 1", "HGET h a", "HSET h a 22", "HGET h a", ["HSET", "h", "a", LONG64], "HSTRLEN h a")
h("HDEL on a hashtable deletes the key when empty", ["HSET", "h", "a", LONG65, "b", "2"], "HDEL h a b", "EXISTS h")
h("HEXISTS and HMGET on a hashtable", ["HSET", "h", "a", LONG65, "b", "2"], "HEXISTS h b", "HEXISTS h c", "HMGET h b c")
h("DEL of a hash removes it", "HSET h a 1", "DEL h", "HGETALL h")
h("TYPE of a hash", "HSET h a 1", "TYPE h")
h("OBJECT ENCODING of a small hash", "HSET h a 1", "OBJECT ENCODING h")
h("COPY of a hash is independent", "HSET h a 1", "COPY h h2", "HSET h2 a 2", "HGET h a", "HGET h2 a")
h("RENAME of a hash keeps its fields", "HSET h a 1 b 2", "RENAME h h2", "HGETALL h2", "EXISTS h")
h("A hash with a TTL expires as a whole", "HSET h a 1", "PEXPIRE h 100000", "HSET h b 2", "TTL h")
h("SET over a hash replaces it", "HSET h a 1", "SET h v", "GET h", "TYPE h")
h("HSET with binary-looking fields", ["HSET", "h", "a\r\nb", "c\x00d"], "HGETALL h")
h("MULTI with hash commands", "MULTI", "HSET h a 1", "HINCRBY h a 2", "HGET h a", "EXEC")
h("HGET after HINCRBYFLOAT returns the stored text", "HINCRBYFLOAT h a 0.1", "HINCRBYFLOAT h a 0.2", "HGET h a")

r = adder("hashsets", resp=3)
r("RESP3 HGETALL returns a map", "HSET h a 1 b 2", "HGETALL h")
r("RESP3 HGETALL of a missing key is an empty map", "HGETALL nokey")
r("RESP3 HKEYS and HVALS return arrays", "HSET h a 1 b 2", "HKEYS h", "HVALS h")
r("RESP3 HGET of a missing field is null", "HSET h a 1", "HGET h b", "HGET nokey b")
r("RESP3 HMGET with missing fields has nulls", "HSET h a 1", "HMGET h a b")
r("RESP3 HRANDFIELD of a missing key is null", "HRANDFIELD nokey")
r("RESP3 HRANDFIELD WITHVALUES returns pairs as arrays", "HSET h a 1 b 2", "HRANDFIELD h 5 WITHVALUES", "HRANDFIELD h 5")
r("RESP3 HRANDFIELD WITHVALUES with a negative count", "HSET h a 1", "HRANDFIELD h -2 WITHVALUES", "HRANDFIELD h 1 WITHVALUES")
r("RESP3 HRANDFIELD with a count of a missing key is an empty array", "HRANDFIELD nokey 3 WITHVALUES")
r("RESP3 HSCAN returns a flat array", "HSET h a 1 b 2", "HSCAN h 0")
r("RESP3 HINCRBYFLOAT returns a bulk string", "HINCRBYFLOAT h a 1.5")
r("RESP3 HSTRLEN and HLEN return integers", "HSET h a abc", "HSTRLEN h a", "HLEN h")

# ---------------------------------------------------------------- sets
s = adder("hashsets")
s("SADD creates a set and counts new members", "SADD s a b c", "SCARD s", "TYPE s")
s("SADD of existing members counts only new ones", "SADD s a b", "SADD s b c d", "SCARD s")
s("SADD of the same member twice in one call counts it once", "SADD s a a a", "SCARD s")
s("SADD with no members is an arity error", "SADD s")
s("SADD on a string is WRONGTYPE", STR, "SADD str a")
s("SADD of integers makes an intset", "SADD s 3 1 2", "OBJECT ENCODING s", "SMEMBERS s")
s("SADD of a non-integer converts an intset", "SADD s 1 2", "SADD s a", "OBJECT ENCODING s", "SCARD s", "SISMEMBER s 1", "SISMEMBER s a")
s("SADD with a non-integer first member makes a hashtable", "SADD s a", "OBJECT ENCODING s")
s("SADD with an integer first member then a string makes a hashtable", "SADD s 1 a", "OBJECT ENCODING s")
s("A set of 512 integers is an intset", "SADD s " + INTS, "OBJECT ENCODING s", "SCARD s")
s("A set of 513 integers is a hashtable", "SADD s " + INTS, "SADD s 513", "OBJECT ENCODING s", "SCARD s", "SISMEMBER s 1", "SISMEMBER s 513")
s("Non-canonical integers are strings", "SADD s 01", "OBJECT ENCODING s", "SADD t -0", "OBJECT ENCODING t", "SADD u +1", "OBJECT ENCODING u", "SADD v 1.0", "OBJECT ENCODING v")
s("Integers at the 64-bit limits stay in an intset", "SADD s 9223372036854775807 -9223372036854775808 0", "OBJECT ENCODING s", "SMEMBERS s")
s("An integer beyond 64 bits is a string", "SADD s 9223372036854775808", "OBJECT ENCODING s")
s("An intset keeps negative and wide integers sorted", "SADD s 5 -5 70000 -70000 5000000000 -5000000000 0", "SMEMBERS s")
s("An intset that shrinks stays an intset", "SADD s 1 2 3", "SREM s 2", "OBJECT ENCODING s", "SMEMBERS s")
s("A hashtable set does not convert back", "SADD s 1 a", "SREM s a", "OBJECT ENCODING s", "SMEMBERS s")
s("SADD of an empty member", 'SADD s ""', "SMEMBERS s", "SISMEMBER s \"\"", "OBJECT ENCODING s")
s("SREM removes members and counts them", "SADD s a b c", "SREM s a c x", "SMEMBERS s")
s("SREM of the last member deletes the key", "SADD s a", "SREM s a", "EXISTS s")
s("SREM of all members at once deletes the key", "SADD s 1 2", "SREM s 1 2 3", "EXISTS s")
s("SREM of a missing key returns 0", "SREM nokey a")
s("SREM of a non-integer from an intset returns 0", "SADD s 1 2", "SREM s a", "SCARD s")
s("SREM on a string is WRONGTYPE", STR, "SREM str a")
s("SREM with no members is an arity error", "SREM s")
s("SMEMBERS of an intset is sorted", "SADD s 10 -1 5 100 3", "SMEMBERS s")
s("SMEMBERS of a missing key is an empty array", "SMEMBERS nokey")
s("SMEMBERS of a one-member set", "SADD s hello", "SMEMBERS s")
s("SMEMBERS on a string is WRONGTYPE", STR, "SMEMBERS str")
s("SMEMBERS with two keys is an arity error", "SMEMBERS a b")
s("SISMEMBER of a member is 1", "SADD s a", "SISMEMBER s a")
s("SISMEMBER of a non-member is 0", "SADD s a", "SISMEMBER s b")
s("SISMEMBER of a missing key is 0", "SISMEMBER nokey a")
s("SISMEMBER on an intset with a string is 0", "SADD s 1", "SISMEMBER s a", "SISMEMBER s 01", "SISMEMBER s 1")
s("SISMEMBER on a string is WRONGTYPE", STR, "SISMEMBER str a")
s("SISMEMBER with too many arguments is an arity error", "SISMEMBER s a b")
s("SMISMEMBER returns one flag per member", "SADD s a b", "SMISMEMBER s a x b a")
s("SMISMEMBER of a missing key returns zeros", "SMISMEMBER nokey a b")
s("SMISMEMBER on a string is WRONGTYPE", STR, "SMISMEMBER str a")
s("SMISMEMBER with no members is an arity error", "SMISMEMBER s")
s("SCARD of a missing key is 0", "SCARD nokey")
s("SCARD on a string is WRONGTYPE", STR, "SCARD str")
s("SCARD with too many arguments is an arity error", "SCARD s x")
s("SPOP of a missing key is nil", "SPOP nokey")
s("SPOP of a one-member set returns it and deletes the key", "SADD s a", "SPOP s", "EXISTS s")
s("SPOP of a one-member intset", "SADD s 42", "SPOP s", "EXISTS s")
s("SPOP with a count of the whole intset returns it sorted and deletes the key", "SADD s 3 1 2", "SPOP s 3", "EXISTS s")
s("SPOP with a count above the size returns everything", "SADD s 5 4", "SPOP s 10", "EXISTS s")
s("SPOP with count 0 returns an empty array", "SADD s 1", "SPOP s 0", "SCARD s")
s("SPOP with a count of a missing key returns an empty array", "SPOP nokey 3")
s("SPOP with a negative count is an error", "SADD s 1", "SPOP s -1")
s("SPOP with a non-integer count is an error", "SADD s 1", "SPOP s x")
s("SPOP with a bad count on a missing key is still an error", "SPOP nokey -1")
s("SPOP with too many arguments is a syntax error", "SADD s 1", "SPOP s 1 2")
s("SPOP on a string is WRONGTYPE", STR, "SPOP str", "SPOP str 1")
s("SPOP with a bad count on a string reports the count first", STR, "SPOP str -1")
s("SPOP with a count of a one-member hashtable", "SADD s abc", "SPOP s 1", "EXISTS s")
s("SPOP with a count from a hashtable of integers returns them sorted", "SADD s a 3 1 2", "SREM s a", "SPOP s 5")
s("SRANDMEMBER of a missing key is nil", "SRANDMEMBER nokey")
s("SRANDMEMBER of a one-member set returns it without removing", "SADD s a", "SRANDMEMBER s", "SCARD s")
s("SRANDMEMBER with a count above the size returns the intset in order", "SADD s 3 1 2", "SRANDMEMBER s 3", "SRANDMEMBER s 100")
s("SRANDMEMBER with a negative count repeats the member", "SADD s a", "SRANDMEMBER s -3")
s("SRANDMEMBER with count 0 is an empty array", "SADD s a", "SRANDMEMBER s 0")
s("SRANDMEMBER with a count of a missing key is an empty array", "SRANDMEMBER nokey 3", "SRANDMEMBER nokey -3")
s("SRANDMEMBER with count 1", "SADD s a", "SRANDMEMBER s 1")
s("SRANDMEMBER with a non-integer count is an error", "SADD s a", "SRANDMEMBER s x")
s("SRANDMEMBER with the most negative count is out of range", "SADD s a", "SRANDMEMBER s -9223372036854775808")
s("SRANDMEMBER with too many arguments is a syntax error", "SADD s a", "SRANDMEMBER s 1 2")
s("SRANDMEMBER on a string is WRONGTYPE", STR, "SRANDMEMBER str", "SRANDMEMBER str 2")
s("SRANDMEMBER with a bad count on a string reports the count first", STR, "SRANDMEMBER str x")
s("SMOVE moves a member", "SADD a 1 2", "SADD b 3", "SMOVE a b 1", "SMEMBERS a", "SMEMBERS b")
s("SMOVE of the last member deletes the source", "SADD a 1", "SMOVE a b 1", "EXISTS a", "SMEMBERS b")
s("SMOVE creates the destination with an intset", "SADD a 1", "SMOVE a b 1", "OBJECT ENCODING b")
s("SMOVE creates the destination with a hashtable for a string", "SADD a x y", "SMOVE a b x", "OBJECT ENCODING b")
s("SMOVE of a missing member returns 0", "SADD a 1", "SMOVE a b 2", "EXISTS b")
s("SMOVE from a missing source returns 0", "SMOVE nokey b 1")
s("SMOVE from a missing source to a string returns 0", STR, "SMOVE nokey str 1")
s("SMOVE to a string is WRONGTYPE", STR, "SADD a 1", "SMOVE a str 1", "SCARD a")
s("SMOVE from a string is WRONGTYPE", STR, "SMOVE str b 1")
s("SMOVE to the same set returns membership", "SADD a 1", "SMOVE a a 1", "SMOVE a a 2", "SMEMBERS a")
s("SMOVE of a member already in the destination", "SADD a 1 2", "SADD b 1", "SMOVE a b 1", "SMEMBERS a", "SMEMBERS b")
s("SMOVE of a string into an intset converts it", "SADD a x y", "SADD b 1", "SMOVE a b x", "OBJECT ENCODING b", "SCARD b")
s("SMOVE with too few arguments is an arity error", "SMOVE a b")
s("SINTER of intsets is sorted", "SADD a 1 2 3 4", "SADD b 2 3 4 5", "SADD c 3 4 6", "SINTER a b c")
s("SINTER with a missing key is empty", "SADD a 1", "SINTER a nokey")
s("SINTER of one set returns it", "SADD a 3 1 2", "SINTER a")
s("SINTER of a set with itself", "SADD a 3 1", "SINTER a a")
s("SINTER with a string is WRONGTYPE", STR, "SADD a 1", "SINTER a str")
s("SINTER with a missing key and then a string is WRONGTYPE", STR, "SINTER nokey str")
s("SINTER with a string then a missing key is WRONGTYPE", STR, "SINTER str nokey")
s("SINTER of an intset and a hashtable", "SADD a 1 2 3", "SADD b x 2 3 9", "SINTER a b")
s("SINTER walks the smallest set", "SADD a x 1 2 3 4 5", "SADD b 5 3 1", "SINTER a b")
s("SINTER with no common member", "SADD a 1 2", "SADD b 3 4", "SINTER a b")
s("SINTER with no keys is an arity error", "SINTER")
s("SINTERSTORE stores an intset result", "SADD a 1 2 3", "SADD b 2 3 4", "SINTERSTORE d a b", "SMEMBERS d", "OBJECT ENCODING d")
s("SINTERSTORE of strings stores a hashtable", "SADD a x y", "SADD b y z", "SINTERSTORE d a b", "SMEMBERS d", "OBJECT ENCODING d")
s("SINTERSTORE with an empty result deletes the destination", "SADD a 1", "SADD b 2", "SET d x", "SINTERSTORE d a b", "EXISTS d")
s("SINTERSTORE with a missing key deletes the destination", "SADD a 1", "SADD d 5", "SINTERSTORE d a nokey", "EXISTS d")
s("SINTERSTORE overwrites a destination of another type and its TTL", "SADD a 1", "SET d x EXAT " + FAR, "SINTERSTORE d a", "TYPE d", "TTL d")
s("SINTERSTORE into one of its sources", "SADD a 1 2 3", "SADD b 2", "SINTERSTORE a a b", "SMEMBERS a")
s("SINTERSTORE with a string source is WRONGTYPE", STR, "SADD a 1", "SINTERSTORE d a str", "EXISTS d")
s("SINTERSTORE with too few arguments is an arity error", "SINTERSTORE d")
s("SINTERCARD counts the intersection", "SADD a 1 2 3 4", "SADD b 2 3 4 5", "SINTERCARD 2 a b")
s("SINTERCARD with LIMIT stops early", "SADD a 1 2 3 4", "SADD b 2 3 4 5", "SINTERCARD 2 a b LIMIT 2", "SINTERCARD 2 a b LIMIT 0", "SINTERCARD 2 a b LIMIT 10")
s("SINTERCARD with a missing key is 0", "SADD a 1", "SINTERCARD 2 a nokey")
s("SINTERCARD with numkeys 0 is an error", "SINTERCARD 0 a")
s("SINTERCARD with a negative numkeys is an error", "SINTERCARD -1 a")
s("SINTERCARD with a non-integer numkeys is an error", "SINTERCARD x a")
s("SINTERCARD with more numkeys than keys is an error", "SINTERCARD 3 a b")
s("SINTERCARD with a negative LIMIT is an error", "SADD a 1", "SINTERCARD 1 a LIMIT -1")
s("SINTERCARD with a non-integer LIMIT is an error", "SADD a 1", "SINTERCARD 1 a LIMIT x")
s("SINTERCARD with a dangling LIMIT is a syntax error", "SADD a 1", "SINTERCARD 1 a LIMIT")
s("SINTERCARD with an unknown option is a syntax error", "SADD a 1", "SINTERCARD 1 a FOO 1")
s("SINTERCARD with a string is WRONGTYPE", STR, "SINTERCARD 1 str")
s("SINTERCARD with too few arguments is an arity error", "SINTERCARD 1")
s("SUNION of intsets is sorted", "SADD a 3 1", "SADD b 2 5", "SUNION a b nokey")
s("SUNION of missing keys is empty", "SUNION x y")
s("SUNION with a string is WRONGTYPE", STR, "SADD a 1", "SUNION a str")
s("SUNION of a hashtable of integers comes out sorted", "SADD a x 3 1 2", "SREM a x", "SUNION a")
s("SUNIONSTORE stores the union", "SADD a 1 2", "SADD b 2 3", "SUNIONSTORE d a b", "SMEMBERS d", "OBJECT ENCODING d")
s("SUNIONSTORE of more than 512 integers stores a hashtable", "SADD a " + INTS, "SADD b 1000", "SUNIONSTORE d a b", "OBJECT ENCODING d", "SCARD d")
s("SUNIONSTORE with strings stores a hashtable", "SADD a 1", "SADD b x", "SUNIONSTORE d a b", "OBJECT ENCODING d", "SCARD d")
s("SUNIONSTORE of missing keys deletes the destination", "SET d x", "SUNIONSTORE d x y", "EXISTS d")
s("SUNIONSTORE of missing keys into a missing destination returns 0", "SUNIONSTORE d x y", "EXISTS d")
s("SUNIONSTORE with a string is WRONGTYPE", STR, "SUNIONSTORE d str")
s("SDIFF subtracts later sets", "SADD a 1 2 3 4 5", "SADD b 2", "SADD c 4 9", "SDIFF a b c")
s("SDIFF with a missing first key is empty", "SADD b 1", "SDIFF nokey b")
s("SDIFF with missing later keys", "SADD a 2 1", "SDIFF a x y")
s("SDIFF of a set with itself is empty", "SADD a 1 2", "SDIFF a a")
s("SDIFF of a large set by a small one", "SADD a " + " ".join(str(i) for i in range(1, 21)), "SADD b 1 2 3 4 5 6 7 8 9 10", "SADD c 11 12 13 14 15 16 17 18", "SDIFF a b c")
s("SDIFF of a small set by a large one", "SADD a 1 2 3", "SADD b " + " ".join(str(i) for i in range(2, 40)), "SDIFF a b")
s("SDIFF with a string is WRONGTYPE", STR, "SADD a 1", "SDIFF a str")
s("SDIFFSTORE stores the difference", "SADD a 1 2 3", "SADD b 2", "SDIFFSTORE d a b", "SMEMBERS d")
s("SDIFFSTORE with an empty result deletes the destination", "SADD a 1", "SADD d 9", "SDIFFSTORE d a a", "EXISTS d")
s("SDIFFSTORE of strings stores the members that remain", "SADD a x y z", "SADD b y", "SDIFFSTORE d a b", "SCARD d", "SISMEMBER d x", "SISMEMBER d y", "OBJECT ENCODING d")
s("SDIFFSTORE with too few arguments is an arity error", "SDIFFSTORE d")
s("SSCAN of an intset returns everything with cursor 0", "SADD s 3 1 2", "SSCAN s 0")
s("SSCAN with MATCH on an intset", "SADD s 1 10 11 2 20", "SSCAN s 0 MATCH 1*")
s("SSCAN of a missing key", "SSCAN nokey 0")
s("SSCAN with an invalid cursor is an error", "SADD s 1", "SSCAN s x")
s("SSCAN with COUNT 0 is a syntax error", "SADD s 1", "SSCAN s 0 COUNT 0")
s("SSCAN on a string is WRONGTYPE", STR, "SSCAN str 0")
s("SSCAN of a one-member hashtable", "SADD s hello", "SSCAN s 0", "SSCAN s 0 MATCH h*", "SSCAN s 0 MATCH x*")
s("SSCAN with a missing cursor is an arity error", "SSCAN s")
s("COPY of a set is independent", "SADD s 1 2", "COPY s t", "SADD t 3", "SMEMBERS s", "SMEMBERS t")
s("RENAME of a set keeps its members", "SADD s 1 2", "RENAME s t", "SMEMBERS t")
s("SET over a set replaces it", "SADD s 1", "SET s v", "TYPE s")
s("MULTI with set commands", "MULTI", "SADD s 1 2", "SREM s 1", "SMEMBERS s", "EXEC")
s("A set with a TTL keeps it on SADD", "SADD s 1", "EXPIREAT s " + FAR, "SADD s 2", "EXPIRETIME s")

s("SINTERSTORE of hashtable sets, read back sorted", "SADD a apple banana cherry date", "SADD b banana date fig", "SADD c date banana kiwi", "SINTERSTORE d a b c", "SORT d ALPHA", "SINTERCARD 3 a b c")
s("SUNIONSTORE of hashtable sets, read back sorted", "SADD a x y", "SADD b y z 1", "SUNIONSTORE d a b nokey", "SORT d ALPHA")
s("SDIFFSTORE of hashtable sets, read back sorted", "SADD a p q r s", "SADD b q", "SADD c s t", "SDIFFSTORE d a b c", "SORT d ALPHA")
s("SMOVE between hashtable sets", "SADD a x y z", "SADD b w", "SMOVE a b y", "SORT a ALPHA", "SORT b ALPHA")
s("SREM from a large hashtable set", "SADD s " + " ".join("m%d" % i for i in range(600)), "SREM s m1 m2 m3 nope", "SCARD s", "SMISMEMBER s m0 m1 m599")
s("SORT of a large intset with LIMIT", "SADD s " + INTS, "SORT s DESC LIMIT 0 5", "SORT s LIMIT 500 100")
h("HDEL and HMGET on a large hashtable hash", "HSET h " + FIELDS, "HSET h extra 1", "HDEL h f0 f1 nope", "HLEN h", "HMGET h f0 f2 f511 extra")
h("HINCRBY and HINCRBYFLOAT on a large hashtable hash", "HSET h " + FIELDS, "HSET h extra 1", "HINCRBY h f10 5", "HINCRBYFLOAT h f11 0.5", "HGET h f10", "HGET h f11")
s("SORT BY a field of hashtable hashes", "SADD s 1 2 3", ["HSET", "o_1", "w", "3", "pad", LONG65], ["HSET", "o_2", "w", "1", "pad", LONG65], ["HSET", "o_3", "w", "2", "pad", LONG65], "SORT s BY o_*->w GET o_*->w")

r = adder("hashsets", resp=3)
r("RESP3 SMEMBERS returns a set", "SADD s 2 1", "SMEMBERS s")
r("RESP3 SMEMBERS of a missing key is an empty set", "SMEMBERS nokey")
r("RESP3 SPOP of a missing key is null", "SPOP nokey")
r("RESP3 SPOP with a count returns a set", "SADD s 2 1", "SPOP s 5", "SPOP nokey 2")
r("RESP3 SPOP with count 0 returns an empty set", "SADD s 1", "SPOP s 0")
r("RESP3 SRANDMEMBER with a count returns an array", "SADD s 2 1", "SRANDMEMBER s 5", "SRANDMEMBER nokey 5")
r("RESP3 SRANDMEMBER of a missing key is null", "SRANDMEMBER nokey")
r("RESP3 SINTER SUNION SDIFF return sets", "SADD a 1 2", "SADD b 2 3", "SINTER a b", "SUNION a b", "SDIFF a b", "SINTER a nokey")
r("RESP3 SMISMEMBER returns integers", "SADD s a", "SMISMEMBER s a b")
r("RESP3 SISMEMBER returns an integer", "SADD s a", "SISMEMBER s a")
r("RESP3 SSCAN returns arrays", "SADD s 1 2", "SSCAN s 0")

# ---------------------------------------------------------------- sort
o = adder("hashsets")
o("SORT of an intset sorts numerically", "SADD s 10 2 33 -1", "SORT s")
o("SORT DESC", "SADD s 10 2 33 -1", "SORT s DESC")
o("SORT ALPHA sorts by bytes", "SADD s b a c 10 9", "SORT s ALPHA", "SORT s ALPHA DESC")
o("SORT of strings without ALPHA is an error", "SADD s a b", "SORT s")
o("SORT of a missing key is empty", "SORT nokey", "SORT nokey ALPHA LIMIT 0 1")
o("SORT on a string is WRONGTYPE", STR, "SORT str")
o("SORT on a hash is WRONGTYPE", "HSET h a 1", "SORT h")
o("SORT with LIMIT", "SADD s 5 4 3 2 1", "SORT s LIMIT 1 2", "SORT s LIMIT 0 0", "SORT s LIMIT 3 10", "SORT s LIMIT 10 2", "SORT s LIMIT -5 2", "SORT s LIMIT 2 -1")
o("SORT with LIMIT and DESC", "SADD s 5 4 3 2 1", "SORT s DESC LIMIT 0 2")
o("SORT with a non-integer LIMIT is an error", "SADD s 1", "SORT s LIMIT a 1", "SORT s LIMIT 0 b")
o("SORT with a dangling LIMIT is a syntax error", "SADD s 1", "SORT s LIMIT 0")
o("SORT with an unknown option is a syntax error", "SADD s 1", "SORT s FOO")
o("SORT with a syntax error on a missing key", "SORT nokey FOO")
o("SORT BY a pattern sorts by the weights", "SADD s 1 2 3", "MSET w_1 30 w_2 10 w_3 20", "SORT s BY w_*")
o("SORT BY with a missing weight counts it as 0", "SADD s 1 2 3", "MSET w_1 30 w_3 -5", "SORT s BY w_*")
o("SORT BY a hash field", "SADD s 1 2 3", "HSET o_1 w 3", "HSET o_2 w 1", "HSET o_3 w 2", "SORT s BY o_*->w")
o("SORT BY a hash field of a missing field or non-hash", "SADD s 1 2 3", "HSET o_1 w 3", "SET o_2 x", "SORT s BY o_*->w")
o("SORT BY a non-numeric weight is an error", "SADD s 1 2", "MSET w_1 a w_2 1", "SORT s BY w_*")
o("SORT BY a pattern with ALPHA", "SADD s 1 2 3", "MSET w_1 b w_2 c w_3 a", "SORT s BY w_* ALPHA", "SORT s BY w_* ALPHA DESC")
o("SORT BY with ALPHA puts missing weights first", "SADD s 1 2 3", "MSET w_1 b w_3 a", "SORT s BY w_* ALPHA")
o("SORT BY a constant does not sort", "SADD s 3 1 2", "SORT s BY nosort")
o("SORT BY a constant with STORE on a set sorts by ALPHA", "SADD s 10 9 100", "SORT s BY nosort STORE d", "LRANGE d 0 -1")
o("SORT GET returns the looked-up values", "SADD s 1 2 3", "MSET v_1 a v_2 b", "SORT s GET v_*")
o("SORT GET # returns the element", "SADD s 2 1", "SORT s GET # GET v_*", "SET v_1 x", "SORT s GET # GET v_*")
o("SORT GET a hash field", "SADD s 1 2", "HSET o_1 name one", "SORT s GET o_*->name GET #")
o("SORT GET without a star returns nil", "SADD s 1 2", "SET k v", "SORT s GET k")
o("SORT GET with an arrow at the end is a key name", "SADD s 1", 'SET "v_1->" x', "SORT s GET v_*->")
o("SORT GET with a star in the hash field name", "SADD s 1", "HSET o_1 f* z", "SORT s GET o_*->f*")
o("SORT GET of a non-string key is nil", "SADD s 1", "SADD v_1 x", "SORT s GET v_*")
o("SORT with a dangling GET is a syntax error", "SADD s 1", "SORT s GET")
o("SORT STORE of a set stores a list", "SADD s 3 1 2", "SORT s STORE d", "TYPE d", "LRANGE d 0 -1")
o("SORT STORE with GET stores empty strings for missing values", "SADD s 1 2", "SET v_1 a", "SORT s GET v_* GET # STORE d", "LRANGE d 0 -1")
o("SORT STORE replaces a destination of another type and clears its TTL", "SADD s 1", "SET d x EXAT " + FAR, "SORT s STORE d", "TTL d", "LRANGE d 0 -1")
o("SORT STORE with an empty result deletes the destination", "SET d x", "SORT nokey STORE d", "EXISTS d")
o("SORT STORE with a string source is WRONGTYPE", STR, "SORT str STORE d")
o("SORT_RO sorts like SORT", "SADD s 3 1 2", "SORT_RO s", "SORT_RO s DESC LIMIT 0 1", "SORT_RO s ALPHA")
o("SORT_RO with STORE is a syntax error", "SADD s 1", "SORT_RO s STORE d")
o("SORT_RO with GET and BY", "SADD s 1 2", "MSET w_1 2 w_2 1 v_1 a v_2 b", "SORT_RO s BY w_* GET v_*")
o("SORT_RO on a string is WRONGTYPE", STR, "SORT_RO str")
o("SORT with no key is an arity error", "SORT")
o("SORT_RO with no key is an arity error", "SORT_RO")
o("SORT of numbers in strtod forms", "SADD s 0x10 1e1 ' 3' .5 -inf +2", "SORT s")
o("SORT of a hashtable set of strings with ALPHA", "SADD s banana apple cherry", "SORT s ALPHA", "SORT s ALPHA LIMIT 1 1")
o("SORT with equal weights orders by element", "SADD s c b a", "MSET w_a 1 w_b 1 w_c 0", "SORT s BY w_*")
o("SORT of numbers that overflow is an error", "SADD s 1e400 1", "SORT s")
o("SORT of NaN is an error", "SADD s nan 1", "SORT s")
o("SORT with options in lower case", "SADD s 3 1 2", "sort s desc limit 0 2")
o("SORT DESC with equal scores", "SADD s 1.0 1 01", "SORT s DESC", "SORT s")

r = adder("hashsets", resp=3)
r("RESP3 SORT returns an array", "SADD s 2 1", "SORT s", "SORT nokey")
r("RESP3 SORT GET of a missing key is null", "SADD s 1", "SORT s GET v_*")


# --------------------------------------------------------------------------- main
def compare(path, host, port):
    """Replay recorded cases against another server (e.g. EventLoopKv) and print differences."""
    bad = 0
    for cs in load_jsonl(path):
        try:
            replies, closes = run_case(cs, host, port)
        except Exception as ex:  # noqa
            print("ERROR %s: %s" % (cs["name"], ex))
            bad += 1
            continue
        if replies != cs["replies"]:
            bad += 1
            print("DIFF %s" % cs["name"])
            for cmd, want, got in zip(cs["commands"], cs["replies"], replies):
                if want != got:
                    print("   %s\n     redis: %r\n     ours:  %r" % (" ".join(cmd)[:120], want[:300], got[:300]))
    print("%d cases differ" % bad)
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7412)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--validate-only", action="store_true")
    ap.add_argument("--compare", type=int, metavar="PORT")
    a = ap.parse_args()
    path = os.path.join(a.out, "hashsets.jsonl")
    if a.compare:
        sys.exit(1 if compare(path, a.host, a.compare) else 0)
    if a.validate_only:
        good, bad = validate(load_jsonl(path), a.host, a.port)
        print("%s: %d ok, %d differ" % (path, len(good), len(bad)))
        sys.exit(1 if bad else 0)
    cases = GROUPS["hashsets"]
    names = [cs["name"] for cs in cases]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, dup
    recorded = []
    for cs in cases:
        replies, closes = run_case(cs, a.host, a.port)
        recorded.append(case_out(cs, replies, closes))
    good, bad = validate(recorded, a.host, a.port)
    for b in bad:
        print("  dropped: %s" % b["name"])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for o in good:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    assert load_jsonl(path) == good, "read-back mismatch for " + path
    print("%s: %d cases written (%d dropped)" % (path, len(good), len(bad)))


if __name__ == "__main__":
    main()
