"""The output schema of an archive run: one row per extracted or failed record.

Stable and versioned: a release may add columns (raising ``ARCHIVE_SCHEMA_VERSION``'s minor
number) but never changes the meaning or type of an existing one. Skipped records (requests,
images, redirects...) are not rows: they are counted, by reason, in each shard's ledger.
"""

from __future__ import annotations

from typing import Any

ARCHIVE_SCHEMA_VERSION = "1.2"

# (name, Arrow type name, meaning). The Arrow types are built from these names on demand so
# that importing the schema never requires pyarrow.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "WARC-Record-ID without urn:uuid: and brackets; file:offset if absent"),
    ("url", "string", "WARC-Target-URI"),
    ("warc_date", "string", "WARC-Date as stored (crawl time)"),
    ("text", "string", "main content as plain text; null when error is set"),
    ("markdown", "string", "main content as Markdown"),
    ("html", "string", "main content as an HTML fragment; null unless asked for (--html)"),
    ("title", "string", "the page's headline"),
    ("authors", "list<string>", "person names"),
    ("date_published", "string", "ISO 8601"),
    ("date_modified", "string", "ISO 8601"),
    ("sitename", "string", "the site's name"),
    ("description", "string", "the summary the page declares"),
    ("language", "string", "ISO 639-1 code"),
    ("language_confidence", "float32", "0..1"),
    ("image", "string", "URL of the lead image"),
    ("tags", "list<string>", "keywords the page declares"),
    ("categories", "list<string>", "sections the page declares"),
    ("license", "string", "URL or name of a declared licence"),
    ("page_type", "string", "article, forum, product, collection, listing, documentation..."),
    ("page_type_confidence", "float32", "0..1"),
    ("author_bio", "string", "the author box, apart from the text"),
    ("comments", "comments", "reader comments, pingbacks, forum posts: kind, author, date..."),
    ("warnings", "list<string>", "what was cut or repaired, by the reader and by the core"),
    ("warc_filename", "string", "the archive's file name"),
    ("warc_record_offset", "int64", "byte offset of the record in the file"),
    ("warc_record_length", "int64", "bytes from offset to the next record; null if unknown"),
    ("http_status", "int32", "status code of the stored response"),
    ("content_type", "string", "HTTP Content-Type without parameters"),
    ("charset", "string", "the charset the page was decoded with"),
    ("payload_digest", "string", "WARC-Payload-Digest"),
    ("thresher_version", "string", "the release that wrote the row"),
    ("schema_version", "string", "ARCHIVE_SCHEMA_VERSION"),
    ("error", "string", "null when fine; else why the record failed"),
)

COLUMN_NAMES = tuple(name for name, _, _ in COLUMNS)

COMMENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("author", "string"),
    ("date", "string"),
    ("date_text", "string"),
    ("text", "string"),
    ("depth", "int32"),
    ("reply_to", "int32"),
    ("id", "string"),
    ("quote", "string"),
)


def arrow_schema() -> Any:
    """The schema as a ``pyarrow.Schema`` (pyarrow is imported only here)."""
    import pyarrow as pa

    scalar = {"string": pa.string(), "int64": pa.int64(), "int32": pa.int32()}
    scalar["float32"] = pa.float32()
    scalar["list<string>"] = pa.list_(pa.string())
    scalar["comments"] = pa.list_(pa.struct([(n, scalar[t]) for n, t in COMMENT_FIELDS]))
    return pa.schema([(name, scalar[kind]) for name, kind, _ in COLUMNS])


# Where each of our columns goes in the layouts other corpus tools read.
FINEWEB_LAYOUT = {
    "text": "text",
    "id": "id",
    "warc_date": "date",
    "url": "url",
    "warc_filename": "file_path",
    "language": "language",
    "language_confidence": "language_score",
}
DOLMA_LAYOUT = {
    "id": "id",
    "text": "text",
    "warc_date": "created",
    "url": "metadata.url",
    "warc_filename": "metadata.warc_filename",
    "language": "metadata.language",
    "title": "metadata.title",
}


def to_layout(row: dict[str, Any], layout: str) -> dict[str, Any]:
    """One row in the FineWeb or Dolma layout (``source`` is ``thresher`` for Dolma)."""
    mapping = {"fineweb": FINEWEB_LAYOUT, "dolma": DOLMA_LAYOUT}[layout]
    out: dict[str, Any] = {"source": "thresher"} if layout == "dolma" else {}
    for ours, theirs in mapping.items():
        target = out
        *parents, leaf = theirs.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = row.get(ours)
    return out
