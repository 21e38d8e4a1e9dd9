#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""The real app in another language: every page and dialog a customer can
reach is opened under LANGUAGE=<lang> with that language's locale, and what
the window shows is checked for English left over — a text that is one of the
English messages (or contains a whole English sentence of them), whose
translation differs. Dates and money must be written the locale's way.

The test drives the app by the *translated* names of its controls, looked up
in the compiled catalog, so it works for any language in po/LINGUAS.

Needs: DISPLAY (Xvfb), a D-Bus session with an unlocked Secret Service,
MEDUSA_URL, MEDUSA_SEED_ORDERS (path of seed-orders.sh).
Usage: test-l10n.py PATH-TO-medusa-account SCHEMA-DIR LOCALEDIR LANG LOCALE
  e.g. test-l10n.py _build/src/ui/medusa-account _build/data _build/po de de_DE.UTF-8"""

import gettext
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, app_env, visible_texts, wrap_up  # noqa: E402

APP, SCHEMA_DIR, LOCALEDIR, LANG, LOCALE = sys.argv[1:6]
URL = os.environ.get("MEDUSA_URL")
SEED = os.environ.get("MEDUSA_SEED_ORDERS")
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not (URL and SEED and os.environ.get("DISPLAY")):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! MEDUSA_URL, MEDUSA_SEED_ORDERS and DISPLAY are required")
        sys.exit(1)
    print("1..0 # SKIP needs a display and a real backend (MEDUSA_URL)")
    sys.exit(0)

locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
if LOCALE.lower().replace("utf-8", "utf8") not in locales:
    print("Bail out! the %s locale is not installed (tools/install-deps.sh generates it)" % LOCALE)
    sys.exit(1)

catalog = gettext.translation("medusa-account", LOCALEDIR, languages=[LANG])


def T(msgid):
    """The translated text of a control, without its mnemonic underscore."""
    return re.sub(r"_(?=\w)", "", catalog.gettext(msgid), count=1)


def N(singular, plural, n):
    return catalog.ngettext(singular, plural, n)


# --- what counts as English left over ------------------------------------------------
FORMAT = re.compile(r"%(?:\d+\$)?[-'#0 +]*\d*(?:\.\d+)?(?:l|ll|h|z)?[sdiuxXfgc%]")


def read_mo(path):
    """{English: translation} of a compiled catalog, both forms of a plural
    message included (Python's gettext keeps only the singular's key)."""
    data = open(path, "rb").read()
    order = "<" if struct.unpack("<I", data[:4])[0] == 0x950412de else ">"
    n, originals, translations = struct.unpack(order + "III", data[8:20])
    out = {}
    for i in range(n):
        olen, ooff = struct.unpack(order + "II", data[originals + 8 * i:originals + 8 * i + 8])
        tlen, toff = struct.unpack(order + "II", data[translations + 8 * i:translations + 8 * i + 8])
        english = data[ooff:ooff + olen].decode("utf-8").split("\x04")[-1]  # drop a context
        translated = data[toff:toff + tlen].decode("utf-8").split("\x00")
        for j, form in enumerate(english.split("\x00")):
            out[form] = translated[min(j, len(translated) - 1)]
    return out


def english_patterns():
    """(regex, msgid) for every English message whose translation differs."""
    out = []
    mo = os.path.join(LOCALEDIR, LANG, "LC_MESSAGES", "medusa-account.mo")
    for english, translated in read_mo(mo).items():
        if not english or english == "translator-credits":
            continue  # the header; the translators' names
        plain = re.sub(r"_(?=\w)", "", english, count=1)
        if plain.strip().lower() == re.sub(r"_(?=\w)", "", translated, count=1).strip().lower():
            continue  # the same word in both languages ("Status", "Medusa Account")
        parts = FORMAT.split(plain)
        if len(parts) > 1 and all(len(p.strip()) < 3 for p in parts):
            continue  # a bare format ("%s · %s") says nothing about language
        body = ".+?".join(re.escape(p) for p in parts)
        if len(plain.split()) >= 3:
            out.append((re.compile(r"(?<!\w)" + body + r"(?!\w)"), english))
        else:
            out.append((re.compile(r"^\s*" + body + r"\s*$"), english))
    return out


ENGLISH = english_patterns()
# Texts that are the store's data or the customer's input, not the app's
# (product names, the customer's email, links).
NOT_OURS = re.compile(r"^(Medusa .*|PostFake.*|.*@example\.com|https?://.*)$")


def english_texts(texts):
    found = []
    for where, text in texts:
        if NOT_OURS.match(text):
            continue
        for rx, msgid in ENGLISH:
            if rx.search(text):
                found.append("%s: %r (English %r)" % (where, text, msgid))
                break
    return found


# --- the run --------------------------------------------------------------------------
stamp = "%d%d" % (time.time(), os.getpid())
EMAIL = "l10n-%s-%s@example.com" % (LANG, stamp)
PASSWORD = "l10n-pass-123"

home = tempfile.mkdtemp(prefix="medusa-l10n-%s-" % LANG)
env = app_env(home, SCHEMA_DIR, URL, MEDUSA_ACCOUNT_LOCALEDIR=LOCALEDIR,
              LANGUAGE=LANG, LANG=LOCALE, LC_ALL=None)
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
seen_pages = []


def shot(name):
    if SHOTS and app is not None:
        folder = os.path.join(SHOTS, LANG)
        os.makedirs(folder, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(folder, name + ".png"))


def check_page(name, root=None):
    """No English on what is on screen now; a screenshot for the record."""
    time.sleep(0.8)  # let it load what it shows
    shot(name)
    texts = visible_texts(root if root is not None else app.frame())
    if not texts:
        raise GuiError("%s: nothing readable on screen" % name)
    if os.environ.get("MEDUSA_L10N_DUMP"):
        for role, t in texts:
            print("#   [%s] %s: %r" % (name, role, t))
    leaks = english_texts(("%s %s" % (name, role), t) for role, t in texts)
    if leaks:
        raise GuiError("English on the %s page:\n  %s" % (name, "\n  ".join(leaks)))
    seen_pages.append(name)
    return texts


def launch(**extra_env):
    global app
    app = App([APP], dict(env, **extra_env), log=log)


def window(title):
    """A dialog window, by its (translated) title."""
    return app._wait(lambda: app.page(title), "the '%s' window" % title)


def frames():
    app._find_app()
    return [app.app.getChildAtIndex(i) for i in range(app.app.childCount)]


def new_window(before, what):
    """The window that opened since @before (a list of frames), whatever its
    title (libadwaita's About window is titled by libadwaita's catalog)."""
    names = {f.name for f in before if f is not None}

    def opened():
        for f in frames():
            if f is not None and f.name not in names and f.childCount > 0:
                return f
        return None
    return app._wait(opened, what)


def sidebar(name):
    app.mouse_click(app.find("label", T(name), within=T("Account Sections")))
    app.wait_page(T(name))


# --- steps ----------------------------------------------------------------------------
def signed_out_pages():
    app.wait_page(T("Sign In"))
    check_page("sign-in")
    page = "MedusaSignInPage"
    app.type_into(T("Email"), EMAIL, within=page)
    app.type_into(T("Password"), "not-the-password", within=page)
    app.click(T("Sign In"), within=page)
    # the inline error for a wrong password is translated too
    app.wait_label(lambda s: s == T("The email or password is incorrect."), "the inline error")
    check_page("sign-in-error")

    app.click(T("Create an account"), within=page)
    app.wait_page(T("Create Account"))
    check_page("register")
    app.click(T("I already have an account"), within="MedusaRegisterPage")
    app.wait_page(T("Sign In"))

    app.click(T("Forgot password?"), within=page)
    app.wait_page(T("Forgot Password"))
    check_page("forgot-password")
    page = "MedusaForgotPasswordPage"
    app.type_into(T("Email"), EMAIL, within=page)
    app.click(T("Send Reset Email"), within=page)
    app.wait_text(T("If an account exists for this address, a reset email is on its way."))
    check_page("forgot-password-sent")
    app.click(T("Enter Reset Token"), within=page)
    app.wait_page(T("Reset Password"))
    page = "MedusaResetPasswordPage"
    app.type_into(T("Reset token"), "not-a-valid-token", within=page)
    app.type_into(T("New password"), "another-pass-123", within=page)
    app.type_into(T("Confirm password"), "another-pass-123", within=page)
    app.click(T("Reset Password"), within=page)
    # the store's answer, put in the user's language
    app.wait_label(lambda s: s.startswith(T("This reset link is invalid or has expired.")[:20]),
                   "the invalid-token message")
    check_page("reset-password-error")
    app.click(T("Back to sign in"), within=page)
    app.wait_page(T("Sign In"))


def signed_in_pages():
    page = "MedusaSignInPage"
    app.type_into(T("Email"), EMAIL, within=page)
    app.type_into(T("Password"), PASSWORD, within=page)
    app.key("Return")
    app.wait_page(T("Overview"))
    app.wait_label(lambda s: s == EMAIL, "the overview showing %s" % EMAIL)
    check_page("overview")

    sidebar("Profile")
    check_page("profile")

    sidebar("Addresses")
    app.wait_label(lambda s: "Sprachweg 1" in s, "the saved address")
    check_page("addresses")
    app.click(T("Add Address"), within="MedusaAddressesPage")
    dialog = window(T("New Address"))
    time.sleep(1.0)  # the country list loads
    texts = check_page("address-dialog", dialog)
    # the store names countries in English; iso-codes has them in this language
    iso = gettext.translation("iso_3166-1", "/usr/share/locale", languages=[LANG], fallback=True)
    germany = iso.gettext("Germany")
    if germany == "Germany" or not any(t == germany for _, t in texts):
        raise GuiError("the country list does not show %r for Germany" % germany)
    app.key("Escape")
    app.gone("frame", T("New Address"))
    time.sleep(1.0)  # GTK 4.8's AT-SPI bridge and closing dialogs: see test-e2e.py

    sidebar("Payment Methods")
    check_page("payment-methods")

    sidebar("Orders")
    app.wait_text(N("%u of %u order", "%u of %u orders", 5) % (5, 5))
    texts = check_page("orders")
    check_formats(texts, "orders")
    app.click(T("Filters"), within="MedusaOrdersPage")
    time.sleep(0.5)
    check_page("order-filters")
    app.key("Escape")
    shipped = T("Shipped")
    row = app.wait_label(lambda s: shipped in s and "#" in s, "the shipped order's row")
    app.mouse_click(row)
    app.wait_text("TRACK-4")
    texts = check_page("order-details")
    check_formats(texts, "order-details")


def check_formats(texts, where):
    """Money and dates as the locale writes them (de/fr: "12,50 €", "27. Nov.")."""
    joined = "\n".join(t for _, t in texts)
    money = re.findall(r"[-−]?\d[\d .\u202f\u00a0,]*\s?€|€\s?\d[\d.,]*", joined)
    if not money:
        raise GuiError("%s: no amount on screen" % where)
    decimal = subprocess.run(["locale", "decimal_point"], capture_output=True, text=True,
                             env=dict(os.environ, LC_ALL=LOCALE)).stdout.strip()
    bad = [m for m in money if not re.search(re.escape(decimal) + r"\d\d", m)]
    if bad:
        raise GuiError("%s: amounts not in the %s format (decimal %r): %s" % (where, LOCALE, decimal, bad))
    month = time.strftime("%b")  # this test's own C-locale month, e.g. "Nov"
    now_local = subprocess.run(["date", "+%b"], capture_output=True, text=True,
                               env=dict(os.environ, LC_ALL=LOCALE)).stdout.strip()
    if now_local != month and re.search(r"\b%s\b" % re.escape(month), joined):
        raise GuiError("%s: an English month name %r on screen" % (where, month))
    if now_local not in joined:
        raise GuiError("%s: no date with the month as %s writes it (%r)" % (where, LOCALE, now_local))


def check_window(name, open_it):
    """Open a window (@open_it), check it like a page, close it with Escape."""
    before = frames()
    open_it()
    check_page(name, new_window(before, "the %s window" % name))
    app.key("Escape")
    time.sleep(1.0)  # GTK 4.8's AT-SPI bridge and closing windows: see test-e2e.py


def about():
    app.click(T("Main Menu"))
    app.click(T("_About Medusa Account"), role="menu item")


def windows():
    check_window("preferences", lambda: app.key("ctrl+comma"))
    check_window("shortcuts", lambda: app.key("ctrl+question"))
    check_window("about", about)

    app.click(T("Main Menu"))
    app.click(T("_Switch Store or Account"), role="menu item")
    app.wait_page(T("Choose a Store"))
    check_page("store")


def idle_lock():
    app.quit()
    # restored on the page it was closed on, then locked after 4 idle seconds
    launch(MEDUSA_ACCOUNT_IDLE_LOCK_SECONDS="4")
    dialog = "Account Locked"
    found = app._wait(lambda: app.page(T(dialog)), "the '%s' dialog" % T(dialog), 30)
    check_page("idle-lock", found)


def seed():
    subprocess.run([SEED, "5"], check=True, stdout=log, stderr=log,
                   env=dict(os.environ, DEMO_EMAIL=EMAIL, DEMO_PASSWORD=PASSWORD, MEDUSA_URL=URL))
    # one saved address, so the address book shows a row
    def post(path, body, token=None):
        request = urllib.request.Request(URL + path, json.dumps(body).encode(),
                                         {"Content-Type": "application/json"})
        if token:
            request.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    token = post("/store/auth/token", {"email": EMAIL, "password": PASSWORD})["access_token"]
    post("/store/customers/me/addresses",
         {"address": {"first_name": "Ada", "last_name": "Lovelace", "address_1": "Sprachweg 1",
                      "city": "Berlin", "postal_code": "10115", "country_code": "de"}}, token)


def main():
    try:
        ok = tap.step("%s: a customer with orders and an address" % LANG, seed)
        launch()
        ok = ok and tap.step("%s: sign-in, errors, register, forgotten and reset password" % LANG,
                             signed_out_pages)
        ok = ok and tap.step("%s: overview, profile, addresses, payment methods, orders, details" % LANG,
                             signed_in_pages)
        ok = ok and tap.step("%s: preferences, shortcuts, about, store choice" % LANG, windows)
        ok = ok and tap.step("%s: the idle lock dialog" % LANG, idle_lock)
        print("# pages checked in %s: %s" % (LANG, ", ".join(seen_pages)))
    finally:
        status = wrap_up(tap, app, home, shot)
    return status


sys.exit(main())
