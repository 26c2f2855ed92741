#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

In a development checkout it first reads the `.env` that `make run` wrote
(coursesite/envfile.py says when, and why only here). A missing or wrong setting is
one line on stderr naming what to set, and exit status 2, not a traceback
(`--traceback` shows it).
"""

import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from coursesite.envfile import read_env_file

    read_env_file()
    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        if "--traceback" in sys.argv:
            raise
        sys.stderr.write(f"{Path(sys.argv[0]).name}: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
