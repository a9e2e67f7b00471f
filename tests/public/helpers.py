"""Shared pieces for the public front door's tests: people who send forms."""

from __future__ import annotations

from datetime import date

from logic.public import submit

TODAY = date(2026, 11, 23)
AMIR_DOB = date(1994, 2, 14)


def amir(**changes) -> submit.SelfAssessment:
    """Amir Haddad, renting with his daughter; tests change what their situation needs."""
    base = dict(
        person=submit.PersonAnswer("Amir", "Haddad", AMIR_DOB, "M"),
        members=(submit.PersonAnswer("Lina", "Haddad", date(2019, 6, 1), "F", relation="child"),),
        immigration_status="british_irish", accommodation_tonight=True,
        current_accommodation="private_rented_self_contained",
    )
    base.update(changes)
    return submit.SelfAssessment(**base)


AMIR_CONTACT = submit.ContactAnswer(phone="07700 900456", email="amir@example.org",
                                    address_line1="4 Mill Lane", town="Hearthshire",
                                    postcode="ab1 3ef", best_way="phone")


def send(answers: submit.SelfAssessment | None = None, source: str = "203.0.113.5",
         contact: submit.ContactAnswer = AMIR_CONTACT) -> submit.Receipt:
    return submit.submit_self_assessment(answers or amir(), contact, True, source)


def probation_referral(**changes) -> submit.ReferralForm:
    base = dict(
        person=submit.PersonAnswer("Dean", "Marsh", date(1988, 9, 30), "M"),
        contact=submit.ContactAnswer(phone="07700 900789"),
        body_type="probation", body_name="Hearthshire Probation Delivery Unit",
        referrer_name="Priya Shah", referrer_contact="priya.shah@probation.example.org",
        reason="Released from HMP Hearthshire on 1 December with no address to go to.",
        accommodation_tonight=True, consent=True, leaving_on=date(2026, 12, 1),
    )
    base.update(changes)
    return submit.ReferralForm(**base)
