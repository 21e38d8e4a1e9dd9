#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""The real app, in Xvfb, against a hostile store (tests/fake's
medusa-hostile-store): for each way a store can misbehave, a person types
an email and a password and presses Sign In. Each time the page shows a
clear message, keeps what was typed, stays usable, and the app prints no
GTK or GLib warning or critical. The "other origin" a redirect points to is
a second server that logs every request: it must see none.

Needs: DISPLAY (Xvfb), a D-Bus session with a Secret Service (an unlocked
keyring). No backend.
Usage: test-hostile.py PATH-TO-medusa-account SCHEMA-DIR PATH-TO-medusa-hostile-store"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from medusa_gui import App, GuiError, Tap, app_env, visible_texts, wrap_up  # noqa: E402

APP, SCHEMA_DIR, HOSTILE = sys.argv[1], sys.argv[2], sys.argv[3]
SHOTS = os.environ.get("MEDUSA_GUI_SHOTS")  # optional folder for screenshots

if not os.environ.get("DISPLAY"):
    if os.environ.get("MEDUSA_REQUIRE_BACKEND"):
        print("Bail out! DISPLAY is required")
        sys.exit(1)
    print("1..0 # SKIP needs a display")
    sys.exit(0)

EMAIL = "victim@example.com"
PASSWORD = "a-secret-password-123"
DEADLINE = 4  # seconds: the app's total deadline per call for this run
PAGE = "MedusaSignInPage"
# What the page may say about an answer it could not use (never the raw body).
UNREADABLE = ["could not be understood", "could not be read", "cannot read", "invalid"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Store:
    """One run of medusa-hostile-store on @port with @modes."""

    def __init__(self, port, modes, log_path):
        argv = [HOSTILE, "--port", str(port), "--log", log_path]
        for mode in modes:
            argv += ["--mode", mode]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=sys.stderr)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("READY"):
            self.stop()
            raise GuiError("the hostile store did not start: %r" % line)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


home = tempfile.mkdtemp(prefix="medusa-hostile-")
STORE_PORT, OTHER_PORT = free_port(), free_port()
STORE_URL = "http://127.0.0.1:%d" % STORE_PORT
store_log = os.path.join(home, "store.log")
other_log = os.path.join(home, "other-origin.log")
env = app_env(home, SCHEMA_DIR, STORE_URL, LANG="C.UTF-8", LC_ALL="C.UTF-8",
              MEDUSA_ACCOUNT_DEADLINE_SECONDS=str(DEADLINE))
log = open(os.path.join(home, "app.log"), "w")
tap = Tap()
app = None
store = None
other = None


def shot(name):
    if SHOTS and app is not None:
        os.makedirs(SHOTS, exist_ok=True)
        time.sleep(0.6)
        app.screenshot(os.path.join(SHOTS, "hostile-" + name + ".png"))


def serve(*modes):
    global store
    if store is not None:
        store.stop()
    store = Store(STORE_PORT, modes, store_log)


def start():
    global app, other
    # The other origin: answers nothing special, logs everything it is sent.
    other = Store(OTHER_PORT, [], other_log)
    serve()
    app = App([APP], env, log=log)
    app.wait_page("Sign In")


def requests_seen(path):
    try:
        with open(path) as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []


def sign_in_against(expect, *modes):
    """Serve @modes, sign in, expect a message holding one of @expect."""
    serve(*modes)
    before = len(requests_seen(store_log))
    app.type_into("Email", EMAIL, within=PAGE)
    app.type_into("Password", PASSWORD, within=PAGE)
    app.click("Sign In", within=PAGE)
    # The store was asked (so the message below answers this try, not the last).
    app._wait(lambda: len(requests_seen(store_log)) > before, "the sign-in request at the store")
    try:
        app.wait_label(lambda s: any(e.lower() in s.lower() for e in expect),
                       "a message saying %s" % " or ".join(repr(e) for e in expect),
                       within=PAGE, timeout=DEADLINE + 30)
    except GuiError as e:
        shown = [t for _, t in visible_texts(app.page(PAGE))]
        raise GuiError("%s; the page shows %r" % (e, shown))
    # what was typed is still there
    email = app.text_of(app.find("text", "Email", within=PAGE))
    if email != EMAIL:
        raise GuiError("the email was lost after the error: %r" % email)
    # usable: the page is not busy any more, and typing reaches the entry
    button = app.find("push button", "Sign In", within=PAGE)
    app._wait(lambda: button.getState().contains(pyatspi.STATE_SENSITIVE),
              "the Sign In button usable again")
    app.type_into("Email", EMAIL + "x", within=PAGE)
    app._wait(lambda: app.text_of(app.find("text", "Email", within=PAGE)) == EMAIL + "x",
              "typing in the email entry after the error")
    app.type_into("Email", EMAIL, within=PAGE)
    # nothing reached the other origin, ever
    seen = requests_seen(other_log)
    if seen:
        raise GuiError("the other origin was sent requests: %r" % seen)


def redirect(status):
    def run():
        sign_in_against(["127.0.0.1:%d" % OTHER_PORT], "redirect-other:%d:%d" % (OTHER_PORT, status))
        if status == 307:
            shot("redirect")
    return run


def main():
    global app
    try:
        ok = tap.step("the app starts on the sign-in page of the hostile store", start)
        for status in (301, 302, 303, 307, 308):
            ok = ok and tap.step(
                "a %d redirect of the sign-in to another origin: refused, naming it; "
                "the other origin sees nothing" % status, redirect(status))
        cases = [
            ("JSON nested 100,000 deep", UNREADABLE, "nested"),
            ("invalid UTF-8 in the answer", UNREADABLE, "bad-utf8"),
            ("a gzip bomb (1 GB of zeros)", ["too large"], "gzip-bomb"),
            ("a 1 GB answer", ["too large"], "huge"),
            ("an answer dripped a byte at a time", ["took too long", "did not answer in time"], "drip"),
            ("a flood of cookies", UNREADABLE, "cookie-flood"),
        ]
        for what, expect, mode in cases:
            ok = ok and tap.step("%s: a clear message, the input kept, the app usable" % what,
                                 sign_in_against, expect, mode)
            if mode == "gzip-bomb":
                shot("too-large")
    finally:
        status = wrap_up(tap, app, home, shot)
        for server in (store, other):
            if server is not None:
                server.stop()
    return status


sys.exit(main())
