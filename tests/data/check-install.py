#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""`meson install` into a temporary DESTDIR ships exactly the files a
distribution package would, and they work (TAP).

Usage: check-install.py SOURCE-ROOT BUILD-ROOT APP-ID"""

import json
import os
import subprocess
import sys
import tempfile
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

SRC, BUILD, APP_ID = sys.argv[1], sys.argv[2], sys.argv[3]

tap = Tap()
result = tap.result
finish = tap.finish


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


opts = {o["name"]: o["value"] for o in
        json.load(open(os.path.join(BUILD, "meson-info", "intro-buildoptions.json")))}
prefix = opts["prefix"].lstrip("/")
bindir, datadir, localedir = opts["bindir"], opts["datadir"], opts["localedir"]
langs = [l.strip() for l in open(os.path.join(SRC, "po", "LINGUAS"))
         if l.strip() and not l.startswith("#")]
result(len(langs) > 0, "po/LINGUAS lists the translations (%s)" % " ".join(langs))

expected = {
    os.path.join(prefix, bindir, "medusa-account"),
    os.path.join(prefix, datadir, "applications", APP_ID + ".desktop"),
    os.path.join(prefix, datadir, "metainfo", APP_ID + ".metainfo.xml"),
    os.path.join(prefix, datadir, "glib-2.0", "schemas", APP_ID + ".gschema.xml"),
    os.path.join(prefix, datadir, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg"),
    os.path.join(prefix, datadir, "icons", "hicolor", "symbolic", "apps", APP_ID + "-symbolic.svg"),
    os.path.join(prefix, datadir, "dbus-1", "services", APP_ID + ".service"),
    os.path.join(prefix, datadir, "gnome-shell", "search-providers", APP_ID + ".search-provider.ini"),
}
expected |= {os.path.join(prefix, localedir, l, "LC_MESSAGES", "medusa-account.mo") for l in langs}

with tempfile.TemporaryDirectory(prefix="medusa-install-") as dest:
    proc = run(["meson", "install", "-C", BUILD, "--destdir", dest, "--no-rebuild", "--quiet"])
    if not result(proc.returncode == 0, "meson install --destdir", proc.stdout + proc.stderr):
        finish()

    files = {os.path.relpath(os.path.join(d, f), dest) for d, _, fs in os.walk(dest) for f in fs}
    result(files == expected, "exactly the package's %d files are installed" % len(expected),
           "missing: %s\nunexpected: %s" % (sorted(expected - files), sorted(files - expected)))

    def path(*parts):
        return os.path.join(dest, prefix, *parts)

    exe = path(bindir, "medusa-account")
    version = json.load(open(os.path.join(BUILD, "meson-info", "intro-projectinfo.json")))["version"]
    proc = run([exe, "--version"])
    result(proc.returncode == 0 and proc.stdout.strip() == "medusa-account " + version,
           "the installed binary runs (--version: %s)" % proc.stdout.strip(), proc.stderr)

    desktop = path(datadir, "applications", APP_ID + ".desktop")
    proc = run(["desktop-file-validate", desktop])
    result(proc.returncode == 0 and not proc.stdout.strip(), "the installed desktop file validates",
           proc.stdout + proc.stderr)
    text = open(desktop, encoding="utf-8").read()
    missing = [l for l in langs if "Name[%s]=" % l not in text or "Comment[%s]=" % l not in text
               or "Keywords[%s]=" % l not in text]
    result(not missing, "the desktop file carries the translations (%s)" % " ".join(langs), missing)

    metainfo = path(datadir, "metainfo", APP_ID + ".metainfo.xml")
    proc = run(["appstreamcli", "validate", "--no-net", "--pedantic", metainfo])
    result(proc.returncode == 0, "the installed metainfo validates", proc.stdout + proc.stderr)
    text = open(metainfo, encoding="utf-8").read()
    missing = [l for l in langs if 'xml:lang="%s"' % l not in text]
    result(not missing, "the metainfo carries the translations", missing)
    images = [n.firstChild.data.strip() for n in
              xml.dom.minidom.parseString(text.encode("utf-8")).getElementsByTagName("image")]
    absent = [u for u in images if "/data/screenshots/" not in u or not os.path.exists(
        os.path.join(SRC, "data", "screenshots", u.rsplit("/", 1)[1]))]
    result(images and not absent,
           "its %d screenshots are images in the repository (data/screenshots)" % len(images), absent)

    with tempfile.TemporaryDirectory() as schemas:
        proc = run(["glib-compile-schemas", "--strict", "--targetdir", schemas,
                    path(datadir, "glib-2.0", "schemas")])
        result(proc.returncode == 0, "the installed schema compiles", proc.stderr)

    for icon in ("scalable/apps/%s.svg" % APP_ID, "symbolic/apps/%s-symbolic.svg" % APP_ID):
        try:
            xml.dom.minidom.parse(path(datadir, "icons", "hicolor", icon))
            result(True, "icon %s is well-formed SVG" % icon)
        except Exception as e:  # noqa: BLE001
            result(False, "icon %s is well-formed SVG" % icon, e)

    service = open(path(datadir, "dbus-1", "services", APP_ID + ".service")).read()
    result("Name=%s\n" % APP_ID in service and
           "Exec=/%s --gapplication-service" % os.path.join(prefix, bindir, "medusa-account") in service,
           "the D-Bus service names the app and the installed binary", service)

    for l in langs:
        mo = path(localedir, l, "LC_MESSAGES", "medusa-account.mo")
        proc = run(["msgunfmt", mo])
        count = proc.stdout.count('\nmsgid "') if proc.returncode == 0 else 0
        result(count > 100, "%s: medusa-account.mo has the catalog (%d messages)" % (l, count),
               proc.stderr)

finish()
