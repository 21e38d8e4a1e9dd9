#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""A shared workstation with two stores: the real app, in Xvfb, against the
real backend under two addresses (http://127.0.0.1:PORT and
http://localhost:PORT are two store profiles), a different customer signed
in on each. Switching stores brings back each store's own session from the
keyring, and nothing of the other customer is anywhere on screen (every
visible text, read through AT-SPI). After a sign-out the forms are empty,
except the sign-in email this store remembers.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_URL (an http://127.0.0.1:PORT or http://localhost:PORT address).
Usage: test-workstation.py PATH-TO-medusa-account SCHEMA-DIR"""

import json
import os
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, app_env, visible_texts, wrap_up  # noqa: E402

APP, SCHEMA_DIR = sys.argv[1], sys.argv[2]
URL = os.environ.get("MEDUSA_URL")
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not (URL and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL)")
    sys.exit(0)

# The same backend under two names: two stores for the app.
_parts = urllib.parse.urlsplit(URL)
if _parts.hostname not in ("127.0.0.1", "localhost"):
    print("1..0 # SKIP the backend must listen on loopback to be reached under two names")
    sys.exit(0)
PORT = _parts.port or 80
STORE_A = "http://127.0.0.1:%d" % PORT
STORE_B = "http://localhost:%d" % PORT

stamp = "%d%d" % (time.time(), os.getpid())


class Customer:
    def __init__(self, key, first, last):
        self.email = "ws-%s-%s@example.com" % (key, stamp)
        self.password = "ws-pass-%s-123" % key
        self.first = first
        self.last = last + stamp[-4:]

    @property
    def name(self):
        return "%s %s" % (self.first, self.last)

    def traces(self):
        """What of this customer may not show while someone else is served."""
        return [self.email, self.first, self.last]


ALMA = Customer("a", "Alma", "Aston")    # on store A
BRUNO = Customer("b", "Bruno", "Brandt")  # on store B

home = tempfile.mkdtemp(prefix="medusa-workstation-")
env = app_env(home, SCHEMA_DIR, STORE_A, LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, "workstation-" + name + ".png"))


def register_through_api():
    for customer in (ALMA, BRUNO):
        body = {"email": customer.email, "password": customer.password,
                "first_name": customer.first, "last_name": customer.last}
        request = urllib.request.Request(URL + "/store/customers", json.dumps(body).encode(),
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            json.load(answer)


# The page widget each header title stands for. GTK 4.8 reports the pages a
# GtkStack does not show as visible too: only the shown one is looked at.
PAGES = {
    "Overview": "MedusaOverviewPage",
    "Sign In": "MedusaSignInPage",
    "Create Account": "MedusaRegisterPage",
    "Choose a Store": "MedusaStorePage",
}


def on_screen():
    """Every text a person can see now: every window of the app, and of the
    main window's pages only the one shown (and the header, sidebar, toasts)."""
    current = PAGES.get(app.title())
    if current is None:
        raise GuiError("no page type known for the title %r" % app.title())

    def another_page(n):
        name = n.name or ""
        return name.startswith("Medusa") and name.endswith("Page") and name != current

    app._find_app()
    texts = []
    for i in range(app.app.childCount):
        window = app.app.getChildAtIndex(i)
        if window is not None:
            texts.extend(t for _, t in visible_texts(window, skip=another_page))
    return texts


def expect_nowhere(customer, where):
    time.sleep(0.5)  # let the page settle
    leaks = [t for t in on_screen() for trace in customer.traces() if trace in t]
    if leaks:
        raise GuiError("%s: %s's data is on screen: %r" % (where, customer.first, sorted(set(leaks))))


def expect_overview(customer):
    app.wait_page("Overview")
    app.wait_label(lambda s: s == customer.email, "the overview showing %s" % customer.email)
    app.wait_text(customer.name)


def sign_in(customer):
    app.wait_page("Sign In")
    page = "MedusaSignInPage"
    app.type_into("Email", customer.email, within=page)
    app.type_into("Password", customer.password, within=page)
    app.key("Return")
    expect_overview(customer)


def open_store_page():
    app.click("Main Menu")
    app.click("Switch Store or Account", role="menu item")
    app.wait_page("Choose a Store")


def choose_saved_store(url):
    open_store_page()
    # the saved store's row, by its address (the row's subtitle)
    row = app.wait_label(lambda s: s == url, "the saved store %s" % url, within="MedusaStorePage")
    app.mouse_click(row)


def email_on_sign_in():
    return app.text_of(app.find("text", "Email", within="MedusaSignInPage"))


def first_store():
    sign_in(ALMA)
    shot("alma-overview")


def add_second_store():
    open_store_page()
    app.type_into("Store address", STORE_B, within="MedusaStorePage")
    app.click("Connect", within="MedusaStorePage")
    app.wait_page("Sign In")
    # a store nobody used here yet: its sign-in form knows no one
    if email_on_sign_in() != "":
        raise GuiError("the new store's sign-in form shows %r" % email_on_sign_in())
    expect_nowhere(ALMA, "the new store's sign-in page")
    sign_in(BRUNO)
    expect_nowhere(ALMA, "Bruno's overview")
    shot("bruno-overview")


def back_to_first():
    choose_saved_store(STORE_A)
    expect_overview(ALMA)
    expect_nowhere(BRUNO, "Alma's overview after switching back")


def back_to_second():
    choose_saved_store(STORE_B)
    expect_overview(BRUNO)
    expect_nowhere(ALMA, "Bruno's overview after switching back")


def sign_out_clears_forms():
    app.click("Sign Out", within="MedusaOverviewPage")
    app.wait_page("Sign In")
    # the one thing kept: the email this store remembers
    app._wait(lambda: email_on_sign_in() == BRUNO.email, "the remembered email on the sign-in page")
    shot("sign-in-after-sign-out")
    app.click("Create an account", within="MedusaSignInPage")
    app.wait_page("Create Account")
    for title in ("First name", "Last name", "Email", "Phone"):
        text = app.text_of(app.find("text", title, within="MedusaRegisterPage"))
        if text:
            raise GuiError("'%s' on the register page holds %r after the sign-out" % (title, text))
    expect_nowhere(BRUNO, "the register page after the sign-out")
    expect_nowhere(ALMA, "the register page after the sign-out")
    shot("register-after-sign-out")
    app.click("I already have an account", within="MedusaRegisterPage")
    app.wait_page("Sign In")


def other_store_keeps_its_own():
    # Bruno signed out on B; Alma's session on A is untouched.
    choose_saved_store(STORE_A)
    expect_overview(ALMA)
    expect_nowhere(BRUNO, "Alma's overview after Bruno signed out")
    # and B shows B's remembered email, not Alma's
    choose_saved_store(STORE_B)
    app.wait_page("Sign In")
    app._wait(lambda: email_on_sign_in() == BRUNO.email, "the second store's own remembered email")
    expect_nowhere(ALMA, "the second store's sign-in page")


def main():
    global app
    try:
        ok = tap.step("two customers registered through the API", register_through_api)
        app = App([APP], env, log=log)
        ok = ok and tap.step("Alma signs in on %s" % STORE_A, first_store)
        ok = ok and tap.step("a second store %s: an empty sign-in form, Bruno signs in" % STORE_B,
                             add_second_store)
        ok = ok and tap.step("back to the first store: Alma's session from the keyring, nothing of Bruno",
                             back_to_first)
        ok = ok and tap.step("back to the second store: Bruno's session, nothing of Alma",
                             back_to_second)
        ok = ok and tap.step("Bruno signs out: the forms are empty but for his remembered email",
                             sign_out_clears_forms)
        ok = ok and tap.step("each store keeps its own: Alma still signed in, Bruno's email on his",
                             other_store_keeps_its_own)
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
