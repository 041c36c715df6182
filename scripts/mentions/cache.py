"""The compiled mention detector, kept across builds.

Compiling the lexicon (analysing about 3,000 names with pymorphy3) is most of the
detector's start-up and most of what a build of the real package does beyond imports.
The compiled detector depends only on the lexicon files, the detector's code and the
library versions, so it is kept under that key: in memory for the life of the process,
and in .cache/ (scripts/cache.py) across processes. The key is the content alone, never
a path, so two copies of the same lexicon share one entry.
"""
from __future__ import annotations

import importlib.metadata
import pickle
import sys
from pathlib import Path

from scripts import cache
from scripts.mentions.lexicon import LexiconError
from scripts.mentions.matcher import MentionDetector

_LOADED: dict[str, MentionDetector] = {}
_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk", "pycountry")


def detector_key(lexicon_dir: Path) -> str:
    """Digest of the lexicon files, the detector's code and the library versions."""
    code = sorted(Path(__file__).parent.glob("*.py"))
    parts = [part for path in sorted(lexicon_dir.glob("*")) if path.is_file()
             for part in (path.name, path.read_bytes())]
    parts += [part for path in code for part in (path.name, path.read_bytes())]
    parts += [f"{package}=={importlib.metadata.version(package)}" for package in _LIBRARIES]
    return cache.digest(*parts, sys.version)


def load_detector(lexicon_dir: Path, cache_dir: Path | None = None) -> MentionDetector:
    """The detector for these lexicon files; raises LexiconError for bad lexicon data."""
    key = detector_key(lexicon_dir)
    if key in _LOADED:
        return _LOADED[key]
    detector = None
    data = cache.load(cache_dir, "mention-detector", key, "detector.pickle")
    if data is not None:
        try:
            detector = pickle.loads(data)  # noqa: S301 - written by this build only
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            detector = None  # an unreadable entry is rebuilt
    if detector is None:
        detector = MentionDetector(lexicon_dir)
        cache.store(cache_dir, "mention-detector", key,
                    {"detector.pickle": pickle.dumps(detector, protocol=pickle.HIGHEST_PROTOCOL)})
    _LOADED[key] = detector
    return detector


__all__ = ["LexiconError", "detector_key", "load_detector"]
