#!/usr/bin/env python3
"""Record the sorted-set golden cases (zsets.jsonl) from a real redis-server 7.0.15.

Usage: python3 record_zsets.py [--host 127.0.0.1] [--port 7413] [--validate-only]

Same format and runner as record.py (imported from it): every case runs on a fresh connection
after FLUSHALL, "resp": 3 cases send HELLO 3 first, each case is replayed twice and kept only if
the bytes are identical. Only deterministic replies are recorded: ZRANDMEMBER only where the
whole set comes back (count >= size, in Redis's tail-first order) or the set has one member,
ZSCAN only on listpack-encoded sets (returned whole, cursor 0) or one-member skip lists.
Sets are made skip lists by crossing the default limits (129 members, or a 65-byte member), never
by CONFIG SET: the test process shares one configuration between servers.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import _cmd, cli  # noqa: E402

CASES = []


def z(name, *cmds, resp=2):
    assert cmds, name
    CASES.append({"name": name, "resp": resp, "commands": [_cmd(c) for c in cmds]})


def r3(name, *cmds):
    z(name, *cmds, resp=3)


WRONGTYPE = "SET s x"
LONG = "m" * 65  # above zset-max-listpack-value (64)


def big(key="big", n=130, prefix="m", score=lambda i: str(i)):
    """ZADD of n members: above zset-max-listpack-entries (128), so a skip list."""
    cmd = ["ZADD", key]
    for i in range(n):
        cmd += [score(i), "%s%03d" % (prefix, i)]
    return cmd


def lex(key="lx", members="a b c d e f g"):
    cmd = ["ZADD", key]
    for m in members.split():
        cmd += ["0", m]
    return cmd


SMALL = "ZADD z 1 a 2 b 3 c 4 d 5 e"
BIGLEX = lex("lx", " ".join("w%03d" % i for i in range(140)))

# ---------------------------------------------------------------- ZADD
z("ZADD adds members and returns how many were added", "ZADD z 1 a 2 b", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD updating a score returns 0", "ZADD z 1 a", "ZADD z 2 a", "ZSCORE z a")
z("ZADD with the same member twice keeps the last score", "ZADD z 1 a 2 a", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD with CH counts changed members", "ZADD z 1 a 2 b", "ZADD z CH 1 a 3 b 4 c", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD with CH and an unchanged score counts nothing", "ZADD z 1 a", "ZADD z CH 1 a")
z("ZADD with NX adds only new members", "ZADD z 1 a", "ZADD z NX 5 a 2 b", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD with XX updates only existing members", "ZADD z 1 a", "ZADD z XX 5 a 2 b", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD with XX and CH counts updates", "ZADD z 1 a", "ZADD z XX CH 5 a 2 b")
z("ZADD with XX on a missing key creates nothing", "ZADD z XX 1 a", "EXISTS z")
z("ZADD with GT updates only to a greater score", "ZADD z 5 a 5 b", "ZADD z GT CH 6 a 4 b 1 c", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD with LT updates only to a smaller score", "ZADD z 5 a 5 b", "ZADD z LT CH 6 a 4 b 1 c", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD with GT and XX", "ZADD z 5 a", "ZADD z GT XX 7 a 1 b", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD options are case-insensitive", "ZADD z nx ch 1 a", "ZADD z xx Ch incr 2 a")
z("ZADD repeated options are accepted", "ZADD z CH CH 1 a", "ZADD z NX NX 2 b")
z("ZADD with INCR returns the new score", "ZADD z INCR 2.5 a", "ZADD z INCR 1 a")
z("ZADD with INCR and NX on an existing member returns nil", "ZADD z 1 a", "ZADD z NX INCR 2 a", "ZSCORE z a")
z("ZADD with INCR and XX on a missing member returns nil", "ZADD z 1 a", "ZADD z XX INCR 2 b", "ZSCORE z b")
z("ZADD with INCR and XX on a missing key returns nil", "ZADD z XX INCR 2 b", "EXISTS z")
z("ZADD with INCR and GT refused returns nil", "ZADD z 5 a", "ZADD z GT INCR -1 a", "ZSCORE z a")
z("ZADD with INCR and LT accepted returns the score", "ZADD z 5 a", "ZADD z LT INCR -1 a")
z("ZADD with INCR of 0 returns the unchanged score", "ZADD z 5 a", "ZADD z INCR 0 a")
z("ZADD with INCR producing NaN is an error", "ZADD z inf a", "ZADD z INCR -inf a", "ZSCORE z a")
z("ZADD with NX and XX is an error", "ZADD z NX XX 1 a")
z("ZADD with GT and LT is an error", "ZADD z GT LT 1 a")
z("ZADD with GT and NX is an error", "ZADD z GT NX 1 a")
z("ZADD with LT and NX is an error", "ZADD z LT NX 1 a")
z("ZADD with NX XX and GT reports NX and XX first", "ZADD z NX GT XX 1 a")
z("ZADD with INCR and two pairs is an error", "ZADD z INCR 1 a 2 b")
z("ZADD with INCR NX XX reports NX and XX first", "ZADD z INCR NX XX 1 a 2 b")
z("ZADD with a missing member is a syntax error", "ZADD z 1 a 2")
z("ZADD with only options and a score is a syntax error", "ZADD z NX 1")
z("ZADD with an option after the pairs is a syntax error", "ZADD z 1 a NX")
z("ZADD with an unknown option is a syntax error", "ZADD z FOO 1 a")
z("ZADD with too few arguments is an arity error", "ZADD z 1")
z("ZADD with no arguments is an arity error", "ZADD")
z("ZADD with a non-float score is an error", "ZADD z abc a", "EXISTS z")
z("ZADD with one bad score adds nothing", "ZADD z 1 a abc b", "EXISTS z")
z("ZADD with nan is an error", "ZADD z nan a")
z("ZADD with a score with a leading space is an error", ["ZADD", "z", " 1", "a"])
z("ZADD with a score with a trailing space is an error", ["ZADD", "z", "1 ", "a"])
z("ZADD with an empty score is an error", ["ZADD", "z", "", "a"])
z("ZADD with an overflowing score is an error", "ZADD z 1e400 a")
z("ZADD with an underflowing score is an error", "ZADD z 1e-400 a")
z("ZADD with a negative underflowing score is an error", "ZADD z -1e-400 a")
z("ZADD with an underscore in the score is an error", "ZADD z 1_0 a")
z("ZADD with a truncated infinity is an error", "ZADD z infinit a")
z("ZADD accepts inf, +inf, -inf, Infinity and -INF", "ZADD z inf a +inf b -inf c Infinity d -INF e", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD accepts hexadecimal scores as strtod does", "ZADD z 0x10 a 0x1p3 b 0X1.8p1 c -0x.8 d", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD accepts exponents, a plus sign and bare dots", "ZADD z 1e5 a +5 b 1. c .5 d 1.0e1 e", "ZRANGE z 0 -1 WITHSCORES")
z("ZADD accepts a subnormal score", "ZADD z 1e-310 a", "ZSCORE z a")
z("ZADD on a string is WRONGTYPE", WRONGTYPE, "ZADD s 1 a")
z("ZADD checks scores before the type", WRONGTYPE, "ZADD s abc a")
z("ZADD with XX on a string is WRONGTYPE", WRONGTYPE, "ZADD s XX 1 a")
z("ZADD of an empty member", ["ZADD", "z", "1", ""], ["ZRANGE", "z", "0", "-1", "WITHSCORES"])
z("ZADD orders equal scores by member bytes", "ZADD z 1 b 1 a 1 ab 1 B 1 aa", "ZRANGE z 0 -1")
z("ZADD of many members then ZCARD", big(), "ZCARD big")

# ---------------------------------------------------------------- score formatting
z("Scores print as integers when integral", "ZADD z 17 a 17.0 b 1.7e1 c", "ZRANGE z 0 -1 WITHSCORES")
z("Scores print with 17 significant digits", "ZADD z 0.1 a 0.30000000000000004 b 3.14159 c", "ZRANGE z 0 -1 WITHSCORES")
z("Large scores print in exponent form", "ZADD z 123456789012345678 a 1e17 b 1e18 c 1.5e300 d", "ZRANGE z 0 -1 WITHSCORES")
z("Small scores print in exponent form", "ZADD z 1e-5 a 0.0001 b 2.5e-10 c", "ZRANGE z 0 -1 WITHSCORES")
z("Negative zero is 0 in a listpack", "ZADD z -0 a", "ZSCORE z a")
z("Negative zero stays -0 in a skip list", ["ZADD", "z", "-0", LONG], ["ZSCORE", "z", LONG], "OBJECT ENCODING z")
z("Negative zero converted from a listpack becomes 0", "ZADD z -0 a", ["ZADD", "z", "1", LONG], "ZSCORE z a")
z("ZINCRBY -0 on a new member in a listpack replies -0", "ZINCRBY z -0 a", "ZSCORE z a")
z("Infinite scores print as inf and -inf", "ZADD z inf a -inf b", "ZSCORE z a", "ZSCORE z b")

# ---------------------------------------------------------------- ZINCRBY
z("ZINCRBY creates the member", "ZINCRBY z 2 a", "ZSCORE z a")
z("ZINCRBY adds to the score", "ZADD z 1 a", "ZINCRBY z 2.5 a", "ZINCRBY z -10 a")
z("ZINCRBY with a non-float increment is an error", "ZINCRBY z abc a")
z("ZINCRBY producing NaN is an error", "ZADD z -inf a", "ZINCRBY z inf a", "ZSCORE z a")
z("ZINCRBY on a string is WRONGTYPE", WRONGTYPE, "ZINCRBY s 1 a")
z("ZINCRBY with too many arguments is an arity error", "ZINCRBY z 1 a b")
z("ZINCRBY moves a member in the order", "ZADD z 1 a 2 b 3 c", "ZINCRBY z 5 a", "ZRANGE z 0 -1")
z("ZINCRBY on a skip list moves a member", big(), "ZINCRBY big 1000 m000", "ZRANGE big -2 -1 WITHSCORES", "ZRANK big m000")

# ---------------------------------------------------------------- ZSCORE / ZMSCORE / ZCARD
z("ZSCORE of a missing member is nil", "ZADD z 1 a", "ZSCORE z b")
z("ZSCORE of a missing key is nil", "ZSCORE z a")
z("ZSCORE on a string is WRONGTYPE", WRONGTYPE, "ZSCORE s a")
z("ZSCORE with too many arguments is an arity error", "ZSCORE z a b")
z("ZSCORE on a skip list", big(), "ZSCORE big m077", "ZSCORE big nope")
z("ZMSCORE returns scores and nils", "ZADD z 1 a 2.5 b", "ZMSCORE z a x b")
z("ZMSCORE on a missing key returns nils", "ZMSCORE z a b")
z("ZMSCORE on a string is WRONGTYPE", WRONGTYPE, "ZMSCORE s a")
z("ZMSCORE with no member is an arity error", "ZMSCORE z")
z("ZCARD counts members", SMALL, "ZCARD z")
z("ZCARD of a missing key is 0", "ZCARD z")
z("ZCARD on a string is WRONGTYPE", WRONGTYPE, "ZCARD s")
z("ZCARD with too many arguments is an arity error", "ZCARD a b")

# ---------------------------------------------------------------- ZRANK / ZREVRANK
z("ZRANK and ZREVRANK of members", SMALL, "ZRANK z a", "ZRANK z e", "ZREVRANK z a", "ZREVRANK z e")
z("ZRANK of a missing member is nil", SMALL, "ZRANK z x", "ZREVRANK z x")
z("ZRANK of a missing key is nil", "ZRANK z a")
z("ZRANK on a string is WRONGTYPE", WRONGTYPE, "ZRANK s a")
z("ZRANK with a score argument is an arity error in 7.0", SMALL, "ZRANK z a WITHSCORE")
z("ZRANK on a skip list", big(), "ZRANK big m000", "ZRANK big m100", "ZREVRANK big m100", "ZREVRANK big m129")
z("ZRANK with equal scores orders by member", "ZADD z 1 c 1 a 1 b", "ZRANK z a", "ZRANK z c")

# ---------------------------------------------------------------- ZREM
z("ZREM removes members and counts them", SMALL, "ZREM z a x c", "ZRANGE z 0 -1")
z("ZREM of the last member deletes the key", "ZADD z 1 a", "ZREM z a", "EXISTS z")
z("ZREM of all members with extras deletes the key", "ZADD z 1 a 2 b", "ZREM z a b c", "EXISTS z")
z("ZREM on a missing key returns 0", "ZREM z a")
z("ZREM on a string is WRONGTYPE", WRONGTYPE, "ZREM s a")
z("ZREM with no member is an arity error", "ZREM z")
z("ZREM on a skip list", big(), "ZREM big m001 m002 nope", "ZCARD big", "ZRANGE big 0 2")
z("ZREM keeps the skip list encoding", big(), "ZREM big m001 m002 m003", "OBJECT ENCODING big")

# ---------------------------------------------------------------- ZCOUNT / ZLEXCOUNT
z("ZCOUNT with inclusive bounds", SMALL, "ZCOUNT z 2 4")
z("ZCOUNT with exclusive bounds", SMALL, "ZCOUNT z (2 (4", "ZCOUNT z (1 5", "ZCOUNT z 1 (5")
z("ZCOUNT with infinite bounds", SMALL, "ZCOUNT z -inf +inf", "ZCOUNT z -inf 2", "ZCOUNT z (5 inf")
z("ZCOUNT with min above max is 0", SMALL, "ZCOUNT z 4 2", "ZCOUNT z (3 3", "ZCOUNT z 3 (3")
z("ZCOUNT with equal inclusive bounds", SMALL, "ZCOUNT z 3 3")
z("ZCOUNT with a bad bound is an error", SMALL, "ZCOUNT z a 3", "ZCOUNT z 1 b", "ZCOUNT z ((1 3")
z("ZCOUNT with nan bounds is an error", SMALL, "ZCOUNT z nan 3", "ZCOUNT z (nan 3")
z("ZCOUNT with a trailing space is an error", SMALL, ["ZCOUNT", "z", "1 ", "3"])
z("ZCOUNT bounds accept a leading space, an empty string and a lone paren", SMALL, ["ZCOUNT", "z", " 1", "3"], ["ZCOUNT", "z", "", "3"], ["ZCOUNT", "z", "(", "3"], ["ZCOUNT", "z", "( 1", "3"])
z("ZCOUNT bounds accept overflow and underflow", SMALL, "ZCOUNT z -1e400 1e400", "ZCOUNT z 1e-400 5", "ZCOUNT z 0x2 0x4")
z("ZCOUNT on a missing key is 0", "ZCOUNT z 1 2")
z("ZCOUNT checks the range before the type", WRONGTYPE, "ZCOUNT s a b", "ZCOUNT s 1 2")
z("ZCOUNT on a skip list", big(), "ZCOUNT big 10 19", "ZCOUNT big (10 (19", "ZCOUNT big 200 300", "ZCOUNT big -inf inf")
z("ZLEXCOUNT counts a member range", lex(), "ZLEXCOUNT z - +", "ZLEXCOUNT lx - +", "ZLEXCOUNT lx [b [d", "ZLEXCOUNT lx (b (d", "ZLEXCOUNT lx (b [d")
z("ZLEXCOUNT with empty ranges", lex(), "ZLEXCOUNT lx [d [b", "ZLEXCOUNT lx (c [c", "ZLEXCOUNT lx + -", "ZLEXCOUNT lx - -", "ZLEXCOUNT lx + +")
z("ZLEXCOUNT with a bound past the members", lex(), "ZLEXCOUNT lx [e +", "ZLEXCOUNT lx - [bb", "ZLEXCOUNT lx [z +")
z("ZLEXCOUNT with invalid bounds is an error", lex(), "ZLEXCOUNT lx a c", "ZLEXCOUNT lx [a c", "ZLEXCOUNT lx +a [c", "ZLEXCOUNT lx -a [c")
z("ZLEXCOUNT with an empty bound is an error", lex(), ["ZLEXCOUNT", "lx", "", "+"])
z("ZLEXCOUNT with a bare paren or bracket", lex(), ["ZLEXCOUNT", "lx", "[", "+"], ["ZLEXCOUNT", "lx", "(", "+"])
z("ZLEXCOUNT on a missing key is 0", "ZLEXCOUNT z - +")
z("ZLEXCOUNT on a string is WRONGTYPE", WRONGTYPE, "ZLEXCOUNT s - +", "ZLEXCOUNT s a b")
z("ZLEXCOUNT on a skip list", BIGLEX, "ZLEXCOUNT lx [w010 (w020", "ZLEXCOUNT lx - +", "ZLEXCOUNT lx (w139 +")

# ---------------------------------------------------------------- ZRANGE by rank
z("ZRANGE by rank", SMALL, "ZRANGE z 0 -1", "ZRANGE z 1 2", "ZRANGE z -2 -1", "ZRANGE z 0 0")
z("ZRANGE with out of range indexes", SMALL, "ZRANGE z 3 100", "ZRANGE z -100 1", "ZRANGE z 5 10", "ZRANGE z 2 1", "ZRANGE z -1 -2")
z("ZRANGE WITHSCORES", "ZADD z 1 a 2.5 b -3 c", "ZRANGE z 0 -1 WITHSCORES")
z("ZRANGE REV by rank", SMALL, "ZRANGE z 0 1 REV", "ZRANGE z 0 -1 REV WITHSCORES", "ZRANGE z -2 -1 REV")
z("ZRANGE options are case-insensitive and may repeat", SMALL, "ZRANGE z 0 1 withscores WITHSCORES", "ZRANGE z 0 1 rev")
z("ZRANGE with a non-integer index is an error", SMALL, "ZRANGE z a 1", "ZRANGE z 0 1.5")
z("ZRANGE with LIMIT by rank is an error", SMALL, "ZRANGE z 0 -1 LIMIT 0 1")
z("ZRANGE with LIMIT 0 -1 by rank is accepted", SMALL, "ZRANGE z 0 1 LIMIT 0 -1")
z("ZRANGE with an incomplete LIMIT is a syntax error", SMALL, "ZRANGE z 0 -1 BYSCORE LIMIT 0")
z("ZRANGE with REV twice is a syntax error", SMALL, "ZRANGE z 0 -1 REV REV")
z("ZRANGE with BYSCORE and BYLEX is a syntax error", SMALL, "ZRANGE z 0 -1 BYSCORE BYLEX")
z("ZRANGE with an unknown option is a syntax error", SMALL, "ZRANGE z 0 -1 FOO")
z("ZRANGE on a missing key is empty", "ZRANGE z 0 -1", "ZRANGE z 0 -1 BYSCORE", "ZRANGE z - + BYLEX")
z("ZRANGE on a string is WRONGTYPE", WRONGTYPE, "ZRANGE s 0 -1")
z("ZRANGE checks indexes before the type", WRONGTYPE, "ZRANGE s a b")
z("ZRANGE with too few arguments is an arity error", "ZRANGE z 0")
z("ZRANGE by rank on a skip list", big(), "ZRANGE big 0 2", "ZRANGE big 127 -1 WITHSCORES", "ZRANGE big 0 2 REV", "ZRANGE big -3 -2 REV WITHSCORES")
z("ZRANGE of a whole skip list", big(n=140), "ZRANGE big 0 -1")
z("ZREVRANGE by rank", SMALL, "ZREVRANGE z 0 1", "ZREVRANGE z 0 -1 WITHSCORES", "ZREVRANGE z 10 20")
z("ZREVRANGE with REV is a syntax error", SMALL, "ZREVRANGE z 0 1 REV", "ZREVRANGE z 0 1 BYSCORE")
z("ZREVRANGE on a skip list", big(), "ZREVRANGE big 0 2 WITHSCORES", "ZREVRANGE big 128 200")

# ---------------------------------------------------------------- ZRANGE by score
z("ZRANGE BYSCORE", SMALL, "ZRANGE z 2 4 BYSCORE", "ZRANGE z (2 4 BYSCORE WITHSCORES", "ZRANGE z -inf +inf BYSCORE")
z("ZRANGE BYSCORE REV takes max then min", SMALL, "ZRANGE z 4 2 BYSCORE REV", "ZRANGE z 2 4 BYSCORE REV", "ZRANGE z +inf (3 BYSCORE REV WITHSCORES")
z("ZRANGE BYSCORE with LIMIT", SMALL, "ZRANGE z -inf +inf BYSCORE LIMIT 1 2", "ZRANGE z -inf +inf BYSCORE LIMIT 1 -1", "ZRANGE z -inf +inf BYSCORE LIMIT 1 0", "ZRANGE z -inf +inf BYSCORE LIMIT 4 10", "ZRANGE z -inf +inf BYSCORE LIMIT 5 1")
z("ZRANGE BYSCORE with a negative offset is empty", SMALL, "ZRANGE z -inf +inf BYSCORE LIMIT -1 2")
z("ZRANGE BYSCORE REV with LIMIT", SMALL, "ZRANGE z +inf -inf BYSCORE REV LIMIT 1 2 WITHSCORES", "ZRANGE z 4 (1 BYSCORE REV LIMIT 2 5")
z("ZRANGE BYSCORE with an offset past the range", SMALL, "ZRANGE z 2 3 BYSCORE LIMIT 2 5", "ZRANGE z 3 2 BYSCORE REV LIMIT 2 5")
z("ZRANGE BYSCORE with a non-integer LIMIT is an error", SMALL, "ZRANGE z 0 5 BYSCORE LIMIT a 1", "ZRANGE z 0 5 BYSCORE LIMIT 0 b")
z("ZRANGE BYSCORE with bad bounds is an error", SMALL, "ZRANGE z a 5 BYSCORE", "ZRANGE z 1 nan BYSCORE")
z("ZRANGE BYSCORE with empty ranges", SMALL, "ZRANGE z 5 1 BYSCORE", "ZRANGE z (3 3 BYSCORE", "ZRANGE z 10 20 BYSCORE", "ZRANGE z -20 -10 BYSCORE")
z("ZRANGE BYSCORE on a skip list", big(), "ZRANGE big 10 13 BYSCORE WITHSCORES", "ZRANGE big (10 (13 BYSCORE", "ZRANGE big 100 +inf BYSCORE LIMIT 25 10", "ZRANGE big 13 10 BYSCORE REV")
z("ZRANGE BYSCORE REV with LIMIT on a skip list", big(), "ZRANGE big +inf -inf BYSCORE REV LIMIT 3 4 WITHSCORES", "ZRANGE big 5 (2 BYSCORE REV LIMIT 0 10")
z("ZRANGEBYSCORE", SMALL, "ZRANGEBYSCORE z 2 4", "ZRANGEBYSCORE z (1 (5 WITHSCORES", "ZRANGEBYSCORE z -inf +inf LIMIT 2 2")
z("ZRANGEBYSCORE with options in any order", SMALL, "ZRANGEBYSCORE z -inf +inf LIMIT 0 2 WITHSCORES", "ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 3 5")
z("ZRANGEBYSCORE with REV or BYSCORE is a syntax error", SMALL, "ZRANGEBYSCORE z 0 5 REV", "ZRANGEBYSCORE z 0 5 BYSCORE", "ZRANGEBYSCORE z 0 5 BYLEX")
z("ZRANGEBYSCORE with a bad bound is an error", SMALL, "ZRANGEBYSCORE z x 5")
z("ZRANGEBYSCORE on a missing key is empty", "ZRANGEBYSCORE z 0 5")
z("ZRANGEBYSCORE on a string is WRONGTYPE", WRONGTYPE, "ZRANGEBYSCORE s 0 5")
z("ZREVRANGEBYSCORE", SMALL, "ZREVRANGEBYSCORE z 4 2", "ZREVRANGEBYSCORE z +inf -inf WITHSCORES", "ZREVRANGEBYSCORE z (5 (1 LIMIT 1 1")
z("ZREVRANGEBYSCORE with min first is empty", SMALL, "ZREVRANGEBYSCORE z 2 4")
z("ZRANGEBYSCORE with equal scores orders by member", "ZADD z 1 c 1 a 2 b 1 b2", "ZRANGEBYSCORE z 1 1", "ZREVRANGEBYSCORE z 1 1")

# ---------------------------------------------------------------- ZRANGE by member
z("ZRANGE BYLEX", lex(), "ZRANGE lx - + BYLEX", "ZRANGE lx [b (e BYLEX", "ZRANGE lx (b [e BYLEX LIMIT 1 2")
z("ZRANGE BYLEX REV takes max then min", lex(), "ZRANGE lx + - BYLEX REV", "ZRANGE lx [e (b BYLEX REV", "ZRANGE lx - + BYLEX REV")
z("ZRANGE BYLEX REV with LIMIT", lex(), "ZRANGE lx + - BYLEX REV LIMIT 2 3", "ZRANGE lx + - BYLEX REV LIMIT -1 3")
z("ZRANGE BYLEX with WITHSCORES is an error", lex(), "ZRANGE lx - + BYLEX WITHSCORES")
z("ZRANGE BYLEX with invalid bounds is an error", lex(), "ZRANGE lx a c BYLEX", "ZRANGE lx 0 -1 BYLEX")
z("ZRANGE BYLEX with empty ranges", lex(), "ZRANGE lx [e [b BYLEX", "ZRANGE lx (c (c BYLEX", "ZRANGE lx + - BYLEX")
z("ZRANGE BYLEX on a skip list", BIGLEX, "ZRANGE lx [w100 (w104 BYLEX", "ZRANGE lx + (w135 BYLEX REV", "ZRANGE lx - + BYLEX LIMIT 137 10")
z("ZRANGEBYLEX", lex(), "ZRANGEBYLEX lx - [c", "ZRANGEBYLEX lx (a (d LIMIT 0 1")
z("ZRANGEBYLEX with WITHSCORES is an error", lex(), "ZRANGEBYLEX lx - + WITHSCORES")
z("ZREVRANGEBYLEX", lex(), "ZREVRANGEBYLEX lx + -", "ZREVRANGEBYLEX lx [d (a LIMIT 1 5")
z("ZRANGEBYLEX with a prefix range", "ZADD z 0 foo 0 foobar 0 fop 0 fo 0 g", "ZRANGEBYLEX z [foo (fop")
z("ZRANGEBYLEX on a missing key is empty", "ZRANGEBYLEX z - +")
z("ZRANGEBYLEX on a string is WRONGTYPE", WRONGTYPE, "ZRANGEBYLEX s - +")

# ---------------------------------------------------------------- ZRANGESTORE
z("ZRANGESTORE by rank", SMALL, "ZRANGESTORE d z 1 3", "ZRANGE d 0 -1 WITHSCORES")
z("ZRANGESTORE BYSCORE REV with LIMIT", SMALL, "ZRANGESTORE d z 5 1 BYSCORE REV LIMIT 1 2", "ZRANGE d 0 -1 WITHSCORES")
z("ZRANGESTORE BYLEX", lex(), "ZRANGESTORE d lx [b [d BYLEX", "ZRANGE d 0 -1 WITHSCORES")
z("ZRANGESTORE with an empty result deletes the destination", SMALL, "SET d x", "ZRANGESTORE d z 10 20", "EXISTS d")
z("ZRANGESTORE from a missing key deletes the destination", "ZADD d 1 a", "ZRANGESTORE d nokey 0 -1", "EXISTS d")
z("ZRANGESTORE overwrites a string and its TTL", SMALL, "SET d x EX 100", "ZRANGESTORE d z 0 0", "TYPE d", "TTL d")
z("ZRANGESTORE into its own source", SMALL, "ZRANGESTORE z z 1 2", "ZRANGE z 0 -1 WITHSCORES")
z("ZRANGESTORE with WITHSCORES is a syntax error", SMALL, "ZRANGESTORE d z 0 -1 WITHSCORES")
z("ZRANGESTORE from a string is WRONGTYPE", WRONGTYPE, "ZRANGESTORE d s 0 -1")
z("ZRANGESTORE with too few arguments is an arity error", "ZRANGESTORE d z 0")
z("ZRANGESTORE of a small range of a skip list is a listpack", big(), "ZRANGESTORE d big 0 9", "OBJECT ENCODING d", "ZRANGE d 0 2")
z("ZRANGESTORE of a large range is a skip list", big(), "ZRANGESTORE d big 0 -1", "OBJECT ENCODING d", "ZCARD d")
z("ZRANGESTORE of a long member is a skip list", ["ZADD", "z", "1", "a", "2", LONG], "ZRANGESTORE d z 0 -1", "OBJECT ENCODING d")

# ---------------------------------------------------------------- ZREMRANGEBY*
z("ZREMRANGEBYRANK", SMALL, "ZREMRANGEBYRANK z 1 2", "ZRANGE z 0 -1")
z("ZREMRANGEBYRANK with negative indexes", SMALL, "ZREMRANGEBYRANK z -2 -1", "ZRANGE z 0 -1")
z("ZREMRANGEBYRANK out of range removes nothing", SMALL, "ZREMRANGEBYRANK z 5 10", "ZREMRANGEBYRANK z 3 1", "ZCARD z")
z("ZREMRANGEBYRANK of everything deletes the key", SMALL, "ZREMRANGEBYRANK z 0 -1", "EXISTS z")
z("ZREMRANGEBYRANK with a non-integer is an error", SMALL, "ZREMRANGEBYRANK z a 1")
z("ZREMRANGEBYRANK on a missing key is 0", "ZREMRANGEBYRANK z 0 -1")
z("ZREMRANGEBYRANK on a string is WRONGTYPE", WRONGTYPE, "ZREMRANGEBYRANK s 0 -1")
z("ZREMRANGEBYRANK on a skip list", big(), "ZREMRANGEBYRANK big 10 109", "ZCARD big", "ZRANGE big 8 11", "OBJECT ENCODING big")
z("ZREMRANGEBYSCORE", SMALL, "ZREMRANGEBYSCORE z 2 (4", "ZRANGE z 0 -1")
z("ZREMRANGEBYSCORE with infinite bounds deletes the key", SMALL, "ZREMRANGEBYSCORE z -inf +inf", "EXISTS z")
z("ZREMRANGEBYSCORE with nothing in range", SMALL, "ZREMRANGEBYSCORE z 10 20", "ZREMRANGEBYSCORE z 3 2")
z("ZREMRANGEBYSCORE with a bad bound is an error", SMALL, "ZREMRANGEBYSCORE z a 2")
z("ZREMRANGEBYSCORE checks the range before the type", WRONGTYPE, "ZREMRANGEBYSCORE s a 2", "ZREMRANGEBYSCORE s 1 2")
z("ZREMRANGEBYSCORE on a skip list", big(), "ZREMRANGEBYSCORE big (5 100", "ZCARD big", "ZRANGE big 4 7 WITHSCORES")
z("ZREMRANGEBYLEX", lex(), "ZREMRANGEBYLEX lx [b (e", "ZRANGE lx 0 -1")
z("ZREMRANGEBYLEX of everything deletes the key", lex(), "ZREMRANGEBYLEX lx - +", "EXISTS lx")
z("ZREMRANGEBYLEX with invalid bounds is an error", lex(), "ZREMRANGEBYLEX lx a b")
z("ZREMRANGEBYLEX on a missing key is 0", "ZREMRANGEBYLEX z - +")
z("ZREMRANGEBYLEX on a skip list", BIGLEX, "ZREMRANGEBYLEX lx (w005 [w130", "ZCARD lx", "ZRANGE lx 0 -1")

# ---------------------------------------------------------------- ZPOPMIN / ZPOPMAX / ZMPOP
z("ZPOPMIN pops the lowest", SMALL, "ZPOPMIN z", "ZPOPMIN z 2", "ZRANGE z 0 -1")
z("ZPOPMAX pops the highest", SMALL, "ZPOPMAX z", "ZPOPMAX z 2", "ZRANGE z 0 -1")
z("ZPOPMIN with a count above the size pops all and deletes the key", SMALL, "ZPOPMIN z 10", "EXISTS z")
z("ZPOPMIN with count 0 is empty", SMALL, "ZPOPMIN z 0", "ZCARD z")
z("ZPOPMIN on a missing key is empty", "ZPOPMIN z", "ZPOPMIN z 3")
z("ZPOPMIN with a negative count is an error", SMALL, "ZPOPMIN z -1")
z("ZPOPMIN with a non-integer count is an error", SMALL, "ZPOPMIN z abc")
z("ZPOPMIN with too many arguments is a syntax error", SMALL, "ZPOPMIN z 1 2")
z("ZPOPMIN on a string is WRONGTYPE", WRONGTYPE, "ZPOPMIN s", "ZPOPMAX s 0")
z("ZPOPMIN on a skip list", big(), "ZPOPMIN big 3", "ZPOPMAX big", "ZCARD big")
z("ZPOPMIN scores keep their formatting", "ZADD z 0.1 a -inf b 1e20 c", "ZPOPMIN z 3")
z("ZMPOP MIN from the first non-empty key", "ZADD b 1 x 2 y", "ZMPOP 2 a b MIN")
z("ZMPOP MAX with COUNT", SMALL, "ZMPOP 1 z MAX COUNT 2", "ZMPOP 1 z min count 10", "EXISTS z")
z("ZMPOP on missing keys is a null array", "ZMPOP 2 a b MIN")
z("ZMPOP with numkeys 0 is an error", "ZMPOP 0 z MIN")
z("ZMPOP with a non-integer numkeys is an error", "ZMPOP x z MIN")
z("ZMPOP with a negative numkeys is an error", "ZMPOP -1 z MIN")
z("ZMPOP with too many numkeys is a syntax error", "ZMPOP 2 z MIN")
z("ZMPOP with a bad direction is a syntax error", "ZMPOP 1 z FOO")
z("ZMPOP with COUNT 0 is an error", SMALL, "ZMPOP 1 z MIN COUNT 0")
z("ZMPOP with a non-integer COUNT is an error", SMALL, "ZMPOP 1 z MIN COUNT x")
z("ZMPOP with COUNT twice is a syntax error", SMALL, "ZMPOP 1 z MIN COUNT 1 COUNT 1")
z("ZMPOP with COUNT missing its value is a syntax error", SMALL, "ZMPOP 1 z MIN COUNT")
z("ZMPOP on a string is WRONGTYPE", WRONGTYPE, "ZMPOP 1 s MIN")
z("ZMPOP on a string after an empty key is WRONGTYPE", WRONGTYPE, "ZMPOP 2 nokey s MIN")
z("ZMPOP with too few arguments is an arity error", "ZMPOP 1 z")

# ---------------------------------------------------------------- blocking pops that need not block
z("BZPOPMIN serves an existing key at once", SMALL, "BZPOPMIN nokey z 0", "ZCARD z")
z("BZPOPMAX serves an existing key at once", SMALL, "BZPOPMAX z 1", "ZCARD z")
z("BZPOPMIN pops the last member and deletes the key", "ZADD z 1 a", "BZPOPMIN z 0", "EXISTS z")
z("BZPOPMIN with a negative timeout is an error", "BZPOPMIN z -1")
z("BZPOPMIN with a non-number timeout is an error", "BZPOPMIN z abc")
z("BZPOPMIN on a string is WRONGTYPE", WRONGTYPE, "BZPOPMIN s 0")
z("BZPOPMIN with no timeout is an arity error", "BZPOPMIN z")
z("BZMPOP serves an existing key at once", SMALL, "BZMPOP 0 2 nokey z MAX COUNT 2")
z("BZMPOP with numkeys 0 is an error", "BZMPOP 0 0 z MIN")
z("BZMPOP with a bad timeout is an error", SMALL, "BZMPOP abc 1 z MIN", "BZMPOP -1 1 z MIN")
z("BZMPOP checks numkeys before the timeout", "BZMPOP abc 0 z MIN")
z("BZMPOP with too few arguments is an arity error", "BZMPOP 0 1 z")
z("BZPOPMIN inside MULTI on an empty key returns a null array", "MULTI", "BZPOPMIN z 0", "EXEC")
z("BZMPOP inside MULTI on an empty key returns a null array", "MULTI", "BZMPOP 0 1 z MIN", "EXEC")
z("BZPOPMAX inside MULTI on a set pops", "ZADD z 1 a 2 b", "MULTI", "BZPOPMAX z 0", "EXEC")

# ---------------------------------------------------------------- ZRANDMEMBER (deterministic cases only)
z("ZRANDMEMBER of a one-member set", "ZADD z 1 a", "ZRANDMEMBER z", "ZRANDMEMBER z 1", "ZRANDMEMBER z -3", "ZRANDMEMBER z -2 WITHSCORES")
z("ZRANDMEMBER with a count covering the set returns it highest first", SMALL, "ZRANDMEMBER z 5", "ZRANDMEMBER z 100 WITHSCORES")
z("ZRANDMEMBER covering a skip list returns it highest first", big(), "ZRANDMEMBER big 1000")
z("ZRANDMEMBER with count 0 is empty", SMALL, "ZRANDMEMBER z 0", "ZRANDMEMBER z 0 WITHSCORES")
z("ZRANDMEMBER on a missing key", "ZRANDMEMBER z", "ZRANDMEMBER z 5", "ZRANDMEMBER z -5 WITHSCORES")
z("ZRANDMEMBER with a non-integer count is an error", SMALL, "ZRANDMEMBER z abc")
z("ZRANDMEMBER with the minimum 64-bit count is an error", SMALL, "ZRANDMEMBER z -9223372036854775808")
z("ZRANDMEMBER WITHSCORES with a huge count is an error", SMALL, "ZRANDMEMBER z 9223372036854775807 WITHSCORES", "ZRANDMEMBER z -4611686018427387905 WITHSCORES")
z("ZRANDMEMBER WITHSCORES at the largest count covers the set", SMALL, "ZRANDMEMBER z 4611686018427387903 WITHSCORES")
z("ZRANDMEMBER with a bad option is a syntax error", SMALL, "ZRANDMEMBER z 1 FOO", "ZRANDMEMBER z 1 WITHSCORES x")
z("ZRANDMEMBER on a string is WRONGTYPE", WRONGTYPE, "ZRANDMEMBER s", "ZRANDMEMBER s 1")

# ---------------------------------------------------------------- ZSCAN
z("ZSCAN of a listpack returns everything with cursor 0", "ZADD z 1 a 2.5 b -1 c", "ZSCAN z 0")
z("ZSCAN of a listpack prints integral scores as integers", "ZADD z 1e17 a 123456789012345678 b 9.2233720368547758e18 c -0 d 0.1 e", "ZSCAN z 0")
z("ZSCAN of a one-member skip list prints scores as %.17g", ["ZADD", "z", "1e17", LONG], "ZSCAN z 0")
z("ZSCAN with MATCH filters members", "ZADD z 1 foo 2 bar 3 food", "ZSCAN z 0 MATCH fo*", "ZSCAN z 0 MATCH * COUNT 1")
z("ZSCAN with a bad cursor is an error", SMALL, "ZSCAN z abc", "ZSCAN z 1.5")
z("ZSCAN with a negative cursor is accepted", SMALL, "ZSCAN z -1")
z("ZSCAN with COUNT 0 is a syntax error", SMALL, "ZSCAN z 0 COUNT 0")
z("ZSCAN with a non-integer COUNT is an error", SMALL, "ZSCAN z 0 COUNT x")
z("ZSCAN with an unknown option is a syntax error", SMALL, "ZSCAN z 0 FOO bar", "ZSCAN z 0 TYPE zset", "ZSCAN z 0 MATCH")
z("ZSCAN on a missing key is empty", "ZSCAN z 0", "ZSCAN z 0 COUNT 0")
z("ZSCAN on a string is WRONGTYPE", WRONGTYPE, "ZSCAN s 0")

# ---------------------------------------------------------------- ZUNION / ZINTER / ZDIFF
ZA = "ZADD a 1 x 2 y 3 z"
ZB = "ZADD b 10 y 20 z 30 w"
z("ZUNION sums scores", ZA, ZB, "ZUNION 2 a b WITHSCORES", "ZUNION 2 a b")
z("ZUNION with WEIGHTS", ZA, ZB, "ZUNION 2 a b WEIGHTS 2 0.5 WITHSCORES")
z("ZUNION with AGGREGATE MIN and MAX", ZA, ZB, "ZUNION 2 a b AGGREGATE MIN WITHSCORES", "ZUNION 2 a b aggregate max withscores")
z("ZUNION with a missing key", ZA, "ZUNION 2 a nokey WITHSCORES", "ZUNION 1 nokey")
z("ZUNION of a key with itself", ZA, "ZUNION 2 a a WITHSCORES")
z("ZUNION with infinite scores summing to NaN gives 0", "ZADD a inf x", "ZADD b -inf x", "ZUNION 2 a b WITHSCORES")
z("ZUNION with a zero weight on an infinite score gives 0", "ZADD a inf x", "ZUNION 1 a WEIGHTS 0 WITHSCORES")
z("ZUNION with a negative weight", ZA, "ZUNION 1 a WEIGHTS -1 WITHSCORES")
z("ZUNION with numkeys 0 is an error", "ZUNION 0 a")
z("ZUNION with a negative numkeys is an error", "ZUNION -1 a")
z("ZUNION with a non-integer numkeys is an error", "ZUNION x a")
z("ZUNION with more numkeys than keys is a syntax error", "ZUNION 3 a b")
z("ZUNION with a bad weight is an error", ZA, "ZUNION 1 a WEIGHTS x", "ZUNION 1 a WEIGHTS nan")
z("ZUNION with too few weights is a syntax error", ZA, ZB, "ZUNION 2 a b WEIGHTS 1")
z("ZUNION with a bad AGGREGATE is a syntax error", ZA, "ZUNION 1 a AGGREGATE avg", "ZUNION 1 a AGGREGATE")
z("ZUNION with an unknown option is a syntax error", ZA, "ZUNION 1 a FOO")
z("ZUNION on a string is WRONGTYPE before the options", WRONGTYPE, "ZUNION 1 s WEIGHTS x", "ZUNION 1 s")
z("ZUNION with too few arguments is an arity error", "ZUNION 1")
z("ZINTER intersects and sums", ZA, ZB, "ZINTER 2 a b WITHSCORES", "ZINTER 2 a b")
z("ZINTER with WEIGHTS and AGGREGATE", ZA, ZB, "ZINTER 2 a b WEIGHTS 1 -1 AGGREGATE MAX WITHSCORES", "ZINTER 2 a b AGGREGATE MIN WITHSCORES")
z("ZINTER with a missing key is empty", ZA, "ZINTER 2 a nokey WITHSCORES")
z("ZINTER of a key with itself", ZA, "ZINTER 2 a a WEIGHTS 1 3 WITHSCORES")
z("ZINTER on a string is WRONGTYPE", ZA, WRONGTYPE, "ZINTER 2 a s")
z("ZINTER with a zero weight times infinity", "ZADD a inf x", "ZADD b 1 x", "ZINTER 2 a b WEIGHTS 0 1 WITHSCORES", "ZINTER 2 b a WEIGHTS 1 0 WITHSCORES")
z("ZDIFF keeps members of the first only", ZA, ZB, "ZDIFF 2 a b WITHSCORES", "ZDIFF 2 b a")
z("ZDIFF with a missing key", ZA, "ZDIFF 2 a nokey WITHSCORES", "ZDIFF 2 nokey a")
z("ZDIFF of a key with itself is empty", ZA, "ZDIFF 2 a a")
z("ZDIFF of one key returns it", ZA, "ZDIFF 1 a WITHSCORES")
z("ZDIFF with WEIGHTS or AGGREGATE is a syntax error", ZA, "ZDIFF 1 a WEIGHTS 1", "ZDIFF 1 a AGGREGATE SUM")
z("ZINTERCARD counts the intersection", ZA, ZB, "ZINTERCARD 2 a b", "ZINTERCARD 1 a", "ZINTERCARD 2 a nokey")
z("ZINTERCARD with LIMIT", ZA, ZB, "ZINTERCARD 2 a b LIMIT 1", "ZINTERCARD 2 a b LIMIT 0", "ZINTERCARD 1 a LIMIT 2")
z("ZINTERCARD with a negative LIMIT is an error", ZA, "ZINTERCARD 1 a LIMIT -1", "ZINTERCARD 1 a LIMIT x")
z("ZINTERCARD with WEIGHTS or WITHSCORES is a syntax error", ZA, "ZINTERCARD 1 a WEIGHTS 1", "ZINTERCARD 1 a WITHSCORES", "ZINTERCARD 1 a AGGREGATE SUM")
z("ZINTERCARD with numkeys 0 is an error", "ZINTERCARD 0 a")
z("ZINTERCARD on a string is WRONGTYPE", WRONGTYPE, "ZINTERCARD 1 s")
z("ZUNIONSTORE stores the union", ZA, ZB, "ZUNIONSTORE d 2 a b", "ZRANGE d 0 -1 WITHSCORES", "OBJECT ENCODING d")
z("ZUNIONSTORE with WEIGHTS and AGGREGATE", ZA, ZB, "ZUNIONSTORE d 2 a b WEIGHTS 1 2 AGGREGATE MAX", "ZRANGE d 0 -1 WITHSCORES")
z("ZUNIONSTORE with WITHSCORES is a syntax error", ZA, "ZUNIONSTORE d 1 a WITHSCORES")
z("ZUNIONSTORE of missing keys deletes the destination", "SET d x", "ZUNIONSTORE d 2 a b", "EXISTS d")
z("ZUNIONSTORE of missing keys into a missing destination", "ZUNIONSTORE d 1 a", "EXISTS d")
z("ZUNIONSTORE overwrites a string and its TTL", ZA, "SET d x EX 100", "ZUNIONSTORE d 1 a", "TYPE d", "TTL d")
z("ZUNIONSTORE into one of its sources", ZA, ZB, "ZUNIONSTORE a 2 a b", "ZRANGE a 0 -1 WITHSCORES")
z("ZUNIONSTORE with numkeys 0 names the command", "ZUNIONSTORE d 0 a")
z("ZUNIONSTORE with too few arguments is an arity error", "ZUNIONSTORE d 1")
z("ZUNIONSTORE of skip lists is a skip list", big("b1", 70, "x"), big("b2", 70, "y"), "ZUNIONSTORE d 2 b1 b2", "OBJECT ENCODING d", "ZCARD d")
z("ZUNIONSTORE of a small result from a skip list is a listpack", big(), "ZADD s2 1 m001 2 zz", "ZINTERSTORE d 2 big s2", "OBJECT ENCODING d", "ZRANGE d 0 -1 WITHSCORES")
z("ZUNIONSTORE with a long member is a skip list", ["ZADD", "a", "1", LONG], "ZUNIONSTORE d 1 a", "OBJECT ENCODING d")
z("ZINTERSTORE stores the intersection", ZA, ZB, "ZINTERSTORE d 2 a b WEIGHTS 2 1", "ZRANGE d 0 -1 WITHSCORES")
z("ZINTERSTORE with an empty result deletes the destination", ZA, "ZADD d 1 q", "ZINTERSTORE d 2 a nokey", "EXISTS d")
z("ZDIFFSTORE stores the difference", ZA, ZB, "ZDIFFSTORE d 2 a b", "ZRANGE d 0 -1 WITHSCORES")
z("ZDIFFSTORE with WEIGHTS is a syntax error", ZA, "ZDIFFSTORE d 1 a WEIGHTS 1")
z("ZDIFFSTORE with numkeys 0 names the command", "ZDIFFSTORE d 0 a")
z("ZINTERSTORE on a string is WRONGTYPE", WRONGTYPE, "ZINTERSTORE d 1 s")
z("ZUNION, ZINTER, ZDIFF and ZINTERCARD accept plain sets, scoring 1", ZA, "SADD st y q", "ZUNION 2 a st WITHSCORES", "ZINTER 2 a st WITHSCORES", "ZDIFF 2 a st", "ZINTERCARD 2 st a")
z("ZUNIONSTORE of a plain set with weights", "SADD st 3 1 2", "ZUNIONSTORE d 1 st WEIGHTS 5", "ZRANGE d 0 -1 WITHSCORES")

# ---------------------------------------------------------------- encodings
z("OBJECT ENCODING is listpack up to 128 members", big(n=128), "OBJECT ENCODING big", "ZADD big 1000 extra", "OBJECT ENCODING big")
z("OBJECT ENCODING is skiplist after a 65-byte member", "ZADD z 1 a", "OBJECT ENCODING z", ["ZADD", "z", "2", LONG], "OBJECT ENCODING z")
z("A 64-byte member stays in a listpack", ["ZADD", "z", "1", "m" * 64], "OBJECT ENCODING z")
z("A new set with a long first member is a skip list", ["ZADD", "z", "1", LONG, "2", "a"], "OBJECT ENCODING z")
z("A skip list does not go back to a listpack", big(), "ZREMRANGEBYRANK big 1 -1", "ZCARD big", "OBJECT ENCODING big")
z("TYPE of a sorted set is zset", "ZADD z 1 a", "TYPE z")

# ---------------------------------------------------------------- keyspace interplay
z("A sorted set expired in the past is gone", "ZADD z 1 a", "PEXPIREAT z 1", "EXISTS z", "ZCARD z")
z("ZADD keeps the TTL of an existing set", "ZADD z 1 a", "EXPIRE z 100", "ZADD z 2 b", "TTL z")
z("RENAME moves a sorted set", SMALL, "RENAME z y", "ZRANGE y 0 -1 WITHSCORES", "EXISTS z")
z("COPY duplicates a sorted set independently", SMALL, "COPY z y", "ZADD y 9 a", "ZSCORE z a", "ZSCORE y a")
z("COPY of a skip list", big(), "COPY big y", "ZREM big m000", "ZCARD y", "OBJECT ENCODING y")
z("SET over a sorted set replaces it", SMALL, "SET z v", "TYPE z")
z("GET on a sorted set is WRONGTYPE", SMALL, "GET z")
z("DEL removes a sorted set", SMALL, "DEL z", "ZCARD z")
z("WATCH on a key touched by ZMPOP fails the transaction", SMALL, "WATCH z", "ZMPOP 1 z MIN", "MULTI", "PING", "EXEC")
z("Sorted set commands queue inside MULTI", "MULTI", "ZADD z 1 a", "ZINCRBY z 2 a", "ZRANGE z 0 -1 WITHSCORES", "EXEC")

# ---------------------------------------------------------------- RESP3
r3("RESP3 ZSCORE is a double", "ZADD z 1.5 a", "ZSCORE z a", "ZSCORE z nope")
r3("RESP3 ZSCORE of infinities", "ZADD z inf a -inf b", "ZSCORE z a", "ZSCORE z b")
r3("RESP3 ZMSCORE has doubles and nulls", "ZADD z 1 a", "ZMSCORE z a b")
r3("RESP3 ZADD INCR is a double, nil is null", "ZADD z INCR 2 a", "ZADD z NX INCR 1 a")
r3("RESP3 ZINCRBY is a double", "ZINCRBY z 0.25 a")
r3("RESP3 ZRANGE WITHSCORES nests pairs", "ZADD z 1 a 2 b", "ZRANGE z 0 -1 WITHSCORES", "ZRANGE z 0 -1")
r3("RESP3 ZRANGEBYSCORE WITHSCORES nests pairs", "ZADD z 1 a 2 b", "ZRANGEBYSCORE z -inf +inf WITHSCORES", "ZREVRANGEBYSCORE z +inf -inf WITHSCORES LIMIT 0 1")
r3("RESP3 ZREVRANGE WITHSCORES on a skip list", big(), "ZREVRANGE big 0 1 WITHSCORES")
r3("RESP3 ZRANGE on a missing key", "ZRANGE z 0 -1 WITHSCORES")
r3("RESP3 ZPOPMIN without a count is flat", "ZADD z 1 a 2 b", "ZPOPMIN z", "ZPOPMAX z")
r3("RESP3 ZPOPMIN with a count nests pairs", "ZADD z 1 a 2 b 3 c", "ZPOPMIN z 2", "ZPOPMAX z 1", "ZPOPMIN z 5")
r3("RESP3 ZPOPMIN on a missing key", "ZPOPMIN z", "ZPOPMIN z 2")
r3("RESP3 ZMPOP", "ZADD z 1 a 2 b", "ZMPOP 1 z MAX COUNT 5", "ZMPOP 1 z MIN")
r3("RESP3 BZPOPMIN served at once", "ZADD z 1 a", "BZPOPMIN z 0")
r3("RESP3 BZMPOP served at once", "ZADD z 1 a", "BZMPOP 1 1 z MIN")
r3("RESP3 BZPOPMIN inside MULTI is null", "MULTI", "BZPOPMIN z 0", "EXEC")
r3("RESP3 ZRANDMEMBER WITHSCORES nests pairs", "ZADD z 1 a 2 b", "ZRANDMEMBER z 2 WITHSCORES", "ZRANDMEMBER z 5")
r3("RESP3 ZRANDMEMBER on a missing key", "ZRANDMEMBER z", "ZRANDMEMBER z 2")
r3("RESP3 ZSCAN scores stay bulk strings", "ZADD z 1.5 a 2 b", "ZSCAN z 0")
r3("RESP3 ZUNION WITHSCORES nests pairs", "ZADD a 1 x 2 y", "ZADD b 1 y", "ZUNION 2 a b WITHSCORES", "ZINTER 2 a b WITHSCORES", "ZDIFF 2 a b WITHSCORES")
r3("RESP3 ZRANK of a missing member is null", "ZADD z 1 a", "ZRANK z b", "ZRANK z a")
r3("RESP3 ZSCORE of negative zero in a skip list", ["ZADD", "z", "-0", LONG], ["ZSCORE", "z", LONG])


def main():
    cli({"zsets": CASES}, 7413)


if __name__ == "__main__":
    main()
