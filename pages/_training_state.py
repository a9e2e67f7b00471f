"""Session-state keys of the training screens (kept here, not in _ui.py)."""

PRACTICE_CASE = "training_case_id"  # the practice case open on the practice screen
ASKED = "training_asked"  # indices of the interview questions asked, in order
STARTED_AT = "training_started_at"  # when the trainee opened the case (UTC)
RESULT = "training_result"  # the AttemptResult of the last submission on this screen
ANSWER_PREFIX = "practice_answer_"  # + field name: the answer widgets' keys
ANSWERS_FORM = "practice_answers"
