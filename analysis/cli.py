"""Command line: `python -m analysis report [PATH ...]` and `python -m analysis agreement`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths


def _report_parser(sub) -> None:
    report = sub.add_parser("report", help="analyse pages or comment files and write tables")
    report.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: data/raw/*)"
    )
    report.add_argument(
        "--out", type=Path, default=None, help="output root (default: data/processed)"
    )
    report.add_argument(
        "--drug", default=None, help="target drug (default: inferred from the title)"
    )
    report.add_argument(
        "--article", type=Path, default=None, help="article text for CSV/JSONL input"
    )
    report.add_argument("--no-figures", action="store_true", help="write tables only")
    report.add_argument(
        "--figures", type=Path, default=None, help="figures root (default: figures/)"
    )
    report.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace every commenter name by a stable pseudonym in all outputs",
    )
    report.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="worker processes for analysis and figures (0 = every core; default 1)",
    )
    report.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (a LocalCluster unless --scheduler is given)",
    )
    report.add_argument(
        "--scheduler", default=None, help="Dask scheduler address (tcp://host:8786)"
    )
    report.add_argument("--quiet", action="store_true", help="no progress bar or summary")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    _report_parser(sub)
    sub.add_parser("agreement", help="agreement between coded and automatic labels (see --help)")
    return parser


def report_main(args: argparse.Namespace) -> int:
    """Run the report job; return 0 when at least one input was analysed."""
    from .report import run_report

    inputs = args.paths or paths.default_inputs()
    out_root = args.out or paths.PROCESSED_DIR
    summary = run_report(
        inputs,
        out_root,
        drug=args.drug,
        article=args.article,
        progress=False if args.quiet else None,
        figures=not args.no_figures,
        figures_root=args.figures or paths.FIGURES_DIR,
        pseudonymize=args.pseudonymize,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    if not args.quiet:
        warnings = sum(p.severity == "warning" for p in summary.problems)
        print(
            f"analysed {summary.analysed} of {summary.analysed + summary.skipped} input(s); "
            f"{summary.skipped} skipped, {warnings} warning(s); tables in {out_root}",
            file=sys.stderr,
        )
    if summary.analysed == 0:
        first = summary.problems[0].message if summary.problems else "no input files found"
        print(
            f"error: nothing analysed ({first}); see {out_root / 'problems.csv'}", file=sys.stderr
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen subcommand; return the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["agreement"]:
        # The agreement command owns its arguments (and its --help).
        from .agreement import agreement_main

        return agreement_main(argv[1:])
    args = build_parser().parse_args(argv)
    return report_main(args)
