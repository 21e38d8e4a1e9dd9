#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
"""The GNOME Shell search provider .ini is one the Shell loads for this app
(TAP): the [Shell Search Provider] group with DesktopId, BusName, ObjectPath
and Version=2, naming this app's desktop file, its bus name (the app id) and
the object the app exports (<app object path>/SearchProvider), in a file
named after the app id (flatpak build-finish exports only those).

Usage: check-search-provider.py INI-FILE APP-ID"""

import configparser
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

INI, APP_ID = sys.argv[1], sys.argv[2]
GROUP = "Shell Search Provider"

tap = Tap()
result = tap.result

result(os.path.basename(INI) == APP_ID + ".search-provider.ini",
       "the file is named after the app id", os.path.basename(INI))

parser = configparser.ConfigParser(interpolation=None, strict=True)
parser.optionxform = str  # the keys are case-sensitive
try:
    parser.read(INI, encoding="utf-8")
    parsed = True
except configparser.Error as e:
    parsed = False
    result(False, "the file parses as a key file", e)
if parsed:
    result(parser.sections() == [GROUP], "it has exactly the [%s] group" % GROUP, parser.sections())
    keys = dict(parser[GROUP]) if parser.has_section(GROUP) else {}
    wanted = ["DesktopId", "BusName", "ObjectPath", "Version"]
    result(all(k in keys for k in wanted), "it has the keys %s" % ", ".join(wanted), sorted(keys))
    result(keys.get("DesktopId") == APP_ID + ".desktop", "DesktopId is the app's desktop file",
           keys.get("DesktopId"))
    desktop_in = os.path.join(os.path.dirname(os.path.abspath(INI)), APP_ID + ".desktop.in")
    result(os.path.exists(desktop_in), "that desktop file is built from data/%s.desktop.in" % APP_ID)
    result(keys.get("BusName") == APP_ID, "BusName is the app id", keys.get("BusName"))
    path = "/" + APP_ID.replace(".", "/") + "/SearchProvider"
    result(keys.get("ObjectPath") == path,
           "ObjectPath is the app's object path + /SearchProvider (%s)" % path, keys.get("ObjectPath"))
    result(keys.get("Version") == "2", "Version is 2 (org.gnome.Shell.SearchProvider2)",
           keys.get("Version"))
tap.finish()
