"""Issue 10: what each not-a-name mechanism of the anonymity check does to false flags and leak recall.

The mechanisms are the real code (``pipeline/report/not_names.py``, ``pipeline/report/title_people.py``): places,
breeds, diseases, public bodies, products, anonymised references ('praktijk A'), and the title page's student and
staff lines. Each is switched off in turn ("without"), and each is switched on alone ("only"), on the labelled
reports (tests/data/eval/anonymity_reports.txt), the fresh labelled reports (anonymity_fresh.txt, never tuned on)
and, when the evaluation set is built, the real reports (flags not on a listed leak).
``python -m bench.anonymity_research`` prints ``bench: anon_<set>_<only|without>_<mechanism>_<measure>`` lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bench import language_quality as lq
from pipeline.report import not_names, title_people

MECHANISMS = (*not_names.REASONS, "title-student", "title-school")


@contextmanager
def enabled(mechanisms: Sequence[str]) -> Iterator[None]:
    """Run the check with only ``mechanisms`` on."""
    reason, is_place, find = not_names.reason, not_names.is_place, title_people.find

    def some_reason(text: str, start: int, end: int) -> str | None:
        why = reason(text, start, end)
        return why if why in mechanisms else None

    def some_place(text: str) -> bool:
        return "place" in mechanisms and is_place(text)

    def some_people(blocks: Any, hits: Callable[..., Any]) -> list[title_people.TitlePerson]:
        return [p for p in find(blocks, hits) if f"title-{p.role}" in mechanisms]

    not_names.reason, not_names.is_place, title_people.find = some_reason, some_place, some_people  # type: ignore
    try:
        yield
    finally:
        not_names.reason, not_names.is_place, title_people.find = reason, is_place, find  # type: ignore


def measure(name: str, mechanisms: Sequence[str], real: bool) -> None:
    with enabled(mechanisms):
        for label, path in (("labelled", lq.ANONYMITY), ("fresh", lq.ANONYMITY_FRESH)):
            s = lq.anonymity_scores(path=path)
            print(f"bench: anon_{label}_{name}_false_flags_per_report {s.false_flags / s.reports:.2f}")
            print(f"bench: anon_{label}_{name}_leak_recall {s.leaks_found / s.leaks:.3f} ({s.leaks_found}/{s.leaks})")
        if real:
            flags = lq.real_report_anonymity_flags()
            print(f"bench: anon_real_{name}_unlisted_flags_per_report {sum(n for _, _, n, _ in flags) / len(flags):.2f}")


def main(argv: list[str]) -> int:
    real = lq.built() and "--no-real" not in argv
    measure("none", (), real)
    measure("all", MECHANISMS, real)
    for mechanism in MECHANISMS:
        measure(f"only_{mechanism}", (mechanism,), real)
        measure(f"without_{mechanism}", tuple(m for m in MECHANISMS if m != mechanism), real)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
