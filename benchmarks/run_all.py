"""Run every measurement script in benchmarks/ in turn (what `make benchmark` does).

    .venv/bin/python benchmarks/run_all.py [--with-100k] [--only NAME ...]

The measurement scripts are listed in MEASUREMENTS (builders and trainers such as
build_effect_lexicon.py are not measurements); those present are run in that order, each writing
its own results under benchmarks/results/. Most need `../shared/data`. pipeline_speed.py runs on
5,000 comments; its 100k-comment memory run is long on two cores and only runs with --with-100k.
Exit status: 0 when every script succeeded.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEASUREMENTS = {
    "psytar_effects.py": [],
    "check_concept_ids.py": [],
    "druglib_stance.py": [],
    "druglib_ceiling.py": [],
    "stance_learning_curve.py": [],
    "stance_blend_nested.py": [],
    "probe_agreement.py": [],
    "pipeline_speed.py": ["--size", "5000", "--skip-100k"],
}


def scripts() -> list[Path]:
    """Return the measurement scripts that exist, in MEASUREMENTS order."""
    return [HERE / name for name in MEASUREMENTS if (HERE / name).exists()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with-100k", action="store_true", help="include the 100k memory run")
    parser.add_argument("--only", nargs="*", default=None, help="script names to run")
    args = parser.parse_args(argv)
    failed = []
    for script in scripts():
        if args.only and script.name not in args.only and script.stem not in args.only:
            continue
        extra = list(MEASUREMENTS[script.name])
        if args.with_100k and "--skip-100k" in extra:
            extra.remove("--skip-100k")
        print(f"== {script.name} {' '.join(extra)}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        status = subprocess.run([sys.executable, str(script), *extra], cwd=HERE.parent).returncode
        print(
            f"== {script.name}: exit {status} in {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
        )
        if status:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
