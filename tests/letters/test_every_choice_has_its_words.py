"""Every choice a letter form offers has the words the letter needs for it.

These were asserts run when logic.letters.context was imported (and skipped under python -O);
a gap now fails here, naming the choice, instead of stopping the app at start-up.
"""

from __future__ import annotations

from logic.letters import context
from logic.letters.catalogue import DUTY_CHOICES, LETTER_TYPES, PLACEMENT_BASIS


def test_every_duty_an_officer_can_end_has_the_provision_that_ends_it_and_its_review_right():
    # the duties casework can end: the engine's four, and the s.193C(4) duty it does not decide
    assert set(context.DUTY_ENDING) == set(LETTER_TYPES["duty_ended"].option("duty").choices)
    assert set(DUTY_CHOICES) <= set(context.DUTY_ENDING)
    for duty, (provision, review) in context.DUTY_ENDING.items():
        assert provision.startswith("section ") and review.startswith("section 202(1)"), duty


def test_every_basis_a_placement_can_be_made_on_is_put_into_words_for_the_offer_letter():
    assert set(context.BASIS_WORDS) == set(PLACEMENT_BASIS)
    assert all(words.strip() for words in context.BASIS_WORDS.values())


def test_every_letter_with_paragraphs_of_its_own_is_one_the_catalogue_offers():
    # A builder for a letter the catalogue does not list could never be chosen on a screen.
    assert set(context._BUILDERS) <= set(LETTER_TYPES)


def test_every_offer_whose_refusal_ends_a_duty_says_what_refusing_it_means():
    from logic.casework import stages

    for duty, kinds in stages.OFFER_KINDS_FOR_DUTY.items():
        for kind in kinds:
            if stages.refusal_ending(duty, kind) is not None:
                words = context.offer_consequence(duty, kind)
                assert "If you refuse it" in words or "refuse it" in words, (duty, kind)
