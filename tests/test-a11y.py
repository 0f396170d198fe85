#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A screen reader's view of the window.

Starts the real `convene` with the accessibility bus on and reads its
window over AT-SPI with pyatspi, as Orca does: every button, toggle, link,
list item and menu item shown has a name and a role and can take the
focus, and the Live badge of a running meeting is said in words. Pages:
the overview, a group with a meeting running now, and People (opened by
clicking the overview's button through AT-SPI's Action interface).

Speaks TAP, one test case per page. Run by meson inside its own
`dbus-run-session` (see tests/meson.build); a missing pyatspi, a missing
accessibility bus or a window that never appears fails, never skips.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time



def a11y_bus_address():
    """The accessibility bus of this D-Bus session, started if need be.

    Handed to pyatspi and to the app as AT_SPI_BUS_ADDRESS, which both
    take before the AT_SPI_BUS property of the X root window: a bus
    another session left there (under the same Xvfb) would otherwise
    be used by one of them and not the other.
    """
    from gi.repository import Gio
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                          None, None, Gio.DBusCallFlags.NONE, 30000, None)
    return reply.unpack()[0]


if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    try:
        os.environ["AT_SPI_BUS_ADDRESS"] = a11y_bus_address()
    except Exception as error:  # no accessibility bus is a failure
        print("1..1")
        print(f"not ok 1 - no accessibility bus ({error}): build-aux/deps installs at-spi2-core")
        sys.exit(1)

try:
    import pyatspi
except ImportError as error:  # a dependency missing is a failure
    print("1..1")
    print(f"not ok 1 - pyatspi is missing ({error}): build-aux/deps installs python3-pyatspi")
    sys.exit(1)

TIMEOUT = float(os.environ.get("CONVENE_A11Y_TIMEOUT", "60"))

# What a person operates: these need a name, a role and the focus.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_LIST_ITEM,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_MENU_ITEM,
}


def write_registry(path):
    """A registry whose group "live" meets now, in UTC, every week."""
    now = datetime.datetime.now(datetime.timezone.utc)
    minute = now.hour * 60 + now.minute
    start = max(0, minute - 10)
    end = min(24 * 60, minute + 50)
    registry = {
        "format_version": 1,
        "community": {"name": "Accessible"},
        "people": [
            {"id": "ada", "name": "Ada Lovelace", "company": "Analytical",
             "github": "ada", "profile_url": "https://github.com/ada"},
            {"id": "alan", "name": "Alan Turing", "github": "alan",
             "profile_url": "https://github.com/alan"},
        ],
        "groups": [
            {
                "id": "live",
                "name": "Live Group",
                "topics": ["Engines"],
                "artifacts": [
                    {"kind": "forum", "label": "live@", "url": "https://example.com/forum/live"},
                    {"kind": "chat", "label": "#live", "url": "https://example.com/chat/live"},
                ],
                "meetings": [{
                    "text": "Every day it is this weekday",
                    "url": "https://example.com/call/live",
                    "weekday": now.strftime("%A").lower(),
                    "start": "%02d:%02d" % divmod(start, 60),
                    "end": "%02d:%02d" % divmod(end, 60),
                    "timezone": "UTC",
                    "interval_weeks": 1,
                }],
                "leads": [{"person": "ada", "role": "chair"}],
            },
            {
                "id": "quiet",
                "name": "Quiet Group",
                "leads": [{"person": "alan", "role": "lead"}],
            },
        ],
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(registry, out)


def find_app(pid):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:  # an application that went away meanwhile
                continue
        time.sleep(0.1)  # waiting for the window to appear, not an assertion
    return None


def walk(accessible, path=""):
    """Yields (accessible, path) for every descendant that is visible.

    GTK 4.8 marks only the window "showing"; hidden stack pages are not
    in the tree, so "visible" is what is on screen or a scroll away.
    """
    try:
        states = accessible.getState()
    except Exception:
        return
    role = accessible.getRole()
    if role != pyatspi.ROLE_APPLICATION:
        if not states.contains(pyatspi.STATE_VISIBLE):
            return
        # Stack pages never shown (loading, error) have no size.
        try:
            extents = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if extents.width <= 0 or extents.height <= 0:
                return
        except NotImplementedError:
            pass
    here = f"{path}/{accessible.getRoleName()}[{accessible.name or ''}]"
    yield accessible, here
    for i in range(accessible.childCount):
        child = accessible.getChildAtIndex(i)
        if child is not None:
            yield from walk(child, here)


def wait_for(app, predicate, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for accessible, _ in walk(app):
            if predicate(accessible):
                return accessible
        time.sleep(0.1)  # polling the tree, not an assertion
    raise AssertionError(f"timed out waiting for {what}")


def can_focus(accessible):
    """A control or the widget inside it that takes its focus (a menu
    button's toggle button)."""
    if accessible.getState().contains(pyatspi.STATE_FOCUSABLE):
        return True
    return any(accessible.getChildAtIndex(i) is not None and can_focus(accessible.getChildAtIndex(i))
               for i in range(accessible.childCount))


def problems_of(app):
    """What a screen reader user would miss on the window shown."""
    problems = []
    controls = 0
    for accessible, path in walk(app):
        role = accessible.getRole()
        if role in (pyatspi.ROLE_INVALID, pyatspi.ROLE_UNKNOWN) and accessible.childCount == 0:
            problems.append(f"no role: {path}")
        if role not in CONTROL_ROLES:
            continue
        controls += 1
        states = accessible.getState()
        if not (accessible.name or "").strip():
            problems.append(f"no name: {path}")
        if states.contains(pyatspi.STATE_SENSITIVE) and not can_focus(accessible):
            problems.append(f"cannot take the focus: {path}")
    if controls == 0:
        problems.append("no controls at all: the tree is not the window's")
    return problems


def is_named(name, role=None):
    def predicate(accessible):
        return ((accessible.name or "") == name and
                (role is None or accessible.getRole() == role))
    return predicate


def check_overview(app):
    wait_for(app, is_named("Overview"), "the sidebar's Overview row")
    return problems_of(app)


def check_live_group(app):
    problems = []
    wait_for(app, is_named("Live Group", pyatspi.ROLE_LABEL), "the page of the live group")
    # The badge is a colour and a word; its row says it in full.
    try:
        wait_for(app, lambda a: "Live now" in (a.description or ""), "a row described “Live now”")
    except AssertionError as error:
        problems.append(str(error))
    try:
        wait_for(app, lambda a: (a.name or "") == "Live" and a.getState().contains(pyatspi.STATE_VISIBLE),
                 "the Live badge")
    except AssertionError as error:
        problems.append(str(error))
    return problems + problems_of(app)


def run_case(number, name, args, check, registry):
    env = dict(os.environ)
    # The accessibility bus on: the test suite turns it off elsewhere.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["LANGUAGE"] = "C"
    env["LC_ALL"] = "C.UTF-8"
    binary = os.environ.get("CONVENE_BIN")
    if not binary:
        print(f"not ok {number} - {name}: CONVENE_BIN is not set")
        return False
    proc = subprocess.Popen([binary, "--registry", registry] + args, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        app = find_app(proc.pid)
        if app is None:
            problems = ["the window never appeared on the accessibility bus"]
        else:
            try:
                problems = check(app)
            except AssertionError as error:
                problems = [str(error)]
    finally:
        proc.terminate()
        try:
            _, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, stderr = proc.communicate()
    for problem in problems:
        print(f"# {problem}")
    if problems and stderr:
        for line in stderr.splitlines()[-20:]:
            print(f"# convene: {line}")
    print(f"{'not ok' if problems else 'ok'} {number} - /a11y/{name}")
    return not problems


def main():
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("1..1")
        print("not ok 1 - no D-Bus session: run under dbus-run-session (tests/meson.build does)")
        return 1
    cases = [
        ("overview", [], check_overview),
        ("live-group", ["--group", "live"], check_live_group),
    ]
    print(f"1..{len(cases)}")
    with tempfile.TemporaryDirectory(prefix="convene-test-a11y-") as tmp:
        registry = os.path.join(tmp, "registry.json")
        write_registry(registry)
        ok = True
        for number, (name, args, check) in enumerate(cases, 1):
            ok = run_case(number, name, args, check, registry) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
