"""The compiled mention detector, kept across builds.

Compiling the lexicon (analysing about 3,000 names with pymorphy3) is most of the
detector's start-up and most of what a build of the real package does beyond imports.
The compiled detector depends only on the lexicon files, the detector's code and the
library versions, so it is kept under that key: in memory for the life of the process,
and in .cache/ (scripts/cache.py) across processes. The key is the content alone, never
a path, so two copies of the same lexicon share one entry.

The entry is a pickle, and unpickling can run code, so it is read only when its HMAC
verifies (scripts/cache.py: the key lives outside the repository, so a planted file
cannot carry a valid MAC); and even then only the detector's own classes may be
constructed from it (_DetectorUnpickler).
"""
from __future__ import annotations

import importlib.metadata
import io
import pickle
import sys
from pathlib import Path

from scripts import cache, inputs
from scripts.mentions import matcher
from scripts.mentions.lexicon import LEXICON_FILES, LexiconError
from scripts.mentions.matcher import MentionDetector

_LOADED: dict[str, MentionDetector] = {}
_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk", "pycountry")
# The only modules whose classes a detector pickle may name.
_MODULES = ("scripts.mentions.lexicon", "scripts.mentions.matcher", "scripts.mentions.morphology")


class _DetectorUnpickler(pickle.Unpickler):
    """Builds only the detector's own classes: no functions, nothing from other modules."""

    def find_class(self, module: str, name: str):
        if module in _MODULES:
            found = getattr(sys.modules.get(module) or importlib.import_module(module), name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a detector entry")


def lexicon_files(lexicon_dir: Path) -> list[Path]:
    """The lexicon's regular files, sorted; LexiconError for a link or a special file among
    the lexicon's *.yaml (other entries are not inputs and are skipped)."""
    files = []
    for path in sorted(lexicon_dir.glob("*")):
        found = inputs.problem(path, "the lexicon file's")
        if found and (path.suffix in (".yaml", ".yml") or path.name in LEXICON_FILES):
            raise LexiconError(f"{path.name}: {found[0]}; {found[1]}")
        if not found and path.is_file():
            files.append(path)
    return files


def detector_key(lexicon_dir: Path) -> str:
    """Digest of the lexicon files, the detector's code and the library versions."""
    code = sorted(Path(__file__).parent.glob("*.py"))
    parts = [part for path in lexicon_files(lexicon_dir)
             for part in (path.name, inputs.read_bytes(path, "the lexicon file's"))]
    parts += [part for path in code for part in (path.name, path.read_bytes())]
    parts += [f"{package}=={importlib.metadata.version(package)}" for package in _LIBRARIES]
    return cache.digest(*parts, sys.version)


def load_detector(lexicon_dir: Path, cache_dir: Path | None = None) -> MentionDetector:
    """The detector for these lexicon files; raises LexiconError for bad lexicon data."""
    try:
        key = detector_key(lexicon_dir)
    except inputs.InputError as exc:
        raise LexiconError(f"lexicon file {exc.what}; {exc.fix}") from None
    if key in _LOADED:
        return _LOADED[key]
    detector = None
    data = cache.load(cache_dir, "mention-detector", key, "detector.pickle")
    if data is not None:
        try:
            detector = _DetectorUnpickler(io.BytesIO(data)).load()
        except Exception:  # noqa: BLE001 - an unreadable entry is rebuilt, whatever broke
            detector = None
        if not isinstance(detector, matcher.MentionDetector):
            detector = None
    if detector is None:
        detector = MentionDetector(lexicon_dir)
        cache.store(cache_dir, "mention-detector", key,
                    {"detector.pickle": pickle.dumps(detector, protocol=pickle.HIGHEST_PROTOCOL)})
    _LOADED[key] = detector
    return detector


__all__ = ["LexiconError", "detector_key", "load_detector"]
