"""Letter wording kept as data: ``data/letters/<letter_type>.toml``, one file a letter type,
and ``data/letters/council.toml`` for the council's contact details and how to ask for a review.

A template is a title and a list of blocks, each one of:

    [[block]]
    heading = "What we have decided"          # a heading
    [[block]]
    text = "Dear $addressee_name,"             # a paragraph; `bold = true` for emphasis
    [[block]]
    bullets = "reasons"                       # a bulleted list field
    [[block]]
    table = "council_steps"                   # a table field, with its columns:
    columns = [{ field = "description", heading = "What we will do", width = 4 }]

Any block may have ``when = "<flag or field>"`` (shown only when it is true / not empty) or
``unless = "<...>"``. Placeholders are ``$name`` or ``${name}`` (``$$`` prints a dollar sign);
nothing else is evaluated, so an editor cannot break a letter by accident. A template may use
only the fields its letter type lists (``logic.letters.catalogue``); every file is checked when
it is loaded and a bad one is refused with :class:`LetterTemplateError` naming the file and
the key, e.g. ``s184_not_eligible.toml: block[4].text: unknown placeholder $reviw_deadline``.

The law's minimum content is checked too: an adverse decision letter must list the
``reasons`` and state ``$review_deadline`` and ``$review_how``; any letter with a review
right must state them; a letter with the right to appeal to the county court (a review decision,
s.203(5)) must state ``$appeal_deadline`` and ``$appeal_days`` in every case.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

from logic.common.policy_file import PolicyError
from logic.letters.catalogue import LETTER_TYPES, LetterType, fields_of

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "letters"
COUNCIL_FILE = "council.toml"
BLOCK_KINDS = ("heading", "text", "bullets", "table")
BLOCK_KEYS = set(BLOCK_KINDS) | {"when", "unless", "bold", "columns"}
TOP_KEYS = {"letter_type", "version", "title", "block"}
COUNCIL_KEYS = {
    "version": int, "address": list, "phone": str, "email": str, "office_hours": str,
    "team_name": str, "review_how_s202": str, "review_how_s166A": str, "footer": str,
}
MAX_TEXT = 4000


class LetterTemplateError(PolicyError):
    """A letter template or the council file that cannot be used; names the file and key.
    A PolicyError, so the start-up check refuses a broken template like a broken policy."""


@dataclass(frozen=True)
class Column:
    field: str
    heading: str
    width: float = 1.0


@dataclass(frozen=True)
class TemplateBlock:
    kind: str  # heading | text | bullets | table
    value: str  # the text (heading, text) or the field name (bullets, table)
    when: str | None = None
    unless: str | None = None
    bold: bool = False
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class LetterTemplate:
    letter_type: str
    version: int
    title: str
    blocks: tuple[TemplateBlock, ...]
    source: str  # file name, for messages


@dataclass(frozen=True)
class CouncilDetails:
    version: int
    address: tuple[str, ...]
    phone: str
    email: str
    office_hours: str
    team_name: str
    review_how_s202: str
    review_how_s166A: str
    footer: str


def placeholders(text: str, where: str) -> set[str]:
    template = Template(text)
    if not template.is_valid():
        raise LetterTemplateError(
            f"{where}: a '$' must start a placeholder such as $applicant_name, or be written $$")
    return set(template.get_identifiers())


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise LetterTemplateError(f"{path.name}: not valid TOML ({error})") from None


def parse_template(data: dict[str, Any], source: str) -> LetterTemplate:
    """Check one template against its letter type; refuse it naming the key that is wrong."""
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise LetterTemplateError(f"{source}: {sorted(unknown)[0]}: unknown key (expected one of "
                                  f"{', '.join(sorted(TOP_KEYS))})")
    code = data.get("letter_type")
    if not isinstance(code, str) or code not in LETTER_TYPES:
        raise LetterTemplateError(f"{source}: letter_type: {code!r} is not a letter Hearth sends")
    if source.endswith(".toml") and Path(source).stem != code:
        raise LetterTemplateError(f"{source}: letter_type: {code!r} must match the file name")
    kind = LETTER_TYPES[code]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LetterTemplateError(f"{source}: version: give a whole number of 1 or more")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise LetterTemplateError(f"{source}: title: missing")
    text_fields, list_fields, row_fields, flags = fields_of(kind)
    _check_placeholders(placeholders(title, f"{source}: title"), text_fields, f"{source}: title")
    raw_blocks = data.get("block")
    if not isinstance(raw_blocks, list) or not raw_blocks:
        raise LetterTemplateError(f"{source}: block: a letter needs at least one [[block]]")
    blocks = tuple(_block(raw, f"{source}: block[{i}]", kind, text_fields, list_fields,
                          row_fields, flags) for i, raw in enumerate(raw_blocks))
    _check_minimum_content(kind, blocks, source)
    return LetterTemplate(code, version, title.strip(), blocks, source)


def _check_placeholders(used: set[str], allowed: set[str], where: str) -> None:
    unknown = sorted(used - allowed)
    if unknown:
        raise LetterTemplateError(
            f"{where}: unknown placeholder ${unknown[0]} (this letter can use: "
            f"{', '.join('$' + f for f in sorted(allowed))})")


def _block(raw: Any, where: str, kind: LetterType, text_fields: set[str], list_fields: set[str],
           row_fields: dict[str, tuple[str, ...]], flags: set[str]) -> TemplateBlock:
    if not isinstance(raw, dict):
        raise LetterTemplateError(f"{where}: must be a table of keys")
    unknown = set(raw) - BLOCK_KEYS
    if unknown:
        raise LetterTemplateError(f"{where}.{sorted(unknown)[0]}: unknown key")
    kinds = [k for k in BLOCK_KINDS if k in raw]
    if len(kinds) != 1:
        raise LetterTemplateError(f"{where}: give exactly one of heading, text, bullets, table")
    block_kind = kinds[0]
    value = raw[block_kind]
    if not isinstance(value, str) or not value.strip():
        raise LetterTemplateError(f"{where}.{block_kind}: must be non-empty text")
    if len(value) > MAX_TEXT:
        raise LetterTemplateError(f"{where}.{block_kind}: longer than {MAX_TEXT} characters")
    conditions = {}
    for key in ("when", "unless"):
        if key in raw:
            name = raw[key]
            if not isinstance(name, str) or name not in (flags | text_fields | list_fields
                                                         | set(row_fields)):
                raise LetterTemplateError(
                    f"{where}.{key}: unknown field {name!r} (this letter has the flags "
                    f"{', '.join(sorted(flags))})")
            conditions[key] = name
    bold = raw.get("bold", False)
    if not isinstance(bold, bool):
        raise LetterTemplateError(f"{where}.bold: true or false")
    columns: tuple[Column, ...] = ()
    if block_kind in ("heading", "text"):
        _check_placeholders(placeholders(value, f"{where}.{block_kind}"), text_fields,
                            f"{where}.{block_kind}")
    elif block_kind == "bullets":
        if value not in list_fields:
            raise LetterTemplateError(f"{where}.bullets: unknown list {value!r} (this letter has "
                                      f"{', '.join(sorted(list_fields))})")
    else:
        if value not in row_fields:
            raise LetterTemplateError(f"{where}.table: unknown table {value!r}" + (
                f" (this letter has {', '.join(sorted(row_fields))})" if row_fields
                else " (this letter has no tables)"))
        columns = _columns(raw.get("columns"), f"{where}.columns", row_fields[value])
    if "columns" in raw and block_kind != "table":
        raise LetterTemplateError(f"{where}.columns: only a table has columns")
    return TemplateBlock(block_kind, value, conditions.get("when"), conditions.get("unless"),
                         bold, columns)


def _columns(raw: Any, where: str, allowed: tuple[str, ...]) -> tuple[Column, ...]:
    if not isinstance(raw, list) or not raw:
        raise LetterTemplateError(f"{where}: list the table's columns")
    out = []
    for i, col in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(col, dict) or set(col) - {"field", "heading", "width"}:
            raise LetterTemplateError(f"{here}: give field, heading and (optionally) width")
        name, heading, width = col.get("field"), col.get("heading"), col.get("width", 1)
        if name not in allowed:
            raise LetterTemplateError(f"{here}.field: unknown column {name!r} (choose from "
                                      f"{', '.join(allowed)})")
        if not isinstance(heading, str) or not heading.strip():
            raise LetterTemplateError(f"{here}.heading: missing")
        if not isinstance(width, int | float) or isinstance(width, bool) or width <= 0:
            raise LetterTemplateError(f"{here}.width: a number greater than 0")
        out.append(Column(name, heading.strip(), float(width)))
    return tuple(out)


def _check_minimum_content(kind: LetterType, blocks: tuple[TemplateBlock, ...], source: str
                           ) -> None:
    """What the law requires every such letter to say cannot be edited out."""
    used: set[str] = set()
    always: set[str] = set()  # used in blocks shown whatever the case
    for block in blocks:
        if block.kind in ("heading", "text"):
            names = set(Template(block.value).get_identifiers())
            used |= names
            if block.when is None and block.unless is None:
                always |= names
    decision = kind.adverse or kind.code == "register_decision"
    if decision and not any(b.kind == "bullets" and b.value == "reasons" and b.when is None
                            and b.unless is None for b in blocks):
        raise LetterTemplateError(
            f"{source}: block: a decision letter must list the reasons in full "
            "(add a block with bullets = \"reasons\" shown in every case)")
    if kind.review != "none":
        for name in ("review_deadline", "review_how"):
            if name not in (always if decision else used):
                raise LetterTemplateError(
                    f"{source}: block: this letter carries a right to request a review, so it "
                    f"must state ${name}")
    if kind.appeal and not {"appeal_deadline", "appeal_days"} <= always:
        raise LetterTemplateError(
            f"{source}: block: this letter carries the right to appeal to the county court "
            "(s.203(5)), so a block shown in every case must state $appeal_deadline and $appeal_days")


def parse_council(data: dict[str, Any], source: str = COUNCIL_FILE) -> CouncilDetails:
    for key in data:
        if key not in COUNCIL_KEYS:
            raise LetterTemplateError(f"{source}: {key}: unknown key")
    values: dict[str, Any] = {}
    for key, expected in COUNCIL_KEYS.items():
        if key not in data:
            raise LetterTemplateError(f"{source}: {key}: missing")
        value = data[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise LetterTemplateError(f"{source}: {key}: must be {expected.__name__}")
        if expected is str and not value.strip():
            raise LetterTemplateError(f"{source}: {key}: must not be empty")
        if expected is list and (not value or not all(isinstance(v, str) and v.strip()
                                                      for v in value)):
            raise LetterTemplateError(f"{source}: {key}: a list of address lines")
        if expected is str and "$" in value:
            raise LetterTemplateError(f"{source}: {key}: placeholders are not used here")
        values[key] = tuple(v.strip() for v in value) if expected is list else value
    return CouncilDetails(**values)


@dataclass(frozen=True)
class LetterBook:
    council: CouncilDetails
    templates: dict[str, LetterTemplate]


def load_letter_book(folder: Path | str = DEFAULT_DIR) -> LetterBook:
    """Read and check the council file and every template; every letter type needs one."""
    folder = Path(folder)
    council_path = folder / COUNCIL_FILE
    if not council_path.is_file():
        raise LetterTemplateError(f"{COUNCIL_FILE}: missing from {folder}")
    council = parse_council(_read(council_path))
    templates: dict[str, LetterTemplate] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == COUNCIL_FILE:
            continue
        template = parse_template(_read(path), path.name)
        templates[template.letter_type] = template
    missing = sorted(set(LETTER_TYPES) - set(templates))
    if missing:
        raise LetterTemplateError(f"{missing[0]}.toml: missing from {folder} (every letter type "
                                  "needs a template)")
    return LetterBook(council, templates)


@lru_cache(maxsize=4)
def _cached_book(folder: str) -> LetterBook:
    return load_letter_book(folder)


def letter_book(folder: Path | str = DEFAULT_DIR) -> LetterBook:
    """The checked templates, read once a process (restart the app after editing them)."""
    return _cached_book(str(Path(folder)))
