import json
import subprocess
import sys
from pathlib import Path

import pytest

from jaanch.pipeline import ExtractionError, extract
from jaanch.reader import ReadError, html_to_text, iter_inputs


def test_empty_text_is_a_clear_error():
    with pytest.raises(ExtractionError, match="empty"):
        extract("   ")


def test_huge_text_is_refused_not_crashed():
    with pytest.raises(ExtractionError, match="characters"):
        extract("क" * 2_000_001)


def test_reader_reports_bad_documents_and_keeps_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text("कानपुर में पुलिस ने आरोपी को गिरफ्तार किया।", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("गिरफ्तार".encode()[:4] + b"\xff\xfe\x00abc")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "legacy.txt").write_text(
        "vkjksih dks fxj¶rkj fd;k x;k " * 5 + "Ãæ¿ÆÇÈ " * 30, encoding="utf-8"
    )
    (tmp_path / "big.txt").write_bytes(b"a" * (20 * 1024 * 1024))
    (tmp_path / "bad.jsonl").write_text(
        '{"id": "ok", "text": "दारोगा निलंबित"}\n{not json}\n{"id": "x"}\n', encoding="utf-8"
    )
    items = list(iter_inputs([str(tmp_path)]))
    good = [i for i in items if not isinstance(i, ReadError)]
    bad = {i.source.split("/")[-1]: i.error for i in items if isinstance(i, ReadError)}
    assert sorted(a.id for a in good) == ["good", "ok"]
    assert "UTF-8" in bad["latin1.txt"]
    assert "empty" in bad["empty.txt"]
    assert "legacy-font" in bad["legacy.txt"]
    assert "limit" in bad["big.txt"]
    assert any("invalid JSON" in e for e in bad.values())
    assert any("missing 'text'" in e for e in bad.values())


def test_html_is_stripped():
    text = html_to_text(
        "<html><script>alert(1)</script><body><p>पुलिस ने <b>छापा</b> मारा</p></body></html>"
    )
    assert "alert" not in text
    assert "पुलिस ने" in text and "छापा" in text


def test_cli_keeps_going_after_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text(
        "लखनऊ में दारोगा रमेश यादव को निलंबित कर दिया गया।", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_bytes(b"\xfa\xfb not utf8 \x81")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "jaanch.cli",
            "extract",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    lines = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [ln["article"]["id"] for ln in lines] == ["a", "b"]
    assert "error" in lines[1] and "error" not in lines[0]
    assert "1 failed" in r.stderr


def test_an_internal_error_in_one_document_does_not_stop_the_run(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jaanch import pipeline
    from jaanch.cli import app

    good = "लखनऊ में दारोगा रमेश यादव को निलंबित कर दिया गया।"
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "boom", "text": "विस्फोट " + good}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "ok", "text": good}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    real_run = pipeline.Pipeline.run

    def run(self, article):  # a recogniser bug in one article only
        if article.id == "boom":
            raise IndexError("list index out of range")
        return real_run(self, article)

    monkeypatch.setattr(pipeline.Pipeline, "run", run)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    recs = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article"]["id"] for r in recs] == ["boom", "ok"]
    assert "internal error (IndexError" in recs[0]["error"]
    assert "suspension" in recs[1]["actions"]


def test_a_user_error_is_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    jaanch = str(Path(sys.executable).with_name("jaanch"))
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    cmd = [jaanch, "export", "--db", db, "--format", "jsonl", "-o", "/nonexistent/dir/out.jsonl"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "│" not in r.stderr
    assert "No such file or directory" in r.stderr and "--debug" in r.stderr
    r = subprocess.run([*cmd, "--debug"], capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "Traceback" in r.stderr
