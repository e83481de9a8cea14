"""A seller adds an intent with examples in their own language; it is recognised in others too, and
the shipped intents keep working beside it."""

from __future__ import annotations

from babeldesk.nlu import understand
from babeldesk.nlu.intents import custom_intents

GIFT_WRAP = (
    [
        "Can you gift wrap my order?",
        "I'd like this wrapped as a present",
        "Do you offer gift wrapping?",
        "Please add a gift box and a card",
        "is gift packaging available",
        "could you wrap it nicely, it's a birthday present",
        "I want to include a gift message with the parcel",
        "Can the items be packed in gift paper?",
    ],
    "en",
)


def test_a_sellers_own_intent_is_recognised_in_other_languages() -> None:
    custom = {"gift_wrap": GIFT_WRAP}
    texts = [
        "¿Pueden envolverlo para regalo?",
        "Können Sie das als Geschenk verpacken?",
        "Where is my parcel? The tracking hasn't moved in days",
    ]
    wrap_es, wrap_de, tracking = understand(texts, ["es", "de", "en"], custom=custom)
    assert wrap_es.intent == "gift_wrap"
    assert wrap_de.intent == "gift_wrap"
    assert tracking.intent in ("track_shipment", "delivery_delay")


def test_without_the_custom_intent_it_is_never_predicted() -> None:
    (result,) = understand(["¿Pueden envolverlo para regalo?"], ["es"])
    assert result.intent != "gift_wrap"


def test_a_workspaces_intents_are_read_from_its_settings_and_bad_entries_left_out() -> None:
    settings = {
        "nlu": {
            "intents": {
                "gift_wrap": [GIFT_WRAP[0], "en"],
                "broken": "not a list",
                "empty": [[], "en"],
                "no_language": [["hello"]],
            }
        }
    }
    assert custom_intents(settings) == {"gift_wrap": (GIFT_WRAP[0], "en")}
    assert custom_intents({}) == {} and custom_intents({"nlu": {"intents": 3}}) == {}
