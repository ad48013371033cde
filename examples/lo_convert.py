#!/usr/bin/env python3
"""Save spreadsheets in other formats with LibreOffice, as an officer's "Save As" would.

Usage: lo_convert.py JOBS.json

JOBS.json is a list of {"src", "dst", "filter", "password" (or null), "saved" (ISO datetime)}.
One headless LibreOffice is started for all jobs and driven through UNO, because
`soffice --convert-to` cannot set a password in LibreOffice 7.x. The document's creation and
modification times are set to `saved` before storing, so the files carry dates from the story,
not from the day the script ran.

Needs a Python with the `uno` module (Debian/Ubuntu: the python3-uno package, used with
/usr/bin/python3). make_submissions.py finds one and runs this script with it.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.util import DateTime


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def uno_datetime(iso):
    d = DateTime()
    date, clock = iso.split("T")
    d.Year, d.Month, d.Day = (int(x) for x in date.split("-"))
    d.Hours, d.Minutes, d.Seconds = (int(x) for x in clock.split(":"))
    return d


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    for _ in range(120):
        try:
            return resolver.resolve(url)
        except Exception:  # noqa: BLE001 - LibreOffice is still starting
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def main(jobs_path):
    with open(jobs_path, encoding="utf-8") as f:
        jobs = json.load(f)
    profile = tempfile.mkdtemp(prefix="baocao-lo-")
    port = free_port()
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(port)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        for job in jobs:
            src = uno.systemPathToFileUrl(os.path.abspath(job["src"]))
            doc = desktop.loadComponentFromURL(src, "_blank", 0, (prop("Hidden", True),))
            props = doc.DocumentProperties
            saved = uno_datetime(job["saved"])
            props.CreationDate = saved
            props.ModificationDate = saved
            props.PrintDate = DateTime()
            props.EditingDuration = 0
            props.EditingCycles = 1
            args = [prop("FilterName", job["filter"])]
            if job.get("password"):
                args.append(prop("Password", job["password"]))
            dst = uno.systemPathToFileUrl(os.path.abspath(job["dst"]))
            doc.storeToURL(dst, tuple(args))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as LibreOffice exits
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
