"""Every session-state key, in one module.

A key here is either a value the screens keep between reruns (who is signed in, the case
version an officer saw, a preview waiting to be issued) or the key of a widget whose value a
screen reads or clears through `st.session_state` (the text of a note, cleared once it is
saved). Widget keys built for one record (a flag, a household, a letter) are made by the small
functions at the end, so two records on one screen never share a widget.

Widget keys that nothing reads back stay beside their widget in the page. Prefixes group the
keys of one screen, so a screen can forget its own state (`intake_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable

# --- the session: who is signed in, what they saw -----------------------------------------
OFFICER = "hearth_officer"  # SignedInOfficer of this browser session
TOKEN = "hearth_token"  # the session token (also kept in the cookie below)
COOKIE_PENDING = "hearth_cookie_pending"  # a cookie to write in the browser on the next run
COOKIE_NAME = "hearth_session"  # the browser cookie holding the token (not a session-state key)
WANTED_PAGE = "hearth_wanted_page"  # (url path, query) of a link opened before signing in
CASE_ID = "hearth_case_id"  # the case open on the case record page
FLASH = "hearth_flash"  # a success message to show after the rerun that follows a save
BOXES_TO_EMPTY = "hearth_boxes_to_empty"  # text boxes a save emptied: set to "" on the next run
SEEN_VERSIONS = "hearth_seen_versions"  # case id -> the version this officer last saw
OPENING = "hearth_opening"  # (screen and its address's query, id): this opening of the screen shown

# --- audit log ---------------------------------------------------------------------------------
AUDIT_EXPORT = "hearth_audit_export"  # (the filters, CSV text) of the file last prepared

# --- case record ---------------------------------------------------------------------------
NOTE_BODY = "add_note_body"  # the text of a new note, cleared once it is saved

# --- H-CLIC: the team's list, the manager's return screen -----------------------------------
HCLIC_LIST = "hclic_problems"  # the team list's screen name (its page offset: case_list_offset)
HCLIC_QUARTER = "hclic_quarter"  # the quarter chosen on the return screen
HCLIC_REASON = "hclic_export_reason"  # the manager's reason to export with problems left
HCLIC_VALIDATED = "hearth_hclic_validated"  # quarter -> the problems found by Validate
HCLIC_EXPORTED = "hearth_hclic_exported"  # quarter -> (zip name, zip bytes) of the last export
HCLIC_FIGURE = "hclic_figure"  # the figure shown

# --- homelessness casework (case record section and assessment) ------------------------------
ASSESSMENT_PREVIEW = "hearth_casework_assessment_preview"  # case id -> the inputs last checked
CASEWORK_STAGE_REASON = "casework_stage_reason"
CASEWORK_SECTION = "casework_section"  # the part of the casework the officer has open (a tab)
CASEWORK_STEPS_REFUSED = "casework_steps_refused"
CASEWORK_STEP_DESCRIPTION = "casework_step_description"
CASEWORK_STATUS_NOTE = "casework_status_note"
CASEWORK_REVIEW_NOTE = "casework_review_note"
CASEWORK_PLACEMENT_ADDRESS = "casework_placement_address"
CASEWORK_PLACEMENT_REASON = "casework_placement_reason"
CASEWORK_PLACEMENT_BASIS = "casework_placement_basis"
CASEWORK_PLAN_AGREED = "casework_plan_agreed"
CASEWORK_PLAN_AGREED_ON = "casework_plan_agreed_on"
CASEWORK_PLAN_NOT_AGREED_REASON = "casework_plan_not_agreed_reason"
CASEWORK_PLAN_COPY_ON = "casework_plan_copy_on"
# the Offers part of the casework (pages/_sections/offers.py)
OFFER_KIND = "offer_kind"
OFFER_ADDRESS = "offer_address"
OFFER_ON = "offer_on"
OFFER_RESPOND_BY = "offer_respond_by"
OFFER_SUITABLE = "offer_suitable"
OFFER_SUITABILITY = "offer_suitability"
OFFER_LOCATION = "offer_location"
OFFER_RENT = "offer_rent"
OFFER_INCOME = "offer_income"
OFFER_ANSWER_PICK = "offer_answer_pick"
OFFER_ANSWER = "offer_answer"
OFFER_ANSWERED_ON = "offer_answered_on"
OFFER_ANSWER_REASONS = "offer_answer_reasons"
OFFER_REVIEW_ON = "offer_review_on"

# --- s.202 reviews and s.204 appeals (case record, pages/_sections/reviews.py) ----------------
REVIEW_LETTER = "reviews_request_letter"  # the decision letter a new request challenges
REVIEW_GROUND = "reviews_request_ground"
REVIEW_REQUESTED_ON = "reviews_request_on"
REVIEW_DECISION_ON = "reviews_request_decision_on"  # a decision with no letter on file
REVIEW_DECISION_SUMMARY = "reviews_request_decision_summary"
REVIEW_LATE = "reviews_request_late"  # the council's decision on a late request
REVIEW_LATE_REASON = "reviews_request_late_reason"
REVIEW_REQUEST_FORM = "reviews_request_form"

# --- front door (intake, safeguarding) --------------------------------------------------------
INTAKE_PREFIX = "intake_"  # every widget on the intake screen: cleared when an intake is saved
INTAKE_HOUSEHOLD_ID = "front_door_household_id"  # the existing household chosen for this contact
INTAKE_NEW_HOUSEHOLD = "front_door_new_household"  # dict of a new household's details, once checked
INTAKE_DUPLICATES = "front_door_duplicates"  # possible duplicates found for the new household
INTAKE_SEARCH_RESULTS = "front_door_search_results"  # households found by the search box
INTAKE_OUTCOME = "front_door_outcome"  # the IntakeOutcome of the intake just saved
# an online self-assessment or s.213B referral the intake is carried on from (issue 18)
INTAKE_ONLINE = "front_door_online_submission"  # the SubmissionForIntake opened
INTAKE_ONLINE_PAGE = "front_door_online_page"  # the page of "Online approaches waiting" shown
INTAKE_ONLINE_CLOSE_REASON = "intake_online_close_reason"
INTAKE_ONLINE_CLOSE_NOTE = "intake_online_close_note"
# the intake's widgets an online submission fills in before they are drawn (nothing typed again)
INTAKE_CHANNEL = "intake_channel"
INTAKE_DAY = "intake_day"
INTAKE_TIME = "intake_time"
INTAKE_IS_REFERRAL = "intake_is_referral"
INTAKE_BODY_TYPE = "intake_body_type"
INTAKE_BODY_NAME = "intake_body_name"
INTAKE_REFERRER_NAME = "intake_referrer_name"
INTAKE_REFERRER_CONTACT = "intake_referrer_contact"
INTAKE_CONSENT = "intake_consent"
INTAKE_NEW_GIVEN = "intake_new_given"
INTAKE_NEW_FAMILY = "intake_new_family"
INTAKE_NEW_DOB = "intake_new_dob"
INTAKE_NEW_SEX = "intake_new_sex"
INTAKE_NEW_PHONE = "intake_new_phone"
INTAKE_NEW_EMAIL = "intake_new_email"
INTAKE_NEW_ADDRESS = "intake_new_address"
INTAKE_NEW_TOWN = "intake_new_town"
INTAKE_NEW_POSTCODE = "intake_new_postcode"
INTAKE_TONIGHT = "intake_tonight"
INTAKE_DA = "intake_da"
INTAKE_DISASTER = "intake_disaster"
INTAKE_SAFEGUARDING = "intake_safeguarding"
INTAKE_LOSING = "intake_losing"
INTAKE_LOSING_ON = "intake_losing_on"
INTAKE_S21 = "intake_s21"
INTAKE_S21_ON = "intake_s21_on"
INTAKE_STATUS = "intake_status"
INTAKE_PREGNANT = "intake_pregnant"
INTAKE_MOVE = "intake_move"
INTAKE_CURRENT_ACCOMMODATION = "intake_current_accommodation"
INTAKE_SUMMARY = "intake_summary"
FIND_HOUSEHOLD_RESULTS = "front_door_find_results"  # the households the last search found
FLAG_DETAILS = "raise_flag_details"
FLAG_REFERRED_TO = "raise_flag_referred_to"

# --- letters -----------------------------------------------------------------------------------
LETTER_PREVIEW = "letters_preview"  # (signature, RenderedLetter) of the last preview
LETTER_FETCHED = "letters_fetched"  # (letter id, file name, bytes) of the letter fetched
LETTER_BATCH_RESULT = "letters_batch_result"  # the progress rows of the last batch run
LETTER_REFERENCE = "letters_reference"  # the case reference typed on the letters screen
LETTER_TYPE = "letters_type"
LETTER_NOTIFIED_ON = "letters_notified_on"
LETTER_OPTION_PREFIX = "letters_option_"  # + letter type and option name: the option widgets
LETTER_CORRECTS = "letters_corrects"
LETTER_CORRECTION_REASON = "letters_correction_reason"
LETTER_FORM = "letters_form"
LETTER_BATCH_FORM = "letters_batch_form"
LETTER_BATCH_TYPE = "letters_batch_type"
LETTER_BATCH_CASE_TYPE = "letters_batch_case_type"
LETTER_BATCH_SCREEN = "letters_batch"  # the paged list's name (case_list_offset)
LETTER_BATCH_OFFICER = "letters_batch_officer"
LETTER_BATCH_SEARCH = "letters_batch_search"
LETTER_BATCH_EVERY = "letters_batch_every"  # every case the filters find, not the rows ticked
LETTER_BATCH_NOTIFIED_ON = "letters_batch_notified_on"
LETTER_BATCH_OPTION_PREFIX = "letters_batch_option_"
LETTER_ISSUED_PICK = "letters_issued_pick"
LETTER_SECTION_PICK = "letters_section_pick"

# --- housing register ------------------------------------------------------------------------
REGISTER_CASE_CHOICE = "register_case_choice"  # prefix of the "Register case" chooser
REGISTER_OVERRIDE_REASON = "register_override_reason"
REGISTER_RENEW_NOTE = "register_renew_note"

# --- training ----------------------------------------------------------------------------------
PRACTICE_CASE = "training_case_id"  # the practice case open on the practice screen
PRACTICE_ASKED = "training_asked"  # indices of the interview questions asked, in order
PRACTICE_STARTED_AT = "training_started_at"  # when the trainee opened the case (UTC)
PRACTICE_RESULT = "training_result"  # the AttemptResult of the last submission on this screen
PRACTICE_ANSWER_PREFIX = "practice_answer_"  # + field name: the answer widgets' keys
PRACTICE_ANSWERS_FORM = "practice_answers"

# --- workload (allocation, officer profile) ---------------------------------------------------
REALLOCATION_PLAN = "hearth_workload_reallocation_plan"  # the proposal a manager is reviewing
REALLOCATION_REASON = "reallocate_reason"
ALLOCATION_REASON = "allocate_reason"
PROFILE_OFFICER = "hearth_workload_profile_officer"  # whose profile a senior/manager has open
ABSENCE_NOTE = "absence_note"
ABSENCE_CANCEL_REASON = "absence_cancel_reason"
PROFILE_HOURS_REASON = "profile_hours_reason"
PROFILE_LEVEL_REASON = "profile_level_reason"


# --- data protection (subject access) -----------------------------------------------------------
SUBJECT_ACCESS_REFERENCE = "subject_access_reference"  # the reference the manager typed
SUBJECT_ACCESS_FORM = "subject_access_form"
SUBJECT_ACCESS_MEMBERS = "hearth_subject_access_members"  # the household's members found by it
SUBJECT_ACCESS_PERSON = "subject_access_person"  # the chosen member's person reference
SUBJECT_ACCESS_SUMMARY = "hearth_subject_access_summary"  # person reference -> what an export holds
SUBJECT_ACCESS_EXPORT = "hearth_subject_access_export"  # person reference -> (file name, zip bytes)


# --- widget keys made for one record ------------------------------------------------------------

def end_flag_form(flag_id: int) -> str:
    return f"end_flag_form_{flag_id}"


def end_flag_reason(flag_id: int) -> str:
    return f"end_flag_reason_{flag_id}"


def case_list_offset(screen: str) -> str:
    """The first row shown of a paged list (My caseload, All open cases, Dates due's tables)."""
    return f"{screen}_offset"


def find_household_open(household_id: int) -> str:
    return f"find_household_open_{household_id}"


def intake_use_household(household_id: int) -> str:
    return f"{INTAKE_PREFIX}use_{household_id}"


def intake_duplicate(household_id: int) -> str:
    return f"{INTAKE_PREFIX}dup_{household_id}"


def intake_online_open(submission_id: int) -> str:
    return f"{INTAKE_PREFIX}online_open_{submission_id}"


def intake_route(recommended_route: str) -> str:
    # keyed by the recommendation, so a changed answer brings a fresh choice defaulting to the
    # new recommendation instead of keeping the route chosen for the old one
    return f"{INTAKE_PREFIX}route_{recommended_route}"


def intake_keys(present: Iterable[object]) -> list[str]:
    """The keys, among those present, that belong to an intake in progress (not its outcome)."""
    held = (INTAKE_HOUSEHOLD_ID, INTAKE_NEW_HOUSEHOLD, INTAKE_DUPLICATES, INTAKE_SEARCH_RESULTS,
            INTAKE_ONLINE, INTAKE_ONLINE_PAGE)
    return [str(k) for k in present if str(k).startswith(INTAKE_PREFIX) or k in held]


def assessment_decision(field: str) -> str:
    return f"assessment_decision_{field}"


def assessment_member(fact: str, person_id: int) -> str:
    """A fact the assessment records about one household member (vulnerability, a room of
    their own, babies expected, a local connection here)."""
    return f"assessment_member_{fact}_{person_id}"


def register_member(form: str, fact: str, person_id: int) -> str:
    """A fact a register application form records about one household member (babies expected,
    a room of their own)."""
    return f"{form}_member_{fact}_{person_id}"


def assessment_override(field: str) -> str:
    return f"assessment_override_{field}"


def approval(kind: str, request_id: int) -> str:
    """Prefix of the reason box and buttons of one placement or payment awaiting approval."""
    return f"ta_{kind}_{request_id}"


def letters_issued_table(case_id: int) -> str:
    return f"{LETTER_ISSUED_PICK}_table_{case_id}"


def letters_section_pick(case_id: int) -> str:
    return f"{LETTER_SECTION_PICK}_{case_id}"


def letters_section_write(case_id: int) -> str:
    return f"{LETTER_SECTION_PICK}_write_{case_id}"


def register_case_choice(reference: str | None, stage: str | None = None) -> str:
    # `stage`: what the chooser's label says of the application (its stage and status)
    """The "Register case" chooser, one a reference and stage: the page's `?ref=` is the one record
    of which application is open. A browser keeps a widget's value (its label) under its id and
    shows and sends it back with the next rerun, so a chooser kept across references would send
    back the application it showed before (e.g. "Start a new application" once a new one is
    opened) and lose the form submitted; one kept across a decision would still name the stage
    from before it ("Assessment" beside a Stage of "On the register")."""
    return f"{REGISTER_CASE_CHOICE}_{reference or 'new'}" + (f"_{stage}" if stage else "")


def register_evidence_check(evidence_id: int) -> str:
    return f"register_evidence_check_{evidence_id}"


def practice_question(index: int) -> str:
    return f"practice_ask_{index}"


def letter_batch_stage(case_type: str) -> str:
    """The batch screen's stage filter, one a case type (each type has its own stages)."""
    return f"letters_batch_stage_{case_type}"


def letter_batch_table(*choices: object) -> str:
    """The batch screen's list of cases for these filters and this page: a page's ticks are its own."""
    return "letters_batch_cases_" + "_".join(str(c) for c in choices)


def review_widget(review_id: int, name: str) -> str:
    """A widget of one review's forms on the case record (reviewer, minded-to, decision...)."""
    return f"reviews_{review_id}_{name}"


# --- data protection requests, holds and retention (pages/data_requests.py) ---------------------
DATA_REQUEST_FORM = "data_request_form"
DATA_REQUEST_KIND = "data_request_kind"
DATA_REQUEST_BY = "data_request_by"
DATA_REQUEST_HOUSEHOLD = "data_request_household"
DATA_REQUEST_CASE = "data_request_case"
DATA_REQUEST_PERSON = "data_request_person"
DATA_REQUEST_WHAT = "data_request_what"
DATA_REQUEST_RECEIVED = "data_request_received"
DATA_HOLD_FORM = "data_hold_form"
DATA_HOLD_CASE = "data_hold_case"
DATA_HOLD_KIND = "data_hold_kind"
DATA_HOLD_REASON = "data_hold_reason"
DATA_HOLD_ENDS = "data_hold_ends"
DATA_REQUEST_BOXES = (DATA_REQUEST_BY, DATA_REQUEST_HOUSEHOLD, DATA_REQUEST_CASE, DATA_REQUEST_PERSON,
                      DATA_REQUEST_WHAT)
DATA_HOLD_BOXES = (DATA_HOLD_CASE, DATA_HOLD_REASON)


def data_request_widget(request_id: int, name: str) -> str:
    """A widget of one request's decision form (decision, ground, reason, the form itself)."""
    return f"data_request_{request_id}_{name}"
