"""SQLModel tables of the store, one module a domain. Importing this package registers every
table on SQLModel.metadata (the migrations and their tests rely on it).

Conventions for every module here are in `logic.models.core`'s docstring.
"""

# Domain modules register their tables by being imported here (one line each).
from logic.models import accounts as _accounts  # noqa: F401  (sign-in protection)
from logic.models import casework as _casework  # noqa: F401  (homelessness casework)
from logic.models import front_door as _front_door  # noqa: F401  (front door: triage, safeguarding)
from logic.models import letters as _letters  # noqa: F401  (issued letters)
from logic.models import privacy as _privacy  # noqa: F401  (retention, data requests)
from logic.models import public as _public  # noqa: F401  (online self-assessments, referrals)
from logic.models import register as _register  # noqa: F401  (housing register, lettings)
from logic.models import statistics as _statistics  # noqa: F401  (H-CLIC checks, exports)
from logic.models import training as _training  # noqa: F401  (practice attempts)
from logic.models import workload as _workload  # noqa: F401  (absences, competency)
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
