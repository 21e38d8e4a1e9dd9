# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""TAP output for the data checks (meson test protocol: 'tap')."""

import sys


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, detail=""):
        """One test line; @detail (the last 40 lines) as diagnostics."""
        self.n += 1
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, name), flush=True)
        for line in str(detail).strip().splitlines()[-40:]:
            print("# " + line)
        return ok

    def finish(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)
