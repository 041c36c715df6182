"""The build stages: read → resolve (rows/, one builder per table; across.py) → write →
package → figures → validate → publish (run.py). Entry point: `python -m scripts.build`."""


def __getattr__(name: str):
    # `from scripts.build import build`, without importing every stage whenever one module of
    # the package is used on its own (`python -m scripts.build.validate`, the curator tools).
    if name == "build":
        from scripts.build.run import build

        return build
    raise AttributeError(name)


__all__ = ["build"]
