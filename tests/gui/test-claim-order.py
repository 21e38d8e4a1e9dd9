#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""A person who once ordered as a guest registers later, finds that order
missing, and adds it with "Find an Order Placed as a Guest…" on the Orders
page: look it up by number and email (a wrong email first), have the store
send the confirmation email, paste a wrong link, then the right one; the order
shows in the history. Looking it up again says it is already in the account.
The real app in Xvfb against the real backend; the token the store would mail
is read from the backend kit's order-claim-capture subscriber.

Needs: DISPLAY, a D-Bus session with an unlocked Secret Service, MEDUSA_URL,
MEDUSA_CLAIM_TOKEN_DIR, MEDUSA_GUEST_ORDER (path of guest-order.sh).
Usage: test-claim-order.py PATH-TO-medusa-account SCHEMA-DIR"""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, app_env, wrap_up  # noqa: E402

APP, SCHEMA_DIR = sys.argv[1], sys.argv[2]
URL = os.environ.get("MEDUSA_URL")
TOKENS = os.environ.get("MEDUSA_CLAIM_TOKEN_DIR")
GUEST_ORDER = os.environ.get("MEDUSA_GUEST_ORDER")
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not (URL and TOKENS and GUEST_ORDER and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_CLAIM_TOKEN_DIR, MEDUSA_GUEST_ORDER and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL, MEDUSA_CLAIM_TOKEN_DIR)")
    sys.exit(0)

stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "gui-guest-%s@example.com" % stamp
PASSWORD = "guest-pass-123"
DIALOG = "Find an Order Placed as a Guest"   # the dialog window, by its title
ORDERS = "MedusaOrdersPage"

home = tempfile.mkdtemp(prefix="medusa-gui-claim-")
env = app_env(home, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
order = {}


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, name + ".png"))


def check_accessible_names():
    unnamed = app.unnamed_controls()
    if unnamed:
        raise GuiError("controls without an accessible name: %s" % ", ".join(unnamed))


def place_guest_order():
    out = subprocess.run([GUEST_ORDER, EMAIL], check=True, capture_output=True, text=True,
                         env=dict(os.environ, MEDUSA_URL=URL))
    log.write(out.stderr)
    order.update(json.loads(out.stdout))
    if not order.get("display_id"):
        raise GuiError("guest-order.sh gave no order: %r" % out.stdout)


def register():
    global app
    app = App([APP], env, log=log)
    app.wait_page("Sign In")
    app.click("Create an account", within="MedusaSignInPage")
    app.wait_page("Create Account")
    page = "MedusaRegisterPage"
    app.type_into("First name", "Gustav", within=page)
    app.type_into("Last name", "Gast", within=page)
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.type_into("Confirm password", PASSWORD, within=page)
    app.click("Create Account", within=page)
    app.wait_page("Overview")


def orders_page_misses_it():
    app.mouse_click(app.find("label", "Orders", within="Account Sections"))
    app.wait_page("Orders")
    # the same email, but the store keeps the guest order with the guest record
    app.wait_text("No Orders Yet")
    check_accessible_names()


def open_assistant():
    app.click("Find an Order Placed as a Guest…", within=ORDERS)
    app.find("push button", "Find Order", within=DIALOG)
    time.sleep(0.5)
    check_accessible_names()


def wrong_email_then_found():
    number = str(order["display_id"])
    app.type_into("Order Number", number, within=DIALOG)
    # the account's email is filled in; the guest may have used another one
    email = app.find("text", "Email Address of the Order", within=DIALOG)
    if app.text_of(email) != EMAIL:
        raise GuiError("the account's email is not filled in: %r" % app.text_of(email))
    app.type_into("Email Address of the Order", "someone.else@example.com", within=DIALOG)
    app.click("Find Order", within=DIALOG)
    app.wait_text("No order with this number was placed with this email address", within=DIALOG)
    # nothing typed is lost
    if app.text_of(app.find("text", "Order Number", within=DIALOG)) != number:
        raise GuiError("the order number was lost after the error")
    # typed in capitals, as people do
    app.type_into("Email Address of the Order", EMAIL.upper(), within=DIALOG)
    app.key("Return")
    app.wait_text("Order #%s:" % number, within=DIALOG)   # its products
    app.wait_label(lambda s: s.startswith("Order #%s," % number), "the found order's row", within=DIALOG)
    shot("claim-found")
    check_accessible_names()


def send_email():
    app.click("Send Confirmation Email", within=DIALOG)
    app.wait_text("The store is sending a confirmation email to %s" % EMAIL, within=DIALOG)


def read_token():
    path = os.path.join(TOKENS, EMAIL + ".json")
    end = time.monotonic() + 20
    while not os.path.exists(path) and time.monotonic() < end:
        time.sleep(0.25)
    if not os.path.exists(path):
        raise GuiError("no claim token in %s" % path)
    with open(path) as f:
        rec = json.load(f)
    if order["id"] not in rec.get("orders", []):
        raise GuiError("the token is not for order %s: %r" % (order["id"], rec))
    return rec["token"]


def wrong_code_then_right_link():
    token = read_token()
    code = "Confirmation Code or Link"
    # a code that is cut short in the middle: the store refuses it
    bad = token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB")
    app.type_into(code, "https://shop.example/claim-order?token=" + bad, within=DIALOG)
    app.click("Add to My Account", within=DIALOG)
    app.wait_text("The confirmation code is wrong or has expired", within=DIALOG)
    shot("claim-wrong-code")
    # the whole link from the email
    app.type_into(code, "https://shop.example/claim-order?token=" + token, within=DIALOG)
    app.click("Add to My Account", within=DIALOG)
    app.wait_text("Added to Your Account", within=DIALOG, timeout=40)
    shot("claim-done")
    check_accessible_names()
    app.click("Close", within=DIALOG)
    time.sleep(2)  # GTK 4.8's AT-SPI bridge: do not walk a dialog being destroyed


def order_in_history():
    app.wait_text("1 of 1 order", within=ORDERS, timeout=30)
    app.wait_label(lambda s: s.startswith("Order #%s," % order["display_id"]), "the claimed order's row",
                   within=ORDERS)


def already_in_account():
    open_assistant()
    app.type_into("Order Number", "#%s" % order["display_id"], within=DIALOG)
    app.click("Find Order", within=DIALOG)
    app.wait_text("Order #%s is already in your account." % order["display_id"], within=DIALOG)
    app.key("Escape")
    time.sleep(2)
    app.find("push button", "Find an Order Placed as a Guest…", within=ORDERS)


def main():
    try:
        ok = tap.step("place an order as a guest (cart flow, not signed in)", place_guest_order)
        ok = ok and tap.step("register an account with the same email", register)
        ok = ok and tap.step("the order history does not have the guest order", orders_page_misses_it)
        ok = ok and tap.step("open the assistant from the Orders page", open_assistant)
        ok = ok and tap.step("a wrong email says so and keeps the input; the right one finds the order",
                             wrong_email_then_found)
        ok = ok and tap.step("ask the store to send the confirmation email", send_email)
        ok = ok and tap.step("a wrong code is refused; the whole link from the email adds the order",
                             wrong_code_then_right_link)
        ok = ok and tap.step("the order is in the history", order_in_history)
        ok = ok and tap.step("looking it up again: it is already in the account", already_in_account)
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
