"""Benchmark comment records against annotated pages (``shared/data/comments-dev`` format).

    python -m bench.comments [--data PATH]

A predicted record matches an annotated one when their first twelve normalised words agree.
Prints, per page and overall: record precision and recall, author and date accuracy over
matched records, the share of matched records of the right kind (a post on a page the
annotation types as a forum, a reader's comment on any other) and at the right depth of
replies (where the annotation reads depth from the markup: comments-dev, the WordPress and
the Drupal pages; microdata and JSON-LD state none, and their records are annotated at depth
0), and how many pingbacks were classified as pingbacks (and whether any was counted as a
reader comment).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import thresher
from thresher.metadata.dates import parse_date

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
DEFAULT_DATA = SHARED_DATA / "comments-dev"
ANNOTATED = ROOT / "tests" / "comments"
RESULT = ROOT / "bench" / "results" / "comments.json"
_WORD = re.compile(r"\w+")


def key(text: str) -> str:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return " ".join(words[:12])


def _instant(stamp: str) -> str | None:
    """A time-zone-aware ISO stamp as UTC to the minute, else None."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC).isoformat()[:16]


def same_date(annotated: str, predicted: str | None, predicted_text: str | None) -> bool:
    if not annotated:
        return not predicted_text
    wanted = parse_date(annotated)
    if wanted and predicted:
        moments = (_instant(wanted), _instant(predicted))
        if all(moments):  # the same moment written in two time zones is the same date
            return moments[0] == moments[1]
        # compare at the precision both have: a day against a time stamp compares days
        shared = 16 if len(wanted) >= 16 and len(predicted) >= 16 else 10
        return wanted[:shared] == predicted[:shared]
    return key(annotated) == key(predicted_text or "")


def expected_kind(page_type: str | None) -> str:
    """A forum's records are its posts; on any other page they are readers' comments."""
    return "post" if page_type == "forum" else "comment"


# Annotation families whose depth of replies is read from the markup (None: comments-dev, whose
# files name no family).
_NESTED_FAMILIES = (None, "wordpress", "drupal")


def evaluate(path: Path) -> dict[str, object]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    page = path.parent / spec["page"]
    if not page.exists():  # annotations in tests/comments name pages under shared/data
        page = SHARED_DATA / spec["page"]
    html = gzip.decompress(page.read_bytes())
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
    kind = expected_kind(spec.get("page_type"))
    nested = matched if spec.get("annotated_from") in _NESTED_FAMILIES else []
    return {
        "page": spec["page"],
        "annotated": len(annotated),
        "predicted": len(document.comments),
        "matched": len(matched),
        "author_right": sum(key(a["author"]) == key(c.author or "") for a, c in matched),
        "date_right": sum(same_date(a["date_text"], c.date, c.date_text) for a, c in matched),
        "kind_right": sum(c.kind == kind for a, c in matched if not a["is_pingback"])
        + sum(c.kind in ("pingback", "trackback") for _, c in pingbacks),
        "depth_right": sum(c.depth == a["depth"] for a, c in nested),
        "depth_read": len(nested),
        "pingbacks": sum(a["is_pingback"] for a in annotated),
        "pingbacks_right": sum(c.kind in ("pingback", "trackback") for _, c in pingbacks),
        "pingbacks_as_comments": sum(c.kind == "comment" for _, c in pingbacks),
    }


def score_set(folder: Path) -> tuple[list[dict[str, object]], str, dict[str, float]]:
    """Rows per page, the Markdown table, and the overall figures of one annotated set."""
    rows = [evaluate(path) for path in sorted(folder.glob("*.json"))]
    total = {name: sum(int(row[name]) for row in rows) for name in rows[0] if name != "page"}
    lines = [
        "| page | annotated | predicted | precision | recall | author | date | kind | depth "
        "| pingbacks |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in [*rows, {"page": "overall", **total}]:
        matched = max(int(row["matched"]), 1)
        lines.append(
            f"| {Path(str(row['page'])).name} | {row['annotated']} | {row['predicted']} | "
            f"{int(row['matched']) / max(int(row['predicted']), 1):.2f} | "
            f"{int(row['matched']) / max(int(row['annotated']), 1):.2f} | "
            f"{int(row['author_right']) / matched:.2f} | "
            f"{int(row['date_right']) / matched:.2f} | "
            f"{int(row['kind_right']) / matched:.2f} | "
            f"{_share(int(row['depth_right']), int(row['depth_read']))} | "
            f"{row['pingbacks_right']}/{row['pingbacks']} "
            f"({row['pingbacks_as_comments']} as comments) |"
        )
    precision = total["matched"] / max(total["predicted"], 1)
    recall = total["matched"] / max(total["annotated"], 1)
    overall = {
        "pages": len(rows),
        "records": total["annotated"],
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
        "author": round(total["author_right"] / max(total["matched"], 1), 4),
        "date": round(total["date_right"] / max(total["matched"], 1), 4),
        "kind": round(total["kind_right"] / max(total["matched"], 1), 4),
        "depth": round(total["depth_right"] / max(total["depth_read"], 1), 4),
        "depth_read": total["depth_read"],
        "pingbacks_right": total["pingbacks_right"],
        "pingbacks": total["pingbacks"],
        "pingbacks_as_comments": total["pingbacks_as_comments"],
    }
    return rows, "\n".join(lines), overall


def _share(right: int, of: int) -> str:
    return f"{right / of:.2f}" if of else "-"


SETS = {
    "comments-dev": DEFAULT_DATA,  # the five pages the comment reader was developed on
    "annotated": ANNOTATED,  # pages annotated from declared markup, not used in development
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="one folder of annotations instead of both")
    args = parser.parse_args(argv)
    folders = {"given": args.data} if args.data else SETS
    report: dict[str, object] = {"command": "python -m bench.comments", "sets": {}}
    for name, folder in folders.items():
        if not any(folder.glob("*.json")) or not SHARED_DATA.is_dir():
            print(f"no annotated pages or no pages for {folder}", file=sys.stderr)
            return 1
        rows, table, overall = score_set(folder)
        report["sets"][name] = {"rows": rows, "table": table, "overall": overall}  # type: ignore[index]
        print(f"{name}: {json.dumps(overall)}\n{table}\n")
    if not args.data:
        from .run import record_results

        record_results(RESULT, report)
    return 0


def comments_section(report: dict) -> str:
    sets = report.get("sets", {})
    parts = [f"## Comment records\n\n```sh\n{report['command']}\n```\n"]
    parts.append(
        "A predicted record matches an annotated one when their first words (up to twelve) "
        "agree; author and date accuracy are over matched records.\n"
    )
    for name, caption in (
        (
            "annotated",
            "**tests/comments** (annotated from the pages' declared comment markup; first "
            "scored before the reader had seen it, at record F1 0.52, then used to improve the "
            "forum handling, see tests/comments/README.md):",
        ),
        ("comments-dev", "**comments-dev** (five pages, also used to develop the reader):"),
    ):
        if name in sets:
            overall = sets[name]["overall"]
            parts.append(
                f"{caption} {overall['pages']} pages, {overall['records']} records: record F1 "
                f"{overall['f1']:.3f} (precision {overall['precision']:.3f}, recall "
                f"{overall['recall']:.3f}), author {overall['author']:.3f}, date "
                f"{overall['date']:.3f}, kind {overall['kind']:.3f}, depth "
                f"{overall['depth']:.3f} (of {overall['depth_read']} records), pingbacks "
                f"{overall['pingbacks_right']}/"
                f"{overall['pingbacks']} ({overall['pingbacks_as_comments']} counted as "
                "comments).\n"
            )
            parts.append(sets[name]["table"] + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    raise SystemExit(main())
