"""Content warnings: what counts, what does not, severity, presence and spoilers."""

from __future__ import annotations

import pytest

from bot.core.reviews.clean import clean_paragraphs, split_sections
from bot.core.reviews.model import Section
from bot.core.reviews.warnings import find_warnings


def topics(text: str, **kwargs) -> dict[str, tuple[str, str, bool]]:
    found = find_warnings(split_sections(clean_paragraphs(text)), **kwargs)
    return {w.topic: (w.severity, w.presence, w.spoiler) for w in found}


COUNTS = [
    # does the dog die: the ways reviews say an animal is harmed
    ("The possessed mother turns on the family dog, Bugsy, and strangles it.", "animal_harm"),
    ("The family dog refuses to go into the house and is found dead the next morning.", "animal_harm"),
    ("She opens the box and her missing cat is inside, dead.", "animal_harm"),
    ("The creature splits open and engulfs the other sled dogs.", "animal_harm"),
    ("Rabies slowly turns a loveable St. Bernard into a monster.", "animal_harm"),
    ("They hit a kangaroo on a dark road and she can't bring herself to end its suffering.", "animal_harm"),
    ("A stray cat is left dismembered on his doorstep as a warning.", "animal_harm"),
    (
        "Travis has to face his dog, snarling behind the slats of the corn crib, and shoot him himself.",
        "animal_harm",
    ),
    ("A motorbike accident left him quadriplegic.", "medical"),
    ("There is a long spell in hospital with pneumonia.", "medical"),
    ("A boulder pinned his arm against the canyon wall for five days.", "captivity"),
    ("Framed for the theft, the bear is jailed.", "captivity"),
    ("The ending gives her no way out.", "sad_ending"),
    ("The last fifteen minutes, at the hospital, are as sad as anything.", "sad_ending"),
    ("The characters curse constantly.", "language"),
    ("The language is relentless and deliberately ugly.", "language"),
    ("Harsh language throughout.", "language"),
    ("The clown scalps his victim in her own bedroom.", "violence"),
    ("The bear goes on a rampage through the forest.", "violence"),
    ("He shoots the sergeant dead and then puts the rifle in his own mouth.", "suicide_self_harm"),
    ("The food poisoning scene ends in a very expensive white dress.", "gross_out"),
    # phrasings written to probe recall beyond the corpus
    ("He is tortured for information in a long sequence.", "torture"),
    ("The villain pulls out a man's fingernails.", "torture"),
    ("We see intestines spilling out.", "gore"),
    ("After his wife's death, he withdraws from the world.", "death_grief"),
    ("Several major characters don't make it to the end.", "death_grief"),
    ("The cat doesn't survive.", "animal_harm"),
    ("We see a pet rabbit being boiled.", "animal_harm"),
    ("The gorilla is gunned down at the end.", "animal_harm"),
    ("Her husband is controlling and, eventually, violent.", "domestic_abuse"),
    ("Scenes of a man slapping his wife are hard to watch.", "domestic_abuse"),
    ("The stepfather beats the kids.", "domestic_abuse"),
    ("A violent, alcoholic father terrorises the family.", "domestic_abuse"),
    ("The marriage turns abusive in the second half.", "domestic_abuse"),
    ("A man jumps from a bridge.", "suicide_self_harm"),
    ("He overdoses on purpose.", "suicide_self_harm"),
    ("It has one of the bleakest endings I've seen.", "sad_ending"),
    ("Much of the film takes place in a hospital ward.", "medical"),
    ("The dog dies in the second act.", "animal_harm"),
    ("They kill the family dog to send a message.", "animal_harm"),
    ("A child is kidnapped and held for ransom.", "child_harm"),
    ("Her mother dies of a long illness early on.", "death_grief"),
    ("Strobe lighting in the club scene may affect photosensitive viewers.", "photosensitivity"),
    ("There are dozens of f-bombs.", "language"),
    ("He screams “get the fuck out” at his brother.", "language"),
    ("She suffers a miscarriage in the second act.", "pregnancy_loss"),
    ("Racial slurs are used throughout.", "hate"),
    ("He vomits all over the back seat.", "gross_out"),
    ("The ending is devastating.", "sad_ending"),
    ("The family is held hostage in their home.", "captivity"),
    ("Heavy drinking and cocaine use throughout.", "substances"),
    ("A long, graphic rape scene.", "sexual_violence"),
    ("A steamy sex scene in a hotel room.", "sex"),
    ("Brief full-frontal nudity.", "nudity"),
    ("Graphic decapitations and buckets of blood.", "gore"),
    ("He is waterboarded and tortured for information.", "torture"),
    ("Jump scares and a demonic possession make it terrifying.", "frightening"),
    ("Her husband beats her while the children watch.", "domestic_abuse"),
    ("She attempts suicide after the trial.", "suicide_self_harm"),
    ("The war scenes show civilians massacred in a village.", "mass_violence"),
    ("He spends weeks in a psychiatric hospital after a psychotic break.", "mental_illness"),
    ("Close-ups of needles and an amputation on the operating table.", "medical"),
    ("A swarm of spiders crawls over the sleeping hero.", "phobia"),
    ("The boys trade cusswords the whole walk home.", "language"),
    ("The girl swears a lot, which the film finds cute.", "language"),
    ("The recruits swear like sailors.", "language"),
    ("A hostage spends the second act tied and gagged in a closet.", "captivity"),
    ("The migrants are held in cages at the border post.", "captivity"),
    ("He has just come home from a mental hospital and a course of shock treatment.", "mental_illness"),
    ("Everyone is knocking back tequila by the second reel.", "substances"),
    ("Her sister is found hanging in the barn.", "suicide_self_harm"),
    ("The troops fire into the crowd outside the station.", "mass_violence"),
    ("A goat is hacked apart for the feast.", "animal_harm"),
    ("The cult leader bites the head off a live chicken.", "animal_harm"),
    ("Live rats are boiled in the kitchen scene.", "animal_harm"),
    ("The story ends at a deathbed.", "sad_ending"),
    ("She has a panic attack on the night bus.", "mental_illness"),
    ("A leg is lost to gangrene.", "medical"),
    ("The gang attacks him in an alley and stabs him.", "violence"),
    ("A neo-Nazi gang runs the prison yard.", "hate"),
    ("The rally ends in Nazi salutes and chanting.", "hate"),
    # children in distress, and what is done to them
    ("We watch a toddler dehydrate in a locked car.", "child_harm"),
    ("The girl's little brother goes into convulsions on the kitchen floor.", "child_harm"),
    (
        "A half-conscious boy is carried out of the flood; an unconscious child lies in the back seat.",
        "child_harm",
    ),
    ("The villain has the kid thrown off the bridge.", "child_harm"),
    ("Older boys beat him up behind the gym every week, and the child never tells.", "child_harm"),
    ("The film's kids-in-danger scenes are tense.", "child_harm"),
    ("The funeral, with its small coffin, is hard to sit through.", "child_harm"),
    # endings that give no comfort
    (
        "The finale, in which the flood takes the whole valley, is about as hopeless as cinema gets.",
        "sad_ending",
    ),
    (
        "The last scene, the sisters waiting on a pier for a boat that is not coming, refuses to console us.",
        "sad_ending",
    ),
    ("The ending is not a rescue: the lighthouse keeper stays behind with the storm.", "sad_ending"),
    ("Its ending, a widow alone on the platform, declines to comfort you.", "sad_ending"),
]

# A child the review names, then harmed by name ("Pip … is stung to death").
NAMED_CHILDREN = [
    (
        "Seven-year-old Pip (Ada Lowe) lives with her aunt. Later, Pip wanders off to the quarry and "
        "is bitten by the farm's dog.",
        True,
    ),
    (
        "Their little boy Ezra, who is nine, hides in the attic. Then Ezra is kidnapped by the caretaker.",
        True,
    ),
    ("Marta is eleven and fearless. A storm traps the farm; Marta is rushed to hospital.", True),
    ("Jonah, an orphan, sleeps under the pier. The smugglers beat Jonah until he cannot stand.", True),
    ("A boy called Rafi befriends the strays. The warden drowns Rafi's kittens.", False),  # the kittens
    ("A scholarship boy, Felix, charms the family. Felix is killed in the last reel.", False),  # grown up
    (
        "The little girl Vera saved grows up to be a doctor. Vera is shot at the border.",
        False,
    ),  # not the girl
    ("Their son, Aldo, a banker of forty, is shot in the street.", False),  # grown sons are not children
]


@pytest.mark.parametrize(("text", "harmed"), NAMED_CHILDREN)
def test_harm_to_a_child_the_review_names(text: str, harmed: bool) -> None:
    assert ("child_harm" in topics(text)) is harmed


@pytest.mark.parametrize(("text", "topic"), COUNTS)
def test_content_that_counts(text: str, topic: str) -> None:
    assert topic in topics(text)


DOES_NOT_COUNT = [
    ("The dog finds a dead man in the woods.", "animal_harm"),
    ("Rabid fans of the books will queue for it.", "animal_harm"),
    ("A masterpiece, and for many children their first encounter with death.", "child_harm"),  # the audience
    ("Drinking, drugs & smoking: Negligible.", "substances"),
    ("It's a killer comedy.", "violence"),
    ("A winter storm nearly kills the whole island.", "violence"),
    ("The barracks latrine is where the last scene plays out.", "gross_out"),
    ("Its running gags wear thin.", "gross_out"),
    ("Stephen King's novel ends with the child dead.", "death_grief"),  # the book, not the film
    # topics of their own, not fighting
    ("Sexual violence is a consistent topic here.", "violence"),
    ("Domestic violence runs through the marriage.", "violence"),
    ("There is no nudity.", "nudity"),
    ("Nudity: None.", "nudity"),
    ("Sex & nudity: none.", "nudity"),
    ("If you expect gore, you will not find it here.", "gore"),
    ("Don't expect any violence; it's a quiet drama.", "violence"),
    ("A killer soundtrack carries it.", "violence"),
    ("I died laughing at the wedding scene.", "death_grief"),
    ("It was a bloodbath at the box office.", "violence"),
    ("Go cry into your lukewarm beer.", "substances"),
    ("The middle hour is torturously slow.", "torture"),
    ("The script is a car crash of a sequel.", "violence"),
    ("Its sex appeal is all in the costumes.", "sex"),
    ("The leads have explosive chemistry.", "violence"),
    ("It was shot on 35mm film.", "violence"),
    ("This movie is a drug of a film: I was hooked.", "substances"),
    ("Bond girls would cry into their shaken martinis.", "substances"),
    ("Free of gore and free of swearing.", "gore"),
    ("This is a bloody good time.", "gore"),
    ("I swear this is the best thing she has done.", "language"),
    ("He swears revenge on the gang.", "language"),
    ("She swears to protect the boy.", "language"),
    ("The knights swear an oath to the queen.", "language"),
    ("Fans swear by the longer cut.", "language"),
    ("The film is a joint production of three studios.", "substances"),
    ("Nobody cusses in this gentle film.", "language"),
    ("Her uncle uses a wheelchair and steals every scene.", "medical"),
    ("She talks about her family's history of mental illness.", "medical"),  # that is mental_illness
    ("The soundtrack is killer.", "violence"),
    ("Watching it twice was torture.", "torture"),
    ("The director shoots it all plainly, in long takes.", "violence"),
    ("The pacing is a delicious kind of torture.", "torture"),
    ("She has a panic attack on the night bus.", "violence"),
    ("His migraine attacks are filmed as blurred light.", "violence"),
    ("The boss wants his men to capture her alive.", "captivity"),  # a plan, not an event
    ("A panic attack, with her other emotions tied up and locked away.", "captivity"),
    ("Years of grief are bottled up and locked away.", "captivity"),
    ("The physicists race to build the bomb before the Nazis do.", "hate"),  # an enemy, not bigotry
    ("Indy races the Nazis to the Ark.", "hate"),
    ("The suspect's house is full of crates of live snakes.", "animal_harm"),  # kept, not harmed
    ("The ending is not a cliffhanger, for once.", "sad_ending"),
    ("The finale is loud, and the hopeless romantic in me loved the kiss.", "sad_ending"),
]


@pytest.mark.parametrize(("text", "topic"), DOES_NOT_COUNT)
def test_negated_figurative_and_hypothetical_do_not_count(text: str, topic: str) -> None:
    assert topic not in topics(text)


def test_reviewers_own_swearing_is_not_the_films_language() -> None:
    assert "language" not in topics("The plot is a damn mess and the hero is an asskicker of few words.")


def test_other_films_content_does_not_count() -> None:
    text = "Unlike Saw, nothing here is gory. The film is a slow, sad drama."
    assert "gore" not in topics(text, is_other_film=lambda s: "Saw" in s)


def test_affirmation_that_looks_like_a_negation_counts() -> None:
    assert topics("The film doesn't shy away from graphic violence.")["violence"][0] == "severe"


SEVERITY = [
    ("Brief, cartoonish violence.", "violence", "mild"),
    ("Relentless, graphic violence: people are shot at close range.", "violence", "severe"),
    ("The violence is frequent but rarely gory.", "gore", "mild"),
    ("Gore: bloody wounds and burns, though quick rather than lingering.", "gore", "mild"),
    # A parents'-guide label names a category: its own words ("intense") say nothing of intensity.
    ("Frightening & intense: a panic attack seen from inside her head.", "frightening", "moderate"),
    ("Frightening & intense: relentless, graphic jump scares.", "frightening", "severe"),
    # The review's own note on a topic outranks a passing mention of it elsewhere.
    (
        "Harassment: a man gropes her on the beach and she punches him.\nViolence: a cartoonish battle on the beach.",
        "violence",
        "mild",
    ),
    # An intensity word describes what is near it, not the whole clause.
    (
        "There's a brutal winter blizzard that nearly wipes out the whole island, and a finale in which"
        " a corporation's robots arrive, armed, and kill a goose to drag Roz back.",
        "violence",
        "moderate",
    ),
    # "Not X, but Y": the "but" has the last word.
    ("The torture scenes are not graphic, but they are long and unflinching.", "torture", "severe"),
    ("The violence is brief, but it is shocking.", "violence", "severe"),
    ("There is some blood, but nothing lingering.", "gore", "mild"),
    # Told of rather than shown: not the gravest.
    ("A brutal murder is described but never shown.", "violence", "moderate"),
    ("A brutal murder, shown in close-up.", "violence", "severe"),
    ("He shoots himself in front of his son, shown graphically.", "suicide_self_harm", "severe"),
    ("His father's suicide haunts him.", "suicide_self_harm", "moderate"),
    # A review that flags a phobia or a gross-out scene at all means one worth knowing about.
    ("Spiders swarm over the sleeping campers.", "phobia", "moderate"),
    ("There's a long sequence of projectile vomiting.", "gross_out", "moderate"),
]


@pytest.mark.parametrize(("text", "topic", "severity"), SEVERITY)
def test_severity(text: str, topic: str, severity: str) -> None:
    assert topics(text)[topic][0] == severity


def test_the_topics_own_note_is_its_evidence() -> None:
    text = "Harassment: a man gropes her on the beach and she punches him.\nViolence: a cartoonish battle on the beach."
    (warning,) = [w for w in find_warnings(split_sections(clean_paragraphs(text))) if w.topic == "violence"]
    assert warning.evidence.startswith("Violence: a cartoonish battle")


def test_a_sentence_of_the_review_is_better_evidence_than_its_headline() -> None:
    headline = "Where A Painful Loss Puts A Woman On The Offensive"
    text = "Her grief drives the film."  # as strong a cue as the headline's
    found = {w.topic: w for w in find_warnings(split_sections(clean_paragraphs(text)), headline=headline)}
    assert found["death_grief"].evidence == text


def test_a_pets_fate_is_the_animal_harm_evidence() -> None:
    text = (
        "A cow has to be shot and burned.\n"
        "Travis has to face his dog, snarling behind the slats of the corn crib, and shoot him himself."
    )
    (warning,) = [
        w for w in find_warnings(split_sections(clean_paragraphs(text))) if w.topic == "animal_harm"
    ]
    assert warning.evidence.startswith("Travis has to face his dog")


def test_a_hallucination_alone_is_not_mental_illness() -> None:
    assert "mental_illness" not in topics(
        "Sex & nudity: a sex scene in which she appears in a hallucination."
    )
    assert "mental_illness" not in topics("The speech dissolves into a hallucination of burning skin.")
    assert topics("His psychosis deepens: hallucinations, voices, a breakdown.")["mental_illness"]


def test_parents_guide_labels_set_severity_and_none_removes() -> None:
    text = (
        "Violence & Gore: Severe\nFrequent shootings.\nSex & Nudity: None\nLanguage: mild\nA few curse words."
    )
    found = topics(text)
    assert found["violence"][0] == "severe"
    assert "nudity" not in found and "sex" not in found
    assert found["language"][0] == "mild"


def test_presence_shown_or_mentioned() -> None:
    assert topics("A murder is implied but happens off-screen.")["violence"][1] == "mentioned"
    assert topics("We see the violence in graphic close-up.")["violence"][1] == "shown"
    assert topics("A brutal murder is described but never shown.")["violence"][1] == "mentioned"
    assert topics("The stabbing isn't shown; we only hear it.")["violence"][1] == "mentioned"


def test_spoiler_evidence_is_flagged() -> None:
    found = topics("In the final scene the hero dies in his daughter's arms.")
    assert found["sad_ending"][2] is True


def test_spoiler_section_is_flagged() -> None:
    sections = [Section("Spoilers", "spoiler", "Her father is murdered by the man she trusted.")]
    found = {w.topic: w for w in find_warnings(sections)}
    assert found["death_grief"].spoiler


def test_evidence_is_a_sentence_of_the_review() -> None:
    text = "A calm opening. Then the dog dies, quite suddenly, and the film never recovers."
    (warning,) = [
        w for w in find_warnings(split_sections(clean_paragraphs(text))) if w.topic == "animal_harm"
    ]
    assert warning.evidence == "Then the dog dies, quite suddenly, and the film never recovers."
