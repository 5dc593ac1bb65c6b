"""Input reading for ingest: everything ``jaanch.reader`` reads, plus ``.csv`` files (one
article per row, from a ``text`` column) and HTML pages whose article body is extracted
with selectolax (scripts, navigation, headers, footers and asides dropped; ``<article>``
or the densest block preferred; ``<title>``/``og:title`` and the published time kept).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from jaanch.reader import MAX_FILE_BYTES, ReadError, from_object, iter_inputs, norm_date
from jaanch.types import Article

TEXT_COLUMNS = ("text", "body", "content", "article")
READ_SUFFIXES = (".txt", ".jsonl", ".json", ".html", ".htm", ".csv", ".parquet")
DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "section", "td", "br")


def iter_sources(paths: list[str], fmt: str = "auto") -> Iterator[tuple[Article | ReadError, str]]:
    """Yield ``(article or error, origin)`` for every input document, in order. ``fmt``
    (``jaanch.reader.FORMATS``) overrides what file names and content say."""
    for p in paths:
        if p == "-":
            for item in iter_inputs(["-"], fmt):
                yield item, (item.source if isinstance(item, ReadError) else "<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                if f.suffix.lower() in READ_SUFFIXES:
                    yield from _file(f, fmt)
        else:
            yield from _file(path, fmt)


def _file(path: Path, fmt: str = "auto") -> Iterator[tuple[Article | ReadError, str]]:
    suffix = path.suffix.lower()
    if not path.exists():
        yield ReadError(path.name, str(path), "no such file or folder"), str(path)
        return
    if fmt != "auto" or not path.is_file():
        # a stated format, or a pipe read by its content (jaanch.reader.read_stream)
        for item in iter_inputs([str(path)], fmt):
            yield item, (item.source if isinstance(item, ReadError) else str(path))
        return
    if suffix == ".csv":
        for item in read_csv(path):
            yield item, (item.source if isinstance(item, ReadError) else f"{path}:{item.id}")
        return
    if suffix in (".html", ".htm"):
        item = read_html_file(path)
        yield item, str(path)
        return
    if suffix == ".jsonl":
        for item, origin in read_jsonl(path):
            yield item, origin
        return
    if suffix == ".parquet":
        yield from read_parquet(path)
        return
    for item in iter_inputs([str(path)]):
        yield item, (item.source if isinstance(item, ReadError) else str(path))


def read_jsonl(path: Path) -> Iterator[tuple[Article | ReadError, str]]:
    """JSONL articles as ``jaanch.reader`` reads them, with published dates normalised
    (RFC 2822 dates such as ``Wed, 16 Jun 2021 ...`` become ISO)."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            origin = f"{path}:{n}"
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as e:
                yield (
                    ReadError(f"{path.stem}:{n}", origin, f"not UTF-8 text (byte {e.start})"),
                    origin,
                )
                continue
            except json.JSONDecodeError as e:
                yield ReadError(f"{path.stem}:{n}", origin, f"invalid JSON: {e.msg}"), origin
                continue
            pub = obj.get("published") if isinstance(obj, dict) else None
            for item in from_object(obj, f"{path.stem}:{n}", origin):
                if isinstance(item, Article):
                    item.published = norm_date(pub)
                yield item, origin


def read_parquet(path: Path) -> Iterator[tuple[Article | ReadError, str]]:
    """Articles from a Parquet file with a text column (``text``/``body``/...) and, when
    present, ``id``, ``title``, ``published``, ``source``, ``url`` and ``author``; read in
    row batches (pyarrow)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        reason = "reading Parquet needs pyarrow (pip install 'jaanch[parquet]')"
        yield ReadError(path.stem, str(path), reason), str(path)
        return
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 - any unreadable file is a per-document error
        yield ReadError(path.stem, str(path), f"not a readable Parquet file: {e}"), str(path)
        return
    names = {n.lower(): n for n in pf.schema_arrow.names}
    col = next((names[c] for c in TEXT_COLUMNS if c in names), None)
    if col is None:
        reason = f"no text column (one of {', '.join(TEXT_COLUMNS)})"
        yield ReadError(path.stem, str(path), reason), str(path)
        return
    n = 0
    for batch in pf.iter_batches(batch_size=1000):
        for row in batch.to_pylist():
            n += 1
            origin = f"{path}:{n}"
            obj = {k.lower(): v for k, v in row.items()}
            obj["text"] = row.get(col)
            if obj.get("id") in (None, ""):
                obj["id"] = f"{path.stem}:{n}"
            obj["id"] = str(obj["id"])
            for k in ("published", "title", "source", "url", "author"):
                if obj.get(k) is not None and not isinstance(obj[k], str):
                    obj[k] = str(obj[k])
            for item in from_object(obj, str(obj["id"]), origin):
                yield item, origin


def read_csv(path: Path) -> Iterator[Article | ReadError]:
    """Articles from a CSV with a header row and a text column (``text``/``body``/...)."""
    try:
        data = path.read_bytes()
        raw = data.decode("utf-8-sig")
    except OSError as e:
        yield ReadError(path.stem, str(path), f"cannot read: {e.strerror}")
        return
    except UnicodeDecodeError as e:
        yield ReadError(path.stem, str(path), f"not UTF-8 text (byte {e.start})")
        return
    csv.field_size_limit(min(sys.maxsize, MAX_FILE_BYTES))
    try:
        reader = csv.DictReader(io.StringIO(raw))
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    except csv.Error as e:
        yield ReadError(path.stem, str(path), f"invalid CSV: {e}")
        return
    col = next((c for c in TEXT_COLUMNS if c in fields), None)
    if col is None:
        yield ReadError(
            path.stem, str(path), f"CSV has no text column (one of {', '.join(TEXT_COLUMNS)})"
        )
        return
    names = reader.fieldnames or []
    lookup = {f.strip().lower(): f for f in names}
    try:
        for n, row in enumerate(reader, 1):

            def get(k: str, row: dict[str, str] = row) -> str | None:
                v = row.get(lookup.get(k, k))
                return v.strip() if isinstance(v, str) and v.strip() else None

            text = get(col)
            aid = get("id") or f"{path.stem}:{n}"
            if not text:
                yield ReadError(aid, f"{path}:{n}", "empty text")
                continue
            pub = norm_date(get("published") or get("date"))
            yield Article(
                id=aid,
                text=text,
                title=get("title"),
                published=pub,
                source=get("source"),
                url=get("url"),
            )
    except csv.Error as e:
        yield ReadError(path.stem, str(path), f"invalid CSV: {e}")


def read_html_file(path: Path) -> Article | ReadError:
    try:
        data = path.read_bytes()
    except OSError as e:
        return ReadError(path.stem, str(path), f"cannot read: {e.strerror}")
    if len(data) > MAX_FILE_BYTES:
        return ReadError(path.stem, str(path), f"file is {len(data):,} bytes, over the limit")
    try:
        html = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return ReadError(path.stem, str(path), f"not UTF-8 text (byte {e.start})")
    art = html_article(html, path.stem)
    if not art.text.strip():
        return ReadError(path.stem, str(path), "no article text found in the HTML page")
    return art


def html_article(html: str, doc_id: str) -> Article:
    """The article in an HTML page: body text, title, published date and canonical URL."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)

    def meta(*names: str) -> str | None:
        for n in names:
            node = tree.css_first(f'meta[property="{n}"]') or tree.css_first(f'meta[name="{n}"]')
            if node is not None and node.attributes.get("content"):
                return (node.attributes.get("content") or "").strip()
        return None

    title = meta("og:title")
    if not title:
        t = tree.css_first("title")
        title = t.text(strip=True) if t is not None else None
    published = meta("article:published_time", "datePublished", "date", "pubdate")
    url = meta("og:url")
    tree.strip_tags(DROP_TAGS)
    root = tree.css_first("article") or _densest(tree) or tree.body
    text = _block_text(root) if root is not None else ""
    return Article(
        id=doc_id,
        text=text,
        title=title or None,
        published=norm_date(published),
        url=url,
    )


def _densest(tree: object) -> object | None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser
    from selectolax.lexbor import LexborNode as Node

    assert isinstance(tree, HTMLParser)
    best: Node | None = None
    best_len = 0
    for node in tree.css("div, section, main"):
        n = sum(len(p.text(strip=True)) for p in node.css("p"))
        if n > best_len * 1.2 or (best is None and n):
            best, best_len = node, n
    return best if best_len >= 200 else None


def _block_text(root: object) -> str:
    from selectolax.lexbor import LexborNode as Node

    assert isinstance(root, Node)
    paras = root.css("p, h1, h2, h3, li, blockquote")
    if paras and sum(len(p.text(strip=True)) for p in paras) >= 100:
        lines = [" ".join(p.text(separator=" ").split()) for p in paras]
    else:
        lines = [" ".join(ln.split()) for ln in root.text(separator="\n").splitlines()]
    return "\n".join(ln for ln in lines if ln)
