"""`python -m bench`: every benchmark, one table (bench/run.py)."""

import asyncio
import sys

from bench.run import main

raise SystemExit(asyncio.run(main(sys.argv[1:])))
