#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Takes the Medusa v2 screenshots in data/screenshots (README) from the real
app and the v2 demo store of `tools/demo.sh --v2 --no-app`. Not a test.

The store is added as a person does: its address alone first (the app asks
for the publishable key: v2-store-key.png), then with the key; the demo
customer signs in (v2-overview.png) and opens the Orders page (v2-orders.png).

Needs an X display (e.g. Xvfb :90 -screen 0 1280x800x24), a D-Bus session
with an unlocked Secret Service, and the v2 demo store.
Usage: take-screenshots-v2.py BUILD-DIR OUT-DIR [PAGES...]
Environment: MEDUSA_V2_URL (default http://127.0.0.1:9200) and
MEDUSA_V2_PUBLISHABLE_KEY (default: from /var/tmp/medusa-v2/run/medusa.env)."""

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, app_env  # noqa: E402

BUILD, OUT = sys.argv[1], sys.argv[2]
PAGES = sys.argv[3:] or ["v2-store-key", "v2-overview", "v2-orders"]
URL = os.environ.get("MEDUSA_V2_URL", "http://127.0.0.1:9200")
KEY = os.environ.get("MEDUSA_V2_PUBLISHABLE_KEY")
if not KEY:
    with open("/var/tmp/medusa-v2/run/medusa.env") as facts:
        KEY = next(line.split("=", 1)[1].strip() for line in facts
                   if line.startswith("MEDUSA_PUBLISHABLE_KEY="))

home = tempfile.mkdtemp(prefix="medusa-shots-v2-")
# No store preselected: it is added on the store page.
env = app_env(home, os.path.join(BUILD, "data"), "", MEDUSA_ACCOUNT_LOCALEDIR=os.path.join(BUILD, "po"),
              LANG="C.UTF-8", LC_ALL=None, LANGUAGE=None)
os.makedirs(OUT, exist_ok=True)
app = App([os.path.join(BUILD, "src", "ui", "medusa-account")], env)


def snap(name):
    if name in PAGES:
        time.sleep(1.5)
        subprocess.run(["import", "-window", "root", "-crop", "960x680+0+0", "+repage",
                        os.path.join(OUT, name + ".png")], check=True)
        print("wrote", os.path.join(OUT, name + ".png"))


try:
    page = "MedusaStorePage"
    app.wait_page("Choose a Store")
    app.type_into("Store address", URL, within=page)
    app.type_into("Display name (optional)", "Demo Store (Medusa v2)", within=page)
    app.click("Connect", within=page)
    app.wait_text("needs its publishable API key", within=page)
    snap("v2-store-key")
    app.type_into("Publishable key (optional)", KEY, within=page)
    app.click("Connect", within=page)
    app.wait_page("Sign In")
    app.type_into("Email", "demo@example.com", within="MedusaSignInPage")
    app.type_into("Password", "supersecret", within="MedusaSignInPage")
    app.key("Return")
    app.wait_page("Overview", timeout=60)
    app.wait_text("demo@example.com")
    app.wait_text("3 addresses")
    app.wait_text("12 orders")
    snap("v2-overview")
    app.mouse_click(app.find("label", "Orders", within="Account Sections"))
    app.wait_page("Orders")
    app.wait_text("12 of 12 orders", within="MedusaOrdersPage", timeout=60)
    snap("v2-orders")
finally:
    app.quit()
