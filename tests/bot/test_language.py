"""Which language the bot answers in, turn by turn."""

from __future__ import annotations

from babeldesk.bot.context import Turn
from babeldesk.bot.language import reply_language
from babeldesk.bot.state import BotState
from tests.bot.conftest import understood


def _turn(text: str, language: str | None) -> Turn:
    return Turn(text, language, understood(language=language))


def test_a_real_sentence_in_another_language_switches_the_reply_language() -> None:
    state = BotState(language="de")
    assert reply_language(state, _turn("Can we continue in English please?", "en")) == "en"
    assert reply_language(BotState(), _turn("Hola", "es")) == "es"  # the first message sets it


def test_short_answers_and_addresses_keep_the_conversations_language() -> None:
    state = BotState(language="hi-Latn")
    assert reply_language(state, _turn("ok", "en")) == "hi-Latn"
    assert reply_language(state, _turn("kavya.iyer@example.com", "en")) == "hi-Latn"
    state.step = "address"  # the address asked for is names, not a change of language
    address = "Flat 12B, Sunshine Towers, Lokhandwala Complex, Andheri West"
    assert reply_language(state, _turn(address, "en")) == "hi-Latn"
    assert reply_language(BotState(language="es"), _turn(address, "en")) == "en"  # not asked: it counts


def test_sentences_beside_an_address_switch_the_language() -> None:
    state = BotState(language="de", step="address")
    turkish = "pardon Türkçe yazsam olur mu, Almancam çok iyi değil 😅 posta kodu 50670, şehir Köln, Almanya"
    assert reply_language(state, _turn(turkish, "tr")) == "tr"
    # street, town and a flat's abbreviations are no sentences, whatever a detector makes of them
    assert reply_language(state, _turn("Emre Yılmaz, Neusser Straße 87, 3. OG, 50670 Köln", "tr")) == "de"


def test_english_words_every_chat_borrows_keep_the_conversations_language() -> None:
    state = BotState(language="vi")
    assert reply_language(state, _turn("ok thanks shop 😘", "en")) == "vi"
    assert reply_language(state, _turn("Could you answer in English please?", "en")) == "en"


def test_thanks_in_chat_english_or_unaccented_keep_the_conversations_language() -> None:
    assert reply_language(BotState(language="es"), _turn("ah ok, perfect. thank u!! 🙌", "en")) == "es"
    assert reply_language(BotState(language="id"), _turn("oke noted, thank u kak 🙏", "en")) == "id"
    assert reply_language(BotState(language="vi"), _turn("ok cam on shop nhiu", "en")) == "vi"
    # a question is more than thanks: it is read in its own language
    assert reply_language(BotState(language="es"), _turn("thanks! and when will it arrive?", "en")) == "en"


def test_a_few_words_of_a_kindred_language_keep_the_conversations_language() -> None:
    # a Ukrainian customer's Russian "опечатка", an Indonesian's Malay spelling: no switch
    assert reply_language(BotState(language="uk"), _turn("ой, опечатка.", "ru")) == "uk"
    assert reply_language(BotState(language="id"), _turn("terima kasih banyak", "ms")) == "id"
    russian = "Извините, давайте лучше продолжим по-русски, мне так проще"
    assert reply_language(BotState(language="uk"), _turn(russian, "ru")) == "ru"
    assert reply_language(BotState(language="de"), _turn("ой, опечатка.", "ru")) == "ru"  # not kin
