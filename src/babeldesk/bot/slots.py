"""What a customer's message carries that a flow can use: order numbers, emails, phone numbers,
yes or no, a choice from a list. When a message is unclear, these return nothing and the flow asks.

Addresses are parsed in ``bot/address.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babeldesk.bot.lexicon import (
    NEGATIONS_AFTER,
    NEGATIONS_BEFORE,
    UNSPACED_NEGATIONS_AFTER,
    UNSPACED_NEGATIONS_BEFORE,
    Table,
    phrases,
)

_PLAIN = str.maketrans({"đ": "d", "ł": "l", "ı": "i", "ø": "o"})


def unaccented(text: str) -> str:
    """Latin letters without their accents ("não" → "nao", "đơn hàng" → "don hang"); marks on
    other scripts (Devanagari vowel signs, Thai tones, Arabic vowels) are parts of the word and stay."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text.translate(_PLAIN)):
        if unicodedata.category(char) == "Mn" and out and out[-1] < "\u0250":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


# Words that introduce an order number, in the 21 bot languages; plurals too ("two orders: 2318 and
# 2406"), longest first where one begins another, so that the alternation takes the whole word.
_ORDER_WORDS = (
    "orders|order|order number|order no|order nr|pedidos|pedido|encomendas|encomenda|commandes|commande"
    "|bestellungen|bestellung|bestellnummer|bstellig|aufträge|auftrag|ordini|ordine|bestellingen|bestelling"
    "|bestelnummer|注文番号|注文|订单号|订单|訂單|下单|下單|주문번호|주문|الطلبات|طلبات|الطلب|طلبي|طلب|طلبية|заказы|заказ"
    "|заказа|заказу|заказом|sipari[şs]lerim|sipari[şs]ler|sipari[şs]im|sipari[şs]i|sipari[şs]|zamówienie|zamówienia"
    r"|คำสั่งซื้อ|ออเดอร์|đơn hàng|đơn|(?<!\w)don hang|(?<!\w)don(?!['’])|pesanan|ऑर्डर|आदेश|הזמנות|הזמנה"
    r"|замовлен+\w*"  # every case of "замовлення", and the one-н typo
    # The parcel is the order, to a customer: "il pacco 5520 a che punto è?"
    "|parcel|package|paquete|pacote|colis|paket|pacco|pakket|荷物|包裹|택배|الطرد|طرد|شحنتي|الشحنة|посылка|посылку"
    "|kargom|paczka|paczkę|paczki|พัสดุ|gói hàng|kiện hàng|bungkusan|पार्सल|החבילה|חבילה|посилка|посилку"
)


def _typed_bare(words: str) -> str:
    """The words, and those of four letters or more again without their accents: "zamowienie 7719"."""
    alternatives = words.split("|")
    bare = [unaccented(w) for w in alternatives if len(w) >= 4 and unaccented(w) != w]
    return "|".join(dict.fromkeys([*alternatives, *bare]))


_ORDER_WORDS = _typed_bare(_ORDER_WORDS)
# Between the word and the number: "order number is 1001", "pedido nº 1001", "注文番号は1001", and
# the possessives that follow the noun ("ההזמנה שלי 1001", "pesanan saya 3320").
_FILLER = r"(?:\s*(?:number|no\.?|nr\.?|n[º°o]\.?|número|numero|nummer|numéro|номер|numarası|numer|số|nomor"
_FILLER += r"|is|es|est|ist|é|:|#|は|是|为|：|号|번호|는|是的|رقم|מספר|שלי|saya|aku|ku|gue|gw|của mình"
_FILLER += r"|của tôi|của em|mã|नंबर|หมายเลข|เลขที่|ของฉัน|ของผม|ของหนู)\s*){0,3}"
# After a mark, digits grouped by thousands too: "Bestellung #100 482".
_GROUPED = r"\d{1,3}(?: \d{3})+"
# After an order word, digit by digit: "주문번호 4 4 1 9".
_SPACED = r"\d(?: \d){3,11}"
# NFKC, as the text it is matched against: it splits Thai's sara am ("คำ" → "คํา").
ORDER_NUMBER = re.compile(
    unicodedata.normalize(
        "NFKC",
        rf"#\s?({_GROUPED}|\d{{3,12}})(?!\d)"
        rf"|(?:{_ORDER_WORDS}){_FILLER}\s*[#＃]?\s*(?:(?<=[#＃])({_GROUPED})(?!\d)|(\d{{3,12}}|{_SPACED})(?!\d))"
        # Turkish names the number first: "8140 numaralı siparişim", "8140 nolu sipariş"
        rf"|(?<!\d)(\d{{3,12}})\s*(?:numaral[ıi]|nolu|no'lu)\s+sipari[şs]",
    ),
    re.IGNORECASE,
)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Digits with at most two separators between them ("+34 612 345 678", "(030) 1234-5678"); each digit
# is matched once, so a long run of digits and spaces cannot make the search backtrack for long.
# Only ASCII letters and digits may not touch it: Japanese writes particles onto it ("番号は090-…です").
PHONE = re.compile(r"(?<![A-Za-z0-9_@])(?:\+|00)?\(?\d(?:[\s().-]{0,2}\d){6,14}(?![A-Za-z0-9_@])")
_BARE_NUMBER = re.compile(r"\s*[#＃]?\s*(\d{3,12})\s*[.!]?\s*")
_LOOSE_NUMBER = re.compile(r"(?<![\d.,])(\d{3,12})(?![\d.,]\d)")
_SMALL_NUMBER = re.compile(r"(?<!\d)([1-9])(?!\d)")


def normalize_digits(text: str) -> str:
    """Any script's digits as ASCII ("１００１", "١٠٠١" → "1001"); full-width forms folded (NFKC)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


def order_numbers(text: str) -> list[str]:
    """Order numbers written with a mark ("#1001") or after an order word ("pedido 1001"), in order.

    Beside a marked number, other numbers of the same length count too ("orders 1001 and 1002").
    """
    clean = EMAIL.sub(" ", normalize_digits(text))
    named = [
        number.replace(" ", "")
        for m in ORDER_NUMBER.finditer(clean)
        if (number := next(group for group in m.groups() if group))
        and ("#" in m.group(0) or "＃" in m.group(0) or not _national_phone(number))
    ]
    lengths = {len(n) for n in named if len(n) >= 4}
    found = named + [n for n in loose_numbers(clean) if len(n) in lengths]
    return list(dict.fromkeys(found))


def _national_phone(digits: str) -> bool:
    """Ten or more digits after a trunk 0 ("0551234567", "09012345678") are a phone number, even
    right after an order word ("the phone on the order 0551234567"); a "#" still makes it an order."""
    return len(digits) >= 10 and digits.startswith("0")


def loose_numbers(text: str) -> list[str]:
    """Every standalone run of 3 to 12 digits that is not part of an email or a phone number."""
    clean = PHONE.sub(" ", EMAIL.sub(" ", normalize_digits(text)))
    return _LOOSE_NUMBER.findall(clean)


def bare_number(text: str) -> str | None:
    """The number when the whole message is one ("1001", "#1001."): an answer to "which order?"."""
    match = _BARE_NUMBER.fullmatch(normalize_digits(text))
    return match.group(1) if match else None


# An address spelled out against spam harvesters: "deniz.aksoy [at] example [dot] com", "(at)".
_SPELLED_AT = re.compile(r"\s*[\[(]\s*(?:at|@)\s*[\])]\s*", re.IGNORECASE)
_SPELLED_DOT = re.compile(
    r"\s*[\[(]\s*(?:dot|punto|point|punkt|nokta|ponto|kropka|titik)\s*[\])]\s*", re.IGNORECASE
)


def emails(text: str) -> list[str]:
    written = _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", text))
    return list(dict.fromkeys(m.group(0).lower() for m in EMAIL.finditer(written)))


def phones(text: str) -> list[str]:
    """Phone numbers with 7 to 15 digits (E.164's limit), as written; order numbers are not phones."""
    clean = EMAIL.sub(" ", normalize_digits(text))
    orders = set(order_numbers(clean))
    found = []
    for match in PHONE.finditer(clean):
        digits = re.sub(r"\D", "", match.group(0))
        if 7 <= len(digits) <= 15 and digits not in orders:
            found.append(match.group(0).strip())
    return found


def contacts(text: str) -> list[str]:
    """The e-mail addresses, then the phone numbers, the message gives."""
    return emails(text) + phones(text)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    table: Table


def find_phrases(
    text: str, tables: tuple[Table, ...], language: str | None, *, choosing: bool = False
) -> list[Match]:
    """Whole-phrase matches of the tables' phrases, longest first and never overlapping.

    Phrases in scripts written without spaces (Chinese, Japanese, Thai) match anywhere; others match
    whole words, after case and punctuation are folded away.
    """
    folded = fold(text)
    found = []
    for table in tables:
        for key in keys(table, language):
            for start in _positions(folded, key):
                end = start + len(key)
                if table in (Table.YES, Table.NO) and folded.startswith(_ASKED_BACK, end):
                    continue  # "そうですか…" (I see), "いいですか" (is it all right?): a question back
                found.append(Match(start, end, table))
    chosen: list[Match] = []
    for match in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    # "tak rosak apa pun", "it's not broken, I just don't like them": a defect denied is no defect
    deniable = {**_DENIABLE, **_DENIABLE_CHOICES} if choosing else _DENIABLE
    if any(m.table in deniable for m in chosen):
        starts = _clause_starts(text)
        chosen = [
            m for m in chosen if m.table not in deniable or not _negated(folded, m, starts, deniable[m.table])
        ]
    return sorted(chosen, key=lambda m: m.start)


# Tables whose phrases a negation before or after turns around: "not broken", "not great"; and how
# many words back it may stand. A refund or a replacement is denied only as a choice between them
# ("não pretendo o reembolso", "I don't want a replacement", see ``pick``): "still no refund" asks
# about one.
_DENIABLE = {Table.DEFECT: 2, Table.PRAISE: 2}
_DENIABLE_CHOICES = {Table.REFUND: 3, Table.REPLACEMENT: 3}


_CLAUSE_BREAK = re.compile(r"[,.;:!?、，。！？；]")


def _clause_starts(text: str) -> list[int]:
    """The index of each clause's first word among the folded text's words."""
    starts, count = [], 0
    for piece in _CLAUSE_BREAK.split(text):
        starts.append(count)
        count += len(fold(piece).split())
    return starts


def _negated(folded: str, match: Match, starts: list[int], reach: int) -> bool:
    """A negation word just before the phrase in its clause (one of the two or three words before
    it), or just after it in languages that put it there ("kırık değil", "壊れていない")."""
    before, after = folded[: match.start], folded[match.end :]
    words = before.split()
    clause = max((start for start in starts if start <= len(words)), default=0)
    words = [word for word in words[clause:] if word != "t"]  # "don't" is folded to "don t"
    if set(words[-reach:]) & NEGATIONS_BEFORE:
        return True
    if before.rstrip().endswith(UNSPACED_NEGATIONS_BEFORE):
        return True
    following = after.split()[:1]
    return bool(following and following[0] in NEGATIONS_AFTER) or after.lstrip().startswith(
        UNSPACED_NEGATIONS_AFTER
    )


# Japanese asks with a particle after the word: a yes or a no followed by it is no answer.
_ASKED_BACK = ("か",)


def fold(text: str) -> str:
    """Lower case, NFKC, punctuation and symbols as spaces, spaces single, one space around."""
    out = []
    # apostrophes too: in "l'autre", "Türkiye'ye" and "don't" the parts are words of their own
    for char in unicodedata.normalize("NFKC", text).casefold():
        category = unicodedata.category(char)
        if category[0] in "PSZC":
            out.append(" ")
        else:
            out.append(char)
    return " " + " ".join("".join(out).split()) + " "


def _positions(folded: str, key: str) -> list[int]:
    unspaced = any(_unspaced(c) for c in key)
    # Korean writes particles and endings onto the word ("교환해 주세요", "환불이요"): a phrase of two
    # syllables or more matches where a word starts; one syllable ("네", "예") only as a whole word,
    # as it starts too many other words ("예약").
    suffixed = not unspaced and len(key) >= 2 and _hangul(key[-1])
    needle = key if unspaced else f" {key}" if suffixed else f" {key} "
    found, start = [], folded.find(needle)
    while start >= 0:
        found.append(start if unspaced else start + 1)
        start = folded.find(needle, start + 1)
    return found


def _hangul(char: str) -> bool:
    return 0xAC00 <= ord(char) <= 0xD7A3


def _unspaced(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0x0E00 <= code <= 0x0E7F


def yes_no(text: str, language: str | None) -> bool | None:
    """True for yes, False for no, None when the message says neither or both. Saying both, the
    sentences that open with one decide ("ah, so it's no direct exchange. Yes, open the return")."""
    kinds = {m.table for m in find_phrases(text, (Table.YES, Table.NO), language)}
    parts = sentences(text)
    if len(kinds) == 2 and len(parts) > 1:  # "yes no wait" in one breath stays unclear
        kinds = {kind for sentence in parts for kind in _opening(sentence, language)}
    if kinds == {Table.YES}:
        return True
    if kinds == {Table.NO}:
        return False
    return None


# After a sentence's end mark, which stays with it ("is it?" ends with its question mark).
_SENTENCE_END = re.compile(r"(?<=[.!?。！？\n])(?![.!?。！？\n])")


def sentences(text: str) -> list[str]:
    """The message's sentences, each with its end mark; blank ones left out."""
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def asks_again(text: str, table: Table, language: str | None) -> bool:
    """The request the bot asked to confirm, said again and not taken back: "huy di shop" (cancel
    it), "annuleer maar" to "shall I cancel?" is a yes; "don't cancel" is not."""
    folded = fold(text)
    found = find_phrases(text, (table,), language)
    return bool(found) and not any(_taken_back(folded, m, language) for m in found)


def _opening(sentence: str, language: str | None) -> set[Table]:
    """The yes or no a sentence opens with, if it does."""
    return {m.table for m in find_phrases(sentence, (Table.YES, Table.NO), language) if m.start <= 1}


def short_answer(text: str, language: str | None) -> bool:
    """Whether the message is little more than a yes or no ("yes please", "no thanks", "はい")."""
    folded = fold(text)
    for match in find_phrases(text, (Table.YES, Table.NO), language):
        folded = folded[: match.start] + " " * (match.end - match.start) + folded[match.end :]
    rest = folded.split()
    return len(rest) <= 2 and sum(len(w) for w in rest) <= 12


# "?", its full-width form (Chinese, Japanese) and the Arabic one.
QUESTION_MARKS = ("?", "？", "؟")


def ends_a_question(sentence: str) -> bool:
    return sentence.rstrip().endswith(QUESTION_MARKS)


def has_question_mark(text: str) -> bool:
    return any(mark in text for mark in QUESTION_MARKS)


def asks(text: str, language: str | None, table: Table | None = None) -> bool:
    """A sentence of the message is a question (with ``table``'s words in it, if given)."""
    return any(
        ends_a_question(part) and (table is None or bool(find_phrases(part, (table,), language)))
        for part in sentences(text)
    )


def only(text: str, tables: tuple[Table, ...], *languages: str | None) -> bool:
    """Whether the message holds nothing but the tables' phrases (in any of ``languages``),
    punctuation and emoji ("ok top 👍", "oke noted, thank u kak 🙏"); a question ("?", "ok?") is more."""
    if has_question_mark(text):
        return False
    folded = fold(text)
    for language in languages:
        for match in find_phrases(text, (*tables, Table.POLITE), language):
            folded = folded[: match.start] + " " * (match.end - match.start) + folded[match.end :]
    return not folded.strip()


def keeps_item(text: str, language: str | None) -> bool:
    """ "Never mind, I'll keep them", "saya simpan je la": a no to sending an item back."""
    return bool(find_phrases(text, (Table.KEEP,), language))


def wants_human(text: str, language: str | None) -> bool:
    """A person asked for in words; not in a sentence that asks whether one is talking to a bot ("am I
    talking to a bot or a real person?" asks, it does not request)."""
    return any(
        find_phrases(sentence, (Table.HUMAN,), language)
        for sentence in sentences(text)
        if not find_phrases(sentence, (Table.BOT_QUESTION,), language)
    )


def asks_if_bot(text: str, language: str | None) -> bool:
    return bool(find_phrases(text, (Table.BOT_QUESTION,), language))


# Where words are not spaced (Chinese, Japanese, Thai) or take their particles (Korean "주문한",
# "주문은"), the order word may run on into the next letters.
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff"
_RUNS_ON = _UNSPACED + "\uac00-\ud7a3"
_ORDER_WORD = re.compile(
    rf"(?:(?<!\w)|(?=[{_UNSPACED}]))(?:{_ORDER_WORDS})(?:(?<=[{_RUNS_ON}])|(?!\w))", re.IGNORECASE
)


def mentions_order(text: str) -> bool:
    """The message has an order word anywhere ("me he liado de pedido", "wrong order")."""
    return bool(_ORDER_WORD.search(unicodedata.normalize("NFKC", text)))


def admits_mistake(text: str, language: str | None) -> bool:
    """ "Sorry, wrong number", "ik bedoelde", "番号を間違えました"."""
    return bool(find_phrases(text, (Table.MISTAKE,), language))


def wants_other(text: str, language: str | None) -> bool:
    """ "The other one", "no, the other order", "el otro"."""
    return bool(find_phrases(text, (Table.OTHER,), language))


_POSITIONS = {Table.FIRST: 0, Table.SECOND: 1, Table.THIRD: 2}


def choice(text: str, language: str | None, count: int) -> int | None:
    """The index a customer picked from a numbered list of ``count``: "2", "the second", "the last"."""
    options = choices(text, language, count)
    return options[0] if len(options) == 1 else None


def place(text: str, language: str | None, count: int) -> int | None:
    """The index named by a word alone ("the second", "the last"), not by a digit; None for none or two."""
    named = _places(text, language, count)
    return named.pop() if len(named) == 1 and 0 <= min(named) < count else None


def _places(text: str, language: str | None, count: int) -> set[int]:
    """The indexes the words of a message name: "the first", "the second", "the last"."""
    found = find_phrases(text, (Table.FIRST, Table.SECOND, Table.THIRD, Table.LAST), language)
    return {count - 1 if m.table is Table.LAST else _POSITIONS[m.table] for m in found}


def choices(text: str, language: str | None, count: int) -> list[int]:
    """Every index picked from a numbered list of ``count`` ("1 and 3", "the second"); none when the
    words and the digits disagree or a number is not on the list."""
    picked = _places(text, language, count)
    clean = PHONE.sub(" ", EMAIL.sub(" ", normalize_digits(text)))
    numbers = {int(n) - 1 for n in _SMALL_NUMBER.findall(clean)}
    if picked and numbers and picked != numbers:
        return []
    options = picked | numbers
    return sorted(options) if all(0 <= i < count for i in options) else []


def named(text: str, names: Sequence[str]) -> list[int]:
    """The names (an order's item titles) a message mentions, each by a word no other name has:
    "the shade" names "Lamp shade" beside "Table lamp"; "lamp" names neither. A word may carry a short
    ending ("mugs"); in scripts without spaces it is found anywhere."""
    folded = fold(text)
    words = [set(fold(name).split()) for name in names]
    found = []
    for index, own in enumerate(words):
        others = set().union(*(w for j, w in enumerate(words) if j != index))
        for word in own - others:
            unspaced = any(_unspaced(c) for c in word)
            if len(word) < 3 and not unspaced:
                continue
            if (word in folded) if unspaced else re.search(rf" {re.escape(word)}\w{{0,3}} ", folded):
                found.append(index)
                break
    return found


def pick(text: str, language: str | None, table_a: Table, table_b: Table) -> Table | None:
    """Which of two tables the message names ("a refund" or "a replacement"); None for neither, and for
    both unless one of them is taken back ("not a refund, a replacement", "환불 말고 교환")."""
    found = find_phrases(text, (table_a, table_b), language, choosing=True)
    kinds = {m.table for m in found}
    if len(kinds) == 2:
        # each remedy by its last mention: "just a refund… no wait, not a refund, an exchange"
        folded, last = fold(text), {m.table: m for m in found}
        kept = {table for table, m in last.items() if not _taken_back(folded, m, language)}
        kinds = kept if len(kept) == 1 else _rethought(text, found, language) or kinds
    return kinds.pop() if len(kinds) == 1 else None


def _rethought(text: str, found: list[Match], language: str | None) -> set[Table] | None:
    """The one table named only after the message's last change of mind ("Ersatz bitte. Ach nee,
    lieber doch das Geld zurück"), if the other was named only before it."""
    turns = find_phrases(text, (Table.RETHINK,), language)
    if not turns:
        return None
    after = {m.table for m in found if m.start >= turns[-1].end}
    before = {m.table for m in found if m.end <= turns[-1].start}
    return after if len(after) == 1 and before - after else None


def _taken_back(folded: str, match: Match, language: str | None) -> bool:
    """Whether a negation stands right before the phrase (one word, an article, may come between) or
    right after it (on the same word, as Korean and Japanese write it, or as the next word)."""
    before, after = folded[: match.start], folded[match.end :]
    words = before.split()
    heads = [" " + " ".join(words[: len(words) - gap]) + " " for gap in (0, 1) if len(words) > gap]
    # after a phrase that ended inside a word ("환불은 말고"), the rest of that word may be a particle
    tails = [after.lstrip(), after.split(" ", 1)[1] if " " in after and not after.startswith(" ") else ""]
    for key in keys(Table.NOT_BEFORE, language):
        unspaced = any(_unspaced(c) for c in key)
        if before.rstrip().endswith(key) if unspaced else any(h.endswith(f" {key} ") for h in heads):
            return True
    return any(t.startswith(key) for key in keys(Table.NOT_AFTER, language) for t in tails)


@cache
def keys(table: Table, language: str | None) -> tuple[str, ...]:
    """The table's phrases folded as a text is (``fold``), each also without its accents: customers
    type "cuando me llega", "nao chegou", "khong nhan duoc hang" as often as with them. A stripped
    phrase matches only text typed without the accents, so "cô" is never read as "có". Short single
    words keep their accents: "si" is "if", "mas" is "but" and Vietnamese one-syllable words are other
    words without theirs."""
    out: list[str] = []
    for phrase in phrases(table, language):
        key = fold(phrase).strip()
        if not key:
            continue
        out.append(key)
        bare = unaccented(key)
        words = key.split()
        vietnamese = language is not None and language.startswith("vi")
        if bare != key and (len(words) >= 2 or (len(key) >= 4 and not vietnamese)):
            out.append(bare)
    return tuple(dict.fromkeys(out))


# Latin letters that are letters of their own, not a letter and a mark, typed plain without them.
