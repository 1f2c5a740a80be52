#!/usr/bin/env python3
"""BGREWRITEAOF of a large keyspace under a SET load: p99 latency and resident memory.

Loads N keys (named as redis-benchmark -r names them), runs redis-benchmark SET against the server twice, once
quietly and once with a BGREWRITEAOF started a moment into the run, and reports the p99 of
both runs and the largest RSS growth seen during the rewrite, as a share of the RSS the
dataset added. Usage: Bench/rewrite-under-load.py [--keys 1000000] [--server PATH]
"""
import argparse, os, re, shutil, socket, subprocess, tempfile, threading, time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True, check=True).stdout.strip()


def load_keys(port, n, value_size):
    """SET key:%012d, the names redis-benchmark -r uses, so the load overwrites existing keys."""
    value = b"x" * value_size
    with socket.create_connection(("127.0.0.1", port)) as s:
        for start in range(0, n, 1000):
            batch = b"".join(b"*3\r\n$3\r\nSET\r\n$16\r\nkey:%012d\r\n$%d\r\n%s\r\n" % (i, value_size, value)
                             for i in range(start, min(n, start + 1000)))
            s.sendall(batch)
            expect, got = 5 * min(1000, n - start), 0
            while got < expect:
                got += len(s.recv(1 << 16))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p99_of_set_load(port, requests, keys):
    out = subprocess.run(["redis-benchmark", "-p", str(port), "-t", "set", "-n", str(requests), "-r", str(keys),
                          "-c", "50", "-P", "1", "-d", "16"], capture_output=True, text=True).stdout
    # redis-benchmark 7 prints a latency summary table: avg min p50 p95 p99 max
    m = re.search(r"avg\s+min\s+p50\s+p95\s+p99\s+max\s*\n\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out)
    rps = re.search(r"throughput summary: ([\d.]+) requests per second", out)
    return float(m.group(5)), float(rps.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=400_000)
    ap.add_argument("--server", default=os.path.join(os.path.dirname(__file__), "..", "artifacts", "server", "eventloopkv-server"))
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="rewrite-load-")
    port = free_port()
    proc = subprocess.Popen([a.server, "--port", str(port), "--dir", work, "--appendonly", "yes", "--appendfsync", "everysec"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                cli(port, "ping"); break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        empty = rss_kib(proc.pid)
        load_keys(port, a.keys, 16)
        cli(port, "bgrewriteaof")  # a base with the whole dataset, so the measured rewrite is a normal one
        while "aof_rewrite_in_progress:1" in cli(port, "info", "persistence"):
            time.sleep(0.05)
        loaded = rss_kib(proc.pid)
        quiet_p99, quiet_rps = p99_of_set_load(port, a.requests, a.keys)

        peak = [rss_kib(proc.pid)]
        before = peak[0]
        stop = threading.Event()

        def rewrite_and_watch():
            time.sleep(0.5)
            cli(port, "bgrewriteaof")
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kib(proc.pid))
                time.sleep(0.01)

        watcher = threading.Thread(target=rewrite_and_watch)
        watcher.start()
        busy_p99, busy_rps = p99_of_set_load(port, a.requests, a.keys)
        stop.set(); watcher.join()
        info = cli(port, "info", "persistence")
        dataset = max(1, loaded - empty)
        print(f"keys                         {a.keys}")
        print(f"dataset RSS                  {dataset / 1024:.1f} MiB (process {loaded / 1024:.1f} MiB)")
        print(f"SET p99 without rewrite      {quiet_p99:.3f} ms ({quiet_rps:.0f} rps)")
        print(f"SET p99 during BGREWRITEAOF  {busy_p99:.3f} ms ({busy_rps:.0f} rps)")
        print(f"p99 ratio                    {busy_p99 / quiet_p99:.2f}")
        print(f"peak RSS growth in rewrite   {(peak[0] - before) / 1024:.1f} MiB = {100 * (peak[0] - before) / dataset:.1f}% of the dataset")
        print("rewrite status               " + re.search(r"aof_last_bgrewrite_status:(\w+)", info).group(1))
    finally:
        proc.terminate(); proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
