#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# bench.py - the measurements of tools/bench.sh (run it through that script:
# it builds, starts the backend, Xvfb, a D-Bus session and a keyring, and
# passes the facts here in the environment).
#
# Every row is measured side by side with its peer in the same run,
# alternating; the table shows medians and their ratio. Absolute times are
# printed, never asserted. Exits 1 only when a measurement could not be made
# or a result is wrong (e.g. the two history clients saw different orders).
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BUILD = os.environ["BENCH_BUILD"]          # the release build dir
SRC = os.environ["BENCH_SRC"]
QUICK = os.environ.get("BENCH_QUICK") == "1"
STORE_URL = os.environ["MEDUSA_URL"]
JS_DIR = os.environ["BENCH_JS_DIR"]
OUT_JSON = os.environ["BENCH_JSON"]
EMAIL = os.environ.get("BENCH_EMAIL", "bench@example.com")
PASSWORD = os.environ.get("BENCH_PASSWORD", "supersecret")

APP = os.path.join(BUILD, "src", "ui", "medusa-account")
BARE = os.path.join(BUILD, "bench", "bare-window")
MAPWATCH = os.path.join(BUILD, "bench", "map-watch")
CORE = os.path.join(BUILD, "bench", "bench-core")
MEDUSA_BENCH = os.path.join(BUILD, "bench", "medusa-bench")
BENCH_SEARCH = os.path.join(BUILD, "bench", "bench-search")
SCHEMAS = os.path.join(BUILD, "data")
CREDENTIAL_SCHEMA = "io.github.medusaaccount.MedusaAccount.Credential"
APP_ID = "io.github.medusaaccount.MedusaAccount"

RUNS_STARTUP = 3 if QUICK else 9
RUNS_HISTORY = 1 if QUICK else 5
RUNS_FIRST_ROWS = 2 if QUICK else 5
SEARCH_ORDERS = 1000 if QUICK else 10000
RUNS_SEARCH = 3 if QUICK else 20
IDLE_SECONDS = 3 if QUICK else 20
# issue 10: idle is measured 15 s after start, once a focused entry's text
# cursor has stopped blinking (GTK stops after gtk-cursor-blink-timeout, 10 s)
IDLE_SETTLE = 2 if QUICK else 15
MEMORY_COUNTS = [1000] if QUICK else [1000, 10000]
STALL_ORDERS = 1000 if QUICK else 10000
STALL_RUNS = 1 if QUICK else 3
N_BENCH_ORDERS = 300  # the bench customer's orders (tools/bench.sh places them)
TICK = os.sysconf("SC_CLK_TCK")

def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "?"


results = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpus": os.cpu_count(),
           "cpu": cpu_model(), "load_before": os.getloadavg(), "quick": QUICK, "rows": []}
table = []   # (row, ours, peer, ratio, goal)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def fail(msg):
    log("FAILED: " + msg)
    sys.exit(1)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def ms(us):
    return f"{us / 1000:.0f} ms" if us >= 10000 else f"{us / 1000:.1f} ms"


def add_row(key, what, ours, peer, ratio, goal, extra=None):
    table.append((what, ours, peer, ratio, goal))
    row = {"key": key, "what": what, "ours": ours, "peer": peer, "ratio": ratio, "goal": goal}
    row.update(extra or {})
    results["rows"].append(row)


# --- running the app ----------------------------------------------------------------

class Home:
    """A private HOME: settings in a key file, the build's schemas."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="medusa-bench-home.")
        for d in ("config", "data", "cache"):
            os.makedirs(os.path.join(self.dir, d))

    def env(self, **extra):
        env = dict(os.environ)
        for k in ("MEDUSA_ACCOUNT_STORE_URL", "MEDUSA_ACCOUNT_BENCH", "GTK_A11Y"):
            env.pop(k, None)
        env.update({
            "HOME": self.dir,
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "XDG_DATA_HOME": os.path.join(self.dir, "data"),
            "XDG_CACHE_HOME": os.path.join(self.dir, "cache"),
            "GSETTINGS_BACKEND": "keyfile",
            "GSETTINGS_SCHEMA_DIR": SCHEMAS,
            "GSK_RENDERER": "cairo",
            "MEDUSA_ACCOUNT_BENCH": "1",
        })
        env.update(extra)
        return env

    def gsettings(self, key, value):
        subprocess.run(["gsettings", "set", APP_ID, key, value], env=self.env(), check=True)

    def get(self, key):
        return subprocess.run(["gsettings", "get", APP_ID, key], env=self.env(), check=True,
                              capture_output=True, text=True).stdout.strip()

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Run:
    """One program under map-watch; collects MAPWATCH and MEDUSA_BENCH lines."""

    def __init__(self, argv, env):
        self.marks = {}
        self.lines = []
        self.cond = threading.Condition()
        # BENCH_APP_LOG=FILE: the programs' stderr there (appended), to see why a row
        # failed; BENCH_APP_DEBUG: their G_MESSAGES_DEBUG
        if os.environ.get("BENCH_APP_DEBUG"):
            env = dict(env, G_MESSAGES_DEBUG=os.environ["BENCH_APP_DEBUG"])
        err = open(os.environ["BENCH_APP_LOG"], "a") if os.environ.get("BENCH_APP_LOG") else subprocess.DEVNULL
        self.proc = subprocess.Popen([MAPWATCH] + argv, env=env, stdout=subprocess.PIPE,
                                     stderr=err, text=True, bufsize=1)
        if err is not subprocess.DEVNULL:
            err.close()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        self.pid = int(self.wait_for("pid", 10))

    def _read(self):
        log_file = os.environ.get("BENCH_APP_LOG")
        for line in self.proc.stdout:
            parts = line.split()
            if log_file and not line.startswith(("MAPWATCH", "MEDUSA_BENCH")):
                with open(log_file, "a") as f:   # GLib's debug messages go to stdout
                    f.write(line)
            with self.cond:
                self.lines.append(parts)
                if len(parts) >= 3 and parts[0] in ("MAPWATCH", "MEDUSA_BENCH"):
                    if parts[1] == "gap":
                        self.marks.setdefault("gaps", []).append((int(parts[2]), int(parts[3])))
                    elif parts[1] == "busy":   # cpu µs, time, wall µs
                        self.marks.setdefault("busy", []).append(
                            (int(parts[2]), int(parts[3]), int(parts[4])))
                    else:
                        self.marks.setdefault(parts[1], int(parts[2]))
                self.cond.notify_all()
        with self.cond:
            self.marks["eof"] = 1
            self.cond.notify_all()

    def wait_for(self, mark, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while mark not in self.marks:
                left = deadline - time.monotonic()
                if left <= 0 or "eof" in self.marks:
                    fail(f"no '{mark}' within {timeout} s (marks: {sorted(self.marks)})")
                self.cond.wait(left)
            return self.marks[mark]

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.kill(self.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.thread.join(5)


def store_token(url, token):
    subprocess.run(["secret-tool", "store", "--label=Medusa Account (bench)",
                    "xdg:schema", CREDENTIAL_SCHEMA, "store-url", url, "email", EMAIL],
                   input=token, text=True, check=True)


def get_token(url):
    req = urllib.request.Request(url + "/store/auth/token", method="POST",
                                 data=json.dumps({"email": EMAIL, "password": PASSWORD}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)["access_token"]


def wait_copy_filled(home, n_orders, timeout=120):
    """Until the local copy in @home holds @n_orders orders (read-only, WAL)."""
    folder = os.path.join(home.dir, "cache", "medusa-account")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            if not name.endswith(".sqlite"):
                continue
            try:
                db = sqlite3.connect("file:%s?mode=ro" % os.path.join(folder, name), uri=True)
                n = db.execute("SELECT count(*) FROM orders").fetchone()[0]
                db.close()
            except sqlite3.Error:
                continue
            if n >= n_orders:
                return
        time.sleep(0.5)
    fail(f"the local copy did not get {n_orders} orders within {timeout} s")


def make_home(state, url=None, last_page="overview"):
    """state: store (first run), signin (store chosen), restored (signed in,
    no local copy: the store is asked), copy (signed in, the copy filled)."""
    home = Home()
    if state in ("signin", "restored", "copy"):
        # The app adds and selects the store of MEDUSA_ACCOUNT_STORE_URL; one
        # short run writes it to the settings, the benchmark runs go without.
        r = Run([APP], home.env(MEDUSA_ACCOUNT_STORE_URL=url))
        r.wait_for("map", 30)
        time.sleep(0.5)
        r.stop()
        current = home.get("current-store").strip("'")
        if not current:
            fail("the app did not keep the store of MEDUSA_ACCOUNT_STORE_URL")
        if state in ("restored", "copy"):
            home.gsettings("last-emails", "{'%s': '%s'}" % (current, EMAIL))
            home.gsettings("last-page", last_page)
        if state == "restored":
            home.gsettings("keep-local-copy", "false")
        if state == "copy":
            # One run signs in from the keyring and fills the copy.
            r = Run([APP], home.env())
            r.wait_for("name-shown", 60)
            wait_copy_filled(home, N_BENCH_ORDERS)
            time.sleep(1)
            r.stop()
    return home


# --- rows ---------------------------------------------------------------------------

def bench_startup(token):
    store_token(STORE_URL.rstrip("/"), token)
    homes = {s: make_home(s, STORE_URL) for s in ("store", "signin", "restored", "copy")}
    bare_home = Home()
    for state, label, goal in (("store", "first run (store page)", "≤ 1.25×"),
                               ("signin", "store chosen, signed out (sign-in page)", "≤ 1.25×"),
                               ("restored", "restored session: customer's name shown", "≤ bare + 150 ms"),
                               ("copy", "restored session from the local copy: customer's name shown",
                                "≤ bare + 50 ms")):
        ours, peer = [], []
        for i in range(RUNS_STARTUP):
            for who in ("app", "bare") if i % 2 == 0 else ("bare", "app"):
                if who == "app":
                    if state == "store":   # a first run: no settings at all
                        homes[state].remove()
                        homes[state] = Home()
                    r = Run([APP], homes[state].env())
                    mark = "name-shown" if state in ("restored", "copy") else "map"
                    t = r.wait_for(mark, 30) - r.wait_for("exec", 1)
                    ours.append(t)
                else:
                    r = Run([BARE], bare_home.env())
                    peer.append(r.wait_for("map", 30) - r.wait_for("exec", 1))
                time.sleep(0.3)
                r.stop()
        o, p = median(ours), median(peer)
        extra = {"ours_us": ours, "peer_us": peer}
        if state in ("restored", "copy"):
            add_row("startup_" + state, "startup: " + label, ms(o), "bare window mapped: " + ms(p),
                    f"+{(o - p) / 1000:.0f} ms ({o / p:.2f}×)", goal, extra)
        else:
            add_row("startup_" + state, "startup: " + label + ", exec → mapped", ms(o),
                    "bare window: " + ms(p), f"{o / p:.2f}×", goal, extra)
        log(f"startup {state}: app {ms(o)}, bare {ms(p)} ({len(ours)} runs each)")
    for h in list(homes.values()) + [bare_home]:
        h.remove()


def read_ids(out):
    lines = out.split("\n")
    t = int(lines[0].split()[1])
    n_req = int(lines[1].split()[1])
    return t, n_req, [x for x in lines[2:] if x]


def backend_log_size():
    """Where the backend's request log ends now (BENCH_BACKEND_LOG), or None."""
    try:
        return os.path.getsize(os.environ.get("BENCH_BACKEND_LOG", ""))
    except OSError:
        return None


def backend_order_requests(since):
    """The order list requests the backend logged after @since (a
    backend_log_size()), or None without a log: what a client really asked,
    not what its plan says."""
    if since is None:
        return None
    time.sleep(0.05)   # the log line is written as the response ends
    with open(os.environ["BENCH_BACKEND_LOG"], "rb") as f:
        f.seek(since)
        return sum(1 for line in f if b"GET /store/customers/me/orders" in line)


def backend_cpu_ms():
    """The backend's CPU time so far (utime + stime of its node process, ms),
    or None when its pid is not known (BENCH_BACKEND_PID)."""
    pid = os.environ.get("BENCH_BACKEND_PID")
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / TICK


def bench_history(token):
    env = dict(os.environ, NODE_PATH=os.path.join(JS_DIR, "node_modules"))
    for page in (20, 50):
        ours, peer, one = [], [], []
        cpu_ours, cpu_peer = [], []   # the backend's CPU time per whole history
        ids_ours = ids_peer = None
        # At page 50 also the backend's floor: every order in one request
        # (our client, no paging), which no client that shows a page first
        # can beat
        clients = ("core", "js", "one") if page == 50 else ("core", "js")
        for i in range(RUNS_HISTORY):
            for who in clients if i % 2 == 0 else clients[::-1]:
                if who == "core":
                    argv = [CORE, "history", STORE_URL, token, str(page)]
                elif who == "one":
                    argv = [CORE, "history", STORE_URL, token, str(N_BENCH_ORDERS), "0", "1"]
                else:
                    argv = ["node", os.path.join(SRC, "bench", "history-medusa-js.js"),
                            STORE_URL, token, str(page)]
                cpu0 = backend_cpu_ms()
                log0 = backend_log_size()
                p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
                cpu1 = backend_cpu_ms()
                if p.returncode != 0:
                    fail(f"history ({who}, page {page}): {p.stderr.strip()}")
                t, n_req, ids = read_ids(p.stdout)
                n_req = backend_order_requests(log0) or n_req
                if who == "one":
                    one.append(t)
                    continue
                if cpu0 is not None and cpu1 is not None:
                    (cpu_ours if who == "core" else cpu_peer).append(cpu1 - cpu0)
                if who == "core":
                    ours.append(t)
                    ids_ours = ids
                    req_ours = n_req
                else:
                    peer.append(t)
                    ids_peer = ids
                    req_peer = n_req
            if ids_ours != ids_peer:
                fail(f"history page {page}: MedusaOrderList saw {len(ids_ours)} orders, "
                     f"medusa-js {len(ids_peer)}, not the same ids in the same order")
        if len(ids_ours) < (20 if QUICK else 300):
            fail(f"history: the customer has only {len(ids_ours)} orders")
        o, p = median(ours), median(peer)
        add_row(f"history_page_{page}",
                f"history: all {len(ids_ours)} orders, page {page} ({req_ours} / {req_peer} requests)",
                ms(o), "medusa-js 6.1.9: " + ms(p), f"{o / p:.2f}×", "≤ 0.5×",
                {"ours_us": ours, "peer_us": peer, "orders": len(ids_ours), "same_ids": True,
                 "backend_cpu_ms_ours": cpu_ours, "backend_cpu_ms_peer": cpu_peer})
        log(f"history page {page}: core {ms(o)}, medusa-js {ms(p)}; same {len(ids_ours)} ids")
        if one:
            add_row("history_one_request",
                    f"history: the first {N_BENCH_ORDERS} orders in one request (the backend's floor: "
                    "no paging, nothing shown before all have come)",
                    ms(median(one)), "medusa-js 6.1.9 page 50: " + ms(p), f"{median(one) / p:.2f}×", "—",
                    {"ours_us": one})
            log(f"history: {N_BENCH_ORDERS} orders in one request {ms(median(one))}, "
                f"{median(one) / p:.2f}× medusa-js page 50")
        if cpu_ours and cpu_peer:
            # The backend (one Node process) works through the requests one
            # at a time: its CPU time is a floor under either client's time
            log(f"history page {page}: the backend's CPU time per history (median): "
                f"core {median(cpu_ours):.0f} ms, medusa-js {median(cpu_peer):.0f} ms "
                f"({median(cpu_ours) / median(cpu_peer):.2f}×)")


def bench_memory():
    for n in MEMORY_COUNTS:
        env = dict(os.environ, G_SLICE="always-malloc")
        p = subprocess.run([CORE, "memory", str(n)], env=env, capture_output=True, text=True,
                           timeout=300)
        if p.returncode != 0:
            fail(f"memory {n}: {p.stderr.strip()}")
        vals = dict(line.split() for line in p.stdout.split("\n") if line)
        per, kept = float(vals["PER_ORDER"]), float(vals["KEPT_BYTES"])
        add_row(f"memory_{n}", f"memory kept per order, {n} orders in the list (mallinfo2 delta)",
                f"{per / 1024:.1f} KiB/order ({kept / 1048576:.1f} MiB)", "—", "—",
                "≤ 2 KiB/order; 10,000 ≤ 20 MB", {"per_order_bytes": per, "kept_bytes": kept})
        log(f"memory {n}: {per:.0f} bytes/order")


def bench_parse():
    out = tempfile.mktemp(prefix="medusa-parse.", suffix=".cg")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                        "--toggle-collect=bench_parse_once", f"--callgrind-out-file={out}",
                        MEDUSA_BENCH, "--quick", "--only", "parse"],
                       env=dict(os.environ, GSETTINGS_BACKEND="memory"),
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        fail("callgrind: " + p.stderr[-2000:])
    total = None
    with open(out) as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                total = int(line.split()[1])
    os.unlink(out)
    # --quick --only parse: 4 pages of 100 and 2 of 1000 orders.
    n = 4 * 100 + 2 * 1000
    add_row("parse", "parse: instructions per order (callgrind, JSON text → models)",
            f"{total / n / 1000:.0f} k", "—", "—", "≤ 400 k",
            {"instructions": total, "orders": n})
    log(f"parse: {total / n:.0f} instructions per order")
    bench_parse_summaries()


def bench_parse_summaries():
    """The order list's tree-less reader (issue 10, core lever 6), the same pages."""
    out = tempfile.mktemp(prefix="medusa-summaries.", suffix=".cg")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                        "--toggle-collect=bench_parse_summaries_once", f"--callgrind-out-file={out}",
                        MEDUSA_BENCH, "--quick", "--only", "summaries"],
                       env=dict(os.environ, GSETTINGS_BACKEND="memory"),
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        fail("callgrind: " + p.stderr[-2000:])
    total = None
    with open(out) as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                total = int(line.split()[1])
    os.unlink(out)
    n = 4 * 100 + 2 * 1000
    add_row("parse_summaries",
            "parse: instructions per order, order list (callgrind, JSON text → summaries, no tree)",
            f"{total / n / 1000:.0f} k", "—", "—", "≤ 400 k",
            {"instructions": total, "orders": n})
    log(f"parse (order list): {total / n:.0f} instructions per order")


def idle_counters(pid):
    """CPU ticks of the whole process (utime + stime, all threads), the
    context switches of each thread (voluntary + nonvoluntary: each one is a
    wake-up or a preemption), and VmRSS in kB."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    switches = {}
    rss = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        n = 0
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        n += int(line.split()[1])
                    elif line.startswith("VmRSS"):
                        rss = int(line.split()[1])
        except FileNotFoundError:
            continue
        switches[tid] = n
    return ticks, switches, rss


def measure_idle(pid):
    """CPU ticks and wake-ups over IDLE_SECONDS: a thread that exits in
    between counts nothing, one that starts counts all of its switches."""
    time.sleep(IDLE_SETTLE)
    t0, s0, _ = idle_counters(pid)
    time.sleep(IDLE_SECONDS)
    t1, s1, rss = idle_counters(pid)
    return t1 - t0, sum(n - s0.get(tid, 0) for tid, n in s1.items()), rss


def activate_show_order(order_id):
    subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID,
                    "--object-path", "/" + APP_ID.replace(".", "/") + "/window/1",
                    "--method", "org.gtk.Actions.Activate", "show-order",
                    f"[<'{order_id}'>]", "{}"], check=True, capture_output=True)


PAGE_NAMES = {"store": "store page", "signin": "sign-in page", "overview": "overview",
              "orders": "orders page", "details": "order details"}


def bench_idle(token, first_order_id):
    store_token(STORE_URL.rstrip("/"), token)
    res = {}
    bare_home = Home()
    r = Run([BARE], bare_home.env())
    r.wait_for("map", 30)
    res["bare"] = measure_idle(r.pid)
    r.stop()
    bare_home.remove()
    for page in ("store", "signin", "overview", "orders", "details"):
        state = {"store": "store", "signin": "signin"}.get(page, "restored")
        last = "orders" if page in ("orders", "details") else "overview"
        home = make_home(state, STORE_URL, last)
        r = Run([APP], home.env())
        r.wait_for("map", 30)
        if page == "overview":
            r.wait_for("name-shown", 30)
        elif page in ("orders", "details"):
            r.wait_for("first-row", 30)
        if page == "details":
            time.sleep(0.5)
            activate_show_order(first_order_id)
        res[page] = measure_idle(r.pid)
        if os.environ.get("BENCH_SHOTS"):   # what each idle page looked like
            subprocess.run(["import", "-window", "root",
                            os.path.join(os.environ["BENCH_SHOTS"], page + ".png")])
        r.stop()
        home.remove()
        log(f"idle {PAGE_NAMES[page]}: {res[page][0]} ticks, {res[page][1]} wake-ups, RSS {res[page][2] // 1024} MB")
    bt, bs, brss = res["bare"]
    for page in ("store", "signin", "overview", "orders", "details"):
        t, s, rss = res[page]
        ratio = f"{s / bs:.1f}× wake-ups" if bs > 0 else f"+{s} wake-ups (bare: 0)"
        add_row(f"idle_{page}", f"idle {IDLE_SECONDS} s, {PAGE_NAMES[page]}: CPU ticks / wake-ups",
                f"{t} ticks ({100 * t / TICK / IDLE_SECONDS:.1f} % CPU) / {s} ({s / IDLE_SECONDS:.0f}/s)",
                f"bare: {bt} ticks / {bs}", ratio, "0 wake-ups when nothing changes",
                {"ticks": t, "wakeups": s, "peer_ticks": bt, "peer_wakeups": bs, "tick_hz": TICK,
                 "seconds": IDLE_SECONDS})
    for page in ("store", "signin", "overview", "orders", "details"):
        rss = res[page][2]
        add_row(f"rss_{page}", f"RSS at rest, {PAGE_NAMES[page]}", f"{rss / 1024:.0f} MB",
                f"bare: {brss / 1024:.0f} MB", f"+{(rss - brss) / 1024:.0f} MB",
                "≤ bare + 10 MB", {"rss_kb": rss, "peer_rss_kb": brss})


def bench_first_rows(token):
    store_token(STORE_URL.rstrip("/"), token)
    home = make_home("restored", STORE_URL, "orders")
    # From the store: no local copy (bench_first_rows_copy measures that)
    home.gsettings("keep-local-copy", "false")
    times = []
    for _ in range(RUNS_FIRST_ROWS):
        r = Run([APP], home.env())
        times.append(r.wait_for("first-row", 30) - r.wait_for("orders-shown", 30))
        time.sleep(0.3)
        r.stop()
        home.gsettings("last-page", "orders")
    home.remove()
    o = median(times)
    add_row("first_rows", "orders page shown → first row drawn (local store)", ms(o), "—", "—",
            "≤ 100 ms", {"ours_us": times})
    log(f"first rows: {ms(o)}")


def copy_complete(home):
    """Whether the app's local copy in @home holds the whole history."""
    import sqlite3
    folder = os.path.join(home.dir, "cache", "medusa-account")
    if not os.path.isdir(folder):
        return False
    for name in os.listdir(folder):
        if not name.endswith(".sqlite"):
            continue
        try:
            db = sqlite3.connect(f"file:{os.path.join(folder, name)}?mode=ro", uri=True, timeout=1)
            row = db.execute("SELECT complete FROM sync_state").fetchone()
            n = db.execute("SELECT count(*) FROM orders").fetchone()[0]
            db.close()
            if row is not None and row[0] == 1 and n >= 300:
                return True
        except sqlite3.Error:
            pass
    return False


def bench_first_rows_copy(token):
    store_token(STORE_URL.rstrip("/"), token)
    home = make_home("restored", STORE_URL, "orders")
    home.gsettings("keep-local-copy", "true")    # ("restored" is without a copy)
    # One run fills the local copy (the whole history), then each run lists
    # the orders page's first rows from it before the store answers.
    r = Run([APP], home.env())
    deadline = time.monotonic() + 120
    while not copy_complete(home):
        if time.monotonic() > deadline:
            fail("first rows from the copy: the app did not fill its local copy in 120 s")
        time.sleep(0.5)
    r.stop()
    home.gsettings("last-page", "orders")
    times = []
    for _ in range(RUNS_FIRST_ROWS):
        r = Run([APP], home.env())
        times.append(r.wait_for("first-row", 30) - r.wait_for("orders-shown", 30))
        time.sleep(0.3)
        r.stop()
        home.gsettings("last-page", "orders")
    if not copy_complete(home):
        fail("first rows from the copy: the copy is no longer complete")
    home.remove()
    o = median(times)
    add_row("first_rows_copy", "orders page shown → first row drawn (from the local copy, 300 orders)",
            ms(o), "—", "—", "≤ 30 ms", {"ours_us": times})
    log(f"first rows from the copy: {ms(o)}")


def bench_local_search(rows):
    """bench-search: the orders page's search and the Shell search provider over
    a local copy of SEARCH_ORDERS generated orders (one process for both rows)."""
    cache = tempfile.mkdtemp(prefix="medusa-bench-search.")
    env = dict(os.environ, XDG_CACHE_HOME=cache, GSETTINGS_BACKEND="memory")
    p = subprocess.run([BENCH_SEARCH, str(SEARCH_ORDERS), str(RUNS_SEARCH)], env=env,
                       capture_output=True, text=True, timeout=900)
    shutil.rmtree(cache, ignore_errors=True)
    if p.returncode != 0:
        fail("bench-search: " + p.stderr[-2000:])
    vals, queries = {}, []
    for line in p.stdout.split("\n"):
        parts = line.split(maxsplit=3)
        if not parts:
            continue
        if parts[0] == "SEARCH":
            queries.append({"query": parts[3], "median_us": int(parts[1]), "matches": int(parts[2])})
        elif len(parts) == 2:
            vals[parts[0]] = int(parts[1])
    for q in queries:
        log(f"local search {q['query']!r}: {ms(q['median_us'])} ({q['matches']} matches)")
    if "local_search" in rows:
        worst = max(queries, key=lambda q: q["median_us"])
        add_row("local_search", f"local search over {SEARCH_ORDERS:,} orders per query (first 50 rows + count; "
                f"median of {len(queries)} queries × {RUNS_SEARCH}; p95; slowest query's median)",
                f"{ms(vals['SEARCH_MEDIAN_US'])}; p95 {ms(vals['SEARCH_P95_US'])}; "
                f"{worst['query']!r} {ms(worst['median_us'])}", "—", "—", "≤ 20 ms",
                {"median_us": vals["SEARCH_MEDIAN_US"], "p95_us": vals["SEARCH_P95_US"],
                 "max_us": vals["SEARCH_MAX_US"], "fill_us": vals.get("FILL_US"), "queries": queries})
    if "search_provider" in rows:
        add_row("search_provider", f"search provider answer over {SEARCH_ORDERS:,} orders "
                "(GetInitialResultSet + GetResultMetas over D-Bus; median; p95)",
                f"{ms(vals['PROVIDER_MEDIAN_US'])}; p95 {ms(vals['PROVIDER_P95_US'])}", "—", "—", "≤ 50 ms",
                {"median_us": vals["PROVIDER_MEDIAN_US"], "p95_us": vals["PROVIDER_P95_US"]})
    log(f"search: median {ms(vals['SEARCH_MEDIAN_US'])}, provider {ms(vals['PROVIDER_MEDIAN_US'])}")


def tab_into_list(pid, name, limit=30):
    """Presses Tab until the list named @name (AT-SPI role list) of the app
    @pid, or one of its rows, has the keyboard focus; returns how many Tabs.
    GtkListView binds about 200 rows by itself, so a list that never gets the
    focus still loads 200 orders or so: the End presses must reach it."""
    import pyatspi

    def walk(node, depth=0):
        if node is None or depth > 40:
            return
        yield node
        try:
            if node.getRoleName() == "list":   # rows are not looked into
                return
            for i in range(node.childCount):
                yield from walk(node.getChildAtIndex(i), depth + 1)
        except Exception:
            return

    def find_list():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is None or app.get_process_id() != pid:
                    continue
            except Exception:
                continue
            for n in walk(app):
                try:
                    if n.getRoleName() == "list" and n.name == name:
                        return n
                except Exception:
                    continue
        return None

    def focused(node):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return True
            return any(node.getChildAtIndex(i).getState().contains(pyatspi.STATE_FOCUSED)
                       for i in range(node.childCount))
        except Exception:
            return False

    deadline = time.monotonic() + 20
    lst = find_list()
    while lst is None and time.monotonic() < deadline:
        time.sleep(0.5)
        lst = find_list()
    if lst is None:
        fail(f"stall: no list named {name!r} in the app (AT-SPI)")
    for tabs in range(limit):
        if focused(lst):
            return tabs
        subprocess.run(["xdotool", "key", "Tab"], capture_output=True)
        time.sleep(0.2)
    fail(f"stall: {limit} Tabs did not reach the list {name!r}")


def stall_run(n):
    """One run of the stall row: the app on its orders page, scrolled to the
    end of STALL_ORDERS orders. Returns (longest gap, longest busy stretch,
    seconds it took)."""
    srv = subprocess.Popen([CORE, "serve", str(STALL_ORDERS)], stdout=subprocess.PIPE,
                           text=True, bufsize=1)
    try:
        ready = srv.stdout.readline().split()
        if not ready or ready[0] != "READY":
            fail("bench-core serve did not start")
        url, token = ready[1], ready[2]
        served = [0]

        def read_server():
            for line in srv.stdout:
                p = line.split()
                if p and p[0] == "ORDERS" and p[2] != "-":
                    served[0] = max(served[0], int(p[1]) + int(p[2]))
        threading.Thread(target=read_server, daemon=True).start()
        store_token(url, token)
        home = make_home("restored", url, "orders")
        r = Run([APP], home.env(MEDUSA_ACCOUNT_BENCH="stall"))
        r.wait_for("first-row", 60)
        t_start = time.monotonic()
        # Keyboard focus into the list (Tab until AT-SPI says so: the toolbar
        # above it grows), then End until the whole history is loaded:
        # each End shows the last row, the list reaches its edge and loads
        # the next page.
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(r.pid),
                        "windowactivate", "--sync"], capture_output=True)
        time.sleep(0.3)
        tabs = tab_into_list(r.pid, "Orders")
        log(f"stall: the list has the keyboard focus after {tabs} Tab(s)")
        # BENCH_PERF=FILE: perf samples of the app's main thread while it scrolls
        # (FILE.1, FILE.2, … one a run),
        # on the clock of the gap marks (CLOCK_MONOTONIC), to see what a gap was
        perf = None
        if os.environ.get("BENCH_PERF"):
            perf = subprocess.Popen(["perf", "record", "-q", "-k", "CLOCK_MONOTONIC", "-F", "1000",
                                     "--call-graph", "dwarf,8192", "-t", str(r.pid),
                                     "-o", f"{os.environ['BENCH_PERF']}.{n}"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        while served[0] < STALL_ORDERS and time.monotonic() - t_start < (60 if QUICK else 240):
            subprocess.run(["xdotool", "key", "--repeat", "40", "--delay", "40", "End"],
                           capture_output=True)
        if served[0] < STALL_ORDERS:
            fail(f"stall: only {served[0]} of {STALL_ORDERS} orders were requested by the app")
        subprocess.run(["xdotool", "key", "--repeat", "5", "--delay", "200", "End"],
                       capture_output=True)
        elapsed = time.monotonic() - t_start
        time.sleep(1)
        if perf is not None:
            perf.send_signal(signal.SIGINT)
            perf.wait(60)
        gaps = r.marks.get("gaps", [])
        worst = max(g for g, _ in gaps) if gaps else 0
        # Where the stall is: each new longest gap (it ends at t), from the
        # moment the orders page was mapped (the gap timer's start).
        t0 = r.marks.get("orders-shown", 0)
        log("stall: new longest gaps, ms @ s after the orders page was mapped (first row at "
            f"{(r.marks.get('first-row', t0) - t0) / 1e6:.2f} s): " +
            ", ".join(f"{g / 1000:.0f} @ {(t - g - t0) / 1e6:.2f}" for g, t in gaps))
        # The main thread's CPU time between two ticks: what the app itself did
        # in one go, whatever the machine's load added to the gap around it
        busy = r.marks.get("busy", [])   # each stretch of ≥ 4 ms
        worst_cpu = max(c for c, _, _ in busy) if busy else 0
        t_scroll = r.marks.get("first-row", t0) + 1000000
        busy_scroll = [c for c, t, w in busy if t - w > t_scroll]
        log(f"stall: busy stretches (main thread CPU ≥ 4 ms): {len(busy)}, "
            f"{sum(1 for c, _, _ in busy if c > 16000)} over 16 ms; longest {ms(worst_cpu)}; "
            f"from 1 s after the first row on: longest {ms(max(busy_scroll, default=0))}, "
            f"median {ms(median(busy_scroll) if busy_scroll else 0)}")
        log("stall: the 8 longest, ms (in a gap of ms) @ s: " +
            ", ".join(f"{c / 1000:.1f} ({w / 1000:.0f}) @ {(t - w - t0) / 1e6:.2f}"
                      for c, t, w in sorted(busy, reverse=True)[:8]))
        if perf is not None:
            log("stall: gaps on CLOCK_MONOTONIC (for perf script --time): " +
                ", ".join(f"{(t - g) / 1e6:.6f},{t / 1e6:.6f}" for g, t in gaps) +
                "; busy stretches: " +
                ", ".join(f"{(t - w) / 1e6:.6f},{t / 1e6:.6f}"
                          for c, t, w in sorted(busy, reverse=True)[:8]))
        r.stop()
        home.remove()
    finally:
        srv.terminate()
        srv.wait(10)
    log(f"stall: run {n}: {ms(worst)} over {elapsed:.1f} s; longest busy stretch {ms(worst_cpu)}")
    return worst, worst_cpu, elapsed


def bench_stall():
    # Each run's longest gap is one sample of the machine as much as of the
    # app (a 16 s run on a shared 2-core VM); the row is the median of
    # STALL_RUNS runs, each run's value listed beside it.
    runs = [stall_run(n) for n in range(1, STALL_RUNS + 1)]
    gaps = [g for g, _, _ in runs]
    cpus = [c for _, c, _ in runs]
    listed = "" if len(runs) == 1 else " (runs: " + ", ".join(ms(g) for g in gaps) + ")"
    listed_cpu = "" if len(runs) == 1 else " (runs: " + ", ".join(ms(c) for c in cpus) + ")"
    add_row("stall", f"longest main-loop stall, {STALL_ORDERS} orders load + scroll to the end "
            f"(fake store, {median([e for _, _, e in runs]):.0f} s), median of {len(runs)} run(s)",
            ms(median(gaps)) + listed, "—", "—", "≤ 16 ms",
            {"worst_gap_us": median(gaps), "runs_worst_gap_us": gaps})
    add_row("stall_cpu", "longest main-loop busy stretch in those runs (main thread CPU time "
            "between two 1 ms ticks; without the machine's other load)", ms(median(cpus)) + listed_cpu,
            "—", "—", "≤ 16 ms", {"worst_cpu_us": median(cpus), "runs_worst_cpu_us": cpus})
    log(f"stall: median of {len(runs)}: {ms(median(gaps))}; longest busy stretch {ms(median(cpus))}")


def main():
    t0 = time.monotonic()
    token = get_token(STORE_URL)
    only = os.environ.get("BENCH_ONLY", "").split(",") if os.environ.get("BENCH_ONLY") else None

    def want(x):
        return only is None or x in only
    if want("startup"):
        bench_startup(token)
    if want("history"):
        bench_history(token)
    if want("first_rows"):
        bench_first_rows(token)
    if want("first_rows_copy"):
        bench_first_rows_copy(token)
    if want("local_search") or want("search_provider"):
        bench_local_search([x for x in ("local_search", "search_provider") if want(x)])
    if want("memory"):
        bench_memory()
    if want("stall"):
        bench_stall()
    if want("idle"):
        p = subprocess.run([CORE, "history", STORE_URL, token, "20"],
                           capture_output=True, text=True, check=True)
        bench_idle(token, read_ids(p.stdout)[2][0])
    if want("parse"):
        bench_parse()
    results["seconds"] = round(time.monotonic() - t0)
    results["load_after"] = os.getloadavg()
    with open(OUT_JSON, "w") as f:
        json.dump(results, f, indent=2)
    w = [max(len(str(r[i])) for r in table + [("what", "ours", "peer", "ratio", "goal")])
         for i in range(5)]
    print()
    print(f"Medusa Account benchmark, {results['date']}, {results['cpus']} CPUs ({results['cpu']}), "
          f"load {results['load_before'][0]:.1f} → {results['load_after'][0]:.1f}"
          f"{', --quick' if QUICK else ''}; medians; ratios = ours / peer, same run")
    print("| " + " | ".join(h.ljust(w[i]) for i, h in
                             enumerate(("what", "ours", "peer", "ratio", "goal"))) + " |")
    print("|" + "|".join("-" * (x + 2) for x in w) + "|")
    for r in table:
        print("| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)) + " |")
    print(f"\nJSON: {OUT_JSON}; {results['seconds']} s")


if __name__ == "__main__":
    main()
