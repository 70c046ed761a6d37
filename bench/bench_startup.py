"""Start-up cost of `vbparse --help` and `--version`, against `python -c pass` in the same run.

Target (issue 12, item 15): each within 0.3 s of a bare interpreter start. Wall time (best of N:
the least disturbed run) and CPU time (user + system of the child, best of N) are shown, with the
difference and the ratio to the baseline; the target is judged on CPU time, which a loaded
machine does not inflate.
`vbparse parse --help` and a one-file parse are shown for comparison.
Usage: python bench/bench_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 0.3  # seconds over `python -c pass`
COMMANDS = {
    "python -c pass (baseline)": ["-c", "pass"],
    "vbparse --help": ["-m", "vbparse", "--help"],
    "vbparse --version": ["-m", "vbparse", "--version"],
    "vbparse parse --help": ["-m", "vbparse", "parse", "--help"],
    "vbparse parse one sample": ["-m", "vbparse", "parse", str(REPO / "samples" / "01-party-cong-van.txt")],
}
TARGETED = ("vbparse --help", "vbparse --version")


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of the interpreter with `args`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    # this checkout's sources, whatever is installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    best = {name: (float("inf"), float("inf")) for name in COMMANDS}
    for _ in range(args.rounds):  # interleaved, so a burst of load hits every command alike
        for name, command in COMMANDS.items():
            wall, cpu = run_once(command, env)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    base_wall, base_cpu = best["python -c pass (baseline)"]
    print(f"best of {args.rounds} runs; target: --help and --version within {TARGET} s CPU of the baseline")
    print(f"{'command':28} {'wall s':>7} {'+wall s':>8} {'x wall':>7} {'cpu s':>7} {'+cpu s':>7} {'x cpu':>6}")
    for name, (wall, cpu) in best.items():
        print(f"{name:28} {wall:7.3f} {wall - base_wall:+8.3f} {wall / base_wall:7.2f} "
              f"{cpu:7.3f} {cpu - base_cpu:+7.3f} {cpu / max(base_cpu, 1e-3):6.2f}")
    for name in TARGETED:  # judged on CPU time: on a shared machine, wall time measures the load
        extra = best[name][1] - base_cpu
        print(f"{name}: {extra:+.3f} s CPU over the baseline: {'within' if extra <= TARGET else 'OVER'} the {TARGET} s target")


if __name__ == "__main__":
    main()
