"""A letter prints every word of the name and address it was given, where a reader can read it:
a long line wraps inside the address block, clear of the reference and date; a character the
fonts cannot draw is refused before anything is issued; markdown signs print as typed
(issue 17)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape

import pytest
from sqlmodel import select

from logic import pdf
from logic.common.errors import FieldError
from logic.db import session_scope
from logic.letters import service as letters
from logic.models import Household, HousingCase
from logic.models.letters import IssuedLetter
from tests.letters.helpers import OPTIONS, case_for_letter, case_on_relief_duty, pdf_text, version
from tests.support import unavailable

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _words(data: bytes, tmp_path) -> list[tuple[float, float, float, float, str]]:
    """Each word on the first page with its box (points), as poppler's pdftotext finds it."""
    exe = shutil.which("pdftotext")
    if exe is None:
        unavailable("pdftotext (poppler-utils) is not installed, so word positions cannot be read")
    source = tmp_path / "letter.pdf"
    source.write_bytes(data)
    out = subprocess.run([exe, "-bbox", "-f", "1", "-l", "1", str(source), "-"], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    return [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in WORD.findall(out)]


def _overlap(one, other) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _reference_block(words):
    starts = {"Our", "reference:", "Letter:", "Date:"}
    first = min(i for i, w in enumerate(words) if w[4] == "Our")
    return [w for w in words[first:] if w[4] in starts or w[0] > 300][:8]


def _document(addressee: tuple[str, ...]) -> pdf.LetterDocument:
    return pdf.LetterDocument(
        council_name="Hearth District Council", reference_lines=("Our reference: HL-000123", "Letter: L-000045"),
        date_text="30 November 2026", addressee_lines=addressee, title="Your housing application",
        blocks=(pdf.Paragraph("We have decided that we owe you the relief duty."),))


def test_a_300_character_address_line_wraps_inside_the_address_block_clear_of_the_reference(tmp_path):
    spaced = "Flat 12, The Old Brewery Buildings, " * 8 + "Hearthton"
    unbroken = "Z" * 300  # one word longer than the block: broken, not run on
    data = pdf.render_letter(_document(("Siân Ó Briain", spaced[:300], unbroken, "HT2 3AB"))).data
    words = _words(data, tmp_path)
    reference = [w for w in words if w[4] in {"Our", "reference:", "HL-000123", "Letter:", "L-000045", "Date:"}]
    assert len(reference) == 6
    address = [w for w in words if w[4].startswith(("Z", "Flat", "Brewery", "Hearthton"))]
    assert address
    assert [(a[4], r[4]) for a in address for r in reference if _overlap(a, r)] == []
    right_of_address = min(r[0] for r in reference)
    assert max(a[2] for a in address) < right_of_address
    text = pdf_text(data).replace(" ", "")
    assert unbroken in text and "HT23AB" in text  # every character printed, nothing cut off


def test_a_household_at_the_longest_address_the_record_holds_gets_a_readable_letter(store, team, tmp_path):
    case_id = case_on_relief_duty(team)
    longest = "Apartment 1204 " + "Q" * 185  # the address line's full 200 characters
    with session_scope() as session:
        household = session.get(Household, session.get(HousingCase, case_id).household_id)
        household.address_line1 = longest
        session.add(household)
    preview = letters.preview_letter(case_id=case_id, letter_type_code="relief_duty",
                                     officer_id=team.officer, options=OPTIONS["relief_duty"])
    words = _words(preview.pdf, tmp_path)
    reference = [w for w in words if w[4] in {"Our", "reference:", "Letter:", "PREVIEW,", "Date:"}]
    address = [w for w in words if "Q" in w[4] or w[4] == "Apartment"]
    assert reference and address
    assert [(a[4], r[4]) for a in address for r in reference if _overlap(a, r)] == []
    assert longest.replace(" ", "") in pdf_text(preview.pdf).replace(" ", "")


@pytest.mark.parametrize("given, character", [("Amara 👍", "👍 (U+1F44D)"), ("李华", "李 (U+674E)")])
def test_a_name_the_letter_fonts_cannot_draw_is_refused_before_anything_is_issued(store, team, given, character):
    case_id = case_for_letter(team, "relief_duty", given=given)
    expected = f"Applicant's name: contains a character the letter cannot print: {character}"
    with pytest.raises(FieldError) as previewed:
        letters.preview_letter(case_id=case_id, letter_type_code="relief_duty", officer_id=team.officer,
                               options=OPTIONS["relief_duty"])
    assert previewed.value.message.startswith(expected)
    before = version(case_id, team.officer)
    with pytest.raises(FieldError) as issued:
        letters.issue_letter(case_id=case_id, expected_version=before, letter_type_code="relief_duty",
                             officer_id=team.officer, options=OPTIONS["relief_duty"])
    assert issued.value.message.startswith(expected)
    assert issued.value.field == "addressee"
    with session_scope() as session:
        assert session.exec(select(IssuedLetter)).all() == []
    assert version(case_id, team.officer) == before


def test_a_name_written_with_markdown_signs_prints_those_signs_as_typed(store, team):
    case_id = case_for_letter(team, "relief_duty", given="**bold**", family="![x](http://e/x.png)")
    issued = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="relief_duty", officer_id=team.officer,
                                  options=OPTIONS["relief_duty"])
    _, data = letters.download_letter(letter_id=issued.id, viewer_id=team.officer)
    assert "**bold** ![x](http://e/x.png)" in pdf_text(data)
