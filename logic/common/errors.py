"""Named errors the services raise; pages turn them into a message for the officer."""

from __future__ import annotations


class HearthError(Exception):
    """Base of every refusal a service makes. `message` is shown to the officer as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(HearthError):
    """Bad input for one field; nothing was saved."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFound(HearthError):
    pass


class PermissionDenied(HearthError):
    pass


class SignInFailed(HearthError):
    pass


class StaleRecord(HearthError):
    """Someone else saved the record after this officer opened it: their change is kept."""
