"""The dialogue data set replayed against the bot with the built-in store on the test PostgreSQL."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pytest

from babeldesk.bot.context import Action, Outcome
from babeldesk.bot.replay import check
from babeldesk.bot.scripted import Expect, ScriptError, parse_script
from babeldesk.bot.state import BotState
from babeldesk.db.engine import Database
from babeldesk.eval import dialogues

REQUIRED_LANGUAGES = {"en", "es", "pt", "de", "fr", "ja", "zh", "ar", "vi", "id"}


def test_the_data_set_covers_what_it_must() -> None:
    scripts = dialogues.load_scripts(dialogues.DEFAULT_DATA)
    assert len(scripts) >= 30 and len({s.id for s in scripts}) == len(scripts)
    assert {s.language for s in scripts} >= REQUIRED_LANGUAGES
    reasons = Counter(t.expect.handoff for s in scripts for t in s.turns if t.expect.handoff)
    assert set(reasons) == {"requested", "angry", "unsure", "policy"}
    actions = {t.expect.action for s in scripts for t in s.turns if t.expect.action}
    assert actions == {"cancel_order", "change_address", "create_return", "book_callback"}


async def test_every_conversation_passes(db: Database) -> None:
    scripts = dialogues.load_scripts(dialogues.DEFAULT_DATA)
    failures = []
    for script in scripts:
        result = await dialogues.replay_in_workspace(db, script, None)
        failures += [f"{script.id} turn {t.index}: {t.problems}" for t in result.turns if t.problems]
    assert failures == []


def test_the_eval_command_reports(clean_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "few.jsonl"
    lines = dialogues.DEFAULT_DATA.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["id"] = "expects-the-impossible"
    broken["turns"][0]["expect"] = {"keys": ["cancel_done"], "forbid": ["ask_verification"]}
    data.write_text("\n".join([lines[0], lines[1], json.dumps(broken)]) + "\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    dialogues.add_arguments(parser)
    figures = dialogues.run(parser.parse_args(["--data", str(data), "--database-url", clean_db,
                                               "--understanding", "gold", "--verbose"]))  # fmt: skip
    assert {k: figures[k] for k in ("task", "n", "resolved", "handed_off_correctly", "wrong_answers")} == {
        "task": "dialogues", "n": 3, "resolved": 0.6667, "handed_off_correctly": 0.0, "wrong_answers": 1,
    }  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    assert json.loads(printed[-1]) == figures
    assert any("expects-the-impossible" in line for line in printed)


def test_check_tells_wrong_answers_from_missing_ones() -> None:
    outcome = Outcome(
        ("…",), BotState(), "es", keys=("cancel_done",), actions=(Action("cancel_order", "1002"),)
    )
    wrong = check(1, "yes", Expect(keys=("cancel_confirm",), forbid=("cancel_done",), language="es"), outcome)
    assert wrong.wrong and wrong.problems == (
        "did not say cancel_confirm",
        "said cancel_done",
        "did cancel_order",
    )
    missing = check(1, "yes", Expect(keys=("cancel_confirm",)), Outcome((), BotState(), "en"))
    assert missing.problems == ("did not say cancel_confirm",) and not missing.wrong


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "x", "language": "en", "now": "2025-03-10T12:00:00+00:00", "turns": []}, "turns"),
        ({"id": "x", "language": "en", "now": "2025-03-10 12:00", "turns": [{"text": "hi"}]}, "timezone"),
        (
            {
                "id": "x",
                "language": "en",
                "now": "2025-03-10T12:00:00Z",
                "turns": [{"text": "hi", "intent": "dance"}],
            },
            "unknown intent",
        ),
        ({"id": "x", "now": "2025-03-10T12:00:00Z", "turns": [{"text": "hi"}]}, "language"),
    ],
)
def test_malformed_conversations_are_named(row: dict[str, object], message: str) -> None:
    with pytest.raises(ScriptError, match=f"conversation x: .*{message}"):
        parse_script(row)
