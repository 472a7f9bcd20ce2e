"""Where the portal is and the token Studio uses on it, kept as `studio.mt.config` keeps engine settings:

- a settings file (`portal.json` in the user's configuration folder, or `STUDIO_PORTAL_CONFIG`): the portal's
  address and, where the portal's certificate is signed by a private authority, the CA bundle to trust;
- the system keyring for the token, or, on a machine without a keyring backend, this process's memory when the
  user chose "for this session only": a token is never written to a file, a log or a message;
- environment variables `STUDIO_PORTAL_URL` and `STUDIO_PORTAL_TOKEN`, which override both (scripts, CI, `make run`),
  and `STUDIO_PORTAL_CA_BUNDLE`.

TLS verification is always on: `verify` is the CA bundle's path or True, never False, and the HTTP layer ignores
`REQUESTS_CA_BUNDLE` and `CURL_CA_BUNDLE`. Plain http is accepted only for a portal on this computer (the reference
portal of `studio portal serve`).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import user_config_dir

from studio.settings_file import read_settings, write_settings
from studio.sync.errors import PortalNotConfigured

KEYRING_SERVICE = "studio-portal"
URL_ENV, TOKEN_ENV, CA_ENV, CONFIG_ENV = ("STUDIO_PORTAL_URL", "STUDIO_PORTAL_TOKEN", "STUDIO_PORTAL_CA_BUNDLE",
                                          "STUDIO_PORTAL_CONFIG")
_LOOPBACK_NAMES = frozenset({"localhost"})


def normalized_url(url: str) -> str:
    """The portal's base address as Studio keeps it: scheme and host lower-case, no trailing slash, no query.

    Refused: anything but http(s), credentials in the address, and plain http to another computer (a token would
    cross the network in clear)."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PortalNotConfigured(f"{text!r} is not a portal address: use https://host[:port] (or "
                                  "http://127.0.0.1:PORT for a portal on this computer)")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise PortalNotConfigured("give the portal's address without a user, password, query or fragment; the "
                                  "token is asked for apart")
    if parts.scheme.lower() == "http" and not is_loopback(parts.hostname):
        raise PortalNotConfigured(f"{parts.hostname} is not this computer: a portal elsewhere must be reached "
                                  "over https, so that the token never crosses the network in clear")
    netloc = parts.netloc.lower()
    return f"{parts.scheme.lower()}://{netloc}{parts.path.rstrip('/')}"


def is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class TokenStore:
    """Portal tokens in the system keyring when it has a backend, else (when allowed) in memory only; one per
    portal address."""

    def __init__(self) -> None:
        self._session: dict[str, str] = {}

    @property
    def has_keyring(self) -> bool:
        """Whether a real keyring backend is there (a headless machine often has none)."""
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0

    def get(self, url: str) -> str | None:
        if url in self._session:
            return self._session[url]
        if not self.has_keyring:
            return None
        import keyring

        return keyring.get_password(KEYRING_SERVICE, url)

    def put(self, url: str, token: str, *, session_only: bool = False) -> None:
        if session_only:
            self._session[url] = token
            return
        if not self.has_keyring:
            raise PortalNotConfigured("this computer has no keyring to keep the token in; keep it for this session "
                                      f"only, or set {TOKEN_ENV} in the environment")
        import keyring

        self._session.pop(url, None)
        if token:
            keyring.set_password(KEYRING_SERVICE, url, token)
        elif keyring.get_password(KEYRING_SERVICE, url) is not None:
            keyring.delete_password(KEYRING_SERVICE, url)


@dataclass(frozen=True)
class Connection:
    """Everything needed to reach the portal: plain values, safe to hand to a worker thread (the token is never
    shown: `repr` leaves it out)."""

    url: str
    token: str
    verify: str | bool = True
    connect_timeout: float = 5.0
    read_timeout: float = 30.0

    def __repr__(self) -> str:
        return f"Connection(url={self.url!r}, token=[hidden], verify={self.verify!r})"


class PortalSettings:
    """The portal settings of this user on this machine (see the module's docstring)."""

    def __init__(self, path: Path | None = None, env: Mapping[str, str] | None = None,
                 tokens: TokenStore | None = None) -> None:
        self.env = os.environ if env is None else env
        configured = self.env.get(CONFIG_ENV)
        self.path = path or (Path(configured) if configured else Path(user_config_dir("Studio")) / "portal.json")
        self.tokens = tokens or TokenStore()
        self._data = self._read()

    def _read(self) -> dict[str, Any]:
        return read_settings(self.path, "portal settings", PortalNotConfigured)

    def _write(self) -> None:
        write_settings(self.path, self._data)

    @property
    def url(self) -> str:
        """The portal's address ("" when none is set up); the environment's over the file's."""
        raw = self.env.get(URL_ENV) or str(self._data.get("url") or "")
        return normalized_url(raw) if raw else ""

    @property
    def ca_bundle(self) -> str | None:
        raw = self.env.get(CA_ENV) or self._data.get("ca_bundle")
        return str(raw) if raw else None

    def has_token(self) -> bool:
        """Whether a token is set up, without reading the keyring when the environment or this session has one
        (a keyring may be slow, or ask to be unlocked)."""
        url = self.url
        return bool(self.env.get(TOKEN_ENV)) or (bool(url) and url in self.tokens._session) or bool(
            url and url in self._data.get("in_keyring", []))

    def token(self) -> str:
        url = self.url
        token = self.env.get(TOKEN_ENV) or (self.tokens.get(url) if url else None)
        if not token:
            raise PortalNotConfigured(f"no token for the portal {url or '(none set up)'}: run 'studio portal connect "
                                      f"URL', or set {TOKEN_ENV}")
        return token

    def connect(self, url: str, token: str | None, *, ca_bundle: str | None = None,
                session_only: bool = False) -> str:
        """Remember the portal's address (and CA bundle) in the file and its token in the keyring (or, with
        `session_only`, in this process's memory). Returns the normalized address."""
        address = normalized_url(url)
        if ca_bundle is not None:
            if ca_bundle and not Path(ca_bundle).is_file():
                raise PortalNotConfigured(f"{ca_bundle}: no such CA bundle file")
            self._data["ca_bundle"] = ca_bundle or None
        if token is not None:
            self.tokens.put(address, token, session_only=session_only)
            kept = set(self._data.get("in_keyring", []))
            if not session_only:
                (kept.add if token else kept.discard)(address)
            self._data["in_keyring"] = sorted(kept)
        self._data["url"] = address
        self._write()
        return address

    def connection(self) -> Connection:
        """The address, token and TLS settings to use now; a clear error when something is missing."""
        url = self.url
        if not url:
            raise PortalNotConfigured(f"no portal is set up: run 'studio portal connect URL', or set {URL_ENV}")
        bundle = self.ca_bundle
        if bundle and not Path(bundle).is_file():
            raise PortalNotConfigured(f"{bundle}: the portal's CA bundle is not there")
        return Connection(url, self.token(), bundle or True)
