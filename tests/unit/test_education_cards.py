"""Pain education cards: the files are checked, the deal rotates, and no card
ever answers a red or stop pain check (``coach.education``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_drill, make_program
from hypothesis import given, strategies as st

from backcoach.coach.clock import FakeClock
from backcoach.coach.education import MIN_REST_SECONDS, CardDeal, card_moment, pain_said_no
from backcoach.coach.pain import GateChoice
from backcoach.coach.plan import READY_SECONDS
from backcoach.coach.session import EndReason, LegReach, SessionEngine, Stage
from backcoach.content.education import MAX_SOURCE, MAX_TEXT, MAX_TITLE, Card, load_cards, parse_cards, shipped_cards
from backcoach.content.errors import ContentError
from backcoach.content.model import Drill

TEXT = "A sentence long enough to be a card, as a card should be, and warm too."


def card_toml(**fields: object) -> str:
    """One [[card]] table with good values, overridden (None drops a field)."""
    values: dict[str, object] = {"id": "a-card", "title": "A title", "text": TEXT, "source": "Someone 2020, A Journal"}
    values.update(fields)
    lines = ["[[card]]"]
    for key, value in values.items():
        if value is not None:
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


# ---- the shipped cards ---------------------------------------------------------


def test_at_least_the_fourteen_topics_ship_each_with_a_source() -> None:
    cards = shipped_cards()
    assert len(cards) >= 14
    assert len({card.id for card in cards}) == len(cards)
    assert all(card.source and len(card.text) <= MAX_TEXT and len(card.title) <= MAX_TITLE for card in cards)


# ---- a bad card file: one sentence per problem, naming the card and field -------

BAD_FILES: dict[str, tuple[str, str]] = {
    "not TOML": ("[[card]\nid = 1", "line 1"),
    "no cards": ('title = "x"\n', "unknown key"),
    "card is not a table list": ('card = "x"\n', "expected one or more [[card]] tables"),
    "missing text": (card_toml(text=None), "card[1].text: missing"),
    "missing source": (card_toml(source=None), "card[1].source: missing"),
    "unknown field": (card_toml(colour="red"), "card[1].colour: unknown field"),
    "title not text": (card_toml(title=5), "card[1].title: must be text, not int"),
    "title too long": (card_toml(title="t" * (MAX_TITLE + 1)), f"card[1].title: must be 1 to {MAX_TITLE} characters"),
    "text too short": (card_toml(text="Too short."), f"card[1].text: must be 40 to {MAX_TEXT} characters"),
    "text too long": (card_toml(text="word " * 80), f"card[1].text: must be 40 to {MAX_TEXT} characters"),
    "empty source": (card_toml(source=""), f"card[1].source: must be 1 to {MAX_SOURCE} characters"),
    "control character": (card_toml(title="Ring\u0007"), "card[1].title: must not hold control characters"),
    "id with capitals": (card_toml(id="Hurt-Is-Not-Harm"), "card[1].id: must be lowercase letters"),
    "id with a space": (card_toml(id="hurt harm"), "card[1].id: must be lowercase letters"),
}


@pytest.mark.parametrize(("text", "expected"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_a_bad_card_file_is_one_sentence_per_problem(text: str, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_cards(text, "cards.toml")
    message = str(caught.value)
    assert expected in message
    assert message.startswith("cards.toml") and "Traceback" not in message


def test_every_problem_of_a_file_is_listed_at_once() -> None:
    text = card_toml(title=None) + card_toml(id="second", text="short")
    with pytest.raises(ContentError) as caught:
        parse_cards(text, "cards.toml")
    assert [p.where for p in caught.value.problems] == ["card[1].title", "card[2].text"]


def test_whitespace_in_a_card_is_one_space() -> None:
    (card,) = parse_cards(card_toml(text="Spread   over\n two lines, long enough to be read as a card."), "c.toml")
    assert card.text == "Spread over two lines, long enough to be read as a card."


BAD_FOLDERS: dict[str, tuple[list[str], str]] = {
    "no files": ([], "no card files"),
    "one card only": ([card_toml()], "needs 2 to 200 cards (found 1)"),
    "the same id twice": ([card_toml(), card_toml()], "a-card: two cards have this id"),
    "one bad file of two": ([card_toml() + card_toml(id="b"), card_toml(text=None)], "1.toml: card[1].text: missing"),
}


@pytest.mark.parametrize(("files", "expected"), list(BAD_FOLDERS.values()), ids=list(BAD_FOLDERS))
def test_a_bad_card_folder_says_what_is_wrong(tmp_path: Path, files: list[str], expected: str) -> None:
    for number, text in enumerate(files):
        (tmp_path / f"{number}.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_cards(tmp_path)
    assert expected in str(caught.value)


def test_a_card_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cards.toml").write_bytes(b"\xff\xfe[[card]]\n")
    with pytest.raises(ContentError) as caught:
        load_cards(tmp_path)
    assert "cards.toml" in str(caught.value)


def test_cards_load_in_file_then_card_order(tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text(card_toml(id="third"), encoding="utf-8")
    (tmp_path / "a.toml").write_text(card_toml(id="first") + card_toml(id="second"), encoding="utf-8")
    assert [card.id for card in load_cards(tmp_path)] == ["first", "second", "third"]


# ---- rotation: never the same card twice in a row ---------------------------------


def deck(n: int) -> list[Card]:
    return [Card(f"card-{i}", f"Card {i}", TEXT, "A source") for i in range(n)]


def test_one_moment_keeps_its_card_and_the_next_gets_the_next() -> None:
    dealt: list[str] = []
    deal = CardDeal(deck(3), last_seen="card-0", on_dealt=dealt.append)
    rest = ("rest", 0, "front-plank", 1)
    first = deal.card_for(rest)
    assert first is not None and first.id == "card-1"
    assert deal.card_for(rest) is first  # every tick of the same rest: the same card
    assert deal.card_for(None) is None
    second = deal.card_for(("rest", 0, "front-plank", 2))
    assert second is not None and second.id == "card-2"
    assert dealt == ["card-1", "card-2"]  # remembered once per card dealt


def test_an_unknown_last_card_starts_the_deck_from_the_top() -> None:
    card = CardDeal(deck(3), last_seen="no-longer-shipped").card_for(("summary",))
    assert card is not None and card.id == "card-0"


def test_no_cards_means_none_is_dealt() -> None:
    assert CardDeal([]).card_for(("summary",)) is None


@given(
    size=st.integers(min_value=2, max_value=20),
    sessions=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=8),
    first_last=st.integers(min_value=-1, max_value=25),
)
def test_the_same_card_never_shows_twice_in_a_row_even_across_sessions(
    size: int, sessions: list[int], first_last: int
) -> None:
    """Each session deals ``n`` moments; the next starts from the id the last one saved."""
    cards = deck(size)
    remembered = f"card-{first_last}"  # sometimes not in the deck at all
    seen = [remembered]
    for moments in sessions:
        saved: list[str] = []
        deal = CardDeal(cards, last_seen=remembered, on_dealt=saved.append)
        for n in range(moments):
            card = deal.card_for(("rest", n, "drill", 1))
            assert card is not None
            seen.append(card.id)
        remembered = saved[-1] if saved else remembered
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))


# ---- never in answer to a red or stop pain check ------------------------------------

PLANK = make_drill("front-plank", "hold", sets=2, hold=5, rest=20, easier="knee-plank")
KNEE_PLANK = make_drill("knee-plank", "hold", sets=2, hold=5, rest=20)
SHORT_REST = make_drill("bear-hold", "hold", sets=2, hold=5, rest=int(MIN_REST_SECONDS) - 1)
SIDE = make_drill("side-plank", "hold", sets=1, hold=5, sides=2)
LIBRARY = {d.id: d for d in (PLANK, KNEE_PLANK, SHORT_REST, SIDE)}


def engine_of(*drills: Drill) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    engine = SessionEngine(
        make_program(*drills),
        clock,
        easier_of=lambda d: LIBRARY.get(d.easier) if d.easier else None,
        needs_safety_check=False,
        wall_time=lambda: "2026-03-30T09:00:00+01:00",
    )
    return engine, clock


def run(engine: SessionEngine, clock: FakeClock, seconds: float) -> None:
    for _ in range(int(seconds * 2)):
        clock.advance(0.5)
        engine.tick()


def into_rest(engine: SessionEngine, clock: FakeClock) -> None:
    """Begin the drill chosen at the gate and run into the rest after its first set."""
    run(engine, clock, READY_SECONDS + 5 + 2)


def finish(engine: SessionEngine, clock: FakeClock) -> None:
    from backcoach.coach.session import Difficulty

    run(engine, clock, READY_SECONDS + 60)
    engine.rate(Difficulty.ABOUT_RIGHT)


def green_rest(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(2, LegReach.NONE)
    e.gate(2)
    e.choose(GateChoice.GO)
    into_rest(e, c)


def amber_rest(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(4, LegReach.NONE)
    e.gate(5)
    e.choose(GateChoice.GO)
    into_rest(e, c)


def short_rest(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(2, LegReach.NONE)
    e.gate(2)
    e.choose(GateChoice.SKIP)  # the plank: on to the bear hold's 19 s rest
    e.gate(2)
    e.choose(GateChoice.GO)
    into_rest(e, c)


def hold_not_rest(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(2, LegReach.NONE)
    e.gate(2)
    e.choose(GateChoice.GO)
    run(e, c, READY_SECONDS + 2)


def red_then_easier(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(5, LegReach.NONE)
    e.gate(6)
    e.choose(GateChoice.EASIER)
    into_rest(e, c)


def rise_of_two_is_red(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(3, LegReach.NONE)
    assert e.gate(5).band.value == "red"  # amber moved up by the rise of 2
    e.choose(GateChoice.EASIER)
    into_rest(e, c)


def red_earlier_green_now(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(6, LegReach.NONE)
    assert e.gate(7).band.value == "red"
    e.choose(GateChoice.SKIP)
    e.gate(2)  # the next drill's check is green again
    e.choose(GateChoice.GO)
    into_rest(e, c)


def stop_earlier_green_now(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(2, LegReach.NONE)
    assert e.gate(8).band.value == "stop"
    e.choose(GateChoice.SKIP)
    e.gate(1)
    e.choose(GateChoice.GO)
    into_rest(e, c)


def leg_spread_then_go(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(2, LegReach.THIGH)
    result = e.gate(2, leg_spread=True)
    e.choose(GateChoice.SKIP if GateChoice.GO not in result.choices else GateChoice.GO)
    if e.stage is Stage.GATE:
        e.gate(2)
        e.choose(GateChoice.GO)
    into_rest(e, c)


def completed_green(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(2, LegReach.NONE)
    for _ in range(3):
        e.gate(2)
        e.choose(GateChoice.GO)
        finish(e, c)


def ended_early_green(e: SessionEngine, c: FakeClock) -> None:
    green_rest(e, c)
    e.end_session()


def completed_after_a_red(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(5, LegReach.NONE)
    e.gate(6)
    e.choose(GateChoice.SKIP)
    for _ in range(2):
        e.gate(2)
        e.choose(GateChoice.GO)
        finish(e, c)


def ended_at_a_standing_red(e: SessionEngine, c: FakeClock) -> None:
    """A red reading stands (not yet acted on) and the person ends the session."""
    e.checkin(5, LegReach.NONE)
    assert e.gate(6).band.value == "red"
    e.end_session()


def rest_day_at_checkin(e: SessionEngine, c: FakeClock) -> None:
    e.rest_today(8)


def carried_on_into_a_rest_after_a_checkin_of_8(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(8, LegReach.NONE)
    e.gate(2)
    e.choose(GateChoice.GO)
    into_rest(e, c)


def two_reds_end_it(e: SessionEngine, c: FakeClock) -> None:
    e.checkin(5, LegReach.NONE)
    e.gate(6)
    e.choose(GateChoice.SKIP)
    result = e.gate(7)
    e.choose(result.choices[0])


#: (steps, stage reached, a card may show?, pain said no?): the rule is in the name.
RULE_TABLE: dict[str, tuple[Callable[[SessionEngine, FakeClock], None], Stage, bool, bool]] = {
    "a 20 s rest after a green check shows a card": (green_rest, Stage.WORK, True, False),
    "a 20 s rest after an amber check shows a card": (amber_rest, Stage.WORK, True, False),
    "a 19 s rest is too short for a card": (short_rest, Stage.WORK, False, False),
    "a hold is not a rest: no card": (hold_not_rest, Stage.WORK, False, False),
    "never after a red check, even doing the easier version": (red_then_easier, Stage.WORK, False, True),
    "a rise of 2 into red counts as red": (rise_of_two_is_red, Stage.WORK, False, True),
    "a red check earlier in the session: no more cards": (red_earlier_green_now, Stage.WORK, False, True),
    "a stop check earlier in the session: no more cards": (stop_earlier_green_now, Stage.WORK, False, True),
    "pain spread down a leg: no cards": (leg_spread_then_go, Stage.WORK, False, True),
    "a completed green session's summary shows a card": (completed_green, Stage.SUMMARY, True, False),
    "an ended-early green session's summary shows a card": (ended_early_green, Stage.SUMMARY, True, False),
    "a summary after any red check: no card": (completed_after_a_red, Stage.SUMMARY, False, True),
    "ended while a red reading stood: no card": (ended_at_a_standing_red, Stage.SUMMARY, False, True),
    "a rest day at the check-in (stopped for pain): no card": (rest_day_at_checkin, Stage.SUMMARY, False, True),
    "two reds end the session: no card": (two_reds_end_it, Stage.SUMMARY, False, True),
    "a check-in of 8 or more counts as a stop check": (
        carried_on_into_a_rest_after_a_checkin_of_8,
        Stage.WORK,
        False,
        True,
    ),
}


@pytest.mark.parametrize(("steps", "stage", "shows", "pain"), list(RULE_TABLE.values()), ids=list(RULE_TABLE))
def test_a_card_never_answers_a_red_or_stop_pain_check(
    steps: Callable[[SessionEngine, FakeClock], None], stage: Stage, shows: bool, pain: bool
) -> None:
    engine, clock = engine_of(PLANK, SHORT_REST, SIDE)
    steps(engine, clock)
    view = engine.view()
    assert view.stage is stage
    if stage is Stage.WORK and shows:
        assert view.segment is not None and view.segment.kind == "rest"
    moment = card_moment(view)
    assert (moment is not None) is shows
    assert pain_said_no(view) is pain


def test_the_moment_of_a_rest_is_its_drill_and_set() -> None:
    engine, clock = engine_of(PLANK)
    green_rest(engine, clock)
    assert card_moment(engine.view()) == ("rest", 0, "front-plank", 1)


def test_a_safety_stop_shows_no_card() -> None:
    engine, _clock = engine_of(PLANK)
    engine.end_session(EndReason.STOPPED_SAFETY)
    view = engine.view()
    assert view.end_reason is EndReason.STOPPED_SAFETY and card_moment(view) is None


# ---- backcoach learn ------------------------------------------------------------------


def test_backcoach_learn_prints_every_card_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    from backcoach.cli import main

    assert main(["learn"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Learn: ")
    flat = " ".join(out.split())
    for number, card in enumerate(shipped_cards(), start=1):
        assert f"{number}. {card.title}" in out
        assert card.text in flat and f"Source: {card.source}" in flat
    assert max(len(line) for line in out.splitlines()) <= 72


def test_backcoach_learn_with_a_broken_card_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.cli import learn, main
    from backcoach.content.errors import Problem

    def broken() -> tuple[Card, ...]:
        raise ContentError([Problem("cards.toml", "card[3].source", "missing")])

    monkeypatch.setattr(learn, "shipped_cards", broken)
    assert main(["learn"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "cards.toml: card[3].source: missing\n")
