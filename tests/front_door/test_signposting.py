"""The services directory is data the team edits: a mistake in it is refused, naming the key."""

from __future__ import annotations

import tomllib

import pytest

from logic.front_door.signposting import (
    DEFAULT_FILE,
    DirectoryError,
    advice_text,
    default_directory,
    load_directory,
    parse_directory,
)

CATEGORIES = {"debt_advice", "domestic_abuse", "mental_health", "tenancy_sustainment",
              "landlord_mediation", "substance_misuse", "young_people", "legal_advice",
              "food_and_essentials"}


def _raw() -> dict:
    with DEFAULT_FILE.open("rb") as fh:
        return tomllib.load(fh)


def test_the_councils_directory_loads_with_a_service_in_every_category():
    directory = default_directory()
    assert {c.code for c in directory.categories} == CATEGORIES
    for code in CATEGORIES:
        assert directory.in_category(code), code
    helpline = directory.service("national_domestic_abuse_helpline")
    assert helpline.phone == "0808 2000 247" and helpline.national


def test_local_placeholders_use_only_drama_numbers_and_example_addresses():
    for service in default_directory().services:
        if not service.national:
            assert service.phone is None or service.phone.startswith("01632 960"), service.id
            for address in (service.email, service.web):
                assert address is None or "example.org" in address, service.id


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda d: d["service"][3].pop("name"), "service[3].name: missing"),
    (lambda d: d["service"][0].update(phone=8001381111), "service[0].phone: must be text"),
    (lambda d: d["service"][1].update(category="astrology"), "service[1].category: unknown category"),
    (lambda d: d["service"][2].update(hourz="9-5"), "service[2].hourz: unknown key (did you mean 'hours'?)"),
    (lambda d: d["service"][4].update(id=d["service"][0]["id"]), "service[4].id: 'stepchange' is listed twice"),
    (lambda d: d["service"][0].update(web="http://insecure.example.org"), "service[0].web: must start with https://"),
    (lambda d: d["service"][0].update(national="yes"), "service[0].national: must be true or false"),
    (lambda d: d["meta"].pop("reviewed_on"), "meta.reviewed_on"),
    (lambda d: d["category"][0].pop("label"), "category[0].label: missing"),
])
def test_a_malformed_directory_is_refused_naming_the_key(break_it, message):
    data = _raw()
    break_it(data)
    with pytest.raises(DirectoryError) as refused:
        parse_directory(data)
    assert message in str(refused.value)


def test_a_service_with_no_way_to_reach_it_is_refused(tmp_path):
    data = _raw()
    for key in ("phone", "email", "web"):
        data["service"][0].pop(key, None)
    with pytest.raises(DirectoryError, match=r"service\[0\].phone: give at least one"):
        parse_directory(data)
    broken = tmp_path / "directory.toml"
    broken.write_text("[meta\nname = 1")
    with pytest.raises(DirectoryError, match="directory.toml: not valid TOML"):
        load_directory(broken)


def test_the_email_ready_text_carries_each_services_details_and_the_advice():
    text = advice_text(directory=default_directory(), service_ids=["samaritans", "hearthshire_foodbank"],
                       applicant_name="Dan Reid", officer_name="Olu Officer",
                       council_name="Hearth District Council", advice_note="Bring your licence papers.")
    assert text.startswith("Dear Dan Reid,")
    assert "Bring your licence papers." in text
    assert "Samaritans (Mental health)" in text and "Phone: 116 123" in text
    assert "Hearthshire Foodbank (Food and essentials)" in text
    assert text.rstrip().endswith("Housing options, Hearth District Council")
