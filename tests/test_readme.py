"""What the README tells an operator to paste holds what the site needs."""

from __future__ import annotations

import re

from django.conf import settings

from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
UNITS = {"k": 1024, "m": 1024**2, "kib": 1024, "mib": 1024**2, "kb": 1000, "mb": 1000**2}


def _bytes(amount: str, unit: str) -> int:
    return int(amount) * UNITS[unit.lower()]


def _blocks() -> list[str]:
    """The README's fenced code blocks."""
    blocks, current = [], None
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def _block(containing: str) -> str:
    """The fenced block of the README that contains `containing`."""
    (block,) = [block for block in _blocks() if containing in block]
    return block


def test_caddy_limits_request_bodies_as_nginx_does():
    nginx = re.search(r"client_max_body_size (\d+)(\w+);", _block("server_name")).groups()
    caddy = re.search(r"request_body \{\s*max_size (\d+)(\w+)\s*\}", _block("reverse_proxy 127"))
    assert caddy, "the Caddy block sets no request-body limit"
    assert _bytes(*caddy.groups()) == _bytes(*nginx)
    # Room for the largest notes file the site takes, and its multipart wrapping.
    assert _bytes(*nginx) > settings.NOTES_MAX_BYTES
