#!/usr/bin/python3
"""Runs a small swarm of real libtorrent clients (Debian's python3-libtorrent) on loopback and writes each
leecher's completion time to CSV. Used by `./bitswarm validate` (the real-client section of docs/validation.md).

Every client is its own process with its own libtorrent session, so that each has its own rate limits:
  parent:  makes the file and the .torrent in a private temporary folder, starts one child per client, waits
           until every child listens, tells them all to connect (t = 0), collects their completion times and
           ends every child it started, by pid, when all leechers finished or the time limit passed.
  child:   one session bound to 127.0.0.1 only; DHT, local peer discovery, UPnP, NAT-PMP off and no tracker in
           the torrent, so no packet leaves loopback; peers are connected directly (connect_peer). libtorrent
           exempts local peers from rate limits (they fall in the local peer class): the peer-class filter is
           changed so that every address maps to the global class, whose limits are the session's. The child
           waits on alerts (wait_for_alert / pop_alerts), never on blocking status calls.

Usage: lt_swarm.py --out FILE.csv [--seed-up 2Mbit] [--up 1Mbit] [--down 10Mbit] [--leechers 10]
                   [--size 16MiB] [--piece 256KiB] [--slow-up RATE --slow-count K] [--timeout 900] [--rng 1]
CSV columns: case,client,role,upload_bps,download_bps,completed_s (empty if it never finished),
uploaded_bytes,downloaded_bytes (payload, from a state_update_alert at the end).
"""
import argparse
import os
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

UNITS = {"": 1, "k": 1e3, "m": 1e6, "g": 1e9}
SIZES = {"": 1, "kib": 1024, "mib": 1024 ** 2, "gib": 1024 ** 3, "kb": 1e3, "mb": 1e6}


def rate(text):
    """'2Mbit' or '2Mbit/s' -> bits per second."""
    m = re.fullmatch(r"([0-9.]+)\s*([kKmMgG]?)(bit)?(/s)?", text)
    if not m:
        raise SystemExit("lt_swarm: bad rate %r (write e.g. 1Mbit)" % text)
    return float(m.group(1)) * UNITS[m.group(2).lower()]


def size(text):
    m = re.fullmatch(r"([0-9]+)\s*([A-Za-z]*)", text)
    if not m or m.group(2).lower() not in SIZES:
        raise SystemExit("lt_swarm: bad size %r (write e.g. 16MiB)" % text)
    return int(int(m.group(1)) * SIZES[m.group(2).lower()])


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------------------------- child


def child(args):
    import libtorrent as lt

    up = int(rate(args.up) / 8)
    down = int(rate(args.down) / 8)
    settings = {
        "listen_interfaces": "127.0.0.1:%d" % args.port,
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_incoming_utp": False,
        "enable_outgoing_utp": False,
        "allow_multiple_connections_per_ip": True,
        "upload_rate_limit": up,
        "download_rate_limit": down,
        "alert_mask": lt.alert.category_t.status_notification | lt.alert.category_t.error_notification,
    }
    ses = lt.session(settings)
    # Loopback peers fall in the local peer class, which has no rate limit: put every address in the global class.
    f = lt.ip_filter()
    f.add_rule("0.0.0.0", "255.255.255.255", 1 << lt.session.global_peer_class_id)
    ses.set_peer_class_filter(f)
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.data
    if args.role == "seed":
        params.flags |= lt.torrent_flags.seed_mode
    h = ses.add_torrent(params)
    print("ready", flush=True)
    go = sys.stdin.readline().split()  # "go <epoch> <port> <port> ..."
    t0 = float(go[1])
    for p in go[2:]:
        if int(p) != args.port:
            h.connect_peer(("127.0.0.1", int(p)))
    finished = args.role == "seed"
    while True:
        if ses.wait_for_alert(500) is not None:
            for a in ses.pop_alerts():
                if isinstance(a, lt.torrent_finished_alert) and not finished:
                    finished = True
                    print("done %.3f" % (time.time() - t0), flush=True)
                elif isinstance(a, lt.state_update_alert):
                    for st in a.status:
                        print("stats %d %d" % (st.total_payload_upload, st.total_payload_download), flush=True)
                elif isinstance(a, lt.listen_failed_alert):
                    print("error %s" % a.message(), flush=True)
        # "stats" from the parent: the byte counts come back as a state_update_alert, not from a blocking call.
        if select.select([sys.stdin], [], [], 0)[0] and sys.stdin.readline().strip() == "stats":
            ses.post_torrent_updates()
        # The parent ends us; stop by ourselves if it died.
        if os.getppid() == 1:
            return


# ---------------------------------------------------------------------------------------------- parent


def make_torrent(folder, file_size, piece_size, rng):
    import libtorrent as lt

    data = os.path.join(folder, "seed")
    os.makedirs(data)
    r = random.Random(rng)
    with open(os.path.join(data, "file.bin"), "wb") as out:
        left = file_size
        while left > 0:
            n = min(left, 1 << 20)
            out.write(r.randbytes(n))
            left -= n
    fs = lt.file_storage()
    lt.add_files(fs, os.path.join(data, "file.bin"))
    ct = lt.create_torrent(fs, piece_size)
    ct.set_creator("bitswarm validation")
    lt.set_piece_hashes(ct, data)
    path = os.path.join(folder, "file.torrent")
    with open(path, "wb") as out:
        out.write(lt.bencode(ct.generate()))
    return path, data


def parent(args):
    # SIGTERM (the validate command's time limit) must still run the finally block that ends the children.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(3))
    folder = tempfile.mkdtemp(prefix="bitswarm-lt-")
    procs = []
    try:
        torrent, seed_data = make_torrent(folder, size(args.size), size(args.piece), args.rng)
        clients = [("seed", args.seed_up, args.down)]
        for i in range(args.leechers):
            slow = i < args.slow_count
            clients.append(("leecher", args.slow_up if slow else args.up, args.down))
        ports = []
        for i, (role, up, down) in enumerate(clients):
            data = seed_data if role == "seed" else os.path.join(folder, "c%d" % i)
            os.makedirs(data, exist_ok=True)
            port = free_port()
            ports.append(port)
            cmd = [sys.executable, os.path.abspath(__file__), "--child", "--role", role, "--up", up, "--down", down,
                   "--port", str(port), "--torrent", torrent, "--data", data]
            procs.append(subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1))
        deadline = time.time() + args.timeout
        for p in procs:
            line = wait_line(p, deadline)
            if line != "ready":
                raise SystemExit("lt_swarm: a client did not start (%r)" % line)
        t0 = time.time()
        go = "go %.6f %s\n" % (t0, " ".join(map(str, ports)))
        for p in procs:
            p.stdin.write(go)
            p.stdin.flush()
        done = {}
        streams = {p.stdout.fileno(): i for i, p in enumerate(procs)}
        while len(done) < args.leechers and time.time() < deadline:
            ready, _, _ = select.select(list(streams), [], [], 1.0)
            for fd in ready:
                i = streams[fd]
                line = procs[i].stdout.readline().strip()
                if not line:
                    del streams[fd]
                elif line.startswith("done"):
                    done[i] = float(line.split()[1])
                    print("lt_swarm: client %d done at %s s" % (i, line.split()[1]), file=sys.stderr, flush=True)
                elif line.startswith("error"):
                    print("lt_swarm: client %d: %s" % (i, line), file=sys.stderr)
        stats = {}
        for p in procs:
            if p.poll() is None:
                p.stdin.write("stats\n")
                p.stdin.flush()
        stats_deadline = min(deadline + 30, time.time() + 20)
        while len(stats) < len(procs) and streams and time.time() < stats_deadline:
            ready, _, _ = select.select(list(streams), [], [], 1.0)
            for fd in ready:
                i = streams[fd]
                line = procs[i].stdout.readline().strip()
                if not line:
                    del streams[fd]
                elif line.startswith("stats"):
                    stats[i] = line.split()[1:3]
        rows = ["case,client,role,upload_bps,download_bps,completed_s,uploaded_bytes,downloaded_bytes"]
        for i, (role, up, down) in enumerate(clients):
            t = "%.3f" % done[i] if i in done else ""
            st = stats.get(i, ["", ""])
            rows.append("%s,%d,%s,%d,%d,%s,%s,%s" % (args.case, i, role, rate(up), rate(down), "" if role == "seed" else t,
                                                     st[0], st[1]))
        tmp = args.out + ".tmp"
        with open(tmp, "w") as out:
            out.write("\n".join(rows) + "\n")
        os.replace(tmp, args.out)
        if len(done) < args.leechers:
            print("lt_swarm: time limit of %d s reached with %d of %d leechers done" % (args.timeout, len(done),
                  args.leechers), file=sys.stderr)
            return 1
        return 0
    finally:
        for p in procs:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(p.pid, signal.SIGKILL)
                p.wait()
        shutil.rmtree(folder, ignore_errors=True)


def wait_line(p, deadline):
    while time.time() < deadline:
        ready, _, _ = select.select([p.stdout], [], [], 1.0)
        if ready:
            return p.stdout.readline().strip()
        if p.poll() is not None:
            return "exited %d" % p.returncode
    return "timeout"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--role", default="leecher", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--torrent", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--case", default="homogeneous")
    ap.add_argument("--out", help="CSV file to write")
    ap.add_argument("--seed-up", default="2Mbit")
    ap.add_argument("--up", default="1Mbit")
    ap.add_argument("--down", default="10Mbit")
    ap.add_argument("--slow-up", default="512kbit")
    ap.add_argument("--slow-count", type=int, default=0)
    ap.add_argument("--leechers", type=int, default=10)
    ap.add_argument("--size", default="16MiB")
    ap.add_argument("--piece", default="256KiB")
    ap.add_argument("--timeout", type=int, default=900, help="wall-clock limit of the whole run (s)")
    ap.add_argument("--rng", type=int, default=1, help="seed of the file's random content")
    args = ap.parse_args()
    if args.child:
        child(args)
        return 0
    if not args.out:
        ap.error("--out is required")
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
