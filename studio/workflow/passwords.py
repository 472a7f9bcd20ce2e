"""Password hashing with scrypt and a salt of its own per user; the parameters travel with the hash."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os

from studio.errors import ValidationError

_N, _R, _P = 2**14, 8, 1
MIN_LENGTH = 8


def _bytes(password: str) -> bytes:
    # A password from the environment may hold bytes that are not UTF-8 (lone surrogates in Python): kept as
    # they are, so such a password is checked like any other instead of failing with a traceback.
    return password.encode("utf-8", "surrogateescape")


def check_new_password(password: str) -> None:
    """Refuse a password too short to choose, or made of blanks only (eight spaces are not a secret)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"a password needs at least {MIN_LENGTH} characters")
    if not password.strip():
        raise ValidationError("a password cannot be only spaces or other blank characters")


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash`, all that is needed to check the password later."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(_bytes(password), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(_bytes(password), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def verify_sign_in(password: str, stored: str | None) -> bool:
    """Check a password for a sign-in; `stored` is None when no user has the name given.

    An unknown name costs the same scrypt as a known one (against a hash no password matches): answering
    faster would tell anyone timing the sign-in which user names exist."""
    if stored is None:
        verify_password(password, _unmatchable_hash())
        return False
    return verify_password(password, stored)


@functools.cache
def _unmatchable_hash() -> str:
    # Made once per process, from random bytes nobody knows, with the parameters of every new hash.
    return hash_password(base64.b64encode(os.urandom(24)).decode("ascii"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
