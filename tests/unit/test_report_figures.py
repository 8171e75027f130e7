"""The report's figures for a hand-written journal (``tests/report_journal.py``),
each checked against a value counted by hand from its rows; and the
adherence the report and the History screen's Overview both show."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from report_journal import NEW, OLD, PLANS, SINCE, TODAY, journal

from backcoach.coach.adherence import adherence
from backcoach.coach.drill_report import check_ins, drill_stats, safety_blocks
from backcoach.coach.history import summarise
from backcoach.coach.period import period_summary
from backcoach.coach.program_changes import program_changes, program_uses
from backcoach.content.describe import dose_text
from backcoach.content.library import default_library
from backcoach.content.model import ProgramMeta
from backcoach.store.report import markdown_report

LIBRARY = default_library()


def in_period() -> list[dict[str, object]]:
    return [s for s in journal() if str(s["started_at"]) >= SINCE.isoformat()]


def test_every_drill_figure_matches_the_hand_count() -> None:
    stats = {d.drill_id: d for d in drill_stats(in_period(), LIBRARY)}
    # Order first met in the period (s1: cat-camel, bear-hold, front-plank; s4: bird-dog); s0 is before it.
    assert list(stats) == ["cat-camel", "bear-hold", "front-plank", "bird-dog"]
    cat, bear, plank, bird = stats.values()

    # cat-camel: s1 done, s2 partial, s4 done, s6 done (program q: a drill is a drill); the s3 demo left out.
    assert (cat.name, cat.prescribed, cat.done, cat.partial, cat.easier, cat.easier_partly) == ("Cat-camel", 4, 3, 1, 0, 0)
    assert (cat.skipped, cat.left_out, cat.leg_spreads) == (0, 0, 0)
    assert cat.pains == [3, 2, 4, 1] and cat.pain_median == 2.5 and cat.pain_range == (1, 4)
    assert cat.ratings == {"too_easy": 1, "about_right": 2, "too_hard": 1}  # s2; s1, s4; s6
    assert cat.active_seconds == 205.0  # 60 + 30 + 65 + 50
    assert [(c.when, c.change, c.why) for c in cat.changes] == [
        ("2026-03-18 08:00", "changed", (("2 more reps: it felt too easy twice", "3.progression.6"),))
    ]
    assert cat.changes[0].planned.startswith("1 x 8 reps") and cat.changes[0].done.startswith("1 x 10 reps")

    # bear-hold: s1 easier (amber 5), s2 skipped at a green 2: the person's choice.
    assert (bear.prescribed, bear.done, bear.easier, bear.skipped_pain, bear.skipped_choice) == (2, 0, 1, 0, 1)
    assert (bear.pain_median, bear.pain_range, bear.active_seconds) == (3.5, (2, 5), 40.0)
    assert bear.ratings == {"too_easy": 0, "about_right": 0, "too_hard": 1}

    # front-plank: s1 skipped at red 7, s2 easier partly (amber 4), s4 skipped at stop 8 with a leg spread.
    assert (plank.prescribed, plank.easier, plank.easier_partly, plank.skipped_pain, plank.skipped_choice) == (
        3, 0, 1, 2, 0,
    )
    assert (plank.pains, plank.pain_median, plank.pain_range) == ([7, 4, 8], 7.0, (4, 8))
    assert (plank.leg_spreads, plank.active_seconds, plank.changes) == (1, 20.0, [])

    # bird-dog: left out by s4's plan, no pain check.
    assert (bird.prescribed, bird.left_out, bird.pains, bird.pain_median, bird.pain_range) == (1, 1, [], None, None)


def test_the_report_prints_the_per_drill_table() -> None:
    text = markdown_report(period_summary(journal(), TODAY, PLANS, SINCE, library=LIBRARY))
    for row in [
        "| Cat-camel | 4 | 3 | 1 | 0 | 0 | 0 | median 2.5 (1-4), 4 checks | 1 / 2 / 1 | 3 min | 0 | 1 |",
        "| Bear hold | 2 | 0 | 0 | 1 | 1 (1 choice) | 0 | median 3.5 (2-5), 2 checks | 0 / 0 / 1 | 40 s | 0 | 0 |",
        "| Front plank | 3 | 0 | 0 | 1 (1 partly) | 2 (2 pain) | 0 | median 7 (4-8), 3 checks | 0 / 0 / 1 | 20 s | 1 | 0 |",
        "| Bird dog | 1 | 0 | 0 | 0 | 0 | 1 | - | 0 / 0 / 0 | 0 s | 0 | 0 |",
    ]:
        assert row in text, row
    assert text.index("## Who and what") < text.index("## Per drill") < text.index("## Check-ins")


def test_check_ins_and_next_day_answers_over_time() -> None:
    rows = [(c.when, c.checkin, c.leg_today, c.followup, c.hours_since, c.final) for c in check_ins(in_period())]
    assert rows == [
        ("2026-03-16 08:00", 4, "none", "-", None, 3),
        ("2026-03-18 08:00", 3, "thigh", "same", 46.0, 4),
        ("2026-03-23 08:00", 5, "below the knee", "worse", 70.5, 5),  # the s3 demo left out
        ("2026-03-25 08:00", None, "-", "-", None, None),
        ("2026-03-27 08:00", 2, "-", "-", None, 1),
    ]
    text = markdown_report(period_summary(journal(), TODAY, PLANS, SINCE, library=LIBRARY))
    assert "| 2026-03-23 08:00 | 5 | below the knee | worse (70.5 h after) | 5 |" in text


def test_safety_answers_that_stopped_a_day() -> None:
    blocks = safety_blocks(in_period())
    assert [(b.when, b.outcome, b.signs) for b in blocks] == [
        ("2026-03-25 08:00", "see a doctor today", ("Fever, chills or feeling very unwell along with the back pain",))
    ]
    # A row from before the check recorded its outcome: any yes stopped the day.
    old = {"started_at": "2025-01-02T08:00:00+01:00", "safety": {"answers": {"night_pain": True}}}
    assert [(b.outcome, b.signs) for b in safety_blocks([old])] == [
        ("no exercise that day", ("Constant pain at night that no position eases",))
    ]


def test_a_change_of_the_installed_program_says_when_what_and_locked() -> None:
    changes = program_changes(journal(), LIBRARY, SINCE)
    assert len(changes) == 1  # s0-s2 share the old hash; s3 (a demo) is passed over; s4 brings the new one
    change = changes[0]
    assert (change.when, change.program_name, change.before_hash, change.after_hash) == (
        "2026-03-23 08:00", "Core basics", OLD, NEW,
    )
    # s0 completed the old content (so its whole list is known) and s4 completed the new one.
    assert (change.added, change.removed, change.locked, change.lock_words) == (("Bird dog",), ("Bear hold",), True, "locked")
    cat = LIBRARY["cat-camel"]
    eight = dose_text(cat.with_dosage(replace(cat.dosage, reps=8)))
    twelve = dose_text(cat.with_dosage(replace(cat.dosage, reps=12)))
    # The old dose is the program's (s2's adapted.from, 8), not s2's day dose (10).
    assert [(e.drill, e.before, e.after) for e in change.doses] == [("Cat-camel", eight, twelve)]
    assert change.summary() == f"added Bird dog; removed Bear hold; Cat-camel: {eight} -> {twelve}"
    # From after the change, nothing is listed.
    assert program_changes(journal(), LIBRARY, date(2026, 3, 24)) == []


def test_rows_without_a_hash_never_make_a_change() -> None:
    rows = journal()
    for row in rows:
        row["program"] = {"id": row["program"]["id"], "name": row["program"]["name"]}  # older rows
    assert program_changes(rows, LIBRARY) == []
    uses = program_uses(rows)
    assert [(u.program_id, u.sessions, u.hash, u.locked) for u in uses] == [("p", 5, None, None), ("q", 1, None, None)]


def test_programs_used_and_who_they_are_for() -> None:
    metas = {"p": ProgramMeta("Anna B.", "J. Physio", date(2026, 4, 20), notes="private: never in a report")}
    summary = period_summary(journal(), TODAY, PLANS, SINCE, library=LIBRARY, metas=metas)
    assert [(u.name, u.sessions, u.first, u.last, u.hash, u.locked) for u in summary.programs] == [
        ("Core basics", 4, date(2026, 3, 16), date(2026, 3, 25), NEW, True),  # s1, s2, s4, s5
        ("Other <one>", 1, date(2026, 3, 27), date(2026, 3, 27), None, None),
    ]
    text = markdown_report(summary)
    assert "- Core basics: for Anna B., set by J. Physio, review on 2026-04-20." in text
    assert "private" not in text


def test_period_totals_match_the_hand_count() -> None:
    s = period_summary(journal(), TODAY, PLANS, SINCE, library=LIBRARY)
    assert (s.sessions, s.demos, s.active_days, s.active_minutes) == (6, 1, 4, 4)  # 265 s moving in counted sessions
    assert s.by_status == {"completed": 3, "ended_early": 1, "stopped_safety": 1}
    assert len(s.dose_rows) == 1


# ---- adherence: never over 100 %, the same as the History screen's -------------------------------------


def test_adherence_figures_match_the_hand_count() -> None:
    s = period_summary(journal(), TODAY, PLANS, SINCE, library=LIBRARY)
    # The period: 16-30 March, 15 days: 3 x 15 / 7 = 6.4 -> 6 planned; done 16, 18, 23 March; q on the 27th.
    assert [(a.program_id, a.start, a.planned_days, a.done_days, a.percent, a.other_days) for a in s.adherence] == [
        ("p", SINCE, 6, 3, 50, 1)
    ]
    # The Overview's 4 weeks (3-30 March), but p began on the 13th: 18 days, 3 x 18 / 7 = 7.7 -> 8; done 13, 16, 18, 23.
    assert [(a.start, a.planned_days, a.done_days, a.percent) for a in s.recent_adherence] == [
        (date(2026, 3, 13), 8, 4, 50)
    ]


def test_the_report_and_the_history_overview_agree() -> None:
    rows = journal()
    overview = summarise(rows, TODAY, PLANS)
    report = period_summary(rows, TODAY, PLANS, SINCE, library=LIBRARY)
    assert report.recent_adherence == overview.adherence
    text = markdown_report(report)
    assert f"{overview.adherence_line()} (as the History screen shows it)." in text
    assert overview.adherence_line() == "Plan, last 4 weeks: Core basics 4 of 8 planned days (50%); 1 more day with other programs"
    # A report over the Overview's own window has the same figures in its table.
    same_window = period_summary(rows, TODAY, PLANS, TODAY - timedelta(days=27), library=LIBRARY)
    assert same_window.adherence == overview.adherence


def test_the_journal_that_said_33_and_100_now_says_one_figure() -> None:
    # Sessions on 9 days running, a 3-days-a-week plan; before, the Overview measured 28 days
    # (4 of 12: 33 %) and the report its own 9 (4 of 4, or more than 100 % with every day counted).
    rows = [
        {"id": f"d{i}", "program": {"id": "p", "name": "Core basics"}, "status": "completed", "demo": False,
         "started_at": (TODAY - timedelta(days=i)).isoformat() + "T08:00:00+01:00",
         "drills": [{"drill_id": "cat-camel", "status": "done"}]}
        for i in range(9)
    ]
    overview = summarise(rows, TODAY, PLANS).adherence
    report = period_summary(rows, TODAY, PLANS, library=LIBRARY).adherence
    assert overview == report
    assert [(a.planned_days, a.done_days, a.percent) for a in report] == [(4, 4, 100)]
    for start in (TODAY - timedelta(days=60), TODAY - timedelta(days=3), TODAY):
        assert all(a.done_days <= a.planned_days for a in adherence(rows, PLANS, start, TODAY))


def test_odd_values_in_a_row_are_passed_over_not_fatal() -> None:
    row = journal()[1]
    row["drills"] = [
        {"drill_id": "cat-camel", "status": "skipped", "gate_band": ["red"], "difficulty": {"x": 1},
         "gate_pain": True, "active_seconds": "60", "leg_spread": "yes"},
    ]
    row["followup"] = {"compared": ["same"], "hours_since": True}
    row["safety"] = {"outcome": "doctor_soon", "levels": ["weight_loss"], "answers": "yes"}
    (cat,) = drill_stats([row], LIBRARY)
    assert (cat.prescribed, cat.skipped_choice, cat.pains, cat.active_seconds, cat.leg_spreads) == (1, 1, [], 0.0, 0)
    assert cat.ratings == {"too_easy": 0, "about_right": 0, "too_hard": 0}
    assert [(c.followup, c.hours_since) for c in check_ins([row])] == [("-", None)]
    assert [(b.outcome, b.signs) for b in safety_blocks([row])] == [("see a doctor soon", ())]


def test_history_drills_page_counts_as_the_report_does() -> None:
    """History's Drills page and the report read one count: same journal, same figures."""
    from backcoach.coach.drill_counts import drill_lines

    stats = {d.drill_id: d for d in drill_stats(in_period(), LIBRARY)}
    lines = {line.drill_id: line for line in drill_lines(in_period(), LIBRARY)}
    assert set(lines) == set(stats)
    for drill_id, line in lines.items():
        entry = stats[drill_id]
        assert line.reached == entry.prescribed
        assert (line.done, line.partly) == (entry.done, entry.partial)
        assert (line.skipped, line.left_out) == (entry.skipped, entry.left_out)
        assert line.easier == entry.easier + entry.easier_partly
        assert list(line.pains) == entry.pains
        assert line.felt == (entry.ratings["too_easy"], entry.ratings["about_right"], entry.ratings["too_hard"])
