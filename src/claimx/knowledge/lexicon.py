"""Closed word lists of English grammar that the components share (textacy's constants.py idea).

Each list is defined once, here. Open-ended rule data that users extend (ranks, titles, roles,
organisation and place patterns, and named word lists such as place cue words or organisation head
words) lives in `models/*.jsonl` and is read by `claimx.rules`.
"""

from __future__ import annotations

# Verbs that report speech or writing; lemma form.
SPEECH_VERBS: frozenset[str] = frozenset(
    """say tell add state note remark insist warn write declare announce explain argue claim
    assert reply respond answer ask acknowledge admit confirm deny stress emphasise emphasize
    predict suggest urge vow pledge promise caution concede contend maintain observe point
    recall reiterate repeat report reveal tweet post comment complain conclude continue describe
    estimate inform joke lament mention quip reckon signal testify underline
    call dub brand label term dismiss scold blast slam criticize criticise praise accuse mock
    boast brag exclaim retort counter shout yell recount muse chant""".split()
)

# Speech verbs that introduce indirect speech with a clause ("X said (that) ..."), used for statements.
STATEMENT_VERBS: frozenset[str] = frozenset(
    """say tell add state note warn announce explain argue claim assert acknowledge admit confirm
    deny stress emphasise emphasize insist suggest predict reveal report declare maintain
    reiterate believe""".split()
)

# Speech verbs that report a claim as rejected ("X denied that ..."): the statement is negated.
NEGATING_SPEECH_VERBS: frozenset[str] = frozenset({"deny", "dispute", "reject", "refute"})
# Adverbs that report a claim at a distance ("reportedly", "allegedly"): the statement is hedged.
HEDGE_WORDS: frozenset[str] = frozenset(
    {"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "ostensibly", "rumoredly"}
)

# Objects that make "pay" an event ("paid a courtesy call on", "paid a visit to").
PAID_EVENT_OBJECTS: frozenset[str] = frozenset({"call", "visit", "tribute", "respects"})

# Verbs that report an event between actors (lemma -> predicate name); particles complete phrasal ones.
EVENT_VERBS: dict[str, str] = {
    "meet": "meet",
    "visit": "visit",
    "call": "call on",
    "hold": "hold talks",
    "sign": "sign",
    "discuss": "discuss",
    "participate": "participate in",
    "train": "train",
    "deploy": "deploy",
    "attack": "attack",
    "strike": "attack",
    "ink": "sign",
    "agree": "agree",
    "launch": "launch",
    "host": "host",
    "receive": "receive",
    "pay": "call on",  # "paid a courtesy call on X", "paid a visit to X" (only with such an object)
    "conduct": "conduct",
    "exchange": "exchange",
}

# Third-person pronouns that can stand for a speaker.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS: frozenset[str] = frozenset({"it", "they", "we"})

# Small words allowed in title-case headings ("Courtesy Call on by Chairman of ...").
HEADING_FUNCTION_WORDS: frozenset[str] = frozenset(
    "a an and as at by for from in into of on or the to with vs via".split()
)

# Words that never start or make up a person's name after a title.
NOT_NAME_WORDS: frozenset[str] = frozenset(
    """The A An And Of On In At For To By With From Staff Committee Council Assembly General
    Headquarters Office Ministry Department Army Navy Force Forces Government State States
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)

# Courtesy words before a name that are not ranks or titles (FORMAT.md: Mr/Ms/Mrs/Dr are not ranks).
HONORIFICS: frozenset[str] = frozenset("Mr Mrs Ms Miss Dr Sir Dame Lord Lady".split())

# Prepositions that put a place after them.
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(
    "in near at from to outside around across into inside towards toward".split()
)
# Words after which a capitalised name is looked up in the gazetteer.
GAZETTEER_CUES: frozenset[str] = LOCATIVE_PREPOSITIONS | {"on", "as", "of", "via", "throughout", "against", "between"}
# The locative prepositions that hardly ever take a person's name ("near Palmyra").
PLACE_PREPOSITIONS: frozenset[str] = frozenset("near outside around in inside throughout".split())
# Small words inside Arabic and other place names ("Wadi al Qarn", "Tell el Sur").
NAME_PARTICLES: frozenset[str] = frozenset("al az ad ar as ash el de del la le bin ibn".split())
# The particles a name may be joined over: not "as", which is an English word too ("known as Varna").
JOINING_PARTICLES: frozenset[str] = NAME_PARTICLES - {"as"}
# Small words inside personal names, before a surname ("Marco de Santis", "Anna van Dijk").
SURNAME_PARTICLES: frozenset[str] = JOINING_PARTICLES | frozenset("van von da di du der den dos das".split())
# Connecting particles of Persian, Urdu and Arabic compound names, written between hyphens ("Yadgar-e-X",
# "Nishan-i-Y", "Hizb-ut-Z"): the two capitalised halves are one name.
HYPHEN_NAME_PARTICLES: frozenset[str] = frozenset("e i ul ut us ud ur al el ad az ash".split())
# Prefixes joined to a name by a hyphen that make an adjective of it ("anti-Taliban", "pro-Kyiv").
HYPHEN_PREFIXES: frozenset[str] = frozenset("anti pro ex post pre non neo pan trans mid inter intra cross".split())
COMPASS_WORDS: frozenset[str] = frozenset("north south east west northern southern eastern western".split())

# Verbs whose subject or object is an actor (a group), not a place, and nouns for a group's members.
ACTOR_SUBJECT_VERBS: frozenset[str] = frozenset(
    "claim announce kill attack execute behead threaten recruit vow use".split()
)
ACTOR_OBJECT_VERBS: frozenset[str] = frozenset(
    "defeat degrade fight counter combat confront destroy eliminate join".split()
)
# Nouns whose "of" names an actor ("the defeat of X", "at the hands of X", "the threat of X").
ACTOR_OF_NOUNS: frozenset[str] = frozenset("defeat hands threat".split())
MEMBER_NOUNS: frozenset[str] = frozenset(
    "fighters militants terrorists members leader leaders operatives supporters".split()
)

# Words after an armed-force name that make it part of an office ("Navy Chief"), not the force.
ROLE_AFTER_ORG: frozenset[str] = frozenset(
    {"chief", "chiefs", "commander", "head", "spokesman", "spokesperson", "spokeswoman"}
)
# Titles that take a portfolio or an area after them ("Minister for the Middle East", "Envoy for Syria").
QUALIFIED_TITLE_HEADS: frozenset[str] = frozenset(
    {
        "minister",
        "secretary",
        "envoy",
        "commissioner",
        "representative",
        "adviser",
        "advisor",
        "ambassador",
        "coordinator",
    }
)
# Single-word ranks that are also ordinary words ("General Motors", "Major League"): the model must
# agree there is a person, or the name must have two words or more.
AMBIGUOUS_TITLES: frozenset[str] = frozenset(
    {
        "General",
        "Major",
        "Private",
        "Marshal",
        "Captain",
        "Commander",
        "Specialist",
        "Justice",
        "Speaker",
        "King",
        "Queen",
        "Prince",
        "Chair",
        "Director",
        "Head",
        "Leader",
        "Seaman",
        "Premier",
        "Secretary",
    }
)

# Generic words that follow an organisation's name without changing what it names.
ORG_SUFFIXES: frozenset[str] = frozenset({"party", "group", "inc", "corp", "co", "ltd", "plc", "llc"})
# Heads of descriptions of people who speak for an institution without being named ("a Defense
# Department official", "sources close to the talks"): the speaker stays unknown, the institution is
# their affiliation.
ANONYMOUS_SPEAKER_HEADS: frozenset[str] = frozenset(
    """official officials source sources aide aides spokesman spokeswoman spokesperson spokespeople
    diplomat diplomats insider insiders staffer staffers adviser advisers advisor advisors person people
    officer officers representative representatives analyst analysts expert experts member members
    lawyer lawyers""".split()
)
# Heads of descriptions of one person by office or role ("the Ohio senator", "the club's manager");
# other heads after a name ("a Ministry statement") leave the name as the speaker.
PERSON_ROLE_HEADS: frozenset[str] = frozenset(
    """minister secretary senator congressman congresswoman representative governor mayor president
    chairman chairwoman chair chief director manager coach leader commander general admiral captain
    ambassador envoy candidate nominee economist professor chancellor premier deputy head boss
    executive founder owner attorney prosecutor judge justice sheriff counsel strategist pollster
    surrogate""".split()
)
# Determiners of an indefinite description ("a senior official", "two officials"): no one in particular.
INDEFINITE_DETERMINERS: frozenset[str] = frozenset(
    "a an one two three four several some many other another multiple".split()
)

# Heads of descriptions that stand for the most recent organisation ("the company said").
GENERIC_ORG_HEADS: frozenset[str] = frozenset(
    {
        "company",
        "firm",
        "group",
        "organisation",
        "organization",
        "agency",
        "ministry",
        "army",
        "navy",
        "government",
        "administration",
        "department",
        "office",
        "military",
    }
)
# Administrative words after a place name that do not change the place ("Varosh province" = "Varosh").
ADMIN_PLACE_WORDS: frozenset[str] = frozenset(
    {"province", "district", "governorate", "county", "region", "city", "oblast"}
)
# Day words that name the publication day (or an earlier one inside a quote).
DEICTIC_DAYS: frozenset[str] = frozenset({"today", "yesterday", "tomorrow", "tonight"})
