"""The reply library: every language file agrees with English, rendering picks the right file, and
bad input (unknown keys, missing values, broken files) fails with a message that says what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from babeldesk.replies.library import (
    LIBRARY_DIR,
    SOURCE,
    LibraryInvalid,
    MissingParameter,
    ProblemKind,
    ReplyLibrary,
    UnknownReply,
    load_library,
    placeholders,
    render,
    split_variant,
)

FILES = sorted(LIBRARY_DIR.glob("*.json"))
ENGLISH = json.loads((LIBRARY_DIR / f"{SOURCE}.json").read_text(encoding="utf-8"))
OURS = ("es", "pt", "fr", "de", "it", "nl", "ru", "uk", "pl", "tr")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_file_has_exactly_the_english_keys_and_placeholders(path: Path) -> None:
    texts = json.loads(path.read_text(encoding="utf-8"))
    keys = {split_variant(key)[0] for key in texts}
    assert keys - set(ENGLISH) == set(), "keys that English does not have"
    assert {key for key in ENGLISH if "#" not in key} - set(texts) == set(), "keys not translated yet"
    for key, text in texts.items():
        assert isinstance(text, str) and text.strip(), key
        assert placeholders(text) == placeholders(ENGLISH[split_variant(key)[0]]), key


@pytest.mark.parametrize("language", OURS)
def test_our_languages_are_present_and_translated(language: str) -> None:
    texts = json.loads((LIBRARY_DIR / f"{language}.json").read_text(encoding="utf-8"))
    # A sentence left in English is a translation that never happened (labels like "neutral" may match).
    untranslated = [k for k, v in texts.items() if v == ENGLISH.get(k) and len(v.split()) > 2]
    assert untranslated == []


def test_strict_load_of_the_shipped_files_finds_no_problems() -> None:
    library = load_library(strict=True)
    assert set(OURS) <= set(library.languages())
    assert library.problems() == []


@pytest.mark.parametrize(
    ("asked", "served"),
    [
        ("pt-BR", "pt"),
        ("pt_br", "pt"),
        ("es-MX", "es"),
        ("ES", "es"),
        ("de-AT", "de"),
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans-HK", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("hi-Latn", "hi-Latn"),  # Hinglish
        ("hi-Latn-IN", "hi-Latn"),
        ("hi", "hi"),
        ("sw", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_language_resolution(asked: str | None, served: str) -> None:
    library = ReplyLibrary(
        {
            "en": {"hi": "Hi"},
            "pt": {},
            "es": {},
            "de": {},
            "zh-Hans": {},
            "zh-Hant": {},
            "hi": {},
            "hi-Latn": {},
        }
    )
    assert library.resolve(asked) == served


def test_render_fills_placeholders_in_the_resolved_language() -> None:
    day = "2025-03-02"
    assert render("tracking_delivered", "pt-BR", date=day) == "A encomenda foi entregue em 2025-03-02."
    assert render("tracking_delivered", "xx", date=day) == "The parcel was delivered on 2025-03-02."
    # Values are inserted as they are, never parsed as templates themselves.
    assert render("kb_answer", "de", answer="{shop} {0}") == "{shop} {0}"


@pytest.mark.parametrize(
    ("language", "days", "said"),
    [
        ("en", 1, "within 1 business day of"),
        ("en", 2, "within 2 business days of"),
        ("ru", 1, "в течение 1 рабочего дня"),
        ("ru", 21, "в течение 21 рабочего дня"),  # CLDR "one" in Russian: 21, 31, …
        ("ru", 3, "в течение 3 рабочих дней"),
        ("pl", 1, "w ciągu 1 dnia roboczego"),
        ("pl", 22, "w ciągu 22 dni roboczych"),
        ("ar", 2, "خلال 2 يومي عمل"),
        ("ar", 5, "خلال 5 أيام عمل"),
        ("ja", 1, "1"),  # no plural: the plain text
    ],
)
def test_a_counted_text_takes_the_plural_its_language_calls_for(language: str, days: int, said: str) -> None:
    assert said in render("delay_not_shipped", language, order="#1001", days=days)


def test_plural_variants_fall_back_in_order_and_bad_ones_are_reported() -> None:
    library = ReplyLibrary(
        {
            "en": {"wait": "Wait {n} days for {order}", "wait#one": "Wait {n} day for {order}"},
            "de": {"wait": "Warte {n} Tage auf {order}"},  # no variant: German falls back to its plain text
            "fr": {"wait#one": "Attends {n} jour pour {order}", "wait#dual": "x {n} {order}"},
        }
    )
    assert library.render("wait", "de", n=1, order="#9") == "Warte 1 Tage auf #9"
    assert library.render("wait", "fr", n=1, order="#9") == "Attends 1 jour pour #9"
    assert library.render("wait", "fr", n=3, order="#9") == "Wait 3 days for #9"  # no plain French text
    assert library.render("wait", "en", n="1", order="#9") == "Wait 1 days for #9"
    found = {(p.language, p.key, p.kind) for p in library.problems()}
    assert ("fr", "wait#dual", ProblemKind.VARIANT) in found
    assert ("fr", "wait", ProblemKind.MISSING_KEY) in found
    assert not any(p.key == "wait#one" and p.kind is ProblemKind.MISSING_KEY for p in library.problems())


def test_a_missing_key_falls_back_to_english_and_is_reported() -> None:
    library = ReplyLibrary({"en": {"hello": "Hello {name}", "bye": "Bye"}, "fr": {"bye": "Au revoir"}})
    assert library.render("hello", "fr-CA", name="Ana") == "Hello Ana"
    assert library.render("bye", "fr-CA") == "Au revoir"
    [problem] = library.problems()
    assert (problem.language, problem.key, problem.kind) == ("fr", "hello", ProblemKind.MISSING_KEY)


def test_missing_params_and_unknown_keys_raise_clear_errors() -> None:
    with pytest.raises(MissingParameter, match=r"'cancel_done' needs amount"):
        render("cancel_done", "es", order="#1001")
    with pytest.raises(UnknownReply, match="no_such_reply"):
        render("no_such_reply", "es")


def test_placeholder_and_brace_problems_are_found(tmp_path: Path) -> None:
    (tmp_path / "en.json").write_text(json.dumps({"a": "Order {order}", "b": "Hi", "c": "Bye"}))
    (tmp_path / "it.json").write_text(json.dumps({"a": "Ordine {ordine}", "b": "Ciao {", "c": 3, "d": "x"}))
    with pytest.raises(LibraryInvalid) as raised:
        load_library(tmp_path, strict=True)
    message = str(raised.value)
    for expected in ("it/a: placeholders", "it/b: stray_brace", "it/c: not_text", "it/d: extra_key"):
        assert expected in message


def test_lenient_load_logs_problems_and_drops_entries_that_are_not_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "en.json").write_text(json.dumps({"a": "Hello", "b": "Bye"}))
    (tmp_path / "nl.json").write_text(json.dumps({"a": ["Hallo"], "b": "Doei"}))
    library = load_library(tmp_path)
    assert library.render("a", "nl") == "Hello"
    assert library.render("b", "nl") == "Doei"
    assert "nl/a: not_text" in caplog.text


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ({"en.json": "{not json"}, "en.json: not readable JSON"),
        ({"en.json": "[1, 2]"}, "en.json: expected an object"),
        ({"fr.json": "{}"}, "no en.json"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, files: dict[str, str], error: str) -> None:
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    with pytest.raises(LibraryInvalid, match=error):
        load_library(tmp_path)
