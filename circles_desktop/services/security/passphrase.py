"""What makes an acceptable passphrase, judged by zxcvbn (Dropbox's estimator, as KeePassXC uses).

zxcvbn estimates how many guesses an attacker who knows common passwords, names, words, keyboard
patterns, dates and "l33t" substitutions would need. A passphrase must reach its top score (at least
10^10 guesses): the database key is stretched with scrypt, but these are records that would do real
harm if they leaked, and three unrelated words already reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

MIN_LENGTH = 10
REQUIRED_SCORE = 4  # zxcvbn's scores run 0..4; 4 is "very unguessable" (10^10 guesses or more)
LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"]
# Words an attacker would try first against this app's databases.
APP_WORDS = ["circles", "desktop", "circles desktop", "cosa", "coordinator", "circle", "passphrase"]
# zxcvbn's cost grows with length; past this many characters a passphrase is long enough that only
# the part zxcvbn looks at matters (and the score is then already the highest for any real phrase).
ZXCVBN_LIMIT = 100


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) .. 4 (strong)
    label: str
    bits: float
    warning: str = ""  # zxcvbn's reason, in its words ("This is a very common password.")
    suggestion: str = ""  # zxcvbn's first suggestion ("Add another word or two…")


@lru_cache(maxsize=64)  # the wizard asks on every keystroke, and again for the same text on commit
def estimate(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0, "Empty", 0.0)
    from zxcvbn import zxcvbn  # loads its word lists on first use, not at start-up

    result = zxcvbn(passphrase[:ZXCVBN_LIMIT], user_inputs=APP_WORDS)
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    suggestions = feedback.get("suggestions") or []
    return Strength(
        score=score,
        label=LABELS[score],
        bits=float(result["guesses_log10"]) * 3.3219,  # log2(10): guesses as bits of entropy
        warning=str(feedback.get("warning") or ""),
        suggestion=str(suggestions[0]) if suggestions else "",
    )


def _too_guessable(strength: Strength) -> str:
    why = strength.warning or "A passphrase like this is among the first an attacker would try."
    advice = strength.suggestion or "Add another word or two; unrelated words are best."
    return f"That passphrase is too easy to guess. {why} {advice}"


def problem(passphrase: str, confirmation: str | None = None) -> str | None:
    """Why this passphrase cannot be used, or None if it can."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters; a few unrelated words are easy to remember."
    if passphrase.strip() != passphrase:
        return "The passphrase begins or ends with a space; remove it so it is not mistyped later."
    strength = estimate(passphrase)
    if strength.score < REQUIRED_SCORE:
        return _too_guessable(strength)
    if confirmation is not None and confirmation != passphrase:
        return "The two passphrases do not match."
    return None
