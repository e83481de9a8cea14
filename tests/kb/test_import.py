"""``babeldesk kb import``: Markdown, CSV and JSON; bad entries reported and skipped; importing again
updates what changed and leaves the rest alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from babeldesk.db.engine import Database
from babeldesk.db.kb_tables import kb_passages
from babeldesk.kb.articles import find_article_id, get_article, list_articles
from babeldesk.kb.cli import read_entries
from babeldesk.kb.importer import import_entries
from babeldesk.kb.records import Kind, Origin
from tests.conftest import server_env

RETURNS_EN = """---
title: "Returning an item"
language: en
tags: [returns, refunds]
---
You can return unworn items within **30 days**.

## How to send it back

Print the label from your order email and drop the parcel at a post office.
"""
RETURNS_ES = """# Devolver un artículo

Puedes devolver artículos sin usar en un plazo de **30 días**.
"""
FAQ_CSV = """question,answer,language,slug,tags
How long does delivery take?,Three to five working days in the EU.,en,delivery,"shipping, delivery"
¿Cuánto tarda la entrega?,De tres a cinco días hábiles en la UE.,es,delivery,
Do you ship to Canada?,,en,canada,
"A question
over two lines?",An answer.,en,two-lines,
Is gift wrapping free?,Yes.,english please,gift-wrap,
"""
FAQ_JSON = """[
  {"title": "Payment", "body": "We take cards.", "language": "en", "slug": "payment", "kind": "faq"},
  "not an object",
  {"title": "Zahlung", "body": "Wir nehmen Karten und PayPal.", "language": "de", "slug": "payment"},
  {"title": "Bad kind", "body": "x", "language": "en", "kind": "poem"},
  {"slug": "sizes", "tags": ["fit"], "versions": [
    {"language": "en", "title": "Sizes", "body": "Our sizes are European."},
    {"language": "fr", "title": "Tailles", "body": "Nos tailles sont européennes."}]}
]"""


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return [folder / name for name in files]


async def passage_ids(db: Database, workspace_id: int) -> dict[int, set[int]]:
    async with db.transaction() as conn:
        rows = await conn.execute(
            select(kb_passages.c.version_id, kb_passages.c.id).where(
                kb_passages.c.workspace_id == workspace_id
            )
        )
        found: dict[int, set[int]] = {}
        for version_id, passage_id in rows:
            found.setdefault(version_id, set()).add(passage_id)
        return found


async def test_a_folder_of_markdown_makes_one_article_per_slug_with_a_version_per_language(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    write(
        tmp_path / "help", {"returns.md": RETURNS_EN, "returns.es.md": RETURNS_ES, "notes/x.txt": "ignored"}
    )
    entries, problems = read_entries([tmp_path / "help", tmp_path / "missing.md"], None)
    assert [str(p) for p in problems] == [f"{tmp_path / 'missing.md'}: no such file or folder"]
    report = await import_entries(db, workspace_id, entries)
    assert (report.created, report.updated, report.unchanged, report.problems) == (2, 0, 0, [])

    async with db.transaction() as conn:
        article_id = await find_article_id(conn, workspace_id, "returns")
        assert article_id is not None
        article = await get_article(conn, workspace_id, article_id)
    assert (article.kind, article.tags) == (Kind.ARTICLE, ["returns", "refunds"])
    en, es = article.versions
    assert (en.language, en.title, en.origin) == ("en", "Returning an item", Origin.HUMAN)
    assert en.body.startswith("You can return unworn items")
    assert (es.language, es.title) == ("es", "Devolver un artículo")  # the first heading is the title
    assert es.body == "Puedes devolver artículos sin usar en un plazo de **30 días**."
    passages = await passage_ids(db, workspace_id)
    assert (len(passages[en.id]), len(passages[es.id])) == (2, 1)  # the article is cut at its heading


async def test_markdown_without_a_language_needs_one_from_the_command_line(tmp_path: Path) -> None:
    [path] = write(tmp_path, {"about.md": "# About us\n\nWe sell jackets."})
    assert [str(p) for p in read_entries([path], None)[1]] == [
        f"{path}: no language: give one in the entry or with --language"
    ]
    [entry] = read_entries([path], "de")[0]
    assert (entry.slug, entry.language, entry.title, entry.body) == (
        "about",
        "de",
        "About us",
        "We sell jackets.",
    )


async def test_bad_csv_rows_are_reported_by_line_and_the_good_ones_kept(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    [path] = write(tmp_path, {"faq.csv": FAQ_CSV})
    entries, problems = read_entries([path], None)
    assert [str(p) for p in problems] == [
        f"{path}:4: no body (or answer)",
        f"{path}:7: 'english please' is not a language code such as en or pt-BR",
    ]
    report = await import_entries(db, workspace_id, entries)
    assert (report.created, report.problems) == (3, [])
    async with db.transaction() as conn:
        articles = {a.slug: a for a in await list_articles(conn, workspace_id)}
    assert sorted(articles) == ["delivery", "two-lines"]
    assert articles["delivery"].kind == Kind.FAQ
    assert articles["delivery"].tags == ["shipping", "delivery"]  # a row without tags leaves them
    assert [v.language for v in articles["delivery"].versions] == ["en", "es"]


async def test_json_items_and_their_versions_are_read_and_bad_items_named(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    [path] = write(tmp_path, {"kb.json": FAQ_JSON})
    entries, problems = read_entries([path], None)
    assert [str(p) for p in problems] == [
        f"{path}: item 2: expected an object",
        f"{path}: item 4: kind 'poem' is neither article nor faq",
    ]
    await import_entries(db, workspace_id, entries)
    async with db.transaction() as conn:
        articles = {a.slug: a for a in await list_articles(conn, workspace_id)}
    assert {slug: [v.language for v in a.versions] for slug, a in articles.items()} == {
        "payment": ["de", "en"],
        "sizes": ["en", "fr"],
    }
    assert articles["sizes"].tags == ["fit"]
    [broken] = write(tmp_path, {"broken.json": '{"title": "x"'})
    assert str(read_entries([broken], "en")[1][0]).startswith(f"{broken}: not valid JSON")


async def test_importing_again_changes_only_what_changed(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    paths = write(tmp_path, {"returns.md": RETURNS_EN, "returns.es.md": RETURNS_ES})
    await import_entries(db, workspace_id, read_entries(paths, None)[0])
    before = await passage_ids(db, workspace_id)

    again = await import_entries(db, workspace_id, read_entries(paths, None)[0])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert await passage_ids(db, workspace_id) == before  # nothing cut or embedded again

    write(tmp_path, {"returns.es.md": RETURNS_ES.replace("30 días", "60 días")})
    changed = await import_entries(db, workspace_id, read_entries(paths, None)[0])
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    after = await passage_ids(db, workspace_id)
    unchanged, edited = sorted(before)
    assert after[unchanged] == before[unchanged]
    assert after[edited].isdisjoint(before[edited])


async def test_the_same_slug_and_language_twice_in_one_import_is_reported(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    paths = write(tmp_path, {"a/returns.md": RETURNS_EN, "b/returns.md": RETURNS_EN.replace("30", "14")})
    entries, _ = read_entries(paths, None)
    report = await import_entries(db, workspace_id, entries)
    assert report.created == 1
    assert [str(p) for p in report.problems] == [f"{paths[1]}: returns (en) is given already at {paths[0]}"]


def test_the_command_imports_shows_progress_and_fails_when_it_skipped_something(
    clean_db: str, tmp_path: Path
) -> None:
    files = write(tmp_path / "kb", {"faq.csv": FAQ_CSV, "returns.md": RETURNS_EN})
    command = [sys.executable, "-m", "babeldesk", "kb", "import", str(tmp_path / "kb")]
    env = server_env(clean_db, tmp_path / "data")
    nothing = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert (nothing.returncode, nothing.stderr.strip()) == (
        2,
        "error: 0 workspaces: say which with --workspace",
    )

    subprocess.run(
        [sys.executable, "-m", "babeldesk", "demo"], env=env, capture_output=True, timeout=300, check=True
    )
    done = subprocess.run(
        [*command, "--workspace", "demo-shop", "--language", "en"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert f"skipped {files[0]}:4: no body (or answer)" in done.stderr
    assert "[##############################] 4/4 entries" in done.stderr
    assert done.stdout.strip() == "knowledge base: 4 created, 0 updated, 0 unchanged, 2 skipped"
