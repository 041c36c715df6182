"""Characters an article must not contain: invisible ones, bidirectional controls, controls.

A soft hyphen or a zero-width space inside "Венесуэлу" looks like the word on screen but is
another string: the mention detector does not find it and a quote copied from a browser
(which drops such characters) is "not in the article". Bidirectional controls change the
order in which text is displayed, so what a reader checks is not what the offsets point
at. Control characters are not text at all. The build refuses them instead of removing
them: offsets are code points into the raw file, which is kept as received, so a cleaned
copy must be what is added.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NAMES = {
    0x00AD: "soft hyphen", 0x200B: "zero-width space", 0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner", 0x200E: "left-to-right mark", 0x200F: "right-to-left mark",
    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting", 0x202D: "left-to-right override",
    0x202E: "right-to-left override", 0x2060: "word joiner", 0x2061: "function application",
    0x2062: "invisible times", 0x2063: "invisible separator", 0x2064: "invisible plus",
    0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate",
    0x2068: "first strong isolate", 0x2069: "pop directional isolate",
    0xFEFF: "zero-width no-break space (byte-order mark)", 0x0000: "NUL character",
}
BIDI = frozenset(range(0x200E, 0x2010)) | frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))

# C0 controls but tab and line feed (a carriage return has its own message), DEL, C1
# controls, and the invisible and bidirectional characters named above.
HIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

WHY_INVISIBLE = "it hides the word from the mention detector and from quote matching"
WHY_BIDI = ("it changes the order in which the text is displayed, so what a reader sees is "
            "not what the quotes and offsets refer to")
WHY_CONTROL = "it is not text: it breaks CSV readers, terminals and quote matching"


@dataclass(frozen=True)
class Hidden:
    offset: int   # code point offset into the text
    line: int     # 1-based
    column: int   # 1-based, in code points
    char: str

    @property
    def name(self) -> str:
        code = ord(self.char)
        return NAMES.get(code, "control character")

    @property
    def why(self) -> str:
        code = ord(self.char)
        if code in BIDI:
            return WHY_BIDI
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return WHY_CONTROL
        return WHY_INVISIBLE

    def describe(self, text: str) -> str:
        """"soft hyphen (U+00AD) inside a word: it hides ..."."""
        before = text[self.offset - 1:self.offset]
        after = text[self.offset + 1:self.offset + 2]
        where = " inside a word" if before.isalnum() and after.isalnum() else ""
        return f"{self.name} (U+{ord(self.char):04X}){where}: {self.why}"


def hidden(text: str, limit: int | None = None) -> tuple[list[Hidden], int]:
    """The first `limit` hidden characters of text (all when None), and how many there are."""
    found, total = [], 0
    line, line_start, counted_to = 1, 0, 0
    for match in HIDDEN_RE.finditer(text):
        total += 1
        if limit is not None and len(found) >= limit:
            continue
        at = match.start()
        newlines = text.count("\n", counted_to, at)
        if newlines:
            line += newlines
            line_start = text.rindex("\n", counted_to, at) + 1
        counted_to = at
        found.append(Hidden(at, line, at - line_start + 1, match.group()))
    return found, total
