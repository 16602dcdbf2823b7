"""Who said it: quote finding in every news style and speaker attribution (issue 13).

Every text here is invented for the test. Pure helpers run without a model; the rest use the real
English model (`model` tier) and assert the speaker, or the null and its reason.
"""

from __future__ import annotations

import pytest

from claimx.nlp.claims.quotes import find_quotations
from claimx.nlp.linking import speakers


def _quotes(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quotations(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "''We will not sign this treaty,'' said Tomas Brell. ''It gives away too much.''",
            ["We will not sign this treaty,", "It gives away too much."],
        ),
        ("The plan, she said, was ``a bridge to nowhere at all'' and nothing more.", ["a bridge to nowhere at all"]),
        ('He said "the harbour will reopen in spring" to reporters.', ["the harbour will reopen in spring"]),
        ("She called it \u201cthe worst budget in a generation\u201d on Monday.", ["the worst budget in a generation"]),
        # a short name in doubled apostrophes is a title, not a quote
        ("It is known as the ''Lindqvist rule'' in the trade.", []),
    ],
)
def test_quotation_marks_of_every_style(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


def test_doubled_apostrophe_quote_continues_over_paragraphs() -> None:
    text = "''The first part of the answer is money,'' she said. ''The second part\n\n''is time and patience.''"
    assert _quotes(text)[1].startswith("The second part")
    assert _quotes(text)[1].endswith("patience.")


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    text = "\u201cHe told me, \u2018we are leaving tonight,\u2019 and then he left,\u201d Mira Okafor said."
    assert _quotes(text) == ["He told me, \u2018we are leaving tonight,\u2019 and then he left,"]


def _quote_claims(rec: dict) -> list[dict]:
    return [c for c in rec["claims"] if c["type"] == "quote"]


@pytest.mark.model
def test_doubled_apostrophes_get_the_speaker_after_them(record_of) -> None:
    rec = record_of(
        "''This is not a reform of the tax code at all,'' said Walter Brandvold, an economist in Oslo. "
        "''It only adds more rules.''"
    )
    assert [q["speaker"] for q in _quote_claims(rec)] == ["Walter Brandvold", "Walter Brandvold"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'Senator Helena Marsh dismissed the report as "a work of pure fiction from start to end."',
        'Helena Marsh called the report "a work of pure fiction from start to end."',
        'Asked about the report, Helena Marsh replied: "It is a work of pure fiction from start to end."',
    ],
)
def test_attribution_without_a_plain_verb_of_saying(record_of, text: str) -> None:
    (q,) = _quote_claims(record_of(text))
    assert q["speaker"] == "Helena Marsh"


@pytest.mark.model
def test_dash_signoff_names_the_speaker(record_of) -> None:
    rec = record_of(
        "Readers sent us their views.\n\n"
        "\u201cThe debate changed nothing for me and my family.\u201d \u2015 Rosa Delgado\n\n"
        "\u201cI have never been so worried about the future.\u201d \u2015 Omar Haddad\n"
        "\u201cNobody in my street is going to vote for either of them.\u201d\u00a0\u2015\u00a0Lucia Ferraz.\n"
    )
    assert [q["speaker"] for q in _quote_claims(rec)] == ["Rosa Delgado", "Omar Haddad", "Lucia Ferraz"]


@pytest.mark.model
def test_transcript_label_names_the_speaker(record_of) -> None:
    rec = record_of(
        "Governor Karl Ostrander spoke to the host on Sunday.\n\n"
        '"OSTRANDER: Well, the real question is why the bridge was never finished in the first place.'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Karl Ostrander"


@pytest.mark.model
def test_attribution_in_a_short_next_sentence(record_of) -> None:
    rec = record_of(
        "Lena Vogt spoke at the rally in Dresden.\n\n"
        '"Does anybody here know what the plan for the river is?" Vogt asked. "Neither do I."'
    )
    assert _quote_claims(rec)[0]["speaker"] == "Lena Vogt"


@pytest.mark.model
def test_speaker_after_the_quote_beats_a_name_in_the_next_paragraph(record_of) -> None:
    rec = record_of(
        "Dmitri Arkhipov and Maria Lindqvist both spoke on Tuesday.\n\n"
        '"We need more ferries on the northern route," said Arkhipov. "The old ones are failing."\n\n'
        "Lindqvist said the budget would not allow it."
    )
    assert [q["speaker"] for q in _quote_claims(rec)] == ["Dmitri Arkhipov", "Dmitri Arkhipov"]


@pytest.mark.model
def test_untagged_surname_and_honorific_merge_with_the_full_name(record_of) -> None:
    rec = record_of(
        "Charlie Prentiss, who runs the shelter, was at the meeting.\n\n"
        '"We have never had so many families at the door," Mr. Prentiss said.'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Charlie Prentiss"


@pytest.mark.model
def test_anonymous_sources_without_a_body_are_null_with_reason(record_of) -> None:
    # (an anonymous source of a named body is the "anonymous" step's example below)
    (q,) = _quote_claims(record_of('"Nobody has told us anything about the new schedule," two officials said.'))
    assert q["speaker"] is None
    assert q["speaker_reason"] == "unnamed officials"
    assert q.get("speaker_affiliation") is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, negated, hedged",
    [
        ("Harbour officials did not confirm that the ship had left the port on time.", True, False),
        ("The minister denied that the contract had been signed in secret.", True, False),
        ("The minister said that the contract had been signed in secret.", False, False),
        ("The minister reportedly said that the contract had been signed in secret.", False, True),
    ],
)
def test_statements_mark_negation_and_hedges(record_of, text: str, negated: bool, hedged: bool) -> None:
    (s,) = [c for c in record_of(text)["claims"] if c["type"] == "statement"]
    assert (s["negated"], s["hedged"]) == (negated, hedged)


@pytest.mark.model
def test_attribution_in_the_sentence_before_a_standalone_quote(record_of) -> None:
    rec = record_of(
        "The council may wait until after the vote, Ingrid Solberg said. "
        '"The other worry is how it would look to the voters in the north."'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Ingrid Solberg"


@pytest.mark.model
def test_colon_at_the_end_of_the_previous_paragraph(record_of) -> None:
    rec = record_of(
        "Pollster Dana Whitcombe went on:\n\n"
        '"The numbers on the economy are almost the same in every region we have measured this year."'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Dana Whitcombe"


@pytest.mark.model
def test_inverted_attribution_after_the_quote(record_of) -> None:
    rec = record_of(
        "Tax lawyer Margaret Oduya has studied the plan closely.\n\n"
        '"I do not see any interest in real reform in this plan," said Oduya, who advises two senators.'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Margaret Oduya"


@pytest.mark.model
def test_date_after_the_verb_is_not_an_inverted_subject(record_of) -> None:
    rec = record_of('"We will find the people who did this," police Chief Arlo Benning said Monday.')
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Arlo Benning"


@pytest.mark.model
def test_statement_calling_something_is_attributed_to_its_issuer(record_of) -> None:
    rec = record_of(
        'The Harbour Authority issued a statement calling the collision "a clear breach of every safety rule we have."'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Harbour Authority"


@pytest.mark.model
def test_description_with_an_appositive_name_is_that_person(record_of) -> None:
    rec = record_of(
        "General Tariq Omondi attended the signing.\n\n"
        '"We will hire about 150 engineers within months," the company\'s chief executive, Leila Farouk, said.'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Leila Farouk"


def _claims_of(rec: dict, kind: str) -> list[dict]:
    return [c for c in rec["claims"] if c["type"] == kind]


@pytest.mark.model
def test_paying_a_courtesy_call_is_an_event_and_its_place_is_no_actor(record_of) -> None:
    rec = record_of(
        "Ambassador Elena Ruiz paid a courtesy call on Navy Chief Admiral Farhan Qureshi in Karachi late Saturday."
    )
    (event,) = _claims_of(rec, "event")
    names = {e["id"]: e["name"] for e in rec["entities"]}
    assert event["predicate"] == "call on"
    assert [names[a] for a in event["actors"]] == ["Elena Ruiz", "Farhan Qureshi"]
    assert event["place"] == "Karachi"


@pytest.mark.model
def test_a_place_after_in_is_the_place_of_a_meeting_not_an_actor(record_of) -> None:
    rec = record_of("General Amir Khan met Prime Minister Rashid Tahnoun in Abu Dhabi on Monday.")
    (event,) = _claims_of(rec, "event")
    names = {e["id"]: e["name"] for e in rec["entities"]}
    assert "Abu Dhabi" not in [names[a] for a in event["actors"]]
    assert event["place"] == "Abu Dhabi"


@pytest.mark.model
def test_one_statement_per_reported_clause(record_of) -> None:
    rec = record_of("Minister Nikos Daras said the new rules are unsustainable, but the old ones remain in force.")
    texts = [s["text"] for s in _claims_of(rec, "statement")]
    assert len(texts) == len(set(texts)) >= 1


@pytest.mark.model
def test_name_right_after_the_quote_beats_a_title_after_the_verb(record_of) -> None:
    rec = record_of(
        "Shipping consultant Bola Okonjo was in Lagos this week.\n\n"
        "\u201cThe port has never been busier than it is this month,\u201d Okonjo, a former harbour pilot, "
        "said Friday on Channel Nine\u2019s \u201cMorning Desk.\u201d"
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Bola Okonjo"


@pytest.mark.model
def test_possessor_is_not_the_speaker_of_a_description(record_of) -> None:
    rec = record_of(
        "Tomas Reyes on Monday asked the council to apologise to the families.\n\n"
        "\u201cThe whole affair shamed the town hall,\u201d the mayor's old press adviser told "
        "a local radio station on Tuesday."
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] != "the mayor"
    assert q["speaker"] in ("Tomas Reyes", None)


@pytest.mark.model
def test_short_quote_then_standalone_quote_keeps_the_speaker(record_of) -> None:
    rec = record_of(
        'Anna Petrov said the floods demand "more planning" and "more money."\n\n'
        '"It is awful," Petrov said. "And this town has to find new ways of living with the river every year."'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Anna Petrov"


# The speaker procedure (`claimx.nlp.linking.speakers`), step by step in its order: for each step an
# invented text whose quote that step decides, and what the quote's claim then says.
SPEAKER_STEP_EXAMPLES = [
    # an institution speaking as itself
    (
        "mention",
        '"The exercise ended without incident," the Kestrel Shipping Company said.',
        {"speaker": "Kestrel Shipping Company"},
    ),
    # a pronoun goes to the person named before
    (
        "pronoun",
        'Mikela Artun was delighted after the vote. "This is a great day for the town," she said.',
        {"speaker": "Mikela Artun"},
    ),
    # an anonymous source is null, with the reason and the body it belongs to
    (
        "anonymous",
        '"The drills will go ahead as planned next week," said a Defense Department official.',
        {
            "speaker": None,
            "speaker_reason": "unnamed official of Defense Department",
            "speaker_affiliation": "Defense Department",
        },
    ),
    # a description resolves to the person with that office
    (
        "office",
        "Senator Ruth Calloway of Ohio toured the plant on Monday.\n\n"
        '"We will keep these jobs in the state," the Ohio senator said.',
        {"speaker": "Ruth Calloway"},
    ),
    # "the company" is the company named before
    (
        "organisation",
        "The Kestrel Shipping Company opened a new terminal on Monday. "
        '"We expect twice the traffic by spring," the company said.',
        {"speaker": "Kestrel Shipping Company"},
    ),
    # a description with a name set off by commas after it is that person
    (
        "appositive",
        '"We will hire about 150 engineers within months," said the company\'s chief executive, Leila Farouk, '
        "at the signing.",
        {"speaker": "Leila Farouk"},
    ),
    # the club manager is the person named before as a clause's subject
    (
        "definite",
        "Dario Ferrand, the Castleford manager, watched from the touchline.\n\n"
        '"We deserved all three points today," the Castleford manager said.',
        {"speaker": "Dario Ferrand"},
    ),
    # an unnamed manager is null with the club as affiliation
    (
        "fallback",
        '"We deserved all three points today and more," the Castleford manager said.',
        {"speaker": None, "speaker_reason": "unnamed manager of Castleford", "speaker_affiliation": "Castleford"},
    ),
]


def test_speaker_steps_run_in_this_order() -> None:
    order = [step for step, _, _ in SPEAKER_STEP_EXAMPLES]
    assert [s.name for s in speakers.SPEAKER_STEPS] == order
    # the module docstring lists them in the same order ("1. mention ...")
    listed = [line.split()[1] for line in (speakers.__doc__ or "").splitlines() if line[:1].isdigit()]
    assert listed == order


@pytest.fixture
def steps_taken(monkeypatch) -> list[str]:
    """The names of the speaker steps that decide while a test runs."""
    from claimx.nlp.linking import linker

    taken: list[str] = []

    def spy(span: tuple[int, int], ctx: speakers.SpeakerContext) -> speakers.Speaker:
        found = speakers.resolve_speaker(span, ctx)
        taken.append(found.step)
        return found

    monkeypatch.setattr(linker, "resolve_speaker", spy)
    return taken


@pytest.mark.model
@pytest.mark.parametrize(
    "step, text, expected", SPEAKER_STEP_EXAMPLES, ids=[step for step, _, _ in SPEAKER_STEP_EXAMPLES]
)
def test_each_speaker_step_decides_its_example(record_of, steps_taken, step, text, expected) -> None:
    (q,) = _quote_claims(record_of(text))
    assert steps_taken == [step]
    assert {key: q.get(key) for key in expected} == expected


@pytest.mark.model
def test_statement_speaker_named_as_a_quotes_speaker_is_that_entity(record_of) -> None:
    # One procedure for quotes and statements: a surname the model leaves untagged becomes a mention
    # wherever an attribution gives it, so the statement finds the entity the quote found.
    rec = record_of(
        'Banker Otto Vardakis faced the panel on Tuesday. "We made mistakes and we will fix every one of them," '
        "Vardakis said.\n\nVardakis said the lowest-paid workers earn twelve dollars an hour in cheap regions."
    )
    (s,) = _claims_of(rec, "statement")
    assert s["speaker"] == "Otto Vardakis"


@pytest.mark.model
def test_a_title_alone_in_a_headline_attribution_is_no_name(record_of) -> None:
    rec = record_of(
        "Senator from Varnia says she will not back the harbour budget this year.\n\n"
        "Senator Ilse Marrow of Varnia said on Monday that the budget was far too small for the port."
    )
    assert "Senator" not in [e["name"] for e in rec["entities"]]
    assert all(s["speaker"] != "Senator" for s in _claims_of(rec, "statement"))
    assert "Ilse Marrow" in [s["speaker"] for s in _claims_of(rec, "statement")]


@pytest.mark.model
def test_a_name_after_the_quote_beats_the_paragraph_before(record_of) -> None:
    # Each quote names its own speaker after it, so none continues the speaker of the quote before:
    # an attribution the parser split off as a sentence of its own, a multi-sentence quote whose parse
    # took a quoted word for the verb's subject, and a verb of saying the list lacked ("demanded").
    rec = record_of(
        "Jonas Brekke opened the rally in the square.\n\n"
        '"We will win this district and the next one too," Brekke said to the crowd.\n\n'
        '"Who would have believed that we would get this far in only a year?" Tamsin Orrell said, '
        "looking out at the crowd.\n\n"
        '"She would be a great mayor. Not good, great. One of the brightest people on the whole council," '
        "Rep. Halvard Moe (D-Varn.) said in a phone interview.\n\n"
        '"Why is this not clear proof that the port is too big to manage at all?" Ingrid Salo demanded.'
    )
    assert [q["speaker"] for q in _quote_claims(rec)] == [
        "Jonas Brekke",
        "Tamsin Orrell",
        "Halvard Moe",
        "Ingrid Salo",
    ]


@pytest.mark.model
def test_a_participle_after_a_name_is_that_persons_speech(record_of) -> None:
    # "footage of X saying ...": X speaks, not the ad that shows it
    rec = record_of(
        "A new ad from the Pall campaign seizes on remarks his rival made last week.\n\n"
        'The spot ends with footage of Osric Pall saying during the debate last week, "That makes me a careful man."'
    )
    (q,) = _quote_claims(rec)
    assert q["speaker"] == "Osric Pall"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        # the sentence before names the speaker, with no verb of saying
        (
            "Marta Keel summed up the danger with a metaphor. "
            '"A house on fire does not wait for the builders to agree on the colour of the door."',
            "Marta Keel",
        ),
        # ... or the previous paragraph's last sentence does, for a quote that opens its paragraph
        (
            '"We need the money now," Jonas Brekke said at the hearing.\n\n'
            "Governor Osric Pall was more careful than the mayor. Pall limited his remarks to the budget.\n\n"
            '"If a bridge cannot be kept safe, it should be closed."',
            "Osric Pall",
        ),
        # the quote is in the clause of a named person, with no verb of saying
        (
            "In a speech in May, Ingrid Salo attacked \u201cthe lazy habits of a council that never reads its own "
            "reports.\u201d",
            "Ingrid Salo",
        ),
    ],
)
def test_a_named_subject_speaks_a_quote_without_a_verb_of_saying(record_of, text: str, speaker: str) -> None:
    assert _quote_claims(record_of(text))[-1]["speaker"] == speaker
