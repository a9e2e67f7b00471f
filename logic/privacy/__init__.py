"""Data protection: what Hearth holds about a person, and for how long (issue 17).

- `subject_access`: everything held about one person, as a zip for a subject access request
  (UK GDPR art.15): a readable index (PDF), the records as JSON, and every issued letter's PDF;
  other people's data in the same records is marked for redaction review, and each export is
  audited.
- `python -m logic.privacy ...` is the command line (`logic/privacy/__main__.py`).
"""
