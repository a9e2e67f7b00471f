"""What the triage's reading means, said to the public in plain English (issue 18).

Pure: no database, no clock. The route and the determination come from
``logic.front_door.triage.recommend``, the engine the officers use; this module only words
them for the person who filled in the self-assessment: what the council is likely to owe them,
each sentence with the section it rests on, and always "This is not a decision". Someone with
nowhere to stay tonight, at risk of abuse, whose home is lost to a disaster or about whom a
safeguarding worry was raised is told who to call FIRST, from data (``data/policy/public.toml``
and the signposting directory), never from numbers written here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from logic.front_door import triage
from logic.front_door.signposting import Directory
from logic.law.homelessness import HOMELESS, THREATENED
from logic.public.policy import PublicPolicy

NOT_A_DECISION = (
    "This is not a decision. It is what your answers suggest. An officer will look at what you "
    "told us, check it with you and then decide what help the council owes you."
)


@dataclass(frozen=True)
class EmergencyContact:
    name: str
    phone: str
    when: str  # when to call, in plain words


@dataclass(frozen=True)
class PublicReading:
    route: str  # triage's route (emergency, homelessness, register, advice)
    emergency: bool
    headline: str
    explanation: tuple[str, ...]
    not_a_decision: str
    emergency_contacts: tuple[EmergencyContact, ...]  # shown first when there are any

    def to_json_dict(self) -> dict[str, Any]:
        return {**asdict(self), "explanation": list(self.explanation),
                "emergency_contacts": [asdict(c) for c in self.emergency_contacts]}

    @classmethod
    def from_json_dict(cls, raw: dict[str, Any]) -> PublicReading:
        return cls(route=raw["route"], emergency=raw["emergency"], headline=raw["headline"],
                   explanation=tuple(raw["explanation"]), not_a_decision=raw["not_a_decision"],
                   emergency_contacts=tuple(EmergencyContact(**c) for c in raw["emergency_contacts"]))


def is_emergency(answers: triage.TriageAnswers) -> bool:
    """Homeless tonight, at risk of abuse, the home lost to a disaster, or someone at risk."""
    return (not answers.accommodation_tonight or answers.domestic_abuse or bool(answers.disaster)
            or answers.safeguarding_concern)


def emergency_contacts(answers: triage.TriageAnswers, policy: PublicPolicy,
                       directory: Directory) -> tuple[EmergencyContact, ...]:
    if not is_emergency(answers):
        return ()
    return contacts_for(policy, directory,
                        nowhere_tonight=not answers.accommodation_tonight or bool(answers.disaster),
                        at_risk=answers.domestic_abuse or answers.safeguarding_concern)


def contacts_for(policy: PublicPolicy, directory: Directory, *, nowhere_tonight: bool,
                 at_risk: bool) -> tuple[EmergencyContact, ...]:
    """999 first, then the council's out-of-hours line for someone with nowhere safe tonight,
    then the abuse helplines for someone at risk (the directory's entries)."""
    out = [EmergencyContact("Emergency services", policy.emergency_number,
                            "If you or anyone else is in danger now, call "
                            f"{policy.emergency_number}.")]
    if nowhere_tonight:
        out.append(EmergencyContact(
            policy.out_of_hours_name, policy.out_of_hours_phone,
            "If you have nowhere safe to stay tonight, call now, day or night."))
    if at_risk:
        for service_id in policy.abuse_services:
            service = directory.service(service_id)
            if service.phone:
                out.append(EmergencyContact(service.name, service.phone, service.hours))
    return tuple(out)


def public_reading(recommendation: triage.Recommendation, answers: triage.TriageAnswers,
                   policy: PublicPolicy, directory: Directory) -> PublicReading:
    """The recommendation said to the public, emergency contacts first where they are needed."""
    d = recommendation.determination
    found = d.homelessness
    explanation: list[str] = []
    if found == HOMELESS:
        headline = "You may be homeless."
        explanation.append(
            "The council must take reasonable steps to help you find somewhere to live "
            "(Housing Act 1996 s.189B).")
        if not answers.accommodation_tonight and d.interim_accommodation_duty:
            explanation.append(
                "From your answers, the council may also have to give you somewhere to stay "
                "while it looks into your situation (Housing Act 1996 s.188).")
    elif found == THREATENED:
        headline = "You may be threatened with homelessness."
        explanation.append(
            "The council must help you try to keep your home, or find another one before you "
            "have to leave (Housing Act 1996 s.195).")
    elif recommendation.route == triage.REGISTER:
        headline = "From your answers you may not be homeless, but you may be able to join the housing register."
        explanation.append(
            "The council must consider every application to join its housing register "
            "(Housing Act 1996 s.166).")
    else:
        headline = "From your answers you may not be homeless at the moment."
        explanation.append(
            "The council must give you free advice and information about housing and "
            "homelessness (Housing Act 1996 s.179).")
    if answers.domestic_abuse:
        explanation.insert(0, "You told us you are at risk of abuse at home. You do not have to "
                              "stay somewhere you are at risk (Housing Act 1996 s.177).")
    if found in (HOMELESS, THREATENED):
        explanation.append("Whether you are eligible for help depends on your immigration status "
                           "and other things an officer will check (Housing Act 1996 s.185).")
    explanation.append("An officer will contact you using the details you give us.")
    return PublicReading(
        route=recommendation.route, emergency=is_emergency(answers), headline=headline,
        explanation=tuple(explanation), not_a_decision=NOT_A_DECISION,
        emergency_contacts=emergency_contacts(answers, policy, directory),
    )
