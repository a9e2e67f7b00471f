"""Widgets shared by the training screens: a marked attempt, field by field, with the law."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from logic.training.library import TOPIC_LABELS
from logic.training.marking import answer_words
from logic.training.service import AttemptResult

CHANNEL_ICONS = {"phone": ":material/call:", "email": ":material/mail:",
                 "visit": ":material/person_pin:", "webchat": ":material/chat:",
                 "letter": ":material/description:"}
DIFFICULTY_WORDS = {1: "1 · straightforward", 2: "2 · needs care", 3: "3 · a trap to spot"}


def topic_words(topics) -> str:
    return ", ".join(TOPIC_LABELS.get(t, t) for t in topics)


def render_marks(result: AttemptResult, key: str) -> None:
    """The score, each determination right or wrong with the law's reasons, and the trace."""
    marks = result.marks
    right = sum(1 for f in marks.fields if f.right)
    left, middle, rest = st.columns([1, 1, 2])
    left.metric("Score", f"{marks.score:.0f}%")
    middle.metric("Determinations right", f"{right} of {len(marks.fields)}")
    rest.dataframe(
        pd.DataFrame([{"Topic": TOPIC_LABELS.get(t, t), "Score %": s}
                      for t, s in marks.topic_scores.items()]),
        hide_index=True, key=f"{key}_topics",
    )
    for f in marks.fields:
        icon = ":material/check_circle:" if f.right else ":material/cancel:"
        head = f"{f.label}: you said **{answer_words(f.answer)}**"
        if not f.right:
            head += f"; the law gives **{answer_words(f.model)}**"
        with st.expander(head, icon=icon, expanded=not f.right):
            if f.missed:
                st.markdown("Missed: " + answer_words(list(f.missed)))
            if f.extra:
                st.markdown("Not supported by the facts: " + answer_words(list(f.extra)))
            if not f.answered:
                st.markdown("Not answered. The rule: " + "; ".join(f.citations))
            elif not f.right and f.citations:
                st.markdown("Rule broken: " + "; ".join(f.citations))
            for r in f.reasons:
                cite = f"[{r.citation}]({r.url})" if r.url else r.citation
                st.markdown(f"- {r.text}  \n  *{cite}*")
    model = pd.DataFrame([{"Determination": f.label, "Model answer": answer_words(f.model)}
                          for f in marks.fields])
    with st.expander("Model answer", icon=":material/gavel:"):
        st.dataframe(model, hide_index=True, key=f"{key}_model")
    with st.expander("The law's working (assessment notes)", icon=":material/account_tree:"):
        st.code(result.explain, language=None, wrap_lines=True)
