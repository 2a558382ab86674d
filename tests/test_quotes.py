"""Quotations and their speakers: constructed cases, then the labelled seed sources."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from build_tools.extract.quotes import find_quotes, normalise_marks, normalise_quote
from build_tools.extract.speakers import find_entities, gender_of_given_name, given_names
from build_tools.model import ActorDef, Mention, Quote, SourceRef
from fixtures.extract.seeds import make_source, paragraph_at_line, seed_sources

LABELS = Path(__file__).parent / "labels" / "quotes.yml"


def person(id: str, name: str, *aliases: str) -> ActorDef:
    return ActorDef(id=id, name=name, kind="person", aliases=aliases)


ACTORS = (
    person("john-kerry", "John Kerry", "Kerry", "US Secretary of State John Kerry"),
    person("haider-al-abadi", "Haider al-Abadi", "al-Abadi", "Abadi"),
    person("philip-hammond", "Philip Hammond", "Hammond"),
    person("jens-stoltenberg", "Jens Stoltenberg", "Stoltenberg"),
    person("oana-lungescu", "Oana Lungescu", "Lungescu"),
    person("federica-mogherini", "Federica Mogherini", "Mogherini"),
    person("john-allen", "John Allen", "Allen"),
    person("walid-al-moualem", "Walid al-Moualem", "al-Moualem"),
    person("david-cameron", "David Cameron", "Cameron"),
    person("fumio-kishida", "Fumio Kishida", "Kishida"),
    person("shinzo-abe", "Shinzo Abe", "Abe"),
    person("jan-phillip-albrecht", "Jan Phillip Albrecht", "Albrecht"),
    ActorDef(id="nato", name="NATO", kind="organisation", aliases=("Nato",)),
    ActorDef(id="pentagon", name="Pentagon", kind="organisation"),
    ActorDef(id="united-states", name="United States", kind="country", aliases=("US", "Washington")),
    ActorDef(id="iraq", name="Iraq", kind="country", aliases=("Baghdad",)),
)

# Constructed cases use invented people so that nothing depends on the seed dossier.
PEOPLE = (
    person("maria-lind", "Maria Lind", "Lind"),
    person("tom-okafor", "Tom Okafor", "Okafor"),
    ActorDef(id="harbour-board", name="Harbour Board", kind="organisation"),
)


def quotes_of(*paragraphs: str, actors=PEOPLE, date: str = "2020-05-06") -> tuple[Quote, ...]:
    return find_quotes([make_source("s1", date, list(paragraphs))], actors, ())


def only(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment.lower() in q.text.lower()]
    assert len(hits) == 1, (fragment, quotes)
    return hits[0]


# -- constructed cases ----------------------------------------------------------------------------


def test_name_before_said_after_the_quote_is_the_speaker():
    q = only(quotes_of('"We will reopen the bridge in June," Lind said.'), "reopen the bridge")
    assert (q.speaker, q.speaker_text) == ("maria-lind", "Lind")
    assert q.text == "We will reopen the bridge in June"


def test_inverted_said_name_and_typographic_marks():
    q = only(quotes_of("“The tolls stay,” said Tom Okafor, the mayor."), "tolls stay")
    assert q.speaker == "tom-okafor"


def test_mixed_straight_and_typographic_marks_pair_up():
    quotes = quotes_of('“The first part,” Lind told reporters. “The second part," she added.')
    assert [q.text for q in quotes] == ["The first part", "The second part"]
    assert {q.speaker for q in quotes} == {"maria-lind"}


def test_quote_split_around_he_said_is_one_quotation():
    quotes = quotes_of('"We have finished, after long delays," Okafor said, "the northern pier."')
    assert len(quotes) == 1
    assert quotes[0].text == "We have finished, after long delays, the northern pier."
    assert quotes[0].speaker == "tom-okafor"


def test_quote_spanning_paragraphs_continues_where_next_paragraph_opens_with_a_mark():
    quotes = quotes_of(
        "Okafor spoke first.",
        '"The harbour will be dredged this year. It has not been dredged since the war.',
        '"We will find the money," he said.',
    )
    assert len(quotes) == 1
    q = quotes[0]
    assert "dredged since the war" in q.text and "find the money" in q.text
    assert q.speaker == "tom-okafor"
    assert [r.paragraph for r in q.sources] == ["p2"]


def test_pronoun_resolves_to_the_nearest_preceding_person():
    quotes = quotes_of(
        "Lind met the board on Monday.",
        "Later Okafor arrived with the plans.",
        '"The plans are final," he said.',
    )
    assert only(quotes, "plans are final").speaker == "tom-okafor"


def test_pronoun_after_unnamed_official_stays_with_the_official():
    quotes = quotes_of(
        "Lind opened the session.",
        "The senior harbour official said the budget had doubled.",
        '"It is a lot of money," he said.',
    )
    q = only(quotes, "lot of money")
    assert (q.speaker, q.speaker_text) == ("", "The senior harbour official")


def test_unnamed_speaker_is_kept_as_written():
    q = only(quotes_of('"No decision yet," a ministry spokesman told reporters.'), "No decision")
    assert (q.speaker, q.speaker_text) == ("", "a ministry spokesman")


def test_unnamed_description_resolves_where_the_source_names_the_holder():
    quotes = quotes_of(
        'A port spokeswoman said the cranes were "beyond repair".',
        "The cranes will be replaced, said Maria Lind, a port spokeswoman.",
    )
    q = only(quotes, "beyond repair")
    assert (q.speaker, q.speaker_text) == ("maria-lind", "A port spokeswoman")


def test_according_to_names_the_speaker():
    q = only(quotes_of('"Ships must wait," according to Okafor.'), "Ships must wait")
    assert q.speaker == "tom-okafor"


def test_scare_quotes_without_speech_verb_are_not_quotations():
    quotes = quotes_of(
        'The board wants to protect the harbour "brand", which attracts tourists, officials added.',
        'Residents call the pier the "old lady" of the coast.',
    )
    assert quotes == ()


def test_short_fragment_after_a_speech_verb_is_a_quotation():
    q = only(quotes_of('Lind said the delay was "simply unacceptable".'), "simply unacceptable")
    assert q.speaker == "maria-lind"


def test_unattributed_paragraph_quote_keeps_the_previous_speaker():
    quotes = quotes_of(
        '"We start on Monday," Okafor said.',
        '"Nobody will be left behind."',
    )
    assert only(quotes, "left behind").speaker == "tom-okafor"


def test_mentions_given_by_the_caller_name_the_speaker():
    # The alias "the harbourmaster" is not curated here: the caller's mention says who it is.
    text = '"The tide is late," the harbourmaster said.'
    start = text.index("the harbourmaster")
    source = make_source("s1", "2020-05-06", [text])
    mention = Mention("tom-okafor", SourceRef("s1", "p1"), "the harbourmaster", start, start + 17, text)
    (q,) = find_quotes([source], PEOPLE, [mention])
    assert q.speaker == "tom-okafor"


def test_same_quote_in_two_sources_is_merged_despite_punctuation_and_case():
    a = make_source("a", "2020-05-06", ['"We will rebuild the harbour, and quickly," Lind said.'])
    b = make_source("b", "2020-05-06", ["“we will rebuild the harbour and quickly”, Lind told reporters."])
    (q,) = find_quotes([b, a], PEOPLE, ())
    assert q.speaker == "maria-lind"
    assert [r.source for r in q.sources] == ["a", "b"]


def test_shorter_quote_contained_in_a_longer_one_is_merged():
    a = make_source("a", "2020-05-06", ['Lind promised to "rebuild the harbour stone by stone".'])
    b = make_source("b", "2020-05-06", ['"We will rebuild the harbour stone by stone, whatever it costs," Lind said.'])
    (q,) = find_quotes([a, b], PEOPLE, ())
    assert q.text.startswith("We will rebuild")
    assert {r.source for r in q.sources} == {"a", "b"}


def test_same_words_from_two_different_speakers_are_not_merged():
    a = make_source("a", "2020-05-06", ['"We will rebuild the harbour," Lind said.'])
    b = make_source("b", "2020-05-06", ['"We will rebuild the harbour," Okafor said.'])
    quotes = find_quotes([a, b], PEOPLE, ())
    assert sorted(q.speaker for q in quotes) == ["maria-lind", "tom-okafor"]


def test_normalise_quote_folds_case_apostrophes_and_punctuation():
    assert normalise_quote("We’re ready, NOW!") == normalise_quote("we're ready now")


def test_a_title_with_a_full_stop_stays_with_the_name_after_said():
    q = only(quotes_of('"The data are clear," said Dr. Maria Lind, the chief medical officer.'), "data")
    assert q.speaker == "maria-lind"


def test_a_body_that_speaks_is_kept_as_written_and_is_no_antecedent_of_she():
    quotes = quotes_of(
        'The three-judge panel said the owners had raised "a genuine dispute" about the ban.',
        '"We are pleased," she said.',
    )
    assert only(quotes, "genuine dispute").speaker_text == "The three-judge panel"
    assert only(quotes, "pleased").speaker_text != "The three-judge panel"


def test_a_described_speaker_after_an_inverted_question_is_kept():
    q = only(quotes_of('"Can you see any lights?" the police call handler asked.'), "lights")
    assert (q.speaker, q.speaker_text) == ("", "the police call handler")


def test_a_pronoun_before_anyone_is_named_is_the_first_person_named_after_it():
    quotes = quotes_of(
        'A girl is playing a man who she says afterwards "played really well, actually".',
        "Maria Lind is eleven.",
    )
    assert only(quotes, "played really well").speaker == "maria-lind"


def test_a_word_under_discussion_is_no_quotation():
    assert quotes_of('"Ruthless" is the key word. It was uncomfortable.') == ()


# -- the seed sources -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes() -> tuple[Quote, ...]:
    return find_quotes(seed_sources(), ACTORS, ())


def labels() -> list[dict]:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


def matching(quotes, label) -> list[Quote]:
    ref = paragraph_at_line(seed_sources(), label["file"], label["line"])
    wanted = normalise_quote(label["text"])
    return [
        q
        for q in quotes
        if any((r.source, r.paragraph) == ref for r in q.sources) and wanted in normalise_quote(q.text)
    ]


def same_unnamed(got: str, written: str) -> bool:
    """The unnamed speaker as written, or the first description of the same speaker in the
    source ("The senior US official" is "a senior State Department official" there)."""
    noise = {"a", "an", "the", "senior", "us"}
    g = set(normalise_quote(got).split()) - noise
    w = set(normalise_quote(written).split()) - noise
    return got.lower() == written.lower() or (
        normalise_quote(got).split()[-1:] == normalise_quote(written).split()[-1:] and (g <= w or w <= g)
    )


def test_attribution_accuracy_on_the_seed_labels_is_at_least_090(seed_quotes):
    correct = 0
    for label in labels():
        for q in matching(seed_quotes, label):
            if q.speaker != label["speaker"]:
                continue
            if not label["speaker"] and not same_unnamed(q.speaker_text, label["speaker_text"]):
                continue
            correct += 1
            break
    assert correct / len(labels()) >= 0.9


def test_every_quote_found_on_the_seeds_is_a_labelled_one(seed_quotes):
    sources = seed_sources()
    labelled = {paragraph_at_line(sources, lab["file"], lab["line"]) for lab in labels()}
    for q in seed_quotes:
        for ref in q.sources:
            assert (ref.source, ref.paragraph) in labelled, q


def test_for_as_long_as_it_takes_is_kerrys_merged_across_two_sources(seed_quotes):
    q = only(seed_quotes, "for as long as it takes")
    assert q.speaker == "john-kerry"
    files = {s.file[:3] for s in seed_sources() for r in q.sources if r.source == s.id}
    assert files == {"001", "003"}


def test_only_country_fighting_daesh_on_the_ground_is_al_abadis(seed_quotes):
    q = only(seed_quotes, "the only country in the Middle East who is really fighting Daesh")
    assert q.speaker == "haider-al-abadi"


def test_challenge_of_our_time_is_kerrys(seed_quotes):
    hits = [q for q in seed_quotes if "challenge of our time" in q.text.lower()]
    assert hits and {q.speaker for q in hits} == {"john-kerry"}


def test_scare_quotes_in_the_seeds_are_skipped(seed_quotes):
    texts = {normalise_quote(q.text) for q in seed_quotes}
    assert not texts & {"brand", "counter messages", "jihadi tourists"}


def test_output_does_not_depend_on_the_order_of_the_sources(seed_quotes):
    assert find_quotes(tuple(reversed(seed_sources())), ACTORS, ()) == seed_quotes


# -- ten pages on other subjects (tests/labels/other/) ------------------------------------------


def test_attribution_on_pages_about_other_subjects():
    from fixtures.extract.other import other_actors, other_sources
    from fixtures.extract.scoring import score_quotes

    found, right, precision = score_quotes(find_quotes(other_sources(), other_actors(), ()))
    assert found >= 0.95 and right >= 0.88 and precision.precision >= 0.95, (found, right, precision)


# -- real-copy failure classes ------------------------------------------------------------------


def test_unnamed_speakers_that_are_the_same_are_merged_within_a_source():
    quotes = quotes_of(
        '"The talks will go on," a senior State Department official said.',
        '"Nobody has left the table," A US state department official told reporters.',
    )
    assert {q.speaker_text for q in quotes} == {"a senior State Department official"}


def test_agency_closing_marks_and_inverted_said():
    quotes = quotes_of("\"I have a great love for my university,'' said Austin. \"But it is the people.''")
    assert [q.text for q in quotes] == ["I have a great love for my university", "But it is the people."]
    assert {q.speaker_text for q in quotes} == {"Austin"}


def test_guillemets_and_low_high_quotes_are_read():
    quotes = quotes_of("«Nous restons», a dit Lind.", "„Wir bleiben“, sagte Okafor, “bis morgen”.")
    assert [q.text for q in quotes][:1] == ["Nous restons"]
    assert any(q.text.startswith("Wir bleiben") for q in quotes)


def test_honorific_and_rank_before_a_name_give_the_person():
    q = only(quotes_of('"We hold the line," Lt. Gen. Maria Lind said.'), "hold the line")
    assert q.speaker == "maria-lind"


def test_appositive_between_name_and_verb_gives_the_person_not_the_body():
    actors = (*PEOPLE, ActorDef(id="sdny", name="Southern District of New York", kind="organisation"))
    q = only(
        quotes_of(
            '"No one is above the law," Geoffrey Berman, the U.S. attorney for the Southern District of New York, said.',
            actors=actors,
        ),
        "above the law",
    )
    assert q.speaker == "" and q.speaker_text == "Geoffrey Berman"


def test_pronoun_goes_to_the_nearest_person_of_its_gender():
    quotes = quotes_of(
        "Ms Lind met Mr Okafor at the harbour.",
        'Okafor spoke first, then Lind took questions. "We are ready," she said.',
    )
    assert only(quotes, "We are ready").speaker == "maria-lind"


def test_pronoun_is_not_someone_the_quote_is_about():
    quotes = quotes_of(
        '"The pier is safe," Okafor said.',
        'Lind should "stop scaring the town," he said.',
    )
    assert only(quotes, "stop scaring").speaker == "tom-okafor"


def test_addressee_is_not_the_speaker():
    q = only(quotes_of('"Resign now!" Lind yelled at Harbour Board chairman Tom Okafor.'), "Resign now")
    assert q.speaker == "maria-lind"


def test_role_noun_resolves_to_the_person_written_with_that_role():
    quotes = quotes_of(
        "Harbour Chief Tom Okafor closed the pier on Monday.",
        '"It was the only safe choice," the harbour chief said.',
    )
    assert only(quotes, "only safe choice").speaker == "tom-okafor"


def test_body_noun_and_it_resolve_to_the_organisation():
    quotes = quotes_of(
        "The Harbour Board met on Monday.",
        '"The fees stay," the board said. "We will review them in May," it said.',
    )
    assert {q.speaker for q in quotes} == {"harbour-board"}


def test_adverb_and_new_speech_verbs_between_name_and_verb():
    q = only(quotes_of('Okafor reportedly tweeted: "The ferry is back."'), "ferry is back")
    assert q.speaker == "tom-okafor"


def test_a_curated_attribution_wins_over_detection_and_is_marked():
    source = make_source("s1", "2020-05-06", ['"The bridge stays shut," Lind said.', '"The ferry runs," Okafor said.'])
    quotes = find_quotes([source], PEOPLE, (), {"s1": [("The bridge stays", "tom-okafor")]})
    bridge = only(quotes, "bridge stays")
    assert (bridge.speaker, bridge.origin) == ("tom-okafor", "curated")
    ferry = only(quotes, "ferry runs")
    assert (ferry.speaker, ferry.origin) == ("tom-okafor", "detected")


def test_attributions_in_sources_yml_are_read_and_checked_with_file_and_line(tmp_path):
    from build_tools.load import load_source_metas
    from build_tools.yamlfile import DossierError

    good = tmp_path / "good.yml"
    good.write_text('a.txt:\n  attributions:\n    "The bridge stays": tom-okafor\n', encoding="utf-8")
    meta, _line = load_source_metas(good, "sources.yml", {"tom-okafor"})["a.txt"]
    assert meta.attributions == (("The bridge stays", "tom-okafor"),)
    for text, line, words in [
        ('a.txt:\n  attributions:\n    "The bridge stays": tom-okafr\n', 3, "did you mean 'tom-okafor'"),
        ("a.txt:\n  attributions: [tom-okafor]\n", 2, "must map the first words"),
        ('a.txt:\n  attributions:\n    "The bridge": [x]\n', 3, "must name an actor id"),
    ]:
        bad = tmp_path / "bad.yml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(DossierError) as exc:
            load_source_metas(bad, "sources.yml", {"tom-okafor"})
        assert str(exc.value).startswith(f"sources.yml:{line}:") and words in str(exc.value)


def test_someone_said_to_is_not_the_speaker():
    q = only(quotes_of("Ms Lind spoke first.", '"We stay," she said to Okafor.'), "We stay")
    assert q.speaker == "maria-lind"
    q = only(quotes_of('"We stay," said to Okafor the clerk Maria Lind.'), "We stay")
    assert q.speaker != "tom-okafor"


def test_the_owner_in_a_possessive_is_not_the_antecedent():
    quotes = quotes_of(
        "Okafor's spokeswoman condemned the video on Monday.",
        '"It is our policy not to comment," she added.',
    )
    assert only(quotes, "our policy").speaker != "tom-okafor"


def test_check_warns_of_an_attribution_that_starts_no_quotation_with_file_and_line(tmp_path):
    import shutil

    from click.testing import CliRunner

    from build_tools.cli import cli

    repo = Path(__file__).resolve().parents[1]
    root = tmp_path / "p"
    shutil.copytree(repo / "dossier", root / "dossier")
    shutil.copy2(repo / "mkdocs.yml", root / "mkdocs.yml")
    sources_yml = root / "dossier" / "sources.yml"
    text = sources_yml.read_text(encoding="utf-8")
    entry = "001_89d00abc43741284.txt:\n"
    assert entry in text
    added = (
        '  attributions:\n    "We will engage in this campaign": john-kerry\n    "We will win this war": john-kerry\n'
    )
    sources_yml.write_text(text.replace(entry, entry + added), encoding="utf-8")
    lines = sources_yml.read_text(encoding="utf-8").splitlines()
    typo_line = next(n for n, line in enumerate(lines, 1) if "We will win this war" in line)
    res = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert res.exit_code == 0, res.output
    assert f"dossier/sources.yml:{typo_line}: the attribution 'We will win this war'" in res.output
    assert "starts no quotation" in res.output
    # the attribution that matches a quotation raises no warning
    assert "'We will engage in this campaign'" not in res.output
    assert res.output.count("starts no quotation") == 1


def speakers_found(*paragraphs: str) -> dict[str, str]:
    """Quote start -> the speaker as written, with no curated actors (what the text alone says)."""
    source = make_source("s1", "2020-05-06", list(paragraphs))
    return {q.text[:24]: q.speaker_text for q in find_quotes([source], (), (), {})}


def assert_speaker(paragraphs: list[str], start: str, speaker: str | None) -> None:
    """The quotation opening with `start` in these paragraphs is given to `speaker`."""
    found = speakers_found(*paragraphs)
    got = next((s for text, s in found.items() if text.startswith(start)), None)
    assert got == speaker, found


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # an aside between the subject and its verb
        (['One resident, who asked not to be named, said: "The army fired first."'], "The army", "One resident"),
        (['The official, speaking on condition of anonymity, said: "We wait."'], "We wait", "The official"),
        (['"We wait," one witness told the BBC.'], "We wait", "one witness"),
        (['"We wait," Dr. Jane Smith, a surgeon at the hospital, told reporters.'], "We wait", "Jane Smith"),
        # a relative clause naming someone else closes before the verb: its head speaks
        (
            ["Smit, who had never met De Villiers, said he was impressed.", '"We spoke at length."'],
            "We spoke",
            "Smit",
        ),
        # a person, then the body they work for
        (
            ['Eric Poklar of the Governor\'s Office of Health Transformation told reporters, "we are still deciding."'],
            "we are still",
            "Eric Poklar",
        ),
        # the name right after an inverted verb's role words, not a place further on
        (
            ['"It\'s big," said centre Daymond Langkow amid the euphoria of the win in Los Angeles.', '"It\'s tight."'],
            "It's tight",
            "Daymond Langkow",
        ),
        # "according to" a body, and documents that state
        (
            ['According to the Lebanese army, the bomb had been "placed inside a parked car".'],
            "placed inside",
            "the Lebanese army",
        ),
        (['"Children are to be protected," the brief states.'], "Children are", "the brief"),
        # a whole sentence after a colon, with no speech verb: the sentence's subject
        (
            [
                'The Department of Foreign Affairs raised the matter in a release from the office of Bill Graham: "It is an unfortunate reality."'
            ],
            "It is an unfortunate",
            "Department of Foreign Affairs",
        ),
        # a second piece of one reported sentence
        (
            ['Gates said Canada had "stepped up to the plate" and was playing a "significant role" there.'],
            "significant role",
            "Gates",
        ),
        # feet and inches open no quotation
        (
            ['After the final, sprinter Justin Gatlin proclaimed that the rangy 6\'5" record holder was "beatable."'],
            "beatable",
            "Justin Gatlin",
        ),
        # a capitalised word before a lower-case role and a name is whose role it is, not a person
        (
            [
                "Real Madrid play at Levante on Sunday.",
                '"Titles are won in places like Levante," said Real coach Bernd Schuster.',
            ],
            "Titles are won",
            "Bernd Schuster",
        ),
        (
            [
                "Under-siege Kiwis coach Gary Kemble has resigned.",
                "The way is clear for the Kiwis after club boss Bruno Cullen said on Friday the coach would be free.",
                '"We are not going to stand in anyone\'s way," he told AAP.',
            ],
            "We are not going",
            "Bruno Cullen",
        ),
        # paragraphs wholly of a speaker's words are no distance between a pronoun and its person
        (
            [
                "Wurz says he is looking forward to the challenge.",
                '"I am delighted to be joining," he said.',
                '"Honda has such a rich history.',
                '"This is an excellent opportunity.',
                '"My three previous teams have all been winners."',
                "He will test in Valencia and says he is looking forward to working with Jenson Button and Rubens Barrichello.",
                '"I am also looking forward to working with them," he said.',
            ],
            "I am also looking",
            "Wurz",
        ),
        # a paragraph ending in a colon introduces the quotation paragraph after it: its
        # sentence's subject speaks, or the first he/she in it
        (
            [
                "Troy Carter spoke at the conference in London about Lady Gaga.",
                "Carter's comments about the network focused on owning the data:",
                '"We have never had a direct relationship with the audience."',
            ],
            "We have never had",
            "Troy Carter",
        ),
        (
            [
                "Troy Carter spoke at the conference in London about Lady Gaga.",
                "To some degree he summed up that perspective in a quick interview after his talk:",
                '"I think it is very important for an artist to be in control of their community."',
            ],
            "I think it is very",
            "Troy Carter",
        ),
        # a sentence whose subject is the same pronoun after an opening phrase goes on with it
        (
            [
                "Troy Carter spoke in London.",
                "In his appearance he dug into how Lady Gaga uses Twitter and Little Monsters to reach fans.",
                '"We basically got into technology by default," he said.',
            ],
            "We basically got",
            "Troy Carter",
        ),
        # a possessive that owns no person ("Kemble's tenure") is a pronoun's antecedent; the
        # one a sentence makes speak comes before someone it only names
        (
            [
                '"I deliberately stayed away from any comment," Gary Kemble said.',
                "Kemble's tenure got off to a disastrous start, with a whitewash by Great Britain.",
                '"This whole business has been difficult for them," he said.',
            ],
            "This whole business",
            "Gary Kemble",
        ),
        (
            [
                "Wayne Bennett is a front runner after club boss Bruno Cullen said on Friday the coach would be free.",
                '"We have always encouraged players here," he told AAP.',
            ],
            "We have always",
            "Bruno Cullen",
        ),
        # a description after a quotation that the one named first cannot hold is the other
        # person just named
        (
            [
                "Portsmouth manager Harry Redknapp did not appear at the news conference, which was taken by his assistant Joe Jordan.",
                '"We had a little bit of a laugh about the speculation," the former Leeds striker said.',
            ],
            "We had a little bit",
            "Joe Jordan",
        ),
        # an appositive whose closing comma the copy left out still gives the person
        (
            [
                'Habeeb Nizamudin, a growth officer of the media planning agency Lodestar Universal said: "The whole country is against them."'
            ],
            "The whole country",
            "Habeeb Nizamudin",
        ),
        (
            ['Jane Smith, a spokeswoman for the city council said: "We wait for the report."'],
            "We wait for",
            "Jane Smith",
        ),
        # a relative clause with no commas about it between the subject and the verb
        (
            [
                "Such posts are a worrying trend.",
                'A California woman whose post went viral told a local news crew she would not "care one bit" if it happened.',
            ],
            "care one bit",
            "A California woman",
        ),
        # verbs that name or contend: the words quoted after them are the subject's
        (
            ['Pittsburgh running back Willie Parker calls them "the Steelers of the South."'],
            "the Steelers of",
            "Willie Parker",
        ),
        (
            ['Former secretary Norm Mineta contends networking is the "next step in the evolution of safety."'],
            "next step in",
            "Norm Mineta",
        ),
        (['Chris Urmson referred to smart cars as "autono-vehicles," a new word.'], "autono-vehicles", "Chris Urmson"),
    ],
)
def test_news_copy_conventions_name_the_speaker(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_a_surname_that_speaks_names_a_person_even_after_to_and_a_pronoun_chain_follows_it():
    found = speakers_found(
        "My first question went to Ashish Thakkar, the chief executive of the group.",
        "He visits programs like 500 Startups and Y Combinator.",
        'He raises the same points with governments. "The answer is small business," he said.',
        '"We have a fire in our belly," said Thakkar.',
    )
    assert found["The answer is small busi"] != "Y Combinator"
    assert found["We have a fire in our be"] == "Ashish Thakkar"


def test_a_definite_description_is_the_person_just_named_and_initials_make_a_name():
    found = speakers_found(
        "Blackburn's Mark Hughes said he does not expect an offer.",
        "Hughes is a leading candidate, but the Blackburn manager said he had no contact.",
        '"There\'s always speculation when a big job comes up," the former Barcelona striker said.',
    )
    assert found["There's always speculati"] == "Mark Hughes"
    found = speakers_found(
        "Gamez finished one stroke clear of DJ Trahan.",
        "Despite carding a 68, Trahan was still surprised to finish second.",
        '"You come here and expect to shoot six under," he said.',
    )
    assert found["You come here and expect"] == "DJ Trahan"


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # an inverted aside before the quotation: "..., said the report, "...""
        (
            [
                "The ruling released Thursday by the Canadian Transportation Agency sets a deadline.",
                'Current pricing practices, said the report, "represent an economic disadvantage."',
            ],
            "represent an",
            "Canadian Transportation Agency",
        ),
        # "added" goes on with the speaker just quoted, whatever the description's role
        (
            [
                "Nasa astronaut Sally Ride died on Monday.",
                'Her former husband Steve Hawley said in a statement: "Sally was a private person."',
                'The former astronaut, who was married to Ride for five years, added: "I was privileged."',
            ],
            "I was privileged",
            "Steve Hawley",
        ),
        # a role word written before a name, in lower case, is that person's role
        (
            [
                "Fees are low, according to principal Fazl Rahim.",
                'The committee keeps the school open, the principal said. "They direct the teachers," he said.',
            ],
            "They direct",
            "Fazl Rahim",
        ),
    ],
)
def test_second_references_name_the_speaker(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_a_long_piece_after_reported_speech_goes_on_with_that_speaker_but_a_title_does_not():
    found = speakers_found(
        'Devices clip on too easily, Olander said. Plus, everyone sees your wrist and "you want to have '
        'this as a symbol of your goal." The group cited "A Study of Harbour Fees in the North Sea".'
    )
    assert found["you want to have this as"] == "Olander"
    assert not any(text.startswith("A Study") for text in found)


def test_a_heading_between_a_pronoun_and_its_person_names_no_antecedent():
    source = make_source(
        "s1",
        "2020-05-06",
        [
            "Troy Carter was interviewed at the conference. He spoke about fans.",
            "Troy Carter Hallway Interview",
            '"I think it is very important for an artist to own the platform," he said.',
        ],
    )
    paragraphs = list(source.paragraphs)
    paragraphs[1] = dataclasses.replace(paragraphs[1], kind="heading")
    source = dataclasses.replace(source, paragraphs=tuple(paragraphs))
    (quote,) = find_quotes([source], (), (), {})
    assert quote.speaker_text == "Troy Carter"


def test_a_title_with_its_full_stop_after_a_place_or_a_body_leads_to_the_name():
    found = quotes_of(
        '"We have two crashes here," said Harbour Police Const. Dan Reyes.',
        '"That would matter," said former Ohio Gov. Peter Hale, who lost in 1990.',
        '"Slow down," said Det. Ana Vidal.',
        actors=(),
    )
    assert only(found, "two crashes").speaker_text == "Dan Reyes"
    assert only(found, "would matter").speaker_text == "Peter Hale"
    assert only(found, "slow down").speaker_text == "Ana Vidal"


def test_a_document_speaks_for_the_one_who_put_it_out():
    found = quotes_of(
        "Chief Pat Moran responded to the report with an open letter to residents.",
        '"We will act on every finding," the letter said.',
        actors=(),
    )
    assert only(found, "every finding").speaker_text == "Pat Moran"


def test_an_aside_between_dashes_stands_between_a_body_and_its_verb():
    found = quotes_of(
        'The Coalition - which represents 40 towns near the Harbour Board - said: "The cuts will hurt."',
        actors=(),
    )
    assert only(found, "cuts will hurt").speaker_text == "Coalition"


def test_it_said_stands_for_a_one_word_body_the_copy_describes_or_calls_its():
    apposed = quotes_of(
        "Zento, a Chinese web portal, denied the Daily Courier report.",
        '"We will publish our accounts," it said.',
        actors=(),
    )
    assert only(apposed, "publish our accounts").speaker_text == "Zento"
    its = quotes_of(
        "From Ana Vidal at the Daily Courier:",
        "Zento published a message on its official account suggesting it could be a fault.",
        '"Parts of the site cannot be shown," it said.',
        actors=(),
    )
    assert only(its, "cannot be shown").speaker_text == "Zento"


def test_a_description_the_copy_set_in_apposition_with_a_body_stands_for_it():
    found = quotes_of(
        "Acme Corp, the carmaker, cut 300 jobs on Monday, the Daily Courier reported.",
        '"We had no choice," the carmaker said.',
        actors=(),
    )
    assert only(found, "no choice").speaker_text == "Acme Corp"
    # "..., Zento, the agency said": an attribution after a name, no apposition
    attributed = quotes_of(
        "A third of the money would go to Zento, the agency said.",
        '"There is no case for it," the agency said.',
        actors=(),
    )
    assert only(attributed, "no case").speaker_text != "Zento"


def test_the_democrat_is_a_second_reference_to_a_person_not_a_name():
    found = quotes_of(
        '"We will win," said Tom Reyes, a Democrat from Ohio.',
        '"We need the votes," the Democrat added.',
        actors=(),
    )
    assert only(found, "need the votes").speaker_text == "Tom Reyes"


def test_a_role_word_opening_a_sentence_before_a_role_is_no_body():
    entities, _found = find_entities(
        ["The company said it would cut jobs. Chief executive Ana Ruiz said she regretted it."], lambda p, s: False
    )
    assert sorted(e.name for e in entities.values()) == ["Ana Ruiz"]
    found = quotes_of(
        "The company said it would cut jobs. Chief executive Ana Ruiz said she regretted it.",
        '"We had no choice," it said.',
        actors=(),
    )
    assert only(found, "no choice").speaker_text == "The company"


def test_quoted_as_saying_attributes_like_said():
    found = quotes_of(
        "Ana Ruiz spoke in the morning.",
        '"This is a disgrace," Ruiz was quoted as saying by the agency.',
        'Tom Berg was quoted as saying: "We will appeal."',
        actors=(),
    )
    assert only(found, "disgrace").speaker_text in ("Ruiz", "Ana Ruiz")
    assert only(found, "will appeal").speaker_text == "Tom Berg"


def test_an_opening_mark_typed_for_a_closing_one_closes_the_quotation():
    assert normalise_marks("“We will win,“ he said. “Yes.“") == "“We will win,” he said. “Yes.”"
    assert normalise_marks("“The “Paradise City” game,” he said.") == "“The “Paradise City” game,” he said."
    found = quotes_of("“We will win,“ said Ana Ruiz. “We have the votes.“", actors=())
    assert {q.speaker_text for q in found} == {"Ana Ruiz"}
    assert any("have the votes" in q.text for q in found)


def test_people_at_a_body_are_the_subject_not_the_body():
    found = quotes_of(
        "Officials at the ministry said the talks had failed.",
        '"There is no deal," they said.',
        actors=(),
    )
    assert only(found, "no deal").speaker_text == "Officials at the ministry"


def test_a_surname_that_is_asked_or_responds_names_a_person_for_he_or_she():
    found = quotes_of("Ruiz was asked about the deal.", '"I have not seen it," she replied.', actors=())
    assert only(found, "not seen it").speaker_text == "Ruiz"
    found = quotes_of("Berg responded to the report.", '"It is wrong," he said.', actors=())
    assert only(found, "it is wrong").speaker_text == "Berg"


def test_a_body_before_plural_people_and_a_statement_from_someone_owned_stay_with_them():
    found = quotes_of(
        'Police sources said: "The car was stolen."',
        '"We are shocked," said a statement from her family.',
        actors=(),
    )
    assert only(found, "car was stolen").speaker_text == "Police sources"
    assert only(found, "are shocked").speaker_text == "her family"


def test_one_of_a_group_is_the_speaker_not_the_whole_group():
    found = quotes_of('"We will march again," one of the organisers said.', actors=())
    assert only(found, "march again").speaker_text == "one of the organisers"


# -- given names as evidence of a person and of gender ---------------------------------------------


def _kinds(*paragraphs: str) -> dict[str, tuple[str, str]]:
    entities, _found = find_entities(list(paragraphs), lambda pi, i: False)
    return {e.name: (e.kind, e.gender) for e in entities.values()}


def test_given_names_table_is_shipped_and_tells_gender():
    table = given_names()
    assert len(table) > 4000 and table["james"] > 0.95 and table["mary"] < 0.05
    assert gender_of_given_name("Geoffrey") == "m" and gender_of_given_name("Andrea") == "f"
    assert gender_of_given_name("Jordan") == "" and gender_of_given_name("Zango") == ""
    # other countries' names, with Cyrillic ones transliterated, and no common words
    assert gender_of_given_name("Alain") == "m" and gender_of_given_name("Olaf") == "m"
    assert gender_of_given_name("Yuliya") == "f" and gender_of_given_name("Vladimir") == "m"
    assert "among" not in table and "zango" not in table


def test_a_name_from_another_country_makes_a_person_with_its_gender():
    kinds = _kinds("Dominik Hasek and Timea Bacsinszky were named in the report.")
    assert kinds["Dominik Hasek"] == ("person", "m")
    assert kinds["Timea Bacsinszky"] == ("person", "f")


def test_two_capitalised_words_with_no_sign_of_a_person_are_no_person():
    kinds = _kinds("Great Britain and Zango Astrology were named in the report.", "Y Combinator funds startups.")
    assert kinds["Great Britain"][0] == "organisation"
    assert kinds["Zango Astrology"][0] == "organisation"
    assert kinds["Y Combinator"][0] == "organisation"


def test_a_known_given_name_makes_a_person_with_its_gender():
    kinds = _kinds("Geoffrey Berman and Andrea Keller were named in the report.")
    assert kinds["Geoffrey Berman"] == ("person", "m")
    assert kinds["Andrea Keller"] == ("person", "f")


def test_the_text_gives_the_gender_over_the_given_name():
    kinds = _kinds("Andrea Rossi said he would appeal, and he said that he was calm.")
    assert kinds["Andrea Rossi"] == ("person", "m")


@pytest.mark.parametrize(
    "paragraph, name",
    [
        ("Fazl Rahim, 45, was named in the report.", "Fazl Rahim"),
        ("Fazl Rahim (45) was named in the report.", "Fazl Rahim"),
        ("Nasim Qureshi, who runs the school, was named in the report.", "Nasim Qureshi"),
        ("Katya Malofeeva of Renaissance Capital, an investment bank, was named.", "Katya Malofeeva"),
        ("Habeeb Nizamudin, a growth officer of the agency, was named.", "Habeeb Nizamudin"),
        ("The report named Ashish Thakkar. His company grew.", "Ashish Thakkar"),
        ("principal Fazl Rahim was named in the report.", "Fazl Rahim"),
    ],
)
def test_a_name_missing_from_the_table_is_a_person_with_other_evidence(paragraph, name):
    assert _kinds(paragraph)[name][0] == "person"


def test_a_surname_the_source_uses_as_a_person_elsewhere_makes_the_full_name_a_person():
    kinds = _kinds("Fazl Rahim was named in the report.", "Rahim, who runs the school, was not there.")
    assert kinds["Fazl Rahim"][0] == "person"


def test_a_body_word_before_the_name_makes_an_organisation_even_when_it_speaks():
    kinds = _kinds("Habeeb Nizamudin, a growth officer of the agency Lodestar Universal said the brand would suffer.")
    assert kinds["Lodestar Universal"][0] == "organisation"
    assert kinds["Habeeb Nizamudin"][0] == "person"


def test_a_single_word_is_not_linked_to_the_body_whose_name_it_starts():
    source = make_source(
        "s1",
        "2020-05-06",
        ["Zango Astrology is an app sold in stores.", '"We never paid for it," Zango told reporters.'],
    )
    (quote,) = find_quotes([source], (), (), {})
    assert quote.speaker_text == "Zango"


def test_a_pronoun_goes_to_the_person_whose_given_name_has_its_gender():
    found = speakers_found(
        "Geoffrey Berman met Katya Malofeeva at the bank on Monday.",
        '"I actually expected this to happen," she said.',
    )
    assert found["I actually expected this"] == "Katya Malofeeva"


# -- pronouns and names in wider news copy ---------------------------------------------------------


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # someone the quoted words speak of in the third person is not their speaker
        (
            [
                "Pat Okoro persuaded Dan Whitcombe to take the job, and the former coach hopes he will be as lucky.",
                '"Mr Okoro is a very persuasive man. He is not easy to turn down," he said.',
            ],
            "Mr Okoro is a very",
            "Dan Whitcombe",
        ),
        # a person named in an aside between dashes is not the one the sentence is about
        (
            [
                "Nationality is no issue for Dan Whitcombe - his predecessor Lawrie Banfield insisted on "
                "signing local players - but height will be a factor.",
                '"The imbalance in the team comes from the lack of size," he said.',
            ],
            "The imbalance in the",
            "Dan Whitcombe",
        ),
        # the speech verb of a relative clause inside a reported sentence is not its verb
        (
            [
                "Jason Morrow will direct the show.",
                'He said the music by Tesora, who wrote songs for two shows, has "some good rock and soul in it."',
            ],
            "some good rock and soul",
            "Jason Morrow",
        ),
        # the pronoun of an opening clause looks ahead to the person of the main clause
        (
            [
                "Steve Stricker shot 65 to get back in the game.",
                "If he keeps his lead, it might be a good omen for John Choi.",
                '"OK," he said. "I will try."',
            ],
            "OK",
            "John Choi",
        ),
        # initials before a surname make one name, and the surname alone is that person
        (
            [
                "K.J. Choi had a two-shot lead. Steve Stricker shot 65.",
                "Choi was told he had never lost from there.",
                '"OK," he said. "I will try."',
            ],
            "OK",
            "K.J. Choi",
        ),
        # "offered" after the closing mark speaks
        (
            [
                '"We have to shoot more," Alain Vigneault said.',
                '"I think we try to make too many nice plays," Sami Salo offered.',
            ],
            "I think we try to make",
            "Sami Salo",
        ),
    ],
)
def test_pronouns_and_names_in_wider_news_copy(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_a_publication_in_single_quotes_is_an_organisation_and_no_antecedent():
    kinds = _kinds("He was quoted as saying in the 'Dominican Post'.")
    assert kinds["Dominican Post"][0] == "organisation"
    found = speakers_found(
        '"They ran off to tell the teacher," John Morrison said.',
        "\"It is childish,\" he was quoted as saying in the 'Dominican Post'.",
        '"A lot of good cricket people will not like it," he added.',
    )
    assert found["A lot of good cricket pe"] == "John Morrison"


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # a body described in the lead before it is named
        (
            [
                'ABUJA (Reuters) - A leading militant group said on Thursday it sponsored "freelance fighters" '
                "who shot at six ships.",
                "Violence against oil companies has been on the rise since September.",
                "In an email, the Movement for the Emancipation of the Delta (MED) said it sponsored gunmen.",
            ],
            "freelance fighters",
            "MED",
        ),
        # "her foundation": the body named after the person "her" stands for
        (
            [
                "Sally Rede, the first American woman in space, has died at 61.",
                "In 2001, Rede founded Sally Rede Science to bring girls to science.",
                'Her foundation said in its press release: "After retiring, Sally used her high profile to help."',
            ],
            "After retiring, Sally",
            "Sally Rede Science",
        ),
        # a role owning the words after a colon, held by a person titled with it
        (
            [
                "President Obanda came out swinging on Monday against Mitt Romsey.",
                "Romsey has been criticising the remark for a week.",
                "The president's original statement:",
                '"If you were successful, somebody along the line gave you some help."',
            ],
            "If you were successful",
            "Obanda",
        ),
    ],
)
def test_bodies_and_roles_named_before_or_after_they_speak(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_a_title_before_a_single_name_makes_a_person_but_not_a_role_word():
    kinds = _kinds("President Obanda came out swinging on Monday.", "The Prime Minister spoke too.")
    assert kinds["Obanda"][0] == "person"
    assert "Minister" not in kinds


def test_a_plural_noun_for_people_with_a_relative_clause_speaks_but_a_surname_does_not():
    found = speakers_found(
        'An agency spokeswoman said: "The agency is aware of the risk."',
        'Haemophiliacs who were infected with HIV in the 1980s described the blunder as an "absolute disgrace".',
    )
    assert found["absolute disgrace"] == "Haemophiliacs"
    found = speakers_found('Peter Rogers spoke first. Rogers who was there said "it was a good day for us all".')
    assert found["it was a good day for us"] == "Peter Rogers"


def test_one_name_after_a_noun_for_a_person_is_a_person_but_a_title_before_a_body_is_not():
    found = speakers_found(
        "George Bush visited the school last year.",
        "Another schoolboy, first-grader Saeedullah, spoke of his plans. "
        '"I want to become a doctor to give medicine to the sick," he said.',
    )
    assert found["I want to become a docto"] == "Saeedullah"
    kinds = _kinds(
        "She was a Professor of Physics at the car maker General Motors, near General Hospital.",
        "Names of former Prime Ministers were read under the Justice Law.",
    )
    assert not {"Physics", "Motors", "Hospital", "Ministers", "Law"} & {k for k, v in kinds.items() if v[0] == "person"}


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # one long description after the closing mark, no clause in it
        (
            [
                "Party president Ong Kah Teng called for an emergency meeting on Wednesday.",
                '"A key politician has confessed to a disgusting act," a youth wing division of the '
                "opposition Pan-Malaysian Islamic Party said in a statement.",
            ],
            "A key politician has con",
            "a youth wing division of the opposition Pan-Malaysian Islamic Party",
        ),
        # "with <people> calling for": the noun phrase before the participle speaks
        (
            [
                "The criticism has spread to other sports, with three members of the country's Hall of Fame "
                'calling for the team\'s "moral compass to be returned".',
            ],
            "moral compass to be retu",
            "three members of the country's Hall of Fame",
        ),
    ],
)
def test_unnamed_speakers_in_long_descriptions(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # whoever is told is addressed, never the speaker
        (
            ['"There will be no deal," a senior official, speaking on condition of anonymity, told AFP.'],
            "There will be no deal",
            "a senior official",
        ),
        # a source close to the talks, a person familiar with the plan
        (
            ['"The talks have stalled," a source close to the negotiations said.'],
            "The talks have stalled",
            "a source close to the negotiations",
        ),
        # people by role and where they work
        (
            ['"The market is nervous," analysts at Barclays wrote in a note.'],
            "The market is nervous",
            "analysts at Barclays",
        ),
        # "another diplomat" is someone new, not the one just quoted
        (
            ['A European diplomat said: "Nobody wants this." Another diplomat added: "It is a mess."'],
            "It is a mess",
            "Another diplomat",
        ),
        # an age, a family, a nationality: second references to the person just named
        (
            ["Tom Brennan was arrested in 2005.", '"I did nothing wrong," the 45-year-old said.'],
            "I did nothing wrong",
            "Tom Brennan",
        ),
        (
            ["Sarah Palmer, 34, lost her home in the flood.", '"We have nothing left," the mother-of-two said.'],
            "We have nothing left",
            "Sarah Palmer",
        ),
        (
            ["Andy Murray beat Rafael Nadal in Paris.", '"It was the best match of my life," the Briton said.'],
            "It was the best match of",
            "Andy Murray",
        ),
        (
            [
                "Chelsea boss Avram Grant praised his side.",
                '"We never give up," said Grant.',
                '"Anything can happen," the Israeli said.',
            ],
            "Anything can happen",
            "Avram Grant",
        ),
        # "the bank", "the club": the organisation the source names
        (
            ["HSBC cut its forecast on Monday.", '"Growth will slow," the bank said.'],
            "Growth will slow",
            "HSBC",
        ),
    ],
)
def test_descriptions_of_speakers_in_agency_copy(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_a_nationality_adjective_still_opens_a_name():
    kinds = _kinds("The Canadian Transportation Agency ruled on Thursday.", "The Briton said he was tired.")
    assert kinds["Canadian Transportation Agency"][0] == "organisation"
    assert "Briton" not in kinds


def test_another_unnamed_speaker_is_not_merged_with_the_first():
    found = speakers_found(
        'A diplomat said: "Nobody wants this."',
        'Another diplomat said: "It is a mess."',
        'A US diplomat said: "We will see."',
    )
    assert found["It is a mess."] == "Another diplomat"
    assert found["We will see."] == "A diplomat"


def test_a_family_name_written_first_is_no_given_name():
    assert "tan" not in given_names()  # "Tan Kok Hong"


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # a person described in the lead, named later saying it with the same verb
        (
            [
                'Gordon Brawn promised "real changes" in 2008 as a senior Cabinet ally warned that Tory '
                'messages were "resonating" with voters.',
                "The Prime Minister used his New Year message to speak of the economy.",
                "And Justice Secretary Jack Strow conceded the Opposition were appealing and warned that "
                "Labour needed to show progress.",
            ],
            "resonating",
            "Jack Strow",
        ),
        # "the prior report": the report the source introduced, however far back
        (
            [
                "Rebels continue to recruit children, Secretary-General Ban Ki-moon said in a new report.",
                *["Fighting went on in the north and the east of the country for weeks."] * 8,
                'The prior report also asked all parties to "recognize and commit to maintaining the '
                'neutrality of schools."',
            ],
            "recognize and commit to",
            "Ban Ki-moon",
        ),
    ],
)
def test_speakers_introduced_before_or_named_after(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_words_in_the_first_person_are_the_acting_subjects_speech_but_a_title_is_not():
    found = speakers_found(
        "President Obanda came out swinging on Monday.",
        "Speaking to a crowd of 2,000 supporters in Oakland, Calif., the president slammed his challenger "
        'Mitt Romsey, accusing him of "knowingly twisting my words around to suggest that I do not value '
        'small business." Romsey watched "I Am Legend Again" that night.',
    )
    assert found["knowingly twisting my wo"] == "Obanda"
    assert not any(text.startswith("I Am Legend") for text in found)


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # a noun in -ly is no adverb between subject and verb
        (['"We are relieved he is home," the family said.'], "We are relieved", "the family"),
        (['"The ceasefire is over," the state-run daily reported.'], "The ceasefire is", "the state-run daily"),
        (['"We are relieved," relatives said.'], "We are relieved", "relatives"),
        # a description after the closing mark, inverted: the person just named
        (
            ["Ricky Pontin made a century on Monday.", '"It was a good day," said the batsman.'],
            "It was a good",
            "Ricky Pontin",
        ),
        # a description opening its sentence after a short clause: the person just named or quoted
        (
            ['"We want trade," John Howell said on Monday.', 'Asked about China, the premier said: "We want peace."'],
            "We want peace",
            "John Howell",
        ),
        # ... unless the role is written of someone else since
        (
            ["John Howell met the premier on Monday.", 'Asked about China, the premier said: "We want peace."'],
            "We want peace",
            "the premier",
        ),
        # a title in capitals is no "as"
        (['"The club is in trouble," the Spanish sports daily AS reported.'], "The club is in", "AS"),
        (['"The club is in trouble," AS reported.'], "The club is in", "AS"),
        (['"The club is in trouble," AS reported on Monday.'], "The club is in", "AS"),
        # "the report" is the claim the source said was made by a body, however far back
        (
            [
                "Real Madrid are ready to pay a record fee for Cristiano Ronaldo.",
                "This is the front-page claim made on Saturday by sports daily AS.",
                "Real president Ramon Calderon is prepared to pay.",
                'The report claims that Calderon wants to liven up the team with a "media star", and '
                "has given up on Kaka.",
            ],
            "media star",
            "AS",
        ),
        # an aside about the subject does not count against the attribution's length
        (
            [
                '"It exists only on paper," Defence Secretary Gotabhaya Rajapakse, who is the younger brother of '
                "the president, told the Daily News."
            ],
            "It exists only",
            "Gotabhaya Rajapakse",
        ),
        # a document that claims or states before the quotation
        (['The report claims that "the army fired first at the crowd."'], "the army fired", "The report"),
        # French, German and Spanish speech verbs and marks
        (["« Nous ne céderons pas », a déclaré Emmanuel Macron."], "Nous ne céderons", "Emmanuel Macron"),
        (["« Nous ne céderons pas », a affirmé le ministre Bruno Le Maire."], "Nous ne céderons", "Bruno Le Maire"),
        (
            ["Emmanuel Macron était à Berlin lundi.", "« Nous ne céderons pas », a-t-il dit."],
            "Nous ne céderons",
            "Emmanuel Macron",
        ),
        (["Selon Emmanuel Macron, « la France ne cédera pas »."], "la France ne", "Emmanuel Macron"),
        (["„Wir schaffen das“, sagte Angela Merkel."], "Wir schaffen das", "Angela Merkel"),
        (
            ["Angela Merkel war am Montag in Paris.", "„Wir schaffen das“, sagte sie."],
            "Wir schaffen das",
            "Angela Merkel",
        ),
        (["„Das ist klar“, erklärte Olaf Scholz am Montag."], "Das ist klar", "Olaf Scholz"),
        (["»Wir schaffen das«, sagte Angela Merkel."], "Wir schaffen das", "Angela Merkel"),
        (["«No vamos a ceder», dijo Pedro Sánchez."], "No vamos a ceder", "Pedro Sánchez"),
        (["«No vamos a ceder», afirmó el presidente Pedro Sánchez."], "No vamos a ceder", "Pedro Sánchez"),
        (["Según Pedro Sánchez, «no vamos a ceder»."], "no vamos a ceder", "Pedro Sánchez"),
    ],
)
def test_nouns_in_ly_descriptions_capitals_documents_and_other_languages(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_a_foreign_verb_inside_the_quotation_is_left_as_written():
    found = speakers_found("« Il a déclaré la guerre », a dit Emmanuel Macron.")
    assert found == {"Il a déclaré la guerre": "Emmanuel Macron"}


def test_guillemets_turned_about_open_only_when_the_other_one_follows():
    assert normalise_marks("»a« und »b«") == "“a” und “b”"
    assert normalise_marks("« a » et « b »") == "“ a ” et “ b ”"
    assert not speakers_found("Home » News » World", "He said it was fine.")


def test_an_apostrophe_saved_as_a_question_mark_is_an_apostrophe_again():
    assert normalise_marks("It?s Ana?s and they?re sure. Why?") == "It’s Ana’s and they’re sure. Why?"
    assert normalise_marks("Was it?  Yes?No") == "Was it?  Yes?No"
    found = quotes_of(
        'Ana Vidal, a spokeswoman for Reyes?s family, told a station the family took it "as you would expect."',
        actors=(),
    )
    assert only(found, "as you would expect").speaker_text == "Ana Vidal"


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # the office of a body, opening its sentence, is held by the person just named
        (
            [
                "Marco Rossi believes the team has the edge.",
                "The Scuderia's president explained that the drivers will matter.",
                '"We can count on two strong drivers," he said.',
            ],
            "We can count",
            "Marco Rossi",
        ),
        # ... but a person's spokesman is someone else
        (
            [
                "Gordon Brown spoke on Monday.",
                "Brown's spokesman explained that the plan was fine.",
                '"It is settled," he said.',
            ],
            "It is settled",
            "Brown's spokesman",
        ),
        # a title before the name of an appositive's head is no lead: the person, not the body
        (
            ['Dame Mary Marsh, director and chief executive of the NSPCC, said: "We are worried about babies."'],
            "We are worried",
            "Mary Marsh",
        ),
        (['Sir John Smith, chairman of the BBC Trust, said: "We are worried about babies."'], "We are", "John Smith"),
        # a role noun after a French, German or Spanish verb: the person just named with that role
        (
            ["Pedro Sánchez llegó a Bruselas el lunes.", "«No vamos a ceder», dijo el presidente."],
            "No vamos",
            "Pedro Sánchez",
        ),
        (["«No vamos a ceder», dijo el ministro."], "No vamos", "el ministro"),
        (
            ["Emmanuel Macron était à Berlin lundi.", "« Nous ne céderons pas », a déclaré le président."],
            "Nous ne",
            "Emmanuel Macron",
        ),
        (
            ["Angela Merkel war am Montag in Paris.", "„Wir schaffen das“, sagte die Kanzlerin."],
            "Wir schaffen",
            "Angela Merkel",
        ),
        # a description opening the sentence before a colon, when the quotation names the last speaker
        (
            [
                '"We are ready," Joe Paterno said.',
                'The student used this in his rant to the crowd: "Joe Paterno is on his death bed! Find him a casket!"',
            ],
            "Joe Paterno is",
            "The student",
        ),
        # a paragraph of quotation after a sentence about a person that quotes no one
        (
            [
                '"We are ready," Gary Darnell said.',
                "When asked about it on Friday, Joe Paterno smiled and shrugged it off.",
                '"I think everybody has got to take things with a grain of salt."',
            ],
            "I think everybody",
            "Joe Paterno",
        ),
        # the question of an opening clause is not the speech the next paragraph goes on with
        (
            [
                '"We are ready," Joe Paterno said.',
                "When a reporter asked about the players, he brushed it off.",
                '"Forget about it, will you? Let us talk about the football game."',
            ],
            "Forget about it",
            "Joe Paterno",
        ),
        # more speech verbs ("chimed in", "mentioned")
        (
            [
                "Alex Ovechkin signed a new contract on Thursday.",
                '"A front tooth," added Ted Leonsis.',
                '"Maybe a razor," chimed in Ovechkin, who arrived unshaved.',
            ],
            "Maybe a razor",
            "Alex Ovechkin",
        ),
        (
            [
                "Kyle Baxter writes about apps.",
                'Loren Brichter spoke to me and he mentioned "faceless apps, doing neat things in the background".',
            ],
            "faceless apps",
            "Loren Brichter",
        ),
        # "the man behind" a body is a second reference; a clause going on after the closing mark
        # is no attribution
        (
            [
                "Kyle Baxter writes about apps.",
                "Loren Brichter met me on Monday. The man behind atebits said there will be an "
                '"explosion in innovation" when Apple lets Kyle Baxter try it.',
            ],
            "explosion in",
            "Loren Brichter",
        ),
        # an imperative opening a sentence is no given name ("Read Kyle's post")
        (
            ["Kyle Baxter said apps talk to each other.", "Read Kyle's post here.", '"This is a big change," he said.'],
            "This is a big",
            "Kyle Baxter",
        ),
        # a short name in brackets inside a description
        (
            ['"The matter was raised last year," a senior Pakistan Cricket Board (PCB) official told AFP.'],
            "The matter was",
            "a senior Pakistan Cricket Board (PCB) official",
        ),
        # a given name joined to its particle stands for the whole name ("Inzamam" for "Inzamam-ul Haq")
        (
            [
                "Pakistan captain Inzamam-ul Haq refused to play.",
                '"Pakistan should take the lead," Inzamam was quoted as saying in the media.',
            ],
            "Pakistan should",
            "Inzamam-ul Haq",
        ),
        # the chief of a body is its head, one office, and a link may cut the paragraph before
        (
            [
                "The head of the UN atomic watchdog, Mohamed ElBaradei, said he feared the worst.",
                '"I fear that chaos could take root," Mr ElBaradei told the pan-Arab daily',
                "Al-Hayat in an interview.",
                'The International Atomic Energy Agency (IAEA) chief stressed that he was "worried that '
                'nuclear weapons could fall into the hands of an extremist group."',
            ],
            "worried that",
            "Mohamed ElBaradei",
        ),
        (
            [
                "The head of the UN atomic watchdog, Mohamed ElBaradei, arrived on Monday.",
                'The IAEA chief said that he was "worried about the weapons in the region."',
            ],
            "worried about",
            "Mohamed ElBaradei",
        ),
        # "it" goes on with the body the sentences before are about, never with what "its" owns
        (
            [
                "Acme Corp disputes the report.",
                'It said ads for its Zango Astrology application were placed by partners. "We did not buy '
                'this ad," it said.',
            ],
            "We did not buy",
            "Acme Corp",
        ),
        # an age opening its sentence is the person just named
        (
            ["Roger Federer won in five sets.", 'The 34-year-old said: "I am tired but happy."'],
            "I am tired",
            "Roger Federer",
        ),
        # the one a newspaper quoted as saying
        (['"We have no choice," the newspaper quoted Ahmed Ali as saying.'], "We have no", "Ahmed Ali"),
        # the author of a statement, and people by what they know of
        (
            ['According to a statement from the ministry, "the talks will resume next week."'],
            "the talks will",
            "the ministry",
        ),
        (['Sources close to the talks said "a deal is near".'], "a deal is", "Sources close to the talks"),
        # a description, then the name it describes
        (['"This is an invasion," says the letter from the law firm Walsh.'], "This is an", "Walsh"),
        # an inverted description, then the name it is given; a quotation signed with a dash
        (['"My client is innocent," said his lawyer, John Reed.'], "My client", "John Reed"),
        (['"We will not give up" — Tom Hardy, union leader.'], "We will not", "Tom Hardy"),
        # a piece that ends a sentence reported by "she said" earlier in the paragraph
        (
            [
                "Kathleen Blanco spoke in Washington.",
                "She said small businesses were hard hit in her state. She provided a loan fund to help keep "
                'them afloat, "but some will never come back."',
            ],
            "but some will",
            "Kathleen Blanco",
        ),
        # a short piece shares the attribution that closes its sentence after a later quotation
        (
            [
                'While the risk of infection is "low" the matter is being taken "extremely seriously", '
                "Defence Minister Derek Twigg said."
            ],
            "low",
            "Derek Twigg",
        ),
        # one word that names a body ("security firm Fortinet", "Zango, which disputes") is "it"
        (
            [
                "Facebook blocked the Secret Crush widget.",
                "Zango, which disputes the characterisation of its software as adware, claims these figures "
                "are way off the mark.",
                "It said ads for its Zango Astrology application were placed by partners. "
                '"Although we did not purchase this ad directly, it was placed by a partner," it said.',
            ],
            "Although we did",
            "Zango",
        ),
        (
            [
                "The Secret Crush widget installs adware, security appliance firm Fortinet warned last week.",
                "We put these allegations to Fortinet and were told it stands by its research. "
                "\"After additional investigation, our research on the 'Secret Crush' widget was accurate,\" it said.",
            ],
            "After additional",
            "Fortinet",
        ),
        # "also" after a description opening its sentence goes on with the one just quoted
        (
            [
                "Nick Heidfeld finished fifth last year.",
                "The German, however, was cautious about his chances.",
                '"I am sure I can win races," he said.',
                "The BMW driver also admitted he is looking forward to racing.",
                '"For me as a driver it is more exciting."',
            ],
            "For me as a driver",
            "Nick Heidfeld",
        ),
        # a dateline before the head of an appositive, and a body after "to" in it, are no subject
        (
            [
                "New Delhi: State Bank of India (SBI), the lead bank to ailing Kingfisher Airlines, on Tuesday "
                'cautioned the carrier that it "will not fly" if it fails to bring in capital.'
            ],
            "will not fly",
            "State Bank of India",
        ),
        # a person, then where they work, joined by "at"
        (
            [
                'When Steve Kroft at CBS News asked the President why he "went out of his way to avoid the word", Obama smiled.'
            ],
            "went out of",
            "Steve Kroft",
        ),
        # an opening participle whose comma sits inside the closing mark
        (
            ["Declaring it a “massive fraud” and a “farce,” Facebook is demanding a judge dismiss the lawsuit."],
            "massive fraud",
            "Facebook",
        ),
        # a month as a surname ("Theresa May", "Mrs May"), never a date ("May 5")
        (["Theresa May told MPs the deal was done.", '"We have delivered," Mrs May said.'], "We have", "Theresa May"),
        (
            ["Jeremy Corbyn said the deal was bad, but Theresa May disagreed.", '"It is a good deal," she said.'],
            "It is a good",
            "Theresa May",
        ),
        # bodies: "the club", "according to the Pentagon", and one the copy names only as a subject
        (
            ["Manchester United beat Chelsea 2-1.", '"It was a great result," the club said on its website.'],
            "It was a great",
            "Manchester United",
        ),
        (['"No US troops were harmed," according to the Pentagon.'], "No US troops", "Pentagon"),
        (
            ["Greenpeace protested outside the plant.", '"This plant must close," the group said.'],
            "This plant",
            "Greenpeace",
        ),
        # more nouns for people, the last noun of a compound, people by what they know of
        (['"We heard a loud bang," a 45-year-old shopkeeper said.'], "We heard", "a 45-year-old shopkeeper"),
        (["One protester held a sign reading peace.", '"We want peace," he said.'], "We want", "One protester"),
        (['"They are devastated," said a family spokesman.'], "They are", "a family spokesman"),
        (
            ['"The talks are on the brink," people familiar with the matter said.'],
            "The talks",
            "people familiar with the matter",
        ),
        # people by where they work, written with "the"
        (
            ["Doctors at the hospital said the boy was stable.", '"He is a fighter," they said.'],
            "He is a fighter",
            "Doctors at the hospital",
        ),
        # a quotation opening a sentence after one about a named person, in the same paragraph
        (["Tom Hardy leads the union.", 'Hardy was blunt. "The plan is deeply flawed."'], "The plan", "Tom Hardy"),
        (['Tom Hardy pointed out that the plan was "deeply flawed".'], "deeply flawed", "Tom Hardy"),
        # a number closing a name ("France 24")
        (
            ['France 24 notes that, although "no group has taken responsibility, suspicions have focused on Syria."'],
            "no group has",
            "France 24",
        ),
        # a transcript's speaker, however short the words
        (["Joe Paterno spoke on Friday.", 'Paterno: "Said what?"'], "Said what", "Joe Paterno"),
    ],
)
def test_second_references_in_wider_news_copy(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


def test_one_asked_or_told_is_no_speaker():
    found = speakers_found('Joe Paterno was asked about the comments made by a "yell leader" at the rally.')
    assert found == {}


def test_pieces_of_one_sentence_cut_by_links_are_read_as_one():
    paragraphs = [
        "An editorial in Lebanon's French-language daily,",
        "L'Orient le Jour",
        ', today notes that the "implacable death machine" has killed many Lebanese political figures.',
    ]
    source = make_source("s1", "2020-05-06", paragraphs)
    (quote,) = find_quotes([source], (), (), {})
    assert quote.speaker_text == "L'Orient le Jour"
    # the quotation still points at the paragraph that holds it
    assert quote.sources == (SourceRef("s1", source.paragraphs[2].id),)


@pytest.mark.parametrize(
    "paragraphs, start, speaker",
    [
        # a compound description whose head no list holds ("defenseman"), after an age
        (
            ["Tom Hardy scored twice on Tuesday.", '"It was frustrating," the 19-year-old rookie defenseman said.'],
            "It was frustrating",
            "Tom Hardy",
        ),
        # a statement or report with the body named inside it is that body's
        (
            [
                "In a statement, the WWF said the plan had failed.",
                '"We have always welcomed partners," the WWF statement said.',
            ],
            "We have always",
            "WWF",
        ),
        # the one just written in apposition with the description, though others hold that role
        (
            [
                "Judge Tom Okafor heard the appeal in May.",
                'The judge, Maria Lind, said the order stood. The judge said "this is no ban on phones."',
            ],
            "this is no ban",
            "Maria Lind",
        ),
        # people by whom they know or what they use: "his friend", "one user"
        (
            ["Tom Hardy, a tall man, spoke to reporters.", 'His friend shouted "Why are you taking me?" and fell.'],
            "Why are you",
            "His friend",
        ),
        # the body after the inverted subject's preposition is where it was written
        (
            ["Sina Weibo is a big site.", '"Go to the temple," wrote one user on Sina\'s Weibo microblog.'],
            "Go to the temple",
            "one user on Sina's Weibo microblog",
        ),
        # "the minister" after "Tom Okafor, the defence minister,": the same head, fewer words
        (
            [
                "Tom Okafor, the defence minister, visited troops. Maria Lind, the opposition leader, mocked him.",
                '"We are ready," the minister said.',
            ],
            "We are ready",
            "Tom Okafor",
        ),
        (
            [
                "Tom Okafor, the defence minister, visited troops.",
                'Speaking to reporters, the minister said: "We are ready."',
            ],
            "We are ready",
            "Tom Okafor",
        ),
    ],
)
def test_descriptions_no_list_holds(paragraphs, start, speaker):
    assert_speaker(paragraphs, start, speaker)


# -- classes of failure on unseen real copy -------------------------------------------------------


def test_he_never_stands_for_a_team_or_band_named_in_the_plural():
    quotes = quotes_of(
        "General manager Tom Okafor gives the Kingston Raiders a passing grade for the season.",
        "Okafor said that unless his centres win more draws, he may have to trade for one.",
        "An oddity is that the Raiders have been better on the road, where they won nine.",
        '"You can fix a home record easier than a road record," he said.',
        actors=(),
    )
    q = only(quotes, "home record")
    assert "Okafor" in q.speaker_text


def test_a_single_mark_after_a_comma_closes_a_double_quotation():
    quotes = quotes_of(
        '"I have a belief that you can fix a home record,\' Okafor said. "The team that fails on the road'
        ' has some fear".',
    )
    assert [q.text for q in quotes] == [
        "I have a belief that you can fix a home record",
        "The team that fails on the road has some fear",
    ]
    assert {q.speaker for q in quotes} == {"tom-okafor"}


def test_a_quotation_inside_a_quotation_keeps_its_closing_single_mark():
    quotes = quotes_of("\"Coach just said, 'keep your head in there.' So that felt good,\" Okafor said.")
    assert len(quotes) == 1
    assert "keep your head in there.' So that felt good" in quotes[0].text


def test_a_model_number_makes_no_person():
    entities, _found = find_entities(
        [
            "The array will also be sold as the Dell AX4-5 and scales to 60 drives.",
            "Analysts said the Clariion CX3 line was safe.",
        ],
        lambda _pi, _at: False,
    )
    people = {e.name for e in entities.values() if e.kind == "person"}
    assert not any(ch.isdigit() for name in people for ch in name), people


def test_a_long_title_before_the_name_after_the_quote_still_names_the_speaker():
    q = only(
        quotes_of(
            '"We are proud to be working with the band," Harbour Board Group International chairman and chief'
            " executive Tom Okafor said in a statement."
        ),
        "proud to be working",
    )
    assert q.speaker == "tom-okafor"


def test_a_question_mark_saved_for_the_closing_mark_after_a_comma_closes():
    q = only(quotes_of('"We are proud to be working with the band,? Okafor said in a statement.'), "proud")
    assert q.text == "We are proud to be working with the band"
    assert q.speaker == "tom-okafor"


@pytest.mark.parametrize(
    "aside",
    ["while rejecting his petition", "in a statement", "for its part", "however"],
)
def test_an_aside_between_a_body_and_its_verb_before_the_quote(aside):
    q = only(
        quotes_of(f'The Harbour Board, {aside}, said, "The request is completely baseless."'), "completely baseless"
    )
    assert q.speaker == "harbour-board"


def test_a_short_piece_inside_reported_speech_closed_by_an_attribution_is_the_speakers():
    quotes = quotes_of(
        "Maria Lind spoke in the port on Monday.",
        'The goals include dredging, encouraging the town\'s "moderate center" to take part, and new piers, she said.',
        'The harbour has a "world-class" future, Tom Okafor added.',
    )
    assert only(quotes, "moderate center").speaker == "maria-lind"
    assert only(quotes, "world-class").speaker == "tom-okafor"


def test_a_short_piece_in_a_sentence_with_no_closing_attribution_stays_a_scare_quote():
    quotes = quotes_of(
        "Maria Lind spoke in the port on Monday.",
        'The so-called "moderate center" of the town stayed at home.',
    )
    assert not [q for q in quotes if "moderate center" in q.text]


@pytest.mark.parametrize(
    ("paragraph", "fragment"),
    [
        ('"You get the same feeling and all the flavours work," promises Okafor.', "same feeling"),
        ('Okafor, labelling the plan "boring", left the room.', "boring"),
        ('"We will rebuild the pier," vows Okafor.', "rebuild the pier"),
        ('"The pier is safe," Okafor maintains.', "pier is safe"),
    ],
)
def test_more_forms_of_speech_verbs(paragraph, fragment):
    assert only(quotes_of(paragraph), fragment).speaker == "tom-okafor"


@pytest.mark.parametrize("noun", ["source", "witness", "bystander", "insider"])
def test_the_source_or_the_witness_is_no_second_reference_to_the_person_named(noun):
    q = only(quotes_of("Tom Okafor arrived at the port on Monday.", f'"The pier is closed," the {noun} said.'), "pier")
    assert (q.speaker, q.speaker_text) == ("", f"the {noun}")


@pytest.mark.parametrize("writer", ["a Facebook page", "the website", "a Facebook post", "the survey"])
def test_a_page_a_post_or_a_website_speaks_as_written(writer):
    q = only(
        quotes_of(
            "Tom Okafor arrived at the port on Monday.", f'"The pier is closed for good," according to {writer}.'
        ),
        "pier",
    )
    assert q.speaker == ""
    assert q.speaker_text == writer


def test_a_paragraph_of_quotation_after_someone_talked_about_it_is_theirs():
    quotes = quotes_of(
        '"We just had to pick him up," Lind said.',
        "After the game Okafor talked like a proud father when he talked about his crew.",
        '"I think with a win today, our crew grew up."',
    )
    assert only(quotes, "grew up").speaker == "tom-okafor"


@pytest.mark.parametrize("verb", ["referred to Okafor as", "called Okafor", "described Okafor as"])
def test_the_one_spoken_of_after_the_verb_is_no_speaker_the_body_opening_the_sentence_is(verb):
    quotes = quotes_of(
        "Maria Lind met the board on Monday.",
        f'The Harbour Board was dismissive of the claims and {verb} a "troublemaker" (a strange character).',
    )
    assert only(quotes, "troublemaker").speaker == "harbour-board"


def test_a_short_quote_after_a_verb_of_judgement_is_the_one_who_judges_never_the_one_judged():
    quotes = quotes_of(
        'Revenues dipped and State Treasurer Maria Lind blamed it on the "severe weather."',
        'Okafor was blamed for the "grave mistakes" of the board.',
    )
    assert only(quotes, "severe weather").speaker == "maria-lind"
    assert not [q for q in quotes if "grave mistakes" in q.text and q.speaker == "tom-okafor"]


@pytest.mark.parametrize("body", ["the embassy", "the army", "the administration", "the hospital", "the campaign"])
def test_an_embassy_an_army_or_a_hospital_speaks_as_a_body(body):
    q = only(
        quotes_of("Tom Okafor arrived at the port on Monday.", f'"We are monitoring the case," {body} said.'), "case"
    )
    assert (q.speaker, q.speaker_text) == ("", body)


def test_a_short_quote_after_a_body_with_a_speech_verb_is_the_bodys():
    quotes = quotes_of(
        'Maria Lind spoke in the capital. The Pakistan army said the two men discussed the "security situation"'
        " in the region."
    )
    assert only(quotes, "security situation").speaker_text == "The Pakistan army"


@pytest.mark.parametrize("mark", ['"', "“"])
def test_a_closing_mark_left_out_before_a_split_attribution(mark):
    closing = '"' if mark == '"' else "”"
    quotes = quotes_of(
        '"The pier is finished," Lind said.',
        f"{mark}We've had tremendous success with the board, Okafor said, {mark}and we plan to continue.{closing}",
    )
    assert only(quotes, "tremendous success").speaker == "tom-okafor"
    assert "Okafor said" not in only(quotes, "tremendous success").text
