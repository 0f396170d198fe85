#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keystroke to filtered search results in the real window, 5,000 groups.

    search.py BUILDDIR [--groups N] [--reps R]

Generates a registry of N groups (5,000; 5 leads each, so 25,000 people)
and runs BUILDDIR/benchmarks/bench-search on it under its own Xvfb and
D-Bus session (headless.py), printing what it prints (see bench-search.c).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import headless  # noqa: E402

SRCDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builddir")
    parser.add_argument("--groups", type=int, default=5000)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds (3600)")
    args = parser.parse_args()

    builddir = os.path.abspath(args.builddir)
    workdir = tempfile.mkdtemp(prefix="convene-search-")
    try:
        registry = os.path.join(workdir, f"registry-{args.groups}.json")
        subprocess.run([sys.executable, os.path.join(SRCDIR, "benchmarks", "generate-registry.py"),
                        str(args.groups), registry], check=True)
        with headless.Session(builddir) as session:
            log = os.path.join(workdir, "search.log")
            env = session.env(os.path.join(workdir, "cache"))
            result = headless.run([os.path.join(builddir, "benchmarks", "bench-search"),
                                   registry, "--reps", str(args.reps)],
                                  env, args.timeout, log)
            with open(log) as f:
                sys.stdout.write(f.read())
            if result.timed_out or result.status != 0:
                why = "timed out" if result.timed_out else f"exited with status {result.status}"
                print(f"search: bench-search {why}", file=sys.stderr)
                sys.exit(1)
            print(f"search: peak RSS {result.rss_mib:.0f} MiB, {result.wall_ms / 1000:.1f} s "
                  f"in all")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
