"""The build stages: read → resolve (rows/, one builder per table; across.py) → write →
package → figures → validate → publish (run.py). Entry point: `python -m scripts.build`."""
from scripts.build.run import build

__all__ = ["build"]
