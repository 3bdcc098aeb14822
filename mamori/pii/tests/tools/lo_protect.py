"""Save documents with an opening password through LibreOffice (UNO), as a user would from its dialog.

Run with Debian's ``/usr/bin/python3`` (it has the ``uno`` module of package python3-uno), not the venv:
``python3 lo_protect.py PASSWORD OUTDIR FILTER:EXT SOURCE...``, e.g. ``"MS Excel 97:xls" roster.xlsx``.
"""

import os
import subprocess
import sys
import tempfile
import time

import uno  # noqa: I001 - provided by python3-uno, outside the project's environment
from com.sun.star.beans import PropertyValue


def prop(name, value):
    """Return a UNO PropertyValue."""
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(pipe):
    """Return LibreOffice's Desktop once the headless instance accepts connections."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # noqa: BLE001 - NoConnectException until soffice is up
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def main():
    """Save each source in the target format with the password."""
    password, outdir, target = sys.argv[1:4]
    filter_name, ext = target.rsplit(":", 1)
    profile = tempfile.mkdtemp(prefix="lo-uno-")
    pipe = f"mamori{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        desktop = connect(pipe)
        for source in sys.argv[4:]:
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
            )
            stem = os.path.splitext(os.path.basename(source))[0]
            target_url = uno.systemPathToFileUrl(os.path.abspath(os.path.join(outdir, f"{stem}.{ext}")))
            doc.storeToURL(target_url, (prop("FilterName", filter_name), prop("Password", password)))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception as exc:  # noqa: BLE001 - the bridge drops as soffice exits
            print(f"lo_protect: {type(exc).__name__} while closing LibreOffice", file=sys.stderr)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
