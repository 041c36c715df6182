"""`make dist`: the published package as one versioned zip, dist/<name>-<version>.zip.

The zip holds datapackage/ as it is (descriptor, CSV, Parquet, SQLite, spreadsheet, NDJSON,
figures, dictionary, CHANGELOG, CITATION, LICENSE) under a folder named like the zip. Every
entry has a fixed date and mode and entries are sorted, so the same package gives the same
bytes: a release can be checked against a rebuild.
"""
from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


def write_dist(package_dir: Path, out_dir: Path) -> Path:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    stem = f"{descriptor['name']}-{descriptor['version']}"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{stem}.zip"
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in package_dir.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{stem}/{path.relative_to(package_dir).as_posix()}", FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    partial.replace(target)
    return target


def main() -> int:
    target = write_dist(Path("datapackage"), Path("dist"))
    print(f"Wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
