"""Topic names as people type them in /warnings: keys, labels, and their own words."""

from __future__ import annotations

import pytest

from bot.core.taxonomy import KEYS, added_text, find_topic

TOPIC_WORDS = [
    ("animal_harm", "animal_harm"),
    ("Animal harm", "animal_harm"),
    ("self harm", "suicide_self_harm"),
    ("dogs", "animal_harm"),
    ("dog deaths", "animal_harm"),
    ("the dog dies", "animal_harm"),
    ("puppies", "animal_harm"),
    ("child death", "child_harm"),  # who is harmed decides, not the harm
    ("kids dying", "child_harm"),
    ("death of a parent", "death_grief"),
    ("needles", "medical"),
    ("spiders", "phobia"),
    ("clowns", "phobia"),
    ("jump scares", "frightening"),
    ("SA", "sexual_violence"),
    ("sexual assault", "sexual_violence"),
    ("flashing lights", "photosensitivity"),
    ("epilepsy", "photosensitivity"),
    ("vomit", "gross_out"),
    ("swearing", "language"),
    ("blood", "gore"),
    ("racism", "hate"),
    ("miscarriage", "pregnancy_loss"),
    ("kidnapping", "captivity"),
    ("guns", "violence"),
]


@pytest.mark.parametrize(("typed", "key"), TOPIC_WORDS)
def test_a_topic_is_found_from_the_words_people_use(typed: str, key: str) -> None:
    assert find_topic(typed) == key


@pytest.mark.parametrize("typed", ["qwerty", "", "the", "film"])
def test_words_that_name_no_topic(typed: str) -> None:
    assert find_topic(typed) is None


def test_every_key_finds_itself() -> None:
    assert [find_topic(k) for k in KEYS] == list(KEYS)


def test_adding_says_what_was_new_and_what_was_already_there() -> None:
    assert added_text(["gore", "sex"], ["sex"]) == "Added: Sex. Already on your list: Gore."
    assert added_text(["gore"], []) == "Already on your list: Gore."
    assert added_text(["gore"], ["gore"]) == "Added: Gore."
