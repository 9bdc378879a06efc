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
        if len(needle) >= 4 and needle not in _TOO_COMMON and re.search(rf"\b{re.escape(needle)}\b", words):
            return topic.key
    # In people's own words ("dogs", "dog deaths", "jump scares", "SA"): a word naming who or
    # what is harmed decides before a word naming the harm ("child death" is child harm).
    generic = None
    for word in re.findall(r"[a-z0-9]+", needle):
        for form in dict.fromkeys(
            (word, word.removesuffix("s"), word.removesuffix("es"), re.sub(r"ies$", "y", word))
        ):
            if form in _SUBJECT_WORDS:
                return _SUBJECT_WORDS[form]
            if generic is None and form in _HARM_WORDS:
                generic = _HARM_WORDS[form]
    return generic


_TOO_COMMON = frozenset("film films movie that with from other main shown ends into".split())


def added_text(asked: list[str], added: list[str]) -> str:
    """Say what an add did: "Added: Gore." / "Already on your list: Gore." (Discord and terminal)."""
    already = [k for k in asked if k not in added]
    parts = []
    if added:
        parts.append("Added: " + ", ".join(label(k) for k in added) + ".")
    if already:
        parts.append("Already on your list: " + ", ".join(label(k) for k in already) + ".")
    return " ".join(parts) or "Name at least one topic."


def _words_for(table: dict[str, str]) -> dict[str, str]:
    return {word: key for key, words in table.items() for word in words.split()}


_SUBJECT_WORDS = _words_for(
    {
        "animal_harm": "dog puppy cat kitten horse pony pet animal bird cow pig deer rabbit bunny",
        "child_harm": "child children kid baby infant toddler",
        "phobia": "spider snake shark insect bug clown drowning claustrophobia claustrophobic arachnophobia heights",
        "medical": "needle injection surgery hospital cancer illness disease",
        "pregnancy_loss": "miscarriage stillbirth pregnancy",
        "photosensitivity": "flashing strobe strobing epilepsy epileptic seizure flicker",
        "gross_out": "vomit vomiting puke puking poop excrement gross",
        "hate": "slur racism racist homophobia homophobic transphobia transphobic bigotry",
        "substances": "drug alcohol drinking smoking addiction overdose",
        "sexual_violence": "rape sa assault",
        "suicide_self_harm": "suicide selfharm cutting",
        "mental_illness": "psychosis ptsd asylum schizophrenia",
        "frightening": "scary horror jumpscare jump scares creepy",
        "gore": "blood bloody gory",
        "language": "swearing cursing profanity swear",
        "mass_violence": "war genocide terrorism massacre",
        "captivity": "kidnapping kidnap abduction hostage",
        "domestic_abuse": "domestic",
        "sex": "sexual",
        "nudity": "nude naked",
        "sad_ending": "ending",
    }
)
_HARM_WORDS = _words_for(
    {
        "death_grief": "death dead die dies dying grief loss",
        "violence": "violent fighting shooting killing gun",
        "torture": "torture",
    }
)


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
    (r"\b(?:dog|cat|horse|animal|pet)s? (?:deaths?|dies|dying|cruelty|abuse)\b", "animal_harm"),
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
    (r"\b(?:sad|tear-?jerker|weepy|depressing|make (?:me|you|them|the kids) cry)\b", "death_grief"),
    (
        r"\b(?:sad ending|happy ending|does (?:it|the film|the movie) end (?:well|badly|sad(?:ly)?))\b",
        "sad_ending",
    ),
)


# Any of those, as one pattern: "is there <this> in X" is a question about X (`hints` reads it so).
ASKED_WORDS = "|".join(f"(?:{pattern})" for pattern, _key in _ASKED)


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
