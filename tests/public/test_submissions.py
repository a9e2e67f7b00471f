"""The public's side of the front door: a person or a public body sends a form online, is told
in plain words what it suggests (never a decision), and can read their own summary once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from logic.common.errors import FieldError, NotFound, Refused
from logic.public import submit
from tests.front_door.helpers import NOW, count
from tests.public.helpers import AMIR_CONTACT, amir, probation_referral, send

pytestmark = pytest.mark.usefixtures("store")  # every test on DuckDB and on PostgreSQL

# --- what the answers suggest, in plain English ------------------------------------------


def test_someone_sleeping_rough_is_told_who_to_call_tonight_before_anything_else():
    receipt = send(amir(accommodation_tonight=False, current_accommodation="rough_sleeping"))
    reading = receipt.reading
    assert reading.emergency
    names = [c.name for c in reading.emergency_contacts]
    assert names[0] == "Emergency services" and reading.emergency_contacts[0].phone == "999"
    assert "out-of-hours" in names[1] and reading.emergency_contacts[1].phone == "01632 960199"
    assert reading.headline == "You may be homeless."
    assert any("s.189B" in line for line in reading.explanation)
    assert any("s.188" in line for line in reading.explanation)  # a child: priority need
    assert reading.not_a_decision.startswith("This is not a decision.")


def test_a_tenant_with_a_notice_expiring_within_56_days_is_told_the_council_must_help_keep_the_home():
    reading = send(amir(section_21_served=True, section_21_expires_on=date(2026, 12, 20))).reading
    assert not reading.emergency and reading.emergency_contacts == ()
    assert reading.headline == "You may be threatened with homelessness."
    assert reading.explanation[0] == ("The council must help you try to keep your home, or find "
                                      "another one before you have to leave (Housing Act 1996 s.195).")


def test_someone_settled_at_home_is_told_they_may_not_be_homeless_and_can_get_advice():
    reading = send(amir(current_accommodation="council_tenant")).reading
    assert reading.headline == "From your answers you may not be homeless at the moment."
    assert "s.179" in reading.explanation[0]
    assert reading.route == "advice"


def test_someone_at_risk_of_abuse_gets_the_abuse_helpline_first_from_the_directory():
    reading = send(amir(domestic_abuse=True)).reading
    phones = [c.phone for c in reading.emergency_contacts]
    assert phones[0] == "999" and "0808 2000 247" in phones  # National Domestic Abuse Helpline
    assert reading.explanation[0].startswith("You told us you are at risk of abuse at home.")


# --- what is refused, in the public's words ----------------------------------------------


def test_a_name_longer_than_the_store_keeps_is_refused_naming_the_question():
    with pytest.raises(FieldError) as refused:
        send(amir(person=submit.PersonAnswer("A" * 101, "Haddad", date(1994, 2, 14), "M")))
    assert refused.value.message == "Your first name: please use at most 100 characters (you used 101)"
    assert count("SELECT count(*) FROM public_submission") == 0


def test_more_than_twelve_people_living_with_them_is_refused_with_a_way_forward():
    members = tuple(submit.PersonAnswer("Child", f"N{i}", date(2015, 1, 1), "F", relation="child")
                    for i in range(13))
    with pytest.raises(FieldError) as refused:
        send(amir(members=members))
    assert refused.value.message.startswith("Who lives with you: please tell us about at most 12 people")


def test_an_answer_that_is_not_one_of_the_choices_is_refused():
    with pytest.raises(FieldError, match="Your immigration status: please choose one of the answers given"):
        send(amir(immigration_status="martian"))


def test_a_character_the_summary_cannot_print_is_refused_naming_the_question():
    with pytest.raises(FieldError, match="Anything else you want to tell us: please leave out the character"):
        send(amir(story="Please help \U0001f3e0"))


def test_a_self_assessment_without_agreement_is_not_kept():
    with pytest.raises(FieldError, match="Your agreement: please tick the box"):
        submit.submit_self_assessment(amir(), AMIR_CONTACT, False, "203.0.113.5")
    assert count("SELECT count(*) FROM public_submission") == 0


def test_a_referral_without_the_person_s_consent_is_refused_citing_s213b():
    with pytest.raises(FieldError, match=r"The person agrees to this referral: .*s\.213B\(3\)"):
        submit.submit_referral(probation_referral(consent=False), "203.0.113.9")


# --- the rate limit -------------------------------------------------------------------------


def test_a_sixth_form_from_one_connection_within_the_hour_is_refused_saying_when_to_try_again(
        frozen_clock):
    for minutes in range(5):
        frozen_clock(NOW + timedelta(minutes=minutes))
        send(source="203.0.113.7")
    send(source="198.51.100.20")  # another sender is not held back
    with pytest.raises(Refused) as refused:
        send(source="203.0.113.7")
    assert "try again after 13:00 on 23 Nov 2026" in refused.value.message  # noon UTC = 12:00 London
    assert "01632 960199" in refused.value.message
    frozen_clock(NOW + timedelta(minutes=61))
    send(source="203.0.113.7")
    # only a salted hash of the address is kept
    assert count("SELECT count(*) FROM public_submission WHERE source_hash LIKE '%203.0.113%'") == 0


# --- the summary, once ----------------------------------------------------------------------


def test_the_one_time_link_shows_the_summary_once_and_then_says_it_is_used():
    receipt = send(amir(story="My landlord is selling."))
    summary = submit.summary_by_link(receipt.reference, receipt.one_time_link_token)
    assert summary.reference == receipt.reference and summary.submitted_on == "23 Nov 2026"
    assert ("Name", "Amir Haddad") in summary.lines
    assert summary.reading.headline == receipt.reading.headline
    with pytest.raises(NotFound) as again:
        submit.summary_by_link(receipt.reference, receipt.one_time_link_token)
    with pytest.raises(NotFound) as wrong:
        submit.summary_by_link(send(source="198.51.100.9").reference, "not-the-token")
    assert again.value.message == wrong.value.message == submit.LINK_REFUSED


def test_the_summary_downloads_as_a_pdf_with_the_reference_and_not_a_decision():
    receipt = send(amir(accommodation_tonight=False, current_accommodation="rough_sleeping"))
    data = submit.summary_pdf(receipt.summary)
    from io import BytesIO
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).split())
    assert receipt.reference in text and "This is not a decision." in text
    assert text.index("If you need help now") < text.index("01632 960199") < text.index("What your answers suggest")


def test_a_referrer_s_organisation_name_longer_than_the_store_keeps_is_refused_in_their_words():
    with pytest.raises(FieldError) as refused:
        submit.submit_referral(probation_referral(body_name="H" * 201), "203.0.113.9")
    assert refused.value.message == "Name of your organisation: please use at most 200 characters (you used 201)"
    assert count("SELECT count(*) FROM public_submission") == 0
