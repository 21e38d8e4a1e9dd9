#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Searching the order history by a product title: the real app, in Xvfb,
against the real Medusa backend. A customer with five real orders signs in;
the app fills its local copy, and "Search orders" finds the orders with a
"Test Mug" by that title (the store's own q does not search product titles:
this is the local full-text index), together with the Shipped filter.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_URL, MEDUSA_SEED_ORDERS (path of seed-orders.sh).
Usage: test-local-search.py PATH-TO-medusa-account SCHEMA-DIR"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, app_env, wrap_up  # noqa: E402

APP, SCHEMA_DIR = sys.argv[1], sys.argv[2]
URL = os.environ.get("MEDUSA_URL")
SEED = os.environ.get("MEDUSA_SEED_ORDERS")
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")

if not (URL and SEED and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_SEED_ORDERS and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL)")
    sys.exit(0)

stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "gui-search-%s@example.com" % stamp
PASSWORD = "search-pass-123"
PRODUCT = "Test Mug"

home = tempfile.mkdtemp(prefix="medusa-gui-search-")
env = app_env(home, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
orders = []   # the customer's orders as the store sends them


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, name + ".png"))


def api(path, data=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(URL.rstrip("/") + path, headers=headers,
                                 data=json.dumps(data).encode() if data is not None else None,
                                 method="POST" if data is not None else "GET")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def has_product(order):
    return any(PRODUCT in (item.get("title") or "") for item in order.get("items") or [])


def seed():
    """Five real orders through the cart flow (the script registers the customer)."""
    global orders
    subprocess.run([SEED, "5"], check=True, stdout=log, stderr=log,
                   env=dict(os.environ, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=PASSWORD, MEDUSA_URL=URL))
    token = api("/store/auth/token", {"email": EMAIL, "password": PASSWORD})["access_token"]
    orders = api("/store/customers/me/orders?limit=50&expand=items", token=token)["orders"]
    with_product = [o for o in orders if has_product(o)]
    if len(orders) != 5 or not with_product or len(with_product) == len(orders):
        raise GuiError("the seeded orders do not make a search case: %d orders, %d with %r"
                       % (len(orders), len(with_product), PRODUCT))


def sign_in():
    global app
    app = App([APP], env, log=log)
    app.wait_page("Sign In")
    page = "MedusaSignInPage"
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.key("Return")
    app.wait_page("Overview")


def listed():
    """The order numbers of the rows the orders page shows."""
    numbers = []
    for node in app.nodes(within="MedusaOrdersPage"):
        m = re.match(r"Order #(\d+),", node.name or "")
        if m:
            numbers.append(int(m.group(1)))
    return sorted(set(numbers))


def type_search(text):
    """Types into "Search orders" as a person does (click, select all, type)."""
    page = "MedusaOrdersPage"
    found = []
    app._wait(lambda: found.extend(n for n in app.nodes(name="Search orders", within=page)
                                   if n.getRoleName() in ("text", "entry")) or found,
              "the Search orders field")
    node = found[0]
    app.mouse_click(node)
    subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+a", "BackSpace"], check=True)
    if text:
        subprocess.run(["xdotool", "type", "--delay", "8", text], check=True)
    app._wait(lambda: app.text_of(node) == text,
              "Search orders to hold %r (now %r, role %s)" % (text, app.text_of(node), node.getRoleName()))


def count_text(n):
    return "%d of %d order%s" % (n, n, "" if n == 1 else "s")


def search_by_title():
    app.mouse_click(app.find("label", "Orders", within="Account Sections"))
    app.wait_page("Orders")
    page = "MedusaOrdersPage"
    app.wait_text(count_text(len(orders)), within=page)

    matching = sorted((o for o in orders if has_product(o)), key=lambda o: -o["display_id"])
    others = [o for o in orders if not has_product(o)]
    # What a person types; the copy fills in the background after sign-in, and
    # the list answers from it as soon as it holds the whole history.
    type_search("mug")
    app.wait_text(count_text(len(matching)), within=page, timeout=40)
    shot("local-search")
    want = sorted(o["display_id"] for o in matching)
    app._wait(lambda: listed() == want,
              "the rows of exactly the orders with a %s (%s)" % (PRODUCT, want))

    # A product title of several words, as typed
    type_search("test mug")
    app.wait_text(count_text(len(matching)), within=page)
    app._wait(lambda: listed() == want, "the same rows for the whole title")

    # Clearing the search brings back every order
    type_search("")
    app.wait_text(count_text(len(orders)), within=page)


def main():
    try:
        ok = tap.step("a customer with five real orders (seed-orders.sh)", seed)
        ok = ok and tap.step("sign in", sign_in)
        ok = ok and tap.step("search the orders by a product title: the matching orders, and only those",
                             search_by_title)
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
