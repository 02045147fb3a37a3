"""Benchmark comment records against annotated pages (``shared/data/comments-dev`` format).

    python -m bench.comments [--data PATH]

A predicted record matches an annotated one when their first twelve normalised words agree.
Prints, per page and overall: record precision and recall, author and date accuracy over
matched records, and how many pingbacks were classified as pingbacks (and whether any was
counted as a reader comment).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

import thresher
from thresher.metadata.dates import parse_date

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "comments-dev"
RESULT = ROOT / "bench" / "results" / "comments.json"
_WORD = re.compile(r"\w+")


def key(text: str) -> str:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return " ".join(words[:12])


def same_date(annotated: str, predicted: str | None, predicted_text: str | None) -> bool:
    if not annotated:
        return not predicted_text
    wanted = parse_date(annotated)
    if wanted and predicted:
        return wanted[:16] == predicted[:16]
    return key(annotated) == key(predicted_text or "")


def evaluate(path: Path) -> dict[str, object]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    html = gzip.decompress((path.parent / spec["page"]).read_bytes())
    document = thresher.extract(html, url=spec.get("url"))
    annotated = spec["comments"]
    matched = []
    unused = list(document.comments)
    for record in annotated:
        wanted = key(record["text_start"])
        # The annotation holds up to twelve words; compare as many as it has.
        found = next((c for c in unused if wanted and key(c.text).startswith(wanted)), None)
        if found is not None:
            unused.remove(found)
            matched.append((record, found))
    pingbacks = [(a, c) for a, c in matched if a["is_pingback"]]
    return {
        "page": spec["page"],
        "annotated": len(annotated),
        "predicted": len(document.comments),
        "matched": len(matched),
        "author_right": sum(key(a["author"]) == key(c.author or "") for a, c in matched),
        "date_right": sum(same_date(a["date_text"], c.date, c.date_text) for a, c in matched),
        "pingbacks": sum(a["is_pingback"] for a in annotated),
        "pingbacks_right": sum(c.kind in ("pingback", "trackback") for _, c in pingbacks),
        "pingbacks_as_comments": sum(c.kind == "comment" for _, c in pingbacks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    rows = [evaluate(path) for path in sorted(args.data.glob("*.json"))]
    if not rows:
        print(f"no annotated pages in {args.data}", file=sys.stderr)
        return 1
    total = {name: sum(int(row[name]) for row in rows) for name in rows[0] if name != "page"}
    lines = [
        "| page | annotated | predicted | precision | recall | author | date | pingbacks |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in [*rows, {"page": "overall", **total}]:
        matched = max(int(row["matched"]), 1)
        lines.append(
            f"| {Path(str(row['page'])).name} | {row['annotated']} | {row['predicted']} | "
            f"{int(row['matched']) / max(int(row['predicted']), 1):.2f} | "
            f"{int(row['matched']) / max(int(row['annotated']), 1):.2f} | "
            f"{int(row['author_right']) / matched:.2f} | "
            f"{int(row['date_right']) / matched:.2f} | "
            f"{row['pingbacks_right']}/{row['pingbacks']} "
            f"({row['pingbacks_as_comments']} as comments) |"
        )
    table = "\n".join(lines)
    print(table)
    from .run import record_results

    record_results(RESULT, {"command": "python -m bench.comments", "rows": rows, "table": table})
    return 0


def comments_section(report: dict) -> str:
    return (
        "## Comment records on comments-dev\n\n"
        f"```sh\n{report['command']}\n```\n\n"
        "A predicted record matches an annotated one when their first words (up to twelve) "
        "agree. These five pages were also used to develop the comment reader.\n\n"
        f"{report['table']}\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
