"""`python -m scripts.curator.extract PATH [--language ru|uk] [--root DIR]`

Prints the proposals for one article as ONE JSON object on stdout (and nothing else
there); messages go to stderr. A file that cannot be read or is not UTF-8 is refused
with exit status 2, as is bad lexicon data (the message names the file and line).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from scripts.curator.extract import ROOT, Extractor, LexiconError
from scripts.curator.extract.lexicon import LANGUAGES
from scripts.mentions import LexiconError as MentionLexiconError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.curator.extract",
                                     description="Propose requests, items, citations and people found in an "
                                                 "article (JSON on stdout).")
    parser.add_argument("path", type=Path, nargs="?",
                        help="the article text (UTF-8), inside the repository or not")
    parser.add_argument("--from-environment", action="store_true",
                        help="take the path from ARTICLE (what `make extract` passes: make never "
                             "pastes it into a shell line)")
    parser.add_argument("--language", choices=LANGUAGES, help="override language detection")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (lexicons, entities)")
    args = parser.parse_args(argv)
    if args.from_environment:
        args.path = Path(os.environ.get("ARTICLE", ""))
    if args.path is None or not str(args.path) or str(args.path) == ".":
        parser.error("the article file is required (make extract ARTICLE=path/to/article.txt)")
    try:
        data = args.path.read_bytes()
    except OSError as exc:
        print(f"{args.path}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"{args.path}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
              f"convert it to UTF-8 first", file=sys.stderr)
        return 2
    try:
        result = Extractor(args.root).extract(text, args.language)
    except (LexiconError, MentionLexiconError) as exc:
        print(f"lexicon: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
