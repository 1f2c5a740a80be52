#!/usr/bin/env python3
"""Record the geospatial golden cases (geo.jsonl) from a real redis-server 7.0.15.

Usage: python3 record_geo.py [--host 127.0.0.1] [--port 7416] [--validate-only]

Same format and runner as record.py (imported from it): every case runs on a fresh connection
after FLUSHALL, "resp": 3 cases send HELLO 3 first, each case is replayed twice and kept only if
the bytes are identical. The data is a fixed set of real city coordinates (Redis's own Palermo
and Catania plus world cities); searches without ASC/DESC come back in Redis's cell order, which
is deterministic. No two cities share a distance, so sorted replies have no ties.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record import _cmd, cli  # noqa: E402

CASES = []


def g(name, *cmds, resp=2):
    assert cmds, name
    CASES.append({"name": name, "resp": resp, "commands": [_cmd(c) for c in cmds]})


def r3(name, *cmds):
    g(name, *cmds, resp=3)


SICILY = "GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania"
ITALY = ("GEOADD it 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 12.496366 41.902782 Rome "
         "9.189982 45.464204 Milan 14.268120 40.851775 Naples 11.255814 43.769562 Florence "
         "12.315515 45.440847 Venice 16.871871 41.117143 Bari 8.946256 44.405650 Genoa 7.686864 45.070339 Turin")
WORLD = ("GEOADD w 13.361389 38.115556 Palermo 2.352222 48.856613 Paris -0.127758 51.507351 London "
         "13.404954 52.520008 Berlin -3.703790 40.416775 Madrid -74.005973 40.712775 NewYork "
         "-122.419416 37.774929 SanFrancisco 139.691706 35.689487 Tokyo 151.209296 -33.868820 Sydney "
         "-58.381559 -34.603684 BuenosAires 18.424055 -33.924870 CapeTown -21.942400 64.146600 Reykjavik "
         "103.819836 1.352083 Singapore 36.821946 -1.292066 Nairobi -149.900278 61.218056 Anchorage "
         "-157.858333 21.306944 Honolulu 37.617300 55.755826 Moscow 77.209023 28.613939 Delhi "
         "-43.172896 -22.906847 Rio 174.763336 -36.848461 Auckland")
WRONGTYPE = "SET s x"

# ---------------------------------------------------------------- GEOADD
g("GEOADD adds members and returns the count", SICILY, "ZRANGE Sicily 0 -1 WITHSCORES")
g("GEOADD of world cities stores Redis's 52-bit scores", WORLD, "ZRANGE w 0 -1 WITHSCORES", "OBJECT ENCODING w", "TYPE w")
g("GEOADD updating a member returns 0", SICILY, "GEOADD Sicily 13.5 38.2 Palermo", "ZSCORE Sicily Palermo")
g("GEOADD with CH counts updated members", SICILY, "GEOADD Sicily CH 13.5 38.2 Palermo 15.087269 37.502669 Catania 12 40 New")
g("GEOADD with NX adds only new members", SICILY, "GEOADD Sicily NX 13.5 38.2 Palermo 12 40 New", "GEOPOS Sicily Palermo New")
g("GEOADD with XX updates only existing members", SICILY, "GEOADD Sicily XX CH 13.5 38.2 Palermo 12 40 New", "GEOPOS Sicily Palermo New")
g("GEOADD with XX on a missing key creates nothing", "GEOADD k XX 13 38 a", "EXISTS k")
g("GEOADD with NX and XX is a syntax error", "GEOADD k NX XX 13 38 a")
g("GEOADD options are case-insensitive", "GEOADD k nx ch 13 38 a", "GEOADD k xx Ch 14 38 a")
g("GEOADD with a missing member is a syntax error", "GEOADD k 13 38 a 14")
g("GEOADD with only options is a syntax error", "GEOADD k ch ch ch", "GEOADD k NX 13 38")
g("GEOADD with too few arguments", "GEOADD k 13 38", "GEOADD k")
g("GEOADD with a longitude out of range", "GEOADD k 200 100 a", "EXISTS k")
g("GEOADD with a latitude out of range", "GEOADD k 13 86 a", "GEOADD k 13 -85.06 a")
g("GEOADD with a negative longitude out of range", "GEOADD k -180.5 10 a")
g("GEOADD with a bad pair after a good one adds nothing", "GEOADD k 13 38 a 14 90 b", "EXISTS k")
g("GEOADD with a non-numeric longitude", "GEOADD k abc 38 a", "GEOADD k 13 xyz a")
g("GEOADD with fractional out of range values prints six decimals", "GEOADD k 180.0000001 0 a", "GEOADD k 12.3456789 -89.123456789 a")
g("GEOADD at the exact limits", "GEOADD k 180 85.05112878 a -180 -85.05112878 b", "GEOPOS k a b", "ZRANGE k 0 -1 WITHSCORES", "GEOHASH k a b")
g("GEOADD at zero", "GEOADD k 0 0 a", "GEOPOS k a", "GEOHASH k a", "ZSCORE k a")
g("GEOADD on a wrong type", WRONGTYPE, "GEOADD s 13 38 a")
g("GEOADD on a wrong type checks coordinates first", WRONGTYPE, "GEOADD s 200 38 a")
g("GEOADD with inf is out of range", "GEOADD k inf 0 a", "GEOADD k 0 -inf a")
g("GEOADD with nan is not a float", "GEOADD k nan 0 a")
g("GEOADD same member twice in one call", "GEOADD k 13 38 a 14 39 a", "GEOPOS k a", "ZCARD k")
g("GEOADD then ZREM deletes the key when empty", "GEOADD k 13 38 a", "ZREM k a", "EXISTS k")
g("GEOADD makes a skiplist past 128 members",
  ["GEOADD", "big"] + sum([[str(-170 + i * 2.5), str(-80 + i * 1.2), "p%03d" % i] for i in range(130)], []),
  "OBJECT ENCODING big", "ZCARD big", "GEOPOS big p000 p129", "GEODIST big p000 p129 km")

# ---------------------------------------------------------------- GEOPOS
g("GEOPOS returns the stored coordinates", SICILY, "GEOPOS Sicily Palermo Catania NonExisting")
g("GEOPOS of world cities", WORLD, "GEOPOS w Paris London NewYork Sydney BuenosAires Tokyo Reykjavik Anchorage Honolulu Auckland Rio")
g("GEOPOS on a missing key returns nil arrays", "GEOPOS nokey a b")
g("GEOPOS with no member returns an empty array", SICILY, "GEOPOS Sicily")
g("GEOPOS on a wrong type", WRONGTYPE, "GEOPOS s a")
g("GEOPOS of a plain ZADD score", "ZADD z 0 a 1 b 4503599627370495 c", "GEOPOS z a b c")
r3("RESP3 GEOPOS returns doubles", SICILY, "GEOPOS Sicily Palermo Catania NonExisting")
r3("RESP3 GEOPOS on a missing key", "GEOPOS nokey a")

# ---------------------------------------------------------------- GEODIST
g("GEODIST in meters by default", SICILY, "GEODIST Sicily Palermo Catania")
g("GEODIST in every unit", SICILY, "GEODIST Sicily Palermo Catania m", "GEODIST Sicily Palermo Catania km",
  "GEODIST Sicily Palermo Catania mi", "GEODIST Sicily Palermo Catania ft", "GEODIST Sicily Palermo Catania KM")
g("GEODIST of world cities", WORLD, "GEODIST w London Paris km", "GEODIST w NewYork SanFrancisco mi",
  "GEODIST w Sydney Auckland km", "GEODIST w Tokyo BuenosAires km", "GEODIST w Anchorage Honolulu ft",
  "GEODIST w Reykjavik Rio", "GEODIST w Singapore Nairobi m")
g("GEODIST of a member to itself is zero", SICILY, "GEODIST Sicily Palermo Palermo")
g("GEODIST with a missing member is nil", SICILY, "GEODIST Sicily Palermo Nowhere", "GEODIST Sicily Nowhere Palermo")
g("GEODIST on a missing key is nil", "GEODIST nokey a b", "GEODIST nokey a b km")
g("GEODIST with an unknown unit", SICILY, "GEODIST Sicily Palermo Catania yards", "GEODIST nokey a b yards")
g("GEODIST with too many arguments is a syntax error", SICILY, "GEODIST Sicily Palermo Catania km extra")
g("GEODIST with too few arguments", "GEODIST Sicily Palermo")
g("GEODIST on a wrong type", WRONGTYPE, "GEODIST s a b", "GEODIST s a b parsecs")
r3("RESP3 GEODIST is a bulk string and a missing member is null", SICILY, "GEODIST Sicily Palermo Catania km", "GEODIST Sicily Palermo Nowhere", "GEODIST nokey a b")

# ---------------------------------------------------------------- GEOHASH
g("GEOHASH returns 11-character strings", SICILY, "GEOHASH Sicily Palermo Catania Nowhere")
g("GEOHASH of world cities", WORLD, "GEOHASH w Paris London NewYork Sydney BuenosAires Tokyo Reykjavik Anchorage Honolulu Auckland Rio Singapore")
g("GEOHASH on a missing key returns nils", "GEOHASH nokey a b")
g("GEOHASH with no member", SICILY, "GEOHASH Sicily")
g("GEOHASH on a wrong type", WRONGTYPE, "GEOHASH s a")
r3("RESP3 GEOHASH missing members are null", SICILY, "GEOHASH Sicily Palermo Nowhere")

# ---------------------------------------------------------------- GEORADIUS
g("GEORADIUS returns members in cell order", SICILY, "GEORADIUS Sicily 15 37 200 km")
g("GEORADIUS with WITHDIST", SICILY, "GEORADIUS Sicily 15 37 200 km WITHDIST")
g("GEORADIUS with WITHCOORD", SICILY, "GEORADIUS Sicily 15 37 200 km WITHCOORD")
g("GEORADIUS with WITHHASH", SICILY, "GEORADIUS Sicily 15 37 200 km WITHHASH")
g("GEORADIUS with every WITH option", SICILY, "GEORADIUS Sicily 15 37 200 km WITHCOORD WITHDIST WITHHASH ASC")
g("GEORADIUS ASC and DESC", ITALY, "GEORADIUS it 13 40 500 km ASC", "GEORADIUS it 13 40 500 km DESC WITHDIST")
g("GEORADIUS with COUNT sorts ascending", ITALY, "GEORADIUS it 13 40 1000 km COUNT 3", "GEORADIUS it 13 40 1000 km COUNT 3 DESC")
g("GEORADIUS COUNT larger than the result", ITALY, "GEORADIUS it 13 40 300 km COUNT 100 WITHDIST")
g("GEORADIUS small radius finds nothing", SICILY, "GEORADIUS Sicily 15 37 1 km", "GEORADIUS Sicily 15 37 0 m")
g("GEORADIUS in every unit", SICILY, "GEORADIUS Sicily 15 37 200000 m WITHDIST", "GEORADIUS Sicily 15 37 124.3 mi WITHDIST",
  "GEORADIUS Sicily 15 37 656168 ft WITHDIST", "GEORADIUS Sicily 15 37 200 KM WITHDIST")
g("GEORADIUS on a missing key is an empty array", "GEORADIUS nokey 15 37 200 km")
g("GEORADIUS on a wrong type", WRONGTYPE, "GEORADIUS s 15 37 200 km", "GEORADIUS s 500 37 200 km")
g("GEORADIUS with invalid coordinates", SICILY, "GEORADIUS Sicily 200 100 200 km", "GEORADIUS Sicily x 37 200 km")
g("GEORADIUS with a bad radius", SICILY, "GEORADIUS Sicily 15 37 abc km", "GEORADIUS Sicily 15 37 -1 km")
g("GEORADIUS with a bad unit", SICILY, "GEORADIUS Sicily 15 37 200 yards", "GEORADIUS nokey 15 37 200 yards")
g("GEORADIUS with a bad COUNT", SICILY, "GEORADIUS Sicily 15 37 200 km COUNT 0", "GEORADIUS Sicily 15 37 200 km COUNT -3",
  "GEORADIUS Sicily 15 37 200 km COUNT x")
g("GEORADIUS with COUNT and no number is a syntax error", SICILY, "GEORADIUS Sicily 15 37 200 km COUNT")
g("GEORADIUS with an unknown option", SICILY, "GEORADIUS Sicily 15 37 200 km WITHFOO")
g("GEORADIUS with ANY and no COUNT", SICILY, "GEORADIUS Sicily 15 37 200 km ANY")
g("GEORADIUS with COUNT ANY", ITALY, "GEORADIUS it 13 40 1000 km COUNT 2 ANY", "GEORADIUS it 13 40 1000 km COUNT 2 ANY ASC")
g("GEORADIUS with too few arguments", "GEORADIUS Sicily 15 37 200")
g("GEORADIUS options are case-insensitive", SICILY, "GEORADIUS Sicily 15 37 200 km withdist asc count 1")
g("GEORADIUS STORE stores the geohash scores", ITALY, "GEORADIUS it 13 40 500 km STORE dst", "ZRANGE dst 0 -1 WITHSCORES")
g("GEORADIUS STOREDIST stores distances in the unit", ITALY, "GEORADIUS it 13 40 500 km STOREDIST dst", "ZRANGE dst 0 -1 WITHSCORES")
g("GEORADIUS STORE with COUNT", ITALY, "GEORADIUS it 13 40 500 km COUNT 2 DESC STORE dst", "ZRANGE dst 0 -1 WITHSCORES")
g("GEORADIUS STORE with nothing found deletes the destination", ITALY, "SET dst x", "GEORADIUS it 0 0 1 km STORE dst", "EXISTS dst")
g("GEORADIUS STORE on a missing key deletes the destination", "SET dst x", "GEORADIUS nokey 0 0 1 km STORE dst", "EXISTS dst")
g("GEORADIUS STORE with WITHDIST is an error", ITALY, "GEORADIUS it 13 40 500 km STORE dst WITHDIST", "GEORADIUS it 13 40 500 km WITHCOORD STOREDIST dst")
g("GEORADIUS STORE replaces a destination of another type", ITALY, "SET dst x", "GEORADIUS it 13 40 300 km STORE dst", "TYPE dst")
g("GEORADIUS STORE without a key is a syntax error", ITALY, "GEORADIUS it 13 40 500 km STORE")
g("GEORADIUS_RO refuses STORE", ITALY, "GEORADIUS_RO it 13 40 500 km STORE dst", "GEORADIUS_RO it 13 40 500 km STOREDIST dst")
g("GEORADIUS_RO searches", ITALY, "GEORADIUS_RO it 13 40 500 km WITHDIST ASC", "GEORADIUS_RO nokey 13 40 500 km")
g("GEORADIUS refuses GEOSEARCH options", ITALY, "GEORADIUS it 13 40 500 km FROMLONLAT 13 40", "GEORADIUS it 13 40 500 km BYRADIUS 10 km")
g("GEORADIUS around the whole world", WORLD, "GEORADIUS w 0 0 20000 km ASC", "GEORADIUS w 0 0 10000 km WITHDIST ASC")
g("GEORADIUS near the antimeridian", WORLD, "GEORADIUS w 179 -30 3000 km WITHDIST ASC", "GEORADIUS w -179 20 3000 km WITHDIST ASC")
g("GEORADIUS near the poles", WORLD, "GEORADIUS w -20 80 2500 km WITHDIST", "GEORADIUS w 0 -84 8000 km WITHDIST ASC")
g("GEORADIUS in the southern hemisphere", WORLD, "GEORADIUS w 160 -35 3000 km WITHDIST ASC", "GEORADIUS w -50 -30 2500 km WITHCOORD")

# ---------------------------------------------------------------- GEORADIUSBYMEMBER
g("GEORADIUSBYMEMBER around a member", ITALY, "GEORADIUSBYMEMBER it Rome 300 km", "GEORADIUSBYMEMBER it Rome 300 km WITHDIST ASC")
g("GEORADIUSBYMEMBER with every option", ITALY, "GEORADIUSBYMEMBER it Naples 400 km WITHCOORD WITHDIST WITHHASH COUNT 3 DESC")
g("GEORADIUSBYMEMBER of a missing member", ITALY, "GEORADIUSBYMEMBER it Nowhere 300 km")
g("GEORADIUSBYMEMBER on a missing key skips the radius checks", "GEORADIUSBYMEMBER nokey a 300 km", "GEORADIUSBYMEMBER nokey a abc parsecs",
  "GEORADIUSBYMEMBER nokey a 1 km WITHFOO", "GEORADIUSBYMEMBER nokey a 1 km STORE dst")
g("GEORADIUSBYMEMBER with a bad radius", ITALY, "GEORADIUSBYMEMBER it Rome abc km", "GEORADIUSBYMEMBER it Rome -5 km", "GEORADIUSBYMEMBER it Rome 5 parsecs")
g("GEORADIUSBYMEMBER on a wrong type", WRONGTYPE, "GEORADIUSBYMEMBER s a 10 km")
g("GEORADIUSBYMEMBER STORE and STOREDIST", ITALY, "GEORADIUSBYMEMBER it Milan 200 km STORE a", "GEORADIUSBYMEMBER it Milan 200 mi STOREDIST b",
  "ZRANGE a 0 -1 WITHSCORES", "ZRANGE b 0 -1 WITHSCORES")
g("GEORADIUSBYMEMBER_RO", ITALY, "GEORADIUSBYMEMBER_RO it Venice 250 km WITHDIST ASC", "GEORADIUSBYMEMBER_RO it Venice 250 km STORE x")
g("GEORADIUSBYMEMBER with too few arguments", "GEORADIUSBYMEMBER it Rome 300")

# ---------------------------------------------------------------- GEOSEARCH
g("GEOSEARCH FROMMEMBER BYRADIUS", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS 300 km", "GEOSEARCH it FROMMEMBER Rome BYRADIUS 300 km ASC WITHDIST")
g("GEOSEARCH FROMLONLAT BYRADIUS", ITALY, "GEOSEARCH it FROMLONLAT 15 37 200 BYRADIUS 200 km", "GEOSEARCH it FROMLONLAT 15 37 BYRADIUS 200 km WITHCOORD WITHDIST WITHHASH")
g("GEOSEARCH BYBOX", ITALY, "GEOSEARCH it FROMLONLAT 12 42 BYBOX 400 400 km ASC WITHDIST", "GEOSEARCH it FROMMEMBER Florence BYBOX 300 200 km WITHDIST DESC")
g("GEOSEARCH BYBOX in every unit", ITALY, "GEOSEARCH it FROMLONLAT 12 42 BYBOX 400000 400000 m ASC", "GEOSEARCH it FROMLONLAT 12 42 BYBOX 250 250 mi ASC WITHDIST",
  "GEOSEARCH it FROMLONLAT 12 42 BYBOX 1312336 1312336 ft ASC WITHDIST")
g("GEOSEARCH BYBOX of world cities", WORLD, "GEOSEARCH w FROMLONLAT 0 45 BYBOX 4000 2000 km ASC WITHDIST",
  "GEOSEARCH w FROMLONLAT 150 -30 BYBOX 6000 3000 km WITHCOORD", "GEOSEARCH w FROMMEMBER Tokyo BYBOX 20000 8000 km ASC")
g("GEOSEARCH with COUNT and ANY", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS 1000 km COUNT 3", "GEOSEARCH it FROMMEMBER Rome BYRADIUS 1000 km COUNT 3 ANY",
  "GEOSEARCH it FROMMEMBER Rome BYRADIUS 1000 km COUNT 3 ANY DESC WITHDIST")
g("GEOSEARCH on a missing key", "GEOSEARCH nokey FROMLONLAT 0 0 BYRADIUS 1 km", "GEOSEARCH nokey FROMMEMBER a BYRADIUS 1 km")
g("GEOSEARCH on a missing key still checks the options", "GEOSEARCH nokey FROMMEMBER a BYRADIUS abc km", "GEOSEARCH nokey FROMMEMBER a",
  "GEOSEARCH nokey BYRADIUS 1 km FROMLONLAT 500 0")
g("GEOSEARCH on a wrong type", WRONGTYPE, "GEOSEARCH s FROMLONLAT 0 0 BYRADIUS 1 km")
g("GEOSEARCH of a missing member", ITALY, "GEOSEARCH it FROMMEMBER Nowhere BYRADIUS 10 km")
g("GEOSEARCH without FROM", ITALY, "GEOSEARCH it BYRADIUS 10 km ASC")
g("GEOSEARCH without BY", ITALY, "GEOSEARCH it FROMMEMBER Rome ASC COUNT 2")
g("GEOSEARCH with both FROM forms", ITALY, "GEOSEARCH it FROMMEMBER Rome FROMLONLAT 1 2 BYRADIUS 10 km",
  "GEOSEARCH it FROMLONLAT 1 2 FROMMEMBER Rome BYRADIUS 10 km")
g("GEOSEARCH with both BY forms", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS 10 km BYBOX 1 1 km",
  "GEOSEARCH it FROMMEMBER Rome BYBOX 1 1 km BYRADIUS 10 km")
g("GEOSEARCH with a bad box", ITALY, "GEOSEARCH it FROMMEMBER Rome BYBOX x 1 km", "GEOSEARCH it FROMMEMBER Rome BYBOX 1 x km",
  "GEOSEARCH it FROMMEMBER Rome BYBOX -1 1 km", "GEOSEARCH it FROMMEMBER Rome BYBOX 1 1 yards", "GEOSEARCH it FROMMEMBER Rome BYBOX 1 1")
g("GEOSEARCH with a bad radius", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS x km", "GEOSEARCH it FROMMEMBER Rome BYRADIUS -1 km",
  "GEOSEARCH it FROMMEMBER Rome BYRADIUS 1 yards")
g("GEOSEARCH with invalid coordinates", ITALY, "GEOSEARCH it FROMLONLAT 200 100 BYRADIUS 1 km", "GEOSEARCH it FROMLONLAT 0 x BYRADIUS 1 km")
g("GEOSEARCH refuses STORE and STOREDIST", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS 10 km STORE x", "GEOSEARCH it FROMMEMBER Rome BYRADIUS 10 km STOREDIST")
g("GEOSEARCH with ANY and no COUNT", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS 10 km ANY")
g("GEOSEARCH with too few arguments", "GEOSEARCH it FROMMEMBER Rome BYRADIUS 10")
g("GEOSEARCH with a zero-sized box finds the centre", ITALY, "GEOSEARCH it FROMMEMBER Rome BYBOX 0 0 km WITHDIST", "GEOSEARCH it FROMMEMBER Rome BYRADIUS 0 km WITHDIST")
g("GEOSEARCH in a skiplist-encoded index",
  ["GEOADD", "big"] + sum([[str(-170 + i * 2.5), str(-80 + i * 1.2), "p%03d" % i] for i in range(130)], []),
  "GEOSEARCH big FROMLONLAT 0 0 BYRADIUS 1500 km ASC WITHDIST", "GEOSEARCH big FROMMEMBER p050 BYBOX 2000 1000 km WITHCOORD",
  "GEOSEARCH big FROMLONLAT 100 40 BYRADIUS 3000 km")
r3("RESP3 GEOSEARCH WITHCOORD has doubles and WITHDIST bulk strings", ITALY, "GEOSEARCH it FROMMEMBER Rome BYRADIUS 300 km ASC WITHCOORD WITHDIST WITHHASH")
r3("RESP3 GEOSEARCH on a missing key", "GEOSEARCH nokey FROMLONLAT 0 0 BYRADIUS 1 km")
r3("RESP3 GEORADIUS WITHCOORD", SICILY, "GEORADIUS Sicily 15 37 200 km WITHCOORD")

# ---------------------------------------------------------------- GEOSEARCHSTORE
g("GEOSEARCHSTORE stores geohash scores", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km", "ZRANGE dst 0 -1 WITHSCORES", "TYPE dst")
g("GEOSEARCHSTORE with STOREDIST stores distances", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km STOREDIST", "ZRANGE dst 0 -1 WITHSCORES",
  "GEOSEARCHSTORE dst it FROMLONLAT 12 42 BYBOX 500 500 mi STOREDIST COUNT 3 DESC", "ZRANGE dst 0 -1 WITHSCORES")
g("GEOSEARCHSTORE result is itself a geo index", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km", "GEOPOS dst Rome Naples", "GEODIST dst Rome Naples km")
g("GEOSEARCHSTORE with nothing found deletes the destination", ITALY, "SET dst x", "GEOSEARCHSTORE dst it FROMLONLAT 0 0 BYRADIUS 1 km", "EXISTS dst")
g("GEOSEARCHSTORE on a missing source deletes the destination", "SET dst x", "GEOSEARCHSTORE dst nokey FROMLONLAT 0 0 BYRADIUS 1 km", "EXISTS dst")
g("GEOSEARCHSTORE refuses WITH options", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km WITHDIST",
  "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km WITHHASH", "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km WITHCOORD")
g("GEOSEARCHSTORE refuses STORE", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km STORE x")
g("GEOSEARCHSTORE on a wrong source type", WRONGTYPE, "GEOSEARCHSTORE dst s FROMMEMBER Rome BYRADIUS 300 km")
g("GEOSEARCHSTORE over a destination of another type", ITALY, "RPUSH dst a", "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km", "TYPE dst", "ZCARD dst")
g("GEOSEARCHSTORE with COUNT ANY", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 1000 km COUNT 2 ANY", "ZRANGE dst 0 -1")
g("GEOSEARCHSTORE into the source key", ITALY, "GEOSEARCHSTORE it it FROMMEMBER Rome BYRADIUS 300 km", "ZRANGE it 0 -1")
g("GEOSEARCHSTORE errors", ITALY, "GEOSEARCHSTORE dst it BYRADIUS 300 km ASC", "GEOSEARCHSTORE dst it FROMMEMBER Rome ASC COUNT 1",
  "GEOSEARCHSTORE dst it FROMMEMBER Nowhere BYRADIUS 1 km")
g("GEOSEARCHSTORE with too few arguments", "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300")
r3("RESP3 GEOSEARCHSTORE replies with an integer", ITALY, "GEOSEARCHSTORE dst it FROMMEMBER Rome BYRADIUS 300 km STOREDIST", "ZRANGE dst 0 -1 WITHSCORES")

# ---------------------------------------------------------------- a geo index is a sorted set
g("Sorted set commands work on a geo index", ITALY, "ZCARD it", "ZRANK it Rome", "ZRANGE it 0 2", "ZREM it Rome", "GEOPOS it Rome")
g("MULTI with geo commands", SICILY, "MULTI", "GEOADD Sicily 12 40 X", "GEODIST Sicily Palermo X km", "GEOSEARCH Sicily FROMMEMBER X BYRADIUS 300 km ASC", "EXEC")


def main():
    cli({"geo": CASES}, 7416)


if __name__ == "__main__":
    main()
