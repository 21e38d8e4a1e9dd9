#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""Checks one translation (po/LANG.po) against the sources, as TAP:

1. `msgfmt --check` accepts it (format strings, header, plural forms);
2. it has no fuzzy and no untranslated message;
3, 4. it translates every message the sources have *now*: a template is
   extracted afresh from po/POTFILES.in with the keywords of meson's `glib`
   preset, and `msgcmp` must find each of its messages translated;
5. po/POTFILES.in is sorted and names every file with translatable text;
6. mnemonics survive: a message with one "_X" mnemonic keeps exactly one.

Usage: check-po.py SOURCE-ROOT LANG"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

SRC, LANG = sys.argv[1], sys.argv[2]
PO = os.path.join(SRC, "po", LANG + ".po")

# the same as meson's i18n.gettext(preset: 'glib'), which builds the template
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

tap = Tap()
result = tap.result
finish = tap.finish

def parse_po(path):
    """(msgid, msgid_plural, [msgstr...], flags) for each non-obsolete entry."""
    entries = []
    cur = None
    field = None

    def flush():
        if cur is not None and cur["msgid"] is not None:
            entries.append(cur)

    def unquote(s):
        return bytes(s.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("#~") or not line.strip():
            if not line.strip():
                flush()
                cur, field = None, None
            continue
        if cur is None:
            cur = {"msgid": None, "plural": None, "msgstr": {}, "flags": set(), "ctx": None}
        if line.startswith("#,"):
            cur["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            field = ("ctx",)
            cur["ctx"] = unquote(line[8:])
        elif line.startswith("msgid_plural "):
            field = ("plural",)
            cur["plural"] = unquote(line[13:])
        elif line.startswith("msgid "):
            field = ("msgid",)
            cur["msgid"] = unquote(line[6:])
        elif line.startswith("msgstr["):
            idx = int(line[7:line.index("]")])
            field = ("msgstr", idx)
            cur["msgstr"][idx] = unquote(line[line.index("]") + 2:])
        elif line.startswith("msgstr "):
            field = ("msgstr", 0)
            cur["msgstr"][0] = unquote(line[7:])
        elif line.startswith('"') and field is not None:
            if field[0] == "msgstr":
                cur["msgstr"][field[1]] += unquote(line)
            else:
                cur[field[0]] += unquote(line)
    flush()
    return entries


if not os.path.exists(PO):
    result(False, "%s exists" % PO)
    finish()

# 1, 2: msgfmt
proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, PO],
                      capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
result(proc.returncode == 0, "msgfmt --check accepts po/%s.po" % LANG, proc.stderr)
stats = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
fuzzy = re.search(r"(\d+) fuzzy", stats)
untranslated = re.search(r"(\d+) untranslated", stats)
translated = re.search(r"(\d+) translated", stats)
result(translated is not None and fuzzy is None and untranslated is None,
       "no fuzzy or untranslated messages (%s)" % stats, stats)

# 3: a fresh template from the sources
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "fresh.pot")
    proc = subprocess.run(["xgettext", "--package-name=medusa-account", "--directory", SRC,
                           "--files-from", os.path.join(SRC, "po", "POTFILES.in"),
                           "--output", pot] + XGETTEXT_ARGS,
                          capture_output=True, text=True)
    result(proc.returncode == 0, "xgettext extracts the sources' messages", proc.stderr)
    if proc.returncode == 0:
        proc = subprocess.run(["msgcmp", PO, pot], capture_output=True, text=True,
                              env=dict(os.environ, LC_ALL="C"))
        result(proc.returncode == 0,
               "every message of the sources is translated in po/%s.po "
               "(else: meson compile medusa-account-update-po, then translate)" % LANG,
               proc.stderr)
    else:
        result(False, "msgcmp (skipped: no template)")

# 5: POTFILES.in lists every file with translatable text, sorted
listed = [l.strip() for l in open(os.path.join(SRC, "po", "POTFILES.in"))
          if l.strip() and not l.startswith("#")]
MARKED = re.compile(r'\b(?:N?_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(\s*"|translatable="yes"'
                    r'|<_?summary>|<_?description>|^(?:Name|GenericName|Comment|Keywords)=', re.M)
marked = []
for top in ("src", "data"):
    for d, _, fs in os.walk(os.path.join(SRC, top)):
        for f in fs:
            if f.endswith((".c", ".ui", ".desktop.in", ".xml.in", ".gschema.xml")):
                path = os.path.join(d, f)
                if MARKED.search(open(path, encoding="utf-8", errors="replace").read()):
                    marked.append(os.path.relpath(path, SRC))
missing = sorted(set(marked) - set(listed))
unsorted = ["%s > %s" % (a, b) for a, b in zip(listed, listed[1:]) if a > b]
result(not missing and not unsorted,
       "po/POTFILES.in is sorted and lists every file with translatable text",
       "\n".join(["missing: %s" % f for f in missing] + ["not sorted: %s" % u for u in unsorted]))

# 6: mnemonics
MNEMONIC = re.compile(r"(?<!_)_(?=\w)")
bad = []
for e in parse_po(PO):
    if not e["msgid"]:
        continue
    if len(MNEMONIC.findall(e["msgid"])) != 1:
        continue
    for s in e["msgstr"].values():
        if len(MNEMONIC.findall(s)) != 1:
            bad.append("%r → %r" % (e["msgid"], s))
result(not bad, "mnemonics kept (one \"_\" per label)", "\n".join(bad))

finish()
