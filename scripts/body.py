"""Find the article itself inside a saved news page.

A saved page is the article (title, timestamp, lede, paragraphs) wrapped in
site chrome: menus, language switchers, "popular this week" lists, opinion
teasers, comment counters, "follow us" lines. The functions here find the
article from the text's STRUCTURE only, so they work for outlets they have
never seen; nothing here knows a site's wording.

The heuristic, and why
----------------------
1. Lines, not characters. Saved pages keep one block per line, and chrome is
   made of short lines (menu items, teaser titles, counters), while article
   paragraphs are long lines that end like sentences.
2. Score every non-blank line: a *prose* line (at least two words and ending
   with sentence punctuation . ! ? … : ;, possibly followed by a closing quote
   or bracket) scores +its length; any other line scores -its length (at least
   -20, so a bare counter such as "7" still costs something). Prose lines are
   the article; short unpunctuated lines are chrome. A long line of mostly
   lower-case words without a final full stop is prose too: a last paragraph
   cut off mid-word by a truncated copy is still article.
3. The article core is the run of consecutive lines with the largest total
   score (a maximum-subarray search, as in Finn et al.'s "Body Text
   Extraction"). Short non-prose lines inside the article (a sub-heading, a
   photo caption) cost less than the paragraphs around them gain, so the core
   runs through them; chrome blocks before and after are all cost and fall
   out. A short sentence-like line cut off from the article by chrome ("Хартия
   97!") cannot bridge the gap either.
4. The title is not prose (no final full stop), so it is added afterwards:
   walking back from the core over blank lines, metadata lines (timestamps
   like "31.10.2025, 21:32", lines without letters like view counters) and a
   lead-photo caption ("Фото: Reuters"), the
   first headline-like line (3-30 words, capitalised, not ending with a full
   stop or colon, not a photo caption) is the title and the body starts there. If chrome comes
   first, there is no title and the body starts at the lede.
   Pages often print the title twice: once as the headline, followed by
   counters and the timestamp, and again right above the lede (the lead
   image's text, as on charter97.org). When the nearest title has an identical
   copy above it with only metadata in between, the body starts at that first
   copy, the headline, so the article's timestamp is inside the body.
5. The date marker an archive puts at the start (" date 2025-10-31") is never
   part of the body: everything is measured after it.

Photo captions inside the article remain inside the single span returned by
find_body(); caption_spans() finds them (short unpunctuated lines with a photo
credit such as "(фото з відкритих джерел)" or "Фото: ...") and body_spans()
returns the body with them cut out.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_DATE_MARKER_RE = re.compile(r"[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?![\w-])\s*")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Sentence end, possibly followed by closing quotes or brackets.
_PROSE_END_RE = re.compile(r"[.!?…:;][\"'»”’)\]]*\Z")
_TITLE_BAD_END_RE = re.compile(r"[.:;,][\"'»”’)\]]*\Z")
# Timestamps: 31.10.2025, 2025-10-31, 21:32, "31 октября 2025".
_TIMESTAMP_RE = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
    r"|\b\d{1,2}\s+[^\W\d_]{3,}\s+\d{4}\b")
_LEADING_MARKS = " \t•·*-–—>"
_MIN_PENALTY = 20
_CUT_OFF_WORDS = 12  # an unpunctuated line this long, mostly lower case, is a cut-off paragraph
_TITLE_WORDS = (3, 30)
_TITLE_LOOKBACK = 6  # non-blank lines to walk back over when looking for the title

_CAPTION_MAX_CHARS = 200
_CAPTION_MAX_WORDS = 25
_CAPTION_CUE_RE = re.compile(
    r"\((?:[^()]*\W)?(?:фото|photo|foto|світлина|ілюстрація|иллюстрация|скриншот|скріншот|кадр)\w*\b"
    r"|^(?:фото|photo|foto|світлина|ілюстрація|иллюстрация|скриншот|скріншот)\w*\s*[:—–-]"
    r"|(?:фото|photo|foto|світлина)\w*\s*:\s*\S[^.!?]*\Z",
    re.IGNORECASE)


def parse_date_marker(text: str) -> tuple[datetime.date | None, int]:
    """The archive's leading " date YYYY-MM-DD" marker: (date, offset after it).

    The offset also skips the whitespace after the marker, so it is where the
    page's own text starts. Returns (None, 0) when the text has no marker.
    Raises ValueError for a marker whose date does not exist (2025-02-30):
    silently treating it as page text would hide a broken archive file.
    """
    match = _DATE_MARKER_RE.match(text)
    if match is None:
        return None, 0
    year, month, day = (int(part) for part in match.groups())
    try:
        date = datetime.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"bad date marker {match.group().strip()!r}: {exc}") from None
    return date, match.end()


def find_body(text: str) -> tuple[int, int]:
    """Code-point offsets [start, end) of the article in a saved page.

    See the module docstring for the heuristic. When no line looks like prose
    the whole text after the date marker (stripped) is returned: better too
    much than nothing for a page that is all headline.
    """
    _, offset = parse_date_marker(text)
    lines = [line for line in _lines(text, offset) if line[0] < line[1]]
    if not lines:
        return offset, offset
    scores = [_score(text[start:end]) for start, end in lines]
    core = _max_subarray(scores)
    if core is None:
        return lines[0][0], lines[-1][1]
    first, last = core
    first = _title_before(text, lines, first)
    return lines[first][0], lines[last][1]


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Spans of lines that look like photo captions or credits.

    A caption is a short line that does not end like a sentence and carries a
    photo cue: a parenthesised credit "(фото з відкритих джерел)", a leading
    "Фото: ..." / "Photo — ...", or a trailing "Фото: Reuters".
    """
    _, offset = parse_date_marker(text)
    return [(start, end) for start, end in _lines(text, offset)
            if start < end and _is_caption(text[start:end])]


def body_spans(text: str) -> list[tuple[int, int]]:
    """The body from find_body() as spans, with caption lines inside it cut out."""
    start, end = find_body(text)
    spans = []
    for caption_start, caption_end in caption_spans(text):
        if start <= caption_start and caption_end <= end:
            spans.append((start, caption_start))
            start = caption_end
    spans.append((start, end))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


# --------------------------------------------------------------------------

def _lines(text: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of every line from `offset`, trimmed of surrounding whitespace."""
    spans = []
    position = offset
    for raw in text[offset:].splitlines(keepends=True):
        spans.append(_strip(text, position, position + len(raw)))
        position += len(raw)
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


def is_prose(line: str) -> bool:
    words = _words(line)
    if len(words) >= 2 and _PROSE_END_RE.search(line) is not None:
        return True
    # A paragraph cut off mid-word (a truncated copy) has no final full stop, but it is
    # long and reads like running text: mostly lower-case words, unlike a menu or a
    # list of teaser titles.
    lower = sum(word[:1].islower() for word in words)
    return len(words) >= _CUT_OFF_WORDS and lower >= 0.6 * len(words)


def _is_meta(line: str) -> bool:
    """Timestamps and lines without letters (counters, bullets, view counts)."""
    return _TIMESTAMP_RE.search(line) is not None or _LETTER_RE.search(line) is None


def is_title(line: str) -> bool:
    """A headline: 3-30 words, capitalised, no final full stop, colon or comma; not a
    timestamp or counter, and not a photo caption ("Мадуро на параде (Фото: EPA)")."""
    words = _words(line)
    low, high = _TITLE_WORDS
    head = line.lstrip(_LEADING_MARKS)
    return (low <= len(words) <= high and head[:1].isupper()
            and _TITLE_BAD_END_RE.search(line) is None and not _is_meta(line)
            and not _is_caption(line))


def _is_caption(line: str) -> bool:
    return (len(line) <= _CAPTION_MAX_CHARS and len(_words(line)) <= _CAPTION_MAX_WORDS
            and _PROSE_END_RE.search(line.rstrip(")")) is None
            and _CAPTION_CUE_RE.search(line) is not None)


def _score(line: str) -> int:
    return len(line) if is_prose(line) else -max(len(line), _MIN_PENALTY)


def _max_subarray(scores: list[int]) -> tuple[int, int] | None:
    """Indices (first, last) of the run with the largest positive sum (Kadane)."""
    best, best_span = 0, None
    total, start = 0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0, i
        total += score
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _title_before(text: str, lines: list[tuple[int, int]], first: int) -> int:
    """Index of the title line just above the core (over metadata and captions), else `first`.

    If the same title also stands higher up, separated from this copy only by
    metadata (timestamp, comment and view counters), the higher copy is the
    page's headline and the lower one the lead image's text: the body starts at
    the headline, so the article's timestamp is inside it.
    """
    title = _walk_back(text, lines, first, is_title)
    if title == first:
        return first
    wording = text[lines[title][0]:lines[title][1]]
    headline = _walk_back(text, lines, title, lambda line: line == wording)
    return headline


def _walk_back(text: str, lines: list[tuple[int, int]], first: int, wanted) -> int:
    """Nearest line above `first`, over metadata and captions only, for which wanted(line)."""
    for i in range(first - 1, max(first - 1 - _TITLE_LOOKBACK, -1), -1):
        line = text[lines[i][0]:lines[i][1]]
        if wanted(line):
            return i
        if not (_is_meta(line) or _is_caption(line)):
            break
    return first


@dataclass(frozen=True)
class Layout:
    """Where the article is inside its saved page: the archive date, the body, and the body
    without photo captions (the spans evidence and `in_body` mentions must fall in)."""
    archive_date: datetime.date | None
    body: tuple[int, int]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Layout:
        """Raises ValueError for a malformed archive date marker."""
        archive_date, _ = parse_date_marker(text)
        return cls(archive_date, find_body(text), tuple(body_spans(text)))

    def contains(self, start: int, end: int) -> bool:
        """Inside the body and outside its photo captions: text evidence may quote."""
        return any(a <= start and end <= b for a, b in self.spans)

    def in_article(self, start: int, end: int) -> bool:
        """Inside the body, captions included; the rest of the file is page chrome."""
        return self.body[0] <= start and end <= self.body[1]
