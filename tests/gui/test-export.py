#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Export Orders…: the real app, in Xvfb, against the real backend. A
customer with many orders (bench@example.com with its seeded history, else
a new one with 30 seeded orders) presses Export Orders… on the Orders page,
types a path into the file chooser (no portal under Xvfb: GTK's own dialog),
waits for the end, and the CSV read back must list exactly the orders the
store lists (GET /store/customers/me/orders), in its order, with the same
number, total and status.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_URL, MEDUSA_SEED_ORDERS (path of seed-orders.sh).
Usage: test-export.py PATH-TO-medusa-account SCHEMA-DIR"""

import csv
import ctypes
import io
import json
import os
import random
import re
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, _walk, app_env, wrap_up  # noqa: E402

APP, SCHEMA_DIR = sys.argv[1], sys.argv[2]
URL = os.environ.get("MEDUSA_URL")
SEED = os.environ.get("MEDUSA_SEED_ORDERS")

if not (URL and SEED and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_SEED_ORDERS and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL)")
    sys.exit(0)

EMAIL = os.environ.get("MEDUSA_EXPORT_EMAIL", "bench@example.com")
PASSWORD = os.environ.get("MEDUSA_EXPORT_PASSWORD", "supersecret")
MIN_ORDERS = 30

home = tempfile.mkdtemp(prefix="medusa-gui-export-")
out_dir = os.path.join(home, "exports")
os.makedirs(out_dir)
env = app_env(home, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
state = {}


def shot(name):
    if app is not None:
        app.screenshot(os.path.join(home, name + ".png"))


def store(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(URL + path, method=method, headers=headers,
                                 data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def token_for(email, password):
    try:
        return store("POST", "/store/auth/token", {"email": email, "password": password})["access_token"]
    except urllib.error.HTTPError:
        return None


def server_orders(token, extra=""):
    """The store's own list, every page, newest first; @extra: filters."""
    out, offset = [], 0
    while True:
        page = store("GET", "/store/customers/me/orders?limit=100&offset=%d"
                     "&fields=id,display_id,status,currency_code%s" % (offset, extra), token=token)
        out.extend(page["orders"])
        offset += 100
        if not page["orders"] or offset >= page["count"]:
            return out


def customer_with_orders():
    global EMAIL, PASSWORD
    token = token_for(EMAIL, PASSWORD)
    if token is None or len(server_orders(token)) < MIN_ORDERS:
        # no digits: the search below (q) looks at the email too
        EMAIL = "gui-export-%s@example.com" % "".join(random.choice(string.ascii_lowercase) for _ in range(12))
        PASSWORD = "export-pass-123"
        subprocess.run([SEED, str(MIN_ORDERS)], check=True, stdout=log, stderr=log,
                       env=dict(os.environ, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=PASSWORD, MEDUSA_URL=URL))
        token = token_for(EMAIL, PASSWORD)
    state["token"] = token
    orders = server_orders(token)
    state["count"] = len(orders)
    print("# %s has %d orders" % (EMAIL, state["count"]), flush=True)


def sign_in():
    page = "MedusaSignInPage"
    app.wait_page("Sign In")
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.key("Return")
    app.wait_page("Overview")
    app.mouse_click(app.find("label", "Orders", within="Account Sections"))
    app.wait_page("Orders")
    app.wait_text(" of %d orders" % state["count"], within="MedusaOrdersPage", timeout=60)


def export(name, count):
    out_path = os.path.join(out_dir, name)
    app.click("Export Orders…", within="MedusaOrdersPage")
    # GTK's own file chooser (no portal here), in save mode: the name field
    # has the focus with "orders.csv" in it; a whole path works there too.
    app._wait(lambda: app.page("Export Orders"), "the file chooser (a window named Export Orders)")
    time.sleep(0.5)
    shot("file-chooser")
    app.key("ctrl+a")
    subprocess.run(["xdotool", "type", "--delay", "8", out_path], check=True)
    time.sleep(0.3)
    app.key("Return")
    end = time.monotonic() + 120
    while not os.path.exists(out_path):
        if time.monotonic() > end:
            raise GuiError("no %s after 120 s" % out_path)
        time.sleep(0.2)
    # The toast, looked for around the pages (the list holds a row for each
    # loaded order, too many to walk within the toast's few seconds).
    want = "Exported %d orders to “%s”" % (count, name)

    def toast():
        def enter(n):
            return not (n.name or "").startswith("Medusa") or not (n.name or "").endswith("Page")
        for n in _walk(app.frame(), enter=enter):
            if n.getRoleName() == "label" and want in (n.name or App.text_of(n) or ""):
                return n
        return None
    app._wait(toast, "the toast '%s'" % want, timeout=30)
    shot("exported-" + name)


def compare(name, extra="", expected=None):
    with open(os.path.join(out_dir, name), "rb") as f:
        raw = f.read()
    if not raw.endswith(b"\r\n") or b"\n" in raw.replace(b"\r\n", b""):
        raise GuiError("the lines do not end in CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, rows = rows[0], rows[1:]
    want_header = ["number", "date", "status", "fulfillment", "payment", "currency", "subtotal",
                   "shipping", "tax", "discount", "total", "item count", "items", "tracking numbers"]
    if header != want_header:
        raise GuiError("header %r" % header)
    if expected is None:
        expected = server_orders(state["token"], extra + "&expand=fulfillments,fulfillments.tracking_links")
    if len(rows) != len(expected):
        raise GuiError("%d rows, the store lists %d orders" % (len(rows), len(expected)))
    for row, order in zip(rows, expected):
        digits = {"jpy": 0, "krw": 0, "kwd": 3, "bhd": 3}.get(order["currency_code"], 2)
        total = order["total"]
        want_total = str(total) if digits == 0 else "%s%d.%0*d" % (
            "-" if total < 0 else "", abs(total) // 10 ** digits, digits, abs(total) % 10 ** digits)
        tracking = "; ".join(link["tracking_number"] for f in order["fulfillments"] if not f.get("canceled_at")
                             for link in f.get("tracking_links", []) if link.get("tracking_number"))
        got = (row[0], row[10], row[2], row[13])
        want = (str(order["display_id"]), want_total, order["status"], tracking)
        if got != want:
            raise GuiError("row %r, the store says %r" % (got, want))
        if int(row[11]) < 1 or " × " not in row[12]:
            raise GuiError("row %s lists no items: %r" % (row[0], row))
    left = sorted(os.listdir(out_dir))
    if any(n.startswith(".") for n in left):
        raise GuiError("files left next to the export: %r" % left)


def search(text):
    """The search narrows the list to what the local copy's full-text search
    finds (product titles, not the store's q, which looks at names): the
    page's count is the orders with that product, by the store's own data."""
    everything = server_orders(state["token"], "&expand=items,fulfillments,fulfillments.tracking_links")
    word = text.lower()
    state["expected"] = [o for o in everything
                         if any(w.startswith(word) for item in o["items"]
                                for w in re.split(r"\W+", ((item.get("title") or "") + " " +
                                                            (item.get("variant_title") or "")).lower()))]
    state["found"] = len(state["expected"])
    server_q = len(server_orders(state["token"], "&q=" + text))
    print("# %d orders have %r in an item; the store's q finds %d" % (state["found"], text, server_q), flush=True)
    if not 0 < state["found"] < state["count"] or server_q == state["found"]:
        raise GuiError("pick another search text: it finds %d of %d orders (q: %d)"
                       % (state["found"], state["count"], server_q))
    app.key("ctrl+f")  # the search entry, as a keyboard user finds it
    subprocess.run(["xdotool", "type", "--delay", "8", text], check=True)
    app.wait_text(" of %d order" % state["found"], within="MedusaOrdersPage", timeout=60)
    time.sleep(1)  # the count settled: read it again

    def count_line():
        found = []

        def pred(s):
            m = re.fullmatch(r"\d+ of (\d+) orders?", s.strip())
            if m:
                found.append(int(m.group(1)))
            return m is not None
        app.wait_label(pred, "the count line", within="MedusaOrdersPage")
        return found[-1]
    state["shown"] = count_line()
    if state["shown"] != state["found"]:
        raise GuiError("the page says %d orders, %d have %r" % (state["shown"], state["found"], text))


def compare_found(name):
    """The CSV holds what the page shows: its count, and for each order the
    store's numbers, newest first."""
    with open(os.path.join(out_dir, name), "rb") as f:
        rows = list(csv.reader(io.StringIO(f.read().decode("utf-8"), newline="")))[1:]
    if len(rows) != state["shown"]:
        raise GuiError("%d rows, the page shows %d orders" % (len(rows), state["shown"]))
    compare(name, expected=state["expected"])


def hold_display():
    """Xvfb resets itself when its last client goes (the readiness check of
    the runner was one): an app that connects meanwhile gets "cannot open
    display". One connection of our own, held to the end, keeps it up."""
    xlib = ctypes.cdll.LoadLibrary("libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    end = time.monotonic() + 20
    while time.monotonic() < end:
        display = xlib.XOpenDisplay(None)
        if display:
            state["display"] = display
            return
        time.sleep(0.1)
    raise GuiError("cannot connect to the display %s" % os.environ.get("DISPLAY"))


def main():
    global app
    try:
        ok = tap.step("a customer with at least %d orders" % MIN_ORDERS, customer_with_orders)
        if ok:
            hold_display()
            app = App([APP], env, log=log)
        ok = ok and tap.step("sign in and open the orders", sign_in)
        ok = ok and tap.step("Export Orders…, a path typed in the file chooser, the toast at the end",
                             lambda: export("orders.csv", state["count"]))
        ok = ok and tap.step("the CSV lists the store's orders: number, total, status, tracking, in order",
                             compare, "orders.csv")
        ok = ok and tap.step("search the orders (a product: the local copy's search)", lambda: search("Mug"))
        ok = ok and tap.step("Export Orders… again: only what the search finds",
                             lambda: export("found.csv", state["found"]))
        ok = ok and tap.step("the CSV lists the orders the page shows, with the store's numbers",
                             lambda: compare_found("found.csv"))
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
