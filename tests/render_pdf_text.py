"""Text of a rendered PDF, for the render tests (pdftotext from poppler-utils, else pypdf)."""

import io
import shutil
import subprocess

import pytest


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        )
        return done.stdout.decode("utf-8")
    pypdf = pytest.importorskip("pypdf", reason="needs pdftotext (poppler-utils) or pypdf")
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
