#!/usr/bin/env bash
# Bitmap, HyperLogLog and geo commands side by side: redis-server and EventLoopKv (artifacts/server,
# made by ./build.sh) started on free local ports with the same data, each command run by
# redis-benchmark's custom-command mode against both (__rand_int__ is zero-padded, which is not
# a valid bit offset, so bit commands use fixed offsets), one after the other. Prints a Markdown
# table of requests per second and the ratio (best of three alternating runs each). Both servers are stopped at the end.
#   Bench/custom-commands-vs-redis.sh [REQUESTS]      (default 200000; the 64 MB commands run 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-200000}"
work="$(mktemp -d)"
server_bin="artifacts/server/eventloopkv-server"
[ -x "$server_bin" ] || { echo "run ./build.sh first" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port=$(free_port)
ours_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
"$server_bin" --port "$ours_port" --appendonly no --dir "$work" >"$work/ours.log" 2>&1 &
ours_pid=$!
trap 'kill "$redis_pid" "$ours_pid" 2>/dev/null; wait "$redis_pid" "$ours_pid" 2>/dev/null; rm -rf "$work"' EXIT
for port in "$redis_port" "$ours_port"; do
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
done

# The same data in both: a 1 MB and a 64 MB random bitmap, 64 MB of zero bits, a dense HLL of 100,000 elements, a second one of 2000 and a sparse one of 1000,
# and a geo index of 100,000 points spread over Paris (fixed seed: about 35 per square km).
python3 - "$work/places.resp" <<'PY'
import random, sys
random.seed(42)
with open(sys.argv[1], "wb") as out:
    for start in range(0, 100000, 500):
        args = [b"GEOADD", b"places"]
        for i in range(start, start + 500):
            args += [b"%.6f" % random.uniform(2.05, 2.65), b"%.6f" % random.uniform(48.6, 49.1), b"place:%d" % i]
        out.write(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
PY
head -c $((1024 * 1024)) /dev/urandom >"$work/1mb"
head -c $((64 * 1024 * 1024)) /dev/urandom >"$work/64mb"
for port in "$redis_port" "$ours_port"; do
  redis-cli -p "$port" -x set mb <"$work/1mb" >/dev/null
  redis-cli -p "$port" -x set big <"$work/64mb" >/dev/null
  redis-cli -p "$port" setbit zero $((64 * 1024 * 1024 * 8 - 1)) 0 >/dev/null
  for i in $(seq 0 99); do
    seq $((i * 1000)) $((i * 1000 + 999)) | sed 's/^/user:/' | xargs redis-cli -p "$port" pfadd hll >/dev/null
  done
  seq 0 1999 | sed 's/^/visitor:/' | xargs redis-cli -p "$port" pfadd hll2 >/dev/null
  seq 0 999 | sed 's/^/visitor:/' | xargs redis-cli -p "$port" pfadd sparse >/dev/null
  redis-cli -p "$port" pfcount hll >/dev/null
  redis-cli -p "$port" --pipe <"$work/places.resp" >/dev/null
done

rps() { # port requests args...
  local port=$1 n=$2
  shift 2
  redis-benchmark -p "$port" -n "$n" -r 8000000 --csv "$@" 2>/dev/null | tail -1 | cut -d, -f2 | tr -d '"'
}
echo "| command | redis-server 7.0 (req/s) | EventLoopKv (req/s) | ratio |"
echo "| --- | ---: | ---: | ---: |"
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
row() { # label requests args...: three alternating runs per server, the best of each (the machine may be shared)
  local label=$1 n=$2
  shift 2
  local theirs=0 ours=0
  for _ in 1 2 3; do
    theirs=$(best "$theirs" "$(rps "$redis_port" "$n" "$@")")
    ours=$(best "$ours" "$(rps "$ours_port" "$n" "$@")")
  done
  awk -v l="$label" -v t="$theirs" -v o="$ours" 'BEGIN { printf "| %s | %.0f | %.0f | %.2fx |\n", l, t, o, o / t }'
}
row "SETBIT (1 MB bitmap)" "$requests" setbit mb 4000000 1
row "GETBIT (1 MB bitmap)" "$requests" getbit mb 4000000
row "BITCOUNT (1 MB)" $((requests / 10)) bitcount mb
row "BITCOUNT (64 MB)" 1000 bitcount big
row "BITPOS (64 MB of zeros)" 1000 bitpos zero 1
row "BITOP AND (1 MB x 2)" $((requests / 20)) bitop and dest mb mb
row "PFADD hll \$rand (dense)" "$requests" pfadd hll __rand_int__
row "PFADD (sparse HLL of 1000, counted element)" "$requests" pfadd sparse visitor:500
row "PFCOUNT hll (after PFADDs: recomputed, then cached)" "$requests" pfcount hll
row "PFCOUNT hll hll2 (union)" $((requests / 10)) pfcount hll hll2
row "BITFIELD INCRBY u8" "$requests" bitfield mb incrby u8 8000 1
row "GEOADD (new member)" "$requests" geoadd newplaces 2.3522 48.8566 place:__rand_int__
row "GEOSEARCH 1 km radius, 10 nearest (of 100,000)" $((requests / 4)) geosearch places fromlonlat 2.35 48.85 byradius 1 km asc count 10
row "GEOSEARCH 2 km box, WITHDIST (about 140 of 100,000)" $((requests / 10)) geosearch places fromlonlat 2.35 48.85 bybox 2 2 km asc withdist
