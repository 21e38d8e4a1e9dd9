#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""End-to-end: the real medusa-account binary, in Xvfb, against the real Medusa
backend, driven as a person would (clicks and typed text, found by accessible
names) and checked through what the window shows.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_URL, MEDUSA_RESET_TOKEN_DIR, MEDUSA_SEED_ORDERS (path of seed-orders.sh).
Usage: test-e2e.py PATH-TO-medusa-account SCHEMA-DIR"""

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
TOKENS = os.environ.get("MEDUSA_RESET_TOKEN_DIR")
SEED = os.environ.get("MEDUSA_SEED_ORDERS")
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not (URL and TOKENS and SEED and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_RESET_TOKEN_DIR, MEDUSA_SEED_ORDERS and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL)")
    sys.exit(0)

stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "gui-%s@example.com" % stamp
PASSWORD = "first-pass-123"
NEW_PASSWORD = "second-pass-456"
CHANGED_PASSWORD = "changed-pass-789"

home = tempfile.mkdtemp(prefix="medusa-gui-")
env = app_env(home, SCHEMA_DIR, URL, LANG="C.UTF-8", LC_ALL="C.UTF-8")
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, name + ".png"))


def launch(**extra_env):
    global app
    app = App([APP], dict(env, **extra_env), log=log)


def check_accessible_names():
    """Every control on screen has a name a screen reader can say."""
    unnamed = app.unnamed_controls()
    if unnamed:
        raise GuiError("controls without an accessible name: %s" % ", ".join(unnamed))


def sidebar(name):
    app.mouse_click(app.find("label", name, within="Account Sections"))
    app.wait_page(name)
    time.sleep(0.5)  # let the page load what it shows
    check_accessible_names()


def expect_overview(email):
    app.wait_page("Overview")
    app.wait_label(lambda s: s == email, "the overview showing %s" % email)
    app.find("push button", "Sign Out", within="MedusaOverviewPage")


def register():
    app.wait_page("Sign In")
    shot("sign-in")
    check_accessible_names()
    app.click("Create an account", within="MedusaSignInPage")
    app.wait_page("Create Account")
    page = "MedusaRegisterPage"
    app.type_into("First name", "Ada", within=page)
    app.type_into("Last name", "Lovelace", within=page)
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Phone", "+49301111", within=page)
    app.type_into("Password", PASSWORD, within=page)
    app.type_into("Confirm password", PASSWORD, within=page)
    shot("register")
    check_accessible_names()
    app.click("Create Account", within=page)
    expect_overview(EMAIL)
    app.wait_text("Ada Lovelace")
    shot("overview")


def sign_out():
    app.click("Sign Out", within="MedusaOverviewPage")
    app.wait_page("Sign In")


def wrong_password_keeps_input():
    page = "MedusaSignInPage"
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", "not-the-password", within=page)
    app.click("Sign In", within=page)
    app.wait_label(lambda s: "incorrect" in s.lower() or "wrong" in s.lower(),
                   "an inline wrong-password message")
    email = app.find("text", "Email", within=page)
    if app.text_of(email) != EMAIL:
        raise GuiError("the email was lost after the error: %r" % app.text_of(email))


def sign_in(password):
    page = "MedusaSignInPage"
    app.type_into("Email", EMAIL, within=page)
    app.type_into("Password", password, within=page)
    app.key("Return")  # Enter submits the form
    expect_overview(EMAIL)


def edit_profile():
    sidebar("Profile")
    page = "MedusaProfilePage"
    app.type_into("First name", "Augusta", within=page)
    app.type_into("Phone", "+49302222", within=page)
    shot("profile")
    app.click("Save", within=page)
    app.wait_text("Augusta Lovelace")
    sidebar("Overview")
    app.wait_text("+49302222")


def add_address():
    sidebar("Addresses")
    app.click("Add Address", within="MedusaAddressesPage")
    dialog = "New Address"  # the dialog window, by its title
    app.type_into("First name", "Ada", within=dialog)
    app.type_into("Last name", "Lovelace", within=dialog)
    app.type_into("Address", "Teststrasse 42", within=dialog)
    app.type_into("City", "Berlin", within=dialog)
    app.type_into("Postal code", "10115", within=dialog)
    shot("address-dialog")
    check_accessible_names()
    app.click("Save", within=dialog)
    app.wait_label(lambda s: "Teststrasse 42" in s, "the new address in the list")
    shot("addresses")


def change_password():
    """The current password is checked apart from the session: a wrong one
    says so in the dialog and signs nobody out; the right one changes it."""
    sidebar("Profile")
    app.click("Change Password…", within="MedusaProfilePage")
    dialog = "Change Password"  # the dialog window, by its title
    app.type_into("Current password", "not-the-password", within=dialog)
    app.type_into("New password", CHANGED_PASSWORD, within=dialog)
    app.type_into("Confirm password", CHANGED_PASSWORD, within=dialog)
    app.click("Change Password", within=dialog)
    app.wait_label(lambda s: "current password is incorrect" in s.lower(),
                   "the dialog saying the current password is wrong", within=dialog)
    shot("change-password-wrong")
    app.type_into("Current password", PASSWORD, within=dialog)
    app.click("Change Password", within=dialog)
    # See idle_lock: let the dialog go before walking the window again.
    time.sleep(2)
    app.wait_text("Password changed")
    sidebar("Overview")
    expect_overview(EMAIL)


def reset_password():
    token_file = os.path.join(TOKENS, EMAIL.lower() + ".json")
    if os.path.exists(token_file):
        os.unlink(token_file)
    app.click("Forgot password?", within="MedusaSignInPage")
    app.wait_page("Forgot Password")
    page = "MedusaForgotPasswordPage"
    app.type_into("Email", EMAIL, within=page)
    app.click("Send Reset Email", within=page)
    app.wait_text("If an account exists for this address")
    end = time.monotonic() + 30
    while not os.path.exists(token_file):
        if time.monotonic() > end:
            raise GuiError("the backend never emitted a reset token")
        time.sleep(0.5)
    token = json.load(open(token_file))["token"]
    app.click("Enter Reset Token", within=page)
    app.wait_page("Reset Password")
    page = "MedusaResetPasswordPage"
    # a pasted reset link works as well as the bare token
    link = "https://shop.example/reset?token=%s&email=%s" % (token, EMAIL.replace("@", "%40"))
    app.type_into("Reset token", link, within=page)
    app.type_into("New password", NEW_PASSWORD, within=page)
    app.type_into("Confirm password", NEW_PASSWORD, within=page)
    shot("reset-password")
    app.click("Reset Password", within=page)
    expect_overview(EMAIL)


def orders():
    subprocess.run([SEED, "5"], check=True, stdout=log, stderr=log,
                   env=dict(os.environ, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=NEW_PASSWORD,
                            MEDUSA_URL=URL))
    sidebar("Orders")
    page = "MedusaOrdersPage"
    app.wait_text("5 of 5 orders")
    shot("orders")
    app.click("Filters", within=page)
    shot("order-filters")
    app.toggle("Fulfillment: Shipped")  # the group is in the name: three boxes say "Canceled"
    app.key("Escape")
    app.wait_text("1 of 1 order")
    row = app.wait_label(lambda s: s.startswith("Order #") and "Shipped" in s, "the shipped order row")
    app.mouse_click(row)
    app.wait_text("TRACK-4")
    shot("order-details")
    check_accessible_names()


def restore_session():
    # SIGTERM: the app quits as Ctrl+Q does, saving its size and page
    app.quit()
    launch()
    # back on the page it was closed on (an order's details → the order list)
    app.wait_page("Orders")
    app.wait_text("5 of 5 orders")
    sidebar("Overview")
    expect_overview(EMAIL)


def idle_lock():
    """A shared workstation: after a few idle seconds the account hides and
    asks for the password; the page comes back, but not what was typed and
    not saved (the lock clears every form), the saved profile instead."""
    app.quit()
    launch(MEDUSA_ACCOUNT_IDLE_LOCK_SECONDS="6")
    expect_overview(EMAIL)
    sidebar("Profile")
    app.type_into("First name", "Half-typed", within="MedusaProfilePage")
    dialog = "Account Locked"  # the dialog window, by its title
    app.find("push button", "Continue", within=dialog, timeout=30)
    shot("idle-lock")
    check_accessible_names()
    app.type_into("Password", NEW_PASSWORD, within=dialog)
    app.click("Continue", within=dialog)
    # GTK 4.8's AT-SPI bridge crashes (NULL object path in GetParent/GetChild
    # replies) when a client walks a dialog while it is being destroyed; a
    # backtrace is logged with MEDUSA_GUI_GDB=1. Look again once it is gone.
    time.sleep(2)
    app.wait_page("Profile")
    name = app.find("text", "First name", within="MedusaProfilePage")
    app._wait(lambda: app.text_of(name) == "Augusta",
              "the saved first name instead of the half-typed one (now %r)" % app.text_of(name))


def stale_credential():
    """A token the store no longer accepts: the app lands on sign-in with the
    email filled in (the keyring item is overwritten, as a revoked token would be)."""
    app.quit()
    found = subprocess.run(["secret-tool", "search", "--all", "email", EMAIL],
                           capture_output=True, text=True, check=True)
    attrs = dict(line.split(" = ", 1) for line in (found.stdout + found.stderr).splitlines()
                 if line.startswith("attribute.") and " = " in line)
    url = attrs.get("attribute.store-url")
    # secret-tool does not list xdg:schema; it is the app's schema name
    # (MEDUSA_CREDENTIALS_SCHEMA_NAME in src/session/medusa-credentials.h).
    schema = attrs.get("attribute.xdg:schema", "io.github.medusaaccount.MedusaAccount.Credential")
    if not url:
        raise GuiError("no keyring item for %s: %r" % (EMAIL, attrs))
    subprocess.run(["secret-tool", "store", "--label=Medusa Account", "xdg:schema", schema,
                    "store-url", url, "email", EMAIL],
                   input="not-a-token-the-store-knows", text=True, check=True)
    launch()
    app.wait_page("Sign In")
    email = app.find("text", "Email", within="MedusaSignInPage")
    app._wait(lambda: app.text_of(email) == EMAIL, "the email filled in on the sign-in page")


def main():
    try:
        launch()
        ok = tap.step("register a new customer and land on the overview", register)
        ok = ok and tap.step("sign out", sign_out)
        ok = ok and tap.step("a wrong password shows an inline error and keeps the email",
                             wrong_password_keeps_input)
        ok = ok and tap.step("sign in with Enter", sign_in, PASSWORD)
        ok = ok and tap.step("edit the profile (name, phone) and save", edit_profile)
        ok = ok and tap.step("add an address in the dialog", add_address)
        ok = ok and tap.step("change the password: a wrong current one keeps the session, the right one works",
                             change_password)
        ok = ok and tap.step("sign out again", sign_out)
        ok = ok and tap.step("request a reset token and reset the password", reset_password)
        ok = ok and tap.step("filter the order history and open an order", orders)
        ok = ok and tap.step("restart: the keyring restores the session on the page it was closed on", restore_session)
        ok = ok and tap.step("idle lock hides the account and clears the forms; the password brings back the page",
                             idle_lock)
        ok = ok and tap.step("a stale credential lands on sign-in with the email filled in",
                             stale_credential)
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
