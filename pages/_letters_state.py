"""Session-state and widget keys of the letters screens (kept here, not in _ui.py)."""

PREVIEW = "letters_preview"  # (signature, RenderedLetter) of the last preview on this screen
FETCHED = "letters_fetched"  # (letter id, file name, bytes) of the issued letter fetched to download
BATCH_RESULT = "letters_batch_result"  # the progress rows of the last batch run
REFERENCE = "letters_reference"  # the case reference typed on the letters screen
LETTER_TYPE = "letters_type"
NOTIFIED_ON = "letters_notified_on"
OPTION_PREFIX = "letters_option_"  # + option name: the option widgets' keys
CORRECTS = "letters_corrects"
CORRECTION_REASON = "letters_correction_reason"
FORM = "letters_form"
BATCH_FORM = "letters_batch_form"
BATCH_TYPE = "letters_batch_type"
BATCH_CASE_TYPE = "letters_batch_case_type"
BATCH_TABLE = "letters_batch_cases"
BATCH_NOTIFIED_ON = "letters_batch_notified_on"
BATCH_OPTION_PREFIX = "letters_batch_option_"
ISSUED_PICK = "letters_issued_pick"
SECTION_PICK = "letters_section_pick"
