"""What makes an acceptable passphrase, and a rough strength estimate to show while typing."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

MIN_LENGTH = 10
_COMMON = {"password", "passphrase", "letmein", "qwerty", "123456", "circles", "welcome", "changeme"}


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) .. 4 (strong)
    label: str
    bits: float


def estimate(passphrase: str) -> Strength:
    """Entropy from length and character classes, heavily discounted for repeats and common words."""
    if not passphrase:
        return Strength(0, "Empty", 0.0)
    pool = 0
    for chars, size in (
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ):
        if any(c in chars for c in passphrase):
            pool += size
    if any(ord(c) > 127 for c in passphrase):
        pool += 100
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    if any(word in passphrase.lower() for word in _COMMON):
        bits /= 2
    score = 0 if bits < 28 else 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    label = ["Very weak", "Weak", "Fair", "Good", "Strong"][score]
    return Strength(score, label, bits)


def problem(passphrase: str, confirmation: str | None = None) -> str | None:
    """Why this passphrase cannot be used, or None if it can."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters; a few unrelated words are easy to remember."
    if passphrase.strip() != passphrase:
        return "The passphrase begins or ends with a space; remove it so it is not mistyped later."
    if estimate(passphrase).score < 2:
        return "That passphrase is too easy to guess. Add another word or two."
    if confirmation is not None and confirmation != passphrase:
        return "The two passphrases do not match."
    return None
