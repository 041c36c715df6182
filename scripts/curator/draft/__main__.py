"""`python -m scripts.curator.draft` (what `make draft` runs)."""
import sys

from scripts.curator.draft.command import main

sys.exit(main())
