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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--slow", type=int, default=70)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--megabytes", type=int, default=80)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="omvarld-measure-")
    subprocess.run([a.binary, "demo", "-q", "--out", tmp], check=True, stdout=subprocess.DEVNULL)
    db = os.path.join(tmp, "omvarld-demo.db")
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
