"""The quarter's H-CLIC return, for the manager: how far the codes are filled in, validate,
export (a zip of the two XML files and the manifest), and the quarter's figures and KPIs."""

import plotly.express as px
import streamlit as st

from logic import clock
from logic.common import codes
from logic.statistics import hclic, rules, service, tables, views
from logic.statistics.codes_map import hclic_codes_as_at
from pages import _keys, _ui

officer = _ui.require_page("hclic-return")
st.title("H-CLIC return")
# the last whole quarter first: the one a return is due for
quarter = st.selectbox("Quarter", rules.recent_quarters(clock.today()), index=1, key=_keys.HCLIC_QUARTER,
                       format_func=lambda q: f"{q} ({q.label})")
key = str(quarter)

left, total = hclic_codes_as_at(quarter.last_day).placeholders()
if left:
    st.warning(
        f"**The official H-CLIC codes are not filled in yet: {left} of {total} element names and codes "
        "are placeholders.** The department sends councils the data specification on request; it is not "
        "public. Hearth uses the element names suppliers have confirmed publicly and writes PLACEHOLDER for "
        "the rest, so nothing invented is sent as official. Fill in `data/hclic/codes.toml` from your copy "
        "of the specification (the README says how) before sending a return.",
        icon=":material/warning:")

validate_tab, export_tab, figures_tab = st.tabs(["Validate", "Export", "Figures"])

with validate_tab:
    if st.button("Validate the quarter", key="hclic_validate", type="primary"):
        bar = st.progress(0.0, text="Finding the quarter's cases")
        cases = views.quarter_cases(quarter)
        bar.progress(0.5, text=f"Checking {len(cases)} cases")
        found = hclic.validate(quarter, cases)
        bar.progress(1.0, text=f"{len(cases)} cases checked")
        st.session_state.setdefault(_keys.HCLIC_VALIDATED, {})[key] = (len(cases), found)
    checked = st.session_state.get(_keys.HCLIC_VALIDATED, {}).get(key)
    if checked is not None:
        count, found = checked
        if not found:
            st.success(f"{count} cases in the return, nothing to fix.")
        else:
            st.error(f"{count} cases in the return: {len(found)} problems to fix.")
            # the problem and where to fix it first: the section last, so neither is off screen
            st.dataframe(
                [{"Case": f.reference, "Problem": f.problem.message, "Fix at": f.problem.fix_where,
                  "Section": codes.HCLIC_SECTIONS.label(f.problem.section)} for f in found],
                hide_index=True, key="hclic_validate_table",
                column_config={"Case": st.column_config.TextColumn(width="small"),
                               "Problem": st.column_config.TextColumn(width="large"),
                               "Fix at": st.column_config.TextColumn(width="medium")})

with export_tab:
    may_export = service.may_export_return(officer)
    st.caption("The case data and the personal data go in two separate files, with a manifest giving "
               "their counts and SHA-256. The same data exported again gives the same files.")
    with st.form("hclic_export_form"):
        reason = st.text_area("Why the return goes with problems left (only if there are any)",
                              key=_keys.HCLIC_REASON, height=80)
        go = st.form_submit_button("Export the return", type="primary", disabled=not may_export)
    if go:
        bar = st.progress(0.0, text="Starting")
        built = _ui.run_service(lambda: hclic.export_return(
            quarter=quarter, officer_id=officer.id, reason=reason,
            progress=lambda done, text: bar.progress(done, text=text)), writes=True)
        if built is not None:
            st.session_state.setdefault(_keys.HCLIC_EXPORTED, {})[key] = (
                f"hclic_{quarter}.zip", built.zip_bytes(), len(built.cases), built.people, len(built.problems))
    exported = st.session_state.get(_keys.HCLIC_EXPORTED, {}).get(key)
    if exported is not None:
        name, content, count, people, problems = exported
        st.success(f"Exported {count} cases and {people} people"
                   + (f", with {problems} problems left (your reason is recorded)." if problems else "."))
        st.download_button("Download the return (zip)", content, file_name=name, mime="application/zip",
                           key="hclic_download")
    for past in hclic.exports(quarter)[:5]:
        st.caption(f"Exported {_ui.format_moment(past.exported_at)}: {past.cases} cases, {past.problems} "
                   f"problems" + (f" — {past.reason}" if past.reason else ""))

def _figures(quarter_text: str):
    return views.quarter_figures(rules.Quarter.parse(quarter_text))


with figures_tab:
    numbers = _ui.cached_view(_figures)(str(quarter))  # read once until a save
    k = numbers.kpis
    # two a row: four abreast cut each KPI's name short with "..."
    cols = [c for _ in range(2) for c in st.columns(2)]
    share = k.prevention_secured_share
    cols[0].metric(tables.KPI_LABELS["prevention_secured_share"],
                   "none ended" if share is None else f"{share:.0%}",
                   help=f"{k.prevention_secured} of {k.prevention_ended}")
    cols[1].metric(tables.KPI_LABELS["median_days_to_assessment"],
                   "none" if k.median_days_to_assessment is None else f"{k.median_days_to_assessment:g}")
    within = k.decisions_within_target_share
    cols[2].metric(tables.KPI_LABELS["decisions_within_target"], "none" if within is None else f"{within:.0%}",
                   help=f"{k.decisions_within_target} of {k.assessments}")
    cols[3].metric(tables.KPI_LABELS["families_in_bnb_over_six_weeks"], k.families_in_bnb_over_six_weeks,
                   help=f"{tables.KPI_LABELS['children_in_bnb']}: {numbers.figures.children_in_bnb}")
    st.caption(f"{numbers.cases} cases in the quarter's return.")
    figure = st.selectbox("Figure", codes.HCLIC_FIGURES.codes(), key=_keys.HCLIC_FIGURE,
                          format_func=codes.HCLIC_FIGURES.label)
    table = views.figure_frame(numbers.figures, figure)
    chart = px.bar(table, x="households", y="category", orientation="h",
                   labels={"households": "Households", "category": ""})
    chart.update_layout(yaxis={"autorange": "reversed"}, height=max(240, 28 * len(table)))
    chart_tab, table_tab = st.tabs(["Chart", "Table"])
    with chart_tab:
        st.plotly_chart(chart, key="hclic_figure_chart", width="stretch")
    with table_tab:
        st.dataframe(table.rename(columns={"category": "Category", "households": "Households"}),
                     hide_index=True, key="hclic_figure_table")
    st.download_button("Download CSV", table.to_csv(index=False).encode("utf-8"),
                       file_name=f"hclic_{figure}_{quarter}.csv", mime="text/csv", key="hclic_figure_csv")
