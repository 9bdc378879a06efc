"""The reviewer's call: watch / skip / mixed, with the source's own words.

Rules (tested in tests/core/reviews/test_verdict.py):
- Explicit verdict words win: "Stream it", "See it", "Watch it", "Worth it", "Recommended",
  "Must-see" → watch; "Skip it", "Not worth it", "Avoid", "Don't bother", "Pass" → skip;
  "Mixed", "Wait for streaming", "Rent it", "Maybe" → mixed. "Skip it unless …" is still skip.
- Ratings map through one scale, the rating as a fraction of its maximum s:
  s ≥ 0.7 → watch, 0.5 ≤ s < 0.7 → mixed, s < 0.5 → skip.
  So 3.5/5 watch, 3/5 mixed, 2/5 skip; 3/4 watch, 2.5/4 mixed; 7/10 watch, 5/10 mixed; 70/100 watch.
  Stars as glyphs are out of 5 unless hollow stars show the scale ("★★★☆" is 3/4) or "out of 4"
  follows. Letter grades: A+ … B- watch, C+ … C- mixed, D+ … F skip.
- Where several are found, a verdict section beats a rating line, which beats a sentence in the body;
  ratings in sentences about other films are ignored.
- With none of these, the tone decides (evaluative words, negations and "but" weighed), with a
  confidence of at most 0.45.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.reviews.clean import mentions, plain, split_sentences
from bot.core.reviews.model import Section, Verdict, VerdictFinding

WATCH, SKIP, MIXED = Verdict.WATCH, Verdict.SKIP, Verdict.MIXED


def from_score(score: float) -> Verdict:
    """Map a rating on a 0..1 scale to a verdict (≥ 0.7 watch, ≥ 0.5 mixed, else skip)."""
    if score >= 0.7 - 1e-9:
        return WATCH
    if score >= 0.5 - 1e-9:
        return MIXED
    return SKIP


GRADES = {
    "a+": 1.0,
    "a": 0.96,
    "a-": 0.92,
    "b+": 0.85,
    "b": 0.8,
    "b-": 0.72,
    "c+": 0.66,
    "c": 0.6,
    "c-": 0.52,
    "d+": 0.45,
    "d": 0.4,
    "d-": 0.35,
    "e": 0.25,
    "f": 0.2,
}
_NUMBER_WORDS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "half": 0.5,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating found in the text."""

    score: float  # 0..1
    text: str  # as written


_NUM = r"(\d+(?:[.,]\d+)?|\d?\s*½)"
_FRACTION = re.compile(
    rf"(?<![\w/.★☆✭✮⭐✪✩]){_NUM}\s*(?:/|out of|outta)\s*(4|5|10|100)(?![\d/])(?:\s*stars?)?", re.I
)
_STAR_GLYPHS = re.compile(r"([★✭✮⭐✪]+)\s*(½|1/2|\.5)?([☆✩]*)")
_STAR_WORDS = re.compile(
    r"\b((?:zero|one|two|three|four|five|half)(?:\s+and\s+a\s+half)?|\d(?:\.5)?|\d\s*½)\s*(?:-|\s)?stars?\b"
    r"(?:\s*(?:out\s+)?of\s*(4|four|5|five))?",
    re.I,
)
# Custom units: "One skull out of five", "3 popcorn buckets out of 4", "Four and a half pumpkins out of five"
_UNITS = re.compile(
    r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}(?:\.5)?)(\s+and\s+a\s+half)?\s+(?:[a-z]+\s+)?"
    r"(?:skulls?|bones?|hearts?|pumpkins?|knives|knife|claws?|fangs?|ghosts?|bats?|tentacles?|reels?|tickets?|slices?|"
    r"cups?|coffins?|tombstones?|chainsaws?|kernels?|buckets?|popcorns?|tomatoes|tomato|paws?|bears?|moons?|suns?)"
    r"\s+out\s+of\s+(four|five|ten|4|5|10)\b",
    re.I,
)
_PAREN_STARS = re.compile(r"\((\*{1,5})(½|1/2)?\)|(?<![*\w])(\*{1,5})(½)?(?![*\w])(?=\s*(?:$|\(|\.|,|/))")
_GRADE = re.compile(
    r"(?:\bgrade\s*[:：]?\s*|\bgrade of\s+|\bi give it an?\s+|\brating\s*[:：]\s*|\bverdict\s*[:：]\s*|\bscore\s*[:：]\s*)"
    r"([A-F][+\-−–]?)(?![\w])",
    re.I,
)
_LONE_GRADE = re.compile(r"^\s*([A-F][+\-−–]?)\s*$")
_THUMBS = re.compile(r"\b(two\s+)?thumbs?\s*(way\s+)?(up|down|sideways|in the middle)\b|(👍|👎)", re.I)


def _num(text: str) -> float:
    text = text.replace(",", ".").replace(" ", "")
    if text.endswith("½"):
        return float(text[:-1] or 0) + 0.5
    return float(text)


# Every rating the patterns above read holds one of these characters or words.
_RATING_SIGNS = re.compile(r"[0-9★✭✮⭐✪*👍👎]")
_RATING_WORDS = tuple("star|grade|i give it a|rating|verdict|score|thumb|out of".split("|"))


def find_ratings(sentence: str) -> list[Rating]:
    """Return every rating in a sentence (fractions, stars, grades, thumbs), left to right."""
    if not _RATING_SIGNS.search(sentence) and not mentions(sentence, _RATING_WORDS):
        return []
    found: list[tuple[int, int, Rating]] = []
    for m in _FRACTION.finditer(sentence):
        value, scale = _num(m.group(1)), float(m.group(2))
        if 0 <= value <= scale:
            found.append((m.start(), m.end(), Rating(value / scale, m.group(0).strip())))
    for m in _STAR_GLYPHS.finditer(sentence):
        full = len(m.group(1))
        half = 0.5 if m.group(2) else 0.0
        hollow = len(m.group(3))
        tail = re.match(r"\s*(?:/|out of)\s*(4|5|four|five)\b", sentence[m.end() : m.end() + 16], re.I)
        end = m.end() + (tail.end() if tail else 0)
        if hollow:
            scale = full + hollow + (1 if half else 0)
        elif tail:
            scale = 4 if tail.group(1).lower() in ("4", "four") else 5
        else:
            scale = 5
        if full + half <= scale:
            found.append((m.start(), end, Rating((full + half) / scale, sentence[m.start() : end].strip())))
    for m in _STAR_WORDS.finditer(sentence):
        raw = m.group(1).lower()
        if "and a half" in raw:
            value = _NUMBER_WORDS.get(raw.split()[0], 0) + 0.5
        elif raw in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[raw])
        else:
            value = _num(raw)
        scale_word = (m.group(2) or "").lower()
        scale = 4.0 if scale_word in ("4", "four") else 5.0
        if value <= scale:
            found.append((m.start(), m.end(), Rating(value / scale, m.group(0).strip())))
    for m in _UNITS.finditer(sentence):
        raw = m.group(1).lower()
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else _num(raw)
        value += 0.5 if m.group(2) else 0.0
        scale_word = m.group(3).lower()
        scale = float(_NUMBER_WORDS.get(scale_word, 0) or scale_word)
        if 0 <= value <= scale:
            found.append((m.start(), m.end(), Rating(value / scale, m.group(0).strip())))
    for m in _PAREN_STARS.finditer(sentence):
        stars = m.group(1) or m.group(3)
        half = 0.5 if (m.group(2) or m.group(4)) else 0.0
        found.append((m.start(), m.end(), Rating(min(1.0, (len(stars) + half) / 4), m.group(0).strip())))
    for m in _GRADE.finditer(sentence):
        grade = m.group(1).lower().replace("−", "-").replace("–", "-")
        if grade in GRADES:
            found.append((m.start(), m.end(), Rating(GRADES[grade], m.group(0).strip())))
    for m in _THUMBS.finditer(sentence):
        word = (m.group(3) or "").lower()
        if m.group(4) == "👍" or word == "up":
            score = 0.85
        elif m.group(4) == "👎" or word == "down":
            score = 0.2
        else:
            score = 0.6
        found.append((m.start(), m.end(), Rating(score, m.group(0).strip())))
    # Overlapping readings of the same words: keep the longest ("4 out of 5 stars", not "5 stars").
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[Rating] = []
    last_end = -1
    for start, end, rating in found:
        if start >= last_end:
            out.append(rating)
            last_end = end
    return out


# --- verdict words ---------------------------------------------------------------------------

_NEGATED_WATCH = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|never|hardly|barely)\s+(?:really\s+|quite\s+|at all\s+)?(?:worth(?:\s+it|\s+(?:your|the)\s+\w+|\s+watching|\s+seeing)?|recommended|a must)"
    r"|\b(?:can'?t|cannot|couldn'?t|won'?t|wouldn'?t|don'?t|do not|would not|could not)\s+(?:really\s+|honestly\s+|in good conscience\s+)?recommend",
    re.I,
)
_SKIP = re.compile(
    r"\b(?:skip(?:\s+it|\s+this(?:\s+one)?)?|avoid(?:\s+it)?|don'?t bother|do not bother|pass(?:\s+on\s+it)?|give it a miss|steer clear"
    r"|waste of (?:time|money)|not recommended|save your (?:money|time)|one to miss|forget it)\b",
    re.I,
)
_MIXED = re.compile(
    r"\b(?:mixed(?:\s+bag)?|wait for (?:streaming|the stream|it to stream|cable|a sale)|rent it|maybe|it depends|depends"
    r"|for fans only|only for (?:fans|completists|die-?hards)|fans only|catch it on streaming|worth a rental|so-so|meh|"
    r"proceed with caution|watch (?:it )?with caution)\b",
    re.I,
)
_WATCH = re.compile(
    r"\b(?:stream(?:\s+it)?|watch(?:\s+it)?|see(?:\s+it)?|worth(?:\s+it|\s+(?:your|the)\s+(?:time|ticket|watch)|\s+watching|\s+seeing|\s+a\s+watch)"
    r"|recommended|highly recommended|must[-\s](?:see|watch)|go see it|buy a ticket|yes|absolutely|definitely"
    r"|a triumph|essential viewing|don'?t miss(?:\s+it)?|catch it|fresh)\b",
    re.I,
)
_ENJOYED = re.compile(
    r"\b(?:had (?:some )?fun|have fun|enjoyed|liked (?:it|parts)|good time|admire|admired)\b", re.I
)
_COLUMN_NAME = re.compile(r"\b(?:stream|see|watch) it\s*(?:or|/)\s*skip it\b", re.I)


_FIRST_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def verdict_words(text: str) -> tuple[Verdict, str] | None:
    """Read a verdict line's words ("STREAM IT", "Not worth it", "Skip it unless…")."""
    line = plain(_COLUMN_NAME.sub("", text)).strip()
    if not line:
        return None
    head = _FIRST_SENTENCE_END.split(line, maxsplit=1)[0][:120]
    for pattern, verdict in ((_NEGATED_WATCH, SKIP), (_SKIP, SKIP), (_MIXED, MIXED), (_WATCH, WATCH)):
        m = pattern.search(head)
        if m:
            return verdict, head.rstrip(".")
    return None


# Body sentences that state a recommendation outright.
_BODY_CALLS: list[tuple[re.Pattern[str], Verdict]] = [
    # Idioms that look like their opposite: "I can't recommend it enough", "not worth a rental".
    (
        re.compile(
            r"\b(?:can'?t|cannot|couldn'?t)\s+recommend\s+(?:it|this(?:\s+(?:one|film|movie))?)?\s*(?:highly\s+)?enough\b",
            re.I,
        ),
        WATCH,
    ),
    (
        re.compile(
            r"\b(?:isn'?t|is not|wasn'?t|was not|not)\s+(?:even\s+)?worth\s+(?:a|the)\s+(?:rental|rent|stream|download|look|watch)\b",
            re.I,
        ),
        SKIP,
    ),
    (
        re.compile(
            r"\b(?:i\s+)?(?:can'?t|cannot|couldn'?t|wouldn'?t|won'?t)\s+(?:in good conscience\s+|\w+\s+){0,2}recommend\b"
            r"|\bhard to recommend\b",
            re.I,
        ),
        SKIP,
    ),
    (
        re.compile(
            r"^\W*not worth (?:it|the hype|your time|watching|seeing)\b|\b(?:it'?s|that'?s|is|was)\s+(?:simply\s+|just\s+)?not\s+worth\s+(?:it|your\s+time|the\s+\w+|watching|seeing)\b",
            re.I,
        ),
        SKIP,
    ),
    (re.compile(r"\bskip\s+(?:it|this(?:\s+one)?)\b(?:\s+unless\b)?", re.I), SKIP),
    (
        re.compile(
            r"\b(?:waste of (?:time|money|two hours)|save your money|don'?t bother|steer clear|avoid (?:it|this))\b",
            re.I,
        ),
        SKIP,
    ),
    (
        re.compile(
            r"\b(?:mixed bag|wait for (?:streaming|it to stream)|worth a rental|for (?:die-?hard )?fans only)\b",
            re.I,
        ),
        MIXED,
    ),
    (
        re.compile(
            r"\b(?:highly recommended|(?:i\s+)?(?:highly\s+|heartily\s+|wholeheartedly\s+)?recommend (?:it|this|seeing|watching)\b"
            r"|must[-\s](?:see|watch)|don'?t miss (?:it|this)|see it on the big screen|go see it|well worth (?:it|your time|the price|watching|seeing))",
            re.I,
        ),
        WATCH,
    ),
    (re.compile(r"\bwould i recommend it[^?]*\?\s*(?:absolutely|yes|definitely|oh,? yeah)", re.I), WATCH),
    (re.compile(r"[:—–]\s*(?:go|go see it|see it|watch it|stream it)\s*[.!]?\s*$", re.I), WATCH),
    (
        re.compile(
            r"\b(?:verdict|our call|the call|bottom line|recommendation)\s*[:—–-]\s*(?:go see it|see it|watch it|stream it|worth it|recommended)\b",
            re.I,
        ),
        WATCH,
    ),
    (
        re.compile(
            r"\b(?:verdict|our call|the call|bottom line|recommendation)\s*[:—–-]\s*(?:skip it|skip|avoid|pass|not worth it)\b",
            re.I,
        ),
        SKIP,
    ),
    (re.compile(r"\bwould i recommend it[^?]*\?\s*(?:no|nope|not really)", re.I), SKIP),
]
# Every match of a call above holds one of these words, or a colon or dash before "go" / "see it".
_CALL_WORDS = tuple(
    "recommend|worth|skip|waste of|save your money|bother|steer clear|avoid|mixed bag|wait for|fans only|must|miss|see it|verdict|call|bottom line".split(
        "|"
    )
)


def _may_call(sentence: str) -> bool:
    return ":" in sentence or "—" in sentence or "–" in sentence or mentions(sentence, _CALL_WORDS)


# --- tone ------------------------------------------------------------------------------------

_POSITIVE = {
    "masterpiece": 3,
    "masterful": 2.5,
    "brilliant": 2,
    "superb": 2,
    "terrific": 2,
    "excellent": 2,
    "outstanding": 2,
    "gripping": 1.5,
    "riveting": 1.5,
    "stunning": 1.5,
    "beautiful": 1,
    "beautifully": 1,
    "moving": 1,
    "delight": 1.5,
    "delightful": 1.5,
    "charming": 1,
    "funny": 1,
    "hilarious": 1.5,
    "thrilling": 1.5,
    "satisfying": 1.5,
    "great": 1,
    "wonderful": 1.5,
    "fantastic": 1.5,
    "gorgeous": 1,
    "compelling": 1.5,
    "powerful": 1,
    "tense": 0.5,
    "smart": 1,
    "clever": 1,
    "fresh": 0.5,
    "enjoyable": 1.5,
    "entertaining": 1.5,
    "fun": 1,
    "best": 1,
    "triumph": 2,
    "joy": 1,
    "excels": 1.5,
    "nails": 1,
    "mesmerizing": 1.5,
    "mesmerising": 1.5,
    "heartfelt": 1,
    "engrossing": 1.5,
    "impressive": 1,
    "remarkable": 1.5,
    "astonishing": 1.5,
    "exhilarating": 1.5,
    "haunting": 0.5,
    "affecting": 1,
    "effective": 0.5,
    "solid": 0.5,
    "strong": 0.5,
    "loved": 1.5,
    "love": 0.5,
    "enjoyed": 1.5,
    "recommend": 1.5,
    "memorable": 1,
    "inventive": 1,
    "witty": 1,
    "tender": 0.5,
    "stylish": 1,
    "slick": 0.5,
    "crowd-pleaser": 1.5,
    "unmissable": 2,
    "treat": 1,
    "rewarding": 1.5,
    "pleasure": 1,
    "sharp": 0.5,
    "confident": 0.5,
    "electric": 1,
}
_NEGATIVE = {
    "boring": 2,
    "dull": 2,
    "tedious": 2,
    "mess": 1.5,
    "messy": 1,
    "disappointing": 2,
    "disappointment": 2,
    "forgettable": 1.5,
    "bland": 1.5,
    "lifeless": 2,
    "clumsy": 1,
    "awful": 2.5,
    "terrible": 2.5,
    "bad": 1,
    "worst": 2,
    "waste": 2,
    "overlong": 1,
    "bloated": 1.5,
    "plodding": 1.5,
    "cliched": 1,
    "clichéd": 1,
    "predictable": 1,
    "flat": 1,
    "lazy": 1.5,
    "incoherent": 2,
    "tiresome": 1.5,
    "insufferable": 2,
    "dreadful": 2.5,
    "unwatchable": 3,
    "fails": 1.5,
    "failure": 1.5,
    "misfire": 2,
    "slog": 2,
    "drags": 1.5,
    "uninspired": 1.5,
    "hollow": 1,
    "stale": 1,
    "muddled": 1.5,
    "nonsensical": 1.5,
    "pointless": 1.5,
    "annoying": 1,
    "grating": 1,
    "cringe": 1,
    "cringeworthy": 1.5,
    "weak": 1,
    "poorly": 1.5,
    "sloppy": 1.5,
    "lackluster": 1.5,
    "lacklustre": 1.5,
    "underwhelming": 1.5,
    "mediocre": 1.5,
    "joyless": 2,
    "limp": 1,
    "soulless": 2,
    "stupid": 1,
    "dumb": 1,
    "ridiculous": 1,
    "shallow": 1,
    "generic": 1,
    "derivative": 1,
    "wooden": 1,
    "unfunny": 2,
    "painful": 1,
    "regret": 1,
    "skip": 1,
    "avoid": 1.5,
    "snooze": 2,
    "yawn": 1.5,
    "interminable": 2,
    "botched": 2,
    "flawed": 0.5,
}
_NEGATORS = re.compile(
    r"\b(?:not|never|no|isn'?t|wasn'?t|aren'?t|don'?t|doesn'?t|didn'?t|hardly|barely|nothing|without|lacks?)\b",
    re.I,
)
_WORD = re.compile(r"[a-z][a-z'\-]*")


_TONE_PHRASES: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            r"\b(?:stopped caring|without a shred of|by the numbers|paint-by-numbers|rinse and repeat|nothing else is"
            r"|not (?:even )?as background noise|a waste of|falls? flat|goes nowhere|never comes? alive|out of ideas"
            r"|not (?:very|particularly|remotely) (?:good|funny|scary)|doesn'?t work|didn'?t work|i was bored)\b",
            re.I,
        ),
        -2.0,
    ),
    (
        re.compile(
            r"\b(?:still makes me|i'?ve seen it a dozen times|one of the best|one of the great|a must|hold(?:s)? up"
            r"|worth (?:every|the)|i loved|you'?ll love|can'?t recommend (?:it )?(?:enough|highly enough)|a joy)\b",
            re.I,
        ),
        2.0,
    ),
]


_TURNS = re.compile(r"\bbut\b|\bhowever\b|\byet\b")


def tone(sentences: Sequence[str]) -> tuple[float, int]:
    """Return (balance in -1..1, number of evaluative words) over opinion sentences.

    The closing sentences weigh double: reviewers conclude there.
    """
    pos = neg = 0.0
    count = 0
    for n, sentence in enumerate(sentences):
        closing = 2.0 if n >= len(sentences) - 2 else 1.0
        lowered = sentence.lower()
        for pattern, value in _TONE_PHRASES:
            for _ in pattern.finditer(sentence):
                count += 1
                if value > 0:
                    pos += value * closing
                else:
                    neg -= value * closing
        # After "but", the clause carries the reviewer's weight.
        clauses = (
            _TURNS.split(lowered)
            if "but" in lowered or "however" in lowered or "yet" in lowered
            else [lowered]
        )
        for c_idx, clause in enumerate(clauses):
            weight = (1.4 if c_idx == len(clauses) - 1 and len(clauses) > 1 else 1.0) * closing
            words = _WORD.findall(clause)
            for i, word in enumerate(words):
                value = _POSITIVE.get(word, 0.0) - _NEGATIVE.get(word, 0.0)
                if not value:
                    continue
                window = " ".join(words[max(0, i - 3) : i])
                if _NEGATORS.search(window):
                    value = -value * 0.6
                if value > 0:
                    pos += value * weight
                else:
                    neg -= value * weight
                count += 1
    total = pos + neg
    return ((pos - neg) / total if total else 0.0), count


# What a reviewer says of a film that is neither good nor bad: "uneven", "hit and miss", "has its
# moments", "fans of the genre will find enough to enjoy".
_MIXED_CUES = re.compile(
    r"\b(?:uneven|unevenly|patchy|hit[- ](?:and|or)[- ]miss|mixed bag|some of it works|(?:half|parts) of it works|"
    r"works in (?:parts|fits and starts)|in fits and starts|has its moments|not without (?:its )?(?:charms?|merits?|pleasures?)|"
    r"a lot to admire|much to admire|plenty to admire|enough to enjoy|pleasant enough|watchable enough|"
    r"(?:fans|admirers|devotees) of (?:the |this )?(?:genre|books?|novels?|franchise|series|original|director|star)\w* (?:will|should|may|might)|"
    r"though never dull|never dull|flawed but|frustrating|the first (?:hour|half) is \w+\. the second|"
    r"(?:you'?ll|you will) forget (?:it )?by (?:morning|tomorrow|the time)|forgettable but|a mixed)\b",
    re.I,
)


def _tone_verdict(sentences: Sequence[str]) -> VerdictFinding:
    balance, count = tone(sentences)
    strength = min(1.0, count / 8)
    hedges = len(_MIXED_CUES.findall(" ".join(sentences)))
    if hedges and (balance > -0.8 or hedges >= 2) and balance < 0.3 + 0.2 * hedges:
        verdict = MIXED  # the reviewer says so in as many words, whichever way the adjectives lean
    elif balance >= 0.3:
        verdict = WATCH
    elif balance <= -0.2:
        verdict = SKIP
    else:
        verdict = MIXED
    confidence = round(min(0.45, 0.15 + 0.3 * strength * min(1.0, abs(balance - 0.05) * 1.5 + 0.2)), 2)
    words = "positive" if verdict is WATCH else "negative" if verdict is SKIP else "mixed"
    return VerdictFinding(verdict, f"no explicit verdict; the tone is {words}", "tone", confidence, None)


# --- the finder ------------------------------------------------------------------------------


def find_verdict(
    sections: Sequence[Section],
    *,
    headline: str | None = None,
    is_other_film: Callable[[str], bool] = lambda s: False,
) -> VerdictFinding:
    """Return the review's verdict, preferring verdict sections, then ratings, then body calls, then tone."""
    verdict_secs = [s for s in sections if s.kind == "verdict"]
    # 1. A verdict section: its words, or a rating inside it.
    for sec in reversed(verdict_secs):
        first = sec.text.split("\n", 1)[0] if sec.text else ""
        label = sec.heading
        lead = split_sentences(first)[0] if first else ""
        words = verdict_words(lead) if lead and not find_ratings(lead) else None
        if words:
            verdict, said = words
            return VerdictFinding(verdict, f"{label}: {said}", "explicit", 0.95, None)
        for candidate in (lead, first, f"{label}: {first}"):
            ratings = (
                [r for r in find_ratings(candidate) if not is_other_film(candidate)] if candidate else []
            )
            if ratings:
                r = ratings[0]
                said = r.text if r.text.lower().startswith(label.strip().lower()) else f"{label}: {r.text}"
                return VerdictFinding(from_score(r.score), said, "rating", 0.92, r.score)
        words = verdict_words(first)
        if words:
            verdict, said = words
            return VerdictFinding(verdict, f"{label}: {said}", "explicit", 0.95, None)
        if re.fullmatch(r"(?:grade|rating|score|verdict)", label.strip().lower()):
            grade = _LONE_GRADE.match(first)
            if grade and grade.group(1).lower().replace("−", "-").replace("–", "-") in GRADES:
                g = grade.group(1)
                score = GRADES[g.lower().replace("−", "-").replace("–", "-")]
                return VerdictFinding(from_score(score), f"{label}: {g}", "rating", 0.92, score)
    # 2. A rating: in the headline, on a line of its own, or at the top/bottom of the body.
    lines: list[tuple[str, float]] = []
    if headline:
        lines.append((headline, 0.9))
    body_lines = [line for s in sections if s.kind not in ("compare",) for line in s.text.split("\n") if line]
    for n, line in enumerate(body_lines):
        position = 0.88 if (n < 3 or n >= len(body_lines) - 3 or len(line) < 60) else 0.8
        lines.append((line, position))
    for line, confidence in lines:
        for sentence in split_sentences(line):
            if is_other_film(sentence):
                continue
            ratings = find_ratings(sentence)
            if ratings:
                r = ratings[0]
                said = sentence if len(sentence) <= 60 else r.text
                return VerdictFinding(from_score(r.score), said.strip(), "rating", confidence, r.score)
    # 3. A sentence that makes the call ("I can't recommend it", "skip it unless…").
    body_sentences = [
        sentence
        for s in sections
        if s.kind not in ("compare", "spoiler", "dialogue")
        for line in s.text.split("\n")
        for sentence in split_sentences(line)
    ]
    for sentence in reversed(body_sentences):
        if is_other_film(sentence):
            continue
        sentence = plain(_COLUMN_NAME.sub("", sentence)).strip(" —–-:")
        if not sentence:
            continue
        bare = verdict_words(sentence) if len(sentence) <= 20 else None
        if bare:
            return VerdictFinding(bare[0], bare[1], "explicit", 0.7, None)
        if not _may_call(sentence):
            continue
        for pattern, verdict in _BODY_CALLS:
            m = pattern.search(sentence)
            if m and verdict is SKIP and _ENJOYED.search(sentence):
                # "I can't say I didn't have fun; I can't really recommend it either": a hedge.
                return VerdictFinding(
                    MIXED, sentence if len(sentence) <= 90 else m.group(0), "explicit", 0.6, None
                )
            if m:
                said = sentence if len(sentence) <= 90 else m.group(0)
                return VerdictFinding(verdict, said.strip(), "explicit", 0.7, None)
    # 4. Tone.
    opinion = [s for s in body_sentences if not is_other_film(s)]
    return _tone_verdict(opinion)
