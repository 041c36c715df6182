"""`python -m scripts.bench.corpus N OUT [--seed S]` (what `make corpus` runs)."""
import sys

from scripts.bench.corpus.command import main

sys.exit(main())
