#!/usr/bin/env python3
"""Attacks on a running `omvarld serve`, measured (the figures in the README).

    python3 tests/web/measure_server.py build/omvarld [--slow 70] [--seconds 15]

Makes a demo database in a temporary folder, starts `omvarld serve` on a free
loopback port and measures, one after the other:
  headers    80 MB of request headers: the answer and the server's peak RSS
  slow       N connections trickling a header line a second (slowloris),
             while /healthz is asked every 0.5 s on a fresh connection
  range      a 685-byte request for 200 ranges of the inbox: bytes returned
  pipeline   three requests in one write: answers received
  reuse      a second serve on the same port: does it fail?
Standard library only; every step is bounded in time.

    python3 tests/web/measure_server.py build/omvarld --inbox 50000 [--clients 4] [--seconds 20]

instead measures the inbox over that many stored items (issue #15): the
demo's database plus N synthetic items (a fifth flagged, deadlines from a
month ago to a year ahead) written into it with sqlite3 (and indexed for
search as a harvest indexes its new items), then CLIENTS keep-alive connections ask
the default inbox, a theme and committee filter, a word search, a source id,
/api/items pages and a deep inbox page, and the latency percentiles are
printed per kind and in all.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time


def rss_kib(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def read_all(sock, timeout=10.0, limit=1 << 31):
    sock.settimeout(timeout)
    data = b""
    try:
        while len(data) < limit:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return data


def get(port, path, timeout=2.0):
    """One GET on a fresh connection: (status or None, seconds)."""
    t0 = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            s.settimeout(timeout)
            head = s.recv(64)
            m = re.match(rb"HTTP/1\.[01] (\d+)", head)
            return (int(m.group(1)) if m else None), time.monotonic() - t0
    except OSError:
        return None, time.monotonic() - t0


def headers(port, pid, megabytes=80):
    before = rss_kib(pid)
    line = b"X-Filler: " + b"a" * 990 + b"\r\n"
    status = None
    sent = 0
    t0 = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            block = line * 1024  # 1 MiB
            for _ in range(megabytes):
                s.sendall(block)
                sent += len(block)
            s.sendall(b"\r\n")
            head = read_all(s, timeout=10, limit=64)
            m = re.match(rb"HTTP/1\.[01] (\d+)", head)
            status = int(m.group(1)) if m else None
    except OSError as e:
        # Refused while sending: what did the server say before closing?
        try:
            head = s.recv(64)
        except OSError:
            head = b""
        m = re.match(rb"HTTP/1\.[01] (\d+)", head)
        status = (f"{int(m.group(1)) if m else 'no answer'}, connection closed after "
                  f"{sent / 1024:.0f} KiB sent ({e.__class__.__name__})")
    time.sleep(0.5)
    print(f"headers: {megabytes} MiB of headers -> {status}; server RSS {before >> 10} -> "
          f"{rss_kib(pid) >> 10} MiB (peak {rss_kib(pid, 'VmHWM') >> 10} MiB), "
          f"{time.monotonic() - t0:.1f} s")


def slow(port, n, seconds):
    stop = threading.Event()
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(s)
        except OSError:
            break

    def trickle():
        k = 0
        while not stop.wait(1.0):
            k += 1
            for s in list(socks):
                try:
                    s.sendall(f"X-Slow-{k}: 1\r\n".encode())
                except OSError:
                    socks.remove(s)

    t = threading.Thread(target=trickle)
    t.start()
    ok, failed, worst = 0, 0, 0.0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status, took = get(port, "/healthz")
        if status == 200:
            ok += 1
            worst = max(worst, took)
        else:
            failed += 1
        time.sleep(0.5)
    stop.set()
    t.join()
    alive = len(socks)
    for s in socks:
        s.close()
    print(f"slow: {n} slow connections for {seconds} s: /healthz answered {ok} of {ok + failed} "
          f"(2 s timeout), slowest {worst * 1000:.0f} ms; {alive} slow connections still open "
          f"at the end")


def ranges(port):
    spec = ",".join(["0-"] * 200)
    req = f"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes={spec}\r\nConnection: close\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(req)
        data = read_all(s, timeout=20)
    plain = read_plain(port, "/")
    status = data[:12].decode(errors="replace")
    print(f"range: {len(req)}-byte request with 200 ranges -> {status!r}, {len(data):,} bytes "
          f"(the page alone: {plain:,} bytes)")


def read_plain(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        return len(read_all(s))


def pipeline(port):
    one = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(one * 2 + b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = read_all(s, timeout=3)
    print(f"pipeline: 3 requests in one write -> {len(re.findall(rb'HTTP/1.1 200', data))} answers")


def reuse(binary, db, port):
    p = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                         stderr=subprocess.PIPE, text=True)
    try:
        p.wait(timeout=3)
        print(f"reuse: second serve on the same port exited {p.returncode}: "
              f"{p.stderr.read().strip()}")
    except subprocess.TimeoutExpired:
        print("reuse: second serve on the same port is LISTENING (still running after 3 s)")
        p.terminate()
        p.wait()


WORDS = ["housing", "transport", "water", "energy", "schools", "waste", "health", "digital",
         "air", "climate"]


def add_items(db, n):
    """N synthetic items of one source, scored, in the demo's database."""
    import sqlite3
    now = time.time()
    con = sqlite3.connect(db)
    con.execute("INSERT OR IGNORE INTO feed_sources(id, kind, url, title) "
                "VALUES('bulk', 'rss', 'https://example.org/feed', 'Bulk')")
    rows, scores = [], []
    start = con.execute("SELECT COALESCE(max(id), 0) FROM items").fetchone()[0]
    for k in range(1, n + 1):
        deadline = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                 time.gmtime(now + ((k % 400) - 30) * 86400 + 43200))
        title = f"Item {k} on {WORDS[k % 10]} and {WORDS[(k // 10) % 10]}"
        rows.append((start + k, "bulk", f"bulk-{k}", f"bulk-{k}", f"https://example.org/items/{k}",
                     title, f"About {WORDS[(k // 100) % 10]} in cities.", WORDS[(k // 7) % 10],
                     deadline, "h", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
        flag = k % 5 == 0
        grade = "flag" if flag else ("look" if k % 5 == 1 else "none")
        scores.append((start + k, k % 100, 1 if flag else 0,
                       f"{WORDS[k % 10]}\n{WORDS[(k // 10) % 10]}", "why",
                       "Trafiknämnden" if k % 3 == 0 else "Kommunstyrelsen", "now", grade))
    with con:
        con.executemany("INSERT INTO items(id, source, key, guid, link, title, summary, topics, "
                        "deadline, content_hash, first_seen, last_seen, first_run, last_run) "
                        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,0,0)", rows)
        con.executemany("INSERT INTO item_scores(item_id, score, flagged, themes, why, committee, "
                        "scored_at, grade) VALUES(?,?,?,?,?,?,?,?)", scores)
        # New items are indexed for search by whoever inserts them, as a
        # harvest does (schema migration 11: no insert trigger any more).
        con.execute("INSERT INTO items_fts(rowid, title, summary, topics) "
                    "SELECT id, title, summary, topics FROM items WHERE id > ?", (start,))
    con.close()


def cpu_ms(pid):
    """The process's user and system CPU time so far, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def inbox_kinds():
    return {
        "inbox": lambda n: "/",
        "filter": lambda n: "/?status=all&committee=Trafik&theme=housing",
        "words": lambda n: "/?status=all&q=" + WORDS[n % 10] + "+" + WORDS[(n // 10) % 10],
        "source id": lambda n: f"/?status=all&q=bulk-{1 + n * 7919 % 50000}",
        "api page": lambda n: f"/api/items?status=all&per_page=100&page={1 + n % 100}",
        "deep page": lambda n: "/?status=all&page=150",
    }


def inbox_cpu(port, pid, repeat=20):
    """CPU time the server spends per request of each kind, one at a time:
    what the machine's other load does not change."""
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for name, path in inbox_kinds().items():
        before = cpu_ms(pid)
        for n in range(repeat):
            conn.request("GET", path(n), headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
        print(f"{name:10} server CPU {(cpu_ms(pid) - before) / repeat:6.1f} ms a request")
    conn.close()


def inbox_load(port, clients, seconds):
    import http.client
    kinds = inbox_kinds()
    times = {k: [] for k in kinds}
    failed = []
    stop = time.monotonic() + seconds

    def client(c):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = c
        while time.monotonic() < stop:
            for name, path in kinds.items():
                t0 = time.monotonic()
                conn.request("GET", path(n), headers={"Host": "127.0.0.1"})
                r = conn.getresponse()
                r.read()
                times[name].append(time.monotonic() - t0)
                if r.status != 200:
                    failed.append((name, r.status))
                n += clients
        conn.close()

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    def pct(v, p):
        v = sorted(v)
        return v[min(len(v) - 1, int(p * len(v)))] * 1000

    everything = [x for v in times.values() for x in v]
    for name, v in list(times.items()) + [("all", everything)]:
        print(f"{name:10} {len(v):6} requests  p50 {pct(v, .5):6.1f} ms  p95 {pct(v, .95):6.1f} ms  "
              f"p99 {pct(v, .99):6.1f} ms  max {max(v) * 1000:6.1f} ms")
    print(f"failed: {len(failed)} {failed[:5]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--slow", type=int, default=70)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--megabytes", type=int, default=80)
    ap.add_argument("--inbox", type=int, default=0, help="measure the inbox over this many items")
    ap.add_argument("--clients", type=int, default=4)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="omvarld-measure-")
    subprocess.run([a.binary, "demo", "-q", "--out", tmp], check=True, stdout=subprocess.DEVNULL)
    db = os.path.join(tmp, "omvarld-demo.db")
    if a.inbox:
        add_items(db, a.inbox)
    port = free_port()
    server = subprocess.Popen([a.binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}",
                               "--reports", os.path.join(tmp, "reports")],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if get(port, "/healthz")[0] == 200:
                break
            time.sleep(0.1)
        else:
            sys.exit("the server did not start")
        print(f"server pid {server.pid} on port {port}, RSS {rss_kib(server.pid) >> 10} MiB")
        if a.inbox:
            print(f"inbox over {a.inbox:,} added items, {a.clients} clients, {a.seconds} s:")
            inbox_cpu(port, server.pid)
            inbox_load(port, a.clients, a.seconds)
            return 0
        headers(port, server.pid, a.megabytes)
        slow(port, a.slow, a.seconds)
        time.sleep(1)
        ranges(port)
        pipeline(port)
        reuse(a.binary, db, port)
        print(f"healthz after all: {get(port, '/healthz')[0]}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
