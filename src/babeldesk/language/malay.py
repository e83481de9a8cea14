"""Malay or Indonesian: the words and spellings that only one of the two standards uses.

The two are one language with two standards, so the statistical models, which learned both from
web text that mixes them, tell them apart poorly on short or plain text. What does tell is
vocabulary ("kerana"/"karena", "kereta"/"mobil", "pejabat"/"kantor"), spelling rules for
loanwords (Malay "kualiti", "televisyen", "automatik" beside Indonesian "kualitas", "televisi",
"otomatis"), month and day names, and chat forms ("nak", "takde", "tq" beside "nggak", "udah",
"makasih"). Everything here is general knowledge of the two standards, written for Babeldesk.

`lean` weighs that evidence as log-odds of Malay against Indonesian; words both standards use
("sekarang", "melalui", "adalah", "sudah") say nothing and are not listed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from babeldesk.language.text import Word

FloatArray = npt.NDArray[np.float64]

# Nats of evidence per word: "strong" words are not used in the other standard at all, "leaning"
# words are much more common in one (or mean something else in the other).
STRONG = 2.5
LEANING = 1.0
# One message's evidence is capped: a long article with many markers is not "more Malay".
MAX_LEAN = 8.0
# How much the statistical models' own preference between the two still counts. They learned both
# from web text in which Indonesian dominates and the two are often mislabelled, so they lean to
# Indonesian on any plain text; here they only break ties the words leave.
MODEL_CAP = 1.5
PAIR = ("id", "ms")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MALAY = _words(
    # grammar words and connectives
    "kerana sahaja iaitu manakala justeru selepas sebarang pelbagai sesetengah memandangkan menerusi "
    # everyday nouns
    "sila wang bas teksi lori basikal motosikal polis kedai encik tandas bilik pejabat mahkamah kakitangan "
    "peguam askar hospital doktor ubat kasut seluar beg kerusi almari tingkap tuala ais stesen "
    "jambatan kenderaan syarikat kilang perniagaan pusingan bandaraya pasaraya tarikh minit peratus "
    "bilion trilion ringgit nombor telefon akaun laluan talian pautan tetapan carian perisian skrin "
    "maklumat pensyarah peperiksaan cikgu sukan jurulatih kejohanan filem muzik akhbar khabar "
    "perkhidmatan kemaskini resit invois poskod kod saiz diskaun baucar baki caj cukai insurans "
    "waranti kerosakan rosak pemulangan penghantaran kurier tempahan soalan jawapan semakan "
    "pakcik makcik parlimen bahagian jadual eksport projek kerjaya simen kicap tembikai kubis "
    # verbs
    "hantar dihantar menghantar dihantarkan menyemak disemak baiki membaiki dibaiki cuba mencuba "
    "dicuba cubaan percubaan fikir berfikir fikiran bercakap berbual "
    "pulangkan memulangkan dipulangkan mahu "
    # adjectives and adverbs
    "percuma baharu sikit kelmarin "
    # loanword spellings
    "automatik praktikal sistematik dramatik kritikal teknikal logik dinamik strategik akademik "
    "demokratik romantik fantastik realistik ironik klinikal magnetik perubatan elektrik televisyen "
    "komisyen konvensyen profesion pencen "
    # month and day names
    "mac julai ogos disember isnin khamis jumaat "
    # places spelled the Malay way
    "jepun inggeris eropah "
    # chat
    "nak takde xde xpe takpe tq tqvm camne camtu camni je jer kat korang kitorang diorang awak "
    "depa bole blh"
)

INDONESIAN = _words(
    # grammar words
    "karena yaitu kapan berbagai "
    # everyday nouns
    "uang mobil bus taksi truk sepeda kepolisian toko kamar kantor pengadilan karyawan tentara dokter "
    "obat sepatu celana tas kursi lemari handuk es stasiun jembatan kendaraan perusahaan pabrik "
    "bisnis departemen dinas menit persen miliar triliun rupiah nomor telepon ponsel akun sandi "
    "unduh unggah daring tautan perangkat dosen olahraga tim kejuaraan film musik layanan pelayanan "
    "pembaruan struk kuitansi resi faktur kode diskon saldo pajak asuransi garansi kerusakan rusak "
    "pengembalian paket pengiriman kurir pemesanan reservasi jawaban pria istri parlemen pemilu "
    "kebijakan provinsi bagian ekspor impor proyek karier karir sopir apotek kecap semangka kol "
    "wortel kulkas "
    # verbs
    "mengecek dicek coba mencoba dicoba percobaan paham dipahami pahami pikir berpikir pikiran "
    "nonton ngobrol ketemu mau "
    # adjectives and adverbs
    "gratis telat besok kemarin sore "
    # loanword spellings
    "otomatis praktis sistematis dramatis kritis teknis logis dinamis strategis akademis "
    "demokratis romantis fantastis realistis ironis klinis magnetis medis listrik televisi komisi "
    "konvensi profesi pensiun "
    # month and day names
    "maret juni juli agustus desember senin kamis jumat "
    # places spelled the Indonesian way
    "jepang inggris eropa serikat tiongkok prancis "
    # chat
    "nggak ngga gak ga enggak gk udah udh aja banget bgt dong deh sih kok gimana gmn kayak kyk gue gw "
    "elo bikin nyari ngasih ngirim ngecek cuman doang emang emg bener beneran kalo klo makasih "
    "makasi trims mbak nanya dikit gitu gini sampe"
)

# Words that lean one way but are written (or mean something else) in the other standard too.
LEANING_WORDS: dict[str, frozenset[str]] = {
    "ms": _words(
        "apabila semasa bagaimanapun sekiranya disebabkan ialah kerajaan jabatan rangkaian kajian "
        "penyelidikan pasukan perlawanan khidmat bungkusan aduan lelaki budak pemandu isteri faham "
        "difahami fahami kanak farmasi tengok cakap beritahu memberitahu diberitahu jumpa berjumpa "
        "hendak sukar betul "
        "lewat esok semalam petang hadapan ahad macam dah mintak boleh bila tiada kereta lepas "
        "kawasan semak ni tu la kena"
    ),
    "id": _words(
        "silakan saja meskipun sedangkan polisi bapak toilet pengacara pemerintah tanggal pengaturan "
        "pencarian jaringan layar penelitian siswa pelatih koran ukuran voucher biaya keluhan semen "
        "kirim dikirim mengirim dikirimkan cek perbaiki memperbaiki diperbaiki menonton bicara "
        "berbicara kembalikan mengembalikan dikembalikan belanja berbelanja sulit terlambat mas bisa "
        "kalian kota desa nih tuh yuk loh lho lo lu pak bu"
    ),
}
# Of the leaning words above, these are so short or common that they say little alone.
_WEAK = _words("ni tu la kena lepas nih tuh lo lu pak bu mas kota desa saja")

# Words that differ only by the Malay "-iti" and Indonesian "-itas" ending of loanwords from "-ity".
_ITY_STEMS = _words(
    "kual kuant aktiv komun ident prior major minor real kapas fasil univers kreativ produktiv "
    "stabil mobil popular integr personal mental spesial kredibil fleksibil sensitiv efektiv "
    "objektiv subjektiv valid solidar sekur otor komod dens intens elastis visibil akuntabil "
    "konektiv kompatibil fungsional nasional legal moral normal vital total kapabil elektris "
    "produktiv relativ kontinu respons"
)
# A clitic or suffix on the end of a word ("keretanya", "wanglah") leaves its standard as it was.
_CLITIC = re.compile(r"(?:nya|lah|kah|pun|ku|mu)$")
# Words ending in "-syen" exist only in Malay ("televisyen", "stesyen").
_MALAY_SUFFIX = re.compile(r"\w{2,}syen$")


def lean(keys: Sequence[str]) -> float:
    """Log-odds that words (keys as the detector makes them) are Malay rather than Indonesian."""
    total = 0.0
    for key in keys:
        total += _word_lean(key)
    for first, second in itertools.pairwise(keys):
        total += _phrase_lean(first, second)
    if keys and keys[-1] == "ke":
        # Malay's question particle ("betul ke?"); Indonesian "ke" is a preposition, never last
        total += STRONG
    return max(-MAX_LEAN, min(MAX_LEAN, total))


def settle(total: FloatArray, languages: Sequence[str], found: Sequence[Word]) -> FloatArray:
    """`total` (log-scores of `languages`) with the share of Indonesian and Malay set by the words,
    when one of the two leads. Their combined score, and so every other language's chance, stays."""
    if languages[int(total.argmax())] not in PAIR:
        return total
    i, m = languages.index("id"), languages.index("ms")
    if not (np.isfinite(total[i]) and np.isfinite(total[m])):
        return total  # chat words only one of them uses have decided already
    log_odds = float(np.clip(total[m] - total[i], -MODEL_CAP, MODEL_CAP)) + lean([w.key for w in found])
    both = np.logaddexp(total[i], total[m])
    settled = total.copy()
    settled[m] = both - np.logaddexp(0.0, -log_odds)
    settled[i] = both - np.logaddexp(0.0, log_odds)
    return settled


def pair_share(posterior: FloatArray, languages: Sequence[str]) -> float:
    """How likely the text is Malay or Indonesian, when one of the two leads (else 0): a text can be
    clearly one of them while which standard it follows stays open."""
    if languages[int(posterior.argmax())] not in PAIR:
        return 0.0
    return float(posterior[languages.index("id")] + posterior[languages.index("ms")])


def _word_lean(key: str) -> float:
    found = _listed(key)
    if found:
        return found
    stem = _CLITIC.sub("", key)
    if stem != key and len(stem) >= 3:
        found = _listed(stem)
        if found:
            return found
    return _spelling(stem)


def _listed(key: str) -> float:
    if key in MALAY:
        return STRONG
    if key in INDONESIAN:
        return -STRONG
    weight = LEANING / 2 if key in _WEAK else LEANING
    if key in LEANING_WORDS["ms"]:
        return weight
    if key in LEANING_WORDS["id"]:
        return -weight
    return 0.0


def _spelling(key: str) -> float:
    if _MALAY_SUFFIX.fullmatch(key):
        return STRONG
    if key.endswith("itas") and key[:-4] in _ITY_STEMS:
        return -STRONG
    if key.endswith("iti") and key[:-3] in _ITY_STEMS:
        return STRONG
    return 0.0


# Two-word phrases whose words alone say little ("rumah sakit": "hospital" in Indonesian).
_PHRASES: dict[tuple[str, str], float] = {
    ("rumah", "sakit"): -STRONG,
    ("sepak", "bola"): -STRONG,
    ("bola", "sepak"): STRONG,
    ("luar", "negeri"): -LEANING,
    ("luar", "negara"): STRONG,
    ("kapal", "terbang"): STRONG,
    ("lapangan", "terbang"): STRONG,
    ("beli", "belah"): STRONG,
    ("membeli", "belah"): STRONG,
    ("muat", "turun"): STRONG,
    ("muat", "naik"): STRONG,
    ("kata", "laluan"): STRONG,
    ("kata", "sandi"): -STRONG,
    ("maklum", "balas"): STRONG,
    ("umpan", "balik"): -STRONG,
    ("kemas", "kini"): STRONG,
    ("pilihan", "raya"): STRONG,
    ("ibu", "bapa"): STRONG,
    ("orang", "tua"): -LEANING,
    ("memberi", "tahu"): -LEANING,
    ("tahun", "hadapan"): LEANING,
    # "X ke tidak?": Malay's either-or question; Indonesian "ke" is always followed by a place
    ("ke", "belum"): STRONG,
    ("ke", "tidak"): STRONG,
    ("ke", "tak"): STRONG,
    ("kasih", "tahu"): -STRONG,
    ("kasih", "tau"): -STRONG,
    ("apa", "khabar"): STRONG,
    ("apa", "kabar"): -STRONG,
    ("macam", "mana"): STRONG,
    ("oleh", "itu"): LEANING,
    ("oleh", "karena"): -STRONG,
    ("walau", "bagaimanapun"): STRONG,
    ("sepeda", "motor"): -STRONG,
    ("peti", "sejuk"): STRONG,
    ("jalan", "tol"): -STRONG,
    ("lebuh", "raya"): STRONG,
}


def _phrase_lean(first: str, second: str) -> float:
    return _PHRASES.get((first, second), 0.0)
