"""Actor coding classes fixed for issue 11 ("Who is who"), each on hand-written phrases.

One test per class of miss found on the VOA dev stories: multi-word agents, offices put in the past,
names the knowledge base dates, titled names the recogniser misses, named bodies that only modify a
noun, government bodies, and coreference (pronouns, "his party", definite descriptions)
that never reaches across a paragraph the cleaner dropped.
"""

from __future__ import annotations

import pytest

from actor_helpers import RAW, actors_of, find
from eventwire.extract.base import Context
from eventwire.extract.coref import crosses_noise, pronoun_antecedent
from eventwire.models import Actor, Article, Paragraph
from eventwire.nlp import load_nlp
from eventwire.options import Options
from eventwire.pipeline import process_text


@pytest.mark.parametrize(
    ("sentence", "phrase", "sector"),
    [
        ("Armed men stormed the prison on Sunday.", "Armed men", "UAF"),
        ("Protest leaders rejected the offer.", "Protest leaders", "OPP"),
        ("Prison guards fled the compound.", "Prison guards", "COP"),
    ],
)
def test_a_known_multiword_agent_outranks_its_head_word(sentence, phrase, sector):
    assert find(actors_of(sentence), phrase).sector == sector


@pytest.mark.parametrize(
    ("sentence", "phrase", "sector"),
    [
        ("Attackers set fire to the market.", "Attackers", "UAF"),
        ("The kidnappers demanded a ransom.", "The kidnappers", "CRM"),
        ("Researchers warned of a new outbreak.", "Researchers", "EDU"),
        ("Survivors described the blast.", "Survivors", "CVL"),
    ],
)
def test_plural_agent_nouns_without_a_modifier_are_actors(sentence, phrase, sector):
    assert find(actors_of(sentence), phrase).sector == sector


def test_a_former_office_makes_an_elite_not_an_official():
    former = find(
        actors_of("Former Turkish Ambassador Mehmet Arslan criticised the decision."),
        "Former Turkish Ambassador Mehmet Arslan",
    )
    assert (former.country, former.sector) == ("TUR", "ELI")
    serving = find(
        actors_of("Turkish Ambassador Mehmet Arslan criticised the decision."),
        "Turkish Ambassador Mehmet Arslan",
    )
    assert (serving.country, serving.sector) == ("TUR", "GOV")


def test_a_lexicon_name_takes_the_code_the_knowledge_base_dates_to_the_story():
    before = find(actors_of("Taliban officials closed the schools.", "2019-05-01"), "Taliban officials")
    after = find(actors_of("Taliban officials closed the schools.", "2024-05-01"), "Taliban officials")
    assert (before.country, before.sector) == ("AFG", "REB")
    assert (after.country, after.sector) == ("AFG", "GOV")


@pytest.mark.parametrize(
    ("sentence", "phrase", "person"),
    [
        (
            "The delegation includes Defense Minister Rustem Umerov and two advisers.",
            "Defense Minister Rustem Umerov",
            "Rustem Umerov",
        ),
        (
            "Indian foreign ministry spokesperson Randhir Jaiswal told reporters.",
            "Indian foreign ministry spokesperson Randhir Jaiswal",
            "Randhir Jaiswal",
        ),
    ],
)
def test_a_name_after_a_title_is_a_person(sentence, phrase, person):
    actor = find(actors_of(sentence), phrase)
    assert actor.person == person and actor.sector == "GOV"


def test_a_name_hung_on_a_verb_by_the_parser_is_still_coded():
    actors = actors_of(
        "Rubio will join the Jeddah talks with Ukrainian officials as President Donald Trump "
        "pushes to broker a swift end to the war.",
        "2025-03-10",
    )
    trump = next(a for a in actors if a.person and "Trump" in a.person)
    assert (trump.country, trump.sector) == ("USA", "GOV")


def test_a_named_body_that_modifies_another_noun_is_an_actor():
    actors = actors_of("Canada requested World Trade Organization dispute consultations on Thursday.")
    assert find(actors, "World Trade Organization").country == "IGO"
    council = actors_of("Diplomats met at a U.N. Security Council meeting in New York.")
    assert any(a.country == "UNO" and "Security Council" in a.text for a in council)


def test_government_bodies_are_government_unless_a_modifier_says_more():
    homeland = find(
        actors_of("The Department of Homeland Security opened an inquiry into the case."),
        "The Department of Homeland Security",
    )
    assert (homeland.country, homeland.sector) == ("USA", "GOV")  # a curated KB row since 2026-12-06
    police = find(
        actors_of("The Kenyan police department denied the report."), "The Kenyan police department"
    )
    assert (police.country, police.sector) == ("KEN", "COP")


# --- coreference ---------------------------------------------------------------------------------


def test_a_pronoun_is_coded_as_the_nearest_earlier_person_with_the_reason_recorded():
    actors = actors_of(
        "Sudanese activist Omar Bob was arrested in Khartoum on Monday. He said the police had beaten him."
    )
    he = find(actors, "He")
    assert (he.name, he.country, he.country_reason) == ("Omar Bob", "SDN", "coreference")
    assert he.start > actors[0].start


def test_a_collective_pronoun_takes_the_group_not_a_person():
    actors = actors_of("Kenyan police raided the camp near Garissa. They arrested ten men.")
    they = find(actors, "They")
    assert (they.country, they.sector, they.country_reason) == ("KEN", "COP", "coreference")


def test_a_possessive_pronoun_gives_its_phrase_the_owner_country():
    actors = actors_of(
        "Ugandan opposition leader Bobi Wine was detained on Tuesday. His party called for protests."
    )
    party = find(actors, "His party")
    assert (party.country, party.country_reason) == ("UGA", "coreference")


def test_a_definite_description_takes_the_nearest_actor_of_its_sector():
    actors = actors_of(
        "Al-Shabab militants attacked a base in Somalia on Friday. The group said it killed soldiers."
    )
    group = find(actors, "The group")
    assert (group.country, group.country_reason) == ("SOM", "coreference")


def _article(paragraphs: list[tuple[str, bool]]) -> Article:
    """An article whose kept paragraphs are joined by newlines, dropped ones kept aside."""
    paras, kept_text, offset = [], [], 0
    for i, (text, kept) in enumerate(paragraphs):
        if kept:
            paras.append(Paragraph(index=i, text=text, kept=True, start=offset, end=offset + len(text)))
            kept_text.append(text)
            offset += len(text) + 1
        else:
            paras.append(Paragraph(index=i, text=text, kept=False, reason="advertisement"))
    return Article(id="t", text="\n".join(kept_text), paragraphs=paras)


def test_crosses_noise_only_when_a_dropped_paragraph_lies_between():
    article = _article([("Omar Bob spoke.", True), ("Advertisement", False), ("He left.", True)])
    second = article.text.index("He")
    assert crosses_noise(article, 0, second)
    assert not crosses_noise(article, 0, 5)
    joined = _article([("Omar Bob spoke.", True), ("He left.", True)])
    assert not crosses_noise(joined, 0, joined.text.index("He"))


def test_a_pronoun_never_reaches_back_across_a_dropped_paragraph():
    article = _article([("Omar Bob spoke on Monday.", True), ("Advertisement", False), ("He left.", True)])
    ctx = Context(doc=load_nlp()(article.text), article=article, options=Options())
    bob = Actor(text="Omar Bob", name="Omar Bob", start=0, end=8, country="SDN", person="Omar Bob")
    he = next(t for t in ctx.doc if t.text == "He")
    assert pronoun_antecedent(ctx, he, [bob]) is None
    same = _article([("Omar Bob spoke on Monday.", True), ("He left.", True)])
    ctx2 = Context(doc=load_nlp()(same.text), article=same, options=Options())
    he2 = next(t for t in ctx2.doc if t.text == "He")
    assert pronoun_antecedent(ctx2, he2, [bob]) is bob


# --- modes the trigger itself implies ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "mode"),
    [
        ("Kenya condemned the attack on the embassy.", "ACCUSE", "disapprove"),
        ("Ukraine accused Russia of shelling the plant.", "ACCUSE", "allege"),
        ("The rebels released 20 hostages on Sunday.", "RETREAT", "release"),
        ("The prime minister resigned on Monday.", "RETREAT", "resign"),
    ],
)
def test_a_trigger_that_implies_its_plover_mode_gives_it(sentence, kind, mode):
    events = process_text(sentence, published="2024-04-14", options=RAW).extraction.events
    assert any(e.type == kind and mode in e.mode for e in events), [(e.type, e.mode) for e in events]
