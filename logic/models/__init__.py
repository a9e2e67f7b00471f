"""SQLModel tables of the store, one module a domain. Importing this package registers every
table on SQLModel.metadata (the migrations and their tests rely on it).

Conventions for every module here are in `logic.models.core`'s docstring.
"""

from logic.models.core import (  # noqa: F401
    UPDATABLE_COLUMNS,
    AuditLog,
    CaseEvent,
    CaseStatus,
    CaseType,
    Contact,
    ContactChannel,
    Household,
    HousingCase,
    LoginSession,
    Note,
    Officer,
    Person,
    Role,
    utc_now,
)

# Domain modules register their tables by being imported here (one line each).
