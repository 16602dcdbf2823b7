"""Closed word lists of English grammar, and the closed lists of nouns the components rely on
(textacy's constants.py idea).

Each word is written in one list only where lists share words: the shared words are a list of their
own, and the lists that hold them are unions (`STATEMENT_VERBS = REPORTING_VERBS | {"believe"}`). The
function words, which many short lists share, are one table: each line gives a group of words and
the lists that hold them (`_FUNCTION_WORDS`).

The other homes of knowledge: the open lists users extend (cue words, head nouns, holidays, ...) are
`models/words.jsonl`, read by `claimx.knowledge.rule_files`, which also lends them the lists of
`NAMED_LISTS` below; the words of dates are `claimx.knowledge.calendar`; the gazetteer's tables are
`claimx.knowledge.gazetteer_data`.
"""

from __future__ import annotations

from claimx.knowledge.calendar import WEEKDAYS

# Verbs that report speech or writing, lemma form: the plainest verbs of saying ("says Monday" reports,
# it plans nothing), the verbs that report a clause ("X said (that) ..."), and the others.
SAYING_VERBS = frozenset({"say", "tell", "report"})
REPORTING_VERBS = SAYING_VERBS | frozenset(
    """add state note warn announce explain argue claim assert acknowledge admit confirm deny stress
    emphasise emphasize insist suggest predict reveal declare maintain reiterate""".split()
)
SPEECH_VERBS = REPORTING_VERBS | frozenset(
    """remark write reply respond answer ask urge vow pledge promise caution concede contend observe point
    recall repeat tweet post comment complain conclude continue describe estimate inform joke lament
    mention quip reckon signal testify underline call dub brand label term dismiss scold blast slam
    criticize criticise praise accuse mock boast brag exclaim retort counter shout yell recount muse
    chant""".split()
)
# Verbs that introduce indirect speech with a clause ("X said (that) ...", "X believes ..."), for statements.
STATEMENT_VERBS = REPORTING_VERBS | {"believe"}

# Speech verbs that report a claim as rejected ("X denied that ..."): the statement is negated.
NEGATING_SPEECH_VERBS: frozenset[str] = frozenset({"deny", "dispute", "reject", "refute"})
# Adverbs that report a claim at a distance ("reportedly", "allegedly"): the statement is hedged.
HEDGE_WORDS: frozenset[str] = frozenset(
    {"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "ostensibly", "rumoredly"}
)

# Objects that make "pay" an event ("paid a courtesy call on", "paid a visit to"), and "hold" one ("held talks").
PAID_EVENT_OBJECTS: frozenset[str] = frozenset({"call", "visit", "tribute", "respects"})
HELD_EVENT_OBJECTS = frozenset({"talks", "meeting", "meetings"})
# Prepositions whose object is another actor of an event ("met with X", "called on X", "spoke to X").
CO_ACTOR_PREPOSITIONS = frozenset({"with", "on", "to"})

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

# The tense of a date's verb. Words right before a date that make it a term or deadline, which lies ahead
# whatever the verb's tense ("declared a dividend payable Dec. 1 to holders of record Nov. 10").
DEADLINE_WORDS = frozenset({"payable", "record", "due", "expires", "expire", "expiring", "deadline"})
# Prepositions that give a limit or a target ("extended to Nov. 20", "completed by Dec. 15"): the verb's
# tense says when the act was, not where the date lies.
LIMIT_PREPOSITIONS = frozenset({"to", "until", "till", "through", "by", "effective"})
# Verbs of planning, which put their date ahead ("expected Monday"), and the other verbs whose infinitive
# complement is still ahead ("agreed to buy it in February", "set to resume Monday").
PLANNING_WORDS = frozenset({"expect", "plan", "schedule", "due"})
INTENT_VERBS = PLANNING_WORDS | frozenset(
    "agree set intend aim hope want seek propose prepare vow promise decide be go likely ready".split()
)
# Auxiliaries of the future tense, modals that put an act after the time they are said from ("said it
# would close the plant in March"), and auxiliaries of a past tense or the perfect.
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall"})
FUTURE_MODALS = frozenset({"would", "might", "may", "should", "must"})
PAST_AUXILIARIES = frozenset({"had", "has", "have", "was", "were", "did"})

# Function words, each group once with the lists that hold it:
#   article    ARTICLES: "the", "a", "an"
#   heading    HEADING_FUNCTION_WORDS: small words allowed in title-case headings ("Courtesy Call on by ...")
#   not_name   NOT_NAME_WORDS (capitalised): words that never start or make up a person's name after a title
#   name_stop  NAME_STOP_WORDS: words that never start or continue a capitalised name in the rule patterns
#   initials   INITIALS_SKIP: small words left out of an organisation's initials ("NRC" for "Northern
#              Rivers Commission")
#   locative   LOCATIVE_PREPOSITIONS: prepositions that put a place after them
_FUNCTION_WORDS = """
the                                  | article heading not_name name_stop initials
a an                                 | article heading not_name name_stop
and for of on                        | heading not_name name_stop initials
at from in to                        | heading not_name name_stop locative
by with                              | heading not_name name_stop
into                                 | heading name_stop locative
as or                                | heading name_stop
via vs                               | heading
across near                          | name_stop locative
around inside outside toward towards | locative
about after before between during his its our over since that their these this those under when
    where while                      | name_stop
"""


def _function_words(tag: str) -> frozenset[str]:
    """The words of `_FUNCTION_WORDS` that the list `tag` holds (a line may go on, indented, on the next)."""
    words: set[str] = set()
    for entry in _FUNCTION_WORDS.replace("\n    ", " ").strip().splitlines():
        group, tags = entry.split("|")
        if tag in tags.split():
            words.update(group.split())
    return frozenset(words)


FUNCTION_WORD_TAGS = ("article", "heading", "not_name", "name_stop", "initials", "locative")
ARTICLES = _function_words("article")
HEADING_FUNCTION_WORDS = _function_words("heading")
INITIALS_SKIP = _function_words("initials")
LOCATIVE_PREPOSITIONS = _function_words("locative")
# Words after which a capitalised name is looked up in the gazetteer.
GAZETTEER_CUES: frozenset[str] = LOCATIVE_PREPOSITIONS | {"on", "as", "of", "via", "throughout", "against", "between"}
# The locative prepositions that hardly ever take a person's name ("near Palmyra").
PLACE_PREPOSITIONS: frozenset[str] = frozenset("near outside around in inside throughout".split())
# Prepositions that put the other side of a result after a verb or noun of one ("drew with X", "lost to X",
# "held by X", "a win over X", "against X", "won at X").
TEAM_PREPOSITIONS: frozenset[str] = (CO_ACTOR_PREPOSITIONS - {"on"}) | frozenset("by over against at".split())
# Pronouns: a speaker's (with the gender each gives), an organisation's, a clause's relative subject.
PRONOUN_GENDERS: dict[str, str] = {"she": "f", "her": "f", "he": "m", "him": "m"}
PERSON_PRONOUNS = frozenset(PRONOUN_GENDERS)
ORG_PRONOUNS: frozenset[str] = frozenset({"it", "they", "we"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
NAME_STOP_WORDS = _function_words("name_stop") | (PERSON_PRONOUNS - {"him"}) | ORG_PRONOUNS
# What may follow a role noun that ends a description of one person ("X, the special adviser to ...").
ROLE_NOUN_ENDS = frozenset({"of", "to", "for", "at", "and", ",", "."})
# Prepositions that tie a named speaker to the body they speak for ("chief executive of X", "a spokesman
# for X", "an economist at X"): the role-noun ends but "to" ("ambassador to X" names the other side).
AFFILIATION_PREPOSITIONS = ROLE_NOUN_ENDS - {"to", "and", ",", "."}
# Determiners of an indefinite description ("a senior official", "two officials"): no one in particular.
INDEFINITE_DETERMINERS: frozenset[str] = frozenset(
    "a an one two three four several some many other another multiple".split()
)

# Words that never start or make up a person's name after a title: function words, organisation words, days.
NOT_NAME_WORDS: frozenset[str] = (
    frozenset(w.title() for w in _function_words("not_name"))
    | frozenset(
        """Staff Committee Council Assembly General Headquarters Office Ministry Department Army Navy Force
        Forces Government State States""".split()
    )
    | frozenset(day.title() for day in WEEKDAYS)
)

# Courtesy words before a name that are not ranks or titles (FORMAT.md: Mr/Ms/Mrs/Dr are not ranks); the
# first three give a woman's gender.
FEMALE_COURTESY_TITLES = frozenset({"Mrs", "Ms", "Miss"})
HONORIFICS: frozenset[str] = FEMALE_COURTESY_TITLES | frozenset("Mr Dr Sir Dame Lord Lady".split())

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
# Words after a name that make it a language or a dialect, not a place ("the Upper X dialect").
LANGUAGE_NOUNS = frozenset({"language", "languages", "dialect", "dialects"})

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

# What only a person does or has, for telling a surname from an organisation's name: verbs (lemmas) whose
# subject is a person ("X hoped", "X smiled"), what a person goes back to ("X flew home"), whom a person
# tells things in person ("X told reporters"), the reflexive pronouns of one person ("X described himself
# as"), and nouns a person owns ("X's wife", "X's aides").
PERSON_VERBS: frozenset[str] = frozenset(
    "hope wish feel smile laugh cry weep die marry retire resign sleep apologise apologize".split()
)
HOME_WORDS: frozenset[str] = frozenset({"home"})
PRESS_NOUNS: frozenset[str] = frozenset({"reporters", "journalists"})
PERSON_REFLEXIVES: frozenset[str] = frozenset({"himself", "herself"})
KIN_NOUNS: frozenset[str] = frozenset(
    """wife husband son sons daughter daughters children mother father brother brothers sister sisters widow
    widower parents spouse girlfriend boyfriend fiancee fiancée aides bodyguards""".split()
)

# Offices held by one person, which no firm holds ("the senator", "the ambassador").
ONE_PERSON_OFFICES = frozenset(
    """minister secretary senator congressman congresswoman governor mayor president chairman chairwoman
    director coach commander general admiral captain ambassador envoy economist professor chancellor premier
    prosecutor judge""".split()
)
# Nouns for one person who speaks or acts for another ("an aide", "the spokesman", "a lawyer").
AGENT_NOUNS = frozenset("spokesman spokeswoman spokesperson aide diplomat lawyer adviser advisor".split())
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

# The endings of most company names ("Acme Ltd"), and the generic words that follow an organisation's name
# without changing what it names ("the X party").
COMMON_COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "plc", "llc"})
ORG_SUFFIXES: frozenset[str] = COMMON_COMPANY_SUFFIXES | {"party", "group"}
# Heads of descriptions of people who speak for an institution without being named ("a Defense
# Department official", "sources close to the talks"): the speaker stays unknown, the institution is
# their affiliation.
ANONYMOUS_SPEAKER_HEADS: frozenset[str] = AGENT_NOUNS | frozenset(
    """official officials source sources aides spokespeople diplomats insider insiders staffer staffers
    advisers advisors person people officer officers representative representatives analyst analysts expert
    experts member members lawyers""".split()
)
# Heads of descriptions of one person by office or role ("the Ohio senator", "the club's manager");
# other heads after a name ("a Ministry statement") leave the name as the speaker.
PERSON_ROLE_HEADS: frozenset[str] = ONE_PERSON_OFFICES | frozenset(
    """representative chair chief manager leader candidate nominee deputy head boss executive founder owner
    attorney justice sheriff counsel strategist pollster surrogate""".split()
)
# Words after a building's name for the people who speak or work for it ("a X Museum spokesman", "X Embassy
# officials", "the X Lodge press secretary", "an X Museum statement"): the building acts as a body.
BODY_VOICE_NOUNS: frozenset[str] = (
    ANONYMOUS_SPEAKER_HEADS | PERSON_ROLE_HEADS | ROLE_AFTER_ORG | frozenset({"statement", "curator", "staff"})
)
# Verbs, besides those of saying, whose subject acts as a body ("the X Museum hired", "sued", "refused").
BODY_ACTION_VERBS: frozenset[str] = frozenset(
    "decide hire sue agree refuse acquire buy sell employ appoint fire".split()
)

# The nouns that head most organisation names and, alone, stand for the organisation last named ("the
# ministry said"); with "firm" and "military", the heads of such descriptions.
GENERIC_ORG_NOUNS = frozenset(
    """company group organisation organization agency ministry army navy government administration department
    office""".split()
)
GENERIC_ORG_HEADS: frozenset[str] = GENERIC_ORG_NOUNS | {"firm", "military"}
# Administrative units ("X province"); with a few more, the words after a place name that do not change the
# place ("Varosh province" = "Varosh").
ADMIN_UNITS = frozenset({"province", "district", "region"})
ADMIN_PLACE_WORDS: frozenset[str] = ADMIN_UNITS | {"governorate", "county", "city", "oblast"}

# The lists above that the word lists of `models/words.jsonl` and the pattern files may name: a pattern as
# "@name", a list in its "include". A user's words.jsonl may extend them like any other list.
NAMED_LISTS: dict[str, frozenset[str]] = {
    "name_stop_words": NAME_STOP_WORDS,
    "one_person_offices": ONE_PERSON_OFFICES,
    "agent_nouns": AGENT_NOUNS,
    "common_company_suffixes": COMMON_COMPANY_SUFFIXES,
    "generic_org_nouns": GENERIC_ORG_NOUNS,
    "admin_units": ADMIN_UNITS,
    "kin_nouns": KIN_NOUNS,
}

# Quotation marks as tokens: those that open a quoted title or nickname and those that close it (a
# straight double mark does both). The names passes that also take a straight single mark add it.
OPENING_QUOTE_MARKS = frozenset({'"', "\u201c", "\u2018"})  # " “ ‘
CLOSING_QUOTE_MARKS = frozenset({'"', "\u201d", "\u2019"})  # " ” ’
