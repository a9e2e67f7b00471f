"""Widgets shared by the register screens, and the register section for the case record."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from logic.common import codes
from logic.models.register import ACCESSIBILITY_NEEDS, TENURES
from logic.register.service import (
    FIELD_LABELS,
    IMMIGRATION_STATUSES,
    ApplicationDetails,
    HouseholdNeeds,
)
from pages import _keys, _ui

REGISTER_PAGE = "pages/register_application.py"


def open_register_case(reference: str) -> None:
    st.switch_page(REGISTER_PAGE, query_params={"ref": reference})


def _money(label: str, value: float | None, key: str) -> float | None:
    amount = st.number_input(label, min_value=0.0, value=value, step=50.0, key=key,
                             placeholder="not recorded")
    return None if amount is None else float(amount)


def details_fields(prefix: str, existing: Any | None, today: date, members: tuple = (),
                   needs: HouseholdNeeds | None = None) -> ApplicationDetails:
    """The application's fields (inside the caller's form), prefilled from `existing` and the
    household `needs` recorded; with the household's `members` (register.MemberSnapshot), each
    one's needs that change the bedrooms."""
    def get(name: str, default: Any) -> Any:
        return getattr(existing, name) if existing is not None else default

    st.markdown("**Application and eligibility**")
    c1, c2, c3 = st.columns(3)
    application_date = c1.date_input("Application date", value=get("application_date", today),
                                     max_value=today, format="DD/MM/YYYY",
                                     key=f"{prefix}_application_date")
    status = c2.selectbox("Immigration status", IMMIGRATION_STATUSES,
                          index=IMMIGRATION_STATUSES.index(get("immigration_status", "british_irish")),
                          format_func=codes.IMMIGRATION_STATUSES.label, key=f"{prefix}_immigration_status")
    habitual = c3.checkbox("Habitually resident in the Common Travel Area",
                           value=get("habitually_resident", True), key=f"{prefix}_habitually_resident")
    st.markdown("**Current home**")
    c1, c2, c3 = st.columns(3)
    tenure = c1.selectbox("Tenure", TENURES, index=TENURES.index(get("tenure", "private_rented")),
                          format_func=codes.TENURES.label, key=f"{prefix}_tenure")
    has_home = c2.checkbox("Has accommodation", value=get("has_accommodation", True),
                           key=f"{prefix}_has_accommodation")
    reasonable = c3.checkbox("Reasonable to stay there", value=get("reasonable_to_occupy", True),
                             key=f"{prefix}_reasonable_to_occupy")
    c1, c2 = st.columns([1, 2])
    bedrooms = c1.number_input("Bedrooms in current home", min_value=0, max_value=15,
                               value=get("current_bedrooms", None), step=1,
                               key=f"{prefix}_current_bedrooms", placeholder="none / not known")
    unsatisfactory = c2.checkbox("Insanitary or otherwise unsatisfactory (s.166A(3)(c))",
                                 value=get("unsatisfactory_conditions", False),
                                 key=f"{prefix}_unsatisfactory_conditions")
    conditions = st.text_area("What is wrong with the home", value=get("conditions_detail", "") or "",
                              key=f"{prefix}_conditions_detail", height=68)
    st.markdown("**Medical, welfare and access needs**")
    c1, c2, c3 = st.columns(3)
    medical = c1.checkbox("Needs to move on medical or welfare grounds (s.166A(3)(d))",
                          value=get("medical_welfare_need", False), key=f"{prefix}_medical_welfare_need")
    hardship = c2.checkbox("Needs to move to an area to avoid hardship (s.166A(3)(e))",
                           value=get("hardship_locality_need", False),
                           key=f"{prefix}_hardship_locality_need")
    access = c3.selectbox("Access need", ACCESSIBILITY_NEEDS,
                          index=ACCESSIBILITY_NEEDS.index(get("accessibility_need", "none")),
                          format_func=codes.ACCESSIBILITY_NEEDS.label, key=f"{prefix}_accessibility_need")
    medical_detail = st.text_area("The medical or welfare need",
                                  value=get("medical_welfare_detail", "") or "",
                                  key=f"{prefix}_medical_welfare_detail", height=68)
    st.markdown("**Local connection**")
    c1, c2, c3, c4 = st.columns(4)
    months = c1.number_input("Months lived here, last 12", 0, 12, get("months_resident_last_12", 0),
                             key=f"{prefix}_months_resident_last_12")
    years = c2.number_input("Years lived here, last 5", 0, 5, get("years_resident_last_5", 0),
                            key=f"{prefix}_years_resident_last_5")
    employed = c3.checkbox("Works in the district", value=get("employed_in_district", False),
                           key=f"{prefix}_employed_in_district")
    family = c4.checkbox("Close family here 5 years", value=get("close_family_5_years", False),
                         key=f"{prefix}_close_family_5_years")
    st.markdown("**Money and conduct**")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        income = _money("Gross household income, £ a year", get("household_income", None),
                        f"{prefix}_household_income")
    with c2:
        savings = _money("Savings, £", get("household_savings", None), f"{prefix}_household_savings")
    with c3:
        costs = _money("Rent or mortgage, £ a month", get("housing_costs_monthly", None),
                       f"{prefix}_housing_costs_monthly")
    with c4:
        arrears = _money("Housing debt, £", get("rent_arrears", 0.0), f"{prefix}_rent_arrears")
    c1, c2, c3 = st.columns(3)
    plan = c1.checkbox("Keeping to a repayment plan", value=get("arrears_plan_kept", False),
                       key=f"{prefix}_arrears_plan_kept")
    behaviour = c2.checkbox("Unacceptable behaviour (officer satisfied)",
                            value=get("unacceptable_behaviour", False),
                            key=f"{prefix}_unacceptable_behaviour")
    owns = c3.checkbox("Owns a home they could live in", value=get("owns_home", False),
                       key=f"{prefix}_owns_home")
    c1, c2 = st.columns(2)
    forces = c1.checkbox("Armed forces (SI 2012/1869)", value=get("armed_forces", False),
                         key=f"{prefix}_armed_forces")
    work = c2.checkbox("Must move here for work (SI 2015/967)", value=get("moving_for_work", False),
                       key=f"{prefix}_moving_for_work")
    st.markdown("**Needs that change the bedrooms**")
    needs = needs or HouseholdNeeds()
    carer = st.checkbox(FIELD_LABELS["overnight_carer"], value=needs.overnight_carer,
                        key=f"{prefix}_overnight_carer",
                        help="One more bedroom however many carers (Housing Benefit Regulations 2006 reg 13D).")
    given: dict[int, dict[str, Any]] = {}
    for m in members:
        if m.left_on is not None:
            continue
        need = needs.member_needs.get(m.person_id, {})
        c1, c2 = st.columns(2)
        own_room = False
        if m.relation != "applicant":
            own_room = c1.checkbox(f"{_ui.plain(m.given_name)}: {FIELD_LABELS['member_needs.needs_own_room'].lower()}",
                                   value=bool(need.get("needs_own_room")),
                                   key=_keys.register_member(prefix, "needs_own_room", m.person_id))
        babies = 1
        if m.pregnant:
            babies = c2.number_input(f"{_ui.plain(m.given_name)}: {FIELD_LABELS['member_needs.expected_babies'].lower()}",
                                     1, 9, int(need.get("expected_babies", 1)),
                                     key=_keys.register_member(prefix, "expected_babies", m.person_id))
        given[m.person_id] = {"needs_own_room": own_room, "expected_babies": int(babies)}
    return ApplicationDetails(
        overnight_carer=carer, member_needs={**needs.member_needs, **given},
        application_date=application_date, tenure=tenure, immigration_status=status,
        habitually_resident=habitual, has_accommodation=has_home, reasonable_to_occupy=reasonable,
        current_bedrooms=None if bedrooms is None else int(bedrooms),
        unsatisfactory_conditions=unsatisfactory, conditions_detail=conditions,
        medical_welfare_need=medical, medical_welfare_detail=medical_detail,
        hardship_locality_need=hardship, accessibility_need=access,
        months_resident_last_12=int(months), years_resident_last_5=int(years),
        employed_in_district=employed, close_family_5_years=family, household_income=income,
        household_savings=savings, housing_costs_monthly=costs,
        rent_arrears=arrears or 0.0, arrears_plan_kept=plan, unacceptable_behaviour=behaviour,
        owns_home=owns, armed_forces=forces, moving_for_work=work,
    )


def show_reasons(reasons: list[dict[str, str]] | tuple[Any, ...]) -> None:
    """Each reason as the sentence a letter would quote, with what it cites."""
    for r in reasons:
        text = r["text"] if isinstance(r, dict) else r.text
        cite = r["citation"] if isinstance(r, dict) else str(r.citation)
        st.markdown(f"- {_ui.plain(text)}  \n  <small>{cite}</small>", unsafe_allow_html=True)


def band_value(qualifies: bool, band: str | None) -> str:
    return band if qualifies and band else "None"


def band_text(qualifies: bool, band: str | None, band_date: date | None) -> str:
    if not qualifies:
        return "Does not qualify"
    return f"Band {band} from {_ui.format_date(band_date)}"


def render_register_section(record: Any, officer: Any) -> None:
    """For the case record page (the lead wires it in for register cases): the current band,
    bedroom need and renewal date, with a way into the register screens."""
    from logic.register import service as register

    if record.case_type != "register":
        return
    summary = _ui.run_service(lambda: register.open_register_record(case_id=record.id,
                                                                    viewer_id=officer.id,
                                                                    opening=_ui.opening()))
    if summary is None:
        return
    st.subheader("Housing register")
    current = summary.current
    cols = st.columns(3)
    cols[0].metric("Band", band_text(current.qualifies, current.band, current.band_effective_date)
                   if current else "Not assessed")
    cols[1].metric("Bedroom need", current.bedroom_need if current else "—")
    cols[2].metric("Renewal due", _ui.format_date(summary.renewal.due_on) if summary.renewal else "—")
    if st.button("Open the register application", key="case_record_open_register"):
        open_register_case(record.reference)
