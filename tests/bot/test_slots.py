"""Slots from customers' words: yes/no in all 21 bot languages, order numbers, contacts, choices,
requests for a person, addresses. When a message is unclear, nothing is extracted."""

from __future__ import annotations

import pytest

from babeldesk.bot import slots
from babeldesk.bot.address import find_country, one_line, parse_address, part_corrected
from babeldesk.bot.lexicon import LANGUAGES, Table

# (language, a yes, a no) as customers write them.
ANSWERS = [
    ("en", "Yes please", "No thanks"),
    ("zh", "好的", "不用了"),
    ("es", "Sí, claro", "No, gracias"),
    ("pt", "Sim, pode ser", "Não, obrigado"),
    ("fr", "Oui, d'accord", "Non merci"),
    ("de", "Ja, gerne", "Nein danke"),
    ("it", "Sì, va bene", "No, grazie"),
    ("nl", "Ja, graag", "Nee, dank je"),
    ("ja", "はい、お願いします", "いいえ、結構です"),
    ("ko", "네, 좋아요", "아니요"),
    ("ar", "نعم", "لا شكرا"),
    ("ru", "Да, конечно", "Нет, спасибо"),
    ("tr", "Evet, tamam", "Hayır, teşekkürler"),
    ("pl", "Tak, poproszę", "Nie, dziękuję"),
    ("th", "ใช่ ตกลง", "ไม่ต้อง"),
    ("vi", "Vâng, đồng ý", "Không, cảm ơn"),
    ("id", "Iya, boleh", "Tidak, terima kasih"),
    ("ms", "Ya, boleh", "Tak nak"),
    ("hi", "हाँ, ठीक है", "नहीं, धन्यवाद"),
    ("he", "כן, בסדר", "לא תודה"),
    ("uk", "Так, звісно", "Ні, дякую"),
]


def test_every_bot_language_has_answers() -> None:
    assert sorted(lang for lang, _, _ in ANSWERS) == sorted(LANGUAGES)


@pytest.mark.parametrize(("language", "yes", "no"), ANSWERS)
def test_yes_and_no_in_every_language(language: str, yes: str, no: str) -> None:
    assert slots.yes_no(yes, language) is True
    assert slots.yes_no(no, language) is False
    assert slots.short_answer(yes, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [("maybe later", "en"), ("yes and no", "en"), ("不好说，好吧", "zh"), ("", "en"), ("1001", "en")],
)
def test_unclear_answers_are_neither(text: str, language: str) -> None:
    assert slots.yes_no(text, language) is None


def test_words_that_differ_between_languages_follow_the_customer_language() -> None:
    assert slots.yes_no("tak", "pl") is True
    assert slots.yes_no("tak", "ms") is False
    assert slots.yes_no("tak", None) is None  # no language known: not guessed
    assert slots.yes_no("ja", "de") is True
    assert slots.yes_no("ja", "pt-BR") is None  # "ja" is neither in Portuguese nor in English


def test_a_yes_inside_a_longer_request_is_not_a_short_answer() -> None:
    assert not slots.short_answer("yes but actually I want to return the other order instead", "en")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Where is #1001?", ["1001"]),
        ("order 1001", ["1001"]),
        ("my order number is 1002", ["1002"]),
        ("¿Dónde está mi pedido 1003?", ["1003"]),
        ("commande n° 1004", ["1004"]),
        ("Bestellung 1005", ["1005"]),
        ("注文番号1001", ["1001"]),
        ("注文番号は１００１です", ["1001"]),
        ("订单号：1002", ["1002"]),
        ("주문번호 1003", ["1003"]),
        ("أين طلبي رقم ١٠٠٤", ["1004"]),
        ("заказ №1005", ["1005"]),
        ("đơn hàng 1006", ["1006"]),
        ("pesanan 1007", ["1007"]),
        ("ऑर्डर 1008", ["1008"]),
        ("הזמנה 1009", ["1009"]),
        ("I have orders 1001 and 1002", ["1001", "1002"]),
        ("tengo dos pedidos: 1001 y 1002", ["1001", "1002"]),
        ("zwei Bestellungen 4410 und 4411", ["4410", "4411"]),
        ("siparişlerim 5501 ve 5502", ["5501", "5502"]),
        ("order 1001 arrived 3 days late, I paid 120", ["1001"]),
        ("I bought 2 shirts for 120 euros", []),
        ("call me on +49 170 1234567", []),
        ("wo bleibt meine Bestellung #100 482?", ["100482"]),  # grouped by thousands after a mark
        ("주문번호 4 4 1 9 입니다", ["4419"]),  # digit by digit after an order word
        ("order 1001 250 euros", ["1001"]),
        ("il pacco 5520 a che punto è?", ["5520"]),  # the parcel is the order, to a customer
        ("7712 nolu siparisim", ["7712"]),  # Turkish typed without its letters
    ],
)
def test_order_numbers(text: str, numbers: list[str]) -> None:
    assert slots.order_numbers(text) == numbers


def test_bare_and_loose_numbers() -> None:
    assert slots.bare_number(" #1001. ") == "1001"
    assert slots.bare_number("1001 please") is None
    assert slots.loose_numbers("oh sorry, it's 1001 — ana@example.com, +34 612 345 678") == ["1001"]


def test_emails_and_phones() -> None:
    text = "Reach me at Ana.Garcia+shop@Example.com or +34 612 345 678 (order 1001)"
    assert slots.emails(text) == ["ana.garcia+shop@example.com"]
    assert slots.phones(text) == ["+34 612 345 678"]
    assert slots.phones("my order is 1001 and it cost 59.90") == []


def test_emails_spelled_out_against_spam() -> None:
    assert slots.emails("siparis no 7129 mail: deniz.aksoy [at] example.com") == ["deniz.aksoy@example.com"]
    assert slots.emails("ana (AT) shop [dot] co [dot] uk") == ["ana@shop.co.uk"]
    assert slots.emails("we meet at the shop at noon") == []


@pytest.mark.parametrize(
    ("text", "language", "index"),
    [
        ("2", "en", 1),
        ("the second one", "en", 1),
        ("el último", "es", 2),
        ("le premier", "fr", 0),
        ("die zweite", "de", 1),
        ("最初のもの", "ja", 0),
        ("第二个", "zh", 1),
        ("number 3 please", "en", 2),
        ("le premier, au +33 6 12 34 56 78", "fr", 0),
        ("7", "en", None),
        ("the first or the second", "en", None),
        ("whichever", "en", None),
    ],
)
def test_choices_from_a_list_of_three(text: str, language: str, index: int | None) -> None:
    assert slots.choice(text, language, 3) == index


@pytest.mark.parametrize(
    ("text", "language"),
    [("no, the other order", "en"), ("el otro", "es"), ("die andere Bestellung", "de"), ("另一个订单", "zh")],
)
def test_the_other_one(text: str, language: str) -> None:
    assert slots.wants_other(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I want to talk to a human", "en"),
        ("Quiero hablar con una persona", "es"),
        ("转人工", "zh"),
        ("担当者と話したい", "ja"),
        ("Ich möchte mit einem Mitarbeiter sprechen", "de"),
        ("أريد التحدث مع موظف", "ar"),
        ("Cho tôi gặp nhân viên", "vi"),
        ("Saya mau bicara dengan manusia", "id"),
        ("Chcę rozmawiać z konsultantem", "pl"),
        ("Соедините с оператором", "ru"),
        ("فيه احد من خدمة العملاء اقدر اكلمه الحين؟", "ar"),
        ("Bunu hızlandırabilecek biriyle görüşebilir miyim lütfen?", "tr"),
    ],
)
def test_requests_for_a_person(text: str, language: str) -> None:
    assert slots.wants_human(text, language)


def test_an_ordinary_question_is_not_a_request_for_a_person() -> None:
    assert not slots.wants_human("Where is my personal order?", "en")


@pytest.mark.parametrize(
    ("text", "language", "defect"),
    [
        ("The sneakers arrived broken", "en", True),
        ("No, it's broken", "en", True),
        ("It's not broken, I just don't like the colour", "en", False),
        ("kasut tu ok je, tak rosak apa pun, cuma tak suka", "ms", False),
        ("No está roto, solo no me gusta", "es", False),
        ("no funciona", "es", True),
        ("Es ist nicht kaputt, passt nur nicht", "de", False),
        ("kırık değil ama beğenmedim", "tr", False),
        ("壊れていないけど返品したいです", "ja", False),
        ("壊れていました", "ja", True),
        ("没坏，就是不喜欢", "zh", False),
        ("máy xay cắm điện vô không chạy luôn", "vi", True),
    ],
)
def test_a_defect_denied_is_no_defect(text: str, language: str, defect: bool) -> None:
    assert bool(slots.find_phrases(text, (Table.DEFECT,), language)) is defect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Müller\nHauptstraße 5\n10115 Berlin\nGermany", "Anna Müller, Hauptstraße 5, 10115 Berlin, DE"),
        (
            "New address: Calle Mayor 10, 2B, 28013 Madrid, España",
            "Ana García, Calle Mayor 10, 2B, 28013 Madrid, ES",
        ),
        (
            "742 Evergreen Terrace, Springfield, IL 62704, USA",
            "Ana García, 742 Evergreen Terrace, 62704 Springfield, IL, US",
        ),
        (
            "Keizersgracht 12\n1015 CX Amsterdam\nNederland",
            "Ana García, Keizersgracht 12, 1015 CX Amsterdam, NL",
        ),
        ("Rua Augusta 100, 1100-053 Lisboa", "Ana García, Rua Augusta 100, 1100-053 Lisboa, PT"),
        (  # the state after the postal code is kept, not dropped
            "Flat 12B, Sunshine Towers, Andheri West, Mumbai 400053, Maharashtra, India",
            "Ana García, Flat 12B, Sunshine Towers, Andheri West, 400053 Mumbai, Maharashtra, IN",
        ),
        (
            "佐藤花子\n〒530-0001\n大阪府大阪市北区梅田3-1-1",
            "佐藤花子, 北区梅田3-1-1, 530-0001 大阪市, 大阪府, JP",
        ),
    ],
)
def test_addresses(text: str, expected: str) -> None:
    default = "PT" if "Lisboa" in text else ""
    parsed = parse_address(text, name="Ana García", default_country=default)
    assert parsed is not None
    assert one_line(parsed) == expected


@pytest.mark.parametrize(
    "text",
    [
        "just send it to my friend",
        "Hauptstraße 5, Berlin, Germany",  # no postal code
        "Hauptstr. 5, 1234 Berlin, Germany",  # a German postal code has five digits
        "10115 Berlin, Germany",  # no street
        "Hauptstraße 5, 10115 Berlin",  # no country, and none to fall back on
    ],
)
def test_unsure_addresses_are_not_guessed(text: str) -> None:
    assert parse_address(text, name="Ana García") is None


def test_countries_named_in_questions() -> None:
    assert find_country("How much is shipping to Germany?") == ("DE", "Germany")
    assert find_country("¿Cuánto cuesta el envío a España?") == ("ES", "España")
    assert find_country("日本への送料は？") == ("JP", "日本")
    assert find_country("ship to the US please") == ("US", "US")
    assert find_country("can you send it to us") is None


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("Dzień dobry, ile kosztuje wysyłka do Polski?", "pl", "PL"),  # declined: Polska → do Polski
        ("wysyłka do Niemiec", "pl", "DE"),
        ("Сколько стоит доставка в Россию?", "ru", "RU"),
        ("Скільки коштує доставка в Україну?", "uk", "UA"),
        ("כמה עולה משלוח לפולין?", "he", "PL"),  # the preposition written onto the name
        ("كم سعر الشحن للصين؟", "ar", "CN"),
        ("Berapa ongkir ke Jerman?", "id", "DE"),  # CLDR's name in the customer's language
        ("ส่งไปเยอรมนีกี่วัน", "th", "DE"),
        ("envoi au Chili ?", "fr", "CL"),
    ],
)
def test_countries_in_the_customers_language_and_declined(text: str, language: str, code: str) -> None:
    found = find_country(text, language)
    assert found is not None and found[0] == code


def test_a_country_name_in_another_language_is_just_a_word() -> None:
    assert find_country("I love chili", "en") is None  # Chile in French, a pepper in English
    assert find_country("Chào anh Đức, ship mất bao lâu?", "vi") is None  # a given name as well


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text", ["1" * 10_000, "+1 " + "2 " * 5_000, "1-" * 5_000, "a." * 5_000 + "@", "order " * 2_000 + "1"]
)
def test_long_hostile_messages_do_not_stall_the_parsers(text: str) -> None:
    # Each parser sees every customer message: none may backtrack for long on a message near the limit.
    slots.order_numbers(text)
    slots.phones(text)
    slots.emails(text)
    slots.choice(text, "en", 3)
    slots.yes_no(text, "en")
    parse_address(text, name="Ana", default_country="DE")


def test_korean_phrases_match_with_their_endings_but_one_syllable_only_whole() -> None:
    # "교환해 주세요" names an exchange; "예약" (a booking) is not "예" (yes)
    assert slots.pick("새 걸로 교환해 주세요", "ko", Table.REFUND, Table.REPLACEMENT) is Table.REPLACEMENT
    assert slots.pick("환불이요", "ko", Table.REFUND, Table.REPLACEMENT) is Table.REFUND
    assert slots.yes_no("예약했어요", "ko") is None
    assert slots.yes_no("네", "ko") is True


def test_elided_words_and_suffixed_names_are_words_of_their_own() -> None:
    assert slots.wants_other("non attendez, c'est l'autre commande", "fr")
    assert find_country("Türkiye'ye gönderim yapıyor musunuz?") == ("TR", "Türkiye")
    assert slots.yes_no("d'accord", "fr") is True


@pytest.mark.parametrize(
    "text",
    [
        "היי, ההזמנה שלי 1001 מתעכבת",  # "my order 1001": the possessive after the noun
        "pesanan saya 1001 belum sampai",
        "đơn hàng của mình 1001 sao chưa giao",
        "ऑर्डर नंबर 1001 कहाँ है",
        "คำสั่งซื้อหมายเลข 1001",  # Thai's sara am, which NFKC splits in the text and the pattern alike
        "де моє замовленя 1001?",  # Ukrainian's double н typed once
        "з моїм замовленням 1001",
    ],
)
def test_order_numbers_after_possessives_and_number_words(text: str) -> None:
    assert slots.order_numbers(text) == ["1001"]


def test_english_no_is_not_read_into_languages_where_it_is_another_word() -> None:
    assert slots.yes_no("aha, no trudno. a kiedy dotrze?", "pl") is None  # Polish "no": well
    assert slots.yes_no("nie, dziękuję", "pl") is False
    assert slots.yes_no("no", "es") is False


def test_polish_plural_country_names_decline() -> None:
    assert find_country("ile kosztuje wysyłka do Czech?", "pl") == ("CZ", "Czech")
    assert find_country("wysyłka do Włoch", "pl") == ("IT", "Włoch")


def test_phone_numbers_touching_japanese_particles_and_turkish_order_numbers() -> None:
    assert slots.phones("電話番号は090-1234-5678です") == ["090-1234-5678"]
    assert slots.order_numbers("Merhaba, 8140 numaralı siparişim ne zaman gelir?") == ["8140"]


def test_phones_after_an_order_word_stay_phones() -> None:
    # "my mobile number registered on the order 0551234567"
    arabic = "رقم جوالي المسجل في الطلب 0551234567"
    assert slots.order_numbers(arabic) == [] and slots.phones(arabic) == ["0551234567"]
    assert slots.order_numbers("order #0551234567") == ["0551234567"]  # a "#" says order


def test_an_order_word_anywhere_is_found() -> None:
    assert slots.mentions_order("uy no, me he liado de pedido. El que quiero es el 5280")
    assert not slots.mentions_order("Avenida de la Constitución 14, 28915 Leganés")
    # with the particles and endings written onto it, and inside unspaced text
    assert slots.mentions_order("대신 목도리 주문한 거(7718)는 언제쯤 와요?")
    assert slots.mentions_order("先週注文した商品") and slots.mentions_order("我的订单还没到")
    assert not slots.mentions_order("an orderly queue") and not slots.mentions_order("I ordered it")


@pytest.mark.parametrize(
    ("text", "table", "language", "found"),
    [
        ("y por donde va ahora? pa saber cuando me llega", Table.ARRIVAL, "es", True),  # "cuándo me llega"
        ("nao recebi, quero o reembolso", Table.REFUND, "pt", True),
        ("dzieki za info", Table.THANKS, "pl", True),
        ("khong nhan duoc hang, toi muon huy don", Table.CANCEL, "vi", True),  # "hủy đơn"
        # one short word without its accents is another word: Vietnamese "co" is not "có", and a word
        # typed with other accents is not the phrase either
        ("co oi", Table.YES, "vi", False),
        ("cô ơi", Table.YES, "vi", False),
        # marks of other scripts are part of their words: Hindi नहीं is not नह
        ("नहीं चाहिए", Table.NO, "hi", True),
    ],
)
def test_phrases_match_text_typed_without_accents(
    text: str, table: Table, language: str, found: bool
) -> None:
    assert bool(slots.find_phrases(text, (table,), language)) is found


def test_accents_come_off_latin_letters_only() -> None:
    assert slots.unaccented("não đơn hàng łódź") == "nao don hang lodz"
    assert slots.unaccented("नहीं ไม่ שָׁלוֹם") == "नहीं ไม่ שָׁלוֹם"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("I want a replacement, not a refund", "en", Table.REPLACEMENT),
        ("not a refund, a replacement please", "en", Table.REPLACEMENT),
        ("음 그냥 환불… 아 아니다, 환불 말고 새 제품으로 교환해 주세요", "ko", Table.REPLACEMENT),
        ("환불은 말고 교환이요", "ko", Table.REPLACEMENT),
        ("返金ではなく交換でお願いします", "ja", Table.REPLACEMENT),
        ("Keine Erstattung, lieber Ersatz", "de", Table.REPLACEMENT),
        ("quiero un reembolso, no un cambio", "es", Table.REFUND),
        ("para iadesi değil, değişim istiyorum", "tr", Table.REPLACEMENT),
        ("不要退款，换一个新的吧", "zh", Table.REPLACEMENT),
        ("refund ya replacement?", "en", None),  # a question between both: neither is taken back
        ("No, refund please, a replacement takes too long", "en", None),
        # a change of mind: what comes after it is wanted
        ("Ersatz bitte. Ach nee, lieber doch das Geld zurück", "de", Table.REFUND),
        ("a replacement please... actually, just a refund", "en", Table.REFUND),
        ("ขอส่งชุดใหม่มาแทนค่ะ ไม่เอาเงินคืน", "th", Table.REPLACEMENT),
        ("refund or replacement, either is fine", "en", None),
    ],
)
def test_a_remedy_taken_back_leaves_the_other(text: str, language: str, expected: Table | None) -> None:
    assert slots.pick(text, language, Table.REFUND, Table.REPLACEMENT) is expected


def test_a_mistake_admitted_in_every_bot_language() -> None:
    said = {
        "en": "sorry, wrong number", "nl": "oh wacht, verkeerde nummer", "de": "ich habe mich vertippt",
        "ja": "番号を間違えました", "ko": "번호를 잘못 썼어요", "ru": "ой, не тот номер",
        "es": "perdón, me equivoqué",
    }  # fmt: skip
    for language, text in said.items():
        assert slots.admits_mistake(text, language), text
    assert not slots.admits_mistake("the number is 5503", "en")


def test_every_word_table_speaks_every_bot_language() -> None:
    # A table without a language falls back to every language's words, where a word of one may be
    # another's everyday word; so each table names each language, if only with no words.
    from babeldesk.bot.lexicon import _TABLES

    for table, entries in _TABLES.items():
        assert set(LANGUAGES) <= set(entries), (table, sorted(set(LANGUAGES) - set(entries)))


def test_a_place_named_in_words_only() -> None:
    assert slots.place("no, I meant the second one", "en", 2) == 1
    assert slots.place("לא, סליחה, התכוונתי להזמנה השנייה", "he", 2) == 1
    assert slots.place("the last one", "en", 3) == 2
    assert slots.place("2", "en", 2) is None  # a digit is for slots.choice
    assert slots.place("the first or the second?", "en", 2) is None


def test_of_a_yes_and_a_no_the_sentence_that_opens_with_one_decides() -> None:
    assert slots.yes_no("ahh ok, entonces no es cambio directo, va. Sí, ábreme la devolución", "es") is True
    assert slots.yes_no("yes no wait", "en") is None  # one breath: unclear
    assert slots.yes_no("No. Yes.", "en") is None


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("한국으로도 배송되나요?", "ko", "KR"),
        ("한국어로 써도 돼요?", "ko", None),
        ("אחותי בקפריסין", "he", "CY"),
    ],
)
def test_countries_with_particles_and_prefixes(text: str, language: str, code: str | None) -> None:
    found = find_country(text, language)
    assert (found[0] if found else None) == code


def test_a_request_said_again_confirms_it_unless_taken_back() -> None:
    assert slots.asks_again("uh huy di shop", Table.CANCEL, "vi")
    assert slots.asks_again("Ja graag, annuleer maar", Table.CANCEL, "nl")
    assert not slots.asks_again("no, don't cancel it", Table.CANCEL, "en")
    assert not slots.asks_again("where is it now?", Table.CANCEL, "en")


def test_a_japanese_yes_asked_back_is_no_answer() -> None:
    assert slots.yes_no("そうです", "ja") is True
    assert slots.yes_no("そうですか…メーカーのサイトで調べてみます", "ja") is None


def test_vietnamese_typed_without_accents_names_its_order() -> None:
    assert slots.order_numbers("shop oi minh dat don 2930 hom qua") == ["2930"]
    assert slots.order_numbers("ma don hang 5521") == ["5521"]
    # the English "don't" and a town ending in "don" name no order
    assert slots.order_numbers("I don't know, 4410 maybe") == []
    assert slots.order_numbers("London 10115") == []


def test_nothing_but_acknowledgements_or_a_question() -> None:
    assert slots.only("ok top 👍", (Table.ACK,), "nl") and slots.only("👍", (Table.ACK,), "he")
    assert not slots.only("ok, and where is my order?", (Table.ACK,), "en")
    assert slots.asks("D'accord. Et c'est possible de payer en 3 fois ?", "fr")
    assert slots.asks("when do I get my money back?", "en", Table.REFUND)
    assert not slots.asks("Refund me. Where is the parcel?", "en", Table.REFUND)


@pytest.mark.parametrize(
    ("text", "line1", "line2"),
    [
        ("ah non attendez, c'est bâtiment B pas A, désolée !", "14 rue des Lilas", "bâtiment B"),
        ("c'est le 16 rue des Lilas, pas 14", "16 rue des Lilas", "bâtiment A"),
        ("oui c'est bien rue des Lilas", None, None),  # nothing of the same kind differs
        ("oui", None, None),
    ],
)
def test_one_part_of_an_address_corrected(text: str, line1: str | None, line2: str | None) -> None:
    address = parse_address("Camille Robert, 14 rue des Lilas, bâtiment A, 69003 Lyon", default_country="FR")
    assert address is not None and address.line2 == "bâtiment A"
    fixed = part_corrected(text, address)
    if line1 is None:
        assert fixed is None
    else:
        assert fixed is not None and (fixed.line1, fixed.line2, fixed.city) == (line1, line2, "Lyon")


def test_nothing_but_thanks_is_no_question() -> None:
    social = (Table.THANKS, Table.ACK)
    assert slots.only("ขอบคุณค่ะ 🙏", social, "th")
    assert slots.only("oke noted, thank u kak", social, "id", "en")
    assert not slots.only("?", social, "he"), "a question mark alone asks"
    assert not slots.only("ok?", social, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("shop ơi cho mình hỏi xíu", "vi"),
        ("hi, quick question", "en"),
        ("mau tanya kak", "id"),
        ("질문 있어요", "ko"),
    ],
)
def test_leave_to_ask_alone(text: str, language: str) -> None:
    assert slots.only(text, (Table.MAY_I_ASK, Table.ACK), language, "en")
    assert not slots.only(f"{text}: where is order 1001", (Table.MAY_I_ASK, Table.ACK), language, "en")
