"""Language detection of single messages: scripts, Chinese variants, short chat, id/ms, mixed spans."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from babeldesk.language import UNDETERMINED, Detection, detect, detect_many


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("배송이 언제 도착하나요?", "ko"),
        ("注文した商品がまだ届いていません", "ja"),
        ("สินค้าที่สั่งยังไม่มาถึงเลยค่ะ", "th"),
        ("החבילה שלי עדיין לא הגיעה", "he"),
        ("मेरा पैकेज अभी तक नहीं पहुंचा है", "hi"),
        ("لم يصل طلبي حتى الآن", "ar"),
        ("Моя посылка до сих пор не пришла", "ru"),
        ("Моя посилка досі не прийшла, що робити?", "uk"),
        ("Η παραγγελία μου δεν έχει φτάσει ακόμα", "el"),
    ],
)
def test_script_decides_the_language(text: str, language: str) -> None:
    result = detect(text)
    assert result.language == language
    assert result.confidence > 0.9
    assert not result.mixed


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I ordered a blue jacket last week and it still has not arrived.", "en"),
        ("Pedí una chaqueta azul la semana pasada y todavía no ha llegado.", "es"),
        ("Encomendei um casaco azul na semana passada e ainda não chegou.", "pt"),
        ("J'ai commandé une veste bleue la semaine dernière et elle n'est pas arrivée.", "fr"),
        ("Ich habe letzte Woche eine blaue Jacke bestellt, sie ist noch nicht angekommen.", "de"),
        ("Ho ordinato una giacca blu la settimana scorsa e non è ancora arrivata.", "it"),
        ("Ik heb vorige week een blauwe jas besteld en hij is nog steeds niet aangekomen.", "nl"),
        ("Geçen hafta mavi bir ceket sipariş ettim ve hâlâ gelmedi.", "tr"),
        ("Zamówiłem niebieską kurtkę w zeszłym tygodniu i wciąż nie dotarła.", "pl"),
        ("Tôi đã đặt một chiếc áo khoác màu xanh tuần trước nhưng vẫn chưa nhận được.", "vi"),
    ],
)
def test_latin_script_languages(text: str, language: str) -> None:
    assert detect(text).base == language


def test_vietnamese_typed_without_accents_after_shop_oi() -> None:
    # "shop ơi" typed bare: Brazilian "oi" (hi) alone must not outweigh the Vietnamese words after it
    assert detect("shop oi huy giup em don 6604 voi").base == "vi"
    assert detect("oi, meu pedido nao chegou").base == "pt"


def test_simplified_and_traditional_chinese_are_told_apart() -> None:
    assert detect("我的订单还没有到，请帮我查一下物流。").language == "zh-Hans"
    assert detect("我的訂單還沒有到，請幫我查一下物流。").language == "zh-Hant"
    # characters written the same in both scripts say only "Chinese"
    assert detect("你好").language == "zh"
    assert detect("我們").language == "zh-Hant"


def test_brazilian_portuguese_only_where_a_word_tells() -> None:
    assert detect("Você pode me mandar o arquivo pelo celular?").language == "pt-BR"
    assert detect("Pode enviar-me o ficheiro para o telemóvel?").language == "pt-PT"
    assert detect("O meu pedido ainda não chegou, podem verificar?").language == "pt"


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "OK!!",
        "lol",
        "hahaha",
        "👍",
        "👍👍🙏",
        "#1001",
        "?",
        "...",
        "1Z999AA10123456784",
        "jane.doe@example.com",
        "https://shop.example.com/orders/1001",
        "+49 30 1234567",
        "€ 49,90",
        "b.",
    ],
)
def test_short_chat_without_language_is_undetermined(text: str) -> None:
    result = detect(text)
    assert result.language == UNDETERMINED
    assert result.confidence == 0.0


def test_an_obvious_word_in_short_chat_is_detected() -> None:
    assert detect("gracias!!").language == "es"
    assert detect("Merci beaucoup").language == "fr"
    assert detect("Vielen Dank!").language == "de"
    assert detect("네!").language == "ko"


def test_masked_tokens_do_not_sway_the_language() -> None:
    text = "Hola, mi pedido #A-1001 (tracking 1Z999AA10123456784) no ha llegado: ana@example.com"
    assert detect(text).language == "es"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Saya mau tanya, kenapa pesanan saya belum sampai? Bisa dicek sekarang?", "id"),
        ("Uang saya sudah dipotong tapi barangnya belum dikirim, tolong dibantu ya.", "id"),
        ("Saya nak tanya, kenapa pesanan saya belum sampai lagi? Boleh semak sekarang?", "ms"),
        ("Wang saya sudah ditolak tetapi barang belum dihantar, minta tolong semak.", "ms"),
    ],
)
def test_indonesian_and_malay_are_told_apart_on_clear_sentences(text: str, language: str) -> None:
    assert detect(text).language == language


def _span_languages(text: str, result: Detection) -> dict[str, str]:
    return {text[s.start : s.end]: s.language for s in result.spans}


def test_spanish_with_english_is_mixed_with_spans_on_the_right_words() -> None:
    text = "Hola, necesito ayuda con mi pedido, I want a refund because it arrived broken"
    result = detect(text)
    assert result.mixed
    assert {s.language for s in result.spans} == {"es", "en"}
    english = " ".join(text[s.start : s.end] for s in result.spans if s.language == "en")
    spanish = " ".join(text[s.start : s.end] for s in result.spans if s.language == "es")
    assert "refund because it arrived broken" in english
    assert "necesito ayuda con mi pedido" in spanish
    assert all(0 <= s.start < s.end <= len(text) for s in result.spans)


def test_german_with_an_english_phrase_is_mixed() -> None:
    text = "Ich habe die Bestellung storniert, but the money never came back auf mein Konto."
    result = detect(text)
    assert result.mixed
    assert result.base == "de"
    english = [text[s.start : s.end] for s in result.spans if s.language == "en"]
    assert english == ["but the money never came back"]


def test_two_scripts_make_a_mixed_message() -> None:
    text = "मेरा order अभी तक नहीं आया, please check the tracking"
    result = detect(text)
    assert result.mixed
    assert result.language == "hi"
    assert _span_languages(text, result)["please check the tracking"] == "en"


def test_hindi_typed_in_latin_letters_with_english_is_mixed() -> None:
    text = "Mujhe refund chahiye, the shoes arrived damaged aur koi reply nahi aaya"
    result = detect(text)
    assert result.mixed
    assert result.base == "hi"
    spans = _span_languages(text, result)
    assert spans["the shoes arrived damaged"] == "en"
    assert spans["aur koi"].startswith("hi")
    hinglish = detect("mera order abhi tak nahi aaya, kab milega?")
    assert (hinglish.language, hinglish.base) == ("hi-Latn", "hi")


def test_hinglish_is_hindi_even_where_english_nouns_have_more_letters() -> None:
    # Hinglish sets English nouns in Hindi sentences: the reply belongs in Hinglish
    text = "order 8230 ka delivery address change karna hai, galti se purana Pune wala address daal diya"
    assert (detect(text).language, detect(text).mixed) == ("hi-Latn", True)
    # an English message with a Hindi phrase in it stays English
    quoted = detect("Please ship my order fast, it is a gift for my friend who loves kal ho naa ho")
    assert quoted.language == "en"


def test_hinglish_with_english_loans_is_not_indonesian() -> None:
    # Indonesian chat borrows "order", "cancel", "please" too; Hinglish borrows them more
    text = "hi, order 5874 cancel karna hai please. galti se same air fryer do baar order ho gaya"
    assert detect(text).language == "hi-Latn"
    assert detect("hi, order 9274 cancel karna hai please").language == "hi-Latn"
    # its English runs are still English spans
    spans = _span_languages(
        "Can you check my order? mera parcel abhi tak nahi aaya",
        detect("Can you check my order? mera parcel abhi tak nahi aaya"),
    )
    assert spans["Can you check my order"] == "en"
    assert detect("Namaste, my order has not arrived yet").language == "en"


def test_a_near_tie_stays_in_the_conversations_language() -> None:
    # both words look Russian too; in a Ukrainian chat they are read as Ukrainian
    assert detect("Так, скасовуйте", "uk").language == "uk"
    # a clear switch is still followed
    assert detect("Sorry, switching to English, my keyboard is acting up today", "vi").language == "en"


@pytest.mark.parametrize(
    "text",
    [
        # words romanized Hindi shares with these languages do not make them mixed
        "Click the Payment Information tab and the page will open in a new one.",
        "We cannot accept it on mere hearsay, the main issue is elsewhere.",
        "Das Paket ist da, aber der Karton war offen.",
        "Saya mau tanya kapan pesanan saya sampai ke rumah?",
    ],
)
def test_latin_languages_are_not_taken_for_romanized_hindi(text: str) -> None:
    result = detect(text)
    assert result.base != "hi"
    assert all(not span.language.startswith("hi") for span in result.spans)


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe meine Bestellung gestern bekommen und alles ist in Ordnung.",
        "Thanks, the package arrived yesterday and everything looks fine.",
        "Mein neues iPhone ist kaputt.",
        "我的iPhone坏了",
    ],
)
def test_one_language_messages_are_not_mixed(text: str) -> None:
    result = detect(text)
    assert not result.mixed
    assert result.spans == ()


def test_detect_many_matches_detect() -> None:
    texts = ["Bonjour, où est mon colis ?", "ok", "Wo ist mein Paket?"]
    assert detect_many(texts) == [detect(t) for t in texts]


def test_detection_needs_no_network(tmp_path: os.PathLike[str]) -> None:
    # every socket call fails, the Hugging Face hub is offline, and the home directory holds no cache
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network is disabled in this test")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from babeldesk.language import detect
        print(detect("Bonjour, ma commande n'est toujours pas arrivée.").language)
        print(detect("Ich brauche einen refund, please help me with this").mixed)
        """
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["fr", "True"]
