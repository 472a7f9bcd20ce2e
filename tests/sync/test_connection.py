"""The portal's address, token and TLS: settings and environment, the keyring or this session only, certificates
always verified whatever the environment says, and the token kept out of every text."""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from studio.sync.config import Connection, PortalSettings, TokenStore, normalized_url
from studio.sync.errors import PortalNotConfigured, PortalRefused
from studio.sync.http import PortalHttp
from studio.sync.target import PortalTarget


class _NoKeyring(TokenStore):
    @property
    def has_keyring(self) -> bool:
        return False


class _MemoryKeyring(TokenStore):
    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[str, str] = {}

    @property
    def has_keyring(self) -> bool:
        return True

    def get(self, url: str) -> str | None:
        return self._session.get(url) or self.saved.get(url)

    def put(self, url: str, token: str, *, session_only: bool = False) -> None:
        if session_only:
            self._session[url] = token
        else:
            self.saved[url] = token


def test_the_address_goes_to_the_file_and_the_token_to_the_keyring(tmp_path):
    keyring = _MemoryKeyring()
    settings = PortalSettings(tmp_path / "portal.json", env={}, tokens=keyring)
    assert settings.connect("HTTPS://Portal.Example.gov.cn:8443/", "rpt_secret") == "https://portal.example.gov.cn:8443"
    stored = json.loads((tmp_path / "portal.json").read_text())
    assert stored["url"] == "https://portal.example.gov.cn:8443" and "rpt_secret" not in json.dumps(stored)
    again = PortalSettings(tmp_path / "portal.json", env={}, tokens=keyring)
    connection = again.connection()
    assert (connection.url, connection.token, connection.verify) == ("https://portal.example.gov.cn:8443",
                                                                     "rpt_secret", True)
    assert "rpt_secret" not in repr(connection)


def test_the_environment_overrides_the_address_and_the_token(tmp_path):
    keyring = _MemoryKeyring()
    PortalSettings(tmp_path / "portal.json", env={}, tokens=keyring).connect("https://a.example", "from-keyring")
    env = {"STUDIO_PORTAL_URL": "http://127.0.0.1:8765", "STUDIO_PORTAL_TOKEN": "from-env",
           "STUDIO_PORTAL_CONFIG": str(tmp_path / "portal.json")}
    connection = PortalSettings(env=env, tokens=keyring).connection()
    assert (connection.url, connection.token) == ("http://127.0.0.1:8765", "from-env")


def test_without_a_keyring_a_token_is_kept_for_this_session_only_or_refused(tmp_path):
    settings = PortalSettings(tmp_path / "portal.json", env={}, tokens=_NoKeyring())
    with pytest.raises(PortalNotConfigured, match="no keyring.*STUDIO_PORTAL_TOKEN"):
        settings.connect("https://portal.example", "t")
    settings.connect("https://portal.example", "session-token", session_only=True)
    assert settings.token() == "session-token" and settings.has_token()
    assert "session-token" not in (tmp_path / "portal.json").read_text()
    with pytest.raises(PortalNotConfigured, match="no token for the portal https://portal.example"):
        PortalSettings(tmp_path / "portal.json", env={}, tokens=_NoKeyring()).connection()


@pytest.mark.parametrize(("url", "said"), [
    ("http://portal.example.gov.cn", "must be reached over https"),
    ("ftp://portal.example", "not a portal address"),
    ("https://user:pw@portal.example", "without a user"),
    ("https://portal.example/?token=x", "without a user, password, query"),
])
def test_addresses_that_would_expose_a_token_are_refused(url, said):
    with pytest.raises(PortalNotConfigured, match=said):
        normalized_url(url)


def test_plain_http_is_for_a_portal_on_this_computer_only():
    assert normalized_url("http://localhost:8765/") == "http://localhost:8765"
    assert normalized_url("http://[::1]:8765") == "http://[::1]:8765"


def test_tls_verification_cannot_be_turned_off():
    with pytest.raises(ValueError, match="cannot be turned off"):
        PortalHttp(Connection("https://portal.example", "t", verify=False))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a private certificate authority would sign one."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "portal.pem", folder / "portal.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class _Capabilities(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"api_version": "1", "locales": [], "channels": ["portal"], "max_release_items": 1,
                           "max_asset_bytes": 1}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def https_portal(certificate) -> Iterator[str]:
    cert, key = certificate
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capabilities)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_untrusted_certificate_is_refused_whatever_the_environment_says(https_portal, certificate, monkeypatch):
    cert, _ = certificate
    # requests would take these from the environment: neither may trust the certificate, nor turn checking off.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    target = PortalTarget(PortalHttp(Connection(https_portal, "t0ken")))
    with pytest.raises(PortalRefused, match="TLS certificate could not be verified.*--ca-bundle"):
        target.check()
    target.close()


def test_the_ca_bundle_set_for_the_portal_is_the_one_trusted(https_portal, certificate, tmp_path, monkeypatch):
    cert, _ = certificate
    monkeypatch.setenv("CURL_CA_BUNDLE", "/nonexistent")
    settings = PortalSettings(tmp_path / "portal.json", env={"STUDIO_PORTAL_TOKEN": "t0ken"}, tokens=_NoKeyring())
    settings.connect(https_portal, None, ca_bundle=str(cert))
    connection = settings.connection()
    assert connection.verify == str(cert)
    target = PortalTarget(PortalHttp(connection))
    assert target.check()["channels"] == ["portal"]
    target.close()
