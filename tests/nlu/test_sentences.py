"""A long message is cut into sentences at sentence ends in every script, never inside a number or an
e-mail address, and an unsure message takes the intent of the one sentence that asks for something."""

from __future__ import annotations

from babeldesk.nlu import understand
from babeldesk.nlu.sentences import sentences


def test_sentences_end_at_stops_in_every_script_and_at_line_breaks() -> None:
    assert sentences("Hello! My parcel weighs 2.5 kg. Write to ana.lima@example.com please") == [
        "Hello!",
        "My parcel weighs 2.5 kg.",
        "Write to ana.lima@example.com please",
    ]
    assert sentences("こんにちは。注文をキャンセルしたいです。") == [
        "こんにちは。",
        "注文をキャンセルしたいです。",
    ]
    assert sentences("مرحبا؟ أريد إرجاع الطلب") == ["مرحبا؟", "أريد إرجاع الطلب"]
    assert sentences("Hallo,\nich möchte stornieren\n\nGruß Anna") == [
        "Hallo,",
        "ich möchte stornieren",
        "Gruß Anna",
    ]


def test_short_pieces_do_not_count_and_one_sentence_stays_whole() -> None:
    assert sentences("ok! 2718.") == ["ok! 2718."]
    assert sentences("Where is my order?") == ["Where is my order?"]
    # "Hi." alone is too short to read: what is left is one sentence, so the text stays whole.
    assert sentences("Hi. where is my parcel") == ["Hi. where is my parcel"]


def test_an_unsure_long_message_takes_its_request_sentences_intent() -> None:
    text = (
        "Buongiorno a tutti voi. Ho comprato due cose nel negozio online il mese scorso. "
        "Vorrei restituire la lampada perché ho cambiato idea. Le candele invece vanno benissimo."
    )
    (whole,) = understand([text], ["it"])
    assert whole.intent == "return_changed_mind"
    assert whole.confidence >= 0.5


def test_a_message_of_small_talk_keeps_its_own_reading() -> None:
    text = "Hello there, hope you are well. Lovely weather today. Have a nice weekend, everyone."
    (whole,) = understand([text], ["en"])
    assert whole.intent in {"greeting", "thanks", "other"}
