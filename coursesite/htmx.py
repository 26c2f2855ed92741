"""The one question every htmx-enhanced view asks of a request."""

from __future__ import annotations

from django.http import HttpRequest


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request that swaps a fragment; a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
