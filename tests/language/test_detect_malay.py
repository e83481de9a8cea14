"""Malay and Indonesian told apart by the words and spellings that differ; spelled-out names and
whole-message chat words. Every sentence here was written for these tests, in pairs that say the
same thing in each standard, across registers (customer chat, service replies, news)."""

from __future__ import annotations

import numpy as np
import pytest

from babeldesk.language import UNDETERMINED, detect
from babeldesk.language.malay import MODEL_CAP, lean, settle
from babeldesk.language.text import words

# (Malay, Indonesian)
PAIRS = [
    (
        "Saya nak tanya, bila barang saya akan dihantar? Dah seminggu saya tunggu.",
        "Saya mau tanya, kapan barang saya dikirim? Sudah seminggu saya tunggu.",
    ),
    (
        "Terima kasih kerana menghubungi kami, sila berikan nombor pesanan anda.",
        "Terima kasih telah menghubungi kami, silakan berikan nomor pesanan Anda.",
    ),
    ("Boleh tak saya tukar saiz baju ni?", "Bisa nggak saya tukar ukuran bajunya?"),
    (
        "Saya dah bayar guna kad kredit tapi wang belum dipulangkan lagi.",
        "Saya sudah bayar pakai kartu kredit tapi uangnya belum dikembalikan.",
    ),
    (
        "Pejabat kami dibuka dari hari Isnin hingga Jumaat.",
        "Kantor kami buka dari hari Senin sampai Jumat.",
    ),
    (
        "Aplikasi ini percuma dan boleh dimuat turun dari laman web kami.",
        "Aplikasi ini gratis dan bisa diunduh dari situs web kami.",
    ),
    (
        "Kami mohon maaf atas kesulitan ini dan akan membaiki masalah ini secepat mungkin.",
        "Kami mohon maaf atas ketidaknyamanan ini dan akan segera memperbaiki masalahnya.",
    ),
    (
        "Kerajaan negeri akan membina jambatan baharu di kawasan itu tahun hadapan.",
        "Pemerintah provinsi akan membangun jembatan baru di daerah itu tahun depan.",
    ),
    (
        "Mahkamah menjatuhkan hukuman penjara lima tahun ke atas lelaki itu.",
        "Pengadilan menjatuhkan hukuman penjara lima tahun kepada pria itu.",
    ),
    (
        "Kakitangan hospital bekerja lebih masa sepanjang cuti perayaan.",
        "Karyawan rumah sakit bekerja lembur selama libur hari raya.",
    ),
]
# Short chat, where the statistical models alone have least to go on.
SHORT = [
    ("dah sampai ke belum?", "ms"),
    ("barang takde lagi", "ms"),
    ("tq", "ms"),
    ("percuma ke?", "ms"),
    ("sila semak", "ms"),
    ("nak beli-belah", "ms"),
    ("udah sampai belum?", "id"),
    ("nggak bisa", "id"),
    ("makasih ya", "id"),
    ("tolong cek", "id"),
    ("gimana kak?", "id"),
]


@pytest.mark.parametrize(("malay", "indonesian"), PAIRS)
def test_the_same_sentence_in_each_standard(malay: str, indonesian: str) -> None:
    assert detect(malay).language == "ms"
    assert detect(indonesian).language == "id"


@pytest.mark.parametrize(("text", "language"), SHORT)
def test_short_chat_in_each_standard(text: str, language: str) -> None:
    assert detect(text).language == language


def test_loanword_spellings_lean_by_rule_not_only_by_list() -> None:
    # "-iti"/"-itas" from a stem list, "-syen" by rule, clitics stripped
    assert lean(["kualiti"]) > 0 > lean(["kualitas"])
    assert lean(["fasilitinya"]) > 0 > lean(["fasilitasnya"])
    assert lean(["stesyen"]) > 0
    assert lean(["keretanya", "wanglah"]) > lean(["kereta", "wang"]) / 2 > 0
    # phrases whose words alone say little
    assert lean(["rumah", "sakit"]) < 0 < lean(["bola", "sepak"])
    assert lean(["sekarang", "melalui", "adalah", "sudah"]) == 0.0


def test_evidence_is_capped() -> None:
    many = ["kerana", "wang", "pejabat", "kakitangan", "percuma", "mahkamah", "bilik", "tandas"]
    assert lean(many) == lean(many * 3) > 0


def test_only_a_lead_of_indonesian_or_malay_is_resettled() -> None:
    languages = ("en", "id", "ms")
    english_leads = np.array([0.0, -3.0, -4.0])
    assert settle(english_leads, languages, words("kerana")) is english_leads
    # the models lean to Indonesian by far more than their cap; one Malay word outweighs it
    indonesian_leads = np.array([-9.0, 0.0, -6.0])
    settled = settle(indonesian_leads, languages, words("kerana"))
    assert settled[2] > settled[1]
    assert np.logaddexp(settled[1], settled[2]) == pytest.approx(np.logaddexp(0.0, -6.0))
    assert settled[0] == -9.0
    # with no telling word, the models' preference stands, but only up to the cap
    neutral = settle(indonesian_leads, languages, words("saya sudah"))
    assert neutral[1] - neutral[2] == pytest.approx(MODEL_CAP, abs=1e-9)


def test_plain_text_either_could_write_is_not_made_undetermined() -> None:
    # the models cannot say which standard; the text is still clearly one of the two
    result = detect("Saya sudah menunggu pesanan saya selama dua minggu.")
    assert result.language in {"id", "ms"}


@pytest.mark.parametrize("text", ["J O H N S M I T H.", "s a n a.", "d ü n n e"])
def test_a_name_spelled_letter_by_letter_has_no_language(text: str) -> None:
    assert words(text) == []
    assert detect(text).language == UNDETERMINED


def test_spelling_is_dropped_but_the_words_around_it_count() -> None:
    assert detect("Vorname: T a n i s h i a. Nachname bitte noch einmal?").language == "de"
    # two single letters in a row are words ("i w domu", "y a mí")
    assert [w.text for w in words("y a mí me gusta")] == ["y", "a", "mí", "me", "gusta"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Valeu!", "pt"), ("Dankjewel!", "nl"), ("Was?", "de"), ("Yup", "en"), ("ok tq", "ms")],
)
def test_whole_message_chat_words(text: str, language: str) -> None:
    assert detect(text).language == language
