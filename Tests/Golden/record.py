#!/usr/bin/env python3
"""Record golden RESP test data from a real redis-server (7.0.15).

Usage:
  python3 record.py [--host 127.0.0.1] [--port 7399] [--out DIR]   # record + validate + write
  python3 record.py --validate-only [--out DIR]                    # re-run existing files twice

Format (JSON Lines, one case per line):
  {"name": ..., "resp": 2|3, "commands": [...], "replies": [...], "closes": true?}
A command that is a JSON array is sent as a RESP multibulk frame; a command that is a
JSON string is sent as those exact bytes.  Each command yields exactly one reply, recorded
as its exact raw bytes.  Every case runs on a fresh connection after FLUSHALL (sent on a
separate setup connection).  With "resp": 3 the case connection first sends HELLO 3
(neither the command nor its reply is recorded).  "closes": true means the server closed
the socket after the last reply.
Stdlib only.
"""
import argparse
import json
import os
import shlex
import socket
import sys


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


WRONGTYPE_SETUP = "RPUSH l a"
FAR = "4102444800"        # 2100-01-01T00:00:00Z
FAR2 = "4133980800"       # 2101-01-01T00:00:00Z
FARMS = "4102444800123"

# ---------------------------------------------------------------- strings
s = adder("strings")
s("GET on a missing key returns a nil bulk", "GET nokey")
s("SET then GET returns the stored value", "SET k v", "GET k")
s("SET overwrites an existing value", "SET k v", "SET k w", "GET k")
s("SET stores an empty string value", 'SET k ""', "GET k", "STRLEN k", "EXISTS k")
s("SET replaces a list value with a string", WRONGTYPE_SETUP, "SET l v", "TYPE l", "GET l")
s("SET with NX on a missing key sets it", "SET k v NX", "GET k")
s("SET with NX on an existing key returns nil", "SET k v", "SET k w NX", "GET k")
s("SET with XX on a missing key returns nil and does not create it", "SET k v XX", "GET k")
s("SET with XX on an existing key overwrites it", "SET k v", "SET k w XX", "GET k")
s("SET options are case-insensitive", "SET k v nx", "SET k w xx", "GET k")
s("SET with NX repeated is accepted", "SET k v NX NX", "GET k")
s("SET with EX sets a TTL in seconds", "SET k v EX 100", "TTL k")
s("SET with EXAT sets an absolute expire time", "SET k v EXAT " + FAR, "EXPIRETIME k", "PEXPIRETIME k")
s("SET with PXAT sets an absolute expire time in milliseconds", "SET k v PXAT " + FARMS, "PEXPIRETIME k", "EXPIRETIME k")
s("SET with EXAT given twice uses the last value", "SET k v EXAT %s EXAT %s" % (FAR, FAR2), "EXPIRETIME k")
s("SET with PX sets a TTL and the key exists", "SET k v PX 100000", "EXISTS k", "TTL k")
s("SET with EXAT in the past deletes the key immediately", "SET k v EXAT 1", "EXISTS k", "GET k")
s("SET with PXAT in the past deletes the key immediately", "SET k v PXAT 1", "EXISTS k")
s("SET without KEEPTTL clears an existing TTL", "SET k v EXAT " + FAR, "SET k w", "EXPIRETIME k")
s("SET with KEEPTTL keeps an existing TTL", "SET k v EXAT " + FAR, "SET k w KEEPTTL", "EXPIRETIME k", "GET k")
s("SET with KEEPTTL on a key without TTL keeps no TTL", "SET k v", "SET k w KEEPTTL", "EXPIRETIME k")
s("SET with GET returns the old value", "SET k v", "SET k w GET", "GET k")
s("SET with GET on a missing key returns nil and sets the key", "SET k w GET", "GET k")
s("SET with GET on a list returns WRONGTYPE and does not overwrite", WRONGTYPE_SETUP, "SET l v GET", "TYPE l")
s("SET with NX and GET on an existing key returns the old value without setting", "SET k v", "SET k w NX GET", "GET k")
s("SET with NX and GET on a missing key returns nil and sets", "SET k w NX GET", "GET k")
s("SET with XX and GET on a missing key returns nil and does not set", "SET k w XX GET", "EXISTS k")
s("SET with XX and GET on an existing key returns the old value and sets", "SET k v", "SET k w XX GET", "GET k")
s("SET with GET and EXAT sets the TTL and returns the old value", "SET k v", "SET k w GET EXAT " + FAR, "EXPIRETIME k")
s("SET with EX 0 is an invalid expire time", "SET k v EX 0", "EXISTS k")
s("SET with EX -1 is an invalid expire time", "SET k v EX -1")
s("SET with PX 0 is an invalid expire time", "SET k v PX 0")
s("SET with PX -5 is an invalid expire time", "SET k v PX -5")
s("SET with EXAT 0 is an invalid expire time", "SET k v EXAT 0")
s("SET with PXAT 0 is an invalid expire time", "SET k v PXAT 0")
s("SET with EX that overflows when converted to milliseconds is an invalid expire time", "SET k v EX 9223372036854775807")
s("SET with EXAT that overflows is an invalid expire time", "SET k v EXAT 9223372036854775807")
s("SET with a non-integer EX is not an integer error", "SET k v EX abc")
s("SET with a float EX is not an integer error", "SET k v EX 1.5")
s("SET with a non-integer PX is not an integer error", "SET k v PX 1e3")
s("SET with EX out of 64-bit range is not an integer error", "SET k v EX 99999999999999999999")
s("SET with NX and XX together is a syntax error", "SET k v NX XX", "EXISTS k")
s("SET with XX and NX together is a syntax error", "SET k v XX NX")
s("SET with EX and PX together is a syntax error", "SET k v EX 10 PX 10")
s("SET with EX and EXAT together is a syntax error", "SET k v EX 10 EXAT " + FAR)
s("SET with PX and PXAT together is a syntax error", "SET k v PX 10 PXAT " + FARMS)
s("SET with KEEPTTL and EX together is a syntax error", "SET k v KEEPTTL EX 1")
s("SET with EX and KEEPTTL together is a syntax error", "SET k v EX 1 KEEPTTL")
s("SET with EX missing its value is a syntax error", "SET k v EX")
s("SET with PX missing its value is a syntax error", "SET k v PX")
s("SET with an unknown option is a syntax error", "SET k v FOO")
s("SET with GET given twice is accepted", "SET k v", "SET k w GET GET")
s("SET with too few arguments is an arity error", "SET k")
s("SET with no arguments is an arity error", "SET")
s("GET with too many arguments is an arity error", "GET a b")
s("GET on a list returns WRONGTYPE", WRONGTYPE_SETUP, "GET l")
# SETNX / SETEX / PSETEX
s("SETNX on a missing key returns 1 and sets it", "SETNX k v", "GET k")
s("SETNX on an existing key returns 0 and keeps the value", "SET k v", "SETNX k w", "GET k")
s("SETNX on a list key returns 0", WRONGTYPE_SETUP, "SETNX l v", "TYPE l")
s("SETNX with too few arguments is an arity error", "SETNX k")
s("SETEX sets the value with a TTL", "SETEX k 100 v", "GET k", "TTL k")
s("SETEX with 0 seconds is an invalid expire time", "SETEX k 0 v", "EXISTS k")
s("SETEX with negative seconds is an invalid expire time", "SETEX k -1 v")
s("SETEX with a non-integer expire is not an integer error", "SETEX k abc v")
s("SETEX with too few arguments is an arity error", "SETEX k 10")
s("SETEX replaces a list value", WRONGTYPE_SETUP, "SETEX l 100 v", "TYPE l")
s("PSETEX sets the value with a TTL in milliseconds", "PSETEX k 100000 v", "GET k", "TTL k")
s("PSETEX with 0 milliseconds is an invalid expire time", "PSETEX k 0 v")
s("PSETEX with negative milliseconds is an invalid expire time", "PSETEX k -100 v")
s("PSETEX with a non-integer expire is not an integer error", "PSETEX k 1.5 v")
# GETSET / GETDEL
s("GETSET on a missing key returns nil and sets it", "GETSET k v", "GET k")
s("GETSET returns the old value and sets the new one", "SET k v", "GETSET k w", "GET k")
s("GETSET clears an existing TTL", "SET k v EXAT " + FAR, "GETSET k w", "EXPIRETIME k")
s("GETSET on a list returns WRONGTYPE", WRONGTYPE_SETUP, "GETSET l v")
s("GETSET with too few arguments is an arity error", "GETSET k")
s("GETDEL returns the value and deletes the key", "SET k v", "GETDEL k", "EXISTS k")
s("GETDEL on a missing key returns nil", "GETDEL k")
s("GETDEL on a list returns WRONGTYPE and keeps the list", WRONGTYPE_SETUP, "GETDEL l", "EXISTS l")
s("GETDEL with too many arguments is an arity error", "GETDEL a b")
# GETEX
s("GETEX without options returns the value and keeps no TTL", "SET k v", "GETEX k", "EXPIRETIME k")
s("GETEX without options keeps an existing TTL", "SET k v EXAT " + FAR, "GETEX k", "EXPIRETIME k")
s("GETEX on a missing key returns nil", "GETEX k")
s("GETEX with EX sets a TTL", "SET k v", "GETEX k EX 100", "TTL k")
s("GETEX with PX sets a TTL", "SET k v", "GETEX k PX 100000", "TTL k")
s("GETEX with EXAT sets an absolute expire time", "SET k v", "GETEX k EXAT " + FAR, "EXPIRETIME k")
s("GETEX with PXAT sets an absolute expire time in milliseconds", "SET k v", "GETEX k PXAT " + FARMS, "PEXPIRETIME k")
s("GETEX with PERSIST removes the TTL", "SET k v EXAT " + FAR, "GETEX k PERSIST", "EXPIRETIME k")
s("GETEX with EXAT in the past returns the value and deletes the key", "SET k v", "GETEX k EXAT 1", "EXISTS k")
s("GETEX with EX 0 is an invalid expire time", "SET k v", "GETEX k EX 0", "EXPIRETIME k")
s("GETEX with EX -1 is an invalid expire time", "SET k v", "GETEX k EX -1")
s("GETEX with PX 0 is an invalid expire time", "SET k v", "GETEX k PX 0")
s("GETEX with EX overflowing milliseconds is an invalid expire time", "SET k v", "GETEX k EX 9223372036854775807")
s("GETEX with a non-integer EX is not an integer error", "SET k v", "GETEX k EX abc")
s("GETEX with EX and PX together is a syntax error", "SET k v", "GETEX k EX 10 PX 10")
s("GETEX with PERSIST and EX together is a syntax error", "SET k v", "GETEX k PERSIST EX 10")
s("GETEX with EX missing its value is a syntax error", "SET k v", "GETEX k EX")
s("GETEX with an unknown option is a syntax error", "SET k v", "GETEX k FOO")
s("GETEX with KEEPTTL is a syntax error", "SET k v", "GETEX k KEEPTTL")
s("GETEX on a missing key returns nil even with an invalid EX", "GETEX k EX 0")
s("GETEX on a list returns WRONGTYPE", WRONGTYPE_SETUP, "GETEX l")
s("GETEX with no arguments is an arity error", "GETEX")
# MGET / MSET / MSETNX
s("MGET returns values and nils in order", "SET a 1", "SET c 3", "MGET a b c")
s("MGET returns nil for a non-string key", "SET a 1", WRONGTYPE_SETUP, "MGET a l")
s("MGET with a repeated key returns it twice", "SET a 1", "MGET a a")
s("MGET with no arguments is an arity error", "MGET")
s("MSET sets several keys", "MSET a 1 b 2", "MGET a b")
s("MSET with a repeated key keeps the last value", "MSET a 1 a 2", "GET a")
s("MSET overwrites a list", WRONGTYPE_SETUP, "MSET l v", "TYPE l")
s("MSET with an odd number of arguments is an arity error", "MSET a 1 b", "EXISTS a")
s("MSET with a single argument is an arity error", "MSET a")
s("MSET clears an existing TTL", "SET a v EXAT " + FAR, "MSET a w", "EXPIRETIME a")
s("MSETNX sets all keys when none exist", "MSETNX a 1 b 2", "MGET a b")
s("MSETNX sets nothing when one key exists", "SET b x", "MSETNX a 1 b 2", "MGET a b")
s("MSETNX with an odd number of arguments is an arity error", "MSETNX a 1 b")
s("MSETNX with a repeated new key returns 1 and keeps the last value", "MSETNX a 1 a 2", "GET a")
# APPEND / STRLEN
s("APPEND to a missing key creates it and returns the length", "APPEND k hello", "GET k")
s("APPEND to an existing key returns the new length", "SET k hello", "APPEND k \" world\"", "GET k")
s("APPEND an empty string to a missing key creates an empty key", 'APPEND k ""', "EXISTS k")
s("APPEND to an integer-encoded value", "SET k 12", "APPEND k 34", "GET k", "OBJECT ENCODING k")
s("APPEND keeps an existing TTL", "SET k v EXAT " + FAR, "APPEND k w", "EXPIRETIME k")
s("APPEND on a list returns WRONGTYPE", WRONGTYPE_SETUP, "APPEND l v")
s("APPEND with too few arguments is an arity error", "APPEND k")
s("STRLEN on a missing key returns 0", "STRLEN k")
s("STRLEN returns the byte length", "SET k hello", "STRLEN k")
s("STRLEN of an integer-encoded value", "SET k -12345", "STRLEN k")
s("STRLEN on a list returns WRONGTYPE", WRONGTYPE_SETUP, "STRLEN l")
# INCR family
s("INCR on a missing key returns 1", "INCR k", "GET k")
s("INCR on an integer value increments it", "SET k 10", "INCR k")
s("INCR on a negative value", "SET k -1", "INCR k")
s("DECR on a missing key returns -1", "DECR k")
s("DECR on an integer value decrements it", "SET k 10", "DECR k")
s("INCRBY adds the increment", "SET k 10", "INCRBY k 5")
s("INCRBY with a negative increment", "SET k 10", "INCRBY k -15")
s("DECRBY subtracts the decrement", "SET k 10", "DECRBY k 3")
s("DECRBY with a negative decrement adds", "SET k 10", "DECRBY k -3")
s("INCR keeps an existing TTL", "SET k 1 EXAT " + FAR, "INCR k", "EXPIRETIME k")
s("INCR on a non-integer value is an error", "SET k abc", "INCR k")
s("INCR on a float value is an error", "SET k 1.5", "INCR k")
s("INCR on a value with a leading space is an error", 'SET k " 1"', "INCR k")
s("INCR on a value with a trailing space is an error", 'SET k "1 "', "INCR k")
s("INCR on a value with a plus sign is an error", "SET k +1", "INCR k")
s("INCR on a value with leading zeros is an error", "SET k 007", "INCR k")
s("INCR on an empty string is an error", 'SET k ""', "INCR k")
s("INCR on a value out of 64-bit range is an error", "SET k 9223372036854775808", "INCR k")
s("INCR at the maximum 64-bit value overflows", "SET k 9223372036854775807", "INCR k", "GET k")
s("DECR at the minimum 64-bit value overflows", "SET k -9223372036854775808", "DECR k")
s("INCRBY that overflows is an error", "SET k 9223372036854775800", "INCRBY k 100")
s("DECRBY that underflows is an error", "SET k -9223372036854775800", "DECRBY k 100")
s("DECRBY with the minimum 64-bit value is rejected", "SET k 0", "DECRBY k -9223372036854775808")
s("INCRBY with the minimum 64-bit value works", "SET k 0", "INCRBY k -9223372036854775808")
s("INCRBY with a non-integer increment is an error", "SET k 1", "INCRBY k abc")
s("INCRBY with a float increment is an error", "SET k 1", "INCRBY k 1.5")
s("INCRBY with an increment out of 64-bit range is an error", "INCRBY k 9223372036854775808")
s("INCRBY with an increment with a space is an error", 'INCRBY k " 1"')
s("INCR on a list returns WRONGTYPE", WRONGTYPE_SETUP, "INCR l")
s("DECRBY on a list returns WRONGTYPE", WRONGTYPE_SETUP, "DECRBY l 1")
s("INCR with too many arguments is an arity error", "INCR a b")
s("INCRBY with too few arguments is an arity error", "INCRBY k")
# INCRBYFLOAT
s("INCRBYFLOAT on a missing key", "INCRBYFLOAT k 10.5", "GET k")
s("INCRBYFLOAT with exponent notation formats without exponent", "INCRBYFLOAT k 3.0e3")
s("INCRBYFLOAT 1.1 plus 2.2", "SET k 1.1", "INCRBYFLOAT k 2.2")
s("INCRBYFLOAT on an integer value with integer result", "SET k 10", "INCRBYFLOAT k 5")
s("INCRBYFLOAT with a zero increment normalizes 1.0 to 1", "SET k 1.0", "INCRBYFLOAT k 0", "GET k")
s("INCRBYFLOAT with a negative increment", "SET k 10.5", "INCRBYFLOAT k -20")
s("INCRBYFLOAT with small fractions", "SET k 0.1", "INCRBYFLOAT k 0.2")
s("INCRBYFLOAT with 5.0e3 on 10", "SET k 10", "INCRBYFLOAT k 5.0e3")
s("INCRBYFLOAT keeps an existing TTL", "SET k 1 EXAT " + FAR, "INCRBYFLOAT k 1.5", "EXPIRETIME k")
s("INCRBYFLOAT with inf increment is an error", "SET k 1", "INCRBYFLOAT k inf")
s("INCRBYFLOAT with nan increment is an error", "SET k 1", "INCRBYFLOAT k nan")
s("INCRBYFLOAT with a non-float increment is an error", "SET k 1", "INCRBYFLOAT k abc")
s("INCRBYFLOAT on a non-float value is an error", "SET k abc", "INCRBYFLOAT k 1")
s("INCRBYFLOAT on a value with a trailing space is an error", 'SET k "1.5 "', "INCRBYFLOAT k 1")
s("INCRBYFLOAT beyond double range succeeds using long double precision", "SET k 1e308", "INCRBYFLOAT k 1e308")
s("INCRBYFLOAT overflowing long double to infinity is an error", "SET k 1.1e4932", "INCRBYFLOAT k 1.1e4932", "GET k")
s("INCRBYFLOAT with an increment beyond long double range is not a valid float", "SET k 5", "INCRBYFLOAT k 1e4933")
s("INCRBYFLOAT on a list returns WRONGTYPE", WRONGTYPE_SETUP, "INCRBYFLOAT l 1")
s("INCRBYFLOAT with too few arguments is an arity error", "INCRBYFLOAT k")
# GETRANGE / SUBSTR
s("GETRANGE returns a substring", 'SET k "Hello World"', "GETRANGE k 0 4")
s("GETRANGE with negative indexes", 'SET k "Hello World"', "GETRANGE k -5 -1")
s("GETRANGE 0 -1 returns the whole string", 'SET k "Hello World"', "GETRANGE k 0 -1")
s("GETRANGE past the end is clamped", 'SET k "Hello World"', "GETRANGE k 6 100")
s("GETRANGE entirely out of range returns empty", 'SET k "Hello World"', "GETRANGE k 100 200")
s("GETRANGE with start after end returns empty", 'SET k "Hello World"', "GETRANGE k 5 2")
s("GETRANGE with both negative and start after end returns empty", 'SET k "Hello World"', "GETRANGE k -1 -5")
s("GETRANGE with both negative and far before the start", 'SET k "Hello World"', "GETRANGE k -100 -50")
s("GETRANGE with a far negative start is clamped to 0", 'SET k "Hello World"', "GETRANGE k -100 2")
s("GETRANGE on a missing key returns empty", "GETRANGE k 0 -1")
s("GETRANGE on an empty string returns empty", 'SET k ""', "GETRANGE k 0 -1")
s("GETRANGE on an integer-encoded value", "SET k 123456", "GETRANGE k 1 3")
s("GETRANGE with a non-integer index is an error", "SET k v", "GETRANGE k a 1")
s("GETRANGE on a list returns WRONGTYPE", WRONGTYPE_SETUP, "GETRANGE l 0 1")
s("GETRANGE with too few arguments is an arity error", "GETRANGE k 0")
s("SUBSTR behaves like GETRANGE", 'SET k "Hello World"', "SUBSTR k 0 4", "SUBSTR k -5 -1")
s("SUBSTR on a missing key returns empty", "SUBSTR k 0 10")
# SETRANGE
s("SETRANGE on a missing key zero-pads", "SETRANGE k 5 x", "GET k")
s("SETRANGE overwrites in the middle", 'SET k "Hello World"', "SETRANGE k 6 Redis", "GET k")
s("SETRANGE past the end extends with zero bytes", "SET k abc", "SETRANGE k 5 z", "GET k")
s("SETRANGE with an empty value on a missing key returns 0 and does not create it", 'SETRANGE k 0 ""', "EXISTS k")
s("SETRANGE with an empty value on an existing key returns its length", "SET k hello", 'SETRANGE k 10 ""', "GET k")
s("SETRANGE on an integer-encoded value", "SET k 12345", "SETRANGE k 1 x", "GET k")
s("SETRANGE keeps an existing TTL", "SET k v EXAT " + FAR, "SETRANGE k 1 w", "EXPIRETIME k")
s("SETRANGE with a negative offset is an error", "SETRANGE k -1 x")
s("SETRANGE with a non-integer offset is an error", "SETRANGE k abc x")
s("SETRANGE beyond 512MB is an error", "SETRANGE k 536870912 x", "EXISTS k")
s("SETRANGE on a list returns WRONGTYPE", WRONGTYPE_SETUP, "SETRANGE l 0 x")
s("SETRANGE with too few arguments is an arity error", "SETRANGE k 0")
# LCS
s("LCS returns the longest common subsequence", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2")
s("LCS with LEN returns the length", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 LEN")
s("LCS with IDX returns match ranges", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 IDX")
s("LCS with IDX and MINMATCHLEN filters short matches", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 IDX MINMATCHLEN 4")
s("LCS with IDX and WITHMATCHLEN includes match lengths", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN")
s("LCS with IDX, WITHMATCHLEN and no MINMATCHLEN", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 IDX WITHMATCHLEN")
s("LCS with missing keys returns an empty string", "LCS a b")
s("LCS with missing keys and LEN returns 0", "LCS a b LEN")
s("LCS with missing keys and IDX returns empty matches", "LCS a b IDX")
s("LCS with no common characters", "MSET a abc b xyz", "LCS a b")
s("LCS with LEN and IDX together is an error", "MSET a abc b abd", "LCS a b LEN IDX")
s("LCS with a non-integer MINMATCHLEN is an error", "MSET a abc b abd", "LCS a b IDX MINMATCHLEN x")
s("LCS with an unknown option is a syntax error", "MSET a abc b abd", "LCS a b FOO")
s("LCS with a negative MINMATCHLEN behaves like 0", "MSET a abc b abd", "LCS a b IDX MINMATCHLEN -1")
s("LCS on a list is an error", WRONGTYPE_SETUP, "SET a abc", "LCS a l")
s("LCS with too few arguments is an arity error", "LCS a")

# ---------------------------------------------------------------- keys
k = adder("keys")
k("DEL removes an existing key and returns 1", "SET a 1", "DEL a", "EXISTS a")
k("DEL on a missing key returns 0", "DEL a")
k("DEL with several keys counts the deleted ones", "MSET a 1 b 2", "DEL a b c")
k("DEL with a repeated key counts it once", "SET a 1", "DEL a a")
k("DEL removes a list", WRONGTYPE_SETUP, "DEL l", "TYPE l")
k("DEL with no arguments is an arity error", "DEL")
k("UNLINK removes keys and returns the count", "MSET a 1 b 2", "UNLINK a b c", "DBSIZE")
k("UNLINK with a repeated key counts it once", "SET a 1", "UNLINK a a")
k("UNLINK with no arguments is an arity error", "UNLINK")
k("EXISTS on a missing key returns 0", "EXISTS a")
k("EXISTS counts a repeated existing key twice", "SET a 1", "EXISTS a a")
k("EXISTS counts several keys", "MSET a 1 b 2", "EXISTS a b c a")
k("EXISTS with no arguments is an arity error", "EXISTS")
k("TYPE of a string is string", "SET a 1", "TYPE a")
k("TYPE of a list is list", WRONGTYPE_SETUP, "TYPE l")
k("TYPE of a set is set", "SADD s a", "TYPE s")
k("TYPE of a hash is hash", "HSET h f v", "TYPE h")
k("TYPE of a sorted set is zset", "ZADD z 1 a", "TYPE z")
k("TYPE of a stream is stream", "XADD x 1-1 f v", "TYPE x")
k("TYPE of a missing key is none", "TYPE a")
k("TYPE with too many arguments is an arity error", "TYPE a b")
# KEYS
k("KEYS on an empty database returns an empty array", "KEYS *")
k("KEYS * with a single key", "SET hello 1", "KEYS *")
k("KEYS with ? matches one character", "SET hello 1", "KEYS h?llo")
k("KEYS with ? does not match zero characters", "SET hllo 1", "KEYS h?llo")
k("KEYS with a range class matches", "SET hello 1", "KEYS h[a-e]llo")
k("KEYS with a range class not containing the character", "SET hello 1", "KEYS h[a-c]llo")
k("KEYS with a negated class excluding the character", "SET hello 1", "KEYS h[^e]llo")
k("KEYS with a negated class matching", "SET hallo 1", "KEYS h[^e]llo")
k("KEYS with a set class", "SET hello 1", "KEYS h[ae]llo")
k("KEYS with a prefix and star", "SET hello 1", "KEYS h*o")
k("KEYS with an exact name", "SET hello 1", "KEYS hello")
k("KEYS with a non-matching exact name", "SET hello 1", "KEYS hel")
k("KEYS with an escaped star matches a literal star", "SET h*llo 1", ["KEYS", "h\\*llo"])
k("KEYS with an escaped star does not match other characters", "SET hallo 1", ["KEYS", "h\\*llo"])
k("KEYS with an escaped question mark", "SET a?b 1", ["KEYS", "a\\?b"])
k("KEYS with an escaped bracket", "SET a[b 1", ["KEYS", "a\\[b"])
k("KEYS where only one of several keys matches", "MSET a1 1 b1 2 c1 3", "KEYS a*")
k("KEYS where none of several keys match", "MSET a1 1 b1 2 c1 3", "KEYS z*")
k("KEYS matches keys of any type", WRONGTYPE_SETUP, "KEYS l")
k("KEYS is case sensitive", "SET Hello 1", "KEYS hello")
k("KEYS with no arguments is an arity error", "KEYS")
# RENAME / RENAMENX
k("RENAME moves the value to the new name", "SET a 1", "RENAME a b", "GET b", "EXISTS a")
k("RENAME overwrites an existing destination", "MSET a 1 b 2", "RENAME a b", "GET b", "DBSIZE")
k("RENAME overwrites a destination of another type", "SET a 1", "RPUSH b x", "RENAME a b", "TYPE b")
k("RENAME of a missing key is an error", "RENAME a b")
k("RENAME to the same name of an existing key returns OK", "SET a 1", "RENAME a a", "GET a")
k("RENAME to the same name of a missing key is an error", "RENAME a a")
k("RENAME keeps the TTL", "SET a 1 EXAT " + FAR, "RENAME a b", "EXPIRETIME b")
k("RENAME clears the destination TTL when the source has none", "SET b 2 EXAT " + FAR, "SET a 1", "RENAME a b", "EXPIRETIME b")
k("RENAME works on a list", WRONGTYPE_SETUP, "RENAME l m", "LRANGE m 0 -1")
k("RENAME with too few arguments is an arity error", "RENAME a")
k("RENAMENX to a new name returns 1", "SET a 1", "RENAMENX a b", "GET b")
k("RENAMENX to an existing name returns 0", "MSET a 1 b 2", "RENAMENX a b", "MGET a b")
k("RENAMENX of a missing key is an error", "RENAMENX a b")
k("RENAMENX to the same name returns 0", "SET a 1", "RENAMENX a a")
# COPY
k("COPY copies a string to a new key", "SET a 1", "COPY a b", "MGET a b")
k("COPY to an existing key returns 0", "MSET a 1 b 2", "COPY a b", "GET b")
k("COPY with REPLACE overwrites the destination", "MSET a 1 b 2", "COPY a b REPLACE", "GET b")
k("COPY of a missing key returns 0", "COPY a b")
k("COPY to the same key is an error", "SET a 1", "COPY a a")
k("COPY to the same key with REPLACE is an error", "SET a 1", "COPY a a REPLACE")
k("COPY to another DB", "SET a 1", "COPY a a DB 1", "SELECT 1", "GET a")
k("COPY to another DB with an existing key returns 0", "SELECT 1", "SET a 2", "SELECT 0", "SET a 1", "COPY a a DB 1", "SELECT 1", "GET a")
k("COPY to the same DB index explicitly to the same key is an error", "SET a 1", "COPY a a DB 0")
k("COPY with DB out of range is an error", "SET a 1", "COPY a b DB 16")
k("COPY with a negative DB is an error", "SET a 1", "COPY a b DB -1")
k("COPY with a non-integer DB is an error", "SET a 1", "COPY a b DB abc")
k("COPY with an unknown option is a syntax error", "SET a 1", "COPY a b FOO")
k("COPY with DB missing its value is a syntax error", "SET a 1", "COPY a b DB")
k("COPY keeps the TTL", "SET a 1 EXAT " + FAR, "COPY a b", "EXPIRETIME b")
k("COPY copies a list independently", "RPUSH a x y", "COPY a b", "RPUSH b z", "LRANGE a 0 -1", "LRANGE b 0 -1")
k("COPY with too few arguments is an arity error", "COPY a")
# MOVE
k("MOVE moves a key to another DB", "SET a 1", "MOVE a 1", "EXISTS a", "SELECT 1", "GET a")
k("MOVE to the same DB is an error", "SET a 1", "MOVE a 0")
k("MOVE to an out of range DB is an error", "SET a 1", "MOVE a 16")
k("MOVE with a non-integer DB is an error", "SET a 1", "MOVE a abc")
k("MOVE of a missing key returns 0", "MOVE a 1")
k("MOVE when the key exists in the target DB returns 0", "SELECT 1", "SET a 2", "SELECT 0", "SET a 1", "MOVE a 1", "GET a")
# SWAPDB / SELECT / DBSIZE / FLUSH
k("SWAPDB swaps two databases", "SET a 1", "SWAPDB 0 1", "EXISTS a", "SELECT 1", "GET a")
k("SWAPDB of a DB with itself returns OK", "SET a 1", "SWAPDB 0 0", "GET a")
k("SWAPDB with an out of range first index is an error", "SWAPDB 16 0")
k("SWAPDB with an out of range second index is an error", "SWAPDB 0 16")
k("SWAPDB with a non-integer first index is an error", "SWAPDB a 0")
k("SWAPDB with a non-integer second index is an error", "SWAPDB 0 b")
k("SWAPDB with a negative index is an error", "SWAPDB -1 0")
k("SWAPDB with too few arguments is an arity error", "SWAPDB 0")
k("SELECT switches the database", "SET a 1", "SELECT 1", "GET a", "SELECT 0", "GET a")
k("SELECT out of range is an error", "SELECT 16")
k("SELECT negative is an error", "SELECT -1")
k("SELECT with a non-integer index is an error", "SELECT abc")
k("SELECT with too many arguments is an arity error", "SELECT 1 2")
k("DBSIZE on an empty database returns 0", "DBSIZE")
k("DBSIZE counts keys of all types", "SET a 1", WRONGTYPE_SETUP, "SADD s x", "DBSIZE")
k("DBSIZE is per database", "SET a 1", "SELECT 1", "DBSIZE")
k("FLUSHDB empties the current database only", "SET a 1", "SELECT 1", "SET b 2", "FLUSHDB", "DBSIZE", "SELECT 0", "DBSIZE")
k("FLUSHDB with ASYNC returns OK", "SET a 1", "FLUSHDB ASYNC", "DBSIZE")
k("FLUSHDB with SYNC returns OK", "SET a 1", "FLUSHDB SYNC", "DBSIZE")
k("FLUSHDB with an unknown option is a syntax error", "FLUSHDB FOO")
k("FLUSHALL empties all databases", "SET a 1", "SELECT 1", "SET b 2", "FLUSHALL", "DBSIZE", "SELECT 0", "DBSIZE")
k("FLUSHALL with an unknown option is a syntax error", "FLUSHALL FOO")
k("FLUSHALL with too many arguments is a syntax error", "FLUSHALL ASYNC SYNC")
# TOUCH
k("TOUCH counts existing keys", "MSET a 1 b 2", "TOUCH a b c")
k("TOUCH counts a repeated key twice", "SET a 1", "TOUCH a a")
k("TOUCH with no arguments is an arity error", "TOUCH")
# OBJECT ENCODING
k("OBJECT ENCODING of a small integer is int", "SET a 12345", "OBJECT ENCODING a")
k("OBJECT ENCODING of a negative integer is int", "SET a -5", "OBJECT ENCODING a")
k("OBJECT ENCODING of an integer with leading zero is embstr", "SET a 007", "OBJECT ENCODING a")
k("OBJECT ENCODING of a number beyond 64 bits is embstr", "SET a 99999999999999999999", "OBJECT ENCODING a")
k("OBJECT ENCODING of a short string is embstr", "SET a hello", "OBJECT ENCODING a")
k("OBJECT ENCODING of a 44 byte string is embstr", "SET a " + "x" * 44, "OBJECT ENCODING a")
k("OBJECT ENCODING of a 45 byte string is raw", "SET a " + "x" * 45, "OBJECT ENCODING a")
k("OBJECT ENCODING after APPEND is raw", "SET a hello", "APPEND a x", "OBJECT ENCODING a")
k("OBJECT ENCODING after SETRANGE is raw", "SET a hello", "SETRANGE a 0 j", "OBJECT ENCODING a")
k("OBJECT ENCODING after INCR is int", "SET a 1", "INCR a", "OBJECT ENCODING a")
k("OBJECT ENCODING after INCRBYFLOAT is embstr", "SET a 1", "INCRBYFLOAT a 0.5", "OBJECT ENCODING a")
k("OBJECT ENCODING of a missing key is nil", "OBJECT ENCODING a")
k("OBJECT ENCODING of a small list", WRONGTYPE_SETUP, "OBJECT ENCODING l")
k("OBJECT ENCODING of a small integer set is intset", "SADD s 1 2", "OBJECT ENCODING s")
k("OBJECT ENCODING of a small hash is listpack", "HSET h f v", "OBJECT ENCODING h")
k("OBJECT ENCODING of a small sorted set is listpack", "ZADD z 1 a", "OBJECT ENCODING z")
k("OBJECT with an unknown subcommand is an error", "OBJECT FOO a")
k("OBJECT with no subcommand is an arity error", "OBJECT")
k("OBJECT ENCODING with too many arguments is an arity error", "OBJECT ENCODING a b")
# RANDOMKEY
k("RANDOMKEY on an empty database returns nil", "RANDOMKEY")
k("RANDOMKEY with a single key returns it", "SET a 1", "RANDOMKEY")
k("RANDOMKEY with too many arguments is an arity error", "RANDOMKEY a")
# SCAN
k("SCAN on an empty database", "SCAN 0")
k("SCAN with a single key", "SET a 1", "SCAN 0")
k("SCAN with MATCH that matches", "SET hello 1", "SCAN 0 MATCH h*")
k("SCAN with MATCH that does not match", "SET hello 1", "SCAN 0 MATCH x*")
k("SCAN with COUNT", "SET a 1", "SCAN 0 COUNT 10")
k("SCAN with TYPE string", "SET a 1", "SCAN 0 TYPE string")
k("SCAN with TYPE list filters out strings", "SET a 1", "SCAN 0 TYPE list")
k("SCAN with an unknown TYPE returns nothing", "SET a 1", "SCAN 0 TYPE foo")
k("SCAN with MATCH, COUNT and TYPE together", "SET a 1", "SCAN 0 MATCH a COUNT 5 TYPE string")
k("SCAN with a non-numeric cursor is an error", "SCAN abc")
k("SCAN with a negative cursor is accepted on an empty database", "SCAN -1")
k("SCAN with COUNT 0 is a syntax error", "SCAN 0 COUNT 0")
k("SCAN with a negative COUNT is a syntax error", "SCAN 0 COUNT -1")
k("SCAN with a non-integer COUNT is an error", "SCAN 0 COUNT abc")
k("SCAN with an unknown option is a syntax error", "SCAN 0 FOO bar")
k("SCAN with MATCH missing its pattern is a syntax error", "SCAN 0 MATCH")
k("SCAN with no cursor is an arity error", "SCAN")

# ---------------------------------------------------------------- expiry
e = adder("expiry")
e("EXPIRE on an existing key returns 1", "SET k v", "EXPIRE k 100", "TTL k")
e("EXPIRE on a missing key returns 0", "EXPIRE k 100")
e("EXPIRE with 0 deletes the key", "SET k v", "EXPIRE k 0", "EXISTS k")
e("EXPIRE with a negative time deletes the key", "SET k v", "EXPIRE k -1", "EXISTS k")
e("PEXPIRE on an existing key returns 1", "SET k v", "PEXPIRE k 100000", "TTL k")
e("PEXPIRE with 0 deletes the key", "SET k v", "PEXPIRE k 0", "EXISTS k")
e("EXPIREAT sets an exact expire time", "SET k v", "EXPIREAT k " + FAR, "EXPIRETIME k", "PEXPIRETIME k")
e("PEXPIREAT sets an exact expire time in milliseconds", "SET k v", "PEXPIREAT k " + FARMS, "PEXPIRETIME k", "EXPIRETIME k")
e("EXPIREAT in the past deletes the key", "SET k v", "EXPIREAT k 1", "EXISTS k", "TTL k")
e("PEXPIREAT in the past deletes the key", "SET k v", "PEXPIREAT k 1", "EXISTS k")
e("EXPIREAT on a missing key returns 0", "EXPIREAT k " + FAR)
e("EXPIREAT works on a list", WRONGTYPE_SETUP, "EXPIREAT l " + FAR, "EXPIRETIME l")
e("EXPIREAT with NX on a key without TTL sets it", "SET k v", "EXPIREAT k %s NX" % FAR, "EXPIRETIME k")
e("EXPIREAT with NX on a key with TTL does nothing", "SET k v EXAT " + FAR, "EXPIREAT k %s NX" % FAR2, "EXPIRETIME k")
e("EXPIREAT with XX on a key without TTL does nothing", "SET k v", "EXPIREAT k %s XX" % FAR, "EXPIRETIME k")
e("EXPIREAT with XX on a key with TTL updates it", "SET k v EXAT " + FAR, "EXPIREAT k %s XX" % FAR2, "EXPIRETIME k")
e("EXPIREAT with GT on a key without TTL does nothing", "SET k v", "EXPIREAT k %s GT" % FAR, "EXPIRETIME k")
e("EXPIREAT with GT and a later time updates it", "SET k v EXAT " + FAR, "EXPIREAT k %s GT" % FAR2, "EXPIRETIME k")
e("EXPIREAT with GT and an earlier time does nothing", "SET k v EXAT " + FAR2, "EXPIREAT k %s GT" % FAR, "EXPIRETIME k")
e("EXPIREAT with GT and the same time does nothing", "SET k v EXAT " + FAR, "EXPIREAT k %s GT" % FAR, "EXPIRETIME k")
e("EXPIREAT with LT on a key without TTL sets it", "SET k v", "EXPIREAT k %s LT" % FAR, "EXPIRETIME k")
e("EXPIREAT with LT and an earlier time updates it", "SET k v EXAT " + FAR2, "EXPIREAT k %s LT" % FAR, "EXPIRETIME k")
e("EXPIREAT with LT and a later time does nothing", "SET k v EXAT " + FAR, "EXPIREAT k %s LT" % FAR2, "EXPIRETIME k")
e("EXPIREAT with XX and GT on a key with TTL updates it", "SET k v EXAT " + FAR, "EXPIREAT k %s XX GT" % FAR2, "EXPIRETIME k")
e("EXPIREAT with XX and LT on a key without TTL does nothing", "SET k v", "EXPIREAT k %s XX LT" % FAR, "EXPIRETIME k")
e("EXPIREAT options are case-insensitive", "SET k v", "EXPIREAT k %s nx" % FAR, "EXPIRETIME k")
e("EXPIRE with NX on a key without TTL sets it", "SET k v", "EXPIRE k 100 NX", "TTL k")
e("EXPIRE with XX on a key without TTL returns 0", "SET k v", "EXPIRE k 100 XX", "TTL k")
e("PEXPIREAT with GT and a later time updates it", "SET k v PXAT " + FARMS, "PEXPIREAT k 4102444800124 GT", "PEXPIRETIME k")
e("PEXPIRE with NX on a key with TTL returns 0", "SET k v EXAT " + FAR, "PEXPIRE k 1000 NX", "EXPIRETIME k")
e("EXPIRE with NX and XX is an error", "SET k v", "EXPIRE k 100 NX XX")
e("EXPIRE with NX and GT is an error", "SET k v", "EXPIRE k 100 NX GT")
e("EXPIRE with NX and LT is an error", "SET k v", "EXPIRE k 100 NX LT")
e("EXPIRE with GT and LT is an error", "SET k v", "EXPIRE k 100 GT LT")
e("PEXPIRE with NX and XX is an error", "SET k v", "PEXPIRE k 100 NX XX")
e("EXPIREAT with GT and LT is an error", "SET k v", "EXPIREAT k %s GT LT" % FAR)
e("PEXPIREAT with XX and NX is an error", "SET k v", "PEXPIREAT k %s XX NX" % FARMS)
e("EXPIRE with an unknown option is an error", "SET k v", "EXPIRE k 100 FOO")
e("EXPIRE with option errors on a missing key still errors", "EXPIRE k 100 NX XX")
e("EXPIRE with a non-integer time is an error", "SET k v", "EXPIRE k abc")
e("EXPIRE with a float time is an error", "SET k v", "EXPIRE k 1.5")
e("EXPIRE with a huge time is an invalid expire time", "SET k v", "EXPIRE k 9223372036854775807")
e("EXPIRE with a huge negative time is an invalid expire time", "SET k v", "EXPIRE k -9223372036854775807")
e("PEXPIRE with a huge time is an invalid expire time", "SET k v", "PEXPIRE k 9223372036854775807")
e("EXPIREAT with a huge time is an invalid expire time", "SET k v", "EXPIREAT k 9223372036854775807")
e("PEXPIREAT with the max 64-bit time is accepted", "SET k v", "PEXPIREAT k 9223372036854775807", "PEXPIRETIME k")
e("EXPIRE with a huge time on a missing key is still an error", "EXPIRE k 9223372036854775807")
e("EXPIRE with too few arguments is an arity error", "EXPIRE k")
e("TTL on a missing key returns -2", "TTL k")
e("TTL on a key without expiry returns -1", "SET k v", "TTL k")
e("PTTL on a missing key returns -2", "PTTL k")
e("PTTL on a key without expiry returns -1", "SET k v", "PTTL k")
e("TTL after SET with EX 100 returns 100", "SET k v EX 100", "TTL k")
e("EXPIRETIME on a missing key returns -2", "EXPIRETIME k")
e("EXPIRETIME on a key without expiry returns -1", "SET k v", "EXPIRETIME k")
e("PEXPIRETIME on a missing key returns -2", "PEXPIRETIME k")
e("PEXPIRETIME on a key without expiry returns -1", "SET k v", "PEXPIRETIME k")
e("EXPIRETIME rounds the millisecond expire time to the nearest second", "SET k v PXAT 4102444800999", "EXPIRETIME k", "PEXPIRETIME k")
e("TTL with too many arguments is an arity error", "TTL a b")
e("PERSIST removes the TTL and returns 1", "SET k v EXAT " + FAR, "PERSIST k", "EXPIRETIME k", "TTL k")
e("PERSIST on a key without TTL returns 0", "SET k v", "PERSIST k")
e("PERSIST on a missing key returns 0", "PERSIST k")
e("PERSIST with too many arguments is an arity error", "PERSIST a b")
e("SET clears a TTL set by EXPIREAT", "SET k v", "EXPIREAT k " + FAR, "SET k w", "TTL k")
e("SETRANGE keeps a TTL set by EXPIREAT", "SET k v", "EXPIREAT k " + FAR, "SETRANGE k 0 w", "EXPIRETIME k")
e("DEL removes a key with a TTL", "SET k v EXAT " + FAR, "DEL k", "EXPIRETIME k")

# ---------------------------------------------------------------- connection
c = adder("connection")
c("PING returns PONG", "PING")
c("PING with an argument echoes it as a bulk string", "PING hello")
c("PING with an empty argument", 'PING ""')
c("PING with two arguments is an arity error", "PING a b")
c("PING is case-insensitive", "ping")
c("ECHO returns its argument", "ECHO hi")
c("ECHO with an empty string", 'ECHO ""')
c("ECHO with a space in the argument", 'ECHO "hello world"')
c("ECHO with no arguments is an arity error", "ECHO")
c("ECHO with two arguments is an arity error", "ECHO a b")
c("SELECT switches database for later commands", "SELECT 1", "SET a 1", "DBSIZE", "SELECT 0", "DBSIZE")
c("SELECT 15 is the highest valid database", "SELECT 15")
c("SELECT 16 is out of range", "SELECT 16")
c("HELLO with protocol 4 is NOPROTO", "HELLO 4")
c("HELLO with protocol 1 is NOPROTO", "HELLO 1")
c("HELLO with protocol 0 is NOPROTO", "HELLO 0")
c("HELLO with a non-integer protocol is an error", "HELLO abc")
c("HELLO 2 with AUTH for an unknown user is WRONGPASS", "HELLO 2 AUTH nobody pw")
c("HELLO with AUTH missing the password is a syntax error", "HELLO 3 AUTH default")
c("HELLO with an unknown option is a syntax error", "HELLO 3 FOO")
c("HELLO 4 with a bad AUTH reports NOPROTO first", "HELLO 4 AUTH default wrong")
c("AUTH without a configured password is an error", "AUTH foo")
c("AUTH with a username and wrong password is WRONGPASS", "AUTH user pass")
c("AUTH default with any password is accepted when no password is set", "AUTH default anything")
c("AUTH with too many arguments is a syntax error", "AUTH a b c")
c("AUTH with no arguments is an arity error", "AUTH")
c("An unknown command with arguments is an error listing them", "FOO a b")
c("An unknown command without arguments is an error", "FOO")
c("An unknown command keeps the original case", "foOBar x")
c("An unknown command with many arguments", "FOO a b c d e f g h i j k l m n o p q r s t u v w x y z")
c("An unknown command with a long argument truncates it", ["FOO", "x" * 200])
c("An unknown command with a long name truncates it", ["X" * 200])
c("An unknown command with an empty argument", ["FOO", ""])
c("An unknown command with a space in an argument", ["FOO", "a b"])
c("GET with no arguments is an arity error", "GET")
c("GET with two arguments is an arity error", "GET a b")
c("SET with one argument is an arity error", "SET a")
c("DEL with no arguments is an arity error", "DEL")
c("Arity errors report the lowercase command name", "GeT")
c("An unknown subcommand of CLIENT is an error", "CLIENT FOO")
c("CLIENT with no subcommand is an arity error", "CLIENT")
c("CLIENT SETNAME with no name is an arity error", "CLIENT SETNAME")
c("CLIENT GETNAME returns nil when no name is set", "CLIENT GETNAME")
c("CLIENT SETNAME then GETNAME returns the name", "CLIENT SETNAME myconn", "CLIENT GETNAME")
c("CLIENT SETNAME with a space is an error", 'CLIENT SETNAME "my conn"', "CLIENT GETNAME")
c("CLIENT SETNAME with a newline is an error", ["CLIENT", "SETNAME", "a\nb"])
c("CLIENT SETNAME with an empty name clears it", "CLIENT SETNAME myconn", 'CLIENT SETNAME ""', "CLIENT GETNAME")
c("CLIENT SETNAME with too many arguments is an arity error", "CLIENT SETNAME a b")
c("CLIENT GETNAME with too many arguments is an arity error", "CLIENT GETNAME x")
c("CLIENT subcommands are case-insensitive", "client setname abc", "client getname")
c("RESET returns RESET", "RESET")
c("RESET returns to database 0", "SELECT 1", "SET a 1", "RESET", "GET a", "DBSIZE")
c("RESET clears the client name", "CLIENT SETNAME myconn", "RESET", "CLIENT GETNAME")
c("RESET with arguments is an arity error", "RESET x")
c("CONFIG GET of a missing parameter returns an empty array", "CONFIG GET nosuchparam")
c("CONFIG GET appendonly", "CONFIG GET appendonly")
c("CONFIG GET save when started with an empty save", "CONFIG GET save")
c("CONFIG GET databases", "CONFIG GET databases")
c("CONFIG GET is case-insensitive for the parameter name", "CONFIG GET APPENDONLY")
c("CONFIG GET with no parameter is an arity error", "CONFIG GET")
c("CONFIG SET of an unknown parameter is an error", "CONFIG SET foo bar")
c("CONFIG SET with a missing value is an arity error", "CONFIG SET foo")
c("CONFIG with an unknown subcommand is an error", "CONFIG FOO")
c("DBSIZE on a fresh connection is 0", "DBSIZE")
c("DBSIZE after setting two keys", "SET a 1", "SET b 2", "DBSIZE")
c("QUIT returns OK and closes the connection", "QUIT")
c("QUIT after other commands returns OK and closes", "SET a 1", "GET a", "QUIT")

# ---------------------------------------------------------------- resp3
r3 = adder("resp3", resp=3)
r3("RESP3 GET on a missing key returns null", "GET nokey")
r3("RESP3 GET on an existing key returns a bulk string", "SET k v", "GET k")
r3("RESP3 MGET with missing keys returns nulls in the array", "SET a 1", "MGET a b")
r3("RESP3 EXISTS returns an integer", "SET a 1", "EXISTS a a b")
r3("RESP3 CONFIG GET returns a map", "CONFIG GET appendonly")
r3("RESP3 CONFIG GET of a missing parameter returns an empty map", "CONFIG GET nosuchparam")
r3("RESP3 INCRBYFLOAT returns a bulk string", "INCRBYFLOAT k 10.5")
r3("RESP3 INCR returns an integer", "INCR k")
r3("RESP3 LCS IDX returns a map", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 IDX")
r3("RESP3 LCS IDX with WITHMATCHLEN returns a map", "MSET key1 ohmytext key2 mynewtext", "LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN")
r3("RESP3 LCS IDX on missing keys returns a map with empty matches", "LCS a b IDX")
r3("RESP3 SET with GET on a missing key returns null", "SET k v GET")
r3("RESP3 SET with NX on an existing key returns null", "SET k v", "SET k w NX")
r3("RESP3 GETDEL on a missing key returns null", "GETDEL k")
r3("RESP3 GETEX on a missing key returns null", "GETEX k")
r3("RESP3 OBJECT ENCODING on a missing key returns null", "OBJECT ENCODING k")
r3("RESP3 RANDOMKEY on an empty database returns null", "RANDOMKEY")
r3("RESP3 CLIENT GETNAME without a name returns null", "CLIENT GETNAME")
r3("RESP3 SCAN on an empty database", "SCAN 0")
r3("RESP3 KEYS returns an array", "SET a 1", "KEYS a")
r3("RESP3 TTL on a missing key returns an integer", "TTL k")
r3("RESP3 PING returns a simple string", "PING")
r3("RESP3 errors are unchanged", "GET")
r3("RESP3 WRONGTYPE error is unchanged", WRONGTYPE_SETUP, "GET l")
r3("RESP3 unknown command error is unchanged", "FOO a")
r3("RESP3 RESET switches back to RESP2", "RESET", "GET nokey")
r3("RESP3 HELLO 4 is NOPROTO", "HELLO 4")

# ---------------------------------------------------------------- inline / raw protocol
i = adder("inline")
R = Raw
i("Inline PING returns PONG", R("PING\r\n"))
i("Inline lowercase ping returns PONG", R("ping\r\n"))
i("Inline command terminated by a bare LF", R("PING\n"))
i("Inline SET then GET", R("SET a b\r\n"), R("GET a\r\n"))
i("Inline with several spaces between arguments", R("SET   a    b\r\n"), R("GET a\r\n"))
i("Inline with a double-quoted argument containing a space", R('SET k "hello world"\r\n'), R("GET k\r\n"))
i("Inline with a single-quoted argument", R("ECHO 'single quoted'\r\n"))
i("Inline with a hex escape in double quotes", R('ECHO "a\\x41b"\r\n'))
i("Inline with escape sequences in double quotes", R('ECHO "tab\\there\\n"\r\n'))
i("Inline with an empty quoted argument", R('ECHO ""\r\n'))
i("Inline PING with an argument", R("PING hello\r\n"))
i("Inline unknown command", R("FOO a b\r\n"))
i("Inline wrong arity", R("GET\r\n"))
i("An empty inline line is ignored", R("\r\nPING\r\n"))
i("A multibulk frame sent raw", R("*1\r\n$4\r\nPING\r\n"))
i("A multibulk SET and GET sent raw", R("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"), R("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"))
i("A bulk argument may contain CRLF", R("*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n"))
i("A zero-length multibulk is ignored", R("*0\r\n*1\r\n$4\r\nPING\r\n"))
i("A negative multibulk length is ignored", R("*-1\r\n*1\r\n$4\r\nPING\r\n"))
i("Inline then multibulk on the same connection", R("SET a 1\r\n"), R("*2\r\n$3\r\nGET\r\n$1\r\na\r\n"))
i("A line starting with $ is an inline command", R("$4\r\n"))
i("Protocol error for a non-numeric bulk length", R("*1\r\n$x\r\n"))
i("Protocol error for a negative bulk length", R("*1\r\n$-1\r\n"))
i("Protocol error for a bulk length above 512MB", R("*1\r\n$536870913\r\n"))
i("Protocol error for a non-numeric multibulk length", R("*a\r\n"))
i("Protocol error for a multibulk length above INT_MAX", R("*2147483648\r\n"))
i("Protocol error when a multibulk element is not a bulk string", R("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n*1\r\n"))
i("Protocol error when a multibulk element is a simple string", R("*1\r\n+PING\r\n"))
i("Protocol error for unbalanced double quotes inline", R('SET "a b\r\n'))
i("Protocol error for unbalanced single quotes inline", R("SET 'a b\r\n"))
i("Protocol error for a closing quote not followed by a space", R('ECHO "a"b\r\n'))
i("Protocol error after a successful command still replies to the first", R("SET a 1\r\n"), R("*1\r\n$x\r\n"))


# --------------------------------------------------------------------------- main
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


def record_file(path, cases, host, port, validate_only=False, skip=()):
    """Records cases from the server into path (JSON Lines), keeping only those that replay
    identically, and reads the file back; with validate_only, re-checks the file instead.
    Exceptions in skip drop a case with a message. Returns how many cases differ."""
    if validate_only:
        good, bad = validate(load_jsonl(path), host, port)
        print("%s: %d ok, %d differ" % (path, len(good), len(bad)))
        return len(bad)
    names = [cs["name"] for cs in cases]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, dup
    recorded = []
    for cs in cases:
        try:
            replies, closes = run_case(cs, host, port)
        except skip as ex:
            print("  skipped: %s: %s" % (cs["name"], str(ex)[:200]))
            continue
        recorded.append(case_out(cs, replies, closes))
    good, bad = validate(recorded, host, port)
    for b in bad:
        print("  dropped: %s" % b["name"])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for o in good:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    # read back and check once more
    assert load_jsonl(path) == good, "read-back mismatch for " + path
    print("%s: %d cases written (%d dropped)" % (path, len(good), len(bad)))
    return 0


def cli(groups, default_port):
    """The command line every recorder shares: --host, --port, --out, --validate-only, --groups."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=default_port)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--validate-only", action="store_true")
    ap.add_argument("--groups", default=",".join(groups))
    a = ap.parse_args()
    bad = sum(record_file(os.path.join(a.out, g + ".jsonl"), groups[g], a.host, a.port, a.validate_only)
              for g in a.groups.split(","))
    sys.exit(1 if bad else 0)


def main():
    cli(GROUPS, 7399)


if __name__ == "__main__":
    main()
