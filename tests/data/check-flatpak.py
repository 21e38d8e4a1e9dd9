#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Checks flatpak/<app-id>.json against the meson project, as TAP. This
machine cannot download GNOME runtimes, so flatpak-builder cannot run here;
instead the manifest's module is built the way flatpak-builder would build it
(meson setup --prefix=/app + its config-opts, compile, install into a DESTDIR)
and what it installs is checked against what flatpak exports.

Usage: check-flatpak.py SOURCE-ROOT BUILD-ROOT APP-ID"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

SRC, BUILD, APP_ID = sys.argv[1], sys.argv[2], sys.argv[3]
MANIFEST = os.path.join(SRC, "flatpak", APP_ID + ".json")

# What the app needs, and nothing more: network for the store, IPC + X11/Wayland
# + DRI for GTK, and the Secret Service for the session (libsecret).
EXPECTED_FINISH_ARGS = {
    "--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
    "--device=dri", "--talk-name=org.freedesktop.secrets",
}

tap = Tap()
result = tap.result
finish = tap.finish

try:
    manifest = json.load(open(MANIFEST, encoding="utf-8"))
    result(True, "the manifest parses as JSON")
except (OSError, ValueError) as e:
    result(False, "the manifest parses as JSON", e)
    finish()

intro = json.load(open(os.path.join(BUILD, "meson-info", "intro-projectinfo.json")))
options = {o["name"]: o for o in
           json.load(open(os.path.join(BUILD, "meson-info", "intro-buildoptions.json")))
           if o.get("section") == "user"}

app_id = manifest.get("id", manifest.get("app-id"))
result(app_id == APP_ID, "its id is the meson project's app id (%s)" % APP_ID, app_id)
result(os.path.exists(os.path.join(SRC, "data", APP_ID + ".desktop.in")) and
       os.path.exists(os.path.join(SRC, "data", APP_ID + ".metainfo.xml.in")),
       "data/ has the desktop file and metainfo named after that id")
result(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk"
       and str(manifest.get("runtime-version", "")).isdigit(),
       "GNOME runtime and SDK with a numbered branch",
       "%s/%s %s" % (manifest.get("runtime"), manifest.get("sdk"), manifest.get("runtime-version")))
args = manifest.get("finish-args", [])
result(set(args) == EXPECTED_FINISH_ARGS and len(args) == len(set(args)),
       "finish-args are exactly what the app needs",
       "extra: %s\nmissing: %s" % (sorted(set(args) - EXPECTED_FINISH_ARGS),
                                   sorted(EXPECTED_FINISH_ARGS - set(args))))

modules = [m for m in manifest.get("modules", []) if isinstance(m, dict)]
module = modules[-1] if modules else {}
result(module.get("name") == intro["descriptive_name"] and module.get("buildsystem") == "meson",
       "the last module is the meson project %s" % intro["descriptive_name"], module.get("name"))
sources = module.get("sources", [])
local = [s for s in sources if s.get("type") == "dir"]
src_dir = os.path.normpath(os.path.join(SRC, "flatpak", local[0]["path"])) if local else None
result(src_dir == os.path.normpath(SRC), "it is built from the local checkout", sources)

# -Dname=value options: each exists in meson_options.txt and has a valid value
bad = []
opts = []
for opt in module.get("config-opts", []):
    if not opt.startswith("-D") or "=" not in opt:
        bad.append("%s: not -Dname=value" % opt)
        continue
    name, value = opt[2:].split("=", 1)
    o = options.get(name)
    if o is None:
        bad.append("%s: no such option in meson_options.txt" % name)
    elif o["type"] == "boolean" and value not in ("true", "false"):
        bad.append("%s: %s is not a boolean" % (name, value))
    elif o["type"] == "combo" and value not in o.get("choices", []):
        bad.append("%s: %s is not one of %s" % (name, value, o.get("choices")))
    opts.append(opt)
result(not bad, "config-opts name existing options with valid values", "\n".join(bad))
command = manifest.get("command")

# Build the module as flatpak-builder does and look at what it installs.
with tempfile.TemporaryDirectory(prefix="medusa-flatpak-") as tmp:
    build = os.path.join(tmp, "build")
    dest = os.path.join(tmp, "dest")
    ok = True
    for step in (["meson", "setup", build, SRC, "--prefix=/app", "--buildtype=release"] + opts,
                 ["meson", "compile", "-C", build],
                 ["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"]):
        proc = subprocess.run(step, capture_output=True, text=True)
        if proc.returncode != 0:
            ok = result(False, "the module builds with its config-opts: %s" % " ".join(step[:2]),
                        proc.stdout + proc.stderr)
            break
    if ok:
        result(True, "the module builds and installs with its config-opts")
        files = sorted(os.path.relpath(os.path.join(d, f), dest)
                       for d, _, fs in os.walk(dest) for f in fs)
        expected = {
            "app/bin/" + str(command),
            "app/share/applications/%s.desktop" % APP_ID,
            "app/share/metainfo/%s.metainfo.xml" % APP_ID,
            "app/share/glib-2.0/schemas/%s.gschema.xml" % APP_ID,
            "app/share/icons/hicolor/scalable/apps/%s.svg" % APP_ID,
            "app/share/icons/hicolor/symbolic/apps/%s-symbolic.svg" % APP_ID,
            "app/share/dbus-1/services/%s.service" % APP_ID,
            "app/share/gnome-shell/search-providers/%s.search-provider.ini" % APP_ID,
        }
        result(expected <= set(files),
               "/app has the command %r and every file flatpak exports" % command,
               "missing: %s" % sorted(expected - set(files)))
        tests = [f for f in files if "/test" in f or f.endswith((".a", ".h"))]
        result(not tests, "no tests, headers or static libraries in /app", tests)
        service = open(os.path.join(dest, "app/share/dbus-1/services/%s.service" % APP_ID)).read() \
            if ("app/share/dbus-1/services/%s.service" % APP_ID) in files else ""
        result("Exec=/app/bin/%s " % command in service and "Name=%s\n" % APP_ID in service,
               "the D-Bus service starts /app/bin/%s" % command, service)

finish()
