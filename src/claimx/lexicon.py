"""Closed word lists the extractors share (textacy's constants.py idea): one place, named constants.

Open-ended rule data (ranks, titles, roles, organisation and place patterns) lives in models/*.jsonl.
"""

from __future__ import annotations

# Verbs that report speech or writing; lemma form.
SPEECH_VERBS: frozenset[str] = frozenset(
    """say tell add state note remark insist warn write declare announce explain argue claim
    assert reply respond answer ask acknowledge admit confirm deny stress emphasise emphasize
    say predict suggest urge vow pledge promise caution concede contend maintain observe point
    recall reiterate repeat report reveal tweet post comment complain conclude continue describe
    estimate inform joke lament mention quip reckon say signal testify underline write""".split()
)

# Speech verbs that introduce indirect speech with a clause ("X said (that) ..."), used for statements.
STATEMENT_VERBS: frozenset[str] = frozenset(
    """say tell add state note warn announce explain argue claim assert acknowledge admit confirm
    deny stress emphasise emphasize insist suggest predict reveal report declare maintain
    reiterate believe""".split()
)

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
    "conduct": "conduct",
    "exchange": "exchange",
}

# Words that head an organisation name ("Bangladesh Army", "Ministry of Defence").
ORG_HEADS: frozenset[str] = frozenset(
    """army navy force forces marines guard police ministry department committee commission agency
    authority council corporation corp company industries institute institution university bank
    party government parliament assembly congress senate court office bureau service services
    group association federation union organisation organization command corps directorate
    secretariat administration fund foundation battalion battery brigade brigades regiment squadron""".split()
)

# Words that mark a place name ("Cooch Behar district", "Lalmonirhat air base").
PLACE_CUES: frozenset[str] = frozenset(
    """district province county state region valley river sea ocean gulf bay strait island islands
    corridor base airbase airport port harbour harbor peninsula desert mountains border""".split()
)

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
    Headquarters Office Ministry Department Army Navy Force Forces Government State States""".split()
)

# Articles' leading words dropped from entity names.
LEADING_DETERMINERS: tuple[str, ...] = ("the ", "The ", "THE ")

# Ship-name prefixes of navies and coast guards: a vessel is neither a person nor a place.
VESSEL_PREFIXES: frozenset[str] = frozenset(
    "HMS HMAS HMCS HMNZS USS USNS USCGC INS PNS BNS KRI RSS KD HTMS BRP JS ROKS TCG FS ITS SPS NRP HNLMS".split()
)

# Last words of a minister's portfolio written after the title ("Minister for Foreign Affairs", "for Trade").
PORTFOLIO_WORDS: frozenset[str] = frozenset(
    """affairs defence defense trade security development justice health education energy industry
    environment finance immigration transport culture agriculture housing employment communications
    cooperation relations policy""".split()
)

# Courtesy words before a name that are not ranks or titles (FORMAT.md: Mr/Ms/Mrs/Dr are not ranks).
HONORIFICS: frozenset[str] = frozenset("Mr Mrs Ms Miss Dr Sir Dame Lord Lady".split())

# Last words of names of events and documents, which are not annotated (FORMAT.md): "X Summit",
# "Y Communique", "Z Agreement". A span ending in one is neither an organisation nor a place.
EVENT_HEADS: frozenset[str] = frozenset(
    """conference summit dialogue communique communiqué resolution resolutions agreement treaty accord
    accords festival games olympics exercise exercises""".split()
)

# Abbreviations of things (weapons, vehicles, units of measure, technical terms) that the model tends
# to tag as organisations.
THING_ACRONYMS: frozenset[str] = frozenset(
    """IED IEDs VBIED VBIEDs UAV UAVs UAS RPG RPGs APC APCs MRAP SAM SAMs ICBM ICBMs MANPADS GPS DDG
    MW KW GW MHz GHz UHF VHF HF IP CT MRI DNA SUV SUVs AK""".split()
)
