"""Compiles the translation catalogues: each locale/<lang>/LC_MESSAGES/*.po to the
.mo file Django reads, when the .mo is missing or older than its .po.

`make install` runs it (python -m coursesite.catalogues), and so does the test run
(tests/conftest.py). polib writes .mo files in pure Python, so a newcomer needs no
GNU gettext to get the site in every language; only `makemessages`, which a
translator runs, needs it. The .mo files are build products, ignored by git: the
.po is the one source, so no compiled copy can lag behind it or conflict in a merge.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile each stale catalogue under `locale_dir`; returns the .mo files written."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        # Written beside, then renamed: a server reading the old file never sees half a
        # new one. The name is this process's, so two compiling at once (test workers)
        # never write into one partial file.
        partial = mo.with_suffix(f".mo.{os.getpid()}.tmp")
        polib.pofile(str(po)).save_as_mofile(str(partial))
        partial.replace(mo)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"Compiled {path.relative_to(LOCALE_DIR.parent)}", file=sys.stderr)
