"""Statutory letters and plans: letter types (law in code), templates (wording as data in
data/letters/), contexts built from a case, and the hooks other modules use to supply data.

    from logic.letters import LETTER_TYPES, build_context, register_context_provider
    from logic.letters.service import preview_letter, issue_letter, notifications_for_case
"""

from logic.letters.catalogue import (
    LETTER_TYPES,
    LetterType,
    Option,
    register_context_provider,
    register_issue_hook,
)
from logic.letters.context import LetterContext, build_context
from logic.letters.templates import LetterTemplateError, letter_book, load_letter_book

__all__ = [
    "LETTER_TYPES", "LetterContext", "LetterTemplateError", "LetterType", "Option",
    "build_context", "letter_book", "load_letter_book", "register_context_provider",
    "register_issue_hook",
]
