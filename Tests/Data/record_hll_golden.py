#!/usr/bin/env python3
"""Record hll-golden.json: the exact bytes redis-server 7.0.15 keeps for HyperLogLogs built
from fixed inputs, and its PFCOUNT of each.

Usage: python3 record_hll_golden.py [--port 7415]          # record (needs a redis-server)
       python3 record_hll_golden.py --check PORT           # replay against any server, compare

Each case is a list of steps run on a fresh database (FLUSHALL first, hll-sparse-max-bytes at
its default 3000):
  {"add": KEY, "prefix": P, "first": F, "count": N, "batch": B}
      PFADD KEY P<F> ... P<F+N-1>, B elements per command (replies are not kept);
  {"get": KEY, "hex": H}        GET KEY returned these bytes (hex);
  {"pfcount": [KEYS], "reply": N}
  {"command": [ARGS], "reply": RAW}   any other command and its raw reply.
Tests/BitshllTests.cs replays the same steps against EventLoopKv.
"""
import argparse
import json
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Golden"))
from record import resp_len, Incomplete  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hll-golden.json")


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buf = b""

    def call(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.s.sendall(b"".join(out))
        while True:
            try:
                n = resp_len(self.buf, 0)
                r, self.buf = self.buf[:n], self.buf[n:]
                return r
            except Incomplete:
                self.buf += self.s.recv(1 << 20)


def bulk_body(reply):
    head, _, rest = reply.partition(b"\r\n")
    assert head[:1] == b"$", reply[:50]
    return rest[:int(head[1:])]


def run_add(c, step):
    els = ["%s%d" % (step["prefix"], i) for i in range(step["first"], step["first"] + step["count"])]
    for i in range(0, len(els), step["batch"]):
        r = c.call("PFADD", step["add"], *els[i:i + step["batch"]])
        assert r in (b":0\r\n", b":1\r\n"), r


def find_switch(port, prefix):
    """How many single-element PFADDs turn an HLL dense at the default limit."""
    c = Conn(port)
    c.call("FLUSHALL")
    n = 0
    while True:
        c.call("PFADD", "probe", "%s%d" % (prefix, n))
        n += 1
        if c.call("PFDEBUG", "ENCODING", "probe") == b"+dense\r\n":
            c.call("FLUSHALL")
            return n


def plan(port):
    switch = find_switch(port, "edge:")
    A = lambda key, prefix, first, count, batch: {"add": key, "prefix": prefix, "first": first, "count": count, "batch": batch}
    G = lambda key: {"get": key}
    P = lambda *keys: {"pfcount": list(keys)}
    return [
        {"name": "small sparse: 10 elements", "steps": [
            A("hll", "visitor:", 0, 10, 10), G("hll"), P("hll"), G("hll"),
            A("hll", "visitor:", 5, 10, 1), G("hll"), P("hll"), G("hll")]},
        {"name": "small sparse: 200 elements one at a time, counted as they grow", "steps": [
            A("hll", "page:", 0, 100, 1), P("hll"), A("hll", "page:", 100, 100, 1), G("hll"), P("hll"), G("hll")]},
        {"name": "just under and just over the sparse limit (%d single adds)" % switch, "steps": [
            A("hll", "edge:", 0, switch - 1, 1), {"command": ["PFDEBUG", "ENCODING", "hll"]}, G("hll"), P("hll"), G("hll"),
            A("hll", "edge:", switch - 1, 1, 1), {"command": ["PFDEBUG", "ENCODING", "hll"]}, G("hll"), P("hll"), G("hll")]},
        {"name": "over the sparse limit in one PFADD of 3000 elements", "steps": [
            A("hll", "bulk:", 0, 3000, 3000), {"command": ["PFDEBUG", "ENCODING", "hll"]}, G("hll"), P("hll"), G("hll")]},
        {"name": "dense with 100,000 elements", "steps": [
            A("hll", "user:", 0, 100000, 1000), G("hll"), P("hll"), G("hll"),
            A("hll", "user:", 50000, 100000, 5000), P("hll"), G("hll")]},
        {"name": "union and merge of dense and sparse", "steps": [
            A("big", "user:", 0, 100000, 1000), A("small", "visitor:", 0, 300, 300), A("other", "x:", 0, 2000, 100),
            P("big", "small"), P("small", "other"), P("big", "small", "other", "missing"),
            {"command": ["PFMERGE", "sparse-merge", "small", "other"]}, G("sparse-merge"), P("sparse-merge"),
            {"command": ["PFMERGE", "dense-merge", "small", "big"]}, G("dense-merge"), P("dense-merge"),
            {"command": ["PFMERGE", "small", "other"]}, G("small"), P("small"), G("small")]},
        # MurmurHash64A("promote:5504372263") has 32 zeros above its register index: a register
        # value of 33, which the sparse VAL opcode (1..32) cannot hold (found by brute force).
        {"name": "a register above 32 turns a sparse HLL dense", "steps": [
            A("hll", "visitor:", 0, 20, 20), {"command": ["PFADD", "hll", "promote:5504372263"]},
            {"command": ["PFDEBUG", "ENCODING", "hll"]}, G("hll"), P("hll"), G("hll")]},
    ]


def execute(c, step, check=None):
    if "add" in step:
        run_add(c, step)
        return True
    if "get" in step:
        got = bulk_body(c.call("GET", step["get"])).hex()
        if check is None:
            step["hex"] = got
        elif got != step["hex"]:
            print("  GET %s differs (%d vs %d bytes)" % (step["get"], len(got) // 2, len(step["hex"]) // 2))
            return False
        return True
    if "pfcount" in step:
        r = c.call("PFCOUNT", *step["pfcount"])
        n = int(r[1:-2])
        if check is None:
            step["reply"] = n
        elif n != step["reply"]:
            print("  PFCOUNT %s: %d, expected %d" % (step["pfcount"], n, step["reply"]))
            return False
        return True
    r = c.call(*step["command"]).decode("ascii")
    if check is None:
        step["reply"] = r
    elif r != step["reply"]:
        print("  %s: %r, expected %r" % (step["command"], r, step["reply"]))
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=7415)
    ap.add_argument("--check", type=int)
    a = ap.parse_args()
    if a.check:
        data = json.load(open(OUT))
        ok = True
        for case in data["cases"]:
            c = Conn(a.check)
            c.call("FLUSHALL")
            c.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000")
            ok &= all([execute(c, s, check=True) for s in case["steps"]])
            print("%s: %s" % (case["name"], "ok" if ok else "DIFFERS"))
        sys.exit(0 if ok else 1)
    version = Conn(a.port).call("INFO", "server")
    assert b"redis_version:7.0.15" in version, "record from redis-server 7.0.15"
    cases = plan(a.port)
    for case in cases:
        c = Conn(a.port)
        c.call("FLUSHALL")
        c.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000")
        for s in case["steps"]:
            execute(c, s)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        json.dump({"source": "redis-server 7.0.15 (Tests/Data/record_hll_golden.py)", "cases": cases}, f, indent=1)
        f.write("\n")
    print("%s: %d cases" % (OUT, len(cases)))


if __name__ == "__main__":
    main()
