"""A council edits its letters' wording as data; a bad edit is refused naming the file and
key, and the law's minimum content cannot be edited out. The PDF layer fails clearly when the
machine lacks a font or the configured logo."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from logic import pdf
from logic.letters.templates import (
    DEFAULT_DIR,
    LetterTemplateError,
    load_letter_book,
    parse_council,
    parse_template,
)


def _template(name: str) -> dict:
    with (DEFAULT_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_every_shipped_template_loads_and_has_a_version():
    book = load_letter_book()
    assert all(t.version >= 1 for t in book.templates.values())
    assert book.council.team_name


def test_an_unknown_placeholder_is_refused_naming_the_file_block_and_key():
    data = _template("s184_not_eligible")
    data["block"][1]["text"] += " Reply by $reviw_deadline."
    with pytest.raises(LetterTemplateError, match=r"s184_not_eligible\.toml: block\[1\]\.text: "
                                                  r"unknown placeholder \$reviw_deadline"):
        parse_template(data, "s184_not_eligible.toml")


def test_a_stray_dollar_sign_is_refused_with_a_hint():
    data = _template("duty_ended")
    data["title"] = "Costs $ 5"
    with pytest.raises(LetterTemplateError, match=r"duty_ended\.toml: title: a '\$' must start"):
        parse_template(data, "duty_ended.toml")


def test_an_adverse_letter_cannot_lose_its_reasons_or_its_review_deadline():
    data = _template("s184_not_priority_need")
    data["block"] = [b for b in data["block"] if b.get("bullets") != "reasons"]
    with pytest.raises(LetterTemplateError, match="must list the reasons in full"):
        parse_template(data, "s184_not_priority_need.toml")
    data = _template("s184_not_priority_need")
    data["block"] = [b for b in data["block"] if "$review_deadline" not in b.get("text", "")]
    with pytest.raises(LetterTemplateError, match=r"must state \$review_deadline"):
        parse_template(data, "s184_not_priority_need.toml")
    data = _template("s184_not_priority_need")
    for block in data["block"]:
        if block.get("bullets") == "reasons":
            block["when"] = "has_determination"  # hiding the reasons behind a condition
    with pytest.raises(LetterTemplateError, match="shown in every case"):
        parse_template(data, "s184_not_priority_need.toml")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(version=0), r"version: give a whole number"),
    (lambda d: d.update(colour="red"), r"colour: unknown key"),
    (lambda d: d["block"][0].update(when="sunny"), r"block\[0\]\.when: unknown field 'sunny'"),
    (lambda d: d["block"][0].update(bullets="reasons"), r"block\[0\]: give exactly one of"),
    (lambda d: d["block"].append({"table": "council_steps", "columns": []}),
     r"block\[\d+\]\.table: unknown table 'council_steps' \(this letter has no tables\)"),
    (lambda d: d.update(letter_type="ta_offer"), r"letter_type: 'ta_offer' must match the file"),
])
def test_other_mistakes_name_the_key(change, message):
    data = _template("duty_ended")
    change(data)
    with pytest.raises(LetterTemplateError, match=message):
        parse_template(data, "duty_ended.toml")


def test_a_plan_table_column_must_exist():
    data = _template("personal_housing_plan")
    table = next(b for b in data["block"] if b.get("table") == "council_steps")
    table["columns"][1]["field"] = "cost"
    with pytest.raises(LetterTemplateError, match=r"columns\[1\]\.field: unknown column 'cost'"):
        parse_template(data, "personal_housing_plan.toml")


def test_a_folder_missing_a_letter_or_with_a_broken_file_is_refused(tmp_path):
    folder = tmp_path / "letters"
    shutil.copytree(DEFAULT_DIR, folder)
    (folder / "ta_offer.toml").unlink()
    with pytest.raises(LetterTemplateError, match=r"ta_offer\.toml: missing"):
        load_letter_book(folder)
    shutil.copy(DEFAULT_DIR / "ta_offer.toml", folder / "ta_offer.toml")
    (folder / "duty_ended.toml").write_text("version = [", encoding="utf-8")
    with pytest.raises(LetterTemplateError, match=r"duty_ended\.toml: not valid TOML"):
        load_letter_book(folder)


def test_the_council_file_is_checked_too():
    with (DEFAULT_DIR / "council.toml").open("rb") as handle:
        data = tomllib.load(handle)
    del data["phone"]
    with pytest.raises(LetterTemplateError, match=r"council\.toml: phone: missing"):
        parse_council(data)


def _document(**kw) -> pdf.LetterDocument:
    values = dict(council_name="Cyngor Sir Ynys Môn", reference_lines=("Our reference: HL-1",),
                  date_text="1 December 2026", addressee_lines=("Siân Ó Briain", "Bryn Hyfryd"),
                  title="Łukasik – a test", blocks=(pdf.Paragraph("£95 ✓ Zoë"),))
    values.update(kw)
    return pdf.LetterDocument(**values)


def test_a_missing_font_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("HEARTH_FONT_DIR", str(tmp_path))
    with pytest.raises(pdf.PdfSetupError, match=r"fonts-dejavu-core.*DejaVuSans\.ttf"):
        pdf.render_letter(_document())


def test_the_configured_logo_is_printed_and_a_missing_one_is_named(monkeypatch, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (20, 80, 160)).save(logo)
    monkeypatch.setenv("HEARTH_COUNCIL_LOGO", str(logo))
    with_logo = pdf.render_letter(_document(logo_path=pdf.council_logo()))
    assert b"/Subtype /Image" in with_logo.data
    monkeypatch.setenv("HEARTH_COUNCIL_LOGO", str(tmp_path / "nowhere.png"))
    with pytest.raises(pdf.PdfSetupError, match="HEARTH_COUNCIL_LOGO"):
        pdf.council_logo()


def test_letters_rendered_one_after_another_each_carry_their_own_characters():
    # the parsed fonts are shared between letters; each letter's font subset must be its own
    from tests.letters.helpers import pdf_text

    first = pdf.render_letter(_document(blocks=(pdf.Paragraph("Ærøskøbing Ŵ"),)))
    second = pdf.render_letter(_document(blocks=(pdf.Paragraph("Þórunn Ğ ß 1984"),)))
    assert "Ærøskøbing Ŵ" in pdf_text(first.data)
    assert "Þórunn Ğ ß 1984" in pdf_text(second.data)
    assert "Łukasik – a test" in pdf_text(second.data)


def _embedded_fonts(data: bytes) -> dict[str, tuple]:
    """Each embedded font's name and what it prints, as a PDF reader finds them: its glyphs in
    order with their outlines (compiled), advance widths and the characters mapped to them."""
    from io import BytesIO

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    out = {}
    for page in PdfReader(BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = TTFont(BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            glyf = program["glyf"]
            out[str(font["/BaseFont"])] = (
                tuple((name, glyf[name].compile(glyf)) for name in program.getGlyphOrder()),
                program["hmtx"].metrics, program["cmap"].getBestCmap())
    return out


def _long_letter(**kw) -> pdf.LetterDocument:
    words = ("We wrote to you on 3 November 2026 about the steps in your personal housing plan – "
             "“Register with two letting agents” and ‘Send us your bank statements’ – and you "
             "have not taken them. The charge is £95.50 a week (€110). ")
    blocks = (pdf.Heading("Why we are writing"), pdf.Paragraph(words * 4),
              pdf.Bullets(("Attend the viewing arranged with the letting agent.", "Ring us • today")),
              pdf.Table(("Number", "Step", "Due"), (("1", "Register with Hearthton Lettings", "Ongoing"),
                                                    ("2", "Ffordd Glyndŵr: Ŵ ŷ ẁ", "1 Dec 2026"))),
              pdf.Heading("What happens next"), pdf.Paragraph(words * 6, bold=True))
    return _document(blocks=blocks, footer_text="Hearthton Council · s193b_warning v2", **kw)


def test_a_letter_cut_from_the_shared_small_fonts_is_the_letter_the_full_fonts_make():
    # the fonts are subset once to the characters letters are written in, and each letter's
    # subset is cut from that: the same text, pages and embedded fonts as from the full fonts
    from tests.letters.helpers import page_count, pdf_text

    letter = _long_letter()
    fast, full = pdf.render_letter(letter), pdf.render_letter(letter, full_fonts=True)
    assert pdf_text(fast.data) == pdf_text(full.data)
    assert "Ffordd Glyndŵr: Ŵ ŷ ẁ" in pdf_text(fast.data)
    assert fast.pages == full.pages == page_count(fast.data) == 2
    assert _embedded_fonts(fast.data) == _embedded_fonts(full.data)
    # letters print no italics: only the regular and bold faces are embedded
    assert sorted(_embedded_fonts(fast.data)) == ["/MPDFAA+DejaVuSansBold", "/MPDFAA+DejaVuSansBook"]


def test_a_name_outside_the_common_characters_is_printed_from_the_full_fonts():
    from tests.letters.helpers import pdf_text

    letter = _long_letter(addressee_lines=("Ольга Петрова", "Αθηνά Παπαδοπούλου", "Hearthton"))
    text = pdf_text(pdf.render_letter(letter).data)
    assert "Ольга Петрова" in text and "Αθηνά Παπαδοπούλου" in text
    assert text == pdf_text(pdf.render_letter(letter, full_fonts=True).data)


def test_a_worker_started_from_the_app_does_not_run_the_apps_script(monkeypatch, tmp_path):
    # Streamlit runs app.py as the main module; a batch's workers must lay letters out, not
    # start the app again (on DuckDB they would fight the app for the store's file)
    import sys
    import types

    marker = tmp_path / "ran"
    script = tmp_path / "app.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('the app ran')\n")
    app = types.ModuleType("__main__")
    app.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", app)
    monkeypatch.setattr(pdf, "_pool", None)  # workers started from this "app"
    try:
        render = pdf.letter_renderer(pdf.POOL_FROM)
        assert [render(_document()).result().pages for _ in range(pdf.POOL_FROM)] == [1] * pdf.POOL_FROM
        assert not marker.exists()
    finally:
        if pdf._pool is not None:
            pdf._pool.shutdown()
