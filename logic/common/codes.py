"""Every code Hearth stores or exchanges, each with its label in the officers' words.

A code is what the database, the policy files and the decision engine's exchange format hold
(``main_duty``, ``british_irish``, ``aged_16_17``); a label is what an officer reads on a
screen, in a select box or in a case history ("Main housing duty", "British or Irish citizen",
"Aged 16 or 17"). Nothing else in ``logic/`` or ``pages/`` writes a label for these codes:
read it here, so the same status never has two wordings on two screens.

Where a code rests on a provision, its citation is kept with it, so a screen can show
"Relief duty (s.189B(2))" from one place.

The engine and casework name one duty differently: the exchange format fixed by the
decision-scenarios spec says ``main``, while stored casework rows say ``main_duty`` (and the
engine has ``advice_only``, which is no duty row at all). Neither changes; the one mapping
between them is :data:`ENGINE_TO_CASEWORK_DUTY`, read through :func:`casework_duty` and
:func:`engine_duty`.

Pure: no database, no Streamlit, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


def _in_sentence(label: str) -> str:
    return label[:1].lower() + label[1:]


class UnknownCode(LookupError):
    """A code that is not in the vocabulary asked: a programming or data error, not input."""

    def __init__(self, vocabulary: str, code: object, known: tuple[str, ...]) -> None:
        super().__init__(f"{code!r} is not a known {vocabulary}; known codes: {', '.join(known)}")
        self.vocabulary = vocabulary
        self.code = code


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    citation: str = ""


class Vocabulary:
    """An ordered set of codes with their labels (and, where the law gives one, citations).

    Select boxes take ``codes()`` as options and ``label`` as ``format_func``; mid-sentence
    text (a case history entry, a letter) takes ``words`` or ``phrase``.
    """

    def __init__(self, name: str, entries: Iterable[Code | tuple[str, str] | tuple[str, str, str]]
                 ) -> None:
        self.name = name
        built = tuple(e if isinstance(e, Code) else Code(*e) for e in entries)
        self._by_code = {e.code: e for e in built}
        if len(self._by_code) != len(built):
            raise ValueError(f"{name}: a code is listed twice")

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Code]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r}, {self.codes()!r})"

    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def entry(self, code: str) -> Code:
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise UnknownCode(self.name, code, self.codes()) from None

    def label(self, code: str) -> str:
        """The officer's words for ``code``; an unknown code is an error, never shown raw."""
        return self.entry(code).label

    def get(self, code: str | None, default: str | None = None) -> str | None:
        """The label, or ``default`` for a code this vocabulary does not hold (old rows)."""
        entry = self._by_code.get(code) if isinstance(code, str) else None
        return entry.label if entry is not None else default

    def citation(self, code: str) -> str:
        return self.entry(code).citation

    def cited(self, code: str) -> str:
        """The label with its provision: "Relief duty (s.189B(2))"."""
        e = self.entry(code)
        return f"{e.label} ({e.citation})" if e.citation else e.label

    def words(self, code: str) -> str:
        """The label as it reads inside a sentence: "your relief duty has ended"."""
        return _in_sentence(self.label(code))

    def phrase(self, code: str) -> str:
        """The cited label as it reads inside a sentence: "the relief duty (s.189B(2))"."""
        return _in_sentence(self.cited(code))

    def options(self) -> dict[str, str]:
        """code -> label, in the vocabulary's order (for select boxes and column mappings)."""
        return {e.code: e.label for e in self}

    def subset(self, name: str, codes: Iterable[str]) -> Vocabulary:
        """Some of these codes, with the same labels (a narrower choice, one wording)."""
        return Vocabulary(name, (self.entry(c) for c in codes))

    def without(self, name: str, *codes: str) -> Vocabulary:
        return Vocabulary(name, (e for e in self if e.code not in codes))


# --- people and accounts ----------------------------------------------------------------------

ROLES = Vocabulary("role", [
    ("trainee", "Trainee"),
    ("officer", "Housing options officer"),
    ("senior", "Senior officer"),
    ("manager", "Manager"),
    ("admin", "Administrator"),
])
# The roles that do casework (hold cases, practise, are weighed for allocation): everyone
# but the administrator, whose work is accounts.
CASEWORK_ROLES: tuple[str, ...] = ("trainee", "officer", "senior", "manager")

# What failed sign-ins are counted by (logic/accounts/rules.py; sign_in_attempt.counter).
SIGN_IN_COUNTERS = Vocabulary("what failed sign-ins are counted by", [
    ("account", "Username"),
    ("source", "Network address"),
])

CONTACT_CHANNELS = Vocabulary("contact channel", [
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("visit", "Visit"),
    ("webchat", "Webchat"),
    ("online", "Online form"),
])

ABSENCE_KINDS = Vocabulary("kind of absence", [
    ("leave", "Leave"),
    ("sickness", "Sickness"),
    ("training", "Training"),
])

# --- cases and their stages -------------------------------------------------------------------

CASE_TYPES = Vocabulary("case type", [
    ("advice", "Advice"),
    ("homelessness", "Homelessness"),
    ("register", "Housing register"),
])

CASE_STATUSES = Vocabulary("case status", [
    ("open", "Open"),
    ("closed", "Closed"),
])

# Homelessness cases (Part 7): logic.casework.stages says which moves are lawful.
HOMELESSNESS_STAGES = Vocabulary("homelessness case stage", [
    ("assessment", "Assessment", "s.184, s.189A"),
    ("prevention", "Prevention duty", "s.195(2)"),
    ("relief", "Relief duty", "s.189B(2)"),
    ("main_duty_decision", "Main duty decision due", "s.189B(4), s.184"),
    ("main_duty", "Main housing duty", "s.193(2)"),
    ("intentional_priority", "Accommodation for a reasonable period", "s.190(2)"),
    ("non_cooperation_duty", "Accommodation after a notice for refusing to co-operate", "s.193C(4)"),
    ("no_further_duty", "No further duty after relief", "s.189B(7)(b)"),
    ("advice_only", "Advice and information only", "s.179"),
    ("duty_ended", "Duty ended"),
    # cases closed before stages were recorded (the demo store has them too)
    ("closed", "Closed"),
])

# Housing register cases (Part 6): logic.register.service moves them.
REGISTER_STAGES = Vocabulary("housing register stage", [
    ("application", "Application"),
    ("assessment", "Assessment", "s.166A"),
    ("active", "On the register"),
    ("lapsed", "Lapsed"),
])

ADVICE_STAGES = Vocabulary("advice case stage", [
    ("advice", "Advice and information", "s.179"),
])

CASE_STAGES: dict[str, Vocabulary] = {
    "advice": ADVICE_STAGES,
    "homelessness": HOMELESSNESS_STAGES,
    "register": REGISTER_STAGES,
}


def stage_label(case_type: str, stage: str) -> str:
    """A stage's label: "assessment" is a different stage for a homelessness case and a
    register application, so the case type chooses the vocabulary."""
    try:
        stages = CASE_STAGES[case_type]
    except KeyError:
        raise UnknownCode(CASE_TYPES.name, case_type, CASE_TYPES.codes()) from None
    return stages.label(stage)


# --- duties ---------------------------------------------------------------------------------

# The duty rows casework stores (homelessness_duty.duty), one per duty stage.
CASEWORK_DUTIES = Vocabulary("duty recorded on a case", [
    ("prevention", "Prevention duty", "s.195(2)"),
    ("relief", "Relief duty", "s.189B(2)"),
    ("main_duty", "Main housing duty", "s.193(2)"),
    ("intentional_priority", "Duty to accommodate for a reasonable period", "s.190(2)"),
    # after a s.193B(2) notice ends the relief duty of an applicant in priority need who is not
    # intentionally homeless: accommodation in place of the main duty (s.193C(3)-(4))
    ("non_cooperation_duty", "Duty to make accommodation available after a s.193B notice", "s.193C(4)"),
])

# The duty the decision engine determines (the exchange format's ``duty``).
ENGINE_DUTIES = Vocabulary("duty the engine determines", [
    ("prevention", "Prevention duty", "s.195(2)"),
    ("relief", "Relief duty", "s.189B(2)"),
    ("main", "Main housing duty", "s.193(2)"),
    ("intentional_priority", "Accommodation for a reasonable period and advice", "s.190(2)"),
    ("advice_only", "Advice and information only", "s.179"),
])

# engine code -> casework code; ``advice_only`` is owed no duty row (the case closes at the
# advice_only stage instead).
ENGINE_TO_CASEWORK_DUTY: dict[str, str | None] = {
    "prevention": "prevention",
    "relief": "relief",
    "main": "main_duty",
    "intentional_priority": "intentional_priority",
    "advice_only": None,
}
_CASEWORK_TO_ENGINE_DUTY = {c: e for e, c in ENGINE_TO_CASEWORK_DUTY.items() if c is not None}


def casework_duty(engine_code: str) -> str | None:
    """The duty row casework records for the engine's duty (None: no duty row is owed)."""
    ENGINE_DUTIES.entry(engine_code)
    return ENGINE_TO_CASEWORK_DUTY[engine_code]


# The duty rows that follow a notice, not an assessment the engine decides: the s.193C(4) duty
# after a s.193B(2) notice has no code in the exchange format.
NOT_DECIDED_BY_THE_ENGINE: tuple[str, ...] = ("non_cooperation_duty",)


def engine_duty(casework_code: str) -> str:
    """The engine's code for a duty row casework recorded (refused for a duty the engine does
    not decide, NOT_DECIDED_BY_THE_ENGINE)."""
    CASEWORK_DUTIES.entry(casework_code)
    if casework_code not in _CASEWORK_TO_ENGINE_DUTY:
        raise UnknownCode(ENGINE_DUTIES.name, casework_code, ENGINE_DUTIES.codes())
    return _CASEWORK_TO_ENGINE_DUTY[casework_code]


# --- the engine's findings (exchange format codes) ----------------------------------------------

HOMELESSNESS = Vocabulary("homelessness finding", [
    ("homeless", "Homeless", "s.175(1)"),
    ("threatened", "Threatened with homelessness", "s.175(4)"),
    ("neither", "Neither homeless nor threatened"),
])

PRIORITY_NEED_GROUNDS = Vocabulary("priority need ground", [
    ("pregnant", "Pregnant, or lives with someone who is", "s.189(1)(a)"),
    ("dependent_children", "Dependent children", "s.189(1)(b)"),
    ("vulnerable", "Vulnerable", "s.189(1)(c)"),
    ("vulnerable_member", "Lives with someone who is vulnerable", "s.189(1)(c)"),
    ("emergency", "Homeless because of fire, flood or other disaster", "s.189(1)(d)"),
    ("domestic_abuse", "Homeless because of domestic abuse", "s.189(1)(e)"),
    ("aged_16_17", "Aged 16 or 17", "Priority Need Order 2002 art.3"),
    ("care_leaver_18_20", "Care leaver aged 18 to 20", "Priority Need Order 2002 art.4"),
    ("vulnerable_former_care", "Vulnerable as a former looked-after child",
     "Priority Need Order 2002 art.5(1)"),
    ("vulnerable_armed_forces", "Vulnerable because of armed forces service",
     "Priority Need Order 2002 art.5(2)"),
    ("vulnerable_custody", "Vulnerable because of time in custody",
     "Priority Need Order 2002 art.5(3)"),
    ("vulnerable_violence", "Vulnerable having fled violence or threats of violence",
     "Priority Need Order 2002 art.6"),
])

REASONABLE_PREFERENCES = Vocabulary("reasonable preference category", [
    ("homeless", "Homeless", "s.166A(3)(a)"),
    ("owed_duty", "Owed a homelessness duty", "s.166A(3)(b)"),
    ("unsatisfactory_housing", "Insanitary, overcrowded or unsatisfactory housing",
     "s.166A(3)(c)"),
    ("medical_welfare", "Needs to move on medical or welfare grounds", "s.166A(3)(d)"),
    ("hardship", "Needs to move to a particular area to avoid hardship", "s.166A(3)(e)"),
])

# The engine's coded findings, by field of the exchange format's determination.
FINDINGS: dict[str, Vocabulary] = {
    "homelessness": HOMELESSNESS,
    "priority_need_grounds": PRIORITY_NEED_GROUNDS,
    "duty": ENGINE_DUTIES,
    "reasonable_preference": REASONABLE_PREFERENCES,
}

# --- households (the exchange format's facts and the front door's records) ----------------------

IMMIGRATION_STATUSES = Vocabulary("immigration status", [
    ("british_irish", "British or Irish citizen"),
    ("settled", "Settled status / indefinite leave"),
    ("pre_settled_worker", "Pre-settled status, working or self-employed"),
    ("pre_settled_no_right_to_reside", "Pre-settled status, no other right to reside"),
    ("refugee", "Refugee"),
    ("humanitarian_protection", "Humanitarian protection"),
    ("ukraine_scheme", "Leave under a Ukraine scheme"),
    ("limited_leave_no_recourse", "Limited leave, no recourse to public funds"),
    ("asylum_seeker", "Asylum seeker (claim not yet decided)"),
])
# At the front door the status may not be known yet; the engine never receives this code.
NOT_KNOWN = "not_known"
IMMIGRATION_ANSWERS = Vocabulary("immigration status answer", [
    (NOT_KNOWN, "Not known yet"), *IMMIGRATION_STATUSES,
])

SEXES = Vocabulary("sex", [
    ("F", "Female"),
    ("M", "Male"),
    ("X", "Not recorded as male or female"),
])

HOUSEHOLD_RELATIONS = Vocabulary("relation to the applicant", [
    ("applicant", "Applicant"),
    ("partner", "Partner"),
    ("child", "Child"),
    ("parent", "Parent"),
    ("sibling", "Sibling"),
    ("other", "Other member"),
])
# The relation of a household member to the applicant (the exchange format's ``relation``).
MEMBER_RELATIONS = HOUSEHOLD_RELATIONS.without("relation of a member to the applicant",
                                               "applicant")

VULNERABILITIES = Vocabulary("vulnerability", [
    ("old_age", "Old age"),
    ("mental_illness", "Mental illness"),
    ("learning_disability", "Learning disability"),
    ("physical_disability", "Physical disability"),
    ("other_special_reason", "Other special reason"),
])

EMERGENCIES = Vocabulary("emergency", [
    ("fire", "Fire"),
    ("flood", "Flood"),
    ("other_disaster", "Other disaster"),
])

# who is at risk of the domestic abuse a household's housing records (exchange format v2)
DOMESTIC_ABUSE_VICTIMS = Vocabulary("who is at risk of domestic abuse", [
    ("applicant", "The applicant"),
    ("member", "A member of the household"),
    ("both", "The applicant and a member of the household"),
])

# whose act or omission the intentionality findings describe (exchange format v2)
WHOSE_ACTS = Vocabulary("whose act or omission", [
    ("applicant", "The applicant's own"),
    ("member", "A member of the household's"),
])

SAFEGUARDING_CONCERNS = Vocabulary("kind of safeguarding concern", [
    ("adult_at_risk", "Adult at risk", "Care Act 2014 s.42"),
    ("child_at_risk", "Child at risk", "Children Act 2004 s.11"),
    ("domestic_abuse_risk", "Domestic abuse risk"),
    ("other", "Other safeguarding concern"),
])

# The public authorities under the s.213B duty to refer (Homelessness (Review Procedure etc.)
# Regulations 2018 reg 10), and a body referring voluntarily.
REFERRING_BODIES = Vocabulary("referring body", [
    ("prison", "Prison"),
    ("young_offender_institution", "Young offender institution"),
    ("secure_training_centre", "Secure training centre or secure college"),
    ("youth_offending_team", "Youth offending team"),
    ("probation", "Probation service"),
    ("jobcentre", "Jobcentre Plus"),
    ("childrens_services", "Children's services"),
    ("adult_social_care", "Adult social care"),
    ("emergency_department", "Hospital emergency department (A&E)"),
    ("urgent_treatment_centre", "Urgent treatment centre"),
    ("hospital_inpatient", "Hospital (inpatient care)"),
    ("armed_forces", "Armed forces (Ministry of Defence)"),
    ("other_public_body", "Other public body (voluntary referral)"),
])

# --- H-CLIC: the categories of the quarterly return, in Hearth's own codes --------------------
#
# The return's element names and numeric codes are not public (../shared/spec/hclic.md): these
# are Hearth's codes for the categories the published live tables name, recorded with the step
# that produces them; data/hclic/ maps them to the return's codes. A screen shows the label.

# Where the household lived (accommodation at application, and when last settled).
ACCOMMODATION_TYPES = Vocabulary("kind of accommodation", [
    ("private_rented_self_contained", "Private rented: self-contained"),
    ("private_rented_hmo", "Private rented: house in multiple occupation"),
    ("private_rented_lodging", "Private rented: lodging (not with family or friends)"),
    ("council_tenant", "Council tenant"),
    ("housing_association_tenant", "Housing association tenant"),
    ("supported_housing", "Supported housing or hostel"),
    ("owner_occupier", "Owner occupier"),
    ("living_with_family", "Living with family"),
    ("living_with_friends", "Living with friends"),
    ("temporary_accommodation", "Temporary accommodation"),
    ("no_fixed_abode", "No fixed abode"),
    ("rough_sleeping", "Sleeping rough"),
    ("refuge", "Refuge"),
    ("asylum_accommodation", "Home Office asylum support accommodation"),
    ("custody", "Custody (prison or youth custody)"),
    ("hospital", "Hospital"),
    ("psychiatric_hospital", "Psychiatric hospital"),
    ("looked_after_placement", "Looked-after child's placement"),
    ("other", "Other"),
])

# Why the last settled home was lost or is at risk; a reason with sub-reasons lists each
# sub-reason as its own code (the group it belongs to is LOSS_REASON_GROUP).
LOSS_REASON_GROUPS = Vocabulary("group of reasons for loss of a settled home", [
    ("ast_end", "End of a private rented assured shorthold tenancy"),
    ("other_private_tenancy_end", "End of another private rented tenancy"),
    ("family_friends", "Family or friends no longer willing or able to accommodate"),
    ("relationship_breakdown", "Non-violent relationship breakdown with a partner"),
    ("domestic_abuse", "Domestic abuse"),
    ("other_violence", "Other violence or harassment"),
    ("social_tenancy_end", "End of a social rented tenancy"),
    ("supported_housing_eviction", "Eviction from supported housing"),
    ("left_institution", "Left an institution with no accommodation available"),
    ("asylum_accommodation", "Required to leave Home Office asylum support accommodation"),
    ("other", "Other reasons"),
])

LOSS_REASONS = Vocabulary("reason for loss of the last settled home", [
    ("ast_rent_arrears", "End of assured shorthold tenancy: rent arrears"),
    ("ast_breach", "End of assured shorthold tenancy: breach of tenancy other than rent arrears"),
    ("ast_landlord_selling", "End of assured shorthold tenancy: landlord selling or re-letting"),
    ("ast_after_disrepair_complaint",
     "End of assured shorthold tenancy: after the tenant complained of disrepair"),
    ("ast_illegal_eviction", "End of assured shorthold tenancy: illegal eviction"),
    ("ast_abandoned", "End of assured shorthold tenancy: tenant abandoned the property"),
    ("ast_other", "End of assured shorthold tenancy: other reason"),
    ("other_private_tenancy_end", "End of another private rented tenancy"),
    ("family_friends", "Family or friends no longer willing or able to accommodate"),
    ("relationship_breakdown", "Non-violent relationship breakdown with a partner"),
    ("domestic_abuse", "Domestic abuse"),
    ("other_violence", "Other violence or harassment"),
    ("social_rent_arrears", "End of social rented tenancy: rent arrears"),
    ("social_breach", "End of social rented tenancy: breach of tenancy other than rent arrears"),
    ("social_other", "End of social rented tenancy: other reason"),
    ("supported_rent_arrears", "Eviction from supported housing: rent arrears"),
    ("supported_breach", "Eviction from supported housing: breach of licence or rules"),
    ("supported_other", "Eviction from supported housing: other reason"),
    ("left_institution", "Left an institution (prison, hospital, care) with nowhere to go"),
    ("asylum_accommodation", "Required to leave Home Office asylum support accommodation"),
    ("fire_flood", "Other: fire, flood or other emergency"),
    ("left_armed_forces", "Other: left HM Forces"),
    ("mortgage_repossession", "Other: mortgage repossession"),
    ("property_disrepair", "Other: property disrepair"),
    ("other", "Other reason"),
])

# reason -> its group (the live tables' A2 rows); every reason has one
LOSS_REASON_GROUP: dict[str, str] = {
    **{c: "ast_end" for c in LOSS_REASONS.codes() if c.startswith("ast_")},
    **{c: "social_tenancy_end" for c in LOSS_REASONS.codes() if c.startswith("social_")},
    **{c: "supported_housing_eviction" for c in LOSS_REASONS.codes() if c.startswith("supported_")},
    **{c: c for c in ("other_private_tenancy_end", "family_friends", "relationship_breakdown",
                      "domestic_abuse", "other_violence", "left_institution",
                      "asylum_accommodation")},
    **{c: "other" for c in ("fire_flood", "left_armed_forces", "mortgage_repossession",
                            "property_disrepair", "other")},
}

# The support needs of the household (any number, each once), or "none", or "not known".
SUPPORT_NEEDS_NONE = "none"
SUPPORT_NEEDS_NOT_KNOWN = "not_known"
SUPPORT_NEEDS = Vocabulary("support need", [
    ("young_person_16_17", "Young person aged 16 or 17"),
    ("young_person_18_25", "Young person aged 18 to 25 needing support to live independently"),
    ("young_parent", "Young parent needing support to live independently"),
    ("care_leaver_18_20", "Care leaver aged 18 to 20"),
    ("care_leaver_21_plus", "Care leaver aged 21 or over"),
    ("physical_ill_health", "Physical ill health or disability"),
    ("mental_health", "History of mental health problems"),
    ("learning_disability", "Learning disability"),
    ("sexual_abuse_exploitation", "At risk of or has experienced sexual abuse or exploitation"),
    ("domestic_abuse", "At risk of or has experienced domestic abuse"),
    ("other_abuse", "At risk of or has experienced abuse (not domestic abuse)"),
    ("drug_dependency", "Drug dependency needs"),
    ("alcohol_dependency", "Alcohol dependency needs"),
    ("offending", "Offending history"),
    ("repeat_homelessness", "History of repeat homelessness"),
    ("rough_sleeping", "History of rough sleeping"),
    ("former_asylum_seeker", "Former asylum seeker"),
    ("old_age", "Old age"),
    ("armed_forces", "Served in HM Forces"),
    ("education_employment_training", "Needs support to access education, employment or training"),
    (SUPPORT_NEEDS_NONE, "No support needs"),
    (SUPPORT_NEEDS_NOT_KNOWN, "Not known"),
])

# The main applicant's employment (the live tables' A10).
EMPLOYMENT_STATUSES = Vocabulary("employment status", [
    ("registered_unemployed", "Registered unemployed"),
    ("unemployed_seeking_work", "Not registered unemployed but seeking work"),
    ("not_seeking_work", "Not seeking work or at home"),
    ("full_time", "Full-time work"),
    ("part_time", "Part-time work"),
    ("student_training", "Student or in training"),
    ("long_term_sick", "Long-term sick or disabled"),
    ("retired", "Retired"),
    ("other", "Other"),
    ("not_known", "Not known"),
])

# What the council mainly did during a prevention or relief duty.
MAIN_ACTIVITIES = Vocabulary("main prevention or relief activity", [
    ("accommodation_secured_by_council", "Accommodation secured by the council or a partner"),
    ("helped_with_payment", "Helped to secure accommodation the applicant found, with a payment"),
    ("helped_without_payment",
     "Helped to secure accommodation the applicant found, without a payment"),
    ("supported_housing", "Supported housing provided"),
    ("mediation_family_friends",
     "Negotiation or mediation to return to or stay with family or friends"),
    ("mediation_prevent_eviction",
     "Negotiation, mediation or advocacy to prevent eviction or repossession"),
    ("discretionary_housing_payment", "Discretionary housing payment to reduce shortfall"),
    ("other_payments", "Other financial payments (rent arrears, deposit, rent in advance)"),
    ("other_activity", "Other activity"),
    ("advice_only", "Advice and information only"),
])

# The accommodation a household secured when a duty ended with accommodation secured.
ACCOMMODATION_SECURED = Vocabulary("kind of accommodation secured", [
    ("private_rented_self_contained", "Private rented: self-contained"),
    ("private_rented_hmo", "Private rented: house in multiple occupation"),
    ("private_rented_lodging", "Private rented: lodging (not with family or friends)"),
    ("council_tenancy", "Council tenancy"),
    ("housing_association_tenancy", "Housing association tenancy"),
    ("supported_housing", "Supported housing or hostel"),
    ("living_with_family", "Staying with family"),
    ("living_with_friends", "Staying with friends"),
    ("owner_occupier", "Owner occupier"),
    ("other", "Other"),
])

# Who referred the household (the live tables' A7): the s.213B bodies keep REFERRING_BODIES'
# codes (a referral received already names its body), plus the ways a household comes otherwise.
REFERRAL_SOURCE_SELF = "none"
REFERRAL_SOURCES = Vocabulary("referral source", [
    (REFERRAL_SOURCE_SELF, "No referral: the applicant came themselves"),
    *(e for e in REFERRING_BODIES if e.code != "other_public_body"),
    ("other_public_body", "Another public body (voluntary referral)"),
    ("other_agency", "Another agency (not a public body)"),
    ("other_council", "Another council"),
])

# --- the public front door (issue 18) ---------------------------------------------------------

# what was sent online (public_submission.kind)
PUBLIC_SUBMISSION_KINDS = Vocabulary("kind of online submission", [
    ("self_assessment", "Online self-assessment"),
    ("referral", "Duty to refer (s.213B)", "Housing Act 1996 s.213B"),
])

# where an online submission stands at the front door (public_submission.status)
PUBLIC_SUBMISSION_STATUSES = Vocabulary("state of an online submission", [
    ("new", "Waiting for an officer"),
    ("taken", "Taken into an intake"),
    ("closed_duplicate", "Closed: a duplicate"),
    ("closed_withdrawn", "Closed: withdrawn"),
])
# the same codes as names, for the code that writes them (logic/models/public.py, logic/public/)
SELF_ASSESSMENT, REFERRAL = PUBLIC_SUBMISSION_KINDS.codes()
NEW, TAKEN, CLOSED_DUPLICATE, CLOSED_WITHDRAWN = PUBLIC_SUBMISSION_STATUSES.codes()

# --- casework: plans, temporary accommodation, money ------------------------------------------

PLAN_STEP_OWNERS = Vocabulary("who takes a plan step", [
    ("applicant", "Applicant"),
    ("council", "Council"),
])

PLAN_STEP_STATUSES = Vocabulary("plan step status", [
    ("open", "Open"),
    ("done", "Done"),
    ("not_done", "Not done"),
])

# Temporary accommodation (s.188, s.190(2)(a), s.193(2) placements).
PLACEMENT_TYPES = Vocabulary("kind of temporary accommodation", [
    ("bed_and_breakfast", "Bed and breakfast"),
    ("hostel", "Hostel"),
    ("nightly_let", "Self-contained nightly let"),
    ("private_sector_leased", "Private sector leased"),
    ("council_temporary", "Council-owned temporary accommodation"),
    ("refuge", "Refuge"),
    ("other", "Other"),
])

# The duty, or the power, a temporary accommodation placement is made under. A request records
# one; the approving senior sees whether the case's findings support it
# (logic.casework.stages.placement_basis_check).
TA_LEGAL_BASES = Vocabulary("duty or power for temporary accommodation", [
    ("s188_1_interim", "Interim accommodation: reason to believe homeless, eligible and in priority need",
     "Housing Act 1996 s.188(1)"),
    ("s190_2a_intentional", "Intentionally homeless with a priority need: accommodation for a reasonable period",
     "Housing Act 1996 s.190(2)(a)"),
    ("s193_2_main_duty", "Main housing duty", "Housing Act 1996 s.193(2)"),
    ("s200_1_referral", "Pending a local connection referral", "Housing Act 1996 s.200(1)"),
    ("s188_3_review", "Power: pending a review", "Housing Act 1996 s.188(3)"),
    ("s204_4_appeal", "Power: pending an appeal to the county court", "Housing Act 1996 s.204(4)"),
])
TA_BASIS_NOT_RECORDED = "Not recorded"

# Offers of accommodation that perform or end a Part 7 duty (accommodation_offer.kind), each
# with the provision under which a refusal (or an acceptance) ends the duty.
OFFER_KINDS = Vocabulary("offer of accommodation", [
    ("suitable_accommodation", "Offer of suitable accommodation",
     "Housing Act 1996 s.195(8)(d), s.189B(7)(c), s.193(5)"),
    ("private_rented_offer", "Private rented tenancy (6 months or more)",
     "Housing Act 1996 s.195(8)(a), s.189B(7)(a)"),
    ("part6_offer", "Part 6 offer (not stated to be final)", "Housing Act 1996 s.193(6)(c)"),
    ("final_accommodation_offer", "Final accommodation offer: a private fixed-term tenancy of 6 months or more",
     "Housing Act 1996 s.193A(4), s.193C(7)"),
    ("final_part6_offer", "Final Part 6 offer, stated in writing to be final",
     "Housing Act 1996 s.193A(5), s.193(7)-(7A), s.193C(6)"),
    ("private_rented_sector_offer", "Private rented sector offer", "Housing Act 1996 s.193(7AA), (7AC)"),
])

# The applicant's answer to an offer (offer_answer.answer).
OFFER_ANSWERS = Vocabulary("answer to an offer", [
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("accepted_review", "Accepted, and asked for a review of its suitability", "Housing Act 1996 s.202(1)(f), (1A)"),
    ("no_reply", "No reply by the date given"),
])

ASSISTANCE_KINDS = Vocabulary("financial assistance", [
    ("deposit", "Deposit"),
    ("rent_in_advance", "Rent in advance"),
])

# Where a placement request stands (temporary_accommodation.status): a senior decides it.
PLACEMENT_STATUSES = Vocabulary("state of a placement", [
    ("requested", "Waiting for approval"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("ended", "Ended"),
])

# Where a deposit or rent in advance request stands (financial_assistance.status).
ASSISTANCE_STATUSES = PLACEMENT_STATUSES.without("state of a financial assistance request", "ended")

# --- s.202 reviews and s.204 appeals (Part 7) --------------------------------------------------

# The decision a s.202 review is asked of (part7_review.ground): each paragraph of s.202(1), and
# (1A) for a suitability review asked while accepting the offer.
S202_GROUNDS = Vocabulary("decision a review is asked of", [
    ("a", "Eligibility for assistance", "Housing Act 1996 s.202(1)(a)"),
    ("b", "What duty (if any) is owed", "Housing Act 1996 s.202(1)(b)"),
    ("ba_i", "The steps to be taken under the relief duty", "Housing Act 1996 s.202(1)(ba)(i)"),
    ("ba_ii", "Notice ending the relief duty", "Housing Act 1996 s.202(1)(ba)(ii)"),
    ("bb", "Notice for deliberately and unreasonably refusing to co-operate",
     "Housing Act 1996 s.202(1)(bb)"),
    ("bc_i", "The steps to be taken under the prevention duty", "Housing Act 1996 s.202(1)(bc)(i)"),
    ("bc_ii", "Notice ending the prevention duty", "Housing Act 1996 s.202(1)(bc)(ii)"),
    ("c", "Referral of the case to another authority", "Housing Act 1996 s.202(1)(c)"),
    ("d", "Whether the conditions for referral are met", "Housing Act 1996 s.202(1)(d)"),
    ("e", "The duty owed while a referral is considered or after it",
     "Housing Act 1996 s.202(1)(e)"),
    ("f", "Suitability of accommodation offered under a duty, or a private rented sector offer",
     "Housing Act 1996 s.202(1)(f)"),
    ("g", "Suitability of a final accommodation offer or final Part 6 offer (relief duty)",
     "Housing Act 1996 s.202(1)(g)"),
    ("h", "Suitability of a final offer after refusing to co-operate",
     "Housing Act 1996 s.202(1)(h)"),
    ("1A", "Suitability of accommodation accepted", "Housing Act 1996 s.202(1A)"),
])

# What a s.202 review decided (part7_review_decision.outcome; s.203).
PART7_REVIEW_OUTCOMES = Vocabulary("outcome of a homelessness review", [
    ("upheld", "Original decision upheld", "Housing Act 1996 s.203(4)"),
    ("varied", "Original decision varied", "Housing Act 1996 s.202"),
    ("overturned", "Original decision overturned (withdrawn)", "Housing Act 1996 s.202"),
    ("withdrawn", "Request withdrawn by the applicant"),
])

# How representations on a review came in (part7_review_representations.kind).
REPRESENTATION_KINDS = Vocabulary("representations", [
    ("written", "In writing"),
    ("oral", "Orally"),
    ("both", "Orally and in writing"),
    ("none", "None received"),
])

# What the county court did on a s.204 appeal (part7_appeal_outcome.outcome; s.204(3)).
APPEAL_OUTCOMES = Vocabulary("outcome of an appeal", [
    ("confirmed", "Review decision confirmed (appeal dismissed)", "Housing Act 1996 s.204(3)"),
    ("varied", "Review decision varied by the court", "Housing Act 1996 s.204(3)"),
    ("quashed", "Review decision quashed", "Housing Act 1996 s.204(3)"),
    ("withdrawn", "Appeal withdrawn"),
])

# The case events a review writes (case_event.kind), in the case history's words.
REVIEW_EVENT_KINDS = Vocabulary("review event", [
    ("review_requested", "Review requested", "Housing Act 1996 s.202"),
    ("review_late_refused", "Late review request refused", "Housing Act 1996 s.202(3)"),
    ("reviewer_assigned", "Reviewer assigned", "Housing Act 1996 s.203(2)(a)"),
    ("review_minded_to", "Minded-to notice given",
     "Homelessness (Review Procedure etc.) Regulations 2018 reg 7(2)"),
    ("review_representations", "Representations recorded",
     "Homelessness (Review Procedure etc.) Regulations 2018 reg 7"),
    ("review_extended", "Review period extended by agreement",
     "Homelessness (Review Procedure etc.) Regulations 2018 reg 9(1)"),
    ("review_decided", "Review decided", "Housing Act 1996 s.203"),
    ("appeal_lodged", "Appeal to the county court lodged", "Housing Act 1996 s.204"),
    ("appeal_decided", "Appeal decided", "Housing Act 1996 s.204(3)"),
])

# --- the housing register and lettings ----------------------------------------------------------

TENURES = Vocabulary("tenure", [
    ("private_rented", "Private rented"),
    ("council", "Council tenancy"),
    ("housing_association", "Housing association tenancy"),
    ("owner_occupier", "Owner occupier"),
    ("living_with_family", "Living with family"),
    ("lodging", "Lodging"),
    ("temporary_accommodation", "Temporary accommodation"),
    ("supported_housing", "Supported housing"),
    ("no_fixed_abode", "No fixed abode"),
    ("other", "Other"),
])

# The money side of a register application (logic/register/rules.py financial_assessment):
# the qualification limits the scheme sets under s.160ZA(7), and the share of income that
# current housing costs take against the scheme's affordability limit (register.toml).
FINANCIAL_RESULTS = Vocabulary("financial qualification result", [
    ("within_thresholds", "Within the scheme's financial limits", "s.160ZA(7)"),
    ("above_thresholds", "Above the scheme's financial limits", "s.160ZA(7)"),
])

HOUSING_COST_AFFORDABILITY = Vocabulary("affordability of current housing costs", [
    ("affordable", "Housing costs affordable"),
    ("unaffordable", "Housing costs not affordable"),
    ("not_assessed", "Affordability not assessed"),
])

# What a review of a register decision found (register_review.outcome; s.166A(9)(c)).
REVIEW_OUTCOMES = Vocabulary("outcome of a review", [
    ("upheld", "Decision upheld", "s.166A(9)(c)"),
    ("varied", "Decision varied", "s.166A(9)(c)"),
])

# What came of a register application's renewal (register_renewal.outcome).
RENEWAL_OUTCOMES = Vocabulary("renewal outcome", [
    ("renewed", "Renewed"),
    ("renewed_with_changes", "Renewed with changes"),
    ("lapsed", "Lapsed"),
])

# How a register decision was reached (register_assessment.kind) and what the officer did with
# the engine's answer (register_assessment.decision): the words of the application's history.
REGISTER_DECISION_KINDS = Vocabulary("register decision kind", [
    ("assessment", "Officer's assessment", "s.166A"),
    ("housekeeping", "Housekeeping recalculation"),
    ("duty_change", "Homelessness duty started or ended", "s.166A(3)(b)"),
    ("review", "Review", "s.166A(9)(c)"),
])

REGISTER_DECISION_OUTCOMES = Vocabulary("register decision outcome", [
    ("confirmed", "Engine confirmed"),
    ("overridden", "Officer's override"),
    ("recalculated", "Recalculated"),
])

ACCESSIBILITY_NEEDS = Vocabulary("access need", [
    ("none", "No particular access need"),
    ("step_free", "Step-free home"),
    ("wheelchair", "Wheelchair-accessible home"),
])

ADVERT_ACCESSIBILITY = Vocabulary("home's accessibility", [
    ("general_needs", "General needs"),
    ("step_free", "Step-free"),
    ("wheelchair", "Wheelchair accessible"),
])

PROPERTY_TYPES = Vocabulary("property type", [
    ("flat", "Flat"),
    ("maisonette", "Maisonette"),
    ("house", "House"),
    ("bungalow", "Bungalow"),
])

LANDLORD_KINDS = Vocabulary("landlord", [
    ("council", "Council"),
    ("housing_association", "Housing association"),
])

ADVERT_STATUSES = Vocabulary("state of an advert", [
    ("open", "Open for bids"),
    ("closed", "Bidding closed"),
    ("let", "Let"),
])

NOMINATION_OUTCOMES = Vocabulary("nomination outcome", [
    ("accepted", "Accepted"),
    ("refused_by_applicant", "Refused by the applicant"),
    ("refused_by_landlord", "Refused by the landlord"),
])

# --- training ---------------------------------------------------------------------------------

TRAINING_TOPICS = Vocabulary("practice topic", [
    ("prevention", "Prevention"),
    ("relief", "Relief"),
    ("priority_need", "Priority need"),
    ("intentionality", "Intentionality"),
    ("local_connection", "Local connection"),
    ("eligibility", "Eligibility"),
    ("part6_banding", "Part 6 banding"),
    # a 16- or 17-year-old: children's services first (R (G) v Southwark), the art.3 ground
    ("young_people", "Young people aged 16 or 17"),
])

# --- the audit log ------------------------------------------------------------------------------

# What an audit row records (audit_log.action; logic/common/recording.py record_audit).
AUDIT_ACTIONS = Vocabulary("audited action", [
    ("view", "Viewed"),
    ("create", "Created"),
    ("update", "Changed"),
    ("search", "Searched"),
    ("download", "Downloaded"),
    ("run", "Ran"),
    ("bulk_reallocate", "Moved cases in bulk"),
    ("activate", "Account activated"),
    ("deactivate", "Account deactivated"),
    ("change_password", "Changed own password"),
    ("reset_password", "Reset a password"),
    ("sign_in", "Signed in"),
    ("sign_in_failed", "Sign-in failed"),
    ("sign_in_refused", "Sign-in refused: waiting or locked"),
    ("sign_in_locked", "Sign-in locked"),
    ("sign_in_unlocked", "Sign-in unlocked"),
    ("sign_out", "Signed out"),
    ("session_ended", "Session ended"),
    ("view_refused", "Opening refused"),
    ("retention_remove", "Removed under the retention schedule"),
    ("retention_hold", "Retention hold recorded"),
    ("data_request", "Data protection request recorded"),
    ("data_request_decided", "Data protection request decided"),
    ("subject_access", "Subject access export"),
    ("export", "Exported"),
])

# The kind of record an audit row is about (audit_log.entity).
AUDITED_RECORDS = Vocabulary("audited record", [
    ("audit_log", "Audit log"),
    ("belongings_storage", "Belongings in storage"),
    ("case", "Case"),
    ("contact", "Contact"),
    ("cooperation_warning", "Warning for refusing to co-operate"),
    ("financial_assistance", "Deposit or rent in advance"),
    ("hclic_export", "H-CLIC return exported"),
    ("homelessness_assessment", "Homelessness assessment"),
    ("homelessness_duty", "Homelessness duty"),
    ("household", "Household"),
    ("issued_letter", "Letter"),
    ("letting_advert", "Lettings advert"),
    ("letting_bid", "Bid"),
    ("letting_nomination", "Nomination"),
    ("network_address", "Network address"),
    ("officer", "Officer account"),
    ("open_cases", "All open cases list"),
    ("officer_absence", "Officer absence"),
    ("person", "Person"),
    ("page", "Screen"),
    ("part7_appeal", "Appeal to the county court"),
    ("part7_appeal_outcome", "Appeal outcome"),
    ("part7_review", "Homelessness review"),
    ("part7_review_decision", "Homelessness review decision"),
    ("part7_review_extension", "Homelessness review extension"),
    ("part7_review_minded_to", "Minded-to notice"),
    ("part7_review_representations", "Review representations"),
    ("part7_review_reviewer", "Reviewer assigned"),
    ("placement", "Temporary accommodation placement"),
    ("plan_agreement", "Plan agreement"),
    ("plan_copy_given", "Copy of the plan given"),
    ("plan_review", "Plan review"),
    ("plan_step", "Plan step"),
    ("practice_attempt", "Practice case attempt"),
    ("practice_progress", "Training progress"),
    ("referral_received", "Referral received"),
    ("register_evidence", "Register evidence"),
    ("register_housekeeping", "Register housekeeping"),
    ("register_review", "Register review"),
    ("safeguarding_flag", "Safeguarding flag"),
    ("safeguarding_referral", "Safeguarding referral"),
    ("signposting_given", "Signposting given"),
    ("triage_record", "Triage record"),
])

# The kinds of record a subject access export reads (logic/privacy/subject_access.py
# held_records: a table name each), in the words of the export's index.
HELD_RECORDS = Vocabulary("kind of record held about a person", [
    ("household", "Household"),
    ("cases", "Cases"),
    ("person", "People in the household"),
    ("letting_advert", "Home let to the household"),
    ("belongings_storage", "Belongings in storage"),
    ("case_event", "Case history"),
    ("contact", "Contacts"),
    ("financial_assistance", "Deposits and rent in advance"),
    ("hclic_problem", "H-CLIC checks to fix"),
    ("homelessness_assessment", "Homelessness assessments"),
    ("issued_letter", "Letters sent"),
    ("letting_bid", "Bids for homes"),
    ("letting_nomination", "Nominations to landlords"),
    ("note", "Notes"),
    ("placement", "Temporary accommodation placements"),
    ("plan_agreement", "Plan agreements"),
    ("plan_copy_given", "Copies of the plan given"),
    ("plan_review", "Plan reviews"),
    ("plan_step", "Plan steps"),
    ("plan_step_status", "Plan step progress"),
    ("register_application", "Housing register applications"),
    ("register_assessment", "Housing register assessments and bands"),
    ("register_evidence", "Housing register evidence"),
    ("register_household_needs", "Household needs on the register"),
    ("register_renewal", "Housing register renewals"),
    ("register_review", "Housing register reviews"),
    ("homelessness_duty", "Homelessness duties"),
    ("part7_review", "Homelessness reviews"),
    ("part7_review_decision", "Homelessness review decisions"),
    ("part7_review_extension", "Homelessness review extensions"),
    ("part7_review_minded_to", "Minded-to notices"),
    ("part7_review_reviewer", "Reviewers assigned"),
    ("part7_review_representations", "Review representations"),
    ("part7_appeal", "Appeals to the county court"),
    ("part7_appeal_outcome", "Appeal outcomes"),
    ("referral_received", "Referrals received"),
    ("public_submission", "Online self-assessments and referrals"),
    ("safeguarding_flag", "Safeguarding flags"),
    ("safeguarding_referral", "Safeguarding referrals"),
    ("signposting_given", "Signposting given"),
    ("triage_record", "Triage records"),
    ("accommodation_offer", "Offers of accommodation"),
    ("cooperation_warning", "Warnings for refusing to co-operate"),
    ("offer_answer", "Answers to offers"),
    ("offer_notice", "Notices about offers"),
    # the retention tables (migration 0016 of the retention work): read once they exist
    ("retention_hold", "Holds that keep a case from removal"),
    ("data_request", "Requests to correct or erase data"),
])

# --- case lists -------------------------------------------------------------------------------

# what a case list can be narrowed to by its dates due (logic/cases/views.py case_list)
DUE_FILTERS = Vocabulary("what is due", [
    ("overdue", "Overdue"),
    ("due_7_days", "Due within 7 days"),
    ("due_14_days", "Due within 14 days"),
])

# how near a date due is (logic/casework/stages.py due_status)
DUE_STATUSES = Vocabulary("how near a date due is", [
    ("overdue", "Overdue"),
    ("due today", "Due today"),
    ("warning", "Due soon"),
    ("upcoming", "Upcoming"),
])

# where a family's B&B placement stands against the six-week limit (logic/casework/views.py)
BNB_LIMIT_STATUSES = Vocabulary("B&B limit status", [
    ("over the limit", "Over the limit"),
    ("warning", "Near the limit"),
    ("within the limit", "Within the limit"),
])

# --- H-CLIC: the return's sections and the quarter's figures (logic/statistics) ---------------

HCLIC_SECTIONS = Vocabulary("section of the H-CLIC return", [
    ("main", "Main (the application and the main applicant)"),
    ("people", "People (every member of the household)"),
    ("support", "Support needs"),
    ("prevention", "Prevention"),
    ("relief", "Relief"),
    ("final_duties", "Decision after relief and the main duty"),
    ("assistance", "Assistance (at close)"),
    ("temporary_accommodation", "Temporary accommodation"),
    ("reviews", "Reviews"),
])

# The initial assessment's outcome (the live tables' A1)
ASSESSMENT_OUTCOMES = Vocabulary("outcome of the initial assessment", [
    ("prevention", "Threatened with homelessness: prevention duty owed", "s.195(2)"),
    ("relief", "Homeless: relief duty owed", "s.189B(2)"),
    ("no_duty", "Neither homeless nor threatened: no duty owed"),
    ("not_eligible", "Not eligible for assistance", "s.185"),
    ("withdrew", "Withdrew before the assessment"),
])

# The decision after the relief duty (the live tables' MD1)
DECISIONS_AFTER_RELIEF = Vocabulary("decision after the relief duty", [
    ("main_duty", "Eligible, homeless, priority need, not intentionally homeless: main duty owed",
     "s.193(2)"),
    ("intentional_priority", "Priority need but intentionally homeless", "s.190(2)"),
    ("no_priority_need", "No priority need", "s.190(3), s.192"),
    ("not_homeless", "Not homeless"),
])

# The household's make-up at application (the live tables' A5)
HOUSEHOLD_TYPES = Vocabulary("type of household", [
    ("single_female", "Single adult: female"),
    ("single_male", "Single adult: male"),
    ("single_other", "Single adult: not recorded as male or female"),
    ("single_parent_female", "Single parent with dependent children: female"),
    ("single_parent_male", "Single parent with dependent children: male"),
    ("single_parent_other", "Single parent with dependent children: not recorded as male or female"),
    ("couple_children", "Couple with dependent children"),
    ("couple_no_children", "Couple without dependent children"),
    ("other", "Other household (more than one adult, not a couple)"),
])

# Temporary accommodation by the live tables' TA1 types (Hearth's PLACEMENT_TYPES grouped)
TA1_TYPES = Vocabulary("type of temporary accommodation (TA1)", [
    ("bed_and_breakfast", "Bed and breakfast"),
    ("nightly_paid", "Nightly paid, privately managed, self-contained"),
    ("hostel", "Hostels (including refuges)"),
    ("private_sector_leased", "Private sector leased"),
    ("social_stock", "Council or housing association stock"),
    ("other", "Other"),
])

# A category an officer has not recorded yet (a row of a figure, never a code stored)
HCLIC_NOT_RECORDED = Vocabulary("not recorded", [("not_recorded", "Not recorded yet")])

# The quarter's figures (the live tables they reproduce)
HCLIC_FIGURES = Vocabulary("H-CLIC figure", [
    ("A1", "A1: initial assessments by outcome"),
    ("A2P", "A2P: reason for loss of the last settled home (prevention duty owed)"),
    ("A2R", "A2R: reason for loss of the last settled home (relief duty owed)"),
    ("A3", "A3: support needs of households owed a duty"),
    ("A4P", "A4P: accommodation at application (prevention duty owed)"),
    ("A4R", "A4R: accommodation at application (relief duty owed)"),
    ("A5P", "A5P: household type (prevention duty owed)"),
    ("A5R", "A5R: household type (relief duty owed)"),
    ("A7", "A7: referral source of households owed a duty"),
    ("A10", "A10: employment of main applicants owed a duty"),
    ("P1", "P1: prevention duties ended, by reason"),
    ("P2", "P2: prevention ended with accommodation secured, by kind"),
    ("P3", "P3: prevention ended with accommodation secured, by main activity"),
    ("R1", "R1: relief duties ended, by reason"),
    ("R2", "R2: relief ended with accommodation secured, by kind"),
    ("R3", "R3: relief ended with accommodation secured, by main activity"),
    ("MD1", "MD1: decisions after the relief duty"),
    ("MD2", "MD2: main duties ended, by reason"),
    ("MD3", "MD3: main duties owed, by priority need"),
    ("TA1", "TA1: households in temporary accommodation on the quarter's last day, by type"),
])

# --- data protection: retention and data requests (issue 17) -----------------------------------

# What the retention schedule (data/policy/retention.toml) removes, one rule a kind of record
RETENTION_RULES = Vocabulary("retention rule", [
    ("homelessness_case", "Closed homelessness case"),
    ("register_application", "Cancelled or closed housing register application"),
    ("advice_contact", "Closed advice-only contact"),
    ("audit_row", "Audit log entry"),
    ("practice_attempt", "Practice case attempt (training)"),
    ("sign_in_attempt", "Failed sign-in record"),
    ("public_submission", "Online self-assessment or referral never taken into an intake"),
    ("erasure", "Erasure request agreed", "UK GDPR art.17(1)"),
])

# What keeps a record past its retention period
RETENTION_HOLDS = Vocabulary("retention hold", [
    ("legal", "Legal hold"),
    ("complaint", "Complaint"),
    ("review", "Review not decided", "Housing Act 1996 s.202 / s.166A(9)(c)"),
    ("appeal", "Appeal not decided", "Housing Act 1996 s.204"),
])
# the holds a manager records by hand (a review or an appeal holds while it is undecided)
RECORDED_HOLDS = RETENTION_HOLDS.subset("hold a manager records", ("legal", "complaint"))

DATA_REQUEST_KINDS = Vocabulary("data protection request", [
    ("rectification", "Rectification (correct the record)", "UK GDPR art.16"),
    ("erasure", "Erasure (remove the record)", "UK GDPR art.17"),
])

DATA_REQUEST_DECISIONS = Vocabulary("decision on a data protection request", [
    ("agreed", "Agreed"),
    ("partly", "Partly agreed"),
    ("refused", "Refused"),
])

# Why a request is refused (in whole or in part): the provision the refusal rests on
DATA_REQUEST_REFUSAL_GROUNDS = Vocabulary("ground for refusing a data protection request", [
    ("legal_obligation", "Kept to comply with a legal obligation (the council's housing duties)",
     "UK GDPR art.17(3)(b)"),
    ("legal_claims", "Needed for legal claims (a review, an appeal, a claim)", "UK GDPR art.17(3)(e)"),
    ("public_task", "Needed for the council's public task", "UK GDPR art.17(3)(b)"),
    ("no_art17_ground", "None of the grounds for erasure applies", "UK GDPR art.17(1)"),
    ("accurate", "The record is accurate (an opinion recorded as the officer's)", "UK GDPR art.16"),
    ("manifestly_unfounded", "Manifestly unfounded or excessive", "UK GDPR art.12(5)"),
])
ERASURE_REFUSAL_GROUNDS = DATA_REQUEST_REFUSAL_GROUNDS.subset(
    "ground for refusing erasure", ("legal_obligation", "legal_claims", "public_task",
                                    "no_art17_ground", "manifestly_unfounded"))
RECTIFICATION_REFUSAL_GROUNDS = DATA_REQUEST_REFUSAL_GROUNDS.subset(
    "ground for refusing rectification", ("accurate", "manifestly_unfounded"))

# Every vocabulary, by the name a test or a check walks them with.
ALL: dict[str, Vocabulary] = {
    name: value for name, value in globals().items()
    if isinstance(value, Vocabulary) and name.isupper()
}
