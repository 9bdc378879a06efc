"""Content warnings: taxonomy topics found in a review, each with severity, presence and evidence.

Each topic has cues (patterns with a weight and a base severity). A cue counts only when it survives
these filters, applied in its own clause:
- negation ("no nudity", "without any gore", "Sex & Nudity: None") — but "doesn't shy away from",
  "no shortage of", "pulls no punches" affirm;
- hypotheticals ("if you expect gore, you won't find it", "don't expect…");
- figures of speech ("a killer soundtrack", "I died laughing", "cry into your lukewarm IPA",
  "torturously slow", "a bloodbath at the box office") and words addressed to the reader
  ("drop-kicking you", "your beer");
- sentences about other films ("less gory than Saw"), and comparison sections;
- the reviewer's own swearing (profanity counts only when the text says the film has it, or inside
  quoted dialogue).
A topic is reported when its surviving cues weigh at least 1. Severity starts from the strongest
cue's and moves with intensity words ("graphic", "relentless" up; "brief", "mild", "off-screen"
down), or follows a parents'-guide label ("Violence: Severe"). Presence is "shown" or "mentioned"
where the text says so ("on screen", "implied", "off-screen"), else "unclear". Evidence that gives
away the ending (or any sad ending) is flagged as a spoiler.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bot.core.reviews.clean import Gated, caseless, plain, split_sentences
from bot.core.reviews.model import ContentWarning, Section

MILD, MODERATE, SEVERE = 1, 2, 3
SEVERITY_NAMES = {MILD: "mild", MODERATE: "moderate", SEVERE: "severe"}


_Match = Callable[[str, int], "re.Match[str] | None"]


@dataclass(frozen=True, slots=True)
class Cue:
    source: str  # the cue's pattern, compiled only when asked for: the scan compiles its own pieces
    weight: float
    severity: int

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.source)


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.I)


_LOOKBEHIND = r"(?<![\w])(?<!non-)(?<!anti-)"


def _cues(*specs: tuple[str, float, int]) -> list[Cue]:
    return [Cue(_LOOKBEHIND + rf"(?:{p})(?![\w])", w, s) for p, w, s in specs]


def near(a: str, b: str, gap: int = 4, both: bool = True, stop: str = "") -> str:
    """Return a pattern for `a` followed by `b` within `gap` words of the same clause (and b…a).

    `stop`: words that may not come between them ("not" in "the ending is not sad").
    """
    stops = (
        "but|although|though|while|yet|whereas|because|not|never|no|nobody|(?:does|do|did|is|are|was|were|wo|ca)n'?t"
        + (f"|{stop}" if stop else "")
    )
    between = rf"(?:[\s,]+(?!(?:{stops})\b)[\w'’\-]+){{0,{gap}}}?[\s,]+"
    forward = rf"(?:{a}){between}(?:{b})"
    return f"{forward}|(?:{b}){between}(?:{a})" if both else forward


_CHILD = (
    r"(?:child|children|kids?|boys?|babies|baby|infants?|toddlers?|newborns?|orphans?|schoolchildren|schoolboys?|schoolgirls?|"
    r"preteens?|youngsters?|daughters?|sons|childhood|schoolkids|"
    r"(?:[1-9]|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)-year-old|"
    r"(?:young|little|infant|baby|small|teenage|(?:young|little|small) \w+|\d{1,2}-year-old|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)-year-old) (?:sons?|daughters?|sisters?|brothers?|girls?))"
)
_CHILD_IN_FILM = (
    r"(?<!for )(?<!for many )(?<!for most )(?<!for some )(?<!for young )(?<!for small )(?<!for little )(?<!for older )(?<!with )"
    + _CHILD
)
_CHILD_HARM = (
    r"(?:killed|kills|kill|killing|murder(?:ed|s|ing)?|dies|died|dead|death|abused|abuse|molest(?:ed|ation)?|kidnapped|abducted|"
    r"endangered|in danger|in peril|threatened|hurt|injured|beaten|shot|drown(?:s|ed)|harmed|bullied|neglected|starv(?:ed|ing)|"
    r"trafficked|tortured|hunted|stalked|attack(?:ed|s)|menaced|terrori[sz]ed|splattered|raped|raping|assaulted|strangled|"
    r"stabbed|burned|burnt|run over|slapped|exploited|sexuali[sz]ed|groom(?:ed|ing)|loses|lost|losing|fires? (?:a gun )?at|die|dying|"
    r"picked off|(?:held|holds?|pushed|forced) (?:\w+ ){0,3}?under (?:the )?(?:bath)?water|nearly drowns|"
    r"shoots? at|shot at|held at gunpoint|at gunpoint|held hostage|held captive|chased|in the crossfire|blinds?|blinded|maim(?:s|ed)|mutilated|sold|forced to beg|"
    # bodies in distress, and what is done to them
    r"dehydrat(?:e|es|ed|ing|ion)|convuls(?:es|ed|ing|ions?)|seizures?|(?:stops|stopped|stop) breathing|suffocat(?:es|ed|ing)|"
    r"unconscious|barely[- ]conscious|half[- ]dead|stung to death|mauled|chasing|"
    r"(?:thrown|tossed|pushed|dropped) (?:\w+ )?(?:into|off|from|down|out of)|beats? (?:\w+ )?up|beaten up|bully|bullies|bullying)"
)
_ANIMAL = (
    r"(?:dogs?|pupp(?:y|ies)|cats?|kittens?|horses?|pony|ponies|pets?|animals?|birds?|cows?|pigs?|deer|rabbits?|bunny|"
    r"goats?|sheep|dolphins?|whales?|elephants?|monkeys?|apes?|gorillas?|kong|mouse|mice|fox|wolf|wolves|bears?|lambs?|"
    r"chickens?|parrots?|owls?|octopus|fish|sharks?|cattle|dinosaurs?|lions?|tigers?|cubs?|calf|calves|foals?|donkeys?|mules?|"
    r"oxen|camels?|squirrels?|raccoons?|turtles?|tortoises?|frogs?|hamsters?|bulls?|hens?|geese|goose|swans?|pigeons?|"
    r"eagles?|hawks?|snakes?|pythons?|crocodiles?|alligators?|hippos?|rhinos?|giraffes?|zebras?|leopards?|panthers?|"
    r"hyenas?|buffalo(?:es)?|bison|moose|elk|oysters?|chimps?|chimpanzees?|"
    # breeds and kinds people name their pets and the animals of family films by
    r"husk(?:y|ies)|st\.? bernards?|labradors?|retrievers?|collies?|terriers?|poodles?|beagles?|spaniels?|hounds?|"
    r"greyhounds?|mutts?|mongrels?|strays?|canines?|felines?|fawns?|stags?|vixens?|kangaroos?|koalas?|capybaras?|"
    r"lemurs?|otters?|seals?|penguins?|pheasants?|ducks?|ducklings?|hogs?|boars?|mares?|stallions?|colts?|piglets?|"
    r"ferrets?|gerbils?|guinea pigs?|rats?|songbirds?|sparrows?|crows?|ravens?|gulls?|seagulls?|critters?|wildlife|livestock)"
)
_HARM_ACTIVE = (
    r"(?:kills?|killed|killing|hits?|strikes?|struck|feeds? [\w\s]{0,20}(?:aspirin|pills|poison)|shoots?|shot|stabs?|stabbed|stomp(?:s|ed)?|crush(?:es|ed)?|kicks?|kicked|beats?|beat|abuses?|"
    r"abused|tortures?|tortured|eats?|ate|eating|slaughters?|slaughtered|hunts?|hunted|cages?|caged|traps?|trapped|drowns?|"
    r"drowned|poisons?|poisoned|skinned|butchers?|butchered|harpoons?|harpooned|euthani[sz]es?|euthani[sz]ed|"
    r"runs? over|blows? up|mutilates?|mutilated|shred(?:s|ded|ding)?|rakes?|mows? down|guns? down|gunned down|riddles?|riddled|"
    r"machine-?guns?|skins|skinned|whips|whipped|beheads?|beheaded|starves?|starved|electrocutes?|"
    r"electrocuted|torments?|tormented|mistreats?|mistreated|maims?|maimed|strangles?|strangled|"
    r"engulfs?|engulfed|devours?|devoured|absorbs?|absorbed|mauls?|mauled|(?:tears?|tore|torn|rips?|ripped) apart)"
)
_HARM_PASSIVE = (
    r"(?:dies|died|dying|is killed|was killed|gets killed|is shot|was shot|is put down|is euthani[sz]ed|doesn'?t make it|"
    r"does not make it|(?:doesn'?t|does not|won'?t|will not) survive|(?:is|gets) gunned down|is shot dead|(?:is|being|gets) (?:boiled|cooked|skinned) alive|being (?:boiled|cooked|eaten|killed|slaughtered)|is run over|is drowned|is abused|is hurt|is beaten|is poisoned|is slaughtered|is hunted|is caged|"
    r"is trapped|is injured|is wounded|is tortured|is eaten|are killed|are slaughtered|are hunted|death|carcass(?:es)?|corpse|"
    r"collapses?|vomits?|burned and scarred|scarred|electrocuted|blown up|die|is swallowed|swallowed whole|is devoured|gets eaten|"
    r"is mauled|is torn apart|drops dead|keels over|is hacked (?:apart|to pieces|up)|(?:is|are) dragged|kept in (?:a |an )?(?:tiny |small |cramped |filthy )?cages?|is (?:mistreated|neglected|starved|whipped|"
    r"stabbed|maimed|skinned|butchered|set on fire|burned alive|put to sleep)|riddled with bullets|machine-?gunned|shredded|"
    r"is (?:badly )?(?:torn up|bitten|savaged|hit by (?:a |the )?(?:car|truck|train|bus))|is shot down|is knocked (?:off|into|down)|"
    r"(?:nearly|almost) drowns|is swept away|lies (?:dying|wounded|stranded)|(?:contracts|catches|gets|has) rabies|"
    r"(?:has|have|had|must) to be (?:shot|put down|destroyed)|gets? shot|got shot|(?:is |was )?found dead|(?:is |was )?(?:left )?(?:dismembered|decapitated|disembowell?ed)|"
    r"dead(?! (?:man|woman|men|women|body|bodies|people|person|girl|boy|child|children|husband|wife|mother|father)))"
)
# A person between an animal and "is eaten" is the one eaten ("pythons, and one man is swallowed").
_PEOPLE = r"man|men|woman|women|people|person|he|she|they|someone|everyone|boy|girl|child|children|kids?|soldiers?|crew|victims?|hero|heroine"
_KIN = (
    r"(?:newborns?|mother|father|mom|mum|dad|parents?|wife|husband|sons?|daughters?|brothers?|sisters?|best friend|friend|"
    r"partner|fianc[ée]e?|grandmother|grandfather|grandma|grandpa|family|girlfriend|boyfriend|mentor|"
    r"loved ones?|uncle|aunt|children|child|kids|baby|wives|husbands|friends|parents)"
)
_DEATH = (
    r"(?:dies|died|dying|death|deaths|is killed|was killed|gets killed|are killed|were killed|murdered|funeral|grave|"
    r"to die|passes away|passed away|buried|burial|mourns|mourning|grief|griev(?:e|es|ing)|bereaved|bereavement|suicide)"
)
_PERSON = (
    r"(?:(?:beloved|main|major|central|lead|favou?rite|key) characters?|characters?|hero|heroine|protagonist|companion|"
    r"newborns?|soldiers?|passengers|crew members?|everyone|almost everyone|nobody|sailors|survivors|villagers|townspeople|"
    r"townsfolk|patients|teammates|comrades|classmates|colleagues|crewmates|shipmates)"
)
_DEATH_AFTER = (
    r"(?:dies|died|has died|dying|is killed|was killed|gets killed|are killed|were killed|killed|murdered|shot dead|"
    r"is lost|are lost|lost at sea|drowns|drowned|perishes|perished|freezes? to death|does not survive|doesn'?t survive|(?:do not|don'?t) survive|(?:does not|doesn'?t|do not|don'?t) make it (?:out|to the end|through|alive|home)|"
    r"is left dead|left dead|dead|passes away|passed away|commits suicide|kills (?:her|him)self|has killed (?:her|him)self|"
    r"die|keep dying|picked off|killed off|(?:beaten|stabbed|shot|burned|bludgeoned|strangled|hacked|starved|crushed|stoned|tortured|"
    r"clubbed|kicked|mauled|trampled) to death|bleeds? to death|bled to death|(?:doesn'?t|does not|won'?t) last)"
)
_BODY = (
    r"(?:eyes?|eyeballs?|tendons?|fingers?|hands?|arms?|legs?|foot|feet|head|heads|face|faces|throat|tongue|teeth|skull|ears?|toes?|"
    r"limbs?|chest|stomach|neck|knees?|jaw|nose|achilles tendon|flesh|skin)"
)
_INJURY = (
    r"(?:slashed|severed|cut off|cut out|hacked off|gouged|ripped (?:off|out|open)|torn (?:off|out|open)|crushed|shattered|impaled|"
    r"pierced|scalded|hanging out|chopped off|sliced (?:off|open)|mangled|bitten off|blown off|smashed|skewered|"
    r"nailed|mutilated|dislocated|burned off|melted|peeled|flayed|splits? open|explod(?:es|ing))"
)
_PARTNER = (
    r"(?:husband|wife|father|mother|stepfather|stepmother|dad|mom|mum|boyfriend|girlfriend|partner|parents?)"
)
_ABUSE = (
    r"(?:beats?|beaten|abuses?|abused|abusive|hits|batters?|battered|stalks?|stalking|terrori[sz]es|strangles?|chokes?|"
    r"slaps?|rapes?|tries to kill|intends to kill|intending to kill|attacks?|beat|beat up|hit|raped|strangled|choked|slapped|"
    r"punch(?:es|ed)|kick(?:s|ed)|attacked|terrori[sz]ed|torments?|tormented|whips?|whipped|molest(?:s|ed)|sexually abused|burn(?:s|ed))"
)
_KIN_HOME = r"(?:husband|wife|father|mother|stepfather|stepmother|dad|mom|mum|boyfriend|girlfriend|parents?)"
_BATTERS = (
    r"(?:beats|beat|beat up|batters|battered|abuses|abused|rapes|raped|molests|molested|sexually abused|whips|whipped|strangles|"
    r"strangled|slaps|slapped|terrori[sz]es|terrori[sz]ed|torments|tormented|punches|punched)"
)
_FAMILY_OBJ = r"(?:his|her|their) (?:own )?(?:wife|husband|child|children|son|daughter|family|kids|mother|father|partner|girlfriend|boyfriend)"
_ENDING = (
    r"(?:the ending|ending|final scene|last scene|final act|finale|in the end|final shot|closing scene|closing moments|final moments|last act|final reel|final image|last shot|last image|"
    r"(?:last|final|closing) (?:\w+ )?minutes)"
)
_UNLESS = (
    r"not|never|hardly|anything|far|less|no|nothing|isn'?t|wasn'?t|doesn'?t|without|avoids?|rather|instead"
)
_SAD = (
    r"(?:dies|death|dead|killed|executed|execution|the chair|tragic|tragedy|grief|heartbreaking|devastating|bleak|alone|"
    r"loss|funeral|grave|sad|tears|weep|outliving|doomed|hopeless(?! romantics?)|despair|crushing|gutting|downbeat|saddest|heartbreaker|"
    r"heartbreak|shattering|tear-?jerk\w*|wrenching|gut-?wrenching|grim|mournful|bittersweet|sobbing|weeping|cry|crying|wept|"
    r"nihilistic|merciless|unforgiving|unbearable|no way out|no escape|no hope|no rescue|no miracle|"
    r"(?:refuses|declines) to (?:comfort|console|reassure|redeem)(?: you| us| anyone| the audience| the viewer)?|"
    r"offers no (?:comfort|consolation|hope|redemption|relief))"
)

_RESTRAINED = (
    r"(?:strung up|hung up|tied up|chained up|strapped down|(?:tied|chained|strapped) to (?:a |the )?\w+)"
)
_HURT_CAPTIVE = r"(?:beaten|beat|beating|whipped|flogged|tortured|burned|cut(?! (?:free|loose|down))|interrogated|electrocuted|tormented)"

TOPIC_CUES: dict[str, list[Cue]] = {
    "sex": _cues(
        (
            r"sex scenes?|love scenes?|sexual content|sexually explicit|explicit sex|graphic sex|sex montage",
            1.2,
            MODERATE,
        ),
        (
            r"(?:has|have|having|had) sex|sleep(?:s|ing)? together|slept together|mak(?:e|es|ing) love|made love",
            1.0,
            MODERATE,
        ),
        (
            r"sexual encounters?|steamy|erotic|eroticism|intercourse|one-night stand|hooks? up|hooking up|foreplay|orgasm",
            1.0,
            MODERATE,
        ),
        (
            r"(?:implied|suggested) to be sexual|sexual (?:activity|act|acts|relationship|situations?)|incest(?:uous)?|seduc(?:es|ed|tion)",
            1.0,
            MILD,
        ),
        (
            r"bedroom scenes?|in bed together|sexual references|sex jokes|innuendo|raunchy|sensual|affair",
            0.7,
            MILD,
        ),
        (r"kiss(?:es|ing)? passionately|makes? out|making out|embraces? (?:him|her)", 0.5, MILD),
        (
            r"sex (?:comed(?:y|ies)|shows?|acts?|work|workers?|tapes?|parties|party|clubs?)|(?:trades?|trading|traded|sells?|selling|sold) sex|"
            r"orgy|orgies|threesomes?|trysts?|quickie|mile[- ]high club",
            1.0,
            MODERATE,
        ),
    ),
    "nudity": _cues(
        (
            r"nudity|full[- ]frontal|frontal nudity|nude|naked|topless|bare breasts?|bare (?:buttocks|bottom|behind)",
            1.2,
            MODERATE,
        ),
        (
            r"in the buff|skinny[- ]dipping|strips? naked|stripped naked|rear nudity|partial nudity|brief nudity|nudes?",
            1.2,
            MILD,
        ),
        (r"in (?:her|his|their) underwear|scantily clad|cleavage|undress(?:es|ed|ing)?", 0.6, MILD),
        (
            r"bared (?:breasts?|chest|buttocks|bottom|behind|backside)|(?:peels?|peeled|strips?|stripped|tears?|tore|torn|rips?|ripped|pulls?|pulled) "
            r"(?:off )?(?:part of |some of |most of |all of )?(?:her|his|their) (?:clothes|clothing|dress|blouse|top|underwear)",
            1.0,
            MILD,
        ),
    ),
    "sexual_violence": _cues(
        (
            r"rape[sd]?|raping|rapist|gang[- ]rape|attempted rape|sexual(?:ly)? assault(?:s|ed)?|sexual violence",
            1.5,
            SEVERE,
        ),
        (
            r"sexual abuse|sexually abused|molest(?:s|ed|ation|er|ing)?|non-?consensual|sexual coercion|coerced into sex",
            1.5,
            SEVERE,
        ),
        (
            r"sex[- ]trafficking|sex traffickers?|trafficking of [\w\s]{0,30}? for sex|trafficked (?:women|girls|children)",
            1.3,
            MODERATE,
        ),
        (
            r"sexual(?:ly)? exploit(?:ation|ed|s)?|forced prostitution|sexual slavery|date[- ]rape|revenge porn|grooming|groomed",
            1.3,
            MODERATE,
        ),
        (r"sexual harassment|sexually harass(?:es|ed)|groped|groping|unwanted advances|predatory", 1.0, MILD),
        (
            r"breeding stock|sex slaves?|sexual slaves?|(?:kept|held|used|sold) as (?:breeders|concubines|brides|wives)|child brides?|forced marriage|"
            r"(?:trades?|trading|traded|sells?|selling|sold) (?:sex|her body|his body|herself|himself) for|sex for (?:drugs|money|cash|a fix|food)|"
            r"(?:sells?|selling|sold) (?:\w+ ){0,5}?(?:in)?to (?:brothels?|prostitution|sexual slavery)|(?:human|women|girls) traffick(?:ing|ers?)|"
            rf"{near(r'(?<!drug )(?<!arms )(?<!gun )traffick(?:ers?|ing|ed)', r'girls|women|young women|teenagers|children|kids|daughters?|brothels?|prostitution', 5)}",
            1.3,
            MODERATE,
        ),
        (
            rf"{near(r'drugged|coerced|coercion|coercive|against (?:her|his|their) will|without (?:her|his|their) consent', r'sex|sexual|intercourse|sex scenes?', 5)}"
            rf"|{near(r'forced|pressured|blackmailed', r'(?:to have |into )?(?:sex|sexual)', 3, both=False)}",
            1.3,
            MODERATE,
        ),
    ),
    "violence": _cues(
        # Sexual and domestic violence are topics of their own, not fighting.
        (
            r"(?<!sexual )(?<!domestic )(?<!partner )violence|violent|ultra-?violent|ultraviolence",
            1.0,
            MODERATE,
        ),
        (
            # Slasher and creature-feature harm: what is done to the victims
            r"scalps?|scalped|skins? (?:her|him|them|a \w+) alive|taken apart|(?:on|goes on) a rampage|rampages?|rampaging|"
            r"maul(?:s|ed|ing)|clawed (?:open|to death|apart)|slaughter(?:s|ed|ing)?|massacres?|massacred|butcher(?:s|ed|ing) (?:her|him|them|people|victims)",
            1.0,
            MODERATE,
        ),
        (
            r"shoot-?outs?|gun ?fights?|gun ?battles?|firefights?|gunplay|gunfire|shot dead|shoots? (?:him|her|them|dead)|shot and killed",
            1.0,
            MODERATE,
        ),
        (
            r"shot (?:through|in) the (?:head|chest|back|face|stomach|leg)|shot at close range|(?:is|are|was|were|gets|get) shot|burn(?:s|ed|t)? alive|set on fire|burned to death|(?:beaten|bludgeoned|stabbed|strangled|kicked|hacked|shot) to death|beat(?:s)? (?:him|her|them) to death",
            1.1,
            SEVERE,
        ),
        (
            r"headshots?|body counts?|carnage|bloodbath|massacres?|slaughter(?:s|ed|ing)?|mow(?:s|ed|ing)? (?:them|him|her|down)",
            1.0,
            SEVERE,
        ),
        (
            r"murders?|murdered|murdering|murderous|killings?|shootings?|serial killer|assassinations?|executions?|executed|electric chair",
            1.0,
            MODERATE,
        ),
        (
            r"(?<!nearly )(?<!almost )killed|(?<!nearly )(?<!almost )kills|kill|killers?|hit ?m[ae]n|assassins?|shoots?|fir(?:es|ed|ing) (?:a gun|shots?|at|on)|gunn(?:ing|ed) down|machine-?gunn(?:ing|ed)|opens? fire",
            0.8,
            MODERATE,
        ),
        (
            r"stab(?:s|bed|bing|bings)?|knife fights?|knifings?|machetes?|swords? fights?|beheads?|strangl(?:es|ed|ing)|hacks? (?:at|through|off)|slash(?:es|ed|ing)",
            1.0,
            MODERATE,
        ),
        (
            r"beat(?:s|en)? (?:him|her|them|up|to death)|beatings?|brawls?|fist ?fights?|fights?|fighting|punch(?:es|ed)|hand-to-hand|martial arts|combat|(?<!panic )(?<!heart )(?<!asthma )(?<!headache )(?<!migraine )(?<!anxiety )(?<!seizure )attack(?:s|ed|ing)?|bludgeon(?:s|ed)?|maul(?:s|ed|ing)|smash(?:es|ed) (?:his|her|their)|battles?|riots?|collisions?|explodes|explode|car crash(?:es)?|crash scenes?|wreckage|decapitat(?:es|ed|ion)|stabbings?",
            0.6,
            MODERATE,
        ),
        (
            r"bullets?|guns?|shotguns?|rifles?|pistols?|firepower|flamethrowers?|explosions?|blows? up|blown up|ax(?:e)?-?wielding|axes?|knife|knives|blades?|hammer|grenades?",
            0.4,
            MILD,
        ),
        (
            r"war violence|battle scenes?|battlefield|deadly|lethal|bloody (?:battles?|fights?|shoot-?outs?|violence)",
            0.6,
            MODERATE,
        ),
        (
            r"fight (?:scenes?|sequences?|choreography)|sword ?fights?|swordplay|kung[- ]fu|(?:final|climactic|big|huge|epic|aerial|space|sword|monster|"
            r"massive|last|closing|bloody|brutal|giant|street) (?:battles?|showdowns?)(?! (?:over|of)\b)|(?:drops?|dropped|throws?|threw|thrown|hurls?|hurled|"
            r"push(?:es|ed)?|flings?|flung|tosses|tossed) (?:\w+ ){0,4}?to (?:her|his|their|its) deaths?",
            1.0,
            MODERATE,
        ),
        (
            r"(?:the|its) (?:\w+ )?fights|dog ?fights?|dog-?fighting|aerial combat|air battles?|hurt(?:ing)? (?:each other|one another)|"
            r"(?:hurting|injuring) themselves|(?:crush\w*|grinds?|ground|stomp\w*|trampl\w*) (?:\w+ ){0,5}?underfoot|"
            r"trampl(?:es|ed|ing) (?:to death|him|her|them)|(?:is|are|gets?) trampled|dragged screaming|"
            r"(?:dragged|drags?|yanked|pulled) (?:\w+ ){0,4}?by (?:her|his|their|the) (?:ankles?|feet|hair|legs?|throat|neck)",
            0.8,
            MILD,
        ),
        (r"swords?|spears?|crossbows?", 0.4, MILD),
    ),
    "gore": _cues(
        (
            r"gore|gory|gruesome|grisly|splatter|viscera|entrails|intestines|(?:guts|innards|organs) (?:spill(?:ing)?|spilled|hanging)|disembowel(?:s|ed|ment)?|dismember(?:s|ed|ment)?|decapitat(?:es|ed|ion|ions)",
            1.2,
            SEVERE,
        ),
        (
            r"severed (?:heads?|limbs?|hands?|fingers?|arms?|legs?|tongue)|mutilat(?:es|ed|ion)|body horror|impal(?:es|ed|ing)|gouge[sd]?|flayed|exploding heads?|cuts? out (?:his|her|their) own|extracts? [\w\s']{0,25}teeth|pulls? out [\w\s']{0,15}teeth",
            1.2,
            SEVERE,
        ),
        (
            r"(?:a lot of|lots of|plenty of|so much|gallons of|oceans of|rivers? of|torrents? of|sprays? of|geysers? of|jets? of|"
            r"litres of|liters of|a sea of|spurts? of|gouts? of) blood|"
            r"blood-?soaked|blood-?spattered|blood-?splattered|buckets of blood|fountains? of blood|pools? of blood|covered in blood|drenched in blood|soaked in blood|splattered with blood|spattered with blood|(?:blood|gore) (?:gush(?:es|ing)?|flows|flowing|sprays|spurts|pours|floods)|elevator of blood|burst of red",
            1.1,
            MODERATE,
        ),
        (
            r"bloody|blood|bleed(?:s|ing)?|bled|wounds?|gash(?:es)?|open wounds?|broken bones?|broken legs?|bones? (?:crack|snap)|rotting|burns|burned|charred|bite marks?",
            0.5,
            MILD,
        ),
        (
            r"corpses?|dead bodies|bodies|body parts|the body|a body|stacks of (?:frozen )?bodies|piles of bodies|burns? alive|burned alive|burning alive",
            0.8,
            MILD,
        ),
        (
            rf"{near(_BODY, _INJURY, 2)}|blowtorch|drills? (?:into|through)|eye hanging out",
            1.2,
            SEVERE,
        ),
        (
            r"(?:a little|some|a bit of|a trickle of|a few drops of|a smear of|a splash of|a spot of) blood|bloodied|bloodies|"
            r"broken (?:nose|noses|jaw|ribs|neck|necks|bones?)|(?:snaps?|snapped|snapping|breaks?|breaking|broke) (?:his|her|their|a man's|a woman's) "
            r"(?:neck|jaw|spine)|cadavers?|dissections|dissection (?:scenes?|table)",
            0.8,
            MILD,
        ),
    ),
    "torture": _cues(
        (r"tortur(?:e|ed|es|ing|er|ers)|torture porn|waterboard(?:ed|ing)?|tortured", 1.3, MODERATE),
        (
            rf"{near(_RESTRAINED, _HURT_CAPTIVE, 3, both=False)}|"
            r"enhanced interrogation|(?:pulls?|pulled|pulling|rips?|ripped|tears?|tore) (?:out|off) (?:his |her |their |the |a |an )?(?:\w+'s )?(?:finger|toe)?nails|electrocut(?:es|ed|ion)|branded with|prolonged (?:pain|suffering|agony)|electric shocks?|electrodes|hung (?:up )?by (?:his|her|their) wrists|pliers|sadistic|sadism|extracts? [\w\s']{0,25}teeth",
            1.0,
            SEVERE,
        ),
    ),
    "language": _cues(
        (
            r"profanity|profane|swearing|swear ?words|swears(?! (?:revenge|vengeance|to|that|allegiance|by|off|on|never|loyalty|fealty|an? (?:blood )?(?:oath|vow))\b)|curse ?words|cursing|expletives?|obscenit(?:y|ies)|strong language",
            1.2,
            MODERATE,
        ),
        (
            r"f-?bombs?|f-?words?|the f word|c-?words?|four-letter words|foul[- ]mouthed|salty language|colou?rful language|vulgarity|vulgar language|crude language|crude (?:humou?r|jokes|dialogue)|bleeped",
            1.2,
            MODERATE,
        ),
        (
            r"some language|mild language|brief language|occasional (?:swearing|cursing)|rude words|name-calling",
            1.0,
            MILD,
        ),
        (
            r"cuss(?:es|ed|ing|words?)?|swore (?:at|like)|(?:they|he|she|children|cast|everyone|men|women|people|\w+s) swear\b(?! (?:by|to|that|allegiance|revenge|vengeance|off|on|in|never|it|this|i|an? (?:blood )?(?:oath|vow))\b)",
            1.2,
            MODERATE,
        ),
        (
            r"(?:coarse|crude|foul|explicit|salty|bad|rough|filthy|vulgar|obscene|profane|blue|sexual|adult|choice|ripe|harsh)"
            r"(?:,? (?:and )?(?:sexual|crude|coarse|strong|foul|explicit))? language|"
            rf"{near(r'language|dialogue|vocabulary', r'foul|filthy|coarse|obscene|vulgar|profane|unprintable|x-rated|salty|relentless|ugly|harsh|nonstop|non-stop', 6, both=False)}|"
            r"curse (?:constantly|nonstop|non-stop|freely|relentlessly|a lot|like sailors|throughout|at each other)|obscene (?:insults?|jokes?|gestures?|rants?|tirades?|abuse)",
            1.2,
            MODERATE,
        ),
    ),
    "substances": _cues(
        (
            r"drug use|drug addicts?|drug addiction|drug dealers?|drug dealing|drug lords?|drug trade|deals? in drugs|drugs|drugged|narcotics",
            1.1,
            MODERATE,
        ),
        (
            r"cocaine|heroin|meth|methamphetamine|crack cocaine|crack pipe|crystal meth|fentanyl|opioids?|opiates?|ketamine|lsd|ecstasy|mdma|marijuana|cannabis|weed-smoking|junkies?",
            1.2,
            MODERATE,
        ),
        (
            r"overdos(?:e|es|ed|ing)|ods on|shoots? up|snort(?:s|ed|ing)?|inject(?:s|ed|ing) (?:heroin|drugs)|stoned|high on (?!life|its own|style)|gets? high|getting high|pills",
            1.1,
            MODERATE,
        ),
        (
            r"drunk(?:en)?|drunks|drinking|drinker|drinks heavily|heavy drinker|binge[- ]drink(?:s|ing)?|alcoholi(?:c|cs|sm)|alcohol|booze|boozing|boozy|hungover|hangover|intoxicated|tipsy|wasted on",
            1.0,
            MILD,
        ),
        (r"spiked drinks?|spikes? (?:her|his) drink|roofie[sd]?|date[- ]rape drugs?", 1.3, MODERATE),
        (
            r"beers|beer bottles|drinks? beer|tequila|vodka|whisk(?:e)?y|bourbon|liquor|shots of (?:tequila|vodka|whisk(?:e)?y|rum|gin)|"
            r"pass(?:es|ed|ing)? (?:around )?a joint|(?:a|the) joint (?:and|is passed|gets passed)",
            0.9,
            MILD,
        ),
        (
            r"smok(?:es|ing|ed) (?:a )?(?:cigarettes?|cigars?|joints?|pot|crack|weed|a pipe|opium)|chain-?smok(?:es|ing|er)|cigarettes?|vap(?:es|ing)|smoking|"
            r"hookahs?|bongs?|opium|cigars?|pipe-smoking|puff(?:s|ing)? (?:on|at|out of) (?:a |his |her |their )?(?:cigar|cigarette|pipe|hookah|joint)s?",
            0.8,
            MILD,
        ),
        (r"addicts?|addiction|addicted|rehab|withdrawal", 0.9, MODERATE),
    ),
    "frightening": _cues(
        (
            r"jump[- ]scares?|terrifying|terrified|frightening|horrifying|nightmarish|nightmare fuel|scariest|scary|scares|dread|menac(?:e|ing)|horror film|horror movie",
            1.1,
            MODERATE,
        ),
        (
            r"horror|creepy|spooky|eerie|unsettling|disturbing|sinister|chilling|petrif(?:ying|ied)|nightmares?|ghost story|ghostly|séance|seance|haunted|haunting images?",
            0.8,
            MODERATE,
        ),
        (
            r"ghosts?|demons?|demonic|possess(?:ed|ion)|monsters?|zombies?|creatures?|vampires?|werewol(?:f|ves)|the undead|slasher|stalks|stalking|screams?|screaming",
            0.5,
            MILD,
        ),
        (
            r"intense scenes?|intense sequences?|tense scenes?|peril|frightened|startling|shocking imagery|disturbing images?|disturbing imagery",
            0.7,
            MILD,
        ),
        (
            r"frighten(?:s)?|(?:may|might|will|could|would|can) (?:(?!not\b|never\b)\w+ )?(?:scare|terrify|traumati[sz]e) (?:\w+ ){0,2}?(?:young|little|small|younger|sensitive|kids|children|viewers)",
            0.8,
            MILD,
        ),
    ),
    "animal_harm": _cues(
        (
            rf"animal (?:cruelty|abuse|death|deaths)|{near(_ANIMAL, _HARM_PASSIVE, 8, both=False, stop=_PEOPLE)}|"
            # "turns on the family dog, Bugsy, and kills it"
            rf"{near(_ANIMAL, r'(?:kills?|killed|strangles?|strangled|drowns?|drowned|shoots?|shoot|shot|stabs?|stabbed|poisons?|poisoned|crush(?:es|ed)|mutilates?|mutilated|skins?|skinned|eats?|ate) (?:it|him|her)', 10, both=False, stop=_PEOPLE)}",
            1.4,
            MODERATE,
        ),
        (rf"{near(_HARM_ACTIVE, _ANIMAL, 3, both=False)}", 1.3, MODERATE),
        (
            rf"bursts? (?:out )?(?:of|from) (?:the |a |an |his |her |its |their )?(?:\w+'s )?{_ANIMAL}|death of (?:the |a |his |her |their )?{_ANIMAL}|{_ANIMAL}'?s? death|dead {_ANIMAL}|{_ANIMAL} carcass(?:es)?|hunting scenes?|"
            # A live animal killed or eaten, not "crates of live snakes".
            rf"(?:eats?|ate|eating|swallows?|swallowed|bites?|bit|decapitat\w+|kills?|killed|skins?|skinned|boils?|boiled) "
            rf"(?:\w+ ){{0,3}}?(?:a |an |the |some )?live {_ANIMAL}|"
            rf"live {_ANIMAL} (?:\w+ ){{0,2}}?(?:are |is |being |get |gets )?(?:killed|eaten|decapitated|skinned|boiled|burned|set on fire)",
            1.2,
            MODERATE,
        ),
        (
            r"(?:has|have|had|puts?|putting) (?:the |a |his |her |their |an )?(?:old |sick |family |beloved )?(?:dog|cat|horse|pet|pony|animal)s? "
            r"(?:put )?(?:down|to sleep)|animal (?:experiments?|experimentation|testing)|experiments? on (?:animals|dogs|monkeys|rats|mice|apes|chimps)|"
            r"vivisect(?:ion|ed|s|ing)|roadkill",
            1.2,
            MODERATE,
        ),
        (
            # Rabies is an animal's slow death sentence; a mercy killing is nearly always an animal's.
            r"rabies|rabid (?:dogs?|animals?|wol(?:f|ves)|fox(?:es)?|bats?|raccoons?|coyotes?)|hydrophobia|"
            r"(?:end|ends|ended|ending) (?:its|the animal's|the dog's|the horse's) (?:suffering|misery)|put (?:it|the animal|the dog|the horse) out of (?:its|his|her) misery",
            1.0,
            MODERATE,
        ),
    ),
    "child_harm": _cues(
        (
            r"child abuse|abused as a child|child endangerment|child death|infanticide|child murder|child soldiers?|children in peril|child trafficking|child molest(?:er|ation)|does not spare children|doesn'?t spare (?:the )?children|"
            r"(?:kids|children|child|boys|girls)[- ]in[- ](?:danger|peril|jeopardy)|(?:small|tiny|little) (?:coffins?|caskets?)",
            1.5,
            SEVERE,
        ),
        # Children as the audience ("for many children their first encounter with death") are not
        # children in the film.
        (rf"{near(_CHILD_IN_FILM, _CHILD_HARM, 6)}", 1.3, SEVERE),
        (
            rf"{_CHILD} (?:\w+ ){{0,4}}?(?:is|are|was|were|gets?|becomes?) (?:\w+ )?(?:hospitali[sz]ed|rushed to hospital|poisoned|possessed)|possessed {_CHILD}",
            1.3,
            SEVERE,
        ),
        (
            rf"(?:death|murder|abuse|killing|kidnapping|abduction|drowning|loss) of (?:a |the |his |her |their |two |three )?(?:young |little )?{_CHILD}",
            1.4,
            SEVERE,
        ),
    ),
    "suicide_self_harm": _cues(
        (
            r"suicides?|suicidal|commits? suicide|committed suicide|attempted suicide|suicide attempts?",
            1.5,
            MODERATE,
        ),
        (
            r"found (?:hanging|hanged) (?:in|from|by)|(?:overdose|overdoses|overdosed) (?:on|of) (?:pills|aspirin|sleeping pills|painkillers)|"
            r"(?:swallows|swallowed|takes|took) (?:a |an )?(?:handful|bottle|fistful) of (?:pills|sleeping pills|aspirin|painkillers)",
            1.3,
            MODERATE,
        ),
        (
            r"(?:killed|kills|kill|killing|shoots?|shot|hangs?|hanged|hanging) (?:her|him|them)sel(?:f|ves)|took (?:her|his|their) own lives?|takes? (?:her|his|their) own li(?:fe|ves)|end(?:s|ed)? (?:her|his|their) (?:own )?life|slit (?:her|his|their) wrists",
            1.5,
            MODERATE,
        ),
        (
            r"self[- ]harm(?:ing)?|self[- ]injur(?:y|ies)|cuts? (?:her|him)self|cutting (?:her|him)self|self-mutilation|self-punishment|"
            r"(?:shoots?|shot|kills?|killed|stabs?|stabbed) (?:\w+ ){1,4}?(?:and )?then (?:turns the gun on )?(?:him|her|them)sel(?:f|ves)",
            1.5,
            MODERATE,
        ),
        (
            r"assisted (?:suicide|death|dying)|mercy killing|(?:asks?|begs?|pleads? with) (?:\w+ ){0,2}?to (?:end|take) (?:her|his|their) (?:own )?life|"
            r"help(?:s|ed|ing)? (?:her|his|their|him) (?:\w+ ){0,3}?(?:mother|father|wife|husband|mom|dad|mum|partner|friend) (?:to )?die|"
            r"(?:gun|rifle|pistol|revolver|shotgun|barrel) (?:in|into|to) (?:his|her|their) (?:own )?(?:mouth|head|temple)|turns? the gun on (?:him|her|them)sel(?:f|ves)|(?:walks?|walked|wades?|waded) (?:out )?into the (?:night|sea|water|river|ocean|snow) to die|wants? to die|(?:doesn'?t|does not) want to live|jumps? to (?:his|her|their) death|(?:jumps?|jumped|leaps?|leapt) (?:off|from) (?:a|the) (?:bridge|roof|rooftop|building|cliff|balcony|ledge)|overdoses? (?:deliberately|on purpose|intentionally)",
            1.3,
            MODERATE,
        ),
    ),
    "domestic_abuse": _cues(
        (
            r"domestic (?:abuse|violence)|spousal abuse|intimate partner violence|wife-?beat(?:er|ing)|battered (?:wife|woman|women)|coercive control",
            1.5,
            SEVERE,
        ),
        (
            r"abusive (?:husband|wife|partner|father|mother|dad|mom|boyfriend|girlfriend|parents?|marriage|relationship|stepfather|stepmother|home|household)",
            1.4,
            MODERATE,
        ),
        (
            rf"{near(_PARTNER, _ABUSE, 2, both=False)} {_FAMILY_OBJ}|{_PARTNER} (?:who )?(?:beats|abuses|hits|batters|rapes|terrori[sz]es) (?:her|him|them)",
            1.4,
            SEVERE,
        ),
        (
            r"abused by (?:her|his|their) (?:husband|wife|partner|father|mother|parents?|boyfriend|stepfather)|gaslight(?:s|ing|ed)|"
            r"(?:slapping|beating|hitting|punching|choking|strangling|abusing|battering|kicking|whipping|terrori[sz]ing) (?:his|her|their) (?:own )?(?:wife|husband|partner|girlfriend|boyfriend|kids|children|sons?|daughters?|mother|father|family)|"
            rf"{_KIN_HOME} {_BATTERS} (?:the|his|her|their) (?:own )?(?:kids|children|boys|girls|sons?|daughters?|family|household|wife|husband)",
            1.2,
            MODERATE,
        ),
        (
            rf"(?:her|his|their) (?:own )?(?:abusive |violent |drunken |drunk |alcoholic )?{_KIN_HOME}[\w\s,'’]{{0,80}}? {_BATTERS} (?:her|him|them)\b(?! (?:at|to|all|both|easily|soundly)\b)|"
            rf"abuse (?:from|by|at the hands of) (?:her|his|their) (?:own )?{_PARTNER}|marital (?:rape|violence|abuse)|"
            r"violent (?:husband|father|stepfather|boyfriend|partner|marriage|home|household|ex-husband|ex-boyfriend)",
            1.3,
            MODERATE,
        ),
        (
            r"cruel (?:mother|father|parents|stepmother|stepfather|husband|wife)|(?:marriage|relationship) (?:turns|becomes|grows|is|was|turned|became) (?:\w+ )?(?:abusive|violent)|"
            rf"{_KIN_HOME}(?: and (?:her |his |their )?\w+)? (?:is|are|was|were|becomes|turns|grows) (?:[\w-]+,? (?:and,? )?){{0,3}}?(?:cruel|abusive|violent|vicious|tyrannical|neglectful)",
            1.0,
            MILD,
        ),
    ),
    "captivity": _cues(
        (
            r"kidnap(?:s|ped|ping|pings|per|pers)?|abduct(?:s|ed|ion|ions|or|ors)|held (?:captive|hostage|prisoner)|hostages?|taken hostage|captives?|captivity",
            1.3,
            MODERATE,
        ),
        (
            r"(?:tied|bound) and gagged|gagged and (?:bound|tied)|(?:kept|held|led|marched) (?:away )?in chains|"
            r"(?:held|kept|locked|penned|caged|herded) (?:up )?in cages|cages (?:full of|crammed with) (?:people|refugees|prisoners|children|migrants)",
            1.1,
            MODERATE,
        ),
        (
            rf"{near(r'(?:locked|held|chained|caged|trapped|imprisoned|confined|shut|kept|walled|dragged|drags?|thrown|bundled)', r'(?:room|cell|cellar|basement|cage|box|attic|bunker|shed|tank|dungeon|pit|prison room|livestock|captive|prisoner|asylum|van|trunk|car boot|crate|cells|car|house|canyon|cave|mine|elevator|lift|closet|coffin|tunnels?|well)', 5, both=False)}|"
            r"pinned (?:\w+ ){0,3}?(?:against|under|beneath)|buried alive",
            1.1,
            MODERATE,
        ),
        (
            r"chained (?:up|to)|tied up|bound and gagged|imprison(?:s|ed|ment)|held against (?:her|his|their) will|strapped to a (?:chair|bed|table)|tied to a (?:chair|bed)",
            1.1,
            MODERATE,
        ),
        (
            r"captur(?:es|ed) (?:her|him|them|[A-Z][\w-]+) alive|restrained|solitary confinement|caged|"
            r"jailed|(?:thrown|sent|goes|went|ends up) (?:in|into|to) (?:jail|prison)|behind bars",
            0.8,
            MILD,
        ),
        (
            r"lock(?:s|ed|ing)? (?:her|him|them|herself|himself|themselves) (?:up|away|in (?:a|an|the|his|her|their) (?!embrace|hug|kiss|stare|gaze|battle|struggle|duel|marriage)\w+)|"
            r"locked up|(?:is|was|are|were|gets?|been) locked away|"
            r"ti(?:es|ed|e|ing) (?:her|him|them) (?:up|to (?:a|the|his|her) (?:chair|bed|table|post|tree|stake|pole|radiator|pipe|railing|tracks?))|"
            r"strap(?:s|ped|ping)? (?:her|him|them) (?:down|to (?:a|the) \w+)|strapped down|(?:is|are|was|were|become|becomes) "
            r"(?:effectively |essentially |virtually |now |all )?(?:prisoners|a prisoner|captives|a captive)(?! of)|"
            r"(?:detention|internment|prison|labou?r|pow|concentration) camps?|prisoners? of war|chain gang|prison (?:work )?gang|"
            r"committed to (?:a |an |the )?(?:psychiatric (?:ward|hospital|institution|facility)|mental (?:hospital|institution|asylum)|asylum)",
            1.0,
            MILD,
        ),
        (
            r"(?:is|are|was|were|gets?|got|been|being|or) captured(?=\s*(?:[.,;:!?)]|$|by\b|and\b|or\b|again\b|alive\b|early\b|while\b|when\b|after\b|in the (?:first|opening)\b))",
            0.9,
            MILD,
        ),
    ),
    "death_grief": _cues(
        (
            r"grief|grieving|griev(?:e|es|ed)|mourn(?:s|ing|ed)?|bereave(?:d|ment)|widow(?:ed|er|s)?|funerals?|orphaned|the sheer number of the dead|mass graves?",
            1.1,
            MODERATE,
        ),
        (
            rf"(?:death|loss|murder|killing|suicide|passing) of (?:her|his|their|a|the|one'?s) (?:own )?(?:beloved |only |best |young )?{_KIN}",
            1.3,
            MODERATE,
        ),
        (
            rf"{near(_KIN, _DEATH_AFTER, 6, both=False)}|{near(_PERSON, _DEATH_AFTER, 5, both=False)}",
            1.2,
            MODERATE,
        ),
        (
            rf"{near(_DEATH, _KIN, 3, both=False)}|(?:deaths?|loss) of (?:two |three |several |a |the |his |her )?{_PERSON}|nobody survives|father figure is lost",
            1.2,
            MODERATE,
        ),
        (
            rf"(?:her|his|their|my) late (?:beloved |best )?{_KIN}|(?:death|loss|murder|killing) of one of (?:the|his|her|their) (?:\w+ ){{0,2}}?(?:{_KIN}|{_PERSON})|"
            r"(?:who|which) (?:later |soon |eventually |then |finally |also |promptly )?(?:dies|died|is killed|was killed|gets killed|is murdered|passes away|passed away|"
            r"does not survive|doesn'?t survive)|(?:is|are|was|were|gets?|got|been) killed off|assisted (?:suicide|death|dying)|mercy killing|"
            rf"kill(?:s|ed|ing)? off (?:the |a |its |his |her |their |two |three |several |most of the |one of the )?(?:\w+ ){{0,2}}?(?:characters?|hero|heroine|survivors|leads?|cast|favou?rites?|protagonists?|{_KIN})|"
            r"(?:has|have|had|given|with) (?:only |just |about |barely )?(?:[\w-]+ ){0,2}?(?:hours|days|weeks|months|a year) (?:left )?to live|"
            rf"(?:lost|loses|losing) (?:her|his|their) (?:beloved |only |best |young )?{_KIN}|painful loss|loss of a loved one|(?:her|his|their|a|the) (?:beloved |young )?(?:mother|father|mom|mum|dad|wife|husband|son|daughter|brother|sister|child|partner|fianc[ée]e?|best friend|friend|parents)'s? (?:sudden |untimely |recent |tragic |violent )?(?:death|suicide|murder|passing|funeral)|departed (?:pal|friend|wife|husband|mother|father)|dead (?:wife|husband|mother|father|son|daughter|brother|sister|friend)|outliv(?:es|ing|ed) everyone",
            1.1,
            MODERATE,
        ),
    ),
    "mass_violence": _cues(
        (
            r"genocide|massacres?|war crimes?|atrocit(?:y|ies)|ethnic cleansing|holocaust|concentration camps?|mass (?:shooting|murder|killing|graves?|executions?)|school shooting",
            1.5,
            SEVERE,
        ),
        (
            r"(?:fire|fires|fired|firing|shoot|shoots|shooting) (?:\w+ )?into (?:the |a )?crowds?|(?:mow|mows|mowed|mowing|gun|guns|gunned|gunning) down (?:\w+ )?(?:crowds|civilians|villagers|protesters|refugees|prisoners)",
            1.3,
            SEVERE,
        ),
        (
            r"terroris(?:m|ts?)|terror attacks?|bombings?|suicide bomb(?:er|ing)s?|car bombs?|slaughter of (?:villagers|civilians|innocents)|civilians (?:are )?(?:killed|slaughtered|massacred|executed)",
            1.3,
            SEVERE,
        ),
        (
            r"(?:war|war-movie|battlefield|wartime) carnage|carnage of war|firing squads?|executions of (?:prisoners|civilians)|war (?:scenes|violence|horrors?)|trench warfare|horrors of war|battlefield carnage|sailors (?:being )?(?:taken|eaten|killed)|dachau|auschwitz|death camps?|camp guards|gas attacks?|atrocity film|riots?|pogroms?|sectarian violence|ethnic violence",
            1.1,
            MODERATE,
        ),
    ),
    "hate": _cues(
        (
            r"racial slurs?|racist slurs?|slurs?|n-?word|homophobic slurs?|ethnic slurs?|epithets?|hate speech|f-?slur",
            1.4,
            MODERATE,
        ),
        (
            r"racism|racist|racially charged|homophob(?:ia|ic)|transphob(?:ia|ic)|anti-?semit(?:ism|ic)|bigot(?:ry|ed|s)?|xenophob(?:ia|ic)|misogyn(?:y|istic)|hate crimes?|anti-(?:muslim|semitic|jewish|black|gay|immigrant|asian|mexican)|racial (?:abuse|violence|hatred|tension)|racially motivated|white supremac(?:y|ist|ists)|ku klux klan|kkk|lynch(?:ing|ings|ed)|neo-?nazis?|nazi (?:salutes?|propaganda|ideology|imagery|symbols?|slogans?|rall(?:y|ies)|speeches)|swastikas?|segregation|jim crow|prejudice",
            1.2,
            MODERATE,
        ),
    ),
    "medical": _cues(
        (
            r"needles?|syringes?|injections?|surger(?:y|ies)|surgical|operating table|amputat(?:es|ed|ion)|stitch(?:es|ed) (?:up )?(?:a |the |his |her )?wound|autops(?:y|ies)|medical procedures?|lanc(?:es|ing)",
            1.1,
            MODERATE,
        ),
        (
            r"terminal(?:ly)? ill(?:ness)?|terminal (?:cancer|diagnosis)|cancer|chemotherapy|chemo|dying of|life support|in a coma|hospital (?:bed|beds|ward|wards|room|corridors)|dementia|alzheimer'?s|(?<!mental )illness|(?<!mental )disease|infections?|tumou?rs?|diagnos(?:is|ed)|hospitali[sz]ed|paraly[sz]ed|gangren(?:e|ous)|paralysis|heart attack|stroke|coughs?|coughing|fever|sores|plague|transfusion|medical|amputees?|hiv(?:-positive)?|aids|ailing|hypothermia|losing (?:her |his )?hair|labou?r and delivery|gives? birth|giving birth|birth scenes?|childbirth|c-section|broken legs?|"
            r"quadripleg(?:ic|ia)|parapleg(?:ic|ia)|tetrapleg(?:ic|ia)|pneumonia|life-support|ventilators?|dialysis|intensive care|ultrasound|"
            r"bandag(?:es|ed)|field hospital|feeding tube|hospice|wheelchair-bound|the vet (?:can|could)",
            0.9,
            MILD,
        ),
    ),
    "pregnancy_loss": _cues(
        (
            r"(?:death|murder|killing|drowning) of (?:\w+ ){0,5}?pregnant|(?:drowned|dead|murdered|slain) pregnant|"
            r"pregnant (?:\w+ )?(?:woman|women|wife|wives|mother|girlfriend|teenager|girl)(?:,? who)? (?:is |was |are |were )?(?:killed|murdered|shot dead|dies|died|drowns|drowned)|"
            r"(?:baby|child|foetus|fetus) (?:is |was )?(?:cut|delivered|born|removed|taken) (?:\w+ ){0,6}?(?:dead|stillborn|lifeless)|born dead|"
            r"miscarr(?:y|ies|iage|iages|ied)|stillb(?:irth|irths|orn)|pregnancy loss|los(?:es|t|ing) (?:her|the|their) (?:unborn )?baby|dies in childbirth|died (?:in|giving) (?:childbirth|birth)|death in childbirth|loses the pregnancy|there will be no baby|can(?:no|')t have (?:a baby|children)",
            1.5,
            SEVERE,
        ),
    ),
    "mental_illness": _cues(
        (
            r"mental illness|mentally ill|psychosis|psychotic (?:break|episode)|schizophreni(?:a|c)|bipolar|ptsd|post-?traumatic stress|shell[- ]shock(?:ed)?|eating disorders?|anorexi(?:a|c)|bulimi(?:a|c)",
            1.3,
            MODERATE,
        ),
        (
            r"mental (?:hospital|institution|asylum|ward|health facility)|psychiatric (?:hospital|ward|institution|facility|unit|clinic)|"
            r"shock (?:treatment|therapy)|insane asylum|lunatic asylum",
            1.1,
            MODERATE,
        ),
        (
            r"asylum|psychiatric (?:hospital|ward|institution|facility|care)|institutionali[sz]ed|nervous breakdown|mental breakdown|delusions?|delusional|panic attacks?|depression|depressive|ocd|dissociat(?:ive|ion)",
            1.0,
            MODERATE,
        ),
        (
            # A hallucination is as often a film's vision sequence or a drug's effect as a symptom:
            # on its own it is not enough ("she appears in a hallucination"); it adds to others.
            r"hallucinat(?:es|ions?|ing)",
            0.3,
            MODERATE,
        ),
        (
            r"padded cells?|strait-?jackets?|straightjackets?|electroshock|electro-?convulsive|lobotom(?:y|ies|i[sz]ed)|"
            r"committed to (?:a |an |the )?(?:psychiatric|mental|asylum)|(?:her|his|their) (?:mental )?unravell?ing|unravell?ing (?:mind|sanity|psyche)|"
            r"mental (?:collapse|decline|unravell?ing|deterioration|health (?:crisis|struggles?|issues|problems))|"
            r"(?:loses|losing|lost) (?:her|his|their) (?:grip on )?(?:sanity|reason)|sanity (?:slips|unravels|crumbles|frays)|"
            r"(?:diagnos(?:e|es|ed)|pronounc(?:e|es|ed)|declar(?:e|es|ed)|deem(?:s|ed)?) (?:her|him|them) (?:as )?(?:hysterical|insane|mad|mentally ill)|"
            r"goes mad|going mad|gone mad|madness|insanity|losing (?:his|her|their) mind|lost (?:his|her|their) mind|unhinged|paranoi(?:a|d)",
            1.0,
            MODERATE,
        ),
    ),
    "photosensitivity": _cues(
        (
            r"strob(?:e|es|ing|oscopic)(?: lights?| effects?)?|flashing lights?|flashing images|rapid(?:ly)? flash(?:es|ing)|flicker(?:s|ing)? (?:lights?|effects?|images)|epilep(?:sy|tic)|photosensitiv(?:e|ity)|seizure warnings?",
            1.5,
            MODERATE,
        ),
    ),
    "phobia": _cues(
        (
            r"needle-?phob(?:ia|ic|es)|(?:trypano|ophidio|claustro|acro|emeto|coulro|entomo|thalasso|h(?:a)?emo|aqua|cyno)phob(?:ia|ic|ics|es)|"
            r"fear of (?:needles|blood|spiders|snakes|water|drowning|clowns|rats|insects|enclosed spaces|confined spaces|flying|deep water|sharks)|"
            r"spiders?|tarantulas?|arachnophob(?:ia|ic|es)|snakes?|serpents?|sharks?|insects?|cockroach(?:es)?|swarms? of (?:rats|bees|insects|locusts)|rats|centipedes?|maggots|leeches|scorpions?|giant worms?|clowns?|claustrophob(?:ia|ic)|tight spaces|buried alive|drown(?:s|ed|ing)|fear of heights|deep water|afraid of (?:the )?water",
            1.0,
            MODERATE,
        ),
    ),
    "gross_out": _cues(
        (
            r"defecat(?:es|ed|ing|ion)|soil(?:s|ed|ing) (?:himself|herself|themselves|the bed)|bed-?soiling|(?:worst|filthy|overflowing|clogged) toilets?|"
            r"(?:filthy|overflowing|clogged|stinking|reeking|fetid) latrines?|latrine pits?|sewage|food poisoning|"
            r"disgusting (?:set ?pieces?|scenes?|sequences?|moments?|gags?|bits?|images?)|(?:most|truly|genuinely) disgusting|"
            r"grotesque(?:ly)? (?:slurp\w*|chewing|eating|swelling)|drinks? (?:the |his |her )?(?:bath ?water|water from the (?:drain|bath|toilet))|toilet (?:humou?r|gags?|jokes)|stomach-?(?:turning|churning)|gag-?inducing|"
            r"gross,? (?:\w+ )?(?:sequences?|scenes?|moments?|bits?|images?|set pieces?)|covered (?:from )?(?:head to toe )?in (?:filth|excrement|sewage|vomit|slime|muck)|"
            r"pus-filled|turns? black with infection|"
            r"vomit(?:s|ed|ing)?|throw(?:s|ing)? up|threw up|puk(?:e|es|ed|ing)|projectile|fe?ces|faeces|excrement|poop|diarrh(?:o)?ea|urin(?:e|ates?|ating)|pee(?:s|ing)|snot|bodily fluids|gross-?out|fart(?:s|ing)?|pus|rotting (?:flesh|corpses?|food)|grossest|weeping sores|oozing",
            1.2,
            MODERATE,
        ),
    ),
    "sad_ending": _cues(
        (
            r"(?:sad|tragic|bleak|downbeat|devastating|heartbreaking|gut-?wrenching|unhappy|crushing|saddest|bleakest|most (?:tragic|devastating|heartbreaking)) endings?|ending is (?:sad|tragic|bleak|devastating|heartbreaking|crushing)|no happy ending|doesn'?t end (?:well|happily)|does not end (?:well|happily)|ends (?:in|with|on) (?:death|tragedy|loss|defeat|a funeral|(?:a |his |her )(?:death|suicide))",
            1.5,
            MODERATE,
        ),
        (
            r"dies (?:at|in) the end|(?:is|are|gets?) killed (?:at|in) the end|by the end,? (?:\w+ )?(?:is |are )?dead|final scene[^.]{0,40}(?:dies|death|grave|funeral)",
            1.5,
            MODERATE,
        ),
        (rf"{near(_ENDING, _SAD, 6, both=False, stop=_UNLESS)}", 1.1, MODERATE),
        (
            r"(?:no|not an?|never an?|nor an?|hardly an?|far from an?|anything but an?|without an?|denied an?|den(?:ies|y) (?:us |them |her |him )?an?|"
            r"refus(?:es|ing) (?:us |them )?an?|forget (?:about )?an?|(?:do not|don'?t|won'?t|will not|shouldn'?t|should not|can'?t|cannot|nobody|no one|never) "
            r"(?:\w+ ){0,7}?(?:expects?|gets?|finds?|hopes? for|counts? on|looks? for|ha(?:ve|s)|be) an?|(?:doesn'?t|does not|didn'?t|did not) (?:have|get|give (?:us |you )?|"
            r"offer|deliver|earn|end (?:with|in|on)|come with|go for) an?) happy ending|happy ending (?:it is not|it isn'?t|this is not|this isn'?t)",
            1.5,
            MODERATE,
        ),
        (
            r"(?:the|its|whose|the film'?s|the movie'?s) (?:\w+ )?(?:ending|final scene|last scene|finale|final act|last act|final shot|final image|"
            r"closing scene|final reel|last reel)\b[^.;:!?]{0,90}?\b(?:is|was|feels|proves|remains|lands|plays) (?:as )?(?:(?!(?:not|never|hardly|anything|far|less|neither|nor|no)\b)\w+ ){0,3}?"
            r"(?:heartbreaker|heartbreaking|devastating|tragic|sad|saddest|bleak|bleakest|crushing|gutting|gut-?wrenching|shattering|harrowing|"
            r"downbeat|grim|hopeless|tear-?jerker|tear-?jerking|wrenching|despairing|mournful)|"
            r"(?:shattering|devastating|heartbreaking|tragic|bleak|gut-?wrenching|crushing|tear-?jerking|wrenching|grim|downbeat|mournful|"
            r"despairing|sad|saddest|gutting) (?:last|final|closing) (?:scene|shot|act|moments?|minutes|image|reel)|"
            r"(?:ends?|closes?|concludes?|finishes?) (?:\w+ ){0,2}?on (?:a|an) (?:\w+ )?(?:sad|tragic|bleak|devastating|downbeat|heartbreaking|"
            r"crushing|grim|sombre|somber|mournful|despairing|hopeless|bitter|melancholy|dark) note|"
            r"(?:nobody|no one|none of them) (?:survives|makes it out|gets out alive|lives to tell|is left alive)|everyone dies|"
            r"(?:almost|nearly) (?:everyone|everybody)(?: \w+){0,4}? (?:dies|is dead|is killed)|"
            r"(?:dies|die|is killed|are killed|gets killed|perishes|(?:does not|doesn'?t) survive) (?:in|at|during) the (?:finale|climax|final (?:act|scene|battle|reel|moments|minutes))|"
            r"(?:littered|strewn|piled) with (?:bodies|corpses|the dead) (?:by|at|in) the end(?! of)",
            1.3,
            MODERATE,
        ),
        (
            # An ending that gives no comfort: "a finale in which the curse finishes its business in the
            # most nihilistic way", "the ending … refuses to comfort you", "the ending is not a rescue".
            r"(?:ending|finale|final act|last act|last scene|final scene|final shot|last shot)\b[^.;:!?]{0,100}?\b"
            r"(?:nihilistic|hopeless(?! romantics?)|despairing|merciless|cruellest|cruelest)\b|"
            r"(?:ending|finale|last scene|final scene|final shot|last shot)\b[^.;!?]{0,140}?\b(?:refuses|declines|won'?t|will not) "
            r"(?:to )?(?:comfort|console|reassure|offer (?:any |us |you )?(?:comfort|consolation|hope|relief))"
            r"(?: you| us| anyone| the audience| the viewer)?|"
            r"(?:ending|finale) (?:is|offers|brings) (?:not an?|no) (?:rescue|reprieve|consolation|comfort|way out|escape)\b",
            1.2,
            MODERATE,
        ),
        (
            r"bittersweet (?:ending|final scene|finale|last scene|conclusion|coda)|ending is bittersweet|"
            r"(?:ends|closes|finishes) (?:at|on|beside|by|with) (?:a |the |his |her |their )?(?:deathbed|grave|graveside|funeral|coffin)",
            1.0,
            MILD,
        ),
    ),
}


@functools.cache
def _split_top(pattern: str) -> tuple[str, ...]:
    """Split a pattern at its top-level "|" (cached like `_atoms`: group bodies recur)."""
    parts, depth, buf, i = [], 0, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            buf.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            j = pattern.index("]", i + 1)
            buf.append(pattern[i : j + 1])
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return tuple(parts)


@functools.cache
def _atoms(seq: str) -> tuple[tuple[str, str], ...]:
    """Split a pattern without a top-level "|" into (atom, quantifier) pairs: a character, an
    escape, a class, or a whole group."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(seq)

    def class_end(k: int) -> int:
        k += 1
        if k < n and seq[k] == "^":
            k += 1
        if k < n and seq[k] == "]":
            k += 1
        while seq[k] != "]":
            k += 2 if seq[k] == "\\" else 1
        return k

    while i < n:
        ch = seq[i]
        if ch == "\\":
            j = i + 2
        elif ch == "[":
            j = class_end(i) + 1
        elif ch == "(":
            depth, k = 0, i
            while True:
                c = seq[k]
                if c == "\\":
                    k += 2
                    continue
                if c == "[":
                    k = class_end(k) + 1
                    continue
                depth += c == "("
                depth -= c == ")"
                if depth == 0:
                    break
                k += 1
            j = k + 1
        else:
            j = i + 1
        atom, i = seq[i:j], j
        q = ""
        if i < n and seq[i] in "?*+":
            q, i = seq[i], i + 1
        elif i < n and seq[i] == "{":
            k = seq.index("}", i)
            q, i = seq[i : k + 1], k + 1
        if q and i < n and seq[i] in "?+":
            q, i = q + seq[i], i + 1
        out.append((atom, q))
    return tuple(out)


def _kind(atom: str) -> str:
    """zero (width), group, letter (part of a word), gap (ends a word) or unknown."""
    if atom in ("\\b", "^", "$") or atom.startswith(("(?=", "(?!", "(?<=", "(?<!")):
        return "zero"
    if atom.startswith("("):
        return "group"
    if atom.startswith("["):
        body = atom[1:-1].replace("\\s", "").replace("\\-", "").replace("\\.", "")
        if body.startswith("^") or re.search(r"\\[wWdDS]|[A-Za-z0-9_'’]", body):
            return "unknown"
        return "gap"
    if atom == "\\s":
        return "gap"
    if atom.startswith("\\"):
        return "gap" if len(atom) == 2 and not atom[1].isalnum() else "unknown"
    if atom == ".":
        return "unknown"
    return "letter" if atom.isalnum() or atom in "_'’" else "gap"


def _optional(q: str) -> bool:
    return q.startswith(("?", "*")) or q.startswith("{0")


def _group_body(atom: str) -> str:
    return atom[3:-1] if atom.startswith("(?:") else atom[1:-1]


def _class_chars(atom: str) -> str | None:
    r"""Return the characters of a small class of lower-case letters and digits ("\d", "[1-9]", "[sz]")."""
    if atom == "\\d":
        return "0123456789"
    m = re.fullmatch(r"\[((?:[a-z0-9]-[a-z0-9]|[a-z0-9])+)\]", atom)
    if not m:
        return None
    chars = "".join(
        "".join(map(chr, range(ord(a), ord(b) + 1))) if a else one
        for a, b, one in re.findall(r"([a-z0-9])-([a-z0-9])|([a-z0-9])", m.group(1))
    )
    return chars if len(chars) <= 12 else None


@functools.cache
def _first_stems(atoms: tuple[tuple[str, str], ...], acc: str = "") -> frozenset[str] | None:
    """Return the stems (first three letters, or a shorter word whole) the first word of any
    match of `atoms` can have, as the scan reads words; None if unknown.

    Cached (like `_atoms`): the cues' alternations share long tails, and
    deriving every cue's triggers uncached took over a second at each import."""
    if len(acc) >= 3:
        return frozenset((acc[:3],))
    if not atoms:
        # The cue ends here; a short word may still be followed by "'s" in the text.
        return frozenset((acc, acc + "'")) if acc else None
    (atom, q), rest = atoms[0], atoms[1:]
    kind = _kind(atom)
    if kind == "zero":
        return _first_stems(rest, acc)
    chars = _class_chars(atom)
    if chars is not None:
        # A digit or two, one of a few letters ("\d{1,2}-year-old", "1[0-7]"): every spelling.
        counts = {"": (1,), "?": (0, 1), "{1,2}": (1, 2), "{2}": (2,)}.get(q)
        if counts is None:
            return None
        spelled: set[str] = set()
        for k in counts:
            for picked in itertools.product(chars, repeat=k):
                got = _first_stems(rest, acc + "".join(picked))
                if got is None:
                    return None
                spelled |= got
        return frozenset(spelled)
    out: set[str] = set()
    if _optional(q):
        skipped = _first_stems(rest, acc)
        if skipped is None:
            return None
        out |= skipped
    repeated = q not in ("", "?", "??")
    if kind == "gap":
        taken = (
            (frozenset((acc,)) if acc else _first_stems(rest, ""))
            if not repeated or not acc
            else frozenset((acc,))
        )
    elif kind == "letter" and not repeated:
        taken = _first_stems(rest, acc + atom.lower().replace("’", "'"))
    elif kind == "group" and not repeated:
        union: set[str] = set()
        for alt in _split_top(_group_body(atom)):
            got = _first_stems(_atoms(alt) + rest, acc)
            if got is None:
                return None
            union |= got
        taken = frozenset(union)
    else:
        return None
    return None if taken is None else frozenset(out | taken)


def _alternatives(cue: Cue) -> tuple[str, ...]:
    """Return the top-level alternatives of a cue's pattern (without the word-boundary wrapping)."""
    return _split_top(cue.source[len(_LOOKBEHIND) + 3 : -len(")(?![\\w])")])


# Where a cue's match can begin: a word character or an apostrophe with no word character
# before it; the lookahead reads the word's first three characters from there, all a stem needs
# (overlapping: "don't" gives "don" and "t").
_STARTS = re.compile(r"(?<!\w)(?=([\w'’]{1,3}))")
# Letters the regex engine, ignoring case, takes for an ASCII letter of a cue: "ſ" is "s", "ı" is "i".
_FOLDED = str.maketrans({"ı": "i", "ſ": "s", "’": "'"})


def _stem_of(word: str) -> str:
    """Return a word's stem as `_first_stems` spells cue words: three letters, lower case (each
    letter as the regex engine lowers it: "İ" is "i")."""
    head = word[:3]
    if head.isascii():
        return head.lower()
    return "".join(c.lower()[:1] for c in head).translate(_FOLDED)


_WORDISH_CLASS = re.compile(r"\[(?:[A-Za-z0-9_'’]|[A-Za-z0-9]-[A-Za-z0-9]|\\[wd])+\]")


def _word_start(atoms: tuple[tuple[str, str], ...]) -> bool:
    """Return whether every match of `atoms` begins with a word character or an apostrophe."""
    if not atoms:
        return False
    (atom, q), rest = atoms[0], atoms[1:]
    kind = _kind(atom)
    if kind == "zero":
        return _word_start(rest)
    if kind == "letter" or atom in ("\\w", "\\d") or _WORDISH_CLASS.fullmatch(atom):
        here = True
    elif kind == "group":
        here = all(_word_start(_atoms(alt) + rest) for alt in _split_top(_group_body(atom)))
    else:
        return False
    return here and (not _optional(q) or _word_start(rest))


def _later_word(atoms: tuple[tuple[str, str], ...]) -> frozenset[str] | None:
    """Return the stems a later word of every match has (the last word the pattern requires,
    right after a required gap: "scenes" in "sex scenes?", the second list of a "near" cue), or
    None when there is no such word. A match begins that word where the scan reads a word, after
    the match's first, so no match starts where none of these stems follows."""
    for k in range(len(atoms) - 1, 0, -1):
        (gap, gap_q), (atom, q) = atoms[k - 1], atoms[k]
        if _kind(gap) != "gap" or gap_q not in ("", "+") or q or _kind(atom) == "zero":
            continue
        if _word_start(atoms[k:]) and (stems := _first_stems(atoms[k:])) is not None:
            return stems
    return None


class _CueScan:
    """Every alternative of every cue, keyed by the stem of the word its matches begin with.

    Per topic and stem, one pattern holds the alternatives whose matches can begin with a word of
    that stem (and those whose first word cannot be told), in the order of the topic's full
    pattern: heavier cues first, each cue's alternatives as written. A sentence is read word start
    by word start; at each, the pattern of that word's stem is tried there, for each topic that
    has one, and a match moves the topic on to its end. That is how the full alternation reads
    the sentence (leftmost place first, there the first alternative that matches, then on from its
    end), so the scan finds exactly what the full pattern would, without trying some nine hundred
    alternatives at every position. The patterns are a fixed set, compiled once each.

    In a sentence where no gate opened (nearly all), an alternative that requires a later word
    (`_later_word`: "scenes" in "sex scenes?") is a pattern of its own, skipped at a word start
    that no word of those stems follows; the topic's other alternatives stay together. Tried in
    order, the pieces still give the first alternative that matches.
    """

    def __init__(self, topics: dict[str, list[Cue]]) -> None:
        self._topics = topics
        self._by_stem: dict[str, dict[str, list[tuple[int, int]]]] = {}
        self._anywhere: dict[str, list[tuple[int, int]]] = {}  # first word unknown
        self._alts: dict[str, dict[int, tuple[str, ...]]] = {}
        self._rank: dict[str, dict[int, int]] = {}
        self._needs: dict[tuple[str, int, int], frozenset[str]] = {}  # see `_later_word`
        for topic, cues in topics.items():
            order = sorted(range(len(cues)), key=lambda i: -cues[i].weight)
            self._rank[topic] = {i: r for r, i in enumerate(order)}
            self._alts[topic] = {i: _alternatives(cue) for i, cue in enumerate(cues)}
            for i, alts in self._alts[topic].items():
                for j, alt in enumerate(alts):
                    atoms = _atoms(alt)
                    if not _word_start(atoms):
                        raise ValueError(f"a {topic} cue can match from a non-word character: {alt!r}")
                    needs = _later_word(atoms)
                    if needs is not None:
                        self._needs[(topic, i, j)] = needs
                    stems = _first_stems(atoms)
                    if stems is None:
                        self._anywhere.setdefault(topic, []).append((i, j))
                        continue
                    for stem in stems:
                        self._by_stem.setdefault(stem, {}).setdefault(topic, []).append((i, j))
        # The alternatives without a first word are tried at every word start, but only in a
        # sentence where they match somewhere: one search decides that, and only in a sentence
        # with the later words they all need ("swear" in "\w+s swear"), when they need one.
        self._gates = {
            topic: self.compile(topic, self._ordered(topic, ij)) for topic, ij in self._anywhere.items()
        }
        self._gate_needs = {
            topic: frozenset().union(*(self._needs[(topic, i, j)] for i, j in ij))
            for topic, ij in self._anywhere.items()
            if all((topic, i, j) in self._needs for i, j in ij)
        }
        self._at: dict[
            tuple[str, frozenset[str]], list[tuple[str, Callable[[str, int], re.Match[str] | None]]]
        ] = {}
        # By stem alone, for sentences where no gate opened (nearly all of them): per topic, its
        # alternatives in pieces, each with the stems a sentence needs for it to match.
        self._closed: dict[str, list[tuple[str, list[tuple[frozenset[str] | None, _Match]]]]] = {}
        self._pieces: dict[tuple[str, tuple[tuple[int, int], ...]], _Match] = {}

    def _ordered(self, topic: str, picked: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        rank = self._rank[topic]
        return sorted(set(picked), key=lambda ij: (rank[ij[0]], ij[1]))

    def _patterns_at(
        self, stem: str, opened: frozenset[str]
    ) -> list[tuple[str, Callable[[str, int], re.Match[str] | None]]]:
        """Return (topic, pattern's match) to try where a word of this stem begins, when the
        topics in `opened` have their first-word-less alternatives in play."""
        key = (stem if stem in self._by_stem else "", opened)  # words no cue begins with share ""
        got = self._at.get(key)
        if got is None:
            by_topic = self._by_stem.get(key[0], {})
            got = self._at[key] = [
                (topic, self.compile(topic, self._ordered(topic, picked)).match)
                for topic in self._topics
                if (picked := [*by_topic.get(topic, ()), *(self._anywhere[topic] if topic in opened else ())])
            ]
        return got

    def _pieces_at(self, stem: str) -> list[tuple[str, list[tuple[frozenset[str] | None, _Match]]]]:
        """Return, per topic with alternatives for this stem, its pattern in pieces: each
        alternative that needs a later word alone (with the stems it needs), the others together.
        Tried in order, skipping a piece whose word does not follow in the sentence, they match
        what the topic's pattern for the stem matches: the first alternative that matches there."""
        out = []
        by_topic = self._by_stem[stem]
        for topic in self._topics:
            picked = by_topic.get(topic)
            if not picked:
                continue
            pieces: list[tuple[frozenset[str] | None, _Match]] = []
            run: list[tuple[int, int]] = []
            for i, j in self._ordered(topic, picked):
                needs = self._needs.get((topic, i, j))
                if needs is None:
                    run.append((i, j))
                    continue
                if run:
                    pieces.append((None, self._piece(topic, tuple(run))))
                    run = []
                pieces.append((needs, self._piece(topic, ((i, j),))))
            if run:
                pieces.append((None, self._piece(topic, tuple(run))))
            out.append((topic, pieces))
        return out

    def _piece(self, topic: str, picked: tuple[tuple[int, int], ...]) -> _Match:
        got = self._pieces.get((topic, picked))
        if got is None:
            got = self._pieces[(topic, picked)] = self.compile(topic, picked).match
        return got

    def scan(self, sentence: str) -> list[tuple[str, list[re.Match[str]]]]:
        """Return, per topic with a match, the matches the topic's full pattern would find, in
        order (a match's `lastgroup` is "c<cue>_<alternative>")."""
        found: dict[str, list[re.Match[str]]] = {}
        resume: dict[str, int] = {}
        words: list[tuple[int, str]] = []  # where each word begins, and its stem
        for start in _STARTS.finditer(sentence):
            head = start.group(1)
            words.append((start.start(), head.lower() if head.isascii() else _stem_of(head)))
        present = {stem for _, stem in words}
        opened = frozenset(
            topic
            for topic, gate in self._gates.items()
            if self._may_need(self._gate_needs.get(topic), present) and gate.search(sentence)
        )
        if opened:
            for at, stem in words:
                for topic, match in self._patterns_at(stem, opened):
                    if at >= resume.get(topic, 0) and (m := match(sentence, at)) is not None:
                        found.setdefault(topic, []).append(m)
                        resume[topic] = max(m.end(), at + 1)
            return [(topic, found[topic]) for topic in self._topics if topic in found]
        by_stem, closed = self._by_stem, self._closed
        # The stems of this word and the words after it: a later word an alternative needs is
        # among them (kept up to date as the scan moves on).
        last = {stem: n for n, (_, stem) in enumerate(words)}
        ahead = set(present)
        for n, (at, stem) in enumerate(words):
            if n and last[words[n - 1][1]] == n - 1:
                ahead.discard(words[n - 1][1])  # the previous word's stem comes no more
            topics = closed.get(stem)
            if topics is None:
                if stem not in by_stem:
                    continue
                topics = closed[stem] = self._pieces_at(stem)
            for topic, pieces in topics:
                if at < resume.get(topic, 0):
                    continue
                for needs, match in pieces:
                    if needs is not None and needs.isdisjoint(ahead):
                        continue  # (what `_may_need` says, inline: the scan's innermost loop)
                    m = match(sentence, at)
                    if m is not None:
                        if topic in found:
                            found[topic].append(m)
                        else:
                            found[topic] = [m]
                        resume[topic] = max(m.end(), at + 1)
                        break
        return [(topic, found[topic]) for topic in self._topics if topic in found]

    @staticmethod
    def _may_need(needs: frozenset[str] | None, present: set[str]) -> bool:
        """Return whether a sentence with words of these stems may hold what needs one of `needs`."""
        return needs is None or not needs.isdisjoint(present)

    def compile(self, topic: str, picked: Sequence[tuple[int, int]]) -> re.Pattern[str]:
        """Return the pattern of the given (cue, alternative) pairs of a topic, in that order."""
        alts = self._alts[topic]
        inner = "|".join(f"(?P<c{i}_{j}>(?:{alts[i][j]})(?![\\w]))" for i, j in picked)
        return re.compile(_LOOKBEHIND + "(?:" + inner + ")", re.I)

    def full(self, topic: str) -> re.Pattern[str]:
        """Return the topic's pattern with every alternative (what `scan` narrows)."""
        rank = self._rank[topic]
        every = [(i, j) for i in sorted(rank, key=rank.__getitem__) for j in range(len(self._alts[topic][i]))]
        return self.compile(topic, every)


_WORDS = re.compile(r"[\w']+")
_SCAN = _CueScan(TOPIC_CUES)


def _stems(sentence: str) -> set[str]:
    """Return each word's first three letters, and short words whole (triggers under 3 letters
    stand for a whole word: "f" in "f-bombs", "in" in "in the buff")."""
    out: set[str] = set()
    for word in _WORDS.findall(sentence.lower()):
        out.add(word[:3])
        if word[:1].isdigit():
            out.add(word[:1])
    return out


# Phrases in which a cue word is a figure of speech, or the page's business, not the film's content.
_FIGURATIVE = (  # a pattern read by `_Triggered`, which compiles it in pieces
    r"killer (?:soundtrack|score|app|performances?|lines?|cast|chemistry|look|instinct|views?|combo|ending|opening|twist|tunes?|beats?|hooks?|smile|outfits?|heels|jokes?|moves?|pacing|premise|concept|finale|cameo|"
    r"comedy|comedies|movie|film|script|screenplay|turn|role|debut|sequel|soundtrack|set ?pieces?|punchline|riff|montage)"
    r"|(?:died|dying|die|dead|killing me) (?:laughing|of laughter|from laughter|of boredom|of embarrassment)|(?:dying|died) to (?:see|watch)|to die for|drop[- ]dead"
    r"|(?:bored|bores? (?:me|you|us)) to (?:death|tears)|scared (?:me )?to death|blood(?:bath)? at the box office|box[- ]office (?:bomb|poison|suicide|massacre|bloodbath|carnage|disaster|gross|grosses|hit|flop)"
    r"|bomb(?:ed|s)? at the box office|(?:car crash|train ?wreck|dumpster fire|hot mess) of a|(?:is|was|a|an absolute|a total|a complete) (?:car crash|train ?wreck|dumpster fire)"
    r"|sex appeal|sexy|sex symbol|explosive (?:chemistry|performances?|finale|energy|start|debut|laughter)|cry into (?:your|their|his|her|my|our) \w+"
    r"|drug of a (?:film|movie|show)|like a drug|addictive|torturous(?:ly)?|(?:is|was|pure|sheer|absolute) torture\b|torture to (?:sit|watch|endure)|torturing (?:the )?(?:audience|viewers?)"
    r"|kill(?:s|ed|ing)? (?:it|time|the mood|the momentum|the vibe|the pacing|the tension|the joke|the fun)|murder(?:ed|s)? (?:the|a) (?:song|role|line|karaoke)"
    r"|shot (?:in|on) (?:film|location|digital|35mm|70mm|imax|16mm|an iphone)|shoot(?:ing)? (?:in|on) (?:film|location)|(?:shooting|shot) (?:schedule|script|list)|principal photography"
    r"|(?:one|long|tracking|camera|opening|closing|wide|establishing|final|overhead|aerial|drone|money|single)[- ]shots?|shot[- ]for[- ]shot|shot-reverse-shot|the shots? (?:is|are|of)"
    r"|(?:bloody|blood) (?:good|brilliant|hell|marvell?ous|great|awful|fantastic|lovely|minded)|dead(?:pan|line|locked|ly serious|ly dull|ly boring|ly earnest)|dead (?:serious|on|ringer|end|weight|air|set on)"
    r"|gut[- ]punch(?:ing)?|punch ?lines?|knock ?out (?:performance|turn)|blew (?:me|us) away|blown away|assault on the senses|a shot of adrenaline|take a stab|stab at|shot at (?:redemption|glory|love|fame|the title)"
    r"|high (?:hopes|points?|stakes|concept|school|notes?|bar|praise|marks)|intoxicating|gross(?:ed|es)? (?:\$|over|more|less|about|nearly)|(?:box[- ]office|worldwide|domestic) gross"
    r"|fight(?:s|ing)? for (?:justice|her|his|their|that|the|love|survival|freedom|rights|what)|fight the power|battle of (?:wits|the sexes|wills|the bands)|uphill battle|battles? with (?:cancer|addiction|depression|grief)"
    r"|war of words|price war|culture wars?|bite the bullet|dodge(?:d|s)? a bullet|bullet points?|silver bullet|in the crosshairs|new blood|bad blood|blue blood|first blood|in cold blood|blood(?:line|lines|lust|hound)"
    r"|blood,? sweat and tears|naked ambition|naked truth|the naked eye|overdose of (?:sentiment|cheese|style|nostalgia|sugar|schmaltz)|suicide mission|suicide squad|career suicide|commercial suicide"
    r"|(?:logistical|production|marketing|pr) nightmare|nightmare (?:to|of a) (?:watch|sit|shoot|production)|monster (?:hit|budget|success)|drinking game|drunk on (?:its own|power|style|nostalgia)|high on (?:its own|life|style)"
    r"|spiked (?:hair|with humou?r|with wit)|sick (?:beats|burn)|(?:my|our) (?:heart|jaw) (?:died|dropped)|jaw-?dropping|hair-?raising stunts|hangover from|killjoy|lady-?killer|pain-?killers? of a"
    r"|(?:horror|gore)[- ]?(?:fans|hounds|veterans|icon|legend|maestro|auteur|director|label|studio)|(?:fans|lovers) of (?:horror|gore)|torture porn (?:genre|cycle|era)"
    r"|(?:haunting|eerie|creepy) (?:score|soundtrack|melody|music|theme|beauty|performance|song)|scary (?:good|talented)|frighteningly (?:good|talented|real|relevant)|disturbingly (?:good|relevant|real)"
    r"|the (?:violence|brutality) of (?:a |an )(?:ticked|angry|rabid|furious)|sexual tension|flash(?:es|ing)? (?:back|forward)|flashbacks?|camera flash|flash of (?:brilliance|wit|humou?r)"
    r"|(?:an )?ax(?:e)? to grind|machete don'?t text|to kill a mockingbird|killer whales?|hit the ground running|overkill"
    r"|(?:charged|accused|suspected|convicted|acquitted|on trial|tried) (?:with|of|for) (?:murder|killing|manslaughter)|murder (?:trial|case|mystery|charge|investigation|suspects?)"
    r"|autopsy of (?:a|an|the|their|his|her) (?!body|corpse)\w+|less \w+ than (?:a|an) \w+|(?:thinner|thicker|dumber|flatter|emptier|sillier|colder|drier) than (?:a|an|the) [^.;]{0,60}"
    r"|(?:is|are|was|were) a killer\b|(?:is|are|was|were) (?:absolutely |just |pretty |so )?killer\b(?! whales?)|shoots? (?:the|a|his|her|their) (?:film|movie|scene|scenes|footage|sequel|picture|pilot)|shot for (?:about )?(?:\$|\d|a|an|under|less|fifteen|ten|twenty)"
    r"|depression-era|the great depression|the depression|heart-?stopping|nail-?biting"
    r"|shoots? (?:it|everything|the whole thing) (?:all )?(?:plainly|simply|beautifully|handheld|in|on|with|like|as)\b"
    r"|(?:delicious|exquisite|sweet|pleasurable|lovely|pleasant) (?:kind of |sort of )?torture"
    r"|(?:pleasant|harmless|friendly|gentle|genial|polite|cheerful|jolly|bloodless|good-natured)(?: enough)? (?:bloodbath|massacre|slaughter|carnage)"
    r"|(?:emotions?|feelings?|memories|secrets?|grief|anger|rage|joy|sadness|anxiety|fears?|desires?|hearts?)"
    r"(?: (?:are|is|were|was|get|gets|got|being|been|kept))? (?:tied up|locked (?:up|away)|bottled up|imprisoned|caged|held captive)"
)


class _Triggered:
    """A large alternation (ignoring case) split by the first letters of its alternatives, so that
    a search only runs the alternatives whose first word appears in the text."""

    def __init__(self, pattern: str) -> None:
        groups: dict[str, list[str]] = {}
        heads: dict[str, set[str]] = {}
        always: list[str] = []
        for alt in _split_top(pattern):
            atoms = _atoms(alt)
            starts = _first_stems(atoms)
            if starts is None:
                always.append(alt)
                continue
            for stem in starts:
                groups.setdefault(stem, []).append(alt)
                # How its matches begin: a stem's letters, or (when the alternative can begin
                # elsewhere than with a word) anywhere.
                heads.setdefault(stem, set()).update(
                    (s.rstrip("'") for s in starts) if _word_start(atoms) else ("",)
                )
        self._by_stem = {stem: re.compile("|".join(alts), re.I) for stem, alts in groups.items()}
        self._always = re.compile("|".join(always), re.I) if always else None
        # A group's pattern is tried only where one of its heads begins, when every head is two
        # or more ASCII letters (a digit stem stands for any digit, a one-letter one for many places).
        self._heads = {
            stem: tuple(sorted(got))
            for stem, got in heads.items()
            if all(len(h) >= 2 and h.isascii() and h.replace("'", "").isalpha() for h in got)
        }

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return where the alternation matches the text: each group's matches, as its `finditer`
        would find them."""
        out: list[tuple[int, int]] = []
        folded: str | None = None
        for stem in _stems(text):
            pattern = self._by_stem.get(stem)
            if pattern is None:
                continue
            heads = self._heads.get(stem)
            if heads is None:
                out.extend(m.span() for m in pattern.finditer(text))
                continue
            # The same as `finditer`, tried only where a match can begin: the letters of a head,
            # as the engine compares them ignoring case (`caseless` keeps every character in place).
            folded = folded if folded is not None else caseless(text).replace("’", "'")
            starts: set[int] = set()
            for head in heads:
                at = folded.find(head)
                while at != -1:
                    starts.add(at)
                    at = folded.find(head, at + 1)
            end = 0
            for at in sorted(starts):
                if at >= end and (m := pattern.match(text, at)) is not None:
                    out.append(m.span())
                    end = m.end()
        if self._always is not None:
            out.extend(m.span() for m in self._always.finditer(text))
        return out


_FIGURATIVE_T = _Triggered(_FIGURATIVE)
# The pattern analysis is done (it runs at import only): give its memory back.
for _cached in (_atoms, _first_stems, _split_top):
    _cached.cache_clear()

# Affirmations that look like negations.
_AFFIRM = re.compile(
    r"(?:doesn'?t|does not|don'?t|do not|never|not|won'?t) (?:shy|shies|shying) away from|not shy about|no shortage of|not for the (?:squeamish|faint[- ]hearted|faint of heart|easily (?:disturbed|offended|upset))"
    r"|not without|no stranger to|(?:doesn'?t|does not|never) hold back|no holds barred|pulls? no punches|(?:doesn'?t|does not|never) skimp|not (?:afraid|scared) (?:of|to)|nothing (?:is )?left to the imagination"
    r"|leaves (?:little|nothing) to the imagination|not (?:just|only|merely)|no less|not least",
    re.I,
)
_NEGATORS = re.compile(
    r"\b(?:no|not|never|without|zero|nothing|none|nobody|no one|all but|nor|neither|lacks?|lacking|devoid of|free of|absent|spares? (?:us|viewers|the audience)|spared|avoids?|instead of|rather than|isn'?t any|aren'?t any|there'?s no|there is no|minus|sans|barely any|hardly any|little to no|cannot|(?:does|do|did|is|are|was|were|wo|ca|could|would|has|have)n'?t)\b",
    re.I,
)
_AFTER_NONE = re.compile(
    r"^\s*(?:[:\-–—]|is|are|was|were)?\s*(?:none|nothing|n/?a|zero|nil|not an issue|absent|negligible|non-?existent)\b"
    r"|^\s*(?:is|are|was|were)\s+(?:not|never)\s+(?:depicted|shown|seen|on ?screen|dramati[sz]ed|included)",
    re.I,
)
_POST_NEGATION = re.compile(
    r"^\W*(?:none|nothing|n/?a|no|not an issue|not a concern|absent|zero|nil)\b|\b(?:is|are|was|were) (?:absent|nowhere to be (?:found|seen)|not an issue|kept off-?screen entirely|non-?existent)\b",
    re.I,
)
_HYPOTHETICAL = Gated(
    re.compile(
        r"\bif you(?:'re| are)? (?:go in )?(?:expecting|expect|hoping for|hope for|looking for|want(?:ing)?|after|in the mood for|came for|come for|like)\b|\bdon'?t expect\b|\bdo not expect\b|\bexpect no\b|\byou won'?t find\b"
        r"|\bwould have (?:benefited|been|needed)\b|\bcould have used\b|\bneeded more\b|\bi wish(?:ed)?\b|\bimagine if\b|\bwhat if\b|\bin a (?:different|better) (?:film|movie)\b|\bthose hoping for\b|\banyone expecting\b",
        re.I,
    ),
    "if you|expect|t find|would have|could have used|needed more|i wish|imagine if|what if|in a different|in a better"
    "|hoping for",
)
_HYPO_LETDOWN = re.compile(
    r"\b(?:won'?t|will not|will be disappointed|look elsewhere|go back|not the (?:film|movie)|this isn'?t|isn'?t it|you'?ll have to|steer clear|not here|no luck|skip|is not|isn'?t|aren'?t|wrong (?:film|movie|place))\b",
    re.I,
)
_CLAUSE_SPLIT = re.compile(
    r"[;:—–()\[\]]|,\s*(?:but|though|although|while|whereas|yet)\b|\s(?:(?<!\ball\s)but|though|although|whereas)\s|\.\.\.|…"
)

_SEVERE_WORDS = Gated(
    re.compile(
        r"\b(?:graphic(?:ally)?|brutal(?:ly|ity)?|gruesome|grisly|relentless(?:ly)?|extreme(?:ly)?|harrowing|savage(?:ly)?|sadistic|horrific|"
        r"unflinching|vicious(?:ly)?|explicit(?:ly)?|prolonged|intense(?:ly)?|disturbing(?:ly)?|shocking(?:ly)?|merciless|unrelenting|"
        r"excruciating|bone-?crunching|wince-?inducing|stomach-?churning|lingering|close-?ups?|in detail|full-on|hard-?r|nc-17|"
        r"unsparing|gut-?wrenching|headshots?|body counts?|severe(?:ly)?|strong)\b",
        re.I,
    ),
    "graphic|brutal|gruesome|grisly|relentless|extreme|harrowing|savage|sadistic|horrific|unflinching|vicious|explicit"
    "|prolonged|intense|disturbing|shocking|merciless|unrelenting|excruciating|bone|wince|stomach|lingering|close"
    "|in detail|full-on|hard|nc-17|unsparing|gut|headshot|body count|severe|strong",
)
_MILD_WORDS = Gated(
    re.compile(
        r"\b(?:brief(?:ly)?|mild(?:ly)?|light|fleeting|cartoon(?:ish|y)?|slapstick|bloodless|non-?graphic|comic(?:al)?|kid-friendly|family-friendly|"
        r"a (?:few|couple of)|some|occasional(?:ly)?|minor|tame|restrained|kept to a minimum|passing|implied|off-?screen|pg|suggest(?:ed|ion)|"
        r"low-?key|not graphic|isn'?t graphic|rarely|little|sparing(?:ly)?|quick|short)\b",
        re.I,
    ),
    "brief|mild|light|fleeting|cartoon|slapstick|bloodless|graphic|comic|friendly|a few|a couple of|some|occasional"
    "|minor|tame|restrained|kept to a minimum|passing|implied|screen|pg|suggest|low|rarely|little|sparing|quick|short",
)
_MINIMISERS = Gated(
    re.compile(
        r"\b(?:rarely|hardly|barely|scarcely|minimal(?:ly)?|little|mostly off-?screen|very little|not much)\b",
        re.I,
    ),
    "rarely|hardly|barely|scarcely|minimal|little|screen|not much",
)
_SHOWN = Gated(
    re.compile(
        r"\b(?:on[- ]?screen|we see|we watch|shown|shows|depict(?:s|ed|ion)|graphic(?:ally)?|explicit(?:ly)?|in (?:full )?view|close-?ups?|lingers? on|camera (?:lingers|stays|holds)|in detail|on camera|full-?frontal|visible)\b",
        re.I,
    ),
    "screen|we see|we watch|show|depict|graphic|explicit|view|close|linger|camera|in detail|frontal|visible",
)
_MENTIONED = Gated(
    re.compile(
        r"\b(?:implied|off-?screen|offscreen|mentioned|referenced|references? to|discussed|talked about|alluded to|topics?|themes?|never shown|not shown|unseen|we don'?t see|"
        r"we never see|(?:is|are|was|were)n'?t shown|heard but not seen|backstory|told rather than shown|suggested|hints? (?:at|of)|recounts?|describes?)\b",
        re.I,
    ),
    "implied|screen|mentioned|reference|discussed|talked about|alluded to|topic|theme|shown|unseen|t see|never see|not seen|backstory|suggested|hint|recount|describe",
)
_UNSHOWN = re.compile(
    r"(?:\bnot|\bnever|n't|\brarely|\bbarely)\s+(?:\w+\s+)?$", re.I
)  # "never shown", "isn't shown"
_SPOILER = Gated(
    re.compile(
        r"\b(?:the ending|in the end|at the end|by the end|final (?:scene|act|moments|shot|twist|reel|minutes)|climax|twist|turns out|it'?s revealed|is revealed|reveal(?:s|ed)?|spoilers?|ultimately (?:dies|killed)|last (?:scene|act|shot))\b",
        re.I,
    ),
    "the end|final|climax|twist|turns out|reveal|spoiler|ultimately|last",
)
_QUOTED = re.compile(r"[“\"]([^”\"]{2,300})[”\"]")
_SWEARS = re.compile(
    r"\b(?:fuck\w*|motherfuck\w*|shit\w*|cunt|bitch\w*|bastard|asshole|dickhead|goddamn\w*|bullshit|piss(?:ed)? off)\b",
    re.I,
)
_READER_BEFORE = re.compile(r"\b(?:your|yours)\b(?:\s+\S+){0,2}\s*$", re.I)
_READER_AFTER = re.compile(r"^\s*(?:you|your|yourself|ya)\b", re.I)
_SIMILE_BEFORE = re.compile(
    r"\b(?:like|as if|as though|with the (?:precision|poise|flair|grace|brutality) of|the (?:artistic )?flair of)\b[^,.;]{0,60}$",
    re.I,
)
_LABEL_SEVERITY = re.compile(
    r"\b(none|mild|moderate|severe|heavy|strong|light|minimal|brief|some|frequent|extreme|intense|graphic)\b",
    re.I,
)
_LABEL_LEVELS = {
    "none": 0,
    "minimal": 1,
    "light": 1,
    "mild": 1,
    "brief": 1,
    "some": 1,
    "moderate": 2,
    "frequent": 2,
    "strong": 3,
    "heavy": 3,
    "severe": 3,
    "extreme": 3,
    "intense": 3,
    "graphic": 3,
}

_PARENTS_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"sexual violence|sexual assault|rape", re.I), "sexual_violence"),
    (re.compile(r"\bsex(?!ual violence)|sexual content|\bskin\b", re.I), "sex"),
    (re.compile(r"nudity|\bskin\b", re.I), "nudity"),
    (re.compile(r"violence", re.I), "violence"),
    (re.compile(r"gore|blood", re.I), "gore"),
    (re.compile(r"profanity|language|swearing", re.I), "language"),
    (re.compile(r"alcohol|drug|smok|substance", re.I), "substances"),
    (re.compile(r"frightening|intense|scary|scares", re.I), "frightening"),
]


def _parents_topics(heading: str) -> tuple[str, ...]:
    """Return the topics a parents'-guide heading names ("Violence & Gore" → violence, gore)."""
    if re.search(r"sexual violence|sexual assault|rape", heading, re.I):
        return ("sexual_violence",)
    return tuple(topic for pattern, topic in _PARENTS_WORDS[1:] if pattern.search(heading))


_UNSAID = re.compile(
    r"\b(?:rather than|instead of|not|never|isn'?t|aren'?t|wasn'?t|without|less|no|nothing|hardly|barely)\s+(?:\w+\s+)?$",
    re.I,
)


def _severe_in(text: str) -> bool:
    """Return whether an intensity word is present and not denied ("quick rather than lingering")."""
    return any(
        not _UNSAID.search(text[max(0, m.start() - 30) : m.start()]) for m in _SEVERE_WORDS.finditer(text)
    )


def _mild_in(text: str) -> bool:
    return any(
        not _UNSAID.search(text[max(0, m.start() - 30) : m.start()]) for m in _MILD_WORDS.finditer(text)
    )


@dataclass
class _Found:
    topic: str
    weight: float = 0.0
    severity: int = MILD
    label_severity: int | None = None
    evidence: list[tuple[float, str, str, str]] = field(
        default_factory=list
    )  # strength, sentence, kind, excerpt
    shown: bool = False
    mentioned: bool = False
    spoiler: bool = False
    # The severity the review's own note on this topic gives ("Violence: a cartoonish battle"),
    # when it has one: it outranks the topic's passing mentions elsewhere.
    designated: int | None = None


_PET = re.compile(
    r"\b(?:dogs?|pupp(?:y|ies)|cats?|kittens?|horses?|pon(?:y|ies)|pets?|hamsters?|rabbits?|bunn(?:y|ies)|parrots?)\b",
    re.I,
)
_DESIGNATED = 10.0  # added to the strength of evidence from a line the review gave to its topic
_LINE_LABEL = re.compile(r"^\W{0,4}([A-Za-z][\w &,/'-]{1,40}?)\W{0,3}:")


def _line_label(sentence: str) -> tuple[str, tuple[str, ...]]:
    """Return a line's parents'-guide label as it stands before the colon ("Frightening &
    intense") and the topics it names, or ("", ()) for a line without one."""
    m = _LINE_LABEL.match(sentence)
    if m is None:
        return "", ()
    topics = _parents_topics(m.group(1))
    return (sentence[: m.end() - 1], topics) if topics else ("", ())


def _clause_of(sentence: str, start: int, end: int, splits: Sequence[tuple[int, int]]) -> tuple[str, int]:
    """Return the clause around a match and the match's offset in it (`splits`: where
    `_CLAUSE_SPLIT` matches the sentence)."""
    left = max((b for _a, b in splits if b <= start), default=0)
    right = min((a for a, _b in splits if a >= end), default=len(sentence))
    return sentence[left:right], start - left


def _negated(clause: str, offset: int) -> bool:
    window = " ".join(clause[:offset].split()[-5:])
    return bool(_NEGATORS.search(window)) and not _AFFIRM.search(clause)


# The book a film adapts is another work ("Stephen King's novel ends with the child dead"): what
# happens in it counts, like another film's content, for less.
_OTHER_WORK = Gated(
    re.compile(
        r"\b(?:novel|book|short story|source material|original story|comic|graphic novel|play)(?:'s)? (?:\w+ ){0,2}?"
        r"(?:ends|ended|is (?:a |much |far )?(?:darker|harsher|bleaker|grimmer|different)|differs|kills|killed)\b",
        re.I,
    ),
    "novel|book|short story|source material|original story|comic|play",
)


def _hypothetical(sentence: str, clause: str, cue: tuple[int, int] | None = None) -> bool:
    """Return whether the clause is a hypothetical; words inside the cue's own match ("don't
    expect a happy ending") are the cue's meaning, not a hypothetical around it."""
    m = next(
        (h for h in _HYPOTHETICAL.finditer(clause) if cue is None or not (cue[0] <= h.start() < cue[1])),
        None,
    )
    if not m:
        return False
    if re.search(r"\bif you\b", m.group(0), re.I):
        rest = sentence[sentence.lower().find(m.group(0).lower()) + len(m.group(0)) :]
        return bool(_HYPO_LETDOWN.search(rest))
    return True


def _figurative(sentence: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Return whether the cue at [start, end) is part of a figure of speech (`spans`: where
    `_FIGURATIVE` matches the sentence) or speaks to the reader ("your jaw will drop")."""
    for a, b in spans:
        if a <= start < b or a < end <= b or (start <= a and b <= end):
            return True
    return bool(
        _READER_BEFORE.search(sentence[max(0, start - 40) : start])
        or _READER_AFTER.match(sentence[end : end + 12])
    )


def _in_quotes(sentence: str, start: int) -> bool:
    return any(m.start() < start < m.end() for m in _QUOTED.finditer(sentence))


def _trim(sentence: str, limit: int = 300) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def excerpt(sentence: str, start: int, end: int, limit: int = 240) -> str:
    """Return the sentence, or a window of it around [start, end) cut at word boundaries."""
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    half = (limit - (end - start)) // 2
    left = max(0, start - half)
    right = min(len(sentence), left + limit)
    left = max(0, right - limit)
    piece = sentence[left:right]
    if left > 0:
        piece = "…" + piece.split(" ", 1)[-1]
    if right < len(sentence):
        piece = piece.rsplit(" ", 1)[0] + "…"
    return piece


def _sentences(sections: Sequence[Section]) -> Iterable[tuple[str, Section]]:
    for sec in sections:
        for line in sec.text.split("\n"):
            for sentence in split_sentences(line):
                yield sentence, sec


def title_mask(titles: Iterable[str]) -> re.Pattern[str] | None:
    """Return a pattern for the reviewed film's own title(s): words in a title are not content
    ("Spider-Man 3", "Snakes on a Plane", "Into the Spider-Verse")."""
    pieces: set[str] = set()
    for title in titles:
        if not title:
            continue
        pieces.add(title)
        for part in re.split(r"\s*(?::|\s[-–—]\s)\s*", title):
            if len(part) > 3:
                pieces.add(part)
        pieces.update(w for w in re.findall(r"[\w]+(?:-[\w]+)+", title))
    if not pieces:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True)) + r")(?!\w)",
        re.I,
    )


_AGE = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen)-year-old"
)
_KID = r"(?-i:boy|kid|child|orphan|toddler|baby|infant|preteen|schoolboy|schoolgirl|youngster|tween)"
_NAME = (
    r"(?-i:[A-Z](?:[a-zà-öø-ÿ]|['’-][A-Za-zà-öø-ÿ])+(?: [A-Z](?:(?:[a-zà-öø-ÿ]|['’-][A-Za-zà-öø-ÿ])+|\.))?)"
)
# "little boy Tad (…)", "five-year-old Jack, …": not "the little girl Ripley fought to save".
_NAME_ENDS = r"(?=\s*[(,.;:]|\s+(?:is|was|who|has|had|and)\b)"
# Grown-ups are called boys too: "a scholarship boy", "the golden boy".
_NOT_A_CHILD = "".join(
    f"(?<!{w} )"
    for w in "scholarship golden bad poster whipping farm delivery pool cabin errand pretty old local".split()
)
# How a review introduces a child of the film: "their little boy Tad", "five-year-old Jack", "a
# boy called Harry", "Thomas J. (Macaulay Culkin), a pale, deeply uncool boy", "Félicie, an
# orphan", "Conor O'Malley is twelve". Sons and daughters may be grown: only young ones count.
_CHILD_NAMED = re.compile(
    rf"(?:\b{_AGE}|\b(?:little|young|small|baby|infant|teenage) (?:{_KID}|son|daughter|girl|brother|sister|niece|nephew))"
    rf",? (?P<a>{_NAME}){_NAME_ENDS}"
    rf"|\b{_NOT_A_CHILD}{_KID},? (?:(?:called|named) (?P<b>{_NAME})|(?P<e>{_NAME}){_NAME_ENDS})"
    rf"|(?P<c>{_NAME})(?: \([^)]{{1,40}}\))?,? (?:is |who is |was )?(?:a|an) (?:[\w-]+,? ){{0,4}}?"
    rf"(?:{_AGE}|{_NOT_A_CHILD}{_KID})\b"
    rf"|(?P<d>{_NAME}) (?:is|was) (?:[2-9]|1[0-7]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    rf"fourteen|fifteen|sixteen|seventeen)\b"
    rf"(?! (?:years?|minutes?|hours?|days?|weeks?|months?|feet|foot|times|percent|of|out)\b)",
    re.I,
)
_NOT_NAMES = frozenset(
    "The A An He She They His Her Their It Its This That These Those When Then But And In On At As "
    "Meanwhile Later After Before While There Here What Who Why How Our We I You Your One Two Three "
    "Mr Mrs Ms Dr Little Young Old Baby".split()
)


def child_names(text: str) -> tuple[str, ...]:
    """Return the names of the children a review introduces (and their first names)."""
    names: set[str] = set()
    for m in _CHILD_NAMED.finditer(text):
        name = next(g for g in m.groups() if g)
        first = name.split(" ")[0]
        if first in _NOT_NAMES or len(first) < 3 or re.search(r"['’]s$", name):
            continue
        names.add(name.rstrip("."))
        names.add(first)
    return tuple(sorted(names, key=len, reverse=True))


def _named_child_cue(text: str) -> Cue | None:
    """A cue for harm done to the children a review names ("Thomas J. … is stung to death")."""
    names = child_names(text)
    if not names:
        return None
    who = "(?-i:" + "|".join(re.escape(n) for n in names) + r")(?!['’]s\b)"  # not "Rafi's kittens"
    # Near a harm word, or the subject of a sentence that ends in one ("Thomas J. goes into the
    # woods…, disturbs a bees' nest, and is stung to death").
    fate = (
        r"(?:dies|is killed|gets killed|is murdered|is stung to death|is shot|is stabbed|is kidnapped|"
        r"is abducted|is taken|drowns|is hit by a car|is run over|is poisoned|is rushed to hospital|"
        r"is hospitali[sz]ed|is attacked|is beaten|is bitten|is mauled)\b"
    )
    done = r"(?:beat|beats|hits|slaps|kicks|stabs|shoots|kills|drowns|strangles|attacks|kidnaps|abducts|tortures|hurts|bites)"
    return Cue(
        rf"(?<![\w])(?:{near(who, _CHILD_HARM, 6)}|{who}\b[^;:.!?]{{0,160}}?\b{fate}|\b{done} {who})",
        1.1,
        MODERATE,
    )


def find_warnings(
    sections: Sequence[Section],
    *,
    is_other_film: Callable[[str], bool] = lambda s: False,
    headline: str | None = None,
    own_titles: Iterable[str] = (),
) -> tuple[ContentWarning, ...]:
    """Return the content warnings a review supports, strongest evidence first."""
    mask = title_mask(own_titles)
    _MARKS.clear()
    _INTENSITY.clear()
    found: dict[str, _Found] = {}
    _read_parents_labels(sections, found)
    items = list(_sentences(sections))
    if headline:
        items.insert(0, (headline, Section("", "headline", headline)))
    named_child = _named_child_cue("\n".join(plain(sec.text) for sec in sections))
    for original, sec in items:
        if sec.kind == "compare":
            continue
        sentence = plain(original)
        hits = _SCAN.scan(sentence)
        named = _parents_topics(sec.heading) if sec.kind == "parents" and sec.heading else ()
        if hits:
            _read_cues(found, hits, original, sentence, sec.kind, mask, is_other_film, named)
        if named_child is not None:
            by_name = list(named_child.pattern.finditer(sentence))
            if by_name:
                _read_cues(
                    found,
                    [("child_harm", by_name)],
                    original,
                    sentence,
                    sec.kind,
                    mask,
                    is_other_film,
                    named,
                    cue=named_child,
                )
        # The film's own swearing: profanity inside quoted dialogue.
        for q in _QUOTED.finditer(sentence):
            if _SWEARS.search(q.group(1)):
                severe = re.search(r"fuck|cunt", q.group(1), re.I)
                cue = Cue(_SWEARS.pattern, 1.0, MODERATE if severe else MILD)
                _record(
                    found,
                    "language",
                    cue,
                    sentence,
                    sentence,
                    sec.kind,
                    excerpt(sentence, q.start(), q.end()),
                )
    return _finish(found, headline)


def _read_cues(
    found: dict[str, _Found],
    hits: list[tuple[str, list[re.Match[str]]]],
    original: str,
    sentence: str,
    kind: str,
    mask: re.Pattern[str] | None,
    is_other_film: Callable[[str], bool],
    named: tuple[str, ...] = (),
    cue: Cue | None = None,
) -> None:
    """Record the cues the scan found in a sentence (`sentence` is `original` with straight quotes)
    that survive the filters. Each filter is worked out only when a cue gets that far, the
    dearest (figures of speech) last. `named`: the topics its parents'-guide section is headed by.
    `cue`: the cue every match is of (one made for this review), rather than the scan's own."""
    titled: list[tuple[int, int]] | None = None
    splits: list[tuple[int, int]] | None = None
    figures: list[tuple[int, int]] | None = None
    damp: float | None = None
    labels: tuple[str, tuple[str, ...]] | None = None
    for topic, matches in hits:
        cues = TOPIC_CUES[topic]
        for m in matches:
            start, end = m.span()
            if titled is None:
                titled = [t.span() for t in mask.finditer(original)] if mask else []
            if any(a <= start < b for a, b in titled):
                continue  # a word of the film's own title
            if _AFTER_NONE.match(sentence[end : end + 40]):
                continue  # "Sex & nudity: none."
            if splits is None:
                splits = [c.span() for c in _CLAUSE_SPLIT.finditer(sentence)]
            clause, offset = _clause_of(sentence, start, end, splits)
            if labels is None:
                labels = _line_label(sentence)
            if topic in labels[1] and _AFTER_NONE.match(sentence[len(labels[0]) :]):
                continue  # "Drinking, drugs & smoking: negligible."
            if _negated(clause, offset) or _hypothetical(sentence, clause, (offset, offset + end - start)):
                continue
            if figures is None:
                figures = _FIGURATIVE_T.spans(sentence)
            if _figurative(sentence, start, end, figures):
                continue
            if damp is None:
                # A sentence that names another film may still describe this one ("a remix of
                # John Wick with a cancer-ward subplot"): it counts, but for less.
                damp = 0.4 if is_other_film(original) or _OTHER_WORK.search(sentence) else 1.0
            group = m.lastgroup or "c0_0"
            _record(
                found,
                topic,
                cue or cues[int(group[1 : group.index("_")])],
                original,
                clause,
                kind,
                excerpt(original, start, end),
                damp,
                label=labels[0] if clause == labels[0] else "",
                designated=topic in labels[1] or topic in named,
                around=_around(clause, offset, offset + end - start),
                contrast=_contrast(sentence, start, splits),
            )


def _record(
    found: dict[str, _Found],
    topic: str,
    cue: Cue,
    sentence: str,
    clause: str,
    kind: str,
    shown_text: str,
    damp: float = 1.0,
    *,
    label: str = "",
    designated: bool = False,
    around: str | None = None,
    contrast: str = "",
) -> None:
    """Count one cue for a topic. `label`: the cue is in the line's own label ("Frightening &
    intense:"), whose words name a category and say nothing of intensity. `designated`: the line
    is the review's own note on this topic ("Violence: a cartoonish battle")."""
    entry = found.setdefault(topic, _Found(topic))
    severity = cue.severity
    severe, mild, minimised = (
        _intensity(clause if around is None else around) if not label else (False, False, False)
    )
    if contrast and (mild or minimised) and _severe_in(contrast) and not _mild_in(contrast):
        # "not graphic in the slasher sense, but long and unflinching": the "but" has the last word.
        severe, mild, minimised = True, False, False
    if severe and severity < SEVERE:
        severity += 1
    if mild and severity > MILD:
        severity -= 1
    if minimised:
        severity = MILD
    shown, mentioned, spoiler = _marks(sentence)
    if mentioned and not shown and severity > MODERATE:
        severity = MODERATE  # told of, not shown ("her brother's suicide"): not the gravest
    entry.severity = max(entry.severity, severity)
    if designated:
        entry.designated = max(entry.designated or 0, severity)
    if any(e[1] == sentence for e in entry.evidence):
        # A second cue in the same sentence adds half its weight; the evidence keeps the strongest.
        entry.weight += cue.weight * 0.5 * damp
        for i, (strength, sent, k, _text) in enumerate(entry.evidence):
            if sent == sentence and cue.weight * cue.severity > strength:
                entry.evidence[i] = (cue.weight * cue.severity, sent, k, shown_text)
        return
    boost = (1.3 if kind == "parents" else 1.0) * damp
    entry.weight += cue.weight * boost
    strength = cue.weight * severity * boost
    if designated:
        strength += _DESIGNATED  # the review's own note on the topic is its best evidence
    entry.evidence.append((strength, sentence, kind, shown_text))
    entry.shown = entry.shown or shown
    entry.mentioned = entry.mentioned or mentioned
    entry.spoiler = entry.spoiler or kind == "spoiler" or topic == "sad_ending" or spoiler


_MARKS: dict[str, tuple[bool, bool, bool]] = {}
_INTENSITY: dict[str, tuple[bool, bool, bool]] = {}


_AROUND = 45  # characters either side of a cue in which an intensity word describes it


def _around(clause: str, start: int, end: int) -> str:
    """Return the part of a clause near a cue, cut at word boundaries: an intensity word far off
    describes something else ("a brutal winter blizzard that nearly kills the whole island, and a
    finale in which robots arrive")."""
    left = max(0, start - _AROUND)
    right = min(len(clause), end + _AROUND)
    while left > 0 and clause[left - 1].isalnum():
        left -= 1
    while right < len(clause) and clause[right].isalnum():
        right += 1
    return clause[left:right]


_BUT = re.compile(r",?\s*\bbut\b", re.I)


def _contrast(sentence: str, start: int, splits: Sequence[tuple[int, int]]) -> str:
    """Return the clause that answers the cue's clause with "but" ("…not graphic, but they are long
    and unflinching"), or ""."""
    after = [(a, b) for a, b in splits if a >= start]
    if not after or not _BUT.fullmatch(sentence[after[0][0] : after[0][1]].strip() or " "):
        return ""
    rest = sentence[after[0][1] :]
    nxt = _CLAUSE_SPLIT.search(rest)
    return rest[: nxt.start()] if nxt else rest


def _intensity(clause: str) -> tuple[bool, bool, bool]:
    """Return whether a clause has an intensity word, a mildness word and a minimiser (kept for
    the review being read: several topics' cues share a clause)."""
    got = _INTENSITY.get(clause)
    if got is None:
        if len(_INTENSITY) >= 1024:
            _INTENSITY.clear()
        got = _INTENSITY[clause] = (_severe_in(clause), _mild_in(clause), bool(_MINIMISERS.search(clause)))
    return got


def _marks(sentence: str) -> tuple[bool, bool, bool]:
    """Return whether a sentence says shown, says mentioned, and gives something away (kept for
    the review being read: several topics ask of the same sentence)."""
    got = _MARKS.get(sentence)
    if got is None:
        if len(_MARKS) >= 1024:
            _MARKS.clear()
        got = _MARKS[sentence] = (
            any(
                not _UNSHOWN.search(sentence[max(0, m.start() - 12) : m.start()])
                for m in _SHOWN.finditer(sentence)
            ),
            bool(_MENTIONED.search(sentence)),
            bool(_SPOILER.search(sentence)),
        )
    return got


def _read_parents_labels(sections: Sequence[Section], found: dict[str, _Found]) -> None:
    """Read parents'-guide sections: "Violence & Gore: Severe", "Language: moderate", "Gore: bloody wounds…".

    A label word sets the severity (None → the topic is absent). A section named after one topic
    that describes anything at all is evidence for that topic.
    """
    for sec in sections:
        if sec.kind != "parents":
            continue
        first = sec.text.split("\n", 1)[0].strip()
        topics = _parents_topics(sec.heading)
        if not topics or not first:
            continue
        head = split_sentences(first)[0] if first else ""
        label = _LABEL_SEVERITY.match(head) or (_LABEL_SEVERITY.search(head) if len(head) < 20 else None)
        level: int | None = None
        if label:
            level = _LABEL_LEVELS[label.group(1).lower()]
        elif _AFTER_NONE.match(head) or re.match(r"^\W*no\b", head, re.I):
            level = 0
        for topic in topics:
            entry = found.setdefault(topic, _Found(topic))
            if level is not None:
                entry.label_severity = level
        if level != 0 and (len(topics) == 1 or level):
            # One topic named: anything described is evidence for it. Several ("Violence & Gore:
            # Severe"): the label counts for the first, the cues decide the rest.
            topic = topics[0]
            entry = found[topic]
            severity = level or (SEVERE if _severe_in(head) else MILD if _mild_in(head) else MODERATE)
            line = f"{sec.heading}: {head}"
            entry.weight += 1.0
            entry.severity = max(entry.severity, severity)
            entry.designated = max(entry.designated or 0, severity)
            entry.evidence.append((float(severity) + 0.5 + _DESIGNATED, line, "parents", _trim(line)))


def _finish(found: dict[str, _Found], headline: str | None = None) -> tuple[ContentWarning, ...]:
    out: list[ContentWarning] = []
    for topic, entry in found.items():
        if entry.label_severity == 0:
            continue  # the guide says "None"
        if entry.weight < 0.8 or not entry.evidence:
            continue
        severity = entry.severity
        distinct = len({e[1] for e in entry.evidence})
        if distinct >= 4 and severity < MODERATE:
            severity = MODERATE
        if distinct >= 6 and entry.weight >= 6 and severity < SEVERE:
            severity = SEVERE
        if entry.designated is not None:
            severity = entry.designated
        if entry.label_severity:
            severity = entry.label_severity
        # A headline is a poor witness ("Where A Painful Loss Puts A Woman On The Offensive"): any
        # sentence of the review itself comes first.
        ranked = sorted(
            entry.evidence,
            key=lambda e: (
                e[2] == "headline" or e[1] == headline,
                # "Does the dog die?" is asked of pets: a pet's fate is the evidence people want.
                topic == "animal_harm" and e[0] < _DESIGNATED and not _PET.search(e[1]),
                -e[0],
            ),
        )
        presence = (
            "shown"
            if entry.shown and not entry.mentioned
            else "mentioned"
            if entry.mentioned and not entry.shown
            else "unclear"
        )
        if entry.shown and entry.mentioned:
            presence = "shown"
        spoiler = entry.spoiler if topic != "sad_ending" else True
        # Prefer evidence that gives nothing away when there is any.
        if spoiler and topic != "sad_ending":
            safe = [e for e in ranked if e[2] != "spoiler" and not _SPOILER.search(e[1])]
            if safe:
                ranked = safe + [e for e in ranked if e not in safe]
                spoiler = False
        out.append(
            ContentWarning(
                topic=topic,
                severity=SEVERITY_NAMES[severity],
                presence=presence,
                evidence=ranked[0][3],
                spoiler=spoiler,
                also=tuple(e[3] for e in ranked[1:3]),
            )
        )
    order = {name: i for i, name in enumerate(TOPIC_CUES)}
    return tuple(sorted(out, key=lambda w: order[w.topic]))
