#!/usr/bin/env python3
"""Memory per element of small collections, EventLoopKv against redis-server, side by side.

For each type (hash, list, set of strings, set of integers, sorted set) both servers get the
same KEYS keys of 100 elements each, loaded with pipelined commands; the RSS growth of each
server is divided by the number of elements. Ratio = redis / ours (>= 1.0: we use no more).
With --warmup N, both servers first get N keys of the same kind (another prefix) and a
second's pause before the baseline, so the growth leaves out what the first commands cost
once: for EventLoopKv the JIT's tiered code and its working memory (about 3 MB, measured
by running with DOTNET_TieredCompilation=0), which is not memory per element.
Usage: Bench/collection-memory.py [--keys 20000] [--warmup 0] [--server PATH]
"""
import argparse, os, shutil, socket, subprocess, tempfile, time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def encode(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


def send_all(port, commands):
    with socket.create_connection(("127.0.0.1", port)) as s:
        for start in range(0, len(commands), 500):
            chunk = commands[start:start + 500]
            s.sendall(b"".join(chunk))
            pending = len(chunk)
            buf = b""
            while pending:
                buf += s.recv(1 << 16)
                # every reply here is one line (:n or +OK)
                lines = buf.split(b"\r\n")
                buf = lines[-1]
                pending -= len(lines) - 1


def commands_for(kind, keys, prefix=""):
    for k in range(keys):
        key = f"{prefix}{kind}:{k:08d}"
        if kind == "hash":
            args = ["HSET", key] + [x for i in range(100) for x in (f"field:{i:04d}", f"value:{i:06d}")]
        elif kind == "list":
            args = ["RPUSH", key] + [f"element:{i:06d}" for i in range(100)]
        elif kind == "set":
            args = ["SADD", key] + [f"member:{i:06d}" for i in range(100)]
        elif kind == "intset":
            args = ["SADD", key] + [str(1000 + i) for i in range(100)]
        else:
            args = ["ZADD", key] + [x for i in range(100) for x in (str(i * 1.5), f"member:{i:06d}")]
        yield encode(*args)


def start(argv, port):
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return proc
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start: " + " ".join(argv))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", type=int, default=20000)
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--server", default=os.path.join(os.path.dirname(__file__), "..", "artifacts", "server", "eventloopkv-server"))
    a = ap.parse_args()
    print(f"{'type':8} {'ours B/elem':>12} {'redis B/elem':>13} {'ratio':>6}  encoding")
    for kind in ["hash", "list", "set", "intset", "zset"]:
        work = tempfile.mkdtemp()
        p1, p2 = free_port(), free_port()
        ours = start([a.server, "--port", str(p1), "--appendonly", "no", "--dir", work], p1)
        redis = start(["redis-server", "--port", str(p2), "--save", "", "--appendonly", "no", "--dir", work], p2)
        try:
            time.sleep(0.3)
            if a.warmup:
                warm = list(commands_for(kind, a.warmup, "warmup:"))
                send_all(p1, warm)
                send_all(p2, warm)
                time.sleep(1.0)
            base = (rss_kib(ours.pid), rss_kib(redis.pid))
            cmds = list(commands_for(kind, a.keys))
            send_all(p1, cmds)
            send_all(p2, cmds)
            time.sleep(0.5)
            grown = (rss_kib(ours.pid) - base[0], rss_kib(redis.pid) - base[1])
            elements = a.keys * 100
            enc = subprocess.run(["redis-cli", "-p", str(p1), "object", "encoding", f"{kind}:00000000"], capture_output=True, text=True).stdout.strip()
            print(f"{kind:8} {grown[0] * 1024 / elements:12.1f} {grown[1] * 1024 / elements:13.1f} {grown[1] / max(1, grown[0]):6.2f}  {enc}")
        finally:
            ours.terminate(); redis.terminate(); ours.wait(); redis.wait()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
