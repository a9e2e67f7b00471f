"""Front-door triage: a short questionnaire, the engine's answer, and the route it points to.

Pure: no database, no clock (the caller passes ``today``). The questionnaire asks only what
the next decision needs; :func:`build_facts` turns the answers into the decision engine's
scenario format, :func:`recommend` runs ``logic.law.determine`` on them and maps the
determination to one of four routes, each with reasons citing the law:

* ``emergency`` -- something must happen today: no accommodation tonight (s.188(1) interim
  accommodation), domestic abuse (s.177(1), s.189(1)(e)), fire or flood (s.175(3),
  s.189(1)(d)) or a safeguarding concern (Children Act 2004 s.11, Care Act 2014 s.42);
* ``homelessness`` -- the engine finds the household homeless or threatened within 56 days:
  the council has reason to believe so and must inquire (s.184(1)); the prevention
  (s.195(2)) or relief (s.189B(2)) duty follows for an eligible applicant;
* ``register`` -- not homeless or threatened, eligible, and wanting to move or with a
  reasonable-preference need (s.166A(3)): a housing register application (s.166(3));
* ``advice`` -- otherwise: free advice and information (s.179(1)) and signposting.

At the front door the test is "reason to believe", not a decision: where the caller does not
know something (immigration status, whether a notice is valid) the triage assumes the
answer that keeps the applicant's rights open and says so in ``assumptions``, so the s.184
inquiries check it. Nothing here decides a duty; the homelessness case does that.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from logic.common import codes
from logic.common.errors import FieldError
from logic.law import determine, parse_facts
from logic.law.core import Citation, Determination, Reason, ha1996, long_date
from logic.law.engine import resolve_policy
from logic.law.facts import age_on
from logic.law.homelessness import HOMELESS, NEITHER, THREATENED

EMERGENCY = "emergency"
HOMELESSNESS = "homelessness"
REGISTER = "register"
ADVICE = "advice"
ROUTES = (EMERGENCY, HOMELESSNESS, REGISTER, ADVICE)
ROUTE_LABELS = {
    EMERGENCY: "Emergency today",
    HOMELESSNESS: "Open a homelessness case",
    REGISTER: "Start a housing register application",
    ADVICE: "Advice and signposting",
}
# The case each route opens; an emergency opens a homelessness case when the household may be
# homeless or threatened (see Recommendation.case_type), advice opens none: the contact, the
# advice and the signposting are recorded on the household.
ROUTE_CASE_TYPE: dict[str, str | None] = {
    EMERGENCY: "homelessness", HOMELESSNESS: "homelessness", REGISTER: "register", ADVICE: None,
}

NOT_KNOWN = codes.NOT_KNOWN
NOTICE_VALIDITY = ("yes", "no", "not_checked")
MEMBER_RELATIONS = codes.MEMBER_RELATIONS.codes()

CHILDREN_ACT_2004_S11 = Citation(
    "Children Act 2004", "s.11", "https://www.legislation.gov.uk/ukpga/2004/31/section/11")
CARE_ACT_2014_S42 = Citation(
    "Care Act 2014", "s.42", "https://www.legislation.gov.uk/ukpga/2014/23/section/42")
CHILDREN_ACT_1989_S20 = Citation(
    "Children Act 1989", "s.20 (R (G) v Southwark LBC [2009] UKHL 26)",
    "https://www.legislation.gov.uk/ukpga/1989/41/section/20")
DOMESTIC_ABUSE_ACT_S78 = Citation(
    "Domestic Abuse Act 2021", "s.78 (Housing Act 1996 s.189(1)(e))",
    "https://www.legislation.gov.uk/ukpga/2021/17/section/78")


# The triage questions as pages/intake.py asks them, so a refused answer names the question.
FIELD_LABELS: dict[str, str] = {
    "today": "Date of the contact",
    "applicant_dob": "Date of birth",
    "applicant_sex": "Sex",
    "immigration_status": "Immigration status",
    "disaster": "Has the home been lost to fire, flood or another disaster?",
    "likely_to_lose_home_on": "When are they likely to lose their home?",
    "section_21_expires_on": "The section 21 notice expires on",
    "section_21_valid": "Is the section 21 notice valid?",
    "applicant_pregnant": "Pregnant",
    "domestic_abuse_victim": "Who is at risk of the abuse?",
    "relevant_child": "Did they leave care at 16 or 17 (a relevant child, Children Act 1989 s.23A)?",
    "owed_s20_duty": "Do children's services owe them accommodation (Children Act 1989 s.20)?",
    "vulnerability": "Reason to believe they may be vulnerable (officer's view)",
    "current_bedrooms": "Bedrooms where they live now (if known)",
    "current_accommodation": "Where do they live now?",
    "members": "Who lives with them",
    "route": "Route",
}
_MEMBER_LABELS = {"relation": "Relation", "dob": "Date of birth", "sex": "Sex",
                  "dependent": "Dependent child", "pregnant": "Pregnant"}


@dataclass(frozen=True)
class MemberAnswer:
    """Someone who lives (or would live) with the applicant, as the caller describes them."""

    relation: str
    dob: date
    sex: str
    dependent: bool = False
    pregnant: bool = False


@dataclass(frozen=True)
class TriageAnswers:
    applicant_dob: date
    applicant_sex: str
    immigration_status: str
    accommodation_tonight: bool
    domestic_abuse: bool = False
    # who is at risk of the abuse: applicant, member or both (codes.DOMESTIC_ABUSE_VICTIMS)
    domestic_abuse_victim: str = "applicant"
    disaster: str | None = None  # fire, flood, other_disaster: the home cannot be lived in
    safeguarding_concern: bool = False
    likely_to_lose_home_on: date | None = None
    section_21_served: bool = False
    section_21_expires_on: date | None = None
    section_21_valid: str = "not_checked"
    applicant_pregnant: bool = False
    vulnerability: tuple[str, ...] = ()
    members: tuple[MemberAnswer, ...] = ()
    wants_to_move: bool = False
    unsatisfactory_conditions: bool = False
    medical_welfare_need: bool = False
    current_bedrooms: int | None = None
    # asked of a 16- or 17-year-old only (see young_person): children's services come first
    relevant_child: bool = False
    owed_s20_duty: bool = False
    # where they live now (codes.ACCOMMODATION_TYPES), if asked: the assessment starts from it
    # as the accommodation at application (H-CLIC); None when not asked
    current_accommodation: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        raw = asdict(self)
        raw["vulnerability"] = list(self.vulnerability)
        raw["members"] = [
            {**asdict(m), "dob": m.dob.isoformat()} for m in self.members
        ]
        for key in ("applicant_dob", "likely_to_lose_home_on", "section_21_expires_on"):
            raw[key] = raw[key].isoformat() if raw[key] else None
        return raw


@dataclass(frozen=True)
class RouteReason:
    rule: str
    citation: str
    text: str
    url: str = ""

    @classmethod
    def of(cls, r: Reason) -> RouteReason:
        return cls(r.rule, str(r.citation), r.text, r.citation.url)


@dataclass(frozen=True)
class Recommendation:
    route: str
    case_type: str | None
    headline: str
    reasons: tuple[RouteReason, ...]  # why this route, first the deciding ones
    actions_today: tuple[str, ...]
    assumptions: tuple[RouteReason, ...]
    suggested_categories: tuple[str, ...]  # signposting directory categories that fit
    facts: dict[str, Any]
    determination: Determination = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        return ROUTE_LABELS[self.route]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "route": self.route,
            "case_type": self.case_type,
            "headline": self.headline,
            "reasons": [asdict(r) for r in self.reasons],
            "actions_today": list(self.actions_today),
            "assumptions": [asdict(r) for r in self.assumptions],
            "suggested_categories": list(self.suggested_categories),
        }


def _why(rule: str, citation: Citation, text: str) -> RouteReason:
    return RouteReason(rule, str(citation), text, citation.url)


# --- checking the answers ------------------------------------------------------------


def young_person(dob: date, on: date, policy=None) -> bool:
    """A 16- or 17-year-old (Priority Need Order 2002 art.3; the ages are in the statutory policy
    file): the Children Act questions (a relevant child, a s.20 duty) are asked of them only, the
    only ages at which the engine reads them."""
    law = resolve_policy(on, policy)
    return law.young_person_from <= age_on(dob, on) <= law.young_person_to


def check_answers(answers: TriageAnswers, today: date) -> None:
    """Refuse answers only triage can judge, naming the question (nothing is guessed).

    What the facts themselves must be (codes, a birth date not after today, a bedroom count
    not below 0) is checked once, by the engine's reader: see :func:`build_facts`.
    """
    a = answers
    if a.applicant_dob.year < 1900:
        raise FieldError("applicant_dob", "is before 1900; check the year", FIELD_LABELS)
    if a.section_21_valid not in NOTICE_VALIDITY:
        raise FieldError("section_21_valid", "choose yes, no or not checked", FIELD_LABELS)
    if a.section_21_served and a.section_21_expires_on is None:
        raise FieldError("section_21_expires_on", "give the date the notice expires", FIELD_LABELS)
    if a.section_21_served and a.section_21_expires_on < today - timedelta(days=366):
        raise FieldError("section_21_expires_on", "is more than a year ago; check the date",
                         FIELD_LABELS)
    if a.likely_to_lose_home_on is not None and a.likely_to_lose_home_on < today - timedelta(days=366):
        raise FieldError("likely_to_lose_home_on", "is more than a year ago; check the date",
                         FIELD_LABELS)
    if a.current_bedrooms is not None and a.current_bedrooms > 20:
        raise FieldError("current_bedrooms", "must be between 0 and 20", FIELD_LABELS)
    for i, m in enumerate(a.members):
        if m.dob.year < 1900:
            raise _member_error(i, "dob", "is before 1900; check the year")
    if a.domestic_abuse_victim not in codes.DOMESTIC_ABUSE_VICTIMS.codes():
        raise FieldError("domestic_abuse_victim", "choose the applicant, a member of the household or both",
                         FIELD_LABELS)
    if a.current_accommodation is not None and a.current_accommodation not in codes.ACCOMMODATION_TYPES:
        raise FieldError("current_accommodation", "choose one of the kinds of accommodation listed",
                         FIELD_LABELS)
    if a.applicant_pregnant and a.applicant_sex == "M":
        raise FieldError("applicant_pregnant", "is recorded for an applicant recorded as male",
                         FIELD_LABELS)


def _member_error(index: int, key: str, problem: str) -> FieldError:
    # the members are the rows of the intake screen's table, counted from 1 as the officer sees them
    label = f"{FIELD_LABELS['members']}, row {index + 1}: {_MEMBER_LABELS.get(key, key)}"
    return FieldError(f"members[{index}].{key}", problem, label=label)


# --- answers -> scenario facts -------------------------------------------------------


def build_facts(answers: TriageAnswers, today: date) -> dict[str, Any]:
    """The engine's scenario ``facts`` for these answers (see decision-scenarios.md), checked
    by the engine's own reader; a refusal names the triage question, not the fact."""
    check_answers(answers, today)
    facts = _raw_facts(answers, today)
    try:
        parse_facts(facts)
    except FieldError as error:
        raise _as_question(error) from None
    return facts


def _raw_facts(a: TriageAnswers, today: date) -> dict[str, Any]:
    # an unknown status is assumed to keep the applicant's rights open (see the module's note)
    status = "british_irish" if a.immigration_status == NOT_KNOWN else a.immigration_status
    housing: dict[str, Any] = {"has_accommodation": a.accommodation_tonight}
    # Abuse and disaster make a home one it is not reasonable to stay in (s.177(1), s.175(3));
    # the engine reads them only where the household still has the home.
    if a.domestic_abuse:
        housing["domestic_abuse"] = True
        if a.domestic_abuse_victim != "applicant":
            housing["domestic_abuse_victim"] = a.domestic_abuse_victim
    if a.disaster:
        # the caller says the home is lost to it: the disaster is the cause, and the home is not
        # reasonable to occupy (the engine never reads an emergency as homelessness by itself)
        housing["emergency"] = a.disaster
        housing["reasonable_to_occupy"] = False
    if a.likely_to_lose_home_on:
        housing["likely_to_lose_on"] = a.likely_to_lose_home_on.isoformat()
    if a.section_21_served and a.section_21_expires_on:
        housing["section_21"] = {
            "valid": a.section_21_valid != "no",
            "expires_on": a.section_21_expires_on.isoformat(),
        }
    if a.unsatisfactory_conditions:
        housing["unsatisfactory_conditions"] = True
    if a.medical_welfare_need:
        housing["medical_welfare_need"] = True
    if a.current_bedrooms is not None:
        housing["current_bedrooms"] = a.current_bedrooms
    applicant: dict[str, Any] = {
        "dob": a.applicant_dob.isoformat(), "sex": a.applicant_sex, "immigration_status": status,
    }
    if a.applicant_pregnant:
        applicant["pregnant"] = True
    if a.vulnerability:
        applicant["vulnerability"] = list(a.vulnerability)
    for key in ("relevant_child", "owed_s20_duty"):
        if getattr(a, key):
            applicant[key] = True
    household = []
    for m in a.members:
        member: dict[str, Any] = {"relation": m.relation, "dob": m.dob.isoformat(), "sex": m.sex}
        if m.dependent:
            member["dependent"] = True
        if m.pregnant:
            member["pregnant"] = True
        household.append(member)
    return {
        "assessment_date": today.isoformat(),
        "applicant": applicant,
        "household": household,
        "housing": housing,
    }


# the fact each triage question gives (the engine's path -> the question)
_FACT_FIELDS = {
    "facts.assessment_date": "today",
    "facts.applicant.dob": "applicant_dob",
    "facts.applicant.sex": "applicant_sex",
    "facts.applicant.immigration_status": "immigration_status",
    "facts.applicant.pregnant": "applicant_pregnant",
    "facts.applicant.vulnerability": "vulnerability",
    "facts.applicant.relevant_child": "relevant_child",
    "facts.applicant.owed_s20_duty": "owed_s20_duty",
    "facts.housing.domestic_abuse_victim": "domestic_abuse_victim",
    "facts.housing.emergency": "disaster",
    "facts.housing.likely_to_lose_on": "likely_to_lose_home_on",
    "facts.housing.section_21.expires_on": "section_21_expires_on",
    "facts.housing.current_bedrooms": "current_bedrooms",
}


def _as_question(error: FieldError) -> FieldError:
    """The engine's refusal of a fact, said as the triage question that gave it."""
    name = error.field
    if name.startswith("facts.household["):
        index, _, key = name[len("facts.household["):].partition("].")
        return _member_error(int(index), key, error.problem)
    if name.startswith("facts.applicant.vulnerability["):
        question = "vulnerability" + name[len("facts.applicant.vulnerability"):]
        return FieldError(question, error.problem, FIELD_LABELS)
    question = _FACT_FIELDS.get(name, name)
    return FieldError(question, error.problem, FIELD_LABELS)


# --- facts -> route ------------------------------------------------------------------


def recommend(answers: TriageAnswers, today: date, policy=None) -> Recommendation:
    """Ask the engine about these answers and say which route the officer should take, why."""
    facts = build_facts(answers, today)
    d = determine(facts, policy)
    window = resolve_policy(today, policy).threatened_within_days

    assumptions = _assumptions(answers)
    emergency = _emergency_reasons(answers, d)
    may_be_homeless = d.homelessness in (HOMELESS, THREATENED)
    wants_register = d.eligible and (answers.wants_to_move or bool(d.reasonable_preference))

    homeless_reasons = _homelessness_reasons(d) if may_be_homeless else ()

    actions: list[str] = []
    if emergency:
        route = EMERGENCY
        case_type = HOMELESSNESS if may_be_homeless else (REGISTER if wants_register else None)
        reasons = tuple(emergency) + homeless_reasons
        headline = "Act today: " + "; ".join(_EMERGENCY_HEADLINE[r.rule] for r in emergency) + "."
        actions += _emergency_actions(answers, d)
        if case_type == HOMELESSNESS:
            actions.append("Open a homelessness case and start the s.184 inquiries today.")
    elif may_be_homeless:
        route, case_type = HOMELESSNESS, HOMELESSNESS
        reasons = homeless_reasons
        headline = ("Homeless now: open a homelessness case (relief duty)." if d.homelessness == HOMELESS
                    else f"Threatened with homelessness within {window} days: open a homelessness "
                         "case (prevention duty).")
        actions.append("Open a homelessness case; assess the household and agree a personalised "
                       "housing plan (s.189A).")
    elif wants_register:
        route, case_type = REGISTER, REGISTER
        reasons = _register_reasons(d)
        headline = "Not homeless or threatened: start a housing register application."
        actions.append("Start a housing register application (Part 6) and ask for the evidence "
                       "it needs.")
    else:
        route, case_type = ADVICE, None
        reasons = _advice_reasons(d)
        headline = "Advice and signposting: no homelessness or register route today."
        actions.append("Give advice and information (s.179) and signpost to the services that fit.")
    if answers.immigration_status == NOT_KNOWN:
        # the engine was given an assumed status; its eligibility sentence would state it as fact
        reasons = tuple(r for r in reasons if r.rule not in _eligibility_rules(d))
    actions += _follow_ups(answers, d, today, window)
    if not d.eligible and may_be_homeless:
        actions.append(
            "Eligibility looks doubtful: decide it in the s.184 inquiries and notify in writing; "
            "if there are children, ask for consent to refer to children's services (s.213A).")
    return Recommendation(
        route=route,
        case_type=case_type,
        headline=headline,
        reasons=reasons,
        actions_today=tuple(actions),
        assumptions=tuple(assumptions),
        suggested_categories=suggested_categories(answers, today),
        facts=facts,
        determination=d,
    )


def case_type_for(chosen_route: str, recommendation: Recommendation) -> str | None:
    """The case the officer's chosen route opens (their choice may differ from the engine's)."""
    if chosen_route not in ROUTES:
        raise FieldError("route", f"choose one of {', '.join(ROUTES)}", FIELD_LABELS)
    if chosen_route == recommendation.route:
        return recommendation.case_type
    return ROUTE_CASE_TYPE[chosen_route]


_EMERGENCY_HEADLINE = {
    "refer_to_childrens_services": "refer to children's services",
    "no_accommodation_tonight": "nowhere to stay tonight",
    "domestic_abuse": "domestic abuse",
    "disaster": "home lost to fire, flood or disaster",
    "safeguarding_concern": "safeguarding concern",
}


def _emergency_reasons(a: TriageAnswers, d: Determination) -> list[RouteReason]:
    out: list[RouteReason] = []
    if d.refer_to_childrens_services:
        why = ("you left care at 16 or 17 (a relevant child)" if a.relevant_child
               else "children's services owe you accommodation under section 20 of the Children Act 1989")
        out.append(_why(
            "refer_to_childrens_services", CHILDREN_ACT_1989_S20,
            f"You are {d.applicant_age} and {why}. Children's services' duties to you come first, so "
            "you are referred to them today; the council's housing duties are looked into alongside."))
    if not a.accommodation_tonight:
        if d.interim_accommodation_duty:
            tail = ("On what you have told us you may be eligible, homeless and in priority need, "
                    "so the council must provide somewhere to stay while it looks into your case.")
        else:
            tail = ("On what you have told us there is no reason yet to believe you have a priority "
                    "need, so the council may not have to provide somewhere tonight; it will still "
                    "help you find somewhere and look into your case today.")
        out.append(_why(
            "no_accommodation_tonight", ha1996("s.188(1)", "188"),
            f"You have nowhere to stay tonight. {tail}"))
    if a.domestic_abuse and a.domestic_abuse_victim == "member":
        out.append(_why(
            "domestic_abuse", ha1996("s.177(1)", "177"),
            "You told us that staying at home would probably lead to domestic abuse against someone "
            "in your household. It is never reasonable to stay in those circumstances (Housing Act "
            "1996 s.177(1)), so their safety and somewhere to stay are dealt with today."))
    elif a.domestic_abuse:
        out.append(_why(
            "domestic_abuse", DOMESTIC_ABUSE_ACT_S78,
            "You told us that staying at home would probably lead to domestic abuse. It is never "
            "reasonable to stay in those circumstances (Housing Act 1996 s.177(1)), and a person "
            "homeless as a result of domestic abuse has a priority need, so your safety and "
            "somewhere to stay are dealt with today."))
    if a.disaster:
        what = {"fire": "a fire", "flood": "a flood"}.get(a.disaster, "a disaster")
        out.append(_why(
            "disaster", ha1996("s.189(1)(d)", "189"),
            f"Your home has been made unfit to live in by {what}. A household homeless because of "
            "an emergency such as fire or flood has a priority need, so somewhere to stay is "
            "dealt with today."))
    if a.safeguarding_concern:
        out.append(_why(
            "safeguarding_concern", CHILDREN_ACT_2004_S11,
            "A concern was raised that a child or an adult in the household may be at risk of "
            "harm. The council must safeguard and promote the welfare of children (Children Act "
            "2004 s.11) and refer an adult at risk to adult social care for a safeguarding "
            "enquiry (Care Act 2014 s.42), so the referral is made today and recorded."))
    return out


def _emergency_actions(a: TriageAnswers, d: Determination) -> list[str]:
    actions = []
    if not a.accommodation_tonight or a.disaster or a.domestic_abuse:
        if d.interim_accommodation_duty:
            actions.append("Secure interim accommodation for tonight (s.188(1)); a placement "
                           "needs a senior's approval.")
        elif not a.accommodation_tonight:
            actions.append("Help to find somewhere safe tonight (night shelter, friends or "
                           "family) and record why interim accommodation is not owed (s.188(1)).")
    if d.refer_to_childrens_services:
        actions.insert(0, "Refer to children's services today (the joint protocol for 16- and "
                          "17-year-olds): their duties come first; record the referral on the case.")
    if a.domestic_abuse:
        actions.append("Complete a domestic abuse risk assessment, offer the National Domestic "
                       "Abuse Helpline and a referral to the local domestic abuse service.")
    if a.safeguarding_concern:
        actions.append("Raise a safeguarding flag on the household and record the referral made "
                       "(to whom, when).")
    return actions


def _homelessness_reasons(d: Determination) -> tuple[RouteReason, ...]:
    opened = _why(
        "reason_to_believe", ha1996("s.184(1)", "184"),
        "There is reason to believe you may be homeless or threatened with homelessness, so the "
        "council must look into whether you are eligible for help and what duty it owes you.")
    engine = [RouteReason.of(r) for r in d.reasons_for("homelessness")]
    engine += [RouteReason.of(r) for r in d.reasons_for("eligible")[:1]]
    engine += [RouteReason.of(r) for r in d.reasons_for("duty")]
    if d.homelessness == HOMELESS:
        engine += [RouteReason.of(r) for r in d.reasons_for("interim_accommodation_duty")]
    # Reasons the household does not meet (e.g. "not yet threatened" beside a met ground) are
    # dropped: the officer needs the grounds that put the case on this route.
    engine = [r for r in engine if r.rule not in ("not_yet_threatened", "section_21_expires_later")]
    return (opened, *engine)


def _eligibility_rules(d: Determination) -> set[str]:
    return {r.rule for r in d.reasons_for("eligible")}


def _register_reasons(d: Determination) -> tuple[RouteReason, ...]:
    reasons = [_why(
        "register_application", ha1996("s.166(3)", "166"),
        "You are not homeless or threatened with homelessness, but you are eligible for an "
        "allocation and want to move or have a housing need the allocation scheme gives "
        "preference to; every application to the housing register must be considered, so a "
        "register application is started.")]
    reasons += [RouteReason.of(r) for r in d.reasons_for("eligible")]
    reasons += [RouteReason.of(r) for r in d.reasons_for("reasonable_preference")]
    reasons += [RouteReason.of(r) for r in d.reasons_for("homelessness")]
    return tuple(reasons)


def _advice_reasons(d: Determination) -> tuple[RouteReason, ...]:
    reasons = [RouteReason.of(r) for r in d.reasons_for("duty")]
    if d.homelessness == NEITHER:
        reasons += [RouteReason.of(r) for r in d.reasons_for("homelessness")]
    reasons += [RouteReason.of(r) for r in d.reasons_for("eligible")[:1]]
    return tuple(reasons)


def _assumptions(a: TriageAnswers) -> list[RouteReason]:
    out = []
    if a.immigration_status == NOT_KNOWN:
        out.append(_why(
            "immigration_status_not_known", ha1996("s.185", "185"),
            "Immigration status is not known yet, so this recommendation assumes you are eligible "
            "for assistance; eligibility must be checked before any decision is made."))
    if a.section_21_served and a.section_21_valid == "not_checked":
        out.append(_why(
            "notice_not_checked", ha1996("s.175(5)", "175"),
            "The landlord's notice has not been checked yet, so it is treated as valid for now; a "
            "valid notice that expires within 56 days makes a household threatened with "
            "homelessness. Check it in the assessment."))
    return out


def _follow_ups(a: TriageAnswers, d: Determination, today: date, window: int) -> list[str]:
    """A threat further off than the window: say when to come back (not a case today)."""
    if d.homelessness != NEITHER:
        return []
    dates = [x for x in (a.likely_to_lose_home_on,
                         a.section_21_expires_on if a.section_21_served and a.section_21_valid != "no"
                         else None) if x]
    future = [x for x in dates if (x - today).days > window]
    if not future:
        return []
    back_on = min(future) - timedelta(days=window)
    return [f"Book a follow-up: from {long_date(back_on)} the household is threatened with "
            f"homelessness within {window} days and the prevention duty can start (s.195)."]


def suggested_categories(a: TriageAnswers, today: date) -> tuple[str, ...]:
    """Signposting categories that fit what the caller told us (the officer chooses)."""
    out: list[str] = []
    if a.domestic_abuse:
        out.append("domestic_abuse")
    if a.section_21_served or a.likely_to_lose_home_on:
        out += ["legal_advice", "landlord_mediation", "tenancy_sustainment", "debt_advice"]
    if "mental_illness" in a.vulnerability:
        out.append("mental_health")
    if age_on(a.applicant_dob, today) < 25:
        out.append("young_people")
    if not a.accommodation_tonight or a.disaster:
        out.append("food_and_essentials")
    if not out:
        out.append("legal_advice")
    return tuple(dict.fromkeys(out))
