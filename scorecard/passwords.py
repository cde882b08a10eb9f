"""Password hashes: scrypt (memory-hard), the salt and the cost parameters kept in the hash string.

A hash reads ``scrypt$<n>$<r>$<p>$<salt b64>$<key b64>``: raising the cost later still verifies the
older hashes, each with its own parameters.  Comparison is constant-time (``hmac.compare_digest``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# 2**14 × 8 × 128 bytes = 16 MiB of memory per hash: slow for a GPU farm, ~50 ms here
N, R, P = 2**14, 8, 1
KEY_BYTES = 32
SALT_BYTES = 16
MAXMEM = 64 * 1024 * 1024


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAXMEM, dklen=KEY_BYTES)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    salt = os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, N, R, P)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``.  A missing or malformed hash still costs one scrypt,
    so timing does not tell an unknown user (or one without a password) from a wrong password."""
    try:
        scheme, n, r, p, salt, key = (stored or "").split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        expected = base64.b64decode(key)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        _scrypt(password, b"\0" * SALT_BYTES, N, R, P)
        return False
    return hmac.compare_digest(actual, expected)
