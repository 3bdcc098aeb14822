"""Dispatch the ``mamori`` console command.

The machine interfaces (``appi assess``, ``pii detect``, ``scan``, ``mail check``,
``audit check-programme``, ``ledger check``) run without Django settings so that they start fast and need
no database; every other sub-command is a Django management command (``mamori demo``,
``mamori runperiodic``, ``mamori migrate`` ...).
"""

from __future__ import annotations

import importlib
import os
import sys

# (argv prefix, "module:function") of the commands that run without Django.
STANDALONE: list[tuple[tuple[str, ...], str]] = [
    (("appi", "assess"), "mamori.incidents.assess:main"),
    (("pii", "detect"), "mamori.pii.cli:detect_main"),
    (("scan",), "mamori.pii.scan:main"),
    (("mail", "check"), "mamori.mailguard.check:main"),
    (("audit", "check-programme"), "mamori.audits.check:main"),
    (("ledger", "check"), "mamori.ledger.check:main"),
]


def _standalone(argv: list[str]) -> tuple[str, list[str]] | None:
    for prefix, target in STANDALONE:
        if tuple(argv[: len(prefix)]) == prefix:
            return target, argv[len(prefix) :]
    return None


def main(argv: list[str] | None = None) -> int:
    """Run one ``mamori`` sub-command and return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    found = _standalone(args)
    if found:
        target, rest = found
        module_name, func_name = target.split(":")
        func = getattr(importlib.import_module(module_name), func_name)
        return int(func(rest) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mamori.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mamori", *args] if args else ["mamori", "help"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
