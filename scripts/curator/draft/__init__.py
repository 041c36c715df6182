"""Draft the curation of a new article: `make draft ARTICLE=path/to/file.txt [ID=slug]`.

Modules: detect.py (what is found in the text), render.py (the YAML file), command.py
(prepare, write, report, the command line).

`python -m scripts.curator.draft PATH [--id SLUG] [--language ru|uk] [--root DIR]` copies the raw
file byte for byte to articles/<id>.txt and writes articles/<id>.yaml: a curation file
that starts with `draft: true` (the build refuses any file with a `draft:` key, so an
unreviewed draft is never published), the source record filled in from what the text
shows, comments listing the known entities and the country mentions the text contains,
and empty fact sections, each explained field by field from the schemas.

Nothing here is trusted: every value is a suggestion for the curator to check.

What is detected, and how
-------------------------
* Refusals. The file is read with the build's own reader (scripts.build.read.
  read_article_text): not UTF-8, a BOM, CR line ends or an empty file are refused here
  just as the build would refuse them, with exit status 2 and nothing written.
* Body and date. scripts.body finds the archive's leading " date YYYY-MM-DD" marker
  (parse_date_marker) and the article inside the saved page (find_body, body_spans).
* Language, from the body (page chrome such as a "be ru en" switcher is ignored): letters
  only Ukrainian has (і ї є ґ) against letters only Russian has (ы э ъ ё). One wins
  clearly when it has at least MIN_LANGUAGE_LETTERS of them and at least
  LANGUAGE_RATIO times as many as the other; otherwise the draft is refused
  (pass --language to decide).
* Title: the body's first line if it looks like a headline by scripts.body's rule
  (3-30 words, capitalised, no final full stop, colon or comma, not a timestamp);
  otherwise null (the body then starts with the lede).
* Id: --id, or draft-<archive date or "undated">-<first 4 words of the title (of the
  body when there is no title), transliterated to an ASCII slug>.
* Entities of reference/entities.yaml named in the text: each of an entity's names
  (name_ru, name_uk, name_en) is matched as a whole, and a person's capitalised last
  word (the surname) also alone. Words are compared case-insensitively (ё = е), except
  that a word capitalised in the name must be capitalised in the text (so the outlet
  "Комментарии" is not found in "Написать комментарий", nor the surname "Сторі" in
  "сторінці"). Words shorter than 5 letters must match exactly; a longer word may
  differ in its ending: the text word must start with the name word minus its last two
  letters (but at least its first 5 letters) and be at most 3 letters longer ("Путин"
  finds "Путина", "Каракас" finds "Каракасу"). Words of one name may be separated by
  spaces or a hyphen only. A surname alone can belong to someone else: the curator
  checks.
* Publisher: PUBLISHER= (--publisher) if given; else an outlet (entity of type
  media_outlet) named outside the body (the site's own header or footer), preferring one
  that already publishes an input article; else `unknown-publisher`, with a comment. An
  outlet named only in the body is one the article credits, never taken as publisher.
* Address: URL= (--url) if given, else null (never guessed).
* Facts (scripts/curator/draft/facts.py): the extractor's proposals (scripts/curator/
  extract) as ready records in citations, requests, equipment and evidence; a proposal
  matching a fact the package already has becomes evidence for that fact; entities and
  sources missing from reference/ are listed at the end, ready to add.
* Refused as a duplicate: a file whose bytes are already an article in articles/.
* Country mentions: the build's detector (scripts.mentions.load_detector) on the whole
  text, keeping the mentions inside the body (the build's `in_body`).
"""
from __future__ import annotations

from scripts.curator.draft.command import main, prepare, write
from scripts.curator.draft.detect import (
           Refused,
           detect_language,
           find_entities,
           word_matches,
)
from scripts.curator.draft.render import Draft, comment_text, render, yaml_string

__all__ = ["Draft", "Refused", "comment_text", "detect_language", "find_entities", "main",
           "prepare", "render", "word_matches", "write", "yaml_string"]
