"""A template filled from a letter's context: the document that logic.pdf lays out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from string import Template
from typing import Any

from logic.common.errors import FieldError
from logic.config import settings
from logic.law.core import long_date
from logic.letters.catalogue import LETTER_TYPES
from logic.letters.context import FIELD_LABELS, LetterContext
from logic.letters.templates import LetterTemplate, TemplateBlock, letter_book
from logic.pdf import Bullets, Heading, LetterDocument, Paragraph, Table, council_logo, undrawable


@dataclass(frozen=True)
class Correction:
    """The letter a new one corrects: named in the new letter so nobody relies on the old."""

    letter_number: str
    letter_date: date
    reason: str


def letter_number(letter_id: int) -> str:
    return f"L-{letter_id:06d}"


def _shown(block: TemplateBlock, context: LetterContext) -> bool:
    if block.when is not None and not context.data.get(block.when):
        return False
    return not (block.unless is not None and context.data.get(block.unless))


def _text(text: str, values: dict[str, Any]) -> str:
    # the template was checked at load: every placeholder is a text field of this letter
    return Template(text).substitute({k: v for k, v in values.items() if isinstance(v, str)})


def _texts_by_field(context: LetterContext) -> list[tuple[str, str, str]]:
    """Where a letter's words come from, as (field, label, text): the addressee's name and
    address first, then each value the letter is filled from, labelled as the form asks it."""
    to_authority = LETTER_TYPES[context.letter_type].to_other_authority
    name, *address = context.addressee_lines or ("",)
    out = [("addressee", "Name of the authority written to" if to_authority else "Applicant's name", name)]
    out += [("address", "Address written to" if to_authority else "Applicant's address", line)
            for line in address]
    for field, value in context.data.items():
        items = value if isinstance(value, list | tuple) else (value,)
        for item in items:
            texts = item.values() if isinstance(item, dict) else (item,)
            out += [(field, "", text) for text in texts if isinstance(text, str)]
    return out


def check_printable(context: LetterContext, document: LetterDocument,
                    also: tuple[tuple[str, str, str], ...] = ()) -> None:
    """Refuse, before anything is laid out or issued, a letter holding a character its fonts
    cannot draw (an emoji, a script DejaVu lacks): printed, it would silently be left out.
    The refusal names the field the character came from and the character itself; `also`
    names more of the letter's words as (field, label, text), such as a correction's reason."""
    missing = undrawable(document)
    if not missing:
        return
    for field, label, text in (*_texts_by_field(context), *also):
        bad = next((c for c in text if c in missing), None)
        if bad is not None:
            raise FieldError(field, _cannot_print(bad), FIELD_LABELS, label=label or None)
    bad = sorted(missing)[0]
    raise FieldError("letter_type", _cannot_print(bad), label="The letter's template")


def _cannot_print(character: str) -> str:
    return (f"contains a character the letter cannot print: {character} (U+{ord(character):04X}). "
            "Write it another way on the record, then make the letter again.")


def compose(template: LetterTemplate, context: LetterContext, *, letter_id: int | None,
            correction: Correction | None = None, issued_at: datetime | None = None
            ) -> LetterDocument:
    kind = LETTER_TYPES[context.letter_type]
    council = letter_book().council
    blocks: list[Any] = []
    if correction is not None:
        blocks.append(Paragraph(
            f"This letter corrects and replaces our letter {correction.letter_number} of "
            f"{long_date(correction.letter_date)}: {correction.reason} Please rely on this "
            "letter instead; any time limit in it runs from the date of this letter.", bold=True))
    for block in template.blocks:
        if not _shown(block, context):
            continue
        if block.kind == "heading":
            blocks.append(Heading(_text(block.value, context.data)))
        elif block.kind == "text":
            blocks.append(Paragraph(_text(block.value, context.data), bold=block.bold))
        elif block.kind == "bullets":
            items = tuple(context.data.get(block.value, ()))
            if items:
                blocks.append(Bullets(items))
        else:
            rows = tuple(context.data.get(block.value, ()))
            if rows:
                blocks.append(Table(
                    headings=tuple(c.heading for c in block.columns),
                    rows=tuple(tuple(str(row[c.field]) for c in block.columns) for row in rows),
                    widths=tuple(c.width for c in block.columns)))
    closing = "Yours faithfully," if kind.to_other_authority else "Yours sincerely,"
    blocks.append(Paragraph(closing))
    blocks.append(Paragraph(f"{context['officer_name']}\n{council.team_name}\n"
                            f"{context['council_name']}"))
    reference_lines = [f"Our reference: {context.case_reference}",
                       f"Letter: {letter_number(letter_id)}" if letter_id is not None
                       else "Letter: PREVIEW, not issued"]
    return LetterDocument(
        council_name=settings().council_name,
        council_address_lines=(*council.address, f"Tel {council.phone}", council.email),
        reference_lines=tuple(reference_lines),
        date_text=long_date(context.letter_date),
        addressee_lines=context.addressee_lines,
        title=_text(template.title, context.data),
        blocks=tuple(blocks),
        footer_text=f"{council.footer} · {template.letter_type} v{template.version}",
        logo_path=council_logo(),
        subject=f"{kind.label} ({kind.citation})",
        author=context["council_name"],
        created_at=issued_at,
    )
