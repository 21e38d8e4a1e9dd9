#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Takes the screenshots in data/screenshots (README, AppStream metainfo) from
the real app, signed in to the demo store of tools/demo.sh. Not a test.

Needs an X display (e.g. Xvfb :90 -screen 0 1280x800x24), a D-Bus session
with an unlocked Secret Service, and the demo store (tools/demo.sh --no-app).
Usage: take-screenshots.py BUILD-DIR OUT-DIR [LANG LOCALE [PAGES...]]
  e.g. take-screenshots.py _build data/screenshots
       take-screenshots.py _build /tmp/de de de_DE.UTF-8 orders"""

import gettext
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, app_env  # noqa: E402

BUILD, OUT = sys.argv[1], sys.argv[2]
LANG = sys.argv[3] if len(sys.argv) > 3 else None
LOCALE = sys.argv[4] if len(sys.argv) > 4 else "C.UTF-8"
PAGES = sys.argv[5:] or ["sign-in", "overview", "orders", "order-details", "addresses", "profile"]
URL = os.environ.get("MEDUSA_URL", "http://127.0.0.1:9000")

catalog = gettext.translation("medusa-account", os.path.join(BUILD, "po"),
                              languages=[LANG] if LANG else [], fallback=True)


def T(msgid):
    return re.sub(r"_(?=\w)", "", catalog.gettext(msgid), count=1)


home = tempfile.mkdtemp(prefix="medusa-shots-")
env = app_env(home, os.path.join(BUILD, "data"), URL, MEDUSA_ACCOUNT_STORE_NAME="Demo Store",
              MEDUSA_ACCOUNT_LOCALEDIR=os.path.join(BUILD, "po"), LANG=LOCALE, LC_ALL=None,
              LANGUAGE=LANG)
os.makedirs(OUT, exist_ok=True)
app = App([os.path.join(BUILD, "src", "ui", "medusa-account")], env)


def snap(name):
    if name in PAGES:
        time.sleep(1.5)
        subprocess.run(["import", "-window", "root", "-crop", "960x680+0+0", "+repage",
                        os.path.join(OUT, name + ".png")], check=True)
        print("wrote", os.path.join(OUT, name + ".png"))


def sidebar(name):
    app.mouse_click(app.find("label", T(name), within=T("Account Sections")))
    app.wait_page(T(name))


try:
    app.wait_page(T("Sign In"))
    app.type_into(T("Email"), "demo@example.com", within="MedusaSignInPage")
    snap("sign-in")
    app.type_into(T("Password"), "supersecret", within="MedusaSignInPage")
    app.key("Return")
    app.wait_page(T("Overview"))
    app.wait_text("demo@example.com")
    snap("overview")
    sidebar("Orders")
    app.wait_label(lambda s: s.startswith("#"), "an order row")
    snap("orders")
    shipped = T("Shipped")
    row = app.wait_label(lambda s: "#" in s and shipped in s, "a shipped order")
    app.mouse_click(row)
    app.wait_text("TRACK")
    snap("order-details")
    sidebar("Addresses")
    app.wait_text("Keizersgracht")
    snap("addresses")
    sidebar("Profile")
    snap("profile")
finally:
    app.quit()
