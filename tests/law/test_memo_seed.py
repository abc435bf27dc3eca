"""The memo seed lives in the repository, byte for byte as received, and names its origin."""

from __future__ import annotations

import hashlib
import re

from repo_paths import ROOT

ORIGIN = "shared/seeds/000_a806a5ab0afb6e8d.txt"


def _readme(seed_path) -> str:
    readme = seed_path.parent / "README.md"
    assert readme.is_file(), f"no README beside the seed: {readme}"
    return readme.read_text(encoding="utf-8")


def test_the_seed_is_inside_the_repository(seed_path):
    assert seed_path.resolve().is_relative_to(ROOT), seed_path
    assert seed_path.name == ORIGIN.rsplit("/", 1)[1]


def test_the_readme_names_the_origin_and_says_verbatim(seed_path):
    text = _readme(seed_path)
    assert f"**Origin:** `{ORIGIN}`" in text
    assert "**Kept verbatim:** a byte-identical copy" in text


def test_the_copy_matches_the_digest_and_size_its_readme_records(seed_path):
    text = _readme(seed_path)
    digest = re.search(r"\*\*SHA-256:\*\* `([0-9a-f]{64})` \(([\d,]+) bytes\)", text)
    assert digest, "the README records no SHA-256 and size"
    data = seed_path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest[1]
    assert len(data) == int(digest[2].replace(",", ""))


def test_git_does_not_convert_the_seeds_line_endings(seed_path):
    rel = seed_path.relative_to(ROOT).as_posix()
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert f"{rel} -text" in attributes


def test_the_seed_reads_as_the_memo(seed_text):
    assert seed_text.lstrip().startswith("**Мамлекеттик жарандык кызмат")
    assert "эскертме" in seed_text
