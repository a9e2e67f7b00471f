"""Choice-based lettings: adverts, bids for households on the register, the shortlist with the
reason for every place and every exclusion, and nominations to housing associations."""

from datetime import timedelta

import streamlit as st

from logic import clock
from logic.common import codes
from logic.models.register import ADVERT_ACCESSIBILITY, LANDLORD_KINDS, PROPERTY_TYPES
from logic.register import lettings
from logic.register import views as views_register
from pages import _keys, _ui

adverts_listed = _ui.cached_view(views_register.adverts)  # a page, keyed by the filters and the page
adverts_counted = _ui.cached_view(views_register.advert_count)
adverts_to_choose = _ui.cached_view(views_register.advert_choices)
ADVERTS = "lettings_adverts"  # the paged list's name (case_list_offset, page_buttons)

officer = _ui.require_page("lettings")
st.title("Lettings")
_ui.show_flash()
today = clock.today()

adverts_tab, shortlist_tab, new_tab = st.tabs(["Adverts", "Bids and shortlist", "New advert"])

with new_tab:
    with st.form("lettings_new_advert_form"):
        address = st.text_input("Address", key="lettings_new_address")
        c1, c2, c3 = st.columns(3)
        bedrooms = c1.number_input("Bedrooms", min_value=1, max_value=8, value=2,
                                   key="lettings_new_bedrooms")
        kind = c2.selectbox("Type", PROPERTY_TYPES, format_func=codes.PROPERTY_TYPES.label, key="lettings_new_type")
        access = c3.selectbox("Accessibility", ADVERT_ACCESSIBILITY, format_func=codes.ADVERT_ACCESSIBILITY.label,
                              key="lettings_new_access")
        c1, c2, c3 = st.columns(3)
        landlord = c1.text_input("Landlord", key="lettings_new_landlord")
        landlord_kind = c2.selectbox("Landlord is", LANDLORD_KINDS, format_func=codes.LANDLORD_KINDS.label,
                                     key="lettings_new_landlord_kind")
        rent = c3.number_input("Rent, £ a week", min_value=0.0, value=None, step=1.0,
                               key="lettings_new_rent")
        c1, c2 = st.columns(2)
        opens = c1.date_input("Bidding opens", value=today, format="DD/MM/YYYY",
                              key="lettings_new_opens")
        closes = c2.date_input("Bidding closes", value=today + timedelta(days=7),
                               format="DD/MM/YYYY", key="lettings_new_closes")
        advertised = st.form_submit_button("Advertise", type="primary")
    if advertised:
        _ui.run_service(lambda: lettings.create_advert(actor_id=officer.id, details=lettings.AdvertDetails(
            address=address, bedrooms=int(bedrooms), property_type=kind, accessibility=access,
            landlord=landlord, landlord_kind=landlord_kind, weekly_rent=float(rent or 0),
            opens_on=opens, closes_on=closes)), success="Advert created.", rerun=True)

with adverts_tab:
    c1, c2 = st.columns(2)
    status = c1.selectbox("Adverts", [*codes.ADVERT_STATUSES.codes(), None], key="lettings_adverts_status",
                          format_func=lambda s: "Every advert" if s is None else codes.ADVERT_STATUSES.label(s),
                          on_change=_ui.first_page, args=(ADVERTS,))
    words = c2.text_input("Reference or address", key="lettings_adverts_search",
                          on_change=_ui.first_page, args=(ADVERTS,))
    total = adverts_counted(status, text=words)
    offset = st.session_state.get(_keys.case_list_offset(ADVERTS), 0)
    if total and offset >= total:  # fewer adverts than when the page was chosen
        offset = (total - 1) // _ui.ROWS_A_PAGE * _ui.ROWS_A_PAGE
        st.session_state[_keys.case_list_offset(ADVERTS)] = offset
    adverts = adverts_listed(status, text=words, limit=_ui.ROWS_A_PAGE, offset=offset)
    if adverts.empty:
        st.info("No advert matches these choices.")
    else:
        st.caption(f"Adverts {offset + 1}–{offset + len(adverts)} of {total}.")
        st.dataframe(
            adverts.drop(columns=["id"]).assign(
                property_type=adverts["property_type"].map(codes.PROPERTY_TYPES.label),
                accessibility=adverts["accessibility"].map(codes.ADVERT_ACCESSIBILITY.label),
                landlord_kind=adverts["landlord_kind"].map(codes.LANDLORD_KINDS.label),
                status=adverts["status"].map(codes.ADVERT_STATUSES.label)), hide_index=True, key="lettings_adverts_table",
            column_config={
                "reference": "Advert", "address": "Address", "bedrooms": "Beds",
                "property_type": "Type", "accessibility": "Access", "landlord": "Landlord",
                "landlord_kind": "Landlord is",
                "weekly_rent": st.column_config.NumberColumn("Rent a week", format="£%.2f"),
                "opens_on": st.column_config.DateColumn("Opens", format="D MMM YYYY"),
                "closes_on": st.column_config.DateColumn("Closes", format="D MMM YYYY"),
                "status": "Status", "bids": "Live bids"})
    _ui.page_buttons(ADVERTS, total)

with shortlist_tab:
    search = st.text_input("Find the advert", key="lettings_advert_search",
                           placeholder="Its reference or its address",
                           help=f"Lists the {views_register.CHOICES_SHOWN} adverts closing latest that match.")
    choices = adverts_to_choose(search)
    if choices.empty:
        st.info("No advert matches." if search.strip() else "No homes advertised yet.")
        st.stop()
    names = {row.id: f"{row.reference} · {row.bedrooms}-bed "
                     f"{codes.PROPERTY_TYPES.label(row.property_type).lower()} · {row.address} "
                     f"· {codes.ADVERT_STATUSES.label(row.status)}" for row in choices.itertuples()}
    advert_id = st.selectbox("Advert", list(names), format_func=names.get, key="lettings_advert")
    advert = _ui.run_service(lambda: lettings.open_advert(advert_id=int(advert_id), viewer_id=officer.id))
    if advert is None:
        st.stop()
    st.caption(f"{_ui.plain(advert.landlord)} ({codes.LANDLORD_KINDS.label(advert.landlord_kind)}) · £{advert.weekly_rent:,.2f} a "
               f"week · {codes.ADVERT_ACCESSIBILITY.label(advert.accessibility)} · bidding "
               f"{_ui.format_date(advert.opens_on)} to {_ui.format_date(advert.closes_on)}")

    placed: list[dict] = []
    excluded: list[dict] = []
    if advert.takes_bids:
        search = st.text_input("Find the household bidding", key="lettings_bid_search",
                               placeholder="A register reference or the applicant's name",
                               help=f"Lists the {views_register.CHOICES_SHOWN} newest applications "
                                    "on the register that match.")
        active = views_register.register_case_choices(search, stage="active")
        if active.empty:
            st.info("No household active on the register matches." if search.strip() else
                    "No household is active on the register.")
        else:
            who = {row.id: f"{row.reference} · {row.applicant} · band {row.band} · "
                           f"{row.bedroom_need} bedroom(s)" for row in active.itertuples()}
            with st.form("lettings_bid_form"):
                case_id = st.selectbox("Bid for", list(who), format_func=who.get, key="lettings_bid_case")
                bid = st.form_submit_button("Place the bid")
            if bid:
                _ui.run_service(lambda: lettings.place_bid(advert_id=advert.id, case_id=int(case_id),
                                                           actor_id=officer.id),
                                success="Bid placed.", rerun=True)
        drawn = _ui.run_service(lambda: lettings.shortlist(advert_id=advert.id, viewer_id=officer.id,
                                                              opening=_ui.opening()))
        if drawn is not None:
            st.subheader("Shortlist as it stands")
            st.caption(drawn.ordering.text + f" ({drawn.ordering.citation})")
            placed = [{"Position": p.position, "Case": p.bidder.case_reference,
                       "Applicant": p.bidder.applicant, "Band": p.bidder.band,
                       "Band date": _ui.format_date(p.bidder.band_effective_date),
                       "Registered": _ui.format_date(p.bidder.registration_date), "Why here": p.why,
                       "Affordability": p.affordability.text} for p in drawn.placed]
            excluded = [{"Case": e.bidder.case_reference, "Applicant": e.bidder.applicant,
                         "Why not shortlisted": e.why, "Rule": str(e.reason.citation)}
                        for e in drawn.excluded]
    else:
        drawn = None
        stored = advert.shortlist or {"placed": [], "excluded": []}
        st.subheader(f"Shortlist drawn {_ui.format_date(stored.get('drawn_on'))}")
        if stored.get("ordering"):
            st.caption(f"{stored['ordering']['text']} ({stored['ordering']['citation']})")
        placed = [{"Position": p["position"], "Case": p["case_reference"], "Applicant": p["applicant"],
                   "Band": p["band"], "Band date": _ui.format_date(p["band_effective_date"]),
                   "Registered": _ui.format_date(p["registration_date"]), "Why here": p["why"],
                   "Affordability": p["affordability"]} for p in stored["placed"]]
        excluded = [{"Case": e["case_reference"], "Applicant": e["applicant"],
                     "Why not shortlisted": e["why"], "Rule": e["citation"]}
                    for e in stored["excluded"]]
    if placed:
        st.dataframe(placed, hide_index=True, key="lettings_shortlist_table",
                     column_config={"Why here": st.column_config.TextColumn(width="large")})
        with st.expander("Why each applicant is where they are", expanded=True):
            for p in placed:
                st.markdown(f"**{p['Position']}. {p['Case']} · {_ui.plain(p['Applicant'])}** — {p['Why here']}"
                            f"  \n<small>{p['Affordability']}</small>", unsafe_allow_html=True)
    else:
        st.info("No bidder is on the shortlist.")
    if advert.may_close and st.button("Close bidding and draw the shortlist",
                                             key="lettings_close", type="primary"):
        _ui.run_service(lambda: lettings.close_advert(advert_id=advert.id, actor_id=officer.id),
                        success="Bidding closed; shortlist drawn.", rerun=True)
    if excluded:
        st.markdown("**Not shortlisted**")
        st.dataframe(excluded, hide_index=True, key="lettings_excluded_table")

    if advert.shows_nominations:
        st.subheader("Nominations" if advert.landlord_kind == "housing_association" else "Offers")
        for n in advert.nominations:
            st.markdown(f"**Position {n['position']}** · {n['case_reference']} · nominated "
                        f"{_ui.format_date(n['nominated_on'])} · {codes.NOMINATION_OUTCOMES.get(n['outcome'], 'Waiting for the outcome')}"
                        + (f"  \nPassed over higher places because: {_ui.plain(n['bypass_reason'])}"
                           if n["bypass_reason"] else "")
                        + (f"  \n{_ui.plain(n['outcome_reason'])}" if n["outcome_reason"] else ""))
        pending = advert.pending_nomination
        if pending is not None:
            with st.form("lettings_outcome_form"):
                outcome = st.selectbox("Outcome", lettings.NOMINATION_OUTCOMES, format_func=codes.NOMINATION_OUTCOMES.label,
                                       key="lettings_outcome")
                why = st.text_input("Reason (for a refusal)", key="lettings_outcome_reason")
                recorded = st.form_submit_button("Record the outcome")
            if recorded:
                _ui.run_service(lambda: lettings.record_nomination_outcome(
                    nomination_id=pending["id"], actor_id=officer.id, outcome=outcome, reason=why),
                    success="Outcome recorded.", rerun=True)
        elif advert.may_nominate and placed:
            done = {n["case_reference"] for n in advert.nominations}
            options = {p["Case"]: p for p in placed if p["Case"] not in done}
            ids = {p["case_reference"]: p["case_id"] for p in (advert.shortlist or {}).get("placed", [])}
            with st.form("lettings_nominate_form"):
                ref = st.selectbox("Nominate", list(options), key="lettings_nominate_case",
                                   format_func=lambda r: f"Position {options[r]['Position']} · {r} · "
                                                         f"{options[r]['Applicant']}")
                bypass = st.text_input("If passing over a higher place: why",
                                       key="lettings_nominate_bypass")
                nominated = st.form_submit_button("Record the nomination", type="primary")
            if nominated and ref:
                _ui.run_service(lambda: lettings.nominate(
                    advert_id=advert.id, case_id=ids[ref], actor_id=officer.id, bypass_reason=bypass),
                    success="Nomination recorded.", rerun=True)
