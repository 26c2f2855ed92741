"""A test LTI 1.3 platform: real keys, real signatures, a real HTTP server on
127.0.0.1 (no network), for every LMS test to import.

    platform = TestPlatform()            # an RSA key pair (jwcrypto), kid "platform-1"
    platform.start()                     # serves its JWKS (and any route) on 127.0.0.1
    platform.register()                  # LtiRegistration + active LtiDeployment here
    response = platform.launch(client, sub="u1", roles=[LEARNER])   # OIDC login + launch
    ...
    platform.stop()

Or use the `platform` fixture of tests/lms/conftest.py, which does all of that (and
makes the tool's own signing key) around a test.

What it offers:
- `jwks()`: its public key set, as its server serves it at `keyset_url`;
- `claims(**overrides)`: the claims of a resource-link launch (a user, a context,
  roles, a resource link), any of them replaced or dropped (value None);
- `id_token(claims, *, key=None, headers=None)`: those claims signed RS256 with its
  key (or `key`, e.g. `TestPlatform.new_key()`, which its key set does not hold);
  `unsigned_token(claims)` makes an `alg: none` one;
- `login(client)`: the OIDC third-party login against the tool; returns a
  `Login` (state, nonce, the redirect's query) and leaves the state cookie in the
  client, as a browser would;
- `launch(client, **claim_overrides)`: login, then a POST of a signed id_token to the
  tool's launch URL, as the platform's auto-submitted form would; returns the
  response. `post_launch(client, id_token, state)` posts a token you built yourself;
- `routes`: add endpoints for NRPS, AGS and the like:
  `platform.routes[("GET", "/nrps")] = lambda request: (200, {...})` (a str body is
  served as HTML, anything else as JSON); every request
  the server receives is in `platform.requests` (method, path, headers, JSON body);
  "/token" answers OAuth2 client-credentials requests with a bearer token and
  records the assertion the tool signed (check it against the tool's JWKS).
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse
from jwcrypto import jwk, jwt
from lti_tool.models import LtiDeployment, LtiRegistration

ISSUER = "https://lms.example.test"
CLIENT_ID = "course-site"
DEPLOYMENT_ID = "deployment-1"
CONTEXT_ID = "course-101"
RESOURCE_LINK_ID = "link-1"

MESSAGE_TYPE = "https://purl.imsglobal.org/spec/lti/claim/message_type"
VERSION = "https://purl.imsglobal.org/spec/lti/claim/version"
DEPLOYMENT = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
TARGET_LINK_URI = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri"
RESOURCE_LINK = "https://purl.imsglobal.org/spec/lti/claim/resource_link"
CONTEXT = "https://purl.imsglobal.org/spec/lti/claim/context"
ROLES = "https://purl.imsglobal.org/spec/lti/claim/roles"
LAUNCH_PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
INSTRUCTOR = f"{MEMBERSHIP}#Instructor"
TEACHING_ASSISTANT = f"{MEMBERSHIP}/Instructor#TeachingAssistant"
CONTENT_DEVELOPER = f"{MEMBERSHIP}#ContentDeveloper"
LEARNER = f"{MEMBERSHIP}#Learner"
MENTOR = f"{MEMBERSHIP}#Mentor"
SYSTEM_ADMINISTRATOR = "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"
INSTITUTION_ADMINISTRATOR = (
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"
)

_KEYS: dict[str, jwk.JWK] = {}


def rsa_key(kid: str) -> jwk.JWK:
    """An RSA key pair with this kid, made once per test run (2048-bit keys are slow)."""
    if kid not in _KEYS:
        _KEYS[kid] = jwk.JWK.generate(kty="RSA", size=2048, kid=kid, alg="RS256", use="sig")
    return _KEYS[kid]


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    headers: dict
    body: object


@dataclass
class Login:
    """What the tool's OIDC login redirect told the platform."""

    state: str
    nonce: str
    redirect_uri: str
    params: dict


Handler = Callable[[Recorded], tuple[int, object]]


@dataclass
class TestPlatform:
    issuer: str = ISSUER
    client_id: str = CLIENT_ID
    deployment_id: str = DEPLOYMENT_ID
    kid: str = "platform-1"
    routes: dict[tuple[str, str], Handler] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)

    __test__ = False  # not a pytest class

    def __post_init__(self) -> None:
        self.key = rsa_key(self.kid)
        self._server: ThreadingHTTPServer | None = None
        self.routes.setdefault(("GET", "/jwks"), lambda request: (200, self.jwks()))
        self.routes.setdefault(("POST", "/token"), self._token)
        self.tokens_issued: list[dict] = []

    # -- keys

    @staticmethod
    def new_key(kid: str = "stranger") -> jwk.JWK:
        """A key the platform's key set does not hold."""
        return rsa_key(kid)

    def jwks(self) -> dict:
        return {"keys": [json.loads(self.key.export_public())]}

    # -- the local server

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the platform first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def keyset_url(self) -> str:
        return f"{self.url}/jwks"

    @property
    def auth_url(self) -> str:
        # Never fetched: the test client stops at the redirect to it.
        return f"{self.issuer}/auth"

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    def start(self) -> TestPlatform:
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                content_type = self.headers.get("Content-Type", "")
                if "json" in content_type and raw:
                    body = json.loads(raw)
                elif raw:
                    body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                else:
                    body = None
                recorded = Recorded(
                    self.command, parts.path, parse_qs(parts.query), dict(self.headers), body
                )
                platform.requests.append(recorded)
                route = platform.routes.get((self.command, parts.path))
                status, payload = route(recorded) if route else (404, {"error": "no route"})
                # A page (a str) as HTML, anything else as JSON.
                html = isinstance(payload, str)
                data = payload.encode() if html else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html" if html else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _token(self, request: Recorded) -> tuple[int, object]:
        token = {"access_token": uuid.uuid4().hex, "token_type": "Bearer", "expires_in": 3600}
        self.tokens_issued.append({"request": request.body, **token})
        return 200, {**token, "scope": (request.body or {}).get("scope", "")}

    # -- registration on the tool

    def register(self, *, active: bool = True, deployment_active: bool = True) -> LtiRegistration:
        """This platform registered on the tool, with its deployment (as a superuser
        would in the admin)."""
        registration = LtiRegistration.objects.create(
            name="Test LMS",
            issuer=self.issuer,
            client_id=self.client_id,
            auth_url=self.auth_url,
            token_url=self.token_url,
            keyset_url=self.keyset_url,
            is_active=active,
        )
        LtiDeployment.objects.create(
            registration=registration,
            deployment_id=self.deployment_id,
            is_active=deployment_active,
        )
        return registration

    # -- tokens

    def claims(self, **overrides) -> dict:
        """A resource-link launch's claims; `overrides` replace (None: drop) any claim,
        and these short names set the usual ones: sub, name, given_name,
        family_name, email, roles, context_id, context_title, context_label,
        resource_link_id, nonce."""
        now = int(time.time())
        short = {
            "roles": overrides.pop("roles", [LEARNER]),
            "context_id": overrides.pop("context_id", CONTEXT_ID),
            "context_title": overrides.pop("context_title", "Geography 101"),
            "context_label": overrides.pop("context_label", "GEO101"),
            "resource_link_id": overrides.pop("resource_link_id", RESOURCE_LINK_ID),
        }
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": "user-1",
            "iat": now,
            "exp": now + 300,
            "nonce": uuid.uuid4().hex,
            "name": "Ada Lovelace",
            "given_name": "Ada",
            "family_name": "Lovelace",
            "email": "ada@lms.example.test",
            MESSAGE_TYPE: "LtiResourceLinkRequest",
            VERSION: "1.3.0",
            DEPLOYMENT: self.deployment_id,
            TARGET_LINK_URI: "http://testserver" + reverse("lms:launch"),
            RESOURCE_LINK: {"id": short["resource_link_id"], "title": "Course site"},
            CONTEXT: {
                "id": short["context_id"],
                "title": short["context_title"],
                "label": short["context_label"],
                "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
            },
            ROLES: short["roles"],
        }
        for name, value in overrides.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        return claims

    def deep_linking_claims(self, **overrides) -> dict:
        """A deep-linking request's claims (an instructor adding the tool)."""
        data = overrides.pop("dl_data", None)
        claims = self.claims(roles=overrides.pop("roles", [INSTRUCTOR]), **overrides)
        claims.pop(RESOURCE_LINK, None)
        claims[MESSAGE_TYPE] = "LtiDeepLinkingRequest"
        claims[DEEP_LINKING_SETTINGS] = {
            "deep_link_return_url": f"{self.issuer}/deep_links",
            "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["iframe", "window"],
            "accept_multiple": False,
            # The platform's opaque value, to be echoed in the response.
            **({"data": data} if data is not None else {}),
        }
        return claims

    def id_token(
        self, claims: dict, *, key: jwk.JWK | None = None, headers: dict | None = None
    ) -> str:
        key = key or self.key
        header = {"alg": "RS256", "kid": key.get("kid"), "typ": "JWT", **(headers or {})}
        token = jwt.JWT(header=header, claims=claims)
        token.make_signed_token(key)
        return token.serialize()

    def unsigned_token(self, claims: dict) -> str:
        """An `alg: none` token naming the platform's kid: signed by nobody."""

        def part(value: dict) -> str:
            return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

        return f"{part({'alg': 'none', 'kid': self.kid, 'typ': 'JWT'})}.{part(claims)}."

    # -- the browser's round trip

    def login(self, client, *, secure: bool = False, **extra) -> Login:
        """OIDC third-party-initiated login, as the platform starts it (`extra`: more
        or other login parameters)."""
        params = {
            "iss": self.issuer,
            "client_id": self.client_id,
            "login_hint": "user-1",
            "lti_message_hint": "hint",
            "target_link_uri": "http://testserver" + reverse("lms:launch"),
            "lti_deployment_id": self.deployment_id,
            **extra,
        }
        response = client.get(reverse("lms:login"), params, secure=secure)
        assert response.status_code == 302, response.content
        location = urlsplit(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == self.auth_url
        query = {k: v[0] for k, v in parse_qs(location.query).items()}
        return Login(query["state"], query["nonce"], query["redirect_uri"], query)

    def post_launch(self, client, id_token: str, state: str, **extra):
        return client.post(reverse("lms:launch"), {"id_token": id_token, "state": state}, **extra)

    def launch(
        self, client, *, key: jwk.JWK | None = None, deep_linking: bool = False, **overrides
    ):
        """Login, then the launch: the response to the platform's form post."""
        login = self.login(client)
        build = self.deep_linking_claims if deep_linking else self.claims
        claims = build(nonce=login.nonce, **overrides)
        return self.post_launch(client, self.id_token(claims, key=key), login.state)
