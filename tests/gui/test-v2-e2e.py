#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""End-to-end against a real Medusa v2 (2.21) store: the real medusa-account
binary in Xvfb, driven as a person would (clicks and typed text, found by
accessible names) and checked through what the window shows.

A store added by its address alone: the app finds out it is a v2 store and
asks for its publishable key (a wrong one gets a human message, the right one
goes on); a new customer registers; the overview shows the name; the profile
says what a v2 store does not let one change; the payment methods page says
there are none; a new address shows in the address book and becomes the
billing address in the profile (the store keeps it); six real orders in
every state are listed newest first as the store has them, a payment status
filter and a search narrow the list, an order opens with its total and is
saved as a PDF receipt that holds it; signing
out leaves nothing of the customer on screen; a store chosen from the
environment takes the environment's key.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_V2_URL and MEDUSA_V2_PUBLISHABLE_KEY (tools/test-all.sh sets them from
the running v2 backend). Without them the test is skipped.
Usage: test-v2-e2e.py PATH-TO-medusa-account SCHEMA-DIR"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from decimal import Decimal

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import COORDS, App, GuiError, Tap, _walk, app_env, visible_texts, wrap_up  # noqa: E402

APP, SCHEMA_DIR = sys.argv[1], sys.argv[2]
URL = os.environ.get("MEDUSA_V2_URL")
KEY = os.environ.get("MEDUSA_V2_PUBLISHABLE_KEY")
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not (URL and KEY and os.environ.get("DISPLAY")):
    # meson's TAP protocol counts "1..0 # SKIP" as a skipped test (an exit
    # status of 77 would be an error there).
    print("1..0 # SKIP needs a display and a real Medusa v2 backend "
          "(MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY)")
    sys.exit(0)

stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "gui-v2-%s@example.com" % stamp
PASSWORD = "v2-pass-123"
FIRST, LAST = "Grace", "Hopper" + stamp[-5:]
PHONE = "+4930%s" % stamp[-6:]
STREET = "Hopperweg %s" % stamp[-4:]
WRONG_KEY = "pk_" + "0" * 64
# The v2 kit's seed script: real orders through the cart flow, then moved to
# other states through the admin API (one in each state for six orders).
SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration-v2", "seed-orders.sh")
N_ORDERS = 6
orders = []  # the customer's orders as the store lists them, newest first
opened = None  # the order order_details() opened

home = tempfile.mkdtemp(prefix="medusa-gui-v2-")
# No store preselected: the store is added through the store page.
env = app_env(home, SCHEMA_DIR, "", LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None

# The page widget each header title stands for. GTK 4.8 reports the pages a
# GtkStack does not show as visible too: only the shown one is looked at.
PAGES = {
    "Choose a Store": "MedusaStorePage",
    "Sign In": "MedusaSignInPage",
    "Create Account": "MedusaRegisterPage",
    "Overview": "MedusaOverviewPage",
    "Profile": "MedusaProfilePage",
    "Addresses": "MedusaAddressesPage",
    "Payment Methods": "MedusaPaymentMethodsPage",
    "Orders": "MedusaOrdersPage",
}


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, "v2-" + name + ".png"))


def check_accessible_names():
    unnamed = app.unnamed_controls()
    if unnamed:
        raise GuiError("controls without an accessible name: %s" % ", ".join(unnamed))


def on_screen():
    """(role, text) of everything a person can see now: every window of the
    app, and of the main window's pages only the one shown."""
    current = PAGES.get(app.title())
    if current is None:
        raise GuiError("no page type known for the title %r" % app.title())

    def another_page(n):
        name = n.name or ""
        return name.startswith("Medusa") and name.endswith("Page") and name != current

    app._find_app()
    out = []
    for i in range(app.app.childCount):
        window = app.app.getChildAtIndex(i)
        if window is not None:
            out.extend(visible_texts(window, skip=another_page))
    return out


def texts_now():
    return [t for _, t in on_screen()]


def sidebar(name):
    app.mouse_click(app.find("label", name, within="Account Sections"))
    app.wait_page(name)
    time.sleep(0.5)  # let the page load what it shows
    check_accessible_names()


def store_error(pred, what):
    return app.wait_label(pred, what, within="MedusaStorePage")


def connect(key):
    page = "MedusaStorePage"
    app.type_into("Publishable key (optional)", key, within=page)
    app.click("Connect", within=page)


def add_store_without_key():
    """Only the address: the app finds a v2 store and asks for the key,
    with where the store's team finds it; the key row is marked."""
    app.wait_page("Choose a Store")
    check_accessible_names()
    page = "MedusaStorePage"
    app.type_into("Store address", URL, within=page)
    app.click("Connect", within=page)
    store_error(lambda s: "Medusa v2" in s and "publishable API key" in s
                and "Settings → Publishable API Keys" in s,
                "the message asking for the v2 store's publishable key")
    key_row = app.find("text", "Publishable key (optional)", within=page)
    if not key_row.getState().contains(pyatspi.STATE_INVALID):
        raise GuiError("the publishable key row is not marked invalid")
    if app.title() != "Choose a Store":
        raise GuiError("the app left the store page without a key (now %r)" % app.title())
    address = app.text_of(app.find("text", "Store address", within=page))
    if address != URL:
        raise GuiError("the typed address was lost: %r" % address)
    shot("store-key")


def wrong_key():
    connect(WRONG_KEY)
    store_error(lambda s: "did not accept this publishable API key" in s,
                "the message that the store refused the key")
    leaks = [t for t in texts_now() if "{" in t or "not_allowed" in t]
    if leaks:
        raise GuiError("raw server text on screen: %r" % leaks)
    if app.title() != "Choose a Store":
        raise GuiError("the app went on with a wrong key (now %r)" % app.title())
    if app.text_of(app.find("text", "Store address", within="MedusaStorePage")) != URL:
        raise GuiError("the typed address was lost after the wrong key")


def right_key():
    connect(KEY)
    app.wait_page("Sign In")
    # the saved store keeps the key: the store page lists it, and says v2
    check_accessible_names()


def register():
    app.click("Create an account", within="MedusaSignInPage")
    app.wait_page("Create Account")
    page = "MedusaRegisterPage"
    app.type_into("First name", FIRST, within=page)
    app.type_into("Last name", LAST, within=page)
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Phone", PHONE, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.type_into("Confirm password", PASSWORD, within=page)
    check_accessible_names()
    app.click("Create Account", within=page)
    app.wait_page("Overview", timeout=40)
    app.wait_label(lambda s: s == EMAIL, "the overview showing %s" % EMAIL)
    app.wait_text("%s %s" % (FIRST, LAST))
    app.find("push button", "Sign Out", within="MedusaOverviewPage")
    shot("overview")
    check_accessible_names()


def profile_limits():
    """v2 changes neither email nor password through the store API: the
    profile says so in one line, and neither change is offered."""
    sidebar("Profile")
    page = "MedusaProfilePage"
    app.wait_text("This store does not let you change your email address or password here.",
                  within=page)
    for label in ("Change Email…", "Change Password…"):
        for button in app.nodes("push button", label, within=page):
            if button.getState().contains(pyatspi.STATE_SENSITIVE):
                raise GuiError("'%s' is offered on a v2 store" % label)
    first = app.find("text", "First name", within=page)
    app._wait(lambda: app.text_of(first) == FIRST, "the first name in the profile form")
    shot("profile")


def payment_methods_explained():
    sidebar("Payment Methods")
    page = "MedusaPaymentMethodsPage"
    app.wait_text("No Saved Payment Methods", within=page)
    app.wait_text("This store does not save payment methods.", within=page)
    texts = texts_now()
    for unwanted in ("Could not", "404", "Cannot GET"):
        if any(unwanted in t for t in texts):
            raise GuiError("the payment methods page shows an error: %r" % texts)


def add_address():
    sidebar("Addresses")
    app.click("Add Address", within="MedusaAddressesPage")
    dialog = "New Address"  # the dialog window, by its title
    app.type_into("First name", FIRST, within=dialog)
    app.type_into("Last name", LAST, within=dialog)
    app.type_into("Address", STREET, within=dialog)
    app.type_into("City", "Berlin", within=dialog)
    app.type_into("Postal code", "10115", within=dialog)
    check_accessible_names()
    app.click("Save", within=dialog)
    # let the dialog go before walking the window again (GTK 4.8's bridge)
    time.sleep(1.5)
    app.wait_label(lambda s: STREET in s, "the new address in the list", within="MedusaAddressesPage")
    shot("addresses")


def selected_text(combo):
    """The label a combo row shows for its choice (not its title)."""
    def labels(node):
        for i in range(node.childCount):
            c = node.getChildAtIndex(i)
            if c is None:
                continue
            if c.getRoleName() == "label":
                yield c.name
            yield from labels(c)
    return next((n for n in labels(combo) if n != combo.name), None)


def billing_address():
    """The billing address on v2 is one of the saved addresses: chosen in the
    profile, saved, and the store keeps it as the default billing address."""
    sidebar("Profile")
    page = "MedusaProfilePage"
    app.wait_text("The address the store puts on your invoices: one of your saved addresses. "
                  "A new one is saved with them.", within=page)
    combo = app.find("combo box", "Use address", within=page)
    app.mouse_click(combo)
    time.sleep(0.5)
    app.key("Down")        # "None" → the saved address
    app.key("Return")
    time.sleep(0.4)
    app._wait(lambda: STREET in (selected_text(app.find("combo box", "Use address", within=page)) or ""),
              "the saved address chosen in 'Use address'")
    app.click("Save Billing Address", within=page)
    token = store_api("/auth/customer/emailpass", {"email": EMAIL, "password": PASSWORD})["token"]

    def flagged():
        addresses = store_api("/store/customers/me/addresses", token=token)["addresses"]
        return [a["address_1"] for a in addresses if a.get("is_default_billing")] == [STREET]
    app._wait(flagged, "the store to keep the chosen address as the billing address")
    app.wait_label(lambda s: s == "Current billing address", "the current billing address row", within=page)
    app._wait(lambda: not app.nodes("push button", "Save Billing Address", within=page)
              or not app.find("push button", "Save Billing Address", within=page)
              .getState().contains(pyatspi.STATE_SENSITIVE),
              "Save Billing Address to have nothing left to save")
    shot("profile-billing")


def store_api(path, data=None, token=None):
    headers = {"Content-Type": "application/json", "x-publishable-api-key": KEY}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(URL.rstrip("/") + path, headers=headers,
                                     data=json.dumps(data).encode() if data is not None else None,
                                     method="POST" if data is not None else "GET")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def seed_orders():
    """Six real orders for the customer, one in each state the kit makes
    (placed, captured, fulfilled, shipped, delivered and completed, canceled)."""
    global orders
    subprocess.run([SEED, str(N_ORDERS)], check=True, stdout=log, stderr=log,
                   env=dict(os.environ, MEDUSA_URL=URL, MEDUSA_PUBLISHABLE_KEY=KEY,
                            MEDUSA_DIR=home, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=PASSWORD))
    token = store_api("/auth/customer/emailpass", {"email": EMAIL, "password": PASSWORD})["token"]
    orders = store_api("/store/orders?limit=50&order=-created_at"
                       "&fields=id,display_id,total,currency_code,created_at,status,*items",
                       token=token)["orders"]
    if len(orders) != N_ORDERS:
        raise GuiError("the store lists %d orders, not %d" % (len(orders), N_ORDERS))


def listed():
    """The order numbers of the rows the Orders page shows, top to bottom."""
    rows = {}
    for node in app.nodes(within="MedusaOrdersPage"):
        m = re.match(r"Order #(\d+),", node.name or "")
        if m:
            y = node.queryComponent().getExtents(COORDS).y
            rows[int(m.group(1))] = min(y, rows.get(int(m.group(1)), y))
    return [n for n, _ in sorted(rows.items(), key=lambda item: item[1])]


def count_text(n):
    return "%d of %d order%s" % (n, n, "" if n == 1 else "s")


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
    app._wait(lambda: app.text_of(node) == text, "Search orders to hold %r" % text)


def orders_listed():
    """The seeded orders, newest first, as the store has them."""
    app.click("Refresh")  # the orders came after the sign-in
    sidebar("Orders")
    page = "MedusaOrdersPage"
    app.wait_text(count_text(N_ORDERS), within=page, timeout=60)
    want = [o["display_id"] for o in orders]
    app._wait(lambda: listed() == want, "the rows %s, newest first (now %s)" % (want, listed()))
    shot("orders")
    check_accessible_names()


def order_filter():
    """Payment: Paid keeps the captured orders (filtered by the app: a v2
    store filters by order status only)."""
    page = "MedusaOrdersPage"
    paid = [o["display_id"] for o in orders if o.get("payment_status") == "captured"]
    if not 0 < len(paid) < N_ORDERS:
        raise GuiError("the seeded orders make no payment filter case: %r" % paid)
    app.click("Filters", within=page)
    app.toggle("Payment: Paid")
    app.key("Escape")
    app.wait_text(count_text(len(paid)), within=page, timeout=40)
    app._wait(lambda: listed() == paid, "the paid orders %s (now %s)" % (paid, listed()))
    app.click("Filters", within=page)
    app.toggle("Payment: Paid")
    app.key("Escape")
    app.wait_text(count_text(N_ORDERS), within=page, timeout=40)


def order_search():
    page = "MedusaOrdersPage"
    with_mug = [o["display_id"] for o in orders
                if any("Mug" in (item.get("title") or "") for item in o.get("items") or [])]
    if not 0 < len(with_mug) < N_ORDERS:
        raise GuiError("the seeded orders make no search case: %r" % with_mug)
    type_search("mug")
    app.wait_text(count_text(len(with_mug)), within=page, timeout=40)
    app._wait(lambda: listed() == with_mug, "the orders with a mug %s (now %s)" % (with_mug, listed()))
    type_search("")
    app.wait_text(count_text(N_ORDERS), within=page, timeout=40)


def order_details():
    """An order opens with its total as the store has it (major units on v2)."""
    global opened
    order = opened = orders[len(orders) // 2]
    total = Decimal(str(order["total"])).quantize(Decimal("0.01"))
    if order["currency_code"] != "eur":
        raise GuiError("the seeded order is in %s" % order["currency_code"])
    row = app.wait_label(lambda s: s.startswith("Order #%d," % order["display_id"]),
                         "the row of order #%d" % order["display_id"], within="MedusaOrdersPage")
    app.mouse_click(row)
    app.wait_page("Order Details")
    page = "MedusaOrderDetailsPage"
    app.wait_text("Order #%d" % order["display_id"], within=page, timeout=30)

    def total_row_says(want):
        for node in _walk(app.page(page)):
            if node.name == "Total" and node.getRoleName() != "label":
                return any(App.text_of(c) == want for c in _walk(node) if c.getRoleName() == "label")
        return False
    app._wait(lambda: total_row_says("€%s" % total),
              "the Total row of order #%d saying €%s" % (order["display_id"], total), 30)
    shot("order-details")
    check_accessible_names()


def receipt_pdf():
    """Save as PDF… on the open v2 order: a path typed in GTK's own Save
    dialog (no portal under Xvfb), the order in the PDF (pdftotext)."""
    path = os.path.join(home, "receipts", "v2 receipt.pdf")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    page = "MedusaOrderDetailsPage"
    button = app._wait(lambda: next((n for n in app.nodes("push button", within=page)
                                     if "Save as PDF" in (n.name or "")), None),
                       "the Save as PDF… button")
    button.queryAction().doAction(0)
    app._wait(lambda: app.page("Save Receipt"), "the Save Receipt dialog")
    name = app._wait(lambda: app.nodes("text", within="Save Receipt"), "the file name entry")[0]
    app._wait(lambda: app.text_of(name) == "Receipt %d.pdf" % opened["display_id"],
              "the proposed file name (now %r)" % app.text_of(name))
    app.key("ctrl+a")
    subprocess.run(["xdotool", "type", "--delay", "8", path], check=True)
    app._wait(lambda: app.text_of(name) == path, "the typed path (now %r)" % app.text_of(name))
    app.key("Return")
    # the toast first: it goes after 5 s, and walking the windows while the
    # dialog goes away can take longer than that
    app.wait_text("Saved the receipt as “v2 receipt.pdf”")
    app._wait(lambda: app.page("Save Receipt") is None, "the dialog to close")
    app._wait(lambda: os.path.exists(path), "the PDF at %s" % path)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    total = str(Decimal(str(opened["total"])).quantize(Decimal("0.01")))
    want = ["Order #%d" % opened["display_id"], "Receipt", "Total", total]
    want += [item["title"] for item in opened["items"]]
    missing = [w for w in want if w not in text]
    if missing:
        raise GuiError("not in the v2 receipt: %r\n%s" % (missing, text))


def sign_out_leaves_nothing():
    sidebar("Overview")
    app.click("Sign Out", within="MedusaOverviewPage")
    app.wait_page("Sign In")
    time.sleep(1)  # let every page drop what it showed
    email_row = app.find("text", "Email", within="MedusaSignInPage")
    leaks = []
    for role, text in on_screen():
        for trace in (FIRST, LAST, PHONE, STREET):
            if trace in text:
                leaks.append(text)
        if re.search(r"Order #\d", text) or any(o["id"] in text for o in orders):
            leaks.append(text)
        # the one thing a store remembers: the email, in the sign-in form
        if EMAIL in text and text != app.text_of(email_row):
            leaks.append(text)
    if leaks:
        raise GuiError("the customer's data is still on screen: %r" % sorted(set(leaks)))
    # nothing of the customer on the pages a person reaches without signing in
    app.click("Create an account", within="MedusaSignInPage")
    app.wait_page("Create Account")
    for title in ("First name", "Last name", "Email", "Phone"):
        text = app.text_of(app.find("text", title, within="MedusaRegisterPage"))
        if text:
            raise GuiError("'%s' on the register page holds %r after the sign-out" % (title, text))
    app.click("I already have an account", within="MedusaRegisterPage")
    app.wait_page("Sign In")


def sign_in_again():
    """The saved store kept its key: signing in works without asking again."""
    page = "MedusaSignInPage"
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.key("Return")
    app.wait_page("Overview", timeout=40)
    app.wait_text("%s %s" % (FIRST, LAST))


def environment_brings_new_key():
    """A store chosen from the environment (as tools/demo.sh --v2 does) whose
    saved profile holds an old key: the environment's key replaces it."""
    global app
    app.quit()
    other = tempfile.mkdtemp(prefix="medusa-gui-v2-env-")
    # first with a key the store does not know: saved with the profile
    app = App([APP], app_env(other, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8",
                             MEDUSA_ACCOUNT_PUBLISHABLE_KEY=WRONG_KEY), log=log)
    app.wait_page("Sign In")
    app.quit()
    # then with the store's key, as after the store was set up anew
    app = App([APP], app_env(other, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8",
                             MEDUSA_ACCOUNT_PUBLISHABLE_KEY=KEY), log=log)
    app.wait_page("Sign In")
    page = "MedusaSignInPage"
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.key("Return")
    app.wait_page("Overview", timeout=40)
    app.wait_text("%s %s" % (FIRST, LAST))


def main():
    global app
    try:
        app = App([APP], env, log=log)
        ok = tap.step("add the store by its address: it is a v2 store and the app asks for its key",
                      add_store_without_key)
        ok = ok and tap.step("a wrong publishable key gets a human message and keeps the address",
                             wrong_key)
        ok = ok and tap.step("the right key goes on to sign-in", right_key)
        ok = ok and tap.step("register a customer; the overview shows the name", register)
        ok = ok and tap.step("the profile says what a v2 store cannot change and offers neither",
                             profile_limits)
        ok = ok and tap.step("the payment methods page explains there are none", payment_methods_explained)
        ok = ok and tap.step("add an address and see it in the list", add_address)
        ok = ok and tap.step("choose it as the billing address in the profile; the store keeps it",
                             billing_address)
        ok = ok and tap.step("six real orders in every state for the customer (seed-orders.sh)", seed_orders)
        ok = ok and tap.step("the Orders page lists them newest first, as the store does", orders_listed)
        ok = ok and tap.step("the payment status filter narrows the list to the paid orders", order_filter)
        ok = ok and tap.step("the search narrows the list to the orders with a mug", order_search)
        ok = ok and tap.step("an order opens with its total", order_details)
        ok = ok and tap.step("Save as PDF…: the v2 order in the PDF", receipt_pdf)
        ok = ok and tap.step("sign out leaves nothing of the customer on screen", sign_out_leaves_nothing)
        ok = ok and tap.step("sign in again with the saved key", sign_in_again)
        ok = ok and tap.step("a store chosen from the environment takes the environment's newer key",
                             environment_brings_new_key)
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
