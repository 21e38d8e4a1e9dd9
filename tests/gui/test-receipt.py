#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Receipts, end to end: the real app in Xvfb against the real Medusa backend.
A customer with a shipped order opens its details, presses Save as PDF…,
types a path in the file chooser (no portal under Xvfb: GTK's own dialog),
and the PDF holds the order (checked with pdftotext); a folder it may not
write to gives a toast that says so; Ctrl+P opens the print dialog, which
is cancelled.

Needs: DISPLAY (Xvfb), a D-Bus session, MEDUSA_URL, MEDUSA_SEED_ORDERS,
pdftotext (poppler-utils).
Usage: test-receipt.py PATH-TO-medusa-account SCHEMA-DIR"""

import json
import os
import shutil
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
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not (URL and SEED and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_SEED_ORDERS and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL)")
    sys.exit(0)
if shutil.which("pdftotext") is None:
    print("Bail out! pdftotext is missing (poppler-utils; tools/install-deps.sh installs it)")
    sys.exit(1)

stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "receipt-%s@example.com" % stamp
PASSWORD = "receipt-pass-123"

home = tempfile.mkdtemp(prefix="medusa-receipt-")
env = app_env(home, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
order = {}
saved_pdf = os.path.join(home, "saved", "my receipt.pdf")


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, name + ".png"))


def api(method, path, body=None, token=None):
    req = urllib.request.Request(URL + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as answer:
        return json.loads(answer.read().decode())


def seed():
    """A new customer with four orders; the fourth is shipped with a tracking
    number (seed-orders.sh), and is the one the receipt is made of."""
    subprocess.run([SEED, "4"], check=True, stdout=log, stderr=log,
                   env=dict(os.environ, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=PASSWORD, MEDUSA_URL=URL))
    token = api("POST", "/store/auth/token", {"email": EMAIL, "password": PASSWORD})["access_token"]
    orders = api("GET", "/store/customers/me/orders?limit=50", token=token)["orders"]
    shipped = [o for o in orders if o["fulfillment_status"] == "shipped"]
    if not shipped:
        raise GuiError("the seed made no shipped order: %r" % [o["fulfillment_status"] for o in orders])
    # a refund (admin API), which GET /store/orders/{id} does not show: the
    # receipt fetches the order from the customer's list, which has it
    admin = os.environ.get("MEDUSA_ADMIN_EMAIL", "admin@example.com")
    admin_password = os.environ.get("MEDUSA_ADMIN_PASSWORD", "supersecret")
    admin_token = api("POST", "/admin/auth/token",
                      {"email": admin, "password": admin_password})["access_token"]
    api("POST", "/admin/orders/%s/refund" % shipped[0]["id"],
        {"amount": 550, "reason": "other", "note": "Receipt test refund"}, token=admin_token)
    full = api("GET", "/store/orders/" + shipped[0]["id"], token=token)["order"]
    order.update(full)


def open_order():
    global app
    app = App([APP], env, log=log)
    app.wait_page("Sign In")
    page = "MedusaSignInPage"
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.key("Return")
    app.wait_page("Overview")
    app.mouse_click(app.find("label", "Orders", within="Account Sections"))
    app.wait_page("Orders")
    row = app.wait_label(lambda s: s.startswith("Order #%d" % order["display_id"]),
                         "the row of order #%d" % order["display_id"])
    app.mouse_click(row)
    app.wait_text("Order #%d" % order["display_id"], within="MedusaOrderDetailsPage")
    tracking = order["fulfillments"][0]["tracking_links"][0]["tracking_number"]
    app.wait_text(tracking, within="MedusaOrderDetailsPage")
    shot("order-details-receipt")


def button(label):
    """The page's button whose accessible name holds @label (a mnemonic
    doubles the name in GTK 4.8: "_Print… Print…")."""
    def one():
        for n in app.nodes("push button", within="MedusaOrderDetailsPage"):
            if label in (n.name or ""):
                return n
        return None
    return app._wait(one, "the button '%s'" % label)


def press(label):
    node = button(label)
    node.queryAction().doAction(0)


def save_dialog_path(path, toast):
    """In GTK's own Save dialog: type @path into the name entry (it takes a
    whole path), then Enter; the @toast the save shows is waited for first
    (it goes after 5 s, and walking the windows while the dialog goes away
    can take longer than that)."""
    dialog = app._wait(lambda: app.page("Save Receipt"), "the Save Receipt dialog")
    name = app._wait(lambda: [n for n in app.nodes("text", within="Save Receipt")], "the file name entry")[0]
    wanted = "Receipt %d.pdf" % order["display_id"]
    app._wait(lambda: app.text_of(name) == wanted,
              "the file name '%s' (now %r)" % (wanted, app.text_of(name)))
    shot("save-receipt-dialog")
    app.key("ctrl+a")
    subprocess.run(["xdotool", "type", "--delay", "8", path], check=True)
    app._wait(lambda: app.text_of(name) == path, "the typed path (now %r)" % app.text_of(name))
    app.key("Return")
    app.wait_text(toast)
    app._wait(lambda: app.page("Save Receipt") is None, "the dialog to close")
    return dialog


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def save_as_pdf():
    os.makedirs(os.path.dirname(saved_pdf))
    press("Save as PDF")
    save_dialog_path(saved_pdf, "Saved the receipt as “my receipt.pdf”")
    app._wait(lambda: os.path.exists(saved_pdf), "the PDF at %s" % saved_pdf)
    text = " ".join(pdf_text(saved_pdf).replace("\u00a0", " ").replace("\u202f", " ").split(" "))
    total = "%d.%02d" % divmod(order["total"], 100)
    want = ["Order #%d" % order["display_id"], "Receipt", "Total", total,
            order["fulfillments"][0]["tracking_links"][0]["tracking_number"],
            "Payment status", "Partially refunded", order["shipping_address"]["city"]]
    want += [item["title"] for item in order["items"]]
    # from the customer's order list only: the refund and the billing address
    want += ["Refunds", "Other: Receipt test refund", "5.50", "Billing address"]
    missing = [w for w in want if w not in text]
    if missing:
        raise GuiError("not in the PDF: %r\n%s" % (missing, text))
    if "No billing address" in text:
        raise GuiError("the billing address is missing from the PDF:\n%s" % text)
    if SHOTS:
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        saved_pdf, os.path.join(SHOTS, "receipt")], check=True)


def unwritable_folder():
    """As root nothing is read-only but /sys: writing there is refused,
    and the toast says which folder."""
    time.sleep(6)  # the toast of the last save goes
    press("Save as PDF")
    save_dialog_path("/sys/receipt.pdf", "Could not save the receipt. You cannot write to the folder “/sys”.")
    shot("receipt-error")


def print_dialog():
    app.focus_window()
    button("Print")  # the page is there and its actions on
    app.key("ctrl+p")
    dialog = app._wait(lambda: app.page("Print"), "the print dialog")
    shot("print-dialog")
    # "Print to File" (GTK's own file backend) is always listed
    app.wait_text("Print to File", within="Print")
    app.key("Escape")
    app._wait(lambda: app.page("Print") is None, "the print dialog to close")
    time.sleep(1)
    return dialog


def main():
    try:
        ok = tap.step("a customer with a shipped order (seed-orders.sh)", seed)
        ok = ok and tap.step("sign in and open the shipped order's details", open_order)
        ok = ok and tap.step("Save as PDF…: a path typed in the file chooser, the order in the PDF",
                             save_as_pdf)
        ok = ok and tap.step("a folder that may not be written: a toast says so", unwritable_folder)
        ok = ok and tap.step("Ctrl+P opens the print dialog; Escape cancels it", print_dialog)
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
