"""The pain gate rules from DESIGN.md, table by table."""

from __future__ import annotations

import pytest

from backcoach.coach.pain import (
    Band,
    GateChoice,
    band_for_score,
    checkin_suggests_rest,
    evaluate_gate,
    gate_band,
    gates_end_session,
    pain_word,
)

G, A, R, S = Band.GREEN, Band.AMBER, Band.RED, Band.STOP


@pytest.mark.parametrize(
    "score, band",
    [(0, G), (1, G), (2, G), (3, G), (4, A), (5, A), (6, R), (7, R), (8, S), (9, S), (10, S)],
)
def test_every_score_has_its_band(score: int, band: Band) -> None:
    assert band_for_score(score) is band


@pytest.mark.parametrize("bad", [-1, 11, 3.5, "4", True, None])
def test_scores_outside_the_scale_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        band_for_score(bad)


# (gate score, check-in score, expected band, rose)
RISE_TABLE = [
    (3, 3, G, False),  # no change
    (3, 2, G, False),  # +1 is not a meaningful rise
    (3, 1, A, True),  # +2 moves green to amber
    (2, 0, A, True),
    (5, 3, R, True),  # amber on its own, +2 -> red
    (5, 4, A, False),
    (5, 2, R, True),
    (4, 2, R, True),
    (7, 5, S, True),  # red +2 -> stop
    (6, 5, R, False),
    (9, 2, S, True),  # stop stays stop
    (0, 5, G, False),  # falling pain never raises
    (4, 8, A, False),
]


@pytest.mark.parametrize("score, checkin, band, rose", RISE_TABLE)
def test_rise_of_two_moves_one_band_up(score: int, checkin: int, band: Band, rose: bool) -> None:
    got, got_rose, _ = gate_band(score, checkin)
    assert (got, got_rose) == (band, rose)


# (score, check-in, program pain_limit, expected band)
LIMIT_TABLE = [
    (4, 4, 5, A),  # default limit: amber stays amber
    (4, 4, 3, R),  # stricter limit: above 3 is red
    (3, 3, 3, G),  # at the limit is fine
    (5, 5, 4, R),
    (4, 2, 3, S),  # over the limit (red) and a +2 rise -> stop
    (8, 8, 3, S),  # stop is never lowered by a limit
    (5, 5, 9, A),  # a looser limit cannot loosen the default
]


@pytest.mark.parametrize("score, checkin, limit, band", LIMIT_TABLE)
def test_program_limit_only_tightens(score: int, checkin: int, limit: int, band: Band) -> None:
    assert gate_band(score, checkin, limit)[0] is band


E, GO, SK, END = GateChoice.EASIER, GateChoice.GO, GateChoice.SKIP, GateChoice.END

# (score, has easier, choices, easier offered, suggest end)
CHOICE_TABLE = [
    (2, True, (GO, E, SK, END), False, False),
    (2, False, (GO, SK, END), False, False),
    (4, True, (GO, E, SK, END), True, False),
    (4, False, (GO, SK, END), False, False),
    (6, True, (E, SK, END), True, False),
    (6, False, (SK, END), False, False),
    (8, True, (END, SK), False, True),  # safe default: ending comes first
    (10, False, (END, SK), False, True),
]


@pytest.mark.parametrize("score, has_easier, choices, offered, suggest_end", CHOICE_TABLE)
def test_each_band_allows_its_choices(
    score: int, has_easier: bool, choices: tuple, offered: bool, suggest_end: bool
) -> None:
    result = evaluate_gate(score, checkin=score, has_easier=has_easier)
    assert result.choices == choices
    assert result.easier_offered is offered
    assert result.suggest_end is suggest_end
    if result.band is Band.RED:
        assert GateChoice.GO not in result.choices


# A locked program: the same choices, with the easier version offered in
# every band that has it (green included). Stop still offers nothing but
# skip and end. (score, check-in, has easier, choices, easier offered)
LOCKED_CHOICE_TABLE = [
    (0, 0, True, (GO, E, SK, END), True),
    (2, 2, True, (GO, E, SK, END), True),
    (2, 2, False, (GO, SK, END), False),
    (4, 4, True, (GO, E, SK, END), True),
    (4, 4, False, (GO, SK, END), False),
    (6, 6, True, (E, SK, END), True),  # red still blocks the full dose
    (6, 6, False, (SK, END), False),
    (3, 1, True, (GO, E, SK, END), True),  # green +2 -> amber
    (5, 3, True, (E, SK, END), True),  # amber +2 -> red: no go
    (8, 8, True, (END, SK), False),  # stop skips the drill; ending is the default
    (7, 5, True, (END, SK), False),  # red +2 -> stop
]


@pytest.mark.parametrize("score, checkin, has_easier, choices, offered", LOCKED_CHOICE_TABLE)
def test_a_locked_program_offers_the_easier_version_in_every_band_that_allows_it(
    score: int, checkin: int, has_easier: bool, choices: tuple, offered: bool
) -> None:
    result = evaluate_gate(score, checkin=checkin, has_easier=has_easier, locked=True)
    assert result.choices == choices
    assert result.easier_offered is offered
    assert result.suggest_end is (result.band is Band.STOP)


@pytest.mark.parametrize("has_easier", [True, False])
@pytest.mark.parametrize("limit", [None, 2, 3, 4, 5])
def test_locking_changes_nothing_but_the_offer_in_green(has_easier: bool, limit: int | None) -> None:
    for score in range(11):
        for checkin in (None, *range(11)):
            plain = evaluate_gate(score, checkin, has_easier, limit)
            locked = evaluate_gate(score, checkin, has_easier, limit, locked=True)
            assert (locked.band, locked.rose, locked.over_limit) == (plain.band, plain.rose, plain.over_limit)
            assert locked.choices == plain.choices
            assert locked.suggest_end is plain.suggest_end
            if locked.easier_offered is not plain.easier_offered:
                assert plain.band is Band.GREEN and has_easier and locked.easier_offered


@pytest.mark.parametrize("reds, ends", [(0, False), (1, False), (2, True), (3, True)])
def test_two_red_or_stop_gates_end_the_session(reds: int, ends: bool) -> None:
    assert gates_end_session(reds) is ends


@pytest.mark.parametrize("score, rest", [(0, False), (7, False), (8, True), (10, True)])
def test_high_checkin_suggests_rest(score: int, rest: bool) -> None:
    assert checkin_suggests_rest(score) is rest


@pytest.mark.parametrize(
    "score, word",
    [(0, "none"), (1, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"), (7, "severe"), (10, "severe")],
)
def test_every_score_has_a_word(score: int, word: str) -> None:
    assert pain_word(score) == word


# CLINICAL.md section 2 additions, one row per rule: (rule, score, check-in,
# leg spread, red gates before, spreads before, band, choices, ends session).
ADDITIONS_TABLE = [
    ("2 leg: a spread makes a green gate the stop band", 1, 1, True, 0, 0, Band.STOP, (END, SK), False),
    ("2 leg: a spread makes an amber gate the stop band", 4, 4, True, 0, 0, Band.STOP, (END, SK), False),
    ("2 leg: a second spread ends the session", 1, 1, True, 0, 1, Band.STOP, (END,), True),
    ("2 leg: an earlier spread alone does not end a later gate", 1, 1, False, 0, 1, Band.GREEN, (GO, E, SK, END), False),
    ("2 two reds: a second red ends the session", 6, 6, False, 1, 0, Band.RED, (END,), True),
    ("2 two reds: red then stop ends the session", 8, 8, False, 1, 0, Band.STOP, (END,), True),
    ("2 two reds: a spread counts as red-or-stop", 2, 2, True, 1, 0, Band.STOP, (END,), True),
    ("2 two reds: one earlier red and a green goes on", 2, 2, False, 1, 0, Band.GREEN, (GO, E, SK, END), False),
    ("2 safe defaults: stop band, enter ends", 9, 9, False, 0, 0, Band.STOP, (END, SK), False),
]


@pytest.mark.parametrize(
    "rule, score, checkin, spread, reds, spreads, band, choices, ends", ADDITIONS_TABLE
)
def test_leg_spread_and_session_ending_rules(
    rule: str, score: int, checkin: int, spread: bool, reds: int, spreads: int,
    band: Band, choices: tuple, ends: bool,
) -> None:
    result = evaluate_gate(
        score, checkin=checkin, has_easier=True, leg_spread=spread,
        red_gates_before=reds, leg_spreads_before=spreads,
    )
    assert (result.band, result.choices, result.ends_session) == (band, choices, ends), rule
    assert result.leg_spread is spread
    # Which rule ended it decides what the screen says (not "twice" after one spread).
    assert result.ends_for_leg is (spreads + int(spread) >= 2), rule
    if ends or band is Band.STOP:
        assert result.suggest_end and result.choices[0] is END, rule
