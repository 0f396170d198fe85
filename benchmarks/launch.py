#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long Convene takes to show content, against the floor.

    launch.py BUILDDIR [--rounds R] [--timeout S] [--cases a,b,...]

Runs in interleaved rounds (every case once per round, so that a slower
moment of the machine hits every case alike) under one Xvfb and one D-Bus
session. The cases:

  floor         benchmarks/floor: a window of Convene's shape loading nothing
  bundled       convene (the bundled registry)
  500           convene --registry (500 generated groups)
  5000-cold     convene --registry (5,000 groups), an empty XDG_CACHE_HOME
  5000-warm     the same with the XDG_CACHE_HOME of a run before (made by
                an untimed run first), for whatever Convene caches there

Every run preloads BUILDDIR/benchmarks/libfirst-frame.so, which ends the
process after the first frame showing content (see first-frame.c). For
each case: the first frame (ms since spawn, reported by the library), the
whole process's wall time (measured here, spawn to exit), min/median/max,
the ratio of the medians to the floor's, and the median peak RSS (wait4).
A run that shows nothing within --timeout seconds is killed and counted
as a timeout; a case that timed out is not run again in later rounds, so
that the whole benchmark stays bounded.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import headless  # noqa: E402

SRCDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALL_CASES = ["floor", "bundled", "500", "5000-cold", "5000-warm"]


class Case:
    def __init__(self, name, argv, warm):
        self.name = name
        self.argv = argv
        self.warm = warm
        self.first_frame = []
        self.wall = []
        self.rss = []
        self.timeouts = 0
        self.failures = 0
        self.timeout_rss = []


def generate(n, path):
    subprocess.run([sys.executable, os.path.join(SRCDIR, "benchmarks", "generate-registry.py"),
                    str(n), path], check=True)


def make_cases(builddir, workdir, names):
    convene = os.path.join(builddir, "src", "convene")
    registries = {}

    def registry(n):
        if n not in registries:
            registries[n] = os.path.join(workdir, f"registry-{n}.json")
            generate(n, registries[n])
        return registries[n]

    cases = []
    for name in names:
        if name == "floor":
            argv = [os.path.join(builddir, "benchmarks", "floor")]
        elif name == "bundled":
            argv = [convene]
        elif name == "500":
            argv = [convene, "--registry", registry(500)]
        elif name in ("5000-cold", "5000-warm"):
            argv = [convene, "--registry", registry(5000)]
        else:
            raise SystemExit(f"launch.py: unknown case {name} (cases: {', '.join(ALL_CASES)})")
        cases.append(Case(name, argv, name.endswith("-warm")))
    return cases


def run_once(session, case, cache_home, args, workdir):
    """One run; returns False when it timed out or failed."""
    out = os.path.join(workdir, "first-frame.txt")
    if os.path.exists(out):
        os.remove(out)
    env = session.env(cache_home, {
        "LD_PRELOAD": os.path.join(session.builddir, "benchmarks", "libfirst-frame.so"),
        "FIRST_FRAME_OUT": out,
    })
    log = os.path.join(workdir, f"{case.name}.log")
    result = headless.run(case.argv, env, args.timeout, log, t0_env="FIRST_FRAME_T0_NS")

    if result.timed_out:
        case.timeouts += 1
        case.timeout_rss.append(result.rss_mib)
        return False
    try:
        with open(out) as f:
            first_frame_ms = float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        first_frame_ms = None
    if result.status != 0 or first_frame_ms is None:
        case.failures += 1
        print(f"launch: {case.name} exited with status {result.status} without a first frame; "
              f"see {log}", file=sys.stderr)
        return False

    case.first_frame.append(first_frame_ms)
    case.wall.append(result.wall_ms)
    case.rss.append(result.rss_mib)
    return True


def spread(values):
    return (f"{min(values):8.0f} {statistics.median(values):8.0f} {max(values):8.0f}")


def report(cases, rounds, timeout):
    floor = next((c for c in cases if c.name == "floor" and c.first_frame), None)
    print(f"== launch: first frame with content and whole process, ms "
          f"({rounds} interleaved rounds, Xvfb, GDK_DEBUG=gl-disable, timeout {timeout:.0f} s)")
    print(f"{'':<11}    {'first frame':^26} {'':>8}    {'whole process':^26}".rstrip())
    print(f"{'case':<11}    {'min':>8} {'median':>8} {'max':>8} {'x floor':>8} "
          f"   {'min':>8} {'median':>8} {'max':>8} {'x floor':>8} {'peak RSS':>9}")
    for case in cases:
        if not case.first_frame:
            why = "timeout" if case.timeouts else "failed"
            rss = f", {max(case.timeout_rss):.0f} MiB when killed" if case.timeout_rss else ""
            print(f"{case.name:<11} {why:>27}   (no content within {timeout:.0f} s; "
                  f"{case.timeouts} timeouts, {case.failures} failures{rss})")
            continue
        ff = statistics.median(case.first_frame)
        wall = statistics.median(case.wall)
        ratio_ff = f"{ff / statistics.median(floor.first_frame):7.1f}x" if floor else "       -"
        ratio_wall = f"{wall / statistics.median(floor.wall):7.1f}x" if floor else "       -"
        note = ""
        if case.timeouts or case.failures:
            note = f"  ({len(case.first_frame)} runs; {case.timeouts} timeouts, " \
                   f"{case.failures} failures)"
        print(f"{case.name:<11}    {spread(case.first_frame)} {ratio_ff} "
              f"   {spread(case.wall)} {ratio_wall} {statistics.median(case.rss):5.0f} MiB{note}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builddir")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run (120)")
    parser.add_argument("--cases", default=",".join(ALL_CASES),
                        help=f"comma-separated, of {','.join(ALL_CASES)}")
    args = parser.parse_args()
    if not 1 <= args.rounds <= 100:
        parser.error("--rounds must be 1 to 100")

    builddir = os.path.abspath(args.builddir)
    workdir = tempfile.mkdtemp(prefix="convene-launch-")
    try:
        cases = make_cases(builddir, workdir, args.cases.split(","))
        with headless.Session(builddir) as session:
            warm_home = os.path.join(workdir, "warm-cache")
            os.makedirs(warm_home)
            for case in cases:
                if case.warm:
                    # Untimed: leaves in warm_home what a first run caches.
                    run_once(session, case, warm_home, args, workdir)
                    case.first_frame, case.wall, case.rss = [], [], []
                    case.timeouts = case.failures = 0
                    case.timeout_rss = []

            for _ in range(args.rounds):
                for case in cases:
                    if case.timeouts:
                        continue
                    if case.warm:
                        run_once(session, case, warm_home, args, workdir)
                    else:
                        cold_home = tempfile.mkdtemp(prefix="cold-cache-", dir=workdir)
                        run_once(session, case, cold_home, args, workdir)
                        shutil.rmtree(cold_home, ignore_errors=True)

        report(cases, args.rounds, args.timeout)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
