#!/usr/bin/env python
"""Django's command-line utility for administrative tasks (same as the ``mamori`` command)."""

import sys

from mamori.cli import main

if __name__ == "__main__":
    sys.exit(main())
