"""The build of the package; see build.py for the stages and README.md for the layout."""
import os

# Arrow's own allocator (mimalloc) keeps freed memory for reuse, which held a 10,000-article
# build's peak near 1.1 GB instead of about 0.85 GB (BENCHMARKS.md). Arrow reads this
# setting once, when it is first imported, so it is set here, before any module of the
# build imports pyarrow; a value set by the caller wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
