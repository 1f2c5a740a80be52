#!/usr/bin/env python3
"""Differential fuzzing of the sorted-set commands: random command sequences sent to a real
redis-server 7.0.15 (port 7413) and to EventLoopKv (port 17413), replies compared byte for byte.

Usage: python3 fuzz_zsets.py SEED STEPS      (BIG=1 for sets of thousands of members)
Member ranges (BYLEX...) over a skip list with unequal scores are skipped: Redis's answer then
depends on its skip list's random levels. Not part of the test suite (needs both servers).
"""
import os
import random
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import Conn
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
rnd = random.Random(seed)
a = Conn('127.0.0.1', int(os.environ.get('REDIS_PORT', 7413))); b = Conn('127.0.0.1', int(os.environ.get('OURS_PORT', 17413)))
resp3 = seed % 2 == 0
BIG = os.environ.get("BIG") == "1"
for c in (a, b):
    c.call(["FLUSHALL"])
    if resp3: c.call(["HELLO", "3"])
keys = ["k1", "k2", "k3"]
def member():
    if rnd.random() < 0.05: return "L" * rnd.randint(60, 70)
    return rnd.choice("abcdefghij") + str(rnd.randint(0, 600 if BIG else 60))
def score():
    r = rnd.random()
    if r < 0.05: return rnd.choice(["inf", "-inf", "-0", "0x10", "1e300", "(1"])
    if r < 0.5: return str(rnd.randint(-20, 20))
    if r < 0.8: return str(rnd.randint(-300, 300) / 4)
    return repr(rnd.uniform(-1e6, 1e6))
def bound():
    r = rnd.random()
    if r < 0.1: return rnd.choice(["-inf", "+inf", "inf"])
    s = str(rnd.randint(-25, 25)) if r < 0.6 else str(rnd.randint(-100, 100) / 4)
    return ("(" if rnd.random() < 0.3 else "") + s
def lexb():
    r = rnd.random()
    if r < 0.15: return rnd.choice(["-", "+"])
    return rnd.choice("([") + rnd.choice("abcdefghijk") + (str(rnd.randint(0, 60)) if rnd.random() < 0.5 else "")
def idx(): return str(rnd.randint(-1500 if BIG else -150, 1500 if BIG else 150) if rnd.random() < 0.3 else rnd.randint(-8, 8))
def k(): return rnd.choice(keys)
def ws(): return ["WITHSCORES"] if rnd.random() < 0.5 else []
def limit(): return ["LIMIT", str(rnd.randint(-1, 5)), str(rnd.randint(-1, 10))] if rnd.random() < 0.4 else []
def gen():
    r = rnd.random()
    if r < 0.25:
        n = rnd.randint(1, 40) if rnd.random() < 0.3 else rnd.randint(1, 4)
        if BIG and rnd.random() < 0.05: n = rnd.randint(200, 2000)
        opts = rnd.sample(["NX", "XX", "GT", "LT", "CH", "INCR"], rnd.randint(0, 2)) if rnd.random() < 0.3 else []
        cmd = ["ZADD", k()] + opts
        for _ in range(n): cmd += [score(), member()]
        return cmd
    cmds = [
        lambda: ["ZINCRBY", k(), score(), member()],
        lambda: ["ZREM", k()] + [member() for _ in range(rnd.randint(1, 5))],
        lambda: ["ZSCORE", k(), member()],
        lambda: ["ZMSCORE", k(), member(), member()],
        lambda: ["ZCARD", k()],
        lambda: ["ZCOUNT", k(), bound(), bound()],
        lambda: ["ZLEXCOUNT", k(), lexb(), lexb()],
        lambda: ["ZRANGE", k(), idx(), idx()] + ws() + (["REV"] if rnd.random() < 0.5 else []),
        lambda: ["ZRANGE", k(), bound(), bound(), "BYSCORE"] + ws() + (["REV"] if rnd.random() < 0.5 else []) + limit(),
        lambda: ["ZRANGE", k(), lexb(), lexb(), "BYLEX"] + (["REV"] if rnd.random() < 0.5 else []) + limit(),
        lambda: ["ZRANGESTORE", k(), k(), idx(), idx()],
        lambda: ["ZRANGESTORE", k(), k(), bound(), bound(), "BYSCORE"] + limit(),
        lambda: ["ZRANGEBYSCORE", k(), bound(), bound()] + ws() + limit(),
        lambda: ["ZREVRANGEBYSCORE", k(), bound(), bound()] + ws() + limit(),
        lambda: ["ZRANGEBYLEX", k(), lexb(), lexb()] + limit(),
        lambda: ["ZREVRANGEBYLEX", k(), lexb(), lexb()] + limit(),
        lambda: ["ZREVRANGE", k(), idx(), idx()] + ws(),
        lambda: ["ZRANK", k(), member()],
        lambda: ["ZREVRANK", k(), member()],
        lambda: ["ZREMRANGEBYRANK", k(), idx(), idx()],
        lambda: ["ZREMRANGEBYSCORE", k(), bound(), bound()],
        lambda: ["ZREMRANGEBYLEX", k(), lexb(), lexb()],
        lambda: ["ZPOPMIN", k()] + ([str(rnd.randint(0, 4))] if rnd.random() < 0.5 else []),
        lambda: ["ZPOPMAX", k()] + ([str(rnd.randint(0, 4))] if rnd.random() < 0.5 else []),
        lambda: ["ZMPOP", "2", k(), k(), rnd.choice(["MIN", "MAX"])] + (["COUNT", str(rnd.randint(1, 4))] if rnd.random() < 0.5 else []),
        lambda: ["ZUNION", "2", k(), k()] + (["WEIGHTS", score().strip("("), score().strip("(")] if rnd.random() < 0.3 else []) + (["AGGREGATE", rnd.choice(["SUM", "MIN", "MAX"])] if rnd.random() < 0.3 else []) + ws(),
        lambda: ["ZINTER", "2", k(), k()] + (["AGGREGATE", rnd.choice(["SUM", "MIN", "MAX"])] if rnd.random() < 0.3 else []) + ws(),
        lambda: ["ZDIFF", "2", k(), k()] + ws(),
        lambda: ["ZUNIONSTORE", k(), "2", k(), k()],
        lambda: ["ZINTERSTORE", k(), "2", k(), k()],
        lambda: ["ZDIFFSTORE", k(), "2", k(), k()],
        lambda: ["ZINTERCARD", "2", k(), k()] + (["LIMIT", str(rnd.randint(0, 3))] if rnd.random() < 0.3 else []),
        lambda: ["OBJECT", "ENCODING", k()],
        lambda: ["ZRANDMEMBER", k(), "1000"] + ws(),
        lambda: ["ZRANGE", k(), "0", "-1", "WITHSCORES"],
    ]
    return rnd.choice(cmds)()
bad = 0
for i in range(steps):
    cmd = gen()
    if cmd[0] in ("ZLEXCOUNT", "ZRANGEBYLEX", "ZREVRANGEBYLEX", "ZREMRANGEBYLEX") or "BYLEX" in cmd:
        # A member range over unequal scores walks the skip list's random levels in Redis too.
        key = cmd[1] if cmd[0] != "ZRANGESTORE" else cmd[2]
        if a.call(["OBJECT", "ENCODING", key]) == b"$8\r\nskiplist\r\n" and a.call(["ZCOUNT", key, "0", "0"]) != a.call(["ZCARD", key]):
            continue
    ra = a.call(cmd)
    try:
        rb = b.call(cmd)
    except Exception:
        print("HANG on", cmd); raise
    if ra != rb:
        d = next((j for j in range(min(len(ra), len(rb))) if ra[j] != rb[j]), min(len(ra), len(rb)))
        print("MISMATCH step", i, cmd[:8]); print("  redis:", ra[max(0,d-120):d+120]); print("  ours: ", rb[max(0,d-120):d+120])
        bad += 1
        if bad > 0: break
    if i % 200 == 0:
        # full state check
        for key in keys:
            x = a.call(["ZRANGE", key, "0", "-1", "WITHSCORES"]); y = b.call(["ZRANGE", key, "0", "-1", "WITHSCORES"])
            if x != y: print("STATE MISMATCH", key, i); bad += 1
print("seed", seed, "done, mismatches:", bad)
