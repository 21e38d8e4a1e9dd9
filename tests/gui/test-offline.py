#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Offline: the real medusa-account against the real backend, through a
loopback TCP forwarder this test owns. A customer registers and fills the
profile and the address book; the app quits; the forwarder stops (the store
"cannot be reached"); the app starts again and shows the account from its
local copy, says so in the status line and holds back every control that
would send a change, while what is typed stays; the orders the customer
placed (two real ones, through the cart flow) are listed from the copy and
its full-text index finds them by a product title, and the order whose
details were opened online shows them offline from the copy; the forwarder
comes back and the app is online again by itself; signing out deletes the
copy.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_URL (the backend), MEDUSA_SEED_ORDERS (path of seed-orders.sh).
Usage: test-offline.py PATH-TO-medusa-account SCHEMA-DIR"""

import glob
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, app_env, wrap_up  # noqa: E402

APP, SCHEMA_DIR = sys.argv[1], sys.argv[2]
URL = os.environ.get("MEDUSA_URL")
SEED = os.environ.get("MEDUSA_SEED_ORDERS")

if not (URL and SEED and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_SEED_ORDERS and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL, MEDUSA_SEED_ORDERS)")
    sys.exit(0)

REASON = "The store can't be reached. You can make changes again when it is back."
OFFLINE_TEXT = "Offline — showing your saved account from "
# The session retries every few seconds instead of every minute.
RETRY_SECONDS = "2"
SAVED_COPY = "This is the copy saved on this computer"
# seed-orders.sh with VARY_STATUS=0 2: a T-shirt in the first order, a
# T-shirt and a mug in the second (the kit's catalogue in variant order).
PRODUCT = "Test Mug"
SEARCH = "mug"
NO_MATCH = "teapot"


class Forwarder:
    """A loopback TCP forwarder from 127.0.0.1:<port> to the backend. The
    suite's other tests share the one backend, so stopping *it* is not an
    option: stop() stands for stopping the backend (the port refuses
    connections, open ones are cut), start() for starting it again on the
    same address."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = None
        self.listener = None
        self.conns = []
        self.lock = threading.Lock()

    def start(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port or 0))
        s.listen(32)
        self.port = s.getsockname()[1]
        self.listener = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def stop(self):
        s, self.listener = self.listener, None
        if s is not None:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        with self.lock:
            conns, self.conns = self.conns, []
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if listener is not self.listener:
                client.close()
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.conns += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _pipe(self, src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


backend = urllib.parse.urlsplit(URL)
forwarder = Forwarder(backend.hostname or "127.0.0.1", backend.port or 80)
forwarder.start()
STORE_URL = "http://127.0.0.1:%d" % forwarder.port

stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "offline-%s@example.com" % stamp
PASSWORD = "offline-pass-123"

home = tempfile.mkdtemp(prefix="medusa-gui-offline-")
CACHE = os.path.join(home, "cache", "medusa-account")
env = app_env(home, SCHEMA_DIR, STORE_URL, LANG="C.UTF-8", LC_ALL="C.UTF-8",
              MEDUSA_ACCOUNT_OFFLINE_RETRY_SECONDS=RETRY_SECONDS)
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
orders = []   # the customer's orders as the store sends them


def launch():
    global app
    app = App([APP], env, log=log)


def sidebar(name):
    app.mouse_click(app.find("label", name, within="Account Sections"))
    app.wait_page(name)
    time.sleep(0.5)
    unnamed = app.unnamed_controls()
    if unnamed:
        raise GuiError("controls without an accessible name: %s" % ", ".join(unnamed))


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def expect_held_back(name, within):
    node = app.find("push button", name, within)
    app._wait(lambda: not sensitive(node), "'%s' to be insensitive" % name)
    if node.description != REASON:
        raise GuiError("'%s' does not say why it is insensitive: %r" % (name, node.description))
    return node


def expect_usable(name, within, timeout=30):
    node = app.find("push button", name, within)
    app._wait(lambda: sensitive(node), "'%s' to be sensitive again" % name, timeout)
    if node.description == REASON:
        raise GuiError("'%s' still says the store can't be reached" % name)
    return node


def copy_files():
    return sorted(glob.glob(os.path.join(CACHE, "*")))


def register_and_fill():
    app.wait_page("Sign In")
    app.click("Create an account", within="MedusaSignInPage")
    app.wait_page("Create Account")
    page = "MedusaRegisterPage"
    app.type_into("First name", "Grace", within=page)
    app.type_into("Last name", "Hopper", within=page)
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Phone", "+49303333", within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.type_into("Confirm password", PASSWORD, within=page)
    app.click("Create Account", within=page)
    app.wait_page("Overview")
    app.wait_text("Grace Hopper")

    sidebar("Addresses")
    app.click("Add Address", within="MedusaAddressesPage")
    dialog = "New Address"
    app.type_into("First name", "Grace", within=dialog)
    app.type_into("Last name", "Hopper", within=dialog)
    app.type_into("Address", "Offlinestrasse 7", within=dialog)
    app.type_into("City", "Hamburg", within=dialog)
    app.type_into("Postal code", "20095", within=dialog)
    app.click("Save", within=dialog)
    time.sleep(2)  # see test-e2e.py: let the dialog go before walking the window
    app.wait_label(lambda s: "Offlinestrasse 7" in s, "the new address in the list")


def status_updated():
    app.wait_label(lambda s: s.startswith("Updated "), "the status line saying 'Updated …'")
    if not any(f.endswith(".sqlite") for f in copy_files()):
        raise GuiError("no local copy in %s: %r" % (CACHE, copy_files()))


def restart_without_store():
    app.quit()
    forwarder.stop()
    # Nothing answers there now.
    try:
        socket.create_connection(("127.0.0.1", forwarder.port), timeout=2).close()
        raise GuiError("the forwarder still accepts connections")
    except ConnectionRefusedError:
        pass
    launch()
    # Back on the page it was closed on, from the copy.
    app.wait_page("Addresses", timeout=30)
    app.wait_label(lambda s: s.startswith(OFFLINE_TEXT), "the status line saying offline", timeout=40)
    sidebar("Overview")
    app.wait_text("Grace Hopper")
    app.wait_label(lambda s: s == EMAIL, "the email on the overview")


def offline_profile():
    sidebar("Profile")
    page = "MedusaProfilePage"
    name = app.find("text", "First name", within=page)
    app._wait(lambda: app.text_of(name) == "Grace", "the first name from the copy")
    phone = app.find("text", "Phone", within=page)
    app._wait(lambda: app.text_of(phone) == "+49303333", "the phone from the copy")
    expect_held_back("Change Email…", page)
    expect_held_back("Change Password…", page)
    # Typing still works and stays; only Save waits.
    app.type_into("First name", "Gracie", within=page)
    expect_held_back("Save", page)


def offline_addresses():
    sidebar("Addresses")
    page = "MedusaAddressesPage"
    app.wait_label(lambda s: "Offlinestrasse 7" in s, "the address from the copy")
    expect_held_back("Add Address", page)
    # The row's buttons: Edit is named after the row (its activatable
    # widget), Delete after the address.
    buttons = [n for n in app.nodes("push button", within=page) if n.name != "Add Address"]
    if len(buttons) != 2 or any(sensitive(n) or n.description != REASON for n in buttons):
        raise GuiError("Edit and Delete are not held back: %r"
                       % [(n.name, sensitive(n), n.description) for n in buttons])


def offline_payment_methods():
    sidebar("Payment Methods")
    app.wait_text("No Saved Payment Methods", within="MedusaPaymentMethodsPage")
    if app.nodes("label", "Could Not Load Payment Methods"):
        raise GuiError("the payment methods page shows an error instead of the copy")


def back_online():
    forwarder.start()
    # No click: the session retries by itself.
    app.wait_label(lambda s: s.startswith("Updated "), "the status line saying 'Updated …'",
                   timeout=60)
    sidebar("Addresses")
    expect_usable("Add Address", "MedusaAddressesPage")
    buttons = [n for n in app.nodes("push button", within="MedusaAddressesPage") if n.name != "Add Address"]
    if len(buttons) != 2 or any(not sensitive(n) or n.description == REASON for n in buttons):
        raise GuiError("Edit and Delete are still held back: %r"
                       % [(n.name, sensitive(n), n.description) for n in buttons])
    sidebar("Profile")
    page = "MedusaProfilePage"
    name = app.find("text", "First name", within=page)
    if app.text_of(name) != "Gracie":
        raise GuiError("what was typed offline was lost: %r" % app.text_of(name))
    expect_usable("Change Email…", page)
    app.click("Save", within=page)
    sidebar("Overview")
    app.wait_text("Gracie Hopper")


def sign_out_deletes_copy():
    before = [os.path.basename(f) for f in copy_files()]
    if not any(f.endswith(".sqlite-wal") for f in before):
        raise GuiError("no local copy (with its -wal) before sign-out in %s: %r" % (CACHE, before))
    app.click("Sign Out", within="MedusaOverviewPage")
    app.wait_page("Sign In")
    app._wait(lambda: not copy_files(), "the copy's files to be deleted (left: %r)" % copy_files())
    app._wait(lambda: not [n for n in app.nodes("label") if n.name.startswith(("Updated ", "Offline"))],
              "the status line to go away after sign-out")


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


def matching():
    return sorted(o["display_id"] for o in orders if has_product(o))


def count_text(n):
    return "%d of %d order%s" % (n, n, "" if n == 1 else "s")


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
    found = []
    app._wait(lambda: found.extend(n for n in app.nodes(name="Search orders", within="MedusaOrdersPage")
                                   if n.getRoleName() in ("text", "entry")) or found,
              "the Search orders field")
    node = found[0]
    app.mouse_click(node)
    subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+a", "BackSpace"], check=True)
    if text:
        subprocess.run(["xdotool", "type", "--delay", "8", text], check=True)
    app._wait(lambda: app.text_of(node) == text,
              "Search orders to hold %r (now %r)" % (text, app.text_of(node)))


def orders_listed(want, timeout=40):
    """Waits for the orders page to list exactly the orders numbered @want;
    fails at once when it shows an error instead (the store was asked)."""
    page = "MedusaOrdersPage"
    count, error = count_text(len(want)), "Could Not Load Orders"

    def state():
        shown = [n.name for n in app.nodes("label", within=page)]
        if error in shown:
            return error
        return count if count in shown else None

    if app._wait(state, "'%s' (or '%s') on the orders page" % (count, error), timeout) == error:
        raise GuiError("the orders page shows '%s' instead of %s" % (error, count))
    app._wait(lambda: listed() == want, "the rows of exactly the orders %s" % want)


def open_details(number):
    row = app.wait_label(lambda s: s.startswith("Order #%d," % number), "the row of order #%d" % number,
                         within="MedusaOrdersPage")
    app.mouse_click(row)
    app.wait_page("Order Details")
    page = "MedusaOrderDetailsPage"
    app.wait_text("Order #%d" % number, within=page)
    app.wait_text(PRODUCT, within=page)


def seed_orders():
    """Two real orders for the customer the app registered (the script logs in)."""
    global orders
    subprocess.run([SEED, "2"], check=True, stdout=log, stderr=log,
                   env=dict(os.environ, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=PASSWORD, VARY_STATUS="0",
                            MEDUSA_URL=URL))
    token = api("/store/auth/token", {"email": EMAIL, "password": PASSWORD})["access_token"]
    orders = api("/store/customers/me/orders?limit=50&expand=items", token=token)["orders"]
    if len(orders) != 2 or len(matching()) != 1:
        raise GuiError("the seeded orders do not make a search case: %d orders, %d with %r"
                       % (len(orders), len(matching()), PRODUCT))


def online_orders():
    """The app syncs the new orders into its copy; the details of the order
    with the mug are opened once (the copy keeps the whole order of the
    details that were opened)."""
    sidebar("Overview")
    app.click("Refresh")
    sidebar("Orders")
    orders_listed(sorted(o["display_id"] for o in orders))
    open_details(matching()[0])
    if any(SAVED_COPY in (n.name or "") for n in app.nodes("label", within="MedusaOrderDetailsPage")):
        raise GuiError("online, the details say they are the saved copy")
    time.sleep(1)  # the details are written to the copy in the background
    # Closed on the Addresses page: the restart comes back there.
    sidebar("Addresses")
    app.wait_label(lambda s: s.startswith("Updated "), "the status line saying 'Updated …'")


def offline_orders():
    sidebar("Orders")
    page = "MedusaOrdersPage"
    every = sorted(o["display_id"] for o in orders)
    orders_listed(every)
    # The store's own q does not search product titles, and the store is
    # gone anyway: this is the copy's full-text index.
    type_search(SEARCH)
    orders_listed(matching())
    type_search(NO_MATCH)
    app.wait_text("No Matching Orders", within=page)
    if listed():
        raise GuiError("rows shown for %r: %s" % (NO_MATCH, listed()))
    type_search("")
    orders_listed(every)
    type_search(SEARCH)
    orders_listed(matching())
    open_details(matching()[0])
    # Only what is on screen: the label is always in the page, hidden online.
    app._wait(lambda: any((n.name or "").startswith(SAVED_COPY)
                          for n in app.nodes("label", within="MedusaOrderDetailsPage")),
              "the details saying they are the saved copy")


def main():
    try:
        launch()
        ok = tap.step("register a customer with a phone and an address", register_and_fill)
        ok = ok and tap.step("two real orders for the customer (seed-orders.sh)", seed_orders)
        ok = ok and tap.step("the app syncs the orders; one order's details opened online", online_orders)
        ok = ok and tap.step("the status line says when the copy was updated", status_updated)
        ok = ok and tap.step("the store gone: a restart shows the account from the copy, offline",
                             restart_without_store)
        ok = ok and tap.step("profile from the copy; changes held back with the reason; typing kept",
                             offline_profile)
        ok = ok and tap.step("addresses from the copy; add, edit and delete held back", offline_addresses)
        ok = ok and tap.step("payment methods from the copy, no error", offline_payment_methods)
        ok = ok and tap.step("orders from the copy; search by a product title finds the order; "
                             "its details from the saved copy", offline_orders)
        ok = ok and tap.step("the store back: online again by itself, the typed name saved", back_online)
        ok = ok and tap.step("sign-out deletes the copy (database, -wal and -shm)", sign_out_deletes_copy)
    finally:
        status = wrap_up(tap, app, home, lambda name: None)
        forwarder.stop()
    return status


sys.exit(main())
