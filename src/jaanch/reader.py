"""Read articles from files: ``.txt`` (one article), ``.jsonl`` (one per line), folders
(recursively, sorted), ``-`` (stdin) and pipes (``<(cat a.jsonl)``, a FIFO). A stream, or a
file whose name does not say its format, is read by its content: JSONL when its first
non-blank line is a JSON object, else one text article (HTML when it looks like a page);
``fmt`` (``--format``) says it instead. A stream is read once, front to back, never
seeked. Unreadable input never stops a run: it yields a :class:`ReadError` record with the
reason, and the caller reports it per document.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from jaanch.types import Article

MAX_FILE_BYTES = 8 * 1024 * 1024  # one article; JSONL files stream line by line
#: input formats: ``auto`` reads the file name, else the content
FORMATS = ("auto", "jsonl", "json", "text", "html")
#: what ``--format`` says on the command line
FORMAT_HELP = (
    "Input format: auto (file name, else content: JSONL when the first line is a JSON "
    "object, else one text article), jsonl, json, text or html."
)
LEGACY_FONT_RE = re.compile(r"[\u00a1-\u00ff]{3,}")
HTML_RE = re.compile(r"<(html|body|div|p|script|span|br|a)\b", re.I)
TAG_RE = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)


ISO_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def norm_date(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or a year/month prefix) from ISO or RFC 2822 text
    (``Tue, 23 Sep 2025 19:33:00 +0530`` -> ``2025-09-23``); None when unreadable."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = ISO_DATE_RE.match(s)
    if m:
        return m.group(0)
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


@dataclass
class ReadError:
    id: str
    source: str
    error: str


def iter_inputs(paths: list[str], fmt: str = "auto") -> Iterator[Article | ReadError]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    for p in paths:
        if p == "-":
            yield from read_stream(sys.stdin.buffer, "stdin", "<stdin>", fmt)
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                if f.suffix.lower() in (".txt", ".jsonl", ".json", ".html", ".htm"):
                    yield from _from_file(f, fmt)
        elif path.exists() and not path.is_file():
            # a pipe, a FIFO or a device: read as a stream, by its content
            yield from _stream_path(path, path.name, fmt)
        elif path.exists():
            yield from _from_file(path, fmt)
        else:
            yield ReadError(path.name, str(path), "no such file or folder")


def read_stream(
    fh: BinaryIO, name: str, source: str, fmt: str = "auto"
) -> Iterator[Article | ReadError]:
    """Articles of a byte stream read once from the front: JSONL line by line (ids
    ``name:n`` where a line has none), or the whole stream as one article."""
    pending: list[bytes] = []
    if fmt == "auto":
        first = b""
        while True:
            raw_line = fh.readline(MAX_FILE_BYTES + 1)
            if not raw_line:
                break
            pending.append(raw_line)
            if raw_line.strip():
                first = raw_line
                break
        first = first.lstrip()
        if first.startswith(b"\xef\xbb\xbf"):
            first = first[3:].lstrip()
        fmt = "jsonl" if first.startswith(b"{") else "text"
    if fmt == "jsonl":
        for n, raw in enumerate(itertools.chain(pending, fh), 1):
            if not raw.strip():
                continue
            decoded = _decode(raw, f"{source}:{n}")
            if isinstance(decoded, ReadError):
                decoded.id = f"{name}:{n}"
                yield decoded
                continue
            yield from _from_jsonl_lines([decoded], f"{name}:{n}", source=f"{source}:{n}")
        return
    size = sum(len(x) for x in pending)
    data = b"".join(pending) + fh.read(max(0, MAX_FILE_BYTES + 1 - size))
    if len(data) > MAX_FILE_BYTES:
        yield ReadError(
            name,
            source,
            f"over the {MAX_FILE_BYTES:,}-byte limit for one article; "
            "give JSONL (one article a line) for more",
        )
        return
    text = _decode(data, source)
    if isinstance(text, ReadError):
        text.id = name
        yield text
        return
    yield from _from_text(text, name, source, fmt)


def _from_text(text: str, name: str, source: str, fmt: str) -> Iterator[Article | ReadError]:
    """One document's decoded text in format ``fmt`` (``text``, ``html`` or ``json``)."""
    if fmt == "json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            yield ReadError(name, source, f"invalid JSON: {e.msg} at line {e.lineno}")
            return
        yield from from_object(obj, name, source)
        return
    if fmt == "html" or HTML_RE.search(text[:2000]):
        text = html_to_text(text)
    yield from _checked(Article(id=name, text=text), source)


def _decode(data: bytes, source: str) -> str | ReadError:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        for enc in ("utf-16",):
            if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
                try:
                    return data.decode(enc)
                except UnicodeDecodeError:
                    pass
        return ReadError(
            Path(source).stem,
            source,
            f"not UTF-8 text (byte {e.start}: {data[e.start : e.start + 1]!r}); "
            "convert the file to UTF-8 first",
        )


def _from_file(path: Path, fmt: str = "auto") -> Iterator[Article | ReadError]:
    suffix = path.suffix.lower()
    if fmt == "auto":
        fmt = {".jsonl": "jsonl", ".json": "json", ".html": "html", ".htm": "html"}.get(
            suffix, "auto"
        )
    if fmt == "jsonl":
        yield from _from_jsonl_file(path)
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield ReadError(path.stem, str(path), f"cannot read: {e.strerror}")
        return
    if size > MAX_FILE_BYTES and fmt != "auto":
        yield ReadError(
            path.stem,
            str(path),
            f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for one article",
        )
        return
    # a name that does not say the format (.txt, none): the content does
    yield from _stream_path(path, path.stem, fmt)


def _stream_path(path: Path, name: str, fmt: str) -> Iterator[Article | ReadError]:
    """:func:`read_stream` over the file or pipe at ``path``."""
    try:
        fh = path.open("rb")
    except OSError as e:
        yield ReadError(name, str(path), f"cannot read: {e.strerror}")
        return
    with fh:
        yield from read_stream(fh, name, str(path), fmt)


def _from_jsonl_file(path: Path) -> Iterator[Article | ReadError]:
    with path.open("rb") as fh:
        yield from read_stream(fh, path.stem, str(path), "jsonl")


def _from_jsonl_lines(
    lines: list[str], fallback: str, source: str | None = None
) -> Iterator[Article | ReadError]:
    for n, line in enumerate(lines, 1):
        fid = fallback if len(lines) == 1 else f"{fallback}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(fid, source or fid, f"invalid JSON: {e.msg}")
            continue
        yield from from_object(obj, fid, source or fid)


def from_object(obj: object, fallback: str, source: str) -> Iterator[Article | ReadError]:
    if not isinstance(obj, dict):
        yield ReadError(fallback, source, "a JSON article must be an object with a 'text' field")
        return
    text = obj.get("text")
    aid = str(obj.get("id") or fallback)
    if not isinstance(text, str):
        yield ReadError(aid, source, "missing 'text' string")
        return
    if HTML_RE.search(text[:2000]):
        text = html_to_text(text)
    published = obj.get("published") or obj.get("date")
    yield from _checked(
        Article(
            id=aid,
            text=text,
            title=obj.get("title") if isinstance(obj.get("title"), str) else None,
            published=norm_date(published),
            source=obj.get("source") if isinstance(obj.get("source"), str) else None,
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            author=obj.get("author") if isinstance(obj.get("author"), str) else None,
        ),
        source,
    )


def _checked(article: Article, source: str) -> Iterator[Article | ReadError]:
    if not article.text.strip():
        yield ReadError(article.id, source, "empty text")
        return
    deva = sum(1 for ch in article.text if "\u0900" <= ch <= "\u097f")
    latin1 = len(LEGACY_FONT_RE.findall(article.text))
    if deva == 0 and latin1 > 20:
        yield ReadError(
            article.id,
            source,
            "looks like legacy-font (Kruti Dev/Chanakya) text: no Devanagari, many Latin-1 "
            "letters; convert it to Unicode first",
        )
        return
    yield article


def html_to_text(html: str) -> str:
    """Strip tags, scripts and styles from an HTML page (entities unescaped)."""
    import html as html_lib

    text = TAG_RE.sub("\n", html)
    text = html_lib.unescape(text)
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)
