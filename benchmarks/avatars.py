#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How many avatar requests Convene makes, and how long the avatars take.

    avatars.py BUILDDIR [--people N] [--delay MS] [--rounds R]

A generated registry with one group led by N people (100) whose avatars
come from an HTTP server in this process on 127.0.0.1, which answers
every request with a small PNG after --delay ms (50) and counts them. The
group has no links and no meetings, so that its page starts with its
leads: Convene asks only for the avatars of the rows in view (about 8 at
the default window size), and the others when they are scrolled to.
`convene --registry FILE --group ID` shows that group, under Xvfb, with
BUILDDIR/benchmarks/libfirst-frame.so preloaded in its keep-running mode
to know when the window shows the group.

  cold   an empty XDG_CACHE_HOME: the requests made, and the time from
         spawn until the last of them was answered
  warm   the same XDG_CACHE_HOME again: the requests made (target 0)

For both, how many ConvenePersonAvatar widgets the first frame had mapped
and how many of them were visible (first-frame.c, $FIRST_FRAME_COUNT):
what Convene should ask for is the visible ones.

A run ends when no request came for --quiet seconds (2) after the first
frame, and Convene is quit through its "quit" action on D-Bus (so that it
ends as a user would end it); every wait is bounded by --timeout (60 s).
"""

import argparse
import http.server
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import headless  # noqa: E402

SRCDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP_ID = "io.github.convene.Convene"
GROUP_ID = "group-0000"


def make_png(rgb, size=64):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\0" + bytes(rgb) * size
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * size))
            + chunk(b"IEND", b""))


class AvatarServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay):
        self.delay = delay
        self.png = make_png((0x35, 0x84, 0xe4))
        self.lock = threading.Lock()
        self.reset()
        super().__init__(("127.0.0.1", 0), AvatarHandler)

    def reset(self):
        with self.lock:
            self.requests = 0
            self.answered = 0
            self.last_request_ns = 0
            self.last_answer_ns = 0


class AvatarHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        server = self.server
        with server.lock:
            server.requests += 1
            server.last_request_ns = time.monotonic_ns()
        time.sleep(server.delay)
        if self.path.startswith("/avatars/"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(server.png)))
            self.send_header("Cache-Control", "max-age=604800")
            self.end_headers()
            self.wfile.write(server.png)
        else:
            self.send_error(404)
        self.wfile.flush()
        with server.lock:
            server.answered += 1
            server.last_answer_ns = time.monotonic_ns()

    def log_message(self, *args):
        pass


def quit_app(env):
    """Activates app.quit over D-Bus, as a user's Ctrl+Q would."""
    subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID,
                    "--object-path", "/" + APP_ID.replace(".", "/"),
                    "--method", "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)


def one_run(session, server, argv, cache_home, args, workdir, name):
    out = os.path.join(workdir, "first-frame.txt")
    if os.path.exists(out):
        os.remove(out)
    env = session.env(cache_home, {
        "LD_PRELOAD": os.path.join(session.builddir, "benchmarks", "libfirst-frame.so"),
        "FIRST_FRAME_OUT": out,
        "FIRST_FRAME_KEEP_RUNNING": "1",
        "FIRST_FRAME_COUNT": "ConvenePersonAvatar",
    })
    server.reset()
    log = os.path.join(workdir, f"avatars-{name}.log")
    result = {}
    done = threading.Event()

    def watch():
        # Waits for the first frame, then for --quiet seconds without a
        # request and with every request answered; bounded by --timeout.
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline and not os.path.exists(out) and not done.is_set():
            time.sleep(0.02)
        first_frame_ns = time.monotonic_ns()
        while time.monotonic() < deadline and not done.is_set():
            with server.lock:
                idle_since = max(server.last_answer_ns, server.last_request_ns, first_frame_ns)
                settled = server.answered == server.requests
            if settled and time.monotonic_ns() - idle_since > args.quiet * 1e9:
                break
            time.sleep(0.02)
        result["settled"] = time.monotonic() < deadline
        if not done.is_set():
            quit_app(env)

    watcher = threading.Thread(target=watch)
    watcher.start()
    run = headless.run(argv, env, args.timeout + 15, log, t0_env="FIRST_FRAME_T0_NS")
    done.set()
    watcher.join()

    with server.lock:
        requests, last_answer_ns = server.requests, server.last_answer_ns
    mapped = visible = None
    try:
        with open(out) as f:
            fields = f.read().split()
        first_frame_ms = float(fields[0])
        if len(fields) >= 4:
            mapped, visible = int(fields[2]), int(fields[3])
    except (OSError, ValueError, IndexError):
        first_frame_ms = None
    avatars_ms = (last_answer_ns - run.t0_ns) / 1e6 if requests else None
    return {
        "requests": requests,
        "first_frame_ms": first_frame_ms,
        "avatars_ms": avatars_ms,
        "mapped": mapped,
        "visible": visible,
        "ok": result.get("settled", False) and first_frame_ms is not None and not run.timed_out,
        "log": log,
    }


def fmt(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builddir")
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--delay", type=float, default=50, help="ms added to every response (50)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quiet", type=float, default=2.0,
                        help="seconds without a request that end a run (2)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per run (60)")
    args = parser.parse_args()
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be 1 to 20")

    builddir = os.path.abspath(args.builddir)
    workdir = tempfile.mkdtemp(prefix="convene-avatars-")
    server = AvatarServer(args.delay / 1000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    cold, warm = [], []
    try:
        registry = os.path.join(workdir, "registry.json")
        subprocess.run([sys.executable, os.path.join(SRCDIR, "benchmarks", "generate-registry.py"),
                        "1", registry, "--leads", str(args.people), "--links", "0",
                        "--meetings", "0",
                        "--avatar-base", f"http://127.0.0.1:{server.server_address[1]}/"],
                       check=True)
        argv = [os.path.join(builddir, "src", "convene"), "--registry", registry,
                "--group", GROUP_ID]

        with headless.Session(builddir) as session:
            for i in range(args.rounds):
                cache_home = os.path.join(workdir, f"cache-{i}")
                os.makedirs(cache_home)
                cold.append(one_run(session, server, argv, cache_home, args, workdir, "cold"))
                warm.append(one_run(session, server, argv, cache_home, args, workdir, "warm"))

        print(f"== avatars: one group led by {args.people} people, avatars from 127.0.0.1 "
              f"with {args.delay:.0f} ms per response ({args.rounds} rounds, min / median / max)")
        for name, runs in (("cold", cold), ("warm", warm)):
            bad = [r for r in runs if not r["ok"]]
            line = (f"{name:<5} requests {fmt([r['requests'] for r in runs]):<14} "
                    f"first frame {fmt([r['first_frame_ms'] for r in runs])} ms")
            if name == "cold":
                line += f", last avatar answered {fmt([r['avatars_ms'] for r in runs])} ms"
            line += (f"; avatars at the first frame: {fmt([r['visible'] for r in runs])} visible, "
                     f"{fmt([r['mapped'] for r in runs])} mapped")
            if bad:
                line += f"  ({len(bad)} runs did not settle; see {bad[0]['log']})"
            print(line)
    finally:
        server.shutdown()
        server.server_close()
        if any(not r["ok"] for r in cold + warm):
            print(f"avatars: logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    main()
