"""The content-warning taxonomy. Keys are stable (stored, used in /warnings); labels may change."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    """One content-warning topic."""

    key: str
    label: str
    covers: str


TOPICS: tuple[Topic, ...] = (
    Topic("sex", "Sex", "consensual sexual activity, sex scenes shown or strongly implied"),
    Topic("nudity", "Nudity", "full or partial nudity"),
    Topic(
        "sexual_violence",
        "Sexual violence",
        "rape, sexual assault or coercion, sexual exploitation, sex trafficking",
    ),
    Topic("violence", "Violence", "fights, shootings, killings, combat"),
    Topic("gore", "Gore", "blood, wounds, mutilation, body horror shown graphically"),
    Topic("torture", "Torture", "deliberate, prolonged infliction of pain on a captive"),
    Topic("language", "Language", "strong profanity, crude language"),
    Topic(
        "substances",
        "Drugs & alcohol",
        "drug use, heavy drinking, smoking, addiction, overdose, spiked drinks",
    ),
    Topic("frightening", "Frightening", "horror, menace, jump scares, disturbing imagery"),
    Topic("animal_harm", "Animal harm", "an animal dies, is killed or abused"),
    Topic("child_harm", "Child harm", "a child dies, is abused, endangered or sexualised"),
    Topic("suicide_self_harm", "Suicide & self-harm", "suicide, attempts, suicidal talk, self-harm"),
    Topic("domestic_abuse", "Domestic abuse", "abuse by a partner or parent"),
    Topic("captivity", "Captivity", "kidnapping, abduction, being held or restrained"),
    Topic("death_grief", "Death & grief", "death of a main character, parent or loved one; bereavement"),
    Topic("mass_violence", "Mass violence", "war atrocities, terrorism, mass shootings, genocide"),
    Topic("hate", "Hate & slurs", "slurs, racism, homophobia, transphobia, other bigotry"),
    Topic("medical", "Medical", "needles, surgery, terminal illness"),
    Topic("pregnancy_loss", "Pregnancy loss", "miscarriage, stillbirth, death in childbirth"),
    Topic("mental_illness", "Mental illness", "psychosis, PTSD, eating disorders, institutionalisation"),
    Topic("photosensitivity", "Flashing lights", "flashing or strobing lights, rapid flicker"),
    Topic("phobia", "Phobias", "spiders, snakes, sharks, insects, clowns, drowning, tight spaces"),
    Topic("gross_out", "Gross-out", "vomit, excrement, bodily-fluid imagery"),
    Topic("sad_ending", "Sad ending", "the film ends in death, loss or defeat (a spoiler by nature)"),
)
BY_KEY: dict[str, Topic] = {t.key: t for t in TOPICS}
KEYS: tuple[str, ...] = tuple(t.key for t in TOPICS)
SEVERITIES: tuple[str, ...] = ("mild", "moderate", "severe")


def label(key: str) -> str:
    """Return the display label of a topic key (the key itself when unknown)."""
    topic = BY_KEY.get(key)
    return topic.label if topic else key


def find_topic(text: str) -> str | None:
    """Return the topic key a user most likely means by `text` ("self harm" → suicide_self_harm)."""
    needle = " ".join(text.lower().replace("_", " ").replace("&", " ").replace("-", " ").split())
    if not needle:
        return None
    for topic in TOPICS:
        if needle in (
            topic.key.replace("_", " "),
            " ".join(topic.label.lower().replace("&", " ").replace("-", " ").split()),
        ):
            return topic.key
    for topic in TOPICS:
        words = topic.key.replace("_", " ") + " " + topic.label.lower() + " " + topic.covers.lower()
        if needle in words:
            return topic.key
    return None


# Questions about one kind of content, in the words people use ("does the dog die in…").
_ASKED: tuple[tuple[str, str], ...] = (
    (
        r"\b(?:does|do|did) (?:the |a |any |his |her )?(?:dog|cat|horse|pony|animal|pet|puppy)s? (?:die|get (?:hurt|killed))",
        "animal_harm",
    ),
    (
        r"\b(?:does|do|did) (?:the |a |any )?(?:kid|child|baby|boy|girl)s? (?:die|get (?:hurt|killed))",
        "child_harm",
    ),
    (r"\b(?:scary|frightening|jump ?scares?|too intense)\b", "frightening"),
    (r"\b(?:gory|gore|bloody|blood)\b", "gore"),
    (r"\b(?:sex|sex scenes?|sexual content|steamy)\b", "sex"),
    (r"\b(?:nudity|nude|naked)\b", "nudity"),
    (r"\b(?:rape|sexual (?:assault|violence))\b", "sexual_violence"),
    (r"\b(?:swearing|swear words?|cursing|profanity|bad language)\b", "language"),
    (r"\b(?:suicide|self[- ]harm)\b", "suicide_self_harm"),
    (r"\b(?:spiders?|snakes?|sharks?|clowns?|needles?)\b", "phobia"),
    (r"\b(?:flashing lights?|strobe|strobing|epilep\w*|seizures?)\b", "photosensitivity"),
    (r"\b(?:drugs?|drinking|smoking)\b", "substances"),
    (r"\b(?:violent|violence)\b", "violence"),
    (
        r"\b(?:sad ending|happy ending|does (?:it|the film|the movie) end (?:well|badly|sad(?:ly)?))\b",
        "sad_ending",
    ),
)


def asked_topics(question: str) -> tuple[str, ...]:
    """Return the topics a question asks about ("does the dog die in john wick" → animal_harm).

    Only question shapes count: "is dune gory?" asks about gore; a title that happens to contain
    "blood" does not, because the title is what the question is about, not a topic word… so the
    words must come with a question ("is", "does", "any", "?") around them.
    """
    text = question.lower()
    if not re.search(r"\?|^\s*(?:is|are|does|do|did|any|how|will|can|has|was)\b|\b(?:any|too|much)\b", text):
        return ()
    found: list[str] = []
    for pattern, key in _ASKED:
        if re.search(pattern, text) and key not in found:
            found.append(key)
    return tuple(found)
