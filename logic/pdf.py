"""The one module that knows fpdf2: a letter described as plain data in, PDF bytes out.

A :class:`LetterDocument` is what the letters package builds from a template and a case:
council name and logo, reference, date, addressee block, title, then blocks (headings,
paragraphs, bullet lists, tables). This module lays it out on A4 with page numbers
("Page 1 of 2") in a Unicode TrueType font, so names such as Zoë Łukasik or Siân Ó Briain
print as written (fpdf2's built-in fonts cannot print Ł or an en dash).

Fonts: DejaVu from Debian's ``fonts-dejavu-core`` (``/usr/share/fonts/truetype/dejavu``), or
the folder named by ``HEARTH_FONT_DIR``. Parsing the TrueType files and cutting each letter's
font subset out of a full DejaVu font cost far more than laying out a two-page letter, so once a
process each font is parsed (fpdf2's own font object, shared by every letter through fpdf2's
font copy, which shares the parsed tables) and subset once to the characters letters are
written in (:data:`COMMON_TEXT`: Latin, punctuation, currency); each letter then cuts its own
subset out of that small font, which gives the same embedded font as cutting it out of the
full one. A letter holding a character the fonts have outside those ranges (a name in Greek or
Cyrillic, say) is laid out with the full fonts instead, as before. Letters use no italics, so
only the regular and bold faces are embedded.

Logo: ``HEARTH_COUNCIL_LOGO``, a PNG or JPEG path (optional). A path that is set but does
not exist is refused with a message naming the variable, rather than a letter without it.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from threading import Lock

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu"
# style -> file name in the font folder (letters print no italics)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# The Unicode ranges letters are written in, each font subset to them once (see the docstring):
# Basic Latin, Latin-1, Latin Extended-A and -B, Latin Extended Additional (Welsh ŵ ŷ), general
# punctuation (– “ ” •), currency (€), letterlike symbols (№), arrows, ✓ ✔.
COMMON_TEXT = ((0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF),
               (0x2100, 0x214F), (0x2190, 0x2199), (0x2713, 0x2714))

# layout (millimetres, points)
MARGIN = 20
BODY_SIZE = 10.5
LINE = 5.4
LOGO_HEIGHT = 18
ADDRESSEE_SHARE = 0.5  # of the text width: the addressee block, on the left
REFERENCE_FROM = 0.55  # the reference and date block, on the right, from here to the margin


class PdfSetupError(RuntimeError):
    """The machine lacks something a letter needs (a font file, the configured logo)."""


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths; equal when empty


Block = Heading | Paragraph | Bullets | Table


@dataclass(frozen=True)
class LetterDocument:
    council_name: str
    reference_lines: tuple[str, ...]  # "Our reference: HL-000123", "Letter: L-000045"
    date_text: str  # "23 November 2026"
    addressee_lines: tuple[str, ...]
    title: str
    blocks: tuple[Block, ...]
    council_address_lines: tuple[str, ...] = ()
    footer_text: str = ""
    logo_path: Path | None = None
    subject: str = ""  # PDF metadata
    author: str = ""
    created_at: datetime | None = None  # the PDF's creation date (the moment of issue)


def font_dir() -> Path:
    raw = os.environ.get("HEARTH_FONT_DIR", "").strip()
    return Path(raw) if raw else DEFAULT_FONT_DIR


def council_logo() -> Path | None:
    """The logo configured in ``HEARTH_COUNCIL_LOGO``; None when it is not set."""
    raw = os.environ.get("HEARTH_COUNCIL_LOGO", "").strip()
    if not raw:
        return None
    path = Path(raw)
    if not path.is_file():
        raise PdfSetupError(f"HEARTH_COUNCIL_LOGO: no image file at {path}")
    if path.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
        raise PdfSetupError(f"HEARTH_COUNCIL_LOGO: use a PNG or JPEG file, got {path.name}")
    return path


_lock = Lock()


class _LetterPdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(90, 90, 90)
        usable = self.w - self.l_margin - self.r_margin
        if self.footer_text:  # kept clear of the page number on the right
            self.cell(usable * 0.8, 4, self.footer_text[:150], align="L")
        self.set_x(self.l_margin + usable * 0.8)
        self.cell(usable * 0.2, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


@dataclass(frozen=True)
class _FontSet:
    """The letter fonts of one folder, parsed once a process (fonts: fpdf2's parsed font
    objects by font key; program: the bytes each letter's subset is cut from)."""

    fonts: dict[str, object]
    program: dict[str, bytes]


@dataclass(frozen=True)
class _Fonts:
    folder: Path
    common: _FontSet  # only the characters of COMMON_TEXT
    full: _FontSet  # every character the fonts have
    beyond_common: frozenset[int]  # characters the fonts have outside COMMON_TEXT


_fonts_loaded: _Fonts | None = None


def _load_fonts() -> _Fonts:
    """The fonts, parsed and subset to COMMON_TEXT once a process (see the docstring)."""
    global _fonts_loaded
    folder = font_dir()
    if _fonts_loaded is not None and _fonts_loaded.folder == folder:
        return _fonts_loaded
    missing = [str(folder / name) for name in FONT_FILES.values() if not (folder / name).is_file()]
    if missing:
        raise PdfSetupError(
            "Letters need the DejaVu Sans fonts (Debian package fonts-dejavu-core); missing: "
            + ", ".join(missing)
            + ". Install the package or set HEARTH_FONT_DIR to a folder holding these files."
        )
    common, full = FPDF(), FPDF()
    common_program, full_program = {}, {}
    beyond: set[int] = set()
    for style, name in FONT_FILES.items():
        path = folder / name
        full.add_font(FONT_FAMILY, style, str(path))
        common.add_font(FONT_FAMILY, style, str(path), unicode_range=list(COMMON_TEXT))
        key = f"{FONT_FAMILY.lower()}{style}"
        full_program[key] = _without_layout_tables(path)
        common_program[key] = _subset_program(full_program[key], set(common.fonts[key].cmap))
        beyond |= set(full.fonts[key].cmap) - set(common.fonts[key].cmap)
    _fonts_loaded = _Fonts(folder, _FontSet(dict(common.fonts), common_program),
                           _FontSet(dict(full.fonts), full_program), frozenset(beyond))
    return _fonts_loaded


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


# OpenType layout tables serve text shaping, which letters do not use; dropping them once
# makes each letter's font subsetting several times faster. Glyph ids are unchanged.
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "JSTF", "MATH")


def _without_layout_tables(path: Path) -> bytes:
    font = TTFont(str(path), recalcTimestamp=False)
    for tag in LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _subset_program(program: bytes, characters: set[int]) -> bytes:
    """The font cut down to these characters' glyphs, keeping what fpdf2's own subsetting of
    each letter reads (glyph names, hinting, the name table), so that cutting a letter's
    subset from it gives the same font as cutting it from the full font."""
    from fontTools import subset

    font = TTFont(BytesIO(program), recalcTimestamp=False)
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True,
                             name_IDs=["*"], name_languages=["*"], name_legacy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _characters(doc: LetterDocument) -> set[int]:
    texts = [doc.council_name, doc.date_text, doc.title, doc.footer_text[:150],
             *doc.reference_lines, *doc.addressee_lines, *doc.council_address_lines]
    for block in doc.blocks:
        if isinstance(block, Heading | Paragraph):
            texts.append(block.text)
        elif isinstance(block, Bullets):
            texts.extend(block.items)
        elif isinstance(block, Table):
            texts.extend(block.headings)
            texts.extend(str(cell) for row in block.rows for cell in row)
    return {ord(c) for text in texts for c in text}


# Line breaks and tabs are laid out, not drawn: no glyph is needed for them.
LAID_OUT = frozenset(map(ord, "\n\r\t"))


def drawable() -> frozenset[int]:
    """The characters every letter font (regular and bold) can draw."""
    with _lock:
        fonts = _load_fonts()
    faces = [set(font.cmap) for font in fonts.full.fonts.values()]
    return frozenset(set.intersection(*faces)) | LAID_OUT


def undrawable(document: LetterDocument) -> set[str]:
    """The characters of a letter the fonts cannot draw: fpdf2 would leave them out without a
    word (an emoji in a name simply vanished), so a letter holding one is refused before it
    is laid out, naming the field it came from (logic/letters/compose.py)."""
    return {chr(c) for c in _characters(document) - drawable()}


def _new_pdf(fonts: _FontSet) -> _LetterPdf:
    """A fresh document with the shared fonts: fpdf2's font copy shares the parsed tables and
    gives the letter its own glyph subset; the fontTools font that subsetting at output cuts
    down in place is the letter's own, read lazily from the bytes in memory (its bounding
    boxes are not recomputed: the glyphs, outlines and widths embedded are the same)."""
    pdf = _LetterPdf(format="A4", unit="mm")
    for key, font in fonts.fonts.items():
        mine = copy.deepcopy(font)
        mine.ttfont = TTFont(BytesIO(fonts.program[key]), recalcTimestamp=False, lazy=True, recalcBBoxes=False)
        pdf.fonts[key] = mine
    return pdf


def render_letter(document: LetterDocument, *, full_fonts: bool = False) -> RenderedPdf:
    """Lay a letter out as a PDF: its bytes and its number of pages.

    `full_fonts` lays it out with the full fonts even when its characters allow the common
    subset (the same letter; for tests that prove it)."""
    # One letter at a time per process: the parsed fonts are shared between letters and
    # fontTools loads their tables lazily, which is not safe from two threads at once.
    with _lock:
        fonts = _load_fonts()
        needs_full = full_fonts or bool(_characters(document) & fonts.beyond_common)
        return _lay_out(_new_pdf(fonts.full if needs_full else fonts.common), document)


# --- many letters on both cores -------------------------------------------------------------

# A batch of at least this many letters is laid out by worker processes, one a core, each
# parsing the fonts once when it starts; fewer are laid out here (starting workers costs more).
POOL_FROM = 4

_pool: ProcessPoolExecutor | None = None
_pool_folder: Path | None = None
_pool_lock = Lock()


def letter_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _warm_worker() -> None:
    _load_fonts()


def _worker_pool() -> ProcessPoolExecutor:
    """The worker processes, started once a process (spawned, not forked: the app's threads
    and database connections stay behind) and kept for later batches."""
    global _pool, _pool_folder
    with _pool_lock:
        if _pool is None or _pool_folder != font_dir():
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            _pool = ProcessPoolExecutor(max_workers=letter_workers(), initializer=_warm_worker,
                                        mp_context=_SpawnWithoutMain())
            _pool_folder = font_dir()
        return _pool


@contextmanager
def _main_script_hidden() -> Iterator[None]:
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned worker runs the parent's main script again unless told none: Streamlit runs
    app.py as the main module, and a worker needs only this module. So every worker (also one
    the pool starts in place of a dead one, from its own thread) starts with none named."""

    def start(self) -> None:
        with _main_script_hidden():
            super().start()


class _SpawnWithoutMain(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess


def _forget_pool() -> None:
    global _pool
    with _pool_lock:
        _pool = None


@dataclass(frozen=True)
class PendingPdf:
    """A letter being laid out (by a worker or already here): `result()` waits for it."""

    document: LetterDocument
    future: Future

    def result(self) -> RenderedPdf:
        try:
            return self.future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): lay it out here
            _forget_pool()
            return render_letter(self.document)


def letter_renderer(count: int) -> Callable[[LetterDocument], PendingPdf]:
    """How a batch of `count` letters is laid out: handed to the worker processes when there
    are enough letters and more than one core, so the caller prepares and records the next
    letters meanwhile; otherwise here, at once. Either way the same bytes for the same letter."""
    if count >= POOL_FROM and letter_workers() > 1:
        return _render_on_workers
    return render_here


def _render_on_workers(document: LetterDocument) -> PendingPdf:
    try:
        return PendingPdf(document, _worker_pool().submit(render_letter, document))
    except BrokenProcessPool:  # the workers could not start or died: lay it out here
        _forget_pool()
        return render_here(document)


def render_here(document: LetterDocument) -> PendingPdf:
    future: Future = Future()
    try:
        future.set_result(render_letter(document))
    except Exception as error:  # noqa: BLE001 - handed to the caller by result()
        future.set_exception(error)
    return PendingPdf(document, future)


def page_images(data: bytes, dpi: int = 60, first_pages: int = 10) -> list[bytes]:
    """PNG images of a PDF's pages via poppler's pdftoppm, for an on-screen preview.

    Returns [] when pdftoppm is not installed (the caller offers the PDF download instead).
    """
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter.pdf"
        source.write_bytes(data)
        subprocess.run([exe, "-png", "-r", str(dpi), "-l", str(first_pages), str(source),
                        str(Path(folder) / "page")], check=True, capture_output=True, timeout=60)
        return [p.read_bytes() for p in sorted(Path(folder).glob("page*.png"))]


def _lay_out(pdf: _LetterPdf, doc: LetterDocument) -> RenderedPdf:
    pdf.footer_text = doc.footer_text
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    if doc.created_at is not None:
        pdf.set_creation_date(doc.created_at)
    pdf.set_title(doc.title)
    pdf.set_subject(doc.subject or doc.title)
    pdf.set_author(doc.author or doc.council_name)
    pdf.set_creator("Hearth")
    pdf.add_page()
    width = pdf.w - 2 * MARGIN

    # letterhead: logo on the left (when configured), council name and address on the right
    top = pdf.get_y()
    if doc.logo_path is not None:
        pdf.image(str(doc.logo_path), x=MARGIN, y=top, h=LOGO_HEIGHT)
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.set_xy(MARGIN, top)
    pdf.multi_cell(width, 7, doc.council_name, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT_FAMILY, "", 8.5)
    for line in doc.council_address_lines:
        pdf.cell(width, 4.2, line, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), top + LOGO_HEIGHT) + 6)

    # addressee block on the left, reference and date on the right, side by side: a line too
    # long for its block (a long name, an address in one line) wraps within the block, a word
    # longer than the block is broken, so nothing prints over the reference and date
    block_top = pdf.get_y()
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    for line in doc.addressee_lines:
        pdf.multi_cell(width * ADDRESSEE_SHARE, LINE, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    left_end = pdf.get_y()
    pdf.set_y(block_top)
    pdf.set_font(FONT_FAMILY, "", 9)
    for line in (*doc.reference_lines, f"Date: {doc.date_text}"):
        pdf.set_x(MARGIN + width * REFERENCE_FROM)
        pdf.cell(width * (1 - REFERENCE_FROM), 4.8, line, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(left_end, pdf.get_y()) + 8)

    pdf.set_font(FONT_FAMILY, "B", 12.5)
    pdf.multi_cell(width, 6.5, doc.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    for block in doc.blocks:
        _block(pdf, block, width)
    data = bytes(pdf.output())
    return RenderedPdf(data, pdf.pages_count)


def _block(pdf: FPDF, block: Block, width: float) -> None:
    if isinstance(block, Heading):
        if pdf.get_y() > pdf.h - 45:  # keep a heading with the text that follows it
            pdf.add_page()
        pdf.ln(1.5)
        pdf.set_font(FONT_FAMILY, "B", 11)
        pdf.multi_cell(width, 6, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.5)
    elif isinstance(block, Paragraph):
        pdf.set_font(FONT_FAMILY, "B" if block.bold else "", BODY_SIZE)
        pdf.multi_cell(width, LINE, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.2)
    elif isinstance(block, Bullets):
        pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
        for item in block.items:
            y = pdf.get_y()
            pdf.cell(6, LINE, "•")
            pdf.set_xy(MARGIN + 6, y)
            pdf.multi_cell(width - 6, LINE, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        pdf.ln(1.5)
    elif isinstance(block, Table):
        _table(pdf, block, width)
    else:  # pragma: no cover - the union above is closed
        raise TypeError(f"unknown letter block {block!r}")


def _table(pdf: FPDF, table: Table, width: float) -> None:
    weights = table.widths or tuple(1.0 for _ in table.headings)
    total = sum(weights)
    col_widths = tuple(width * w / total for w in weights)
    pdf.set_font(FONT_FAMILY, "", 9.5)
    pdf.set_draw_color(150, 150, 150)
    with pdf.table(
        col_widths=col_widths, width=width, text_align="LEFT", line_height=5, padding=(1, 1.5),
        headings_style=_heading_style(), first_row_as_headings=True, repeat_headings=1,
    ) as grid:
        grid.row(list(table.headings))
        for row in table.rows:
            grid.row([str(cell) for cell in row])
    pdf.ln(3)


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(230, 233, 238))
