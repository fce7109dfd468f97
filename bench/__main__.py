"""`python -m bench` (`make bench`): the load test on PostgreSQL that writes docs/benchmarks.md (bench/run.py).

`python -m bench generate --scale S --seed 7`: only generate synthetic data into the database of
DATABASE_URL (which must hold the CBS region registry; e.g. for a demo).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if argv[:1] == ["generate"]:
        parser = argparse.ArgumentParser(prog="python -m bench generate")
        parser.add_argument("--scale", default="S", choices=["S", "M", "L"])
        parser.add_argument("--seed", type=int, default=1)
        args = parser.parse_args(argv[1:])
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from bench.generate import NotEnoughDiskError, generate

        try:
            result = generate(scale=args.scale, seed=args.seed)
        except NotEnoughDiskError as exc:
            print(f"Not generated: {exc}", file=sys.stderr)
            return 2
        print(f"{result.rows:,} rows in {result.seconds:.1f} s ({result.rows_per_second:,.0f} rows/s)")
        for table, count in sorted(result.counts.items()):
            print(f"  {table}: {count:,}")
        return 0
    from bench.generate import NotEnoughDiskError
    from bench.run import main as run

    try:
        return run()
    except NotEnoughDiskError as exc:
        print(f"make bench stopped: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
