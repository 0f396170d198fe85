# SPDX-License-Identifier: GPL-3.0-or-later
"""What launch.py and avatars.py share: one Xvfb and one private D-Bus
session for all their runs, the environment a run gets, and running one
process with a hard timeout, its wall time and its peak RSS."""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

SCREEN = "1280x1024x24"


class Session:
    """An Xvfb on a display it picks itself (-displayfd, so it never
    collides with another X server) and a D-Bus session bus, both
    stopped by close()."""

    def __init__(self, builddir):
        self.builddir = os.path.abspath(builddir)
        self.tmpdir = tempfile.mkdtemp(prefix="convene-bench-")
        self.xvfb = None
        self.dbus = None
        try:
            self._start_xvfb()
            self._start_dbus()
        except BaseException:
            self.close()
            raise

    def _start_xvfb(self):
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            number = f.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = ":" + number

    def _start_dbus(self):
        self.dbus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.bus_address = self.dbus.stdout.readline().strip()
        if not self.bus_address:
            raise RuntimeError("dbus-daemon did not start")

    def env(self, cache_home, extra=None):
        """The environment of one run: headless, software rendering, no
        accessibility bus, settings in memory, caches in @cache_home and
        everything else of the user's in a directory of this session."""
        env = dict(os.environ)
        for name in ("LD_PRELOAD", "FIRST_FRAME_OUT", "FIRST_FRAME_T0_NS", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        env.update({
            "DISPLAY": self.display,
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address,
            "GDK_BACKEND": "x11",
            "GDK_DEBUG": "gl-disable",
            "GTK_A11Y": "none",
            "GSETTINGS_SCHEMA_DIR": os.path.join(self.builddir, "data"),
            "GSETTINGS_BACKEND": "memory",
            "XDG_CACHE_HOME": cache_home,
            "XDG_CONFIG_HOME": os.path.join(self.tmpdir, "config"),
            "XDG_DATA_HOME": os.path.join(self.tmpdir, "data"),
            "LC_ALL": "C.UTF-8",
        })
        env.update(extra or {})
        return env

    def close(self):
        for proc in (self.dbus, self.xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Run:
    """One finished process: wall time in ms from spawn to exit (measured
    here), peak RSS in MiB (from wait4), exit status, whether it hit the
    timeout."""

    def __init__(self, wall_ms, rss_mib, status, timed_out, t0_ns):
        self.wall_ms = wall_ms
        self.rss_mib = rss_mib
        self.status = status
        self.timed_out = timed_out
        self.t0_ns = t0_ns


def run(argv, env, timeout, log_path, t0_env=None):
    """Runs @argv in its own process group and waits for it, killing the
    group after @timeout seconds. With @t0_env, the spawn time
    (time.monotonic_ns()) is passed in that environment variable."""
    env = dict(env)
    with open(log_path, "ab") as log:
        t0 = time.monotonic_ns()
        if t0_env:
            env[t0_env] = str(t0)
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall_ms = (time.monotonic_ns() - t0) / 1e6
        proc.returncode = os.waitstatus_to_exitcode(status)

    # Whatever the process left behind in its group goes too.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass

    return Run(wall_ms, usage.ru_maxrss / 1024, proc.returncode, timed_out.is_set(), t0)
