"""Locate evidence quotes in article text.

Offsets are Unicode code points into the article decoded as UTF-8 (start inclusive, end
exclusive), so that `text[start:end] == quote` in Python, and in any tool that indexes
by code point. Matching is exact: a quote that only matches after normalising
whitespace or quotation marks is reported as such, so the curator can copy the
article's own characters rather than have the build silently change the quote.
"""
from __future__ import annotations

import re
import unicodedata


class QuoteError(ValueError):
    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.what, self.fix = what, fix


_QUOTE_MARKS = str.maketrans({c: '"' for c in "«»„“”‟″"} | {c: "'" for c in "‘’‚‛′ʼ"}
                             | {c: "-" for c in "‐‑‒–—―"})


def _loose(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS))


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of quote in text."""
    starts, at = [], text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def _normalisation(text: str, quote: str) -> QuoteError | None:
    """The error for a quote that is in the text only after Unicode normalisation: an
    accented letter written as one code point on one side ("й", U+0439) and as a letter and a
    combining mark on the other (и + U+0306), which look the same but are not."""
    for form, other in (("NFC", "NFD"), ("NFD", "NFC")):
        if unicodedata.normalize(form, quote) not in unicodedata.normalize(form, text):
            continue
        changed = next((c for c in quote if unicodedata.normalize(other, c) != c
                        or unicodedata.combining(c)), None)
        if changed is None:
            detail = "its letters are composed differently from the article's"
        elif unicodedata.combining(changed):
            detail = (f"it writes an accented letter as a letter plus the combining mark "
                      f"U+{ord(changed):04X} ({unicodedata.name(changed, '?').lower()}), "
                      "where the article has one precomposed character")
        else:
            parts = " + ".join(f"U+{ord(c):04X}" for c in unicodedata.normalize("NFD", changed))
            detail = (f"it writes {changed!r} as one character (U+{ord(changed):04X}), where the "
                      f"article has a letter and a combining mark ({parts})")
        return QuoteError(
            f"quote matches the article only after Unicode normalisation ({form}): {detail}",
            "copy the quote again from the article file (an editor or the clipboard changed how "
            "accented letters are encoded: NFC vs NFD); offsets count the article's own code points")
    return None


def locate(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """(start, end) of the quote; QuoteError when absent, ambiguous or out of range."""
    starts = occurrences(text, quote)
    if not starts:
        normalisation = _normalisation(text, quote)
        if normalisation:
            raise normalisation
        if _loose(quote) in _loose(text):
            raise QuoteError(
                "quote matches the article only after normalising whitespace, quotation "
                "marks or dashes",
                "copy the quote again from the article file so that its spaces, quotation "
                "marks («» \"\" “”) and dashes are the article's own characters")
        raise QuoteError("quote does not occur in the article",
                         "copy the exact words from the article file")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"quote occurs {len(starts)} times in the article",
                "add `occurrence: N` (1 = first) or lengthen the quote until it is unique")
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise QuoteError(f"occurrence {occurrence} asked for, but the quote occurs "
                         f"{len(starts)} time(s)", f"use an occurrence from 1 to {len(starts)}")
    start = starts[occurrence - 1]
    return start, start + len(quote)
