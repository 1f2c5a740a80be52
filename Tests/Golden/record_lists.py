#!/usr/bin/env python3
"""Record the list golden cases (lists.jsonl) from a real redis-server 7.0.15.

Usage:
  python3 record_lists.py --port 7411                 # record + validate + write lists.jsonl
  python3 record_lists.py --port 7411 --validate-only

Same format and runner as record.py (its reader is copied here so the two scripts stay
independent); see README.md.  Stdlib only.
"""
import os
import shlex
import sys


# --------------------------------------------------------------------------- RESP
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import Conn, Incomplete, Raw, cli, encode, record_file, resp_len, run_case  # noqa: E402,F401

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

# ---------------------------------------------------------------- lists
WT = "SET s v"           # a string key for WRONGTYPE cases
l = adder("lists")
l3 = adder("lists", resp=3)

# LPUSH / RPUSH / LPUSHX / RPUSHX
l("LPUSH creates a list and returns its length", "LPUSH l a", "LPUSH l b c", "LRANGE l 0 -1", "TYPE l")
l("RPUSH appends in order", "RPUSH l a b c", "RPUSH l d", "LRANGE l 0 -1")
l("LPUSH with several values prepends them one by one", "LPUSH l a b c", "LRANGE l 0 -1")
l("LPUSH and RPUSH mixed", "RPUSH l 1", "LPUSH l 0", "RPUSH l 2", "LPUSH l -1", "LRANGE l 0 -1", "LLEN l")
l("RPUSH accepts empty elements", 'RPUSH l "" ""', "LLEN l", "LRANGE l 0 -1")
l("RPUSH with binary-looking and numeric elements", "RPUSH l 1 -1 0 007 1.5 9223372036854775807 18446744073709551616", "LRANGE l 0 -1")
l("LPUSH on a string is WRONGTYPE", WT, "LPUSH s a", "GET s")
l("RPUSH on a string is WRONGTYPE", WT, "RPUSH s a")
l("LPUSH without elements is an arity error", "LPUSH l")
l("RPUSH without a key is an arity error", "RPUSH")
l("LPUSHX on a missing key returns 0 and creates nothing", "LPUSHX l a", "EXISTS l")
l("RPUSHX on a missing key returns 0", "RPUSHX l a b", "EXISTS l")
l("LPUSHX on an existing list pushes", "RPUSH l a", "LPUSHX l b c", "LRANGE l 0 -1")
l("RPUSHX on an existing list pushes", "RPUSH l a", "RPUSHX l b c", "LRANGE l 0 -1")
l("LPUSHX on a string is WRONGTYPE", WT, "LPUSHX s a")
l("RPUSHX on a string is WRONGTYPE", WT, "RPUSHX s a")
l("LPUSHX without an element is an arity error", "LPUSHX l")
l("OBJECT ENCODING of a small list is quicklist in 7.0", "RPUSH l a b c", "OBJECT ENCODING l")
l("OBJECT ENCODING of a list of integers is quicklist", "RPUSH l 1 2 3", "OBJECT ENCODING l")
l("OBJECT ENCODING of a list with a long element is quicklist", "RPUSH l " + "x" * 100, "OBJECT ENCODING l")
l("TYPE of a list is list", "RPUSH l a", "TYPE l")

# LPOP / RPOP
l("LPOP on a missing key returns a nil bulk", "LPOP l")
l("RPOP on a missing key returns a nil bulk", "RPOP l")
l("LPOP with a count on a missing key returns a nil array", "LPOP l 2")
l("RPOP with a count on a missing key returns a nil array", "RPOP l 2")
l("LPOP with count 0 on a missing key returns a nil array", "LPOP l 0")
l("LPOP returns the first element", "RPUSH l a b c", "LPOP l", "LRANGE l 0 -1")
l("RPOP returns the last element", "RPUSH l a b c", "RPOP l", "LRANGE l 0 -1")
l("LPOP of the last element deletes the key", "RPUSH l a", "LPOP l", "EXISTS l", "TYPE l")
l("RPOP of the last element deletes the key", "RPUSH l a", "RPOP l", "EXISTS l")
l("LPOP with a count returns an array in order", "RPUSH l a b c d", "LPOP l 2", "LRANGE l 0 -1")
l("RPOP with a count returns the tail reversed", "RPUSH l a b c d", "RPOP l 3", "LRANGE l 0 -1")
l("LPOP with a count larger than the list empties it", "RPUSH l a b", "LPOP l 10", "EXISTS l")
l("RPOP with a count larger than the list empties it", "RPUSH l a b c", "RPOP l 10", "EXISTS l")
l("LPOP with count 1 returns a one-element array", "RPUSH l a b", "LPOP l 1")
l("LPOP with count 0 on a list returns an empty array", "RPUSH l a", "LPOP l 0", "LLEN l")
l("LPOP with a negative count is out of range", "RPUSH l a", "LPOP l -1")
l("RPOP with a non-integer count is out of range", "RPUSH l a", "RPOP l abc")
l("LPOP with a non-integer count on a missing key errors first", "LPOP l abc")
l("LPOP with too many arguments is an arity error", "RPUSH l a", "LPOP l 1 2")
l("RPOP with too many arguments is an arity error", "RPOP l 1 2")
l("LPOP without a key is an arity error", "LPOP")
l("LPOP on a string is WRONGTYPE", WT, "LPOP s")
l("RPOP with a count on a string is WRONGTYPE", WT, "RPOP s 2")
l("LPOP with count 0 on a string is WRONGTYPE", WT, "LPOP s 0")

# LLEN
l("LLEN on a missing key is 0", "LLEN l")
l("LLEN counts elements", "RPUSH l a b c", "LLEN l")
l("LLEN on a string is WRONGTYPE", WT, "LLEN s")
l("LLEN with two arguments is an arity error", "LLEN a b")

# LRANGE
l("LRANGE of the whole list", "RPUSH l a b c d e", "LRANGE l 0 -1")
l("LRANGE with positive indexes", "RPUSH l a b c d e", "LRANGE l 1 3")
l("LRANGE with negative indexes", "RPUSH l a b c d e", "LRANGE l -3 -2")
l("LRANGE with start past the end is empty", "RPUSH l a b c", "LRANGE l 5 10")
l("LRANGE with start after stop is empty", "RPUSH l a b c", "LRANGE l 2 1")
l("LRANGE with stop past the end is clamped", "RPUSH l a b c", "LRANGE l 1 100")
l("LRANGE with a very negative start is clamped to 0", "RPUSH l a b c", "LRANGE l -100 1")
l("LRANGE with both very negative is empty", "RPUSH l a b c", "LRANGE l -100 -50")
l("LRANGE with a negative stop before start is empty", "RPUSH l a b c", "LRANGE l 0 -4")
l("LRANGE single element", "RPUSH l a b c", "LRANGE l 1 1", "LRANGE l -1 -1")
l("LRANGE with extreme indexes", "RPUSH l a b c", "LRANGE l -9223372036854775808 9223372036854775807")
l("LRANGE on a missing key is an empty array", "LRANGE l 0 -1")
l("LRANGE on a string is WRONGTYPE", WT, "LRANGE s 0 -1")
l("LRANGE with a non-integer start", "RPUSH l a", "LRANGE l a 1")
l("LRANGE with a non-integer stop", "RPUSH l a", "LRANGE l 0 1.5")
l("LRANGE with a non-integer index on a missing key errors", "LRANGE l x 1")
l("LRANGE with a non-integer index on a string reports the index first", WT, "LRANGE s x 1")
l("LRANGE with an index out of 64-bit range", "LRANGE l 0 99999999999999999999")
l("LRANGE with too few arguments", "LRANGE l 0")
l("LRANGE of long elements", "RPUSH l " + "a" * 200 + " " + "b" * 20000, "LRANGE l 0 0", "LLEN l")

# LINDEX
l("LINDEX positive and negative", "RPUSH l a b c", "LINDEX l 0", "LINDEX l 2", "LINDEX l -1", "LINDEX l -3")
l("LINDEX out of range is nil", "RPUSH l a b c", "LINDEX l 3", "LINDEX l -4")
l("LINDEX on a missing key is nil", "LINDEX l 0")
l("LINDEX on a missing key with a bad index", "LINDEX l x")
l("LINDEX with a non-integer index", "RPUSH l a", "LINDEX l x")
l("LINDEX on a string is WRONGTYPE", WT, "LINDEX s 0")
l("LINDEX on a string with a bad index", WT, "LINDEX s x")
l("LINDEX with extreme indexes", "RPUSH l a", "LINDEX l 9223372036854775807", "LINDEX l -9223372036854775808")
l("LINDEX arity", "LINDEX l")

# LSET
l("LSET replaces an element", "RPUSH l a b c", "LSET l 1 B", "LRANGE l 0 -1")
l("LSET with a negative index", "RPUSH l a b c", "LSET l -1 C", "LRANGE l 0 -1")
l("LSET with a longer and a shorter value", "RPUSH l a b c", "LSET l 0 " + "x" * 300, "LSET l 2 ''", "LRANGE l 1 -1", "LINDEX l 0")
l("LSET out of range", "RPUSH l a", "LSET l 1 x", "LSET l -2 x")
l("LSET on a missing key is no such key", "LSET l 0 x")
l("LSET on a missing key with a bad index is no such key", "LSET l x x")
l("LSET with a non-integer index", "RPUSH l a", "LSET l x y")
l("LSET on a string is WRONGTYPE", WT, "LSET s 0 x")
l("LSET arity", "LSET l 0")

# LREM
l("LREM removes all occurrences with count 0", "RPUSH l a b a c a", "LREM l 0 a", "LRANGE l 0 -1")
l("LREM with a positive count removes from the head", "RPUSH l a b a c a", "LREM l 2 a", "LRANGE l 0 -1")
l("LREM with a negative count removes from the tail", "RPUSH l a b a c a", "LREM l -2 a", "LRANGE l 0 -1")
l("LREM with no match returns 0", "RPUSH l a b", "LREM l 0 z", "LRANGE l 0 -1")
l("LREM removing every element deletes the key", "RPUSH l a a a", "LREM l 0 a", "EXISTS l")
l("LREM with a count larger than the matches", "RPUSH l a b a", "LREM l 10 a", "LRANGE l 0 -1")
l("LREM with the most negative count", "RPUSH l a b a", "LREM l -9223372036854775808 a", "LRANGE l 0 -1")
l("LREM on a missing key returns 0", "LREM l 0 a")
l("LREM with a non-integer count", "RPUSH l a", "LREM l x a")
l("LREM with a non-integer count on a missing key", "LREM l x a")
l("LREM on a string is WRONGTYPE", WT, "LREM s 0 a")
l("LREM on a string with a bad count reports the count", WT, "LREM s x a")
l("LREM is case-sensitive", "RPUSH l a A a", "LREM l 0 A", "LRANGE l 0 -1")

# LTRIM
l("LTRIM keeps a range", "RPUSH l a b c d e", "LTRIM l 1 3", "LRANGE l 0 -1")
l("LTRIM with negative indexes", "RPUSH l a b c d e", "LTRIM l -2 -1", "LRANGE l 0 -1")
l("LTRIM with an empty range deletes the key", "RPUSH l a b c", "LTRIM l 2 1", "EXISTS l")
l("LTRIM with start past the end deletes the key", "RPUSH l a b c", "LTRIM l 5 10", "EXISTS l")
l("LTRIM keeping everything", "RPUSH l a b c", "LTRIM l 0 -1", "LRANGE l 0 -1")
l("LTRIM with stop past the end", "RPUSH l a b c", "LTRIM l 1 100", "LRANGE l 0 -1")
l("LTRIM with a very negative start", "RPUSH l a b c", "LTRIM l -100 0", "LRANGE l 0 -1")
l("LTRIM on a missing key is OK", "LTRIM l 0 1", "EXISTS l")
l("LTRIM with a non-integer index", "RPUSH l a", "LTRIM l x 1")
l("LTRIM on a string is WRONGTYPE", WT, "LTRIM s 0 1")
l("LTRIM on a string with a bad index reports the index", WT, "LTRIM s 0 x")

# LINSERT
l("LINSERT BEFORE a pivot", "RPUSH l a b c", "LINSERT l BEFORE b X", "LRANGE l 0 -1")
l("LINSERT AFTER a pivot", "RPUSH l a b c", "LINSERT l AFTER b X", "LRANGE l 0 -1")
l("LINSERT AFTER the last element", "RPUSH l a b c", "LINSERT l after c X", "LRANGE l 0 -1")
l("LINSERT BEFORE the first element", "RPUSH l a b c", "LINSERT l before a X", "LRANGE l 0 -1")
l("LINSERT uses the first matching pivot", "RPUSH l a b a", "LINSERT l AFTER a X", "LRANGE l 0 -1")
l("LINSERT without the pivot returns -1", "RPUSH l a b c", "LINSERT l BEFORE z X", "LRANGE l 0 -1")
l("LINSERT on a missing key returns 0", "LINSERT l BEFORE a X", "EXISTS l")
l("LINSERT with a bad position is a syntax error", "RPUSH l a", "LINSERT l MIDDLE a X")
l("LINSERT with a bad position on a missing key is a syntax error", "LINSERT l MIDDLE a X")
l("LINSERT with a bad position on a string is a syntax error", WT, "LINSERT s MIDDLE a X")
l("LINSERT on a string is WRONGTYPE", WT, "LINSERT s BEFORE a X")
l("LINSERT arity", "LINSERT l BEFORE a")

# LPOS
l("LPOS finds the first match", "RPUSH l a b c 1 2 3 c c", "LPOS l c")
l("LPOS without a match is nil", "RPUSH l a b c", "LPOS l z")
l("LPOS with RANK 2", "RPUSH l a b c 1 2 3 c c", "LPOS l c RANK 2")
l("LPOS with a negative RANK searches from the tail", "RPUSH l a b c 1 2 3 c c", "LPOS l c RANK -1", "LPOS l c RANK -3")
l("LPOS with a RANK beyond the matches is nil", "RPUSH l a b c", "LPOS l c RANK 2")
l("LPOS with COUNT returns an array", "RPUSH l a b c 1 2 3 c c", "LPOS l c COUNT 2")
l("LPOS with COUNT 0 returns all matches", "RPUSH l a b c 1 2 3 c c", "LPOS l c COUNT 0")
l("LPOS with COUNT and RANK", "RPUSH l a b c 1 2 3 c c", "LPOS l c RANK 2 COUNT 2", "LPOS l c RANK -1 COUNT 2")
l("LPOS with COUNT and no match is an empty array", "RPUSH l a b", "LPOS l z COUNT 1")
l("LPOS with MAXLEN limits the scan", "RPUSH l a b c 1 2 3 c c", "LPOS l c MAXLEN 2", "LPOS l c MAXLEN 3", "LPOS l c COUNT 0 MAXLEN 7")
l("LPOS with MAXLEN from the tail", "RPUSH l a b c 1 2 3 c c", "LPOS l a RANK -1 MAXLEN 3", "LPOS l c RANK -1 COUNT 0 MAXLEN 3")
l("LPOS options are case-insensitive and may repeat", "RPUSH l a b a", "LPOS l a rank 1 Rank 2 count 1 COUNT 0")
l("LPOS on a missing key is nil", "LPOS l a")
l("LPOS with COUNT on a missing key is an empty array", "LPOS l a COUNT 1")
l("LPOS on a string is WRONGTYPE", WT, "LPOS s a")
l("LPOS RANK 0 is an error", "RPUSH l a", "LPOS l a RANK 0")
l("LPOS RANK 0 on a missing key is an error", "LPOS l a RANK 0")
l("LPOS with a non-integer RANK", "RPUSH l a", "LPOS l a RANK x")
l("LPOS with a negative COUNT", "RPUSH l a", "LPOS l a COUNT -1")
l("LPOS with a non-integer COUNT", "RPUSH l a", "LPOS l a COUNT x")
l("LPOS with a negative MAXLEN", "RPUSH l a", "LPOS l a MAXLEN -1")
l("LPOS with a non-integer MAXLEN", "RPUSH l a", "LPOS l a MAXLEN 1.5")
l("LPOS with an unknown option is a syntax error", "RPUSH l a", "LPOS l a FOO 1")
l("LPOS with an option missing its value is a syntax error", "RPUSH l a", "LPOS l a RANK")
l("LPOS with the most negative RANK matches from the tail", "RPUSH l a b c a", "LPOS l a RANK -9223372036854775808")
l("LPOS with the most positive negative RANK is nil", "RPUSH l a b c a", "LPOS l a RANK -9223372036854775807")
l("LPOS options are checked before the key type", WT, "LPOS s a RANK 0")

# LMOVE / RPOPLPUSH
l("LMOVE LEFT RIGHT moves the head to the tail of another list", "RPUSH a 1 2 3", "RPUSH b x", "LMOVE a b LEFT RIGHT", "LRANGE a 0 -1", "LRANGE b 0 -1")
l("LMOVE RIGHT LEFT", "RPUSH a 1 2 3", "RPUSH b x", "LMOVE a b RIGHT LEFT", "LRANGE a 0 -1", "LRANGE b 0 -1")
l("LMOVE LEFT LEFT and RIGHT RIGHT", "RPUSH a 1 2 3", "LMOVE a b LEFT LEFT", "LMOVE a b RIGHT RIGHT", "LRANGE b 0 -1")
l("LMOVE creates the destination", "RPUSH a 1", "LMOVE a b left right", "EXISTS a", "LRANGE b 0 -1")
l("LMOVE on the same list rotates it", "RPUSH a 1 2 3", "LMOVE a a LEFT RIGHT", "LRANGE a 0 -1", "LMOVE a a RIGHT LEFT", "LRANGE a 0 -1")
l("LMOVE on a one-element list to itself", "RPUSH a 1", "LMOVE a a LEFT RIGHT", "LRANGE a 0 -1")
l("LMOVE from a missing source is nil", "LMOVE a b LEFT RIGHT", "EXISTS b")
l("LMOVE from a missing source to a string is nil", "SET b v", "LMOVE a b LEFT RIGHT")
l("LMOVE to a string is WRONGTYPE and pops nothing", "RPUSH a 1", "SET b v", "LMOVE a b LEFT RIGHT", "LRANGE a 0 -1")
l("LMOVE from a string is WRONGTYPE", WT, "LMOVE s b LEFT RIGHT")
l("LMOVE with a bad direction is a syntax error", "RPUSH a 1", "LMOVE a b UP RIGHT", "LMOVE a b LEFT DOWN")
l("LMOVE with a bad direction on missing keys is a syntax error", "LMOVE a b UP RIGHT")
l("LMOVE arity", "LMOVE a b LEFT")
l("RPOPLPUSH moves the tail to the head", "RPUSH a 1 2 3", "RPUSH b x", "RPOPLPUSH a b", "LRANGE a 0 -1", "LRANGE b 0 -1")
l("RPOPLPUSH on the same list rotates it", "RPUSH a 1 2 3", "RPOPLPUSH a a", "LRANGE a 0 -1")
l("RPOPLPUSH of the last element deletes the source", "RPUSH a 1", "RPOPLPUSH a b", "EXISTS a", "LRANGE b 0 -1")
l("RPOPLPUSH from a missing source is nil", "RPOPLPUSH a b")
l("RPOPLPUSH to a string is WRONGTYPE", "RPUSH a 1", "SET b v", "RPOPLPUSH a b", "LLEN a")
l("RPOPLPUSH from a string is WRONGTYPE", WT, "RPOPLPUSH s b")
l("RPOPLPUSH arity", "RPOPLPUSH a")

# LMPOP
l("LMPOP LEFT pops from the first non-empty key", "RPUSH b 1 2 3", "LMPOP 2 a b LEFT", "LRANGE b 0 -1")
l("LMPOP RIGHT with COUNT", "RPUSH a 1 2 3", "LMPOP 1 a RIGHT COUNT 2", "LRANGE a 0 -1")
l("LMPOP with COUNT larger than the list deletes it", "RPUSH a 1 2", "LMPOP 1 a LEFT COUNT 10", "EXISTS a")
l("LMPOP on missing keys is a nil array", "LMPOP 2 a b LEFT")
l("LMPOP direction is case-insensitive", "RPUSH a 1 2", "LMPOP 1 a left count 1", "LMPOP 1 a right")
l("LMPOP numkeys 0 is an error", "LMPOP 0 a LEFT")
l("LMPOP negative numkeys is an error", "LMPOP -1 a LEFT")
l("LMPOP non-integer numkeys is an error", "LMPOP x a LEFT")
l("LMPOP numkeys larger than the keys given is a syntax error", "LMPOP 3 a b LEFT")
l("LMPOP numkeys huge is a syntax error", "LMPOP 9223372036854775807 a LEFT")
l("LMPOP with a bad direction is a syntax error", "LMPOP 1 a MIDDLE")
l("LMPOP COUNT 0 is an error", "LMPOP 1 a LEFT COUNT 0")
l("LMPOP negative COUNT is an error", "LMPOP 1 a LEFT COUNT -1")
l("LMPOP non-integer COUNT is an error", "LMPOP 1 a LEFT COUNT x")
l("LMPOP COUNT twice is a syntax error", "RPUSH a 1", "LMPOP 1 a LEFT COUNT 1 COUNT 1")
l("LMPOP COUNT without a value is a syntax error", "LMPOP 1 a LEFT COUNT")
l("LMPOP with an unknown option is a syntax error", "LMPOP 1 a LEFT FOO")
l("LMPOP on a string is WRONGTYPE", WT, "LMPOP 1 s LEFT")
l("LMPOP skips missing keys then meets a string", WT, "LMPOP 2 a s LEFT")
l("LMPOP stops at the first list before a string", "RPUSH a 1", WT, "LMPOP 2 a s LEFT")
l("LMPOP arity", "LMPOP 1 a")

# Blocking commands served at once, and in MULTI
l("BLPOP on a non-empty list returns key and element", "RPUSH l a b", "BLPOP l 0", "LRANGE l 0 -1")
l("BRPOP on a non-empty list returns the tail", "RPUSH l a b", "BRPOP l 0")
l("BLPOP picks the first non-empty key", "RPUSH b 1", "RPUSH c 2", "BLPOP a b c 1")
l("BLPOP of the last element deletes the key", "RPUSH l a", "BLPOP l 1", "EXISTS l")
l("BLPOP on a string is WRONGTYPE", WT, "BLPOP s 0")
l("BLPOP with a string after an empty key is WRONGTYPE", WT, "BLPOP a s 0")
l("BLPOP with a negative timeout", "BLPOP l -1")
l("BLPOP with a non-numeric timeout", "BLPOP l abc")
l("BLPOP timeout is checked before the key type", WT, "BLPOP s abc")
l("BLPOP accepts a fractional timeout", "RPUSH l a", "BLPOP l 0.5")
l("BLPOP arity", "BLPOP l")
l("BLPOP in MULTI on a missing key returns a nil array at once", "MULTI", "BLPOP l 0", "EXEC")
l("BRPOP in MULTI on a list pops", "RPUSH l a b", "MULTI", "BRPOP l 0", "EXEC")
l("BLMOVE on a non-empty list moves", "RPUSH a 1 2", "BLMOVE a b RIGHT LEFT 0", "LRANGE a 0 -1", "LRANGE b 0 -1")
l("BLMOVE with a bad direction is a syntax error", "BLMOVE a b UP LEFT 0")
l("BLMOVE with a bad timeout", "BLMOVE a b LEFT LEFT x")
l("BLMOVE direction is checked before the timeout", "BLMOVE a b UP LEFT x")
l("BLMOVE from a string is WRONGTYPE", WT, "BLMOVE s b LEFT LEFT 0")
l("BLMOVE to a string is WRONGTYPE", "RPUSH a 1", "SET b v", "BLMOVE a b LEFT LEFT 0", "LLEN a")
l("BLMOVE in MULTI on a missing key returns nil", "MULTI", "BLMOVE a b LEFT LEFT 0", "EXEC")
l("BRPOPLPUSH on a non-empty list moves", "RPUSH a 1 2", "BRPOPLPUSH a b 0", "LRANGE b 0 -1")
l("BRPOPLPUSH in MULTI on a missing key returns nil", "MULTI", "BRPOPLPUSH a b 0", "EXEC")
l("BRPOPLPUSH with a negative timeout", "BRPOPLPUSH a b -1")
l("BRPOPLPUSH arity", "BRPOPLPUSH a b")
l("BLMPOP on a non-empty list pops with key", "RPUSH a 1 2 3", "BLMPOP 0 1 a LEFT COUNT 2", "LRANGE a 0 -1")
l("BLMPOP RIGHT without COUNT pops one", "RPUSH a 1 2 3", "BLMPOP 0 2 x a RIGHT")
l("BLMPOP in MULTI on missing keys returns a nil array", "MULTI", "BLMPOP 0 2 a b LEFT", "EXEC")
l("BLMPOP numkeys 0 is an error", "BLMPOP 0 0 a LEFT")
l("BLMPOP with a bad timeout", "BLMPOP x 1 a LEFT")
l("BLMPOP checks numkeys before the timeout", "BLMPOP x 0 a LEFT")
l("BLMPOP checks COUNT before the timeout", "BLMPOP x 1 a LEFT COUNT 0")
l("BLMPOP with a negative timeout", "BLMPOP -1 1 a LEFT")
l("BLMPOP on a string is WRONGTYPE", WT, "BLMPOP 0 1 s LEFT")
l("BLMPOP arity", "BLMPOP 0 1 a")

# interplay
l("A list key is replaced by SET", "RPUSH l a", "SET l v", "GET l")
l("DEL removes a list", "RPUSH l a b", "DEL l", "LLEN l")
l("RENAME keeps the list", "RPUSH l a b", "RENAME l m", "LRANGE m 0 -1", "EXISTS l")
l("COPY duplicates a list independently", "RPUSH l a b", "COPY l m", "RPUSH m c", "LRANGE l 0 -1", "LRANGE m 0 -1")
l("A list with a TTL keeps it through pushes", "RPUSH l a", "EXPIRE l 100", "RPUSH l b", "TTL l")
l("A list emptied and recreated loses its TTL", "RPUSH l a", "EXPIRE l 100", "LPOP l", "RPUSH l b", "TTL l")
l("GET on a list is WRONGTYPE", "RPUSH l a", "GET l")
l("MULTI with list commands", "MULTI", "RPUSH l a b", "LPOP l", "LRANGE l 0 -1", "EXEC")
l("LPUSH queued with a wrong arity aborts EXEC", "MULTI", "LPUSH l", "EXEC")
l("SCAN TYPE list finds lists", "RPUSH l a", "SET s v", "SCAN 0 TYPE list")
l("A list of 40 elements with list-max-listpack-size 4 spans several nodes", "CONFIG SET list-max-listpack-size 4",
  "RPUSH l " + " ".join(str(i) for i in range(1, 41)), "LRANGE l 10 13", "LINDEX l 35", "LINSERT l BEFORE 20 X",
  "LRANGE l 17 21", "LREM l 0 X", "LTRIM l 5 -5", "LRANGE l 0 2", "LRANGE l -3 -1", "LLEN l", "OBJECT ENCODING l",
  "CONFIG SET list-max-listpack-size -2")

# RESP3 forms
l3("RESP3 LPOP on a missing key is null", "LPOP l")
l3("RESP3 LPOP with a count on a missing key is null", "LPOP l 2")
l3("RESP3 RPOP with a count returns an array", "RPUSH l a b", "RPOP l 2")
l3("RESP3 LINDEX out of range is null", "RPUSH l a", "LINDEX l 5")
l3("RESP3 LPOS without a match is null", "RPUSH l a", "LPOS l z")
l3("RESP3 LPOS with COUNT on a missing key is an empty array", "LPOS l z COUNT 1")
l3("RESP3 LMOVE from a missing source is null", "LMOVE a b LEFT LEFT")
l3("RESP3 RPOPLPUSH from a missing source is null", "RPOPLPUSH a b")
l3("RESP3 LMPOP on missing keys is null", "LMPOP 1 a LEFT")
l3("RESP3 LMPOP returns nested arrays", "RPUSH a 1 2", "LMPOP 1 a LEFT COUNT 2")
l3("RESP3 BLPOP in MULTI on a missing key is null", "MULTI", "BLPOP l 0", "EXEC")
l3("RESP3 BLMOVE in MULTI on a missing key is null", "MULTI", "BLMOVE a b LEFT LEFT 0", "EXEC")
l3("RESP3 BLMPOP in MULTI is null", "MULTI", "BLMPOP 0 1 a LEFT", "EXEC")
l3("RESP3 LRANGE on a missing key is an empty array", "LRANGE l 0 -1")


# --------------------------------------------------------------------------- main



def main():
    cli(GROUPS, 7411)


if __name__ == "__main__":
    main()
