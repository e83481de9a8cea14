"""``babeldesk eval dialogues``: scripted conversations replayed against the bot.

Each conversation (format in ``babeldesk.bot.scripted``) gets a workspace of its own in a real
PostgreSQL, with its orders imported into the built-in store; the bot answers every customer turn and
each turn's expectations are checked (what it must and must not say, hand-offs, store changes, the
reply language). The database is ``--database-url``, else ``$BABELDESK_DATABASE_URL``, else an
embedded server in a temporary directory. The eval's workspaces are deleted afterwards.

Understanding comes from the intent model when one is installed (``babeldesk.nlu.understand``), else
from the gold labels in the file (``--understanding gold`` forces them).

Figures: ``resolved``, the share of conversations the bot should finish alone that passed every
check; ``handed_off_correctly``, the same for conversations that must end with a person (right turn,
right reason); ``wrong_answers``, turns where the bot said something forbidden, changed something it
must not, or answered in another language; ``passed``, the share of all conversations that passed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import delete

from babeldesk.bot.replay import ScriptResult, replay
from babeldesk.bot.scripted import Script, Understand, parse_script
from babeldesk.commerce.builtin import BuiltinCarrier, BuiltinStore
from babeldesk.commerce.importer import do_import_orders
from babeldesk.commerce.records import OrderRecord
from babeldesk.db.embedded import start_embedded, stop_embedded
from babeldesk.db.engine import Database
from babeldesk.db.migrate import upgrade
from babeldesk.db.tables import workspaces
from babeldesk.db.urls import libpq_url
from babeldesk.eval import report
from babeldesk.helpdesk.understanding import sentence_reader, words_alike
from babeldesk.helpdesk.workspaces import do_create_workspace
from babeldesk.language import UNDETERMINED, ConversationReader
from babeldesk.language.translate.base import base_language

HELP = "scripted bot conversations on the built-in store: resolved, correct hand-offs, wrong answers"
DEFAULT_DATA = Path(__file__).parent / "data" / "dialogues.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL, one conversation per line")
    parser.add_argument("--limit", type=int, default=None, help="read at most N conversations")
    parser.add_argument("--langs", default=None, help="only conversations in these languages, e.g. en,es")
    parser.add_argument(
        "--understanding", choices=("auto", "gold", "model"), default="auto",
        help="the intent model (model), the file's labels (gold), or the model when installed (auto)",
    )  # fmt: skip
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: embedded)")
    parser.add_argument("--verbose", action="store_true", help="list every failed check")


def load_scripts(path: Path, limit: int | None = None, langs: set[str] | None = None) -> list[Script]:
    scripts = []
    for row in report.read_jsonl(path, limit):
        script = parse_script(row)
        if langs is None or base_language(script.language) in langs:
            scripts.append(script)
    return scripts


def run(args: argparse.Namespace) -> dict[str, Any]:
    langs = {base_language(code) for code in args.langs.split(",")} if args.langs else None
    scripts = load_scripts(args.data, args.limit, langs)
    if not scripts:
        raise SystemExit(f"babeldesk eval dialogues: no conversations in {args.data}")
    understand = intent_model(args.understanding)
    with database(args.database_url) as url:
        results = asyncio.run(replay_all(scripts, url, understand))
    figures = score(results)
    figures["understanding"] = "gold" if understand is None else "model"
    readable = report.table(["language", "n", "passed", "wrong answers"], _rows(results))
    if args.verbose:
        readable += "".join(_failures(result) for result in results if not result.passed)
    report.emit(readable, figures)
    return figures


def intent_model(choice: str) -> Understand | None:
    """The installed intent model's ``understand``, or None for the gold labels."""
    if choice == "gold":
        return None
    found = cast(Understand | None, getattr(importlib.import_module("babeldesk.nlu"), "understand", None))
    problem = "no babeldesk.nlu.understand" if found is None else _unusable(found)
    if problem and choice == "model":
        raise SystemExit(f"babeldesk eval dialogues: the intent model cannot run: {problem}")
    return None if problem else found


def _unusable(understand: Understand) -> str:
    """Why the model cannot run here (its files not built or not installed), or "" when it can."""
    try:
        understand(["hello"], ["en"])
    except OSError as exc:
        return str(exc)
    return ""


@contextmanager
def database(url: str | None) -> Iterator[str]:
    """A migrated database: the one given, the configured one, or an embedded one for this run."""
    given = url or os.environ.get("BABELDESK_DATABASE_URL")
    if given:
        upgrade(libpq_url(given))
        yield libpq_url(given)
        return
    with tempfile.TemporaryDirectory(prefix="bde-", dir="/tmp") as root:
        # A short path: the embedded server's Unix socket lives here and socket paths are length-limited.
        embedded = start_embedded(Path(root) / "pg", database="babeldesk_eval")
        try:
            upgrade(embedded)
            yield embedded
        finally:
            stop_embedded(Path(root) / "pg")


async def replay_all(
    scripts: Sequence[Script], url: str, understand: Understand | None
) -> list[ScriptResult]:
    db = Database(url, pool_size=2)
    try:
        return [await replay_in_workspace(db, script, understand) for script in scripts]
    finally:
        await db.dispose()


async def replay_in_workspace(db: Database, script: Script, understand: Understand | None) -> ScriptResult:
    """Replay ``script`` in a fresh workspace holding its orders, deleted afterwards."""
    records = [OrderRecord.model_validate(order) for order in script.orders]
    async with db.transaction() as conn:
        workspace = await do_create_workspace(
            conn, slug=f"eval-{secrets.token_hex(6)}", name=f"eval {script.id}", region="default",
            settings=dict(script.settings),
        )  # fmt: skip
        await do_import_orders(conn, workspace.id, records)
    try:
        return await replay(
            script, BuiltinStore(db, workspace.id), BuiltinCarrier(db, workspace.id),
            understand=understand, detect_language=_languages_of(ConversationReader()),
            requests=sentence_reader(script.settings) if understand is not None else None,
            words_alike=words_alike,
        )  # fmt: skip
    finally:
        async with db.transaction() as conn:
            await conn.execute(delete(workspaces).where(workspaces.c.id == workspace.id))


def _languages_of(reader: ConversationReader) -> Callable[[str], str | None]:
    """Each customer message's language as the inbox finds it (None while nothing tells)."""

    def language(text: str) -> str | None:
        found = reader.read(text).language
        return None if found == UNDETERMINED else found

    return language


def score(results: Sequence[ScriptResult]) -> dict[str, Any]:
    alone = [r for r in results if not r.script.expects_handoff]
    handed = [r for r in results if r.script.expects_handoff]
    return {
        "task": "dialogues",
        "n": len(results),
        "resolved": _rate(sum(r.passed for r in alone), len(alone)),
        "handed_off_correctly": _rate(sum(r.passed for r in handed), len(handed)),
        "wrong_answers": sum(r.wrong_answers for r in results),
        "passed": _rate(sum(r.passed for r in results), len(results)),
        "turns": sum(len(r.turns) for r in results),
    }


def _rows(results: Sequence[ScriptResult]) -> list[list[object]]:
    totals: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for result in results:
        language = base_language(result.script.language)
        totals[language] += 1
        passed[language] += result.passed
        wrong[language] += result.wrong_answers
    rows: list[list[object]] = [
        [lang, totals[lang], _rate(passed[lang], totals[lang]), wrong[lang]] for lang in sorted(totals)
    ]
    rows.append(["all", len(results), _rate(passed.total(), len(results)), wrong.total()])
    return rows


def _failures(result: ScriptResult) -> str:
    lines = [f"\n{result.script.id}:"]
    for turn in result.turns:
        if turn.problems:
            problems = "; ".join(turn.problems)
            lines.append(f"  turn {turn.index} {turn.text[:50]!r}: {problems} (said {list(turn.keys)})")
    return "\n".join(lines)


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
