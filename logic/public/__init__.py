"""The public front door (issue 18): online self-assessments and s.213B referrals.

Two halves, kept apart so that the public app never loads a staff service:

* :mod:`logic.public.submit` is what the public app (``public_app.py``, ``pages/public/``) calls:
  send a self-assessment or a referral, read one's own summary once by its link. It imports
  nothing of the staff side (no case, casework or household views).
* :mod:`logic.public.service` is what the staff app calls: the submissions waiting at the front
  door, one rebuilt for an intake, taken or closed.

:mod:`logic.public.reading` (pure) turns the triage's recommendation into plain English for the
public; :mod:`logic.public.policy` reads ``data/policy/public.toml``.
"""
