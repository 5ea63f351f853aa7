"""Time and memory of building PDFs (issue 4).

    python benchmarks/pdf.py [--repeats N]

Measures, as the median of N builds after a warm-up (fonts are registered once per process, as in the app):
  - minutes of about 2 pages for one recipient (budget 50 ms) and a 60-page meeting pack (budget 1 s);
  - each beside the same story built with bare ReportLab (a SimpleDocTemplate with the same margins,
    no page template, no marking, no "Page X of Y"), as a ratio (budget 1.5);
  - the cost of password protection: build + AES-256 encryption / build alone (budget 1.2);
  - peak memory (tracemalloc) of one build, and of one build + encryption.
Exits 1 when a budget is missed.

Where protection's time goes (measured on the 2-page minutes, about 9 ms in all): pypdf parsing and cloning
the document about 4 ms, rewriting it encrypted about 1.5 ms, and the revision-6 password hashing about 4 ms
(algorithm 2.B: four deliberately slow hashes, for U, UE, O and OE, whatever the document's size). That
fixed cost is a quarter of a 17 ms build by itself, so the 1.2 ratio holds for the meeting pack but not for
short minutes.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

from circles_desktop.reports import categories as cat  # noqa: E402
from circles_desktop.reports import samples
from circles_desktop.reports.consent_filter import filter_meeting  # noqa: E402
from circles_desktop.reports.kit import (
    page,  # noqa: E402
    pdfio,
)
from circles_desktop.reports.meeting_pack import build_meeting_pack, meeting_pack_story  # noqa: E402
from circles_desktop.reports.minutes import build_minutes, minutes_story  # noqa: E402

PASSWORD = "conker harbour violet"
CONSENTED = {cat.ATTENDANCE, cat.MINUTES, cat.GOALS_PROGRESS, cat.SIGNIFICANT_DEVELOPMENTS}


def bare_reportlab(story: list) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page.A4,
        leftMargin=page.MARGIN_LEFT,
        rightMargin=page.MARGIN_RIGHT,
        topMargin=page.MARGIN_TOP,
        bottomMargin=page.MARGIN_BOTTOM,
    )
    doc.build(story)
    return buffer.getvalue()


def interleaved_medians(fns: list[Callable[[], object]], repeats: int) -> list[float]:
    """Median ms of each function, run in turn within each round so that drift in the machine's speed
    (other load, CPU frequency) falls on all of them alike and the ratios stay fair."""
    for fn in fns:
        fn()  # warm-up
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for fn, bucket in zip(fns, times, strict=True):
            gc.collect()
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) * 1000 for bucket in times]


def peak_mib(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


@dataclass
class Case:
    name: str
    ours: Callable[[], bytes]
    bare: Callable[[], bytes]
    budget_ms: float
    repeats: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=0, help="builds per measurement (default 31 / 7)")
    args = parser.parse_args()

    minutes = samples.sample_minutes(length=1)
    pack = samples.sample_meeting_pack(size=10)
    cases = [
        Case(
            "minutes",
            lambda: build_minutes(minutes, CONSENTED),
            lambda: bare_reportlab(minutes_story(minutes, filter_meeting(minutes.meeting, CONSENTED))),
            50,
            args.repeats or 31,
        ),
        Case(
            "meeting pack",
            lambda: build_meeting_pack(pack),
            lambda: bare_reportlab(meeting_pack_story(pack)),
            1000,
            args.repeats or 11,
        ),
    ]

    rows = []
    missed = []
    for case in cases:
        data = case.ours()
        pages = len(PdfReader(BytesIO(data)).pages)
        bare_pages = len(PdfReader(BytesIO(case.bare())).pages)
        ours, bare, protected = interleaved_medians(
            [case.ours, case.bare, lambda c=case: pdfio.protect(c.ours(), PASSWORD)], case.repeats
        )
        mem = peak_mib(case.ours)
        mem_protected = peak_mib(lambda c=case: pdfio.protect(c.ours(), PASSWORD))
        ratio, protect_ratio = ours / bare, protected / ours
        checks = [
            (ours <= case.budget_ms, f"{case.name}: {ours:.1f} ms > {case.budget_ms:.0f} ms"),
            (ratio <= 1.5, f"{case.name}: {ratio:.2f}x bare ReportLab > 1.5"),
            (protect_ratio <= 1.2, f"{case.name}: protection {protect_ratio:.2f}x > 1.2"),
        ]
        missed += [message for ok, message in checks if not ok]
        rows.append(
            (
                f"{case.name} ({pages} p; bare {bare_pages} p)",
                f"{ours:.1f} / {case.budget_ms:.0f}",
                f"{bare:.1f}",
                f"{ratio:.2f} / 1.5",
                f"{protected:.1f} (+{protected - ours:.1f})",
                f"{protect_ratio:.2f} / 1.2",
                f"{mem:.1f} / {mem_protected:.1f}",
                f"{len(data) / 1024:.0f}",
            )
        )

    header = ("document", "ms / budget", "bare ms", "vs bare / budget", "protected ms", "protect / budget",
              "peak MiB (plain / protected)", "KiB")  # fmt: skip
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(f"median of repeated builds; Python {sys.version.split()[0]}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
    print()
    if missed:
        print("OVER BUDGET: " + "; ".join(missed))
        return 1
    print("all within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
