"""`kb memo` in every format, to stdout and to files."""

from __future__ import annotations

import pytest
from docx import Document

from kb_service.cli.main import main


def test_md_to_stdout(capsys):
    assert main(["memo", "--regime", "state", "--lang", "ky", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "Документтерди көрсөтүү" in out and "Персоналды башкаруу кызматынын абалы" in out


def test_html_to_stdout_municipal(capsys):
    assert main(["memo", "--regime", "municipal", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.lstrip().lower().startswith("<!doctype html")
    assert "жергиликтүү өз алдынча башкаруу органынын" in out


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_docx_file(tmp_path, lang):
    out = tmp_path / f"memo-{lang}.docx"
    assert main(["memo", "--lang", lang, "--format", "docx", "-o", str(out)]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert text.count("\n") > 60
    if lang == "ky":
        assert "Эмгек китепчелер" in text


def test_pdf_file(tmp_path):
    out = tmp_path / "memo.pdf"
    assert main(["memo", "--regime", "municipal", "--format", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "memo.pdf.part").exists()


def test_binary_format_needs_output_file(capsys):
    assert main(["memo", "--format", "pdf"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_unknown_regime_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["memo", "--regime", "federal"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_runs():
    import subprocess
    import sys
    from pathlib import Path

    kb = Path(sys.executable).parent / "kb"
    result = subprocess.run(
        [str(kb), "law", "--section", "6", "--lang", "ru"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "308" in result.stdout
