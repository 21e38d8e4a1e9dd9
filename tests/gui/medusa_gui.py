# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Drive the real medusa-account window as a person would: find widgets by
their accessible names (AT-SPI), click them, type with xdotool, read what the
window shows. Facts this relies on are in GUI-TESTING notes of the project:
GTK 4.8 exposes AdwEntryRow as role 'text' named after the row title, buttons
as 'push button' named after the label; STATE_SHOWING is only set on windows,
so visibility is judged by extents and the 'visible' state of every ancestor."""

import os
import re
import subprocess
import sys
import threading
import time

import pyatspi

DEFAULT_TIMEOUT = float(os.environ.get("MEDUSA_GUI_TIMEOUT", "20"))
# GTK 4.8 answers extents in window coordinates only, and warns ("Screen
# coordinates not supported") when asked for screen ones. Without a window
# manager every window sits at (0,0): window coordinates are screen ones.
COORDS = pyatspi.WINDOW_COORDS


class GuiError(AssertionError):
    pass


# What GLib prints for g_warning/g_critical (any domain: Gtk, Adwaita,
# GLib-GObject, ours): a GUI test fails on any of them.
WARNING_RE = re.compile(r"Gtk-WARNING|Gtk-CRITICAL|CRITICAL|WARNING \*\*")


def warning_lines(text):
    """The lines of @text that are GTK/GLib warnings or criticals."""
    return [line for line in text.splitlines() if WARNING_RE.search(line)]


# Every App started by this process, for the warning check of each step.
_apps = []


def take_new_warnings():
    """Warning lines the apps printed since the last call."""
    out = []
    for app in _apps:
        out.extend(app.take_warnings())
    return out


def app_env(home, schema_dir, store_url, **extra):
    """The environment of an app run: its own home (so its own settings,
    in a key file), the build's schemas, a store preselected, the AT-SPI
    bridge on; @extra on top (a value None removes the variable)."""
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env.update({
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "GSETTINGS_BACKEND": "keyfile",
        "GSETTINGS_SCHEMA_DIR": schema_dir,
        "MEDUSA_ACCOUNT_STORE_URL": store_url,
        "GTK_A11Y": "atspi",
    })
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _states(node):
    try:
        return node.getState()
    except Exception:
        return None


def _on_screen(node, frame):
    ext = node.queryComponent().getExtents(COORDS)
    cx, cy = ext.x + ext.width // 2, ext.y + ext.height // 2
    return (frame.x <= cx < frame.x + frame.width and frame.y <= cy < frame.y + frame.height)


def _is_visible(node):
    """Visible on screen: every ancestor up to the frame has STATE_VISIBLE
    and the node has a non-empty extent."""
    n = node
    while n is not None:
        st = _states(n)
        if st is None:
            return False
        if n.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_APPLICATION):
            break
        if not st.contains(pyatspi.STATE_VISIBLE):
            return False
        try:
            n = n.parent
        except Exception:
            return False
    try:
        ext = node.queryComponent().getExtents(COORDS)
        if ext.width <= 0 or ext.height <= 0:
            return False
        return True
    except Exception:
        return False


def _walk(node, depth=0, enter=None):
    """@node and its descendants, depth first; a node for which @enter
    returns False is left out with its whole subtree."""
    if node is None or depth > 60:
        return
    try:
        if enter is not None and not enter(node):
            return
    except Exception:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from _walk(child, depth + 1, enter)


def visible_texts(root, skip=None):
    """(role, text) of what a person sees (and a screen reader says) under
    @root: names, descriptions, and the text of labels and entries. A
    subtree that is not visible (a closed popover) is skipped whole, which
    also keeps the walk short; so is one for which @skip(node) is true
    (GTK 4.8 reports the pages a GtkStack does not show as visible)."""
    def shown(n):
        if skip is not None and skip(n):
            return False
        return n.getRoleName() in ("frame", "dialog", "window") or \
            n.getState().contains(pyatspi.STATE_VISIBLE)

    out = []
    for n in _walk(root, enter=shown):
        try:
            role = n.getRoleName()
            texts = {n.name or "", n.description or ""}
            if role in ("label", "text", "password text", "heading", "paragraph"):
                texts.add(App.text_of(n) or "")
        except Exception:
            continue
        for t in texts:
            t = t.strip()
            # GTK falls back to type names for unnamed nodes
            if t and not re.fullmatch(r"(Gtk|Adw|Medusa)[A-Z]\w*", t):
                out.append((role, t))
    return out


class App:
    def __init__(self, argv, env, name="medusa-account", log=None):
        self.name = name
        self.log = log or sys.stderr
        # MEDUSA_GUI_GDB=1: run the app under gdb and log a backtrace if it crashes.
        self.under_debugger = bool(os.environ.get("MEDUSA_GUI_GDB"))
        if self.under_debugger:
            argv = ["gdb", "-batch", "-ex", "run", "-ex", "bt 50", "--args"] + list(argv)
        # stderr goes to the log through us, so that warnings are seen.
        self.proc = subprocess.Popen(argv, env=env, stdout=self.log, stderr=subprocess.PIPE)
        self._warnings = []
        self._warnings_lock = threading.Lock()
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_reader.start()
        _apps.append(self)
        self.app = None
        self._pages = {}
        self._wait(lambda: self._find_app(), "application on the accessibility bus", 30)
        self.focus_window()

    def _read_stderr(self):
        for raw in iter(self.proc.stderr.readline, b""):
            line = raw.decode("utf-8", "replace")
            try:
                self.log.write(line)
                self.log.flush()
            except ValueError:  # the log was closed
                pass
            if WARNING_RE.search(line):
                with self._warnings_lock:
                    self._warnings.append(line.rstrip("\n"))
        self.proc.stderr.close()

    def take_warnings(self):
        """The warning lines printed since the last call (after the app
        ended: all of them, its stderr read to the end)."""
        if self.proc.poll() is not None:
            self._stderr_reader.join(10)
        with self._warnings_lock:
            out, self._warnings = self._warnings, []
        return out

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                a = desktop.getChildAtIndex(i)
            except Exception:
                continue
            if a is None or a.name != self.name:
                continue
            try:  # an earlier run of the app may linger on the bus: match our process
                if not self.under_debugger and a.get_process_id() != self.proc.pid:
                    continue
            except Exception:
                continue
            self.app = a
            return a
        if self.proc.poll() is not None:
            raise GuiError("the app exited with status %s" % self.proc.returncode)
        return None

    def _wait(self, fn, what, timeout=DEFAULT_TIMEOUT):
        end = time.monotonic() + timeout
        last_exc = None
        while time.monotonic() < end:
            try:
                r = fn()
                if r:
                    return r
            except GuiError:
                raise
            except Exception as e:  # AT-SPI objects vanish while the UI changes
                last_exc = e
            if self.proc.poll() is not None:
                raise GuiError("the app exited with status %s while waiting for %s"
                               % (self.proc.returncode, what))
            time.sleep(0.2)
        raise GuiError("timed out after %.0fs waiting for %s%s" % (
            timeout, what, " (%s)" % last_exc if last_exc else ""))

    def focus_window(self):
        how = ["--name", "Medusa Account"] if self.under_debugger else ["--pid", str(self.proc.pid)]
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible"] + how + ["windowfocus", "--sync"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)

    def page(self, type_name):
        """The subtree of a page widget (GTK exposes it as a filler named
        after its type, e.g. 'MedusaSignInPage') or of a dialog window (a
        frame named after its title); names repeat across pages."""
        # Windows first: a dialog's title may also be a label in the main window.
        self._find_app()  # the cached application object misses new windows
        for i in range(self.app.childCount):
            w = self.app.getChildAtIndex(i)
            if w is not None and w.name == type_name:
                return w
        cached = self._pages.get(type_name)
        if cached is not None:
            try:
                if cached.name == type_name and cached.getState().contains(pyatspi.STATE_VISIBLE):
                    return cached
            except Exception:
                pass
            del self._pages[type_name]
        for n in _walk(self.app):
            try:
                if n.name == type_name and n.getRoleName() != "label":
                    self._pages[type_name] = n
                    return n
            except Exception:
                continue
        return None

    def nodes(self, role=None, name=None, visible=True, within=None):
        out = []
        if self.app is None:
            return out
        root = self.app
        if within is not None:
            root = self.page(within)
            if root is None:
                return out
        for n in _walk(root):
            try:
                if role is not None and n.getRoleName() != role:
                    continue
                if name is not None and n.name != name:
                    continue
                if visible and not _is_visible(n):
                    continue
                out.append(n)
            except Exception:
                continue
        return out

    def find(self, role, name, within=None, timeout=DEFAULT_TIMEOUT):
        def one():
            found = self.nodes(role, name, within=within)
            return found[0] if found else None
        return self._wait(one, "%s '%s'%s" % (role, name, " in " + within if within else ""),
                          timeout)

    def gone(self, role, name, timeout=DEFAULT_TIMEOUT):
        self._wait(lambda: not self.nodes(role, name), "%s '%s' to go away" % (role, name), timeout)

    def click(self, name, role="push button", within=None, timeout=DEFAULT_TIMEOUT):
        node = self.find(role, name, within, timeout)
        def sensitive():
            st = node.getState()
            return st.contains(pyatspi.STATE_SENSITIVE)
        self._wait(sensitive, "button '%s' to become sensitive" % name)
        try:
            action = node.queryAction()
            if action.nActions > 0:
                action.doAction(0)
                return node
        except NotImplementedError:
            pass
        self.mouse_click(node)  # e.g. GtkMenuButton exposes no action in GTK 4.8
        return node

    def frame(self):
        self._find_app()
        for i in range(self.app.childCount):
            w = self.app.getChildAtIndex(i)
            if w is not None and w.getState().contains(pyatspi.STATE_ACTIVE):
                return w
        return self.app.getChildAtIndex(self.app.childCount - 1)

    def scroll_into_view(self, node):
        """Wheel-scroll the view under the pointer until @node's centre is
        inside the window (AT-SPI's scrollTo is not implemented by GTK 4.8)."""
        frame = self.frame().queryComponent().getExtents(COORDS)
        for _ in range(40):
            if _on_screen(node, frame):
                return
            ext = node.queryComponent().getExtents(COORDS)
            button = "5" if ext.y > frame.y + frame.height // 2 else "4"
            subprocess.run(["xdotool", "mousemove", str(frame.x + frame.width * 2 // 3),
                            str(frame.y + frame.height // 2), "click", button], check=True)
            time.sleep(0.05)
        raise GuiError("could not scroll '%s' into view" % node.name)

    def title(self):
        for n in _walk(self.frame()):
            if n.name == "AdwWindowTitle":
                for c in _walk(n):
                    if c.getRoleName() == "label":
                        return c.name
        return None

    def wait_page(self, title, timeout=DEFAULT_TIMEOUT):
        """The window's header shows the current page's title."""
        self._wait(lambda: self.title() == title, "the '%s' page" % title, timeout)

    def tab_to(self, node, limit=60):
        """Move the keyboard focus with Tab until @node has it (GTK 4.8
        reports popover children at wrong coordinates, so no mouse there)."""
        for _ in range(limit):
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return
            self.key("Tab")
        raise GuiError("Tab never reached '%s'" % node.name)

    def toggle(self, name, role="check box", within=None):
        """Check a check box the way a keyboard user does: Tab to it, Space."""
        node = self.find(role, name, within)
        was = node.getState().contains(pyatspi.STATE_CHECKED)
        self.tab_to(node)
        self.key("space")
        self._wait(lambda: node.getState().contains(pyatspi.STATE_CHECKED) != was,
                   "'%s' to change its checked state" % name)
        return node

    def mouse_click(self, node):
        self.scroll_into_view(node)
        ext = node.queryComponent().getExtents(COORDS)
        x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)
        time.sleep(0.15)

    def type_into(self, name, text, within=None, role="text", clear=True):
        node = self.find(role, name, within)
        self.mouse_click(node)
        if clear:
            subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+a", "BackSpace"], check=True)
        if text:
            subprocess.run(["xdotool", "type", "--delay", "8", text], check=True)
        want = text
        self._wait(lambda: self.text_of(node) == want or role == "password text",
                   "'%s' to hold the typed text" % name)
        return node

    def key(self, *keys):
        subprocess.run(["xdotool", "key", "--clearmodifiers"] + list(keys), check=True)
        time.sleep(0.1)

    @staticmethod
    def text_of(node):
        # GTK 4.8 answers getText(0, -1) with "" for AdwEntryRow: ask for
        # the exact character count instead.
        try:
            t = node.queryText()
            return t.getText(0, t.characterCount)
        except Exception:
            return node.name

    CONTROL_ROLES = ("push button", "toggle button", "check box", "radio button", "text",
                     "password text", "entry", "combo box", "spin button", "link", "slider",
                     "switch")

    def unnamed_controls(self):
        """Controls on the current window that a screen reader could not name."""
        out = []
        for n in _walk(self.frame()):
            try:
                name = (n.name or "").strip()
                # GTK 4.8 falls back to the widget's type name ("GtkImage")
                # when nothing names a control: that is no name either.
                # libadwaita 1.2's toast close button has no name and no way
                # for an app to give it one (later versions call it "Dismiss").
                if n.parent is not None and n.parent.name == "AdwToastWidget":
                    continue
                if n.getRoleName() in self.CONTROL_ROLES and \
                   (not name or re.fullmatch(r"(Gtk|Adw)[A-Z]\w*", name)) and _is_visible(n):
                    out.append("%s under %s" % (n.getRoleName(), n.parent.name or n.parent.getRoleName()))
            except Exception:
                continue
        return out

    def labels(self):
        return [n.name for n in self.nodes("label") if n.name]

    def wait_label(self, pred, what, within=None, timeout=DEFAULT_TIMEOUT):
        def check():
            root = self.page(within) if within else self.frame()
            for n in _walk(root):
                try:
                    if n.name and pred(n.name):
                        return n
                    if n.getRoleName() == "label":
                        t = self.text_of(n)
                        if t and pred(t):
                            return n
                except Exception:
                    continue
            return None
        return self._wait(check, what, timeout)

    def wait_text(self, substring, within=None, timeout=DEFAULT_TIMEOUT):
        return self.wait_label(lambda s: substring in s, "text '%s' on screen" % substring,
                               within, timeout)

    def screenshot(self, path):
        subprocess.run(["import", "-window", "root", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Tap:
    """Minimal TAP producer so meson can count the steps."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def step(self, name, fn, *args):
        self.n += 1
        t = time.monotonic()
        try:
            fn(*args)
            # The app must not have warned meanwhile (a warning printed
            # just after a step shows up in the next one, or at the end).
            warnings = take_new_warnings()
            if warnings:
                raise GuiError("the app printed warnings:\n# " + "\n# ".join(warnings))
            print("ok %d - %s (%.1fs)" % (self.n, name, time.monotonic() - t), flush=True)
            return True
        except Exception as e:
            self.failed += 1
            print("not ok %d - %s: %s" % (self.n, name, e), flush=True)
            return False

    def no_warnings_left(self):
        """A last step: nothing printed after the last step either (call
        once every app has been stopped)."""
        def check():
            warnings = take_new_warnings()
            if warnings:
                raise GuiError("the app printed warnings:\n# " + "\n# ".join(warnings))
        return self.step("no GTK or GLib warning or critical on the app's stderr", check)

    def done(self):
        print("1..%d" % self.n, flush=True)
        return 1 if self.failed else 0


def wrap_up(tap, app, home, shot):
    """After the steps: on a failure a screenshot and where the app log is;
    then stop the app. Returns the exit status."""
    if tap.failed and app is not None:
        shot("failure")
        app.screenshot(os.path.join(home, "failure.png"))
        print("# app log and failure screenshot in %s" % home)
    if app is not None:
        app.quit()
    tap.no_warnings_left()
    return tap.done()
