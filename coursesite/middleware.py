"""Two small middlewares: what the site accepts, and what every page may be kept as.

`utf8_only` refuses a request that declares a charset other than UTF-8. The site's
pages and forms are UTF-8 only, and no browser sends anything else for them; but
Django decodes a request with whatever charset it names, so "charset=latin-1" or
"utf-16" got Django's 400 with a logged traceback, and a multipart body in
"rot13", "base64" or "idna" a 500. Latin-1 is a real charset, but Django's own
form parser refuses it (form data is UTF-8, RFC 1866), so it is refused like the
others, with one plain answer and no traceback. A URL with a query string and
such a codec fails while Django builds the request, before any middleware runs:
`utf8_only_wsgi` wraps the WSGI application with the same check for that.

`private_by_default` marks every dynamic response that set no Cache-Control of
its own `private, no-store`: almost every page shows someone's progress, answers
or account, and a page that forgets to say so must not be kept by a shared cache
or the browser's history on a shared computer. Static files never get here:
WhiteNoise, earlier in MIDDLEWARE, answers them with their own far-future caching.
It also adds `Cross-Origin-Resource-Policy: same-origin`, so that no other site can
load the site's pages or data into its own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control
from django.utils.http import parse_header_parameters

Middleware = Callable[[HttpRequest], HttpResponse]


NOT_UTF8 = "This site accepts UTF-8 only.\n"


def declares_other_charset(content_type: str) -> bool:
    """Whether a Content-Type header names a charset other than UTF-8."""
    _content_type, params = parse_header_parameters(content_type or "")
    charset = params.get("charset")
    return charset is not None and charset.strip().lower() != "utf-8"


def utf8_only(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        # Checked before anything reads request.GET or request.POST, which decode
        # with the declared charset.
        if declares_other_charset(request.META.get("CONTENT_TYPE", "")):
            return HttpResponseBadRequest(NOT_UTF8, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware


def utf8_only_wsgi(application):
    """The same refusal around the WSGI application: with a query string, Django
    decodes it with the declared charset while it builds the request, before any
    middleware runs, so a codec such as "rot13" would be a 500 there."""

    def app(environ, start_response):
        if declares_other_charset(environ.get("CONTENT_TYPE", "")):
            body = NOT_UTF8.encode()
            start_response(
                "400 Bad Request",
                [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return application(environ, start_response)

    return app


def private_by_default(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware
