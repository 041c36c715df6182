"""Russian or Ukrainian, told by the letters only one of them has: the draft and the
extractor both look at an article's body this way (each with its own rule for a tie)."""

UKRAINIAN_ONLY = "іїєґ"
RUSSIAN_ONLY = "ыэъё"


def letter_counts(text: str) -> dict[str, int]:
    """How often letters only Ukrainian has, and letters only Russian has, occur."""
    lowered = text.lower()
    return {"uk": sum(lowered.count(c) for c in UKRAINIAN_ONLY),
            "ru": sum(lowered.count(c) for c in RUSSIAN_ONLY)}
