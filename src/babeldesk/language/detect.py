"""The language of a customer's message: one BCP-47 tag (or "und"), a confidence, and mixed spans.

How a message is decided:
1. Only words count: URLs, e-mails, numbers, codes, emoji and acronyms are masked, and universal chat
   tokens ("ok", "lol", "haha") are set aside. Fewer than two letters left → "und" (one is enough
   in a script that only one language writes, such as Hangul).
2. A script that one language owns decides at once (Hangul → ko, kana → ja, Han → zh-Hans/zh-Hant,
   Thai, Hebrew, Devanagari …).
3. Latin and Cyrillic text is scored per candidate language by three models — word frequencies,
   a naive-Bayes and a fastText character model — plus a prior (how many people speak it). The
   posterior must be a clear majority, else "und".
4. A message that holds two scripts of different languages, or a run of words that the main
   language finds unlikely and another finds likely, is mixed, with spans.
5. Given the conversation's language so far, that language weighs like a few words of evidence: a
   short or ambiguous line is read in it ("Ja" in a Dutch chat is Dutch, "Claro." in a Brazilian one
   Portuguese), and a line that tells nothing by itself ("ok", "#1001") takes it, marked `inferred`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from babeldesk.language import hinglish, malay, mixed
from babeldesk.language.lexicon import (
    BRAZILIAN,
    CYRILLIC_LANGUAGES,
    EUROPEAN_PT,
    HINGLISH,
    LATIN_LANGUAGES,
    LOG_PRIOR,
    chat_languages,
    is_universal,
)
from babeldesk.language.models import CHAR_FLOOR, FLOOR, LANGUAGES, FloatArray, char_models, word_table
from babeldesk.language.scripts import CYRILLIC, LATIN, SCRIPT_LANGUAGE, chinese_script, cjk_language
from babeldesk.language.text import CJK, Word, letter_count, scripts_in, words

UNDETERMINED = "und"

# Only the start of a long message is read: a language shows in a few hundred words.
MAX_CHARS = 4000
MIN_LETTERS = 2
# Latin letters count half when choosing the main script: Latin is how names, brands and titles get
# into text written in every other script.
LATIN_WEIGHT = 0.5
# A second script must bring this many words to make the message mixed ("我的iPhone" is not).
MIN_FOREIGN_WORDS = 2
# Weights of the three models' log-probabilities in the score of a language.
WORD_WEIGHT, NAIVE_BAYES_WEIGHT, FASTTEXT_WEIGHT = 1.0, 0.5, 0.5
# The best language must be more likely than all the others together.
DECISIVE = 0.5
# The most the two character models together can move one language against another (each gives
# every language a log-probability between log(CHAR_FLOOR) and 0). When the word model leads by more,
# with room for the decisive majority, they cannot change the answer and are not run.
CHARACTER_MODELS_REACH = (NAIVE_BAYES_WEIGHT + FASTTEXT_WEIGHT) * -math.log(CHAR_FLOOR) + math.log(100)
# How much the character model's opinion counts for a word no word list holds.
UNKNOWN_WORD_WEIGHT = 1.0
# Extra evidence (nats) needed for a switch in which neither language is English.
OTHER_PAIR_COST = 2.0
# Extra evidence to switch into romanized Hindi: its word list is short and hand-made, so one lone
# word it knows ("mere" in English) is no switch, while two ("kab milega") are.
HINGLISH_SWITCH_COST = 2.0
# Hinglish puts English nouns into Hindi sentences ("order ka address change karna hai"): Hindi is the
# language it is written in even where English words are the more letters. An English message quoting
# a Hindi phrase stays English below this share of Hindi (in letters).
HINGLISH_MATRIX_SHARE = 0.25
# What the conversation's language weighs (nats) for its next message: customers keep to one
# language, so we take it that about 19 messages in 20 continue in the language the chat is in.
CONVERSATION_PRIOR = math.log(19)
# How sure a message must be of another language, with the conversation's weighed in, to leave it.
SWITCH_CONFIDENCE = 0.8

# Variants detection itself tells apart (by words only one of them uses): a message that does not
# tell takes its conversation's. Others (es-ES from a browser's locale) are not the text's to claim.
_TOLD_VARIANTS = frozenset({"pt-BR", "pt-PT"})

_COLUMNS = {lang: i for i, lang in enumerate(LANGUAGES)}
_CANDIDATES = {
    LATIN: np.array([_COLUMNS[lang] for lang in LATIN_LANGUAGES]),
    CYRILLIC: np.array([_COLUMNS[lang] for lang in CYRILLIC_LANGUAGES]),
}
_NAMES = {LATIN: LATIN_LANGUAGES, CYRILLIC: CYRILLIC_LANGUAGES}
_PRIOR = np.array([LOG_PRIOR[lang] for lang in LANGUAGES])


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the text are in `language`."""

    start: int
    end: int
    language: str


@dataclass(frozen=True)
class Detection:
    language: str  # BCP-47, or "und"
    confidence: float  # probability of `language`, 0 when undetermined
    mixed: bool = False
    spans: tuple[Span, ...] = ()  # for mixed messages: where each language is
    letters: int = 0  # how many letters the decision rests on
    # The message alone does not tell (confidence 0): `language` is the conversation's
    inferred: bool = False

    @property
    def base(self) -> str:
        """The ISO 639-1 part: "pt-BR" → "pt", "zh-Hant" → "zh"."""
        return self.language.split("-")[0]


UNDETERMINED_DETECTION = Detection(UNDETERMINED, 0.0)


def detect(text: str, expected: str | None = None) -> Detection:
    """The language of `text`; `expected` is the conversation's language so far, if it has one.

    Alone, a message too short to tell is "und". In a conversation it is read in the conversation's
    language (`inferred`, confidence 0, so it never counts towards learning that language)."""
    expected = expected if expected and expected != UNDETERMINED else None
    result = _detect(text, expected)
    if expected is None:
        return result
    if result.language == UNDETERMINED or (result.base != expected.split("-")[0] and not _switches(result)):
        return Detection(expected, 0.0, result.mixed, result.spans, letters=result.letters, inferred=True)
    if expected in _TOLD_VARIANTS and result.language == expected.split("-")[0] and not result.mixed:
        return replace(result, language=expected)  # "pt" in a "pt-BR" conversation is pt-BR
    return result


def _switches(result: Detection) -> bool:
    """Whether a message read beside its conversation's language leaves it: only when sure of another
    one. A near tie even after the conversation's weight ("Так, скасовуйте" in a Ukrainian chat: both
    words are Russian-looking too) is read in the conversation's language."""
    return result.confidence >= SWITCH_CONFIDENCE


def _detect(text: str, expected: str | None) -> Detection:
    found = [w for w in words(text[:MAX_CHARS]) if not is_universal(w.key)]
    if not found:
        return UNDETERMINED_DETECTION
    by_script: dict[str, list[Word]] = defaultdict(list)
    for word in found:
        by_script[word.script].append(word)
    main = max(by_script, key=lambda s: letter_count(by_script[s]) * (LATIN_WEIGHT if s == LATIN else 1.0))
    result = _detect_script(main, by_script[main], expected)
    if result.language == UNDETERMINED:
        return result
    for script, group in by_script.items():
        if script != main and len(group) >= MIN_FOREIGN_WORDS:
            other = _detect_script(script, group, expected)
            if other.language != UNDETERMINED and other.base != result.base:
                return _script_mix(found, {main: result.language, script: other.language}, result)
    return result


def detect_many(texts: Iterable[str]) -> list[Detection]:
    return [detect(text) for text in texts]


def warm_up() -> None:
    """Load the models now (a few seconds) rather than on the first message, e.g. when a worker starts."""
    detect("warm up")


def _detect_script(script: str, found: list[Word], expected: str | None) -> Detection:
    letters = letter_count(found)
    if letters < _min_letters(script, found):
        return UNDETERMINED_DETECTION
    if script in _CANDIDATES:
        return _statistical(found, script, letters, expected)
    if script == CJK:
        return Detection(_cjk_tag(found), _script_confidence(letters), letters=letters)
    if script in SCRIPT_LANGUAGE:
        return Detection(SCRIPT_LANGUAGE[script], _script_confidence(letters), letters=letters)
    return UNDETERMINED_DETECTION


def _min_letters(script: str, found: list[Word]) -> int:
    """One Hangul syllable or kana ("네", "は") is a word of a known language; one letter of an
    alphabet ("a", "Ω") or one Han character (Chinese or Japanese) is not enough."""
    if script == CJK and cjk_language(scripts_in(found)) != "zh":
        return 1
    return MIN_LETTERS


def _script_confidence(letters: int) -> float:
    # the script is certain; a very short text may still be a name or a borrowed word
    return min(0.99, 0.7 + 0.1 * letters)


def _cjk_tag(found: list[Word]) -> str:
    language = cjk_language(scripts_in(found))
    if language != "zh":
        return language
    variant = chinese_script(char for word in found for char in word.text)
    return f"zh-{variant}" if variant else "zh"


def _statistical(found: list[Word], script: str, letters: int, expected: str | None) -> Detection:
    candidates = _CANDIDATES[script]
    emissions = _emissions(found)[:, candidates]
    total = WORD_WEIGHT * emissions.sum(axis=0) + _PRIOR[candidates]
    if expected is not None and (base := expected.split("-")[0]) in _NAMES[script]:
        total[_NAMES[script].index(base)] += CONVERSATION_PRIOR
    chat = chat_languages([w.key for w in found])
    if chat:
        # "Non", "Ja, bitte": a message made only of chat words is in a language that has them all
        total = np.where([LANGUAGES[c] in chat for c in candidates], total, -np.inf)
    if _margin(total) <= CHARACTER_MODELS_REACH:
        # the word model alone does not settle it: hear the character models
        text = " ".join(w.text for w in found)
        models = char_models()
        total = (
            total
            + NAIVE_BAYES_WEIGHT * models.naive_bayes(text)[candidates]
            + FASTTEXT_WEIGHT * models.fasttext(text)[candidates]
        )
    # Indonesian or Malay: the words that differ between the two standards decide
    total = malay.settle(total, _NAMES[script], found)
    posterior = _softmax(total)
    best = int(posterior.argmax())
    confidence = float(posterior[best])
    if max(confidence, malay.pair_share(posterior, _NAMES[script])) < DECISIVE:
        return Detection(UNDETERMINED, confidence, letters=letters)
    language = _variant(LANGUAGES[candidates[best]], found)
    heard = _unborrowed(emissions, found, _NAMES[script])
    switch = _switch(heard, candidates, best) if len(found) > 1 else None
    if switch is None:
        return Detection(language, confidence, letters=letters)
    other = LANGUAGES[candidates[switch.language]]
    spans = _spans(found, switch.runs, language, other)
    if language == "en" and other == HINGLISH and _run_share(found, switch.runs) >= HINGLISH_MATRIX_SHARE:
        language = HINGLISH
    return Detection(language, confidence, mixed=True, spans=spans, letters=letters)


def _run_share(found: list[Word], runs: Sequence[tuple[int, int]]) -> float:
    """The share of the message's letters in the switched runs (digits and punctuation left out)."""
    inside = sum(letter_count(found[first:last]) for first, last in runs)
    return inside / max(1, letter_count(found))


def _margin(total: FloatArray) -> float:
    top = np.sort(total)[-2:]
    return float(top[1] - top[0]) if len(top) == 2 else float("inf")


def _emissions(found: list[Word]) -> FloatArray:
    """log P(word | language) for every word and language; character models fill in unknown words."""
    keys = [w.key for w in found]
    emissions, unknown = word_table().log_probs(keys)
    models = char_models()
    for i in unknown:
        opinion = models.naive_bayes(keys[i])
        emissions[i] = np.log(FLOOR) + UNKNOWN_WORD_WEIGHT * (opinion - np.logaddexp.reduce(opinion))
    return emissions


def _unborrowed(emissions: FloatArray, found: list[Word], names: Sequence[str]) -> FloatArray:
    """The emissions with romanized Hindi's English loans taken out: they make a Hinglish message
    Hinglish as a whole, but its English runs are still English ("please check the tracking")."""
    if HINGLISH not in names:
        return emissions
    column = list(names).index(HINGLISH)
    own = hinglish.word_frequencies()
    borrowed = [i for i, word in enumerate(found) if word.key not in own and word_table().row(word.key)]
    if not borrowed:
        return emissions
    out = emissions.copy()
    out[borrowed, column] = math.log(FLOOR)
    return out


def _switch(emissions: FloatArray, candidates: np.ndarray, main: int) -> mixed.Switch | None:
    others = [i for i in range(len(candidates)) if i != main]
    # English is what most messages mix in; a switch between two other languages needs more evidence
    english = LANGUAGES[candidates[main]] == "en"
    cost = [
        (0.0 if english or LANGUAGES[candidates[i]] == "en" else OTHER_PAIR_COST)
        + (HINGLISH_SWITCH_COST if LANGUAGES[candidates[i]] == HINGLISH else 0.0)
        for i in others
    ]
    return mixed.find_switch(emissions, main, others, cost)


def _spans(found: list[Word], runs: Sequence[tuple[int, int]], main: str, other: str) -> tuple[Span, ...]:
    inside = [False] * len(found)
    for first, last in runs:
        inside[first:last] = [True] * (last - first)
    return _merge([Span(w.start, w.end, other if o else main) for w, o in zip(found, inside, strict=True)])


def _script_mix(found: list[Word], language_of: dict[str, str], main: Detection) -> Detection:
    spans = [Span(w.start, w.end, language_of.get(w.script, main.language)) for w in found]
    return Detection(main.language, main.confidence, mixed=True, spans=_merge(spans), letters=main.letters)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].language == span.language:
            merged[-1] = Span(merged[-1].start, span.end, span.language)
        else:
            merged.append(span)
    return tuple(merged)


def _variant(language: str, found: list[Word]) -> str:
    """pt-BR or pt-PT where a word only one of them uses tells; plain "pt" otherwise."""
    if language != "pt":
        return language
    keys = {w.key for w in found}
    brazilian, european = len(keys & BRAZILIAN), len(keys & EUROPEAN_PT)
    if brazilian == european:
        return language
    return "pt-BR" if brazilian > european else "pt-PT"


def _softmax(scores: FloatArray) -> FloatArray:
    exp = np.exp(scores - scores.max())
    result: FloatArray = exp / exp.sum()
    return result
