"""Named errors the services raise; pages turn them into a message for the officer.

One error names a field (:class:`FieldError`): its code for tests and the command line, its
label in the words the officer saw on the form, and the problem. One error refuses an action
that no field can put right (:class:`Refused`): a stage move the law does not allow on the case
as it stands. Both carry `message`, which a page shows as it is. Nothing here imports the
database or streamlit: the decision engine (logic/law, pure) raises FieldError too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_INDEX = re.compile(r"\[\d+\]")


class HearthError(Exception):
    """Base of every refusal a service makes. `message` is shown to the officer as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def field_label(field: str, labels: Mapping[str, str] | None = None) -> str:
    """The words for a field's code: its form's label, or the code written out.

    A code with positions (``signposting[2]``) takes the label of its list (``signposting``);
    a code no form labels reads as words (``referral.body_type`` -> "Referral body type"),
    never as a code.
    """
    if labels:
        for code in (field, _INDEX.sub("", field)):
            if code in labels:
                return labels[code]
    words = _INDEX.sub("", field).replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else field


class FieldError(HearthError):
    """Bad input for one field; nothing was saved.

    `field` is the field's code (``duty_started_on``), `label` the words the officer saw beside
    it ("Date the duty started"), `problem` what is wrong with it. `message` (and ``str()``)
    reads "label: problem". The label is given, or found in the form's `labels` by code, or
    else the code written out in words.
    """

    def __init__(self, field: str, problem: str, labels: Mapping[str, str] | None = None, *,
                 label: str | None = None) -> None:
        self.field = field
        self.problem = problem
        self.label = label or field_label(field, labels)
        super().__init__(f"{self.label}: {problem}")

    def asked_as(self, field: str, label: str) -> FieldError:
        """The same problem named as another form asks the question (a fact as a triage answer)."""
        return FieldError(field, self.problem, label=label)


class Refused(HearthError):
    """An action the law or the council's policy does not allow on the record as it stands.

    Not about one field: the officer puts it right by doing something else first (record the
    assessment, wait for the 56 days), not by retyping an answer. `citation` names the section
    the refusal rests on, where one does.
    """

    def __init__(self, message: str, citation: str | None = None) -> None:
        super().__init__(message)
        self.citation = citation


class NotFound(HearthError):
    pass


class PermissionDenied(HearthError):
    pass


class SignInFailed(HearthError):
    pass


class StaleRecord(HearthError):
    """Someone else saved the record after this officer opened it: their change is kept."""


class SignInLocked(SignInFailed):
    """A sign-in refused for now: the attempt must wait, or the username or address is locked,
    until `until` (UTC) or an administrator's unlock."""

    def __init__(self, message: str, until=None) -> None:
        super().__init__(message)
        self.until = until
