"""The drift check over real e5 embeddings: it flags swapped and rewritten translations, and finds
nothing in the shipped library (every language present, the colleagues' ones included)."""

from __future__ import annotations

import pytest

from babeldesk.replies.drift import OWN_FLOOR, Drift, compared_keys, find_drift, scores
from babeldesk.replies.library import ReplyError, ReplyLibrary, load_library

LIBRARY = load_library()


def with_spanish(**changes: str) -> ReplyLibrary:
    spanish = {**LIBRARY.texts["es"], **changes}
    return ReplyLibrary({"en": LIBRARY.texts["en"], "es": spanish})


def test_only_entries_long_enough_for_embeddings_are_compared() -> None:
    keys = compared_keys(LIBRARY)
    assert {"greeting", "confirm_yes_no", "reason_policy", "intent_return_defective"} <= set(keys)
    labels = {"kb_answer", "status_shipped", "summary_order", "sentiment_angry", "duration_hours"}
    assert not labels & set(keys)


def test_two_swapped_entries_are_both_flagged_as_misplaced() -> None:
    spanish = LIBRARY.texts["es"]
    swapped = with_spanish(cancel_done=spanish["tracking_customs"], tracking_customs=spanish["cancel_done"])
    flagged = {d.key: d for d in find_drift(swapped, ["es"])}
    assert set(flagged) == {"cancel_done", "tracking_customs"}
    assert flagged["cancel_done"].nearest_key == "tracking_customs"
    assert flagged["tracking_customs"].nearest_key == "cancel_done"
    assert all(d.misplaced for d in flagged.values())


def test_an_off_topic_translation_falls_below_the_floor() -> None:
    [drift] = find_drift(with_spanish(return_shipping_free="Hoy hace mucho calor en la ciudad."), ["es"])
    assert drift.key == "return_shipping_free"
    assert drift.own < OWN_FLOOR


def test_a_translation_carrying_another_entrys_meaning_is_misplaced() -> None:
    [drift] = find_drift(with_spanish(return_shipping_free="Tu paquete va en camino."), ["es"])
    assert (drift.key, drift.nearest_key) == ("return_shipping_free", "tracking_in_transit")
    assert drift.misplaced


def test_an_unknown_language_is_an_error() -> None:
    with pytest.raises(ReplyError, match="'xx'"):
        scores(LIBRARY, ["xx"])


@pytest.mark.timeout(1800)  # e5 embeds ~80 texts per language at 10-40 texts/s on two shared cores
def test_no_shipped_translation_has_drifted() -> None:
    measured = scores(LIBRARY)
    assert {d.language for d in measured} == set(LIBRARY.languages()) - {"en"}
    flagged = [d for d in measured if d.flagged]
    assert flagged == [], "\n".join(map(describe, flagged))


def describe(drift: Drift) -> str:
    nearest = f"nearest {drift.nearest_key} ({drift.nearest:.2f})"
    return f"{drift.language}/{drift.key}: own {drift.own:.2f}, {nearest}"
