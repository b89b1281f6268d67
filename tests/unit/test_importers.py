"""Record importers on realistic exports (Scopus, Ovid, PubMed, NORART, EndNote, ASReview, Excel)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.io.importers import detect_format, read_records
from workbench.io.importers._common import norm_doi, norm_pages, split_authors

DATA = Path(__file__).resolve().parents[1] / "data" / "records"
BAD = DATA / "malformed"


def test_scopus_ris_normalises_fields() -> None:
    parsed = read_records(DATA / "scopus.ris")
    assert parsed.fmt == "ris" and parsed.source_hint == "Scopus"
    first = parsed.records[0]
    assert first.authors[:2] == ["Vabø, M.", "Christensen, K."]
    assert first.year == 2013 and first.volume == "41" and first.issue == "5"
    assert first.pages == "512-519"  # "SP 512 / EP 19" expanded
    assert first.doi == "10.1177/1403494813481645"  # URL prefix dropped, lowercase
    assert first.keywords == ["home care", "purchaser-provider", "Norway"]
    assert first.language == "en" and first.journal == "Scandinavian Journal of Public Health"
    assert parsed.records[1].language == "no"


def test_ovid_ris_uses_t1_a1_jf_and_accession_as_pmid() -> None:
    parsed = read_records(DATA / "ovid_medline.ris")
    rec = parsed.records[0]
    assert rec.title.startswith("Marketisation") and rec.authors[0] == "Vabo, Mia"
    assert rec.pmid == "23640982" and rec.doi == "10.1177/1403494813481645"  # DOI from the UR line
    assert rec.journal == "Scandinavian journal of public health" and rec.year == 2013
    assert parsed.source_hint == "Ovid MEDLINE(R) ALL"


def test_ris_header_lines_before_first_record_are_skipped() -> None:
    parsed = read_records(DATA / "jstor_header.ris")
    assert len(parsed.records) == 1 and parsed.records[0].line == 5


def test_pubmed_nbib_continuations_doi_and_language() -> None:
    parsed = read_records(DATA / "pubmed.nbib")
    assert parsed.fmt == "nbib" and parsed.source_hint == "PubMed" and len(parsed.records) == 3
    rec = parsed.records[0]
    assert rec.title == ("Marketisation, de-institutionalisation and the allocation of home care in "
                         "Norwegian municipalities.")
    assert "separate allocation office" in rec.abstract
    assert rec.authors[0] == "Vabø, Mia" and rec.pmid == "23640982" and rec.pages == "512-519"
    assert rec.doi == "10.1177/1403494813481645" and rec.language == "en"
    # "LID - 611" (an article number, not a DOI) must not be taken as the DOI
    assert parsed.records[1].doi == "10.1186/s12913-018-3420-1"
    assert parsed.records[2].language == "no" and parsed.records[2].year == 2017


def test_bibtex_latex_accents_booktitle_and_keys() -> None:
    parsed = read_records(DATA / "norart.bib")
    assert [r.external_id for r in parsed.records] == ["tondel2019tildeling", "vike2018", "hansen2020reablement"]
    first = parsed.records[0]
    assert first.authors == ["Tøndel, Gunhild", "Ervik, Rune"] and "skjønn" in first.title
    assert first.doi == "10.18261/issn.2387-5984-2019-02-04" and first.pages == "100-115"
    assert parsed.records[1].journal == "Den norske velferdsstaten"  # booktitle when no journal
    assert parsed.records[1].title.startswith("Velferdsstatens frontlinje")  # braces removed


def test_endnote_xml_style_wrapped_text() -> None:
    parsed = read_records(DATA / "endnote.xml")
    assert parsed.fmt == "endnote_xml" and parsed.source_hint == "Embase"
    rec = parsed.records[0]
    assert rec.authors == ["Berg, Liv", "Nilsen, Ole"] and rec.pmid == "30212345"
    assert rec.keywords == ["care transitions", "allocation"] and rec.journal == "BMC Health Services Research"
    assert parsed.records[1].title.startswith("Veileder for saksbehandling")


def test_asreview_csv_keeps_labels_and_ids() -> None:
    parsed = read_records(DATA / "asreview.csv")
    assert [r.external_id for r in parsed.records] == ["1", "2", "3"]
    assert [r.raw.get("label_included") for r in parsed.records] == ["1", "0", None]
    assert parsed.records[0].authors == ["Vabø, M.", "Christensen, K."]


def test_scopus_csv_maps_source_title_and_page_start_end() -> None:
    rec = read_records(DATA / "scopus_export.csv").records[0]
    assert rec.journal == "Scandinavian Journal of Public Health" and rec.source_db == "Scopus"
    assert rec.pages == "512-519" and rec.pmid == "23640982" and rec.keywords == ["home care", "allocation"]


def test_excel_first_sheet_skips_empty_rows() -> None:
    parsed = read_records(DATA / "idunn.xlsx")
    assert parsed.fmt == "excel" and len(parsed.records) == 2 and parsed.source_hint == "Idunn"
    assert parsed.records[0].year == 2021 and parsed.records[0].doi == "10.18261/nsf.11.2.3"
    assert parsed.records[0].issue == "2"  # an Excel number, not "2.0"


def test_format_is_sniffed_from_content(tmp_path: Path) -> None:
    txt = tmp_path / "export.txt"
    txt.write_text((DATA / "pubmed.nbib").read_text(encoding="utf-8"), encoding="utf-8")
    assert detect_format(txt) == "nbib"
    wrong_ext = tmp_path / "actually_ris.bib"
    wrong_ext.write_text((DATA / "scopus.ris").read_text(encoding="utf-8"), encoding="utf-8")
    assert read_records(wrong_ext).fmt == "ris"
    with pytest.raises(InputError, match="unknown record format"):
        detect_format(tmp_path / "x.pdf", head="%PDF-1.7")


@pytest.mark.parametrize(("name", "line", "words"), [
    ("unterminated.ris", 10, "no 'ER  -'"),
    ("stray_text.ris", 4, "outside a record"),
    ("bad_line.nbib", 4, "not a MEDLINE field"),
    ("unbalanced.bib", 6, "not closed"),
    ("broken.xml", 4, "malformed EndNote XML"),
    ("unterminated_quote.csv", 3, "unterminated"),
])
def test_malformed_files_name_file_and_line(name: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as info:
        read_records(BAD / name)
    assert info.value.path == str(BAD / name) and info.value.line == line
    assert words in str(info.value) and f"{name}:{line}:" in str(info.value)


@pytest.mark.parametrize("name", ["no_title.csv", "no_title.xlsx"])
def test_table_without_title_column_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="no title column") as info:
        read_records(BAD / name)
    assert name in str(info.value)


def test_field_normalisers() -> None:
    assert norm_doi("https://dx.doi.org/10.1000/ABC.123.") == "10.1000/abc.123"
    assert norm_doi("doi: 10.1000/xyz [doi]") == "10.1000/xyz"
    assert norm_doi("no doi here") == ""
    assert norm_pages("221-8") == "221-228" and norm_pages("S33–38") == "S33-38" and norm_pages("S1234-8") == "S1234-S1238"
    assert norm_pages("1355", "1356") == "1355-1356" and norm_pages("e12345") == "e12345"
    assert split_authors("Smith J, Jones K, Berg L") == ["Smith J", "Jones K", "Berg L"]
    assert split_authors("Smith, John") == ["Smith, John"]
    assert split_authors("Berg, Liv and Nilsen, Ole") == ["Berg, Liv", "Nilsen, Ole"]


def test_utf16_ris_and_nbib_without_blank_lines(tmp_path: Path) -> None:
    ris16 = tmp_path / "endnote_utf16.ris"
    ris16.write_bytes((DATA / "scopus.ris").read_text(encoding="utf-8").encode("utf-16"))
    parsed = read_records(ris16)
    assert parsed.fmt == "ris" and parsed.records[0].authors[0] == "Vabø, M."
    squeezed = tmp_path / "squeezed.nbib"
    squeezed.write_text("PMID- 1\nTI  - First\nPMID- 2\nTI  - Second\n", encoding="utf-8")
    assert [r.pmid for r in read_records(squeezed).records] == ["1", "2"]


def test_bibtex_duplicate_keys_keep_both_entries(tmp_path: Path) -> None:
    bib = tmp_path / "dup.bib"
    bib.write_text("@article{k1, title={First one}, year={2001}}\n@article{k1, title={Second one}, year={2002}}\n",
                   encoding="utf-8")
    assert [r.title for r in read_records(bib).records] == ["First one", "Second one"]
