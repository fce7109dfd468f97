"""API token format and hashing: `wt_<prefix>_<secret>`; only the SHA-256 of the whole key is stored."""

from __future__ import annotations

import hashlib
import secrets

PREFIX_LENGTH = 8


def token_generate() -> str:
    return f"wt_{secrets.token_hex(PREFIX_LENGTH // 2)}_{secrets.token_urlsafe(32)}"


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_prefix(key: str) -> str:
    parts = key.split("_")
    return parts[1] if len(parts) >= 3 and parts[0] == "wt" else ""
