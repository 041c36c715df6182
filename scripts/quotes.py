"""Locate evidence quotes in article text.

Offsets are Unicode code points into the article decoded as UTF-8 (start inclusive, end
exclusive), so that `text[start:end] == quote` in Python, and in any tool that indexes
by code point. Matching is exact: a quote that only matches after normalising
whitespace or quotation marks is reported as such, so the curator can copy the
article's own characters rather than have the build silently change the quote.
"""
from __future__ import annotations

import re


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


def locate(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """(start, end) of the quote; QuoteError when absent, ambiguous or out of range."""
    starts = occurrences(text, quote)
    if not starts:
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
