"""A document's own publisher, rights, source and policy addresses and
identifier (front matter) over the project's, on its HTML, text and PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO, run, tree_checksums

NCI = """---
title: Fatigue and Cancer Treatment
updated: 2024-03-01
publisher: National Cancer Institute
rights: "Public domain: U.S. Government work"
source_url: https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue
document_id: NCI-PDQ-FATIGUE-2024
---

# Fatigue and Cancer Treatment

Fatigue is a common side effect of cancer treatment. Call 212-639-2000 if you cannot get out of bed.
"""

SETTINGS = """[tool.locpipe]
name = "MSK patient education"
languages = []

[tool.locpipe.publisher]
name = "Memorial Sloan Kettering Cancer Center"
policy_url = "https://www.mskcc.org/pe/health-information-policy"
"""


@pytest.fixture
def two_publishers(tmp_path):
    """The bundled MSK leaflet and an NCI leaflet in one MSK project."""
    root = tmp_path / "library"
    (root / "locale").mkdir(parents=True)
    shutil.copytree(REPO / "source", root / "source")
    (root / "source" / "nci-fatigue.md").write_text(NCI, encoding="utf-8")
    (root / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    return root


def test_a_document_names_its_own_publisher_and_rights(two_publishers):
    assert run(two_publishers, "build") == 0
    output = two_publishers / "output" / "en"
    nci = (output / "nci-fatigue.html").read_text(encoding="utf-8")
    assert "<title>Fatigue and Cancer Treatment | National Cancer Institute</title>" in nci
    assert "<p>Public domain: U.S. Government work</p>" in nci
    assert ('<a href="https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue" dir="ltr">'
            in nci)
    assert "Memorial Sloan Kettering" not in nci and "health-information-policy" not in nci
    text = (output / "nci-fatigue.txt").read_text(encoding="utf-8")
    assert "Public domain: U.S. Government work\n" in text
    assert "Source: https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue" in " ".join(text.split())
    assert "Memorial Sloan Kettering" not in text

    msk = (output / "cytokine-release-syndrome.html").read_text(encoding="utf-8")
    assert "All rights owned and reserved by Memorial Sloan Kettering Cancer Center" in msk
    assert 'href="https://www.mskcc.org/pe/health-information-policy"' in msk
    assert "Public domain" not in msk and "cancer.gov" not in msk


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_footer_carries_the_documents_identifier(two_publishers):
    (two_publishers / "source" / "cytokine-release-syndrome.md").unlink()
    assert run(two_publishers, "build", "--pdf", "--quiet") == 0
    text = subprocess.run(["pdftotext", str(two_publishers / "output" / "en" / "nci-fatigue.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "NCI-PDQ-FATIGUE-2024 · 2024-03-01 · " in text
    assert "Public domain: U.S. Government work" in text
    assert "Source: https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue" in " ".join(text.split())


@pytest.mark.parametrize("field, line, number, message", [
    ("document_id", "policy_url: javascript:alert(1)", 7, "front matter 'policy_url' must be a web address"),
    ("source_url", "source_url: www.cancer.gov", 6, "front matter 'source_url' must be a web address"),
    ("rights", "rights: [1, 2]", 5, "front matter 'rights' must be text"),
])
def test_a_bad_front_matter_field_is_refused_with_its_line(two_publishers, capsys, field, line, number, message):
    path = two_publishers / "source" / "nci-fatigue.md"
    lines = NCI.split("\n")
    lines = [line if text.startswith(f"{field}:") else text for text in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    before = tree_checksums(two_publishers)
    assert run(two_publishers, "build") == 2
    assert f"source/nci-fatigue.md:{number}: error: {message}" in capsys.readouterr().err
    assert tree_checksums(two_publishers) == before
