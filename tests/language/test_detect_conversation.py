"""A conversation's language: learned over the customer's messages, overridden by an agent."""

from __future__ import annotations

from babeldesk.language import Detection, conversation_language, detect


def _said(*texts: str) -> list[Detection]:
    return [detect(text) for text in texts]


def test_the_first_clear_message_sets_the_language() -> None:
    assert (
        conversation_language(_said("Hola, mi pedido no ha llegado todavía, ¿me pueden ayudar?"), None, False)
        == "es"
    )


def test_undetermined_messages_never_count() -> None:
    assert conversation_language(_said("ok", "👍", "#1001"), None, False) is None
    assert conversation_language(_said("ok", "👍"), "fr", False) == "fr"


def test_a_short_message_does_not_set_the_language_alone() -> None:
    assert conversation_language(_said("gracias"), None, False) is None


def test_a_single_short_message_does_not_flip_an_established_language() -> None:
    history = _said(
        "Hi, my order from last Tuesday has not arrived yet and the tracking page shows nothing.",
        "Could you check where it is and tell me when it will be delivered?",
        "gracias",
    )
    assert conversation_language(history, "en", False) == "en"


def test_a_customer_who_keeps_writing_in_another_language_moves_the_conversation() -> None:
    history = _said(
        "Hi, my order has not arrived.",
        "Perdón, prefiero escribir en español si es posible para ustedes.",
        "Mi pedido es de la semana pasada y todavía no tengo el número de seguimiento.",
        "¿Pueden revisar qué pasó con el envío y avisarme cuándo llega?",
    )
    assert conversation_language(history, "en", False) == "es"


def test_an_agents_choice_always_wins() -> None:
    history = _said(
        "Mi pedido es de la semana pasada y todavía no tengo el número de seguimiento.",
        "¿Pueden revisar qué pasó con el envío y avisarme cuándo llega?",
    )
    assert conversation_language(history, "en", True) == "en"
    assert conversation_language(history, None, True) is None


def test_longer_and_surer_messages_weigh_more() -> None:
    history = _said(
        "Ja",
        "Bonjour, je n'ai toujours pas reçu ma commande passée il y a deux semaines, pouvez-vous vérifier ?",
        "Danke",
    )
    assert conversation_language(history, None, False) == "fr"


def test_a_short_ambiguous_message_is_read_in_the_conversations_language() -> None:
    # "Ja" is German and Dutch alike; by itself the larger language wins, in a Dutch chat Dutch does
    assert detect("Ja").language == "de"
    assert detect("Ja", expected="nl").language == "nl"
    assert detect("Claro.", expected="pt-BR").language == "pt-BR"


def test_a_message_that_tells_nothing_takes_the_conversations_language_without_confidence() -> None:
    alone = detect("ok")
    assert (alone.language, alone.inferred) == ("und", False)
    for text in ("ok", "Okay.", "#1001", "👍"):
        found = detect(text, expected="de")
        assert (found.language, found.confidence, found.inferred) == ("de", 0.0, True)
    # so it never counts towards the conversation's language
    assert conversation_language([detect("ok", expected="de")] * 5, None, False) is None


def test_a_clear_message_in_another_language_is_not_bent_to_the_conversation() -> None:
    found = detect("Sorry, could you answer me in English? I do not speak German very well.", expected="de")
    assert (found.language, found.inferred) == ("en", False)
    assert detect("Моё заказ ещё не пришёл, помогите пожалуйста", expected="es").language == "ru"
    assert detect("undetermined", expected="und") == detect("undetermined")


def test_a_region_the_text_cannot_tell_is_not_taken_from_the_conversation() -> None:
    # "es-ES" came from a browser's locale; the words say Spanish, not Spain
    text = "Hola, ¿dónde está mi pedido? Lo compré hace una semana."
    assert detect(text, expected="es-ES").language == "es"
