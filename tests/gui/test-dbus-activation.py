#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""DBusActivatable=true holds: on a private session bus that knows only the
service file this build generates (data/<app-id>.service, Exec pointed at the
built binary), org.freedesktop.Application.Activate starts the app, a window
appears, and the "quit" action ends it. As TAP.

Needs DISPLAY (Xvfb) and dbus-daemon.
Usage: test-dbus-activation.py PATH-TO-medusa-account SERVICE-FILE SCHEMA-DIR APP-ID"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import Tap, warning_lines  # noqa: E402

APP, SERVICE, SCHEMA_DIR, APP_ID = sys.argv[1:5]
OBJECT_PATH = "/" + APP_ID.replace(".", "/")

if not os.environ.get("DISPLAY") or not shutil.which("dbus-daemon"):
    print("1..0 # SKIP needs a display and dbus-daemon")
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="medusa-dbus-")
services = os.path.join(tmp, "services")
os.makedirs(services)
text = open(SERVICE).read()
exec_line = [l for l in text.splitlines() if l.startswith("Exec=")]
# The installed path does not exist here: run the built binary, same arguments.
args = exec_line[0].split(None, 1)[1] if exec_line and " " in exec_line[0] else ""
with open(os.path.join(services, APP_ID + ".service"), "w") as f:
    f.write(text.replace(exec_line[0], "Exec=%s %s" % (APP, args)) if exec_line else text)

config = os.path.join(tmp, "session.conf")
with open(config, "w") as f:
    f.write("""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%s</listen>
  <servicedir>%s</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
""" % (tmp, services))

# What the bus passes on to the app it starts.
env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
           XDG_DATA_HOME=os.path.join(tmp, "data"), GSETTINGS_BACKEND="memory",
           GSETTINGS_SCHEMA_DIR=SCHEMA_DIR, NO_AT_BRIDGE="1", LANG="C.UTF-8",
           # this private bus has no accessibility bus: GTK 4 would warn
           GTK_A11Y="none")
env.pop("DBUS_SESSION_BUS_ADDRESS", None)
# The app the bus starts writes to the bus's stderr: kept to look for warnings.
bus_log_path = os.path.join(tmp, "bus.log")
bus_log = open(bus_log_path, "w")
daemon = subprocess.Popen(["dbus-daemon", "--config-file", config, "--nofork", "--print-address=1"],
                          stdout=subprocess.PIPE, stderr=bus_log, text=True, env=env)
address = daemon.stdout.readline().strip()
tap = Tap()
app_pid = None


def gdbus(*args, dest="org.freedesktop.DBus", path="/org/freedesktop/DBus"):
    proc = subprocess.run(["gdbus", "call", "--address", address, "--dest", dest,
                           "--object-path", path] + list(args),
                          capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(proc.stderr.strip())
    return proc.stdout.strip()


def activatable():
    names = gdbus("--method", "org.freedesktop.DBus.ListActivatableNames")
    if "'%s'" % APP_ID not in names:
        raise AssertionError("%s is not activatable: %s" % (APP_ID, names))


def activate():
    global app_pid
    gdbus("--method", "org.freedesktop.Application.Activate", "{}", dest=APP_ID, path=OBJECT_PATH)
    out = gdbus("--method", "org.freedesktop.DBus.GetConnectionUnixProcessID", APP_ID)
    app_pid = int(re.search(r"uint32 (\d+)", out).group(1))  # "(uint32 1234,)"
    found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app_pid)],
                           capture_output=True, text=True, timeout=30)
    if found.returncode != 0 or not found.stdout.strip():
        raise AssertionError("no window of pid %d" % app_pid)


def quit_action():
    gdbus("--method", "org.freedesktop.Application.ActivateAction", "quit", "[]", "{}",
          dest=APP_ID, path=OBJECT_PATH)
    end = time.monotonic() + 20
    while time.monotonic() < end:
        try:
            os.kill(app_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    raise AssertionError("the app (pid %d) is still running" % app_pid)


def no_warnings():
    warnings = warning_lines(open(bus_log_path, errors="replace").read())
    if warnings:
        raise AssertionError("the app printed warnings:\n# " + "\n# ".join(warnings))


try:
    ok = tap.step("the bus finds %s through the generated service file" % APP_ID, activatable)
    ok = ok and tap.step("org.freedesktop.Application.Activate starts the app and shows a window",
                         activate)
    ok = ok and tap.step("the app.quit action over D-Bus ends it", quit_action)
    ok = ok and tap.step("no GTK or GLib warning or critical on the app's stderr", no_warnings)
finally:
    if app_pid is not None:
        try:
            os.kill(app_pid, 15)
        except ProcessLookupError:
            pass
    daemon.terminate()
    daemon.wait(10)
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(tap.done())
