"""Hand-written knowledge the statistical models lack: chat words, universal tokens, speaker counts.

Everything here is general knowledge about the languages, written for Babeldesk; none of it comes
from an evaluation set.
"""

from __future__ import annotations

import math
import re

from babeldesk.language import hinglish

HINGLISH = hinglish.TAG

# Languages told apart by statistics (they share a script with others), grouped by script.
# "hi-Latn" is Hindi typed in Latin letters ("mera order nahi aaya"), see `hinglish`.
LATIN_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl", "tr", "pl", "vi", "id", "ms", HINGLISH)
CYRILLIC_LANGUAGES = ("ru", "uk")

# Rough number of speakers (first and second language, millions). Used as the prior of a language: it
# only matters when the text itself cannot decide, e.g. "Ja" (German and Dutch both say it).
SPEAKERS = {
    "en": 1500,
    "es": 560,
    "fr": 310,
    "pt": 265,
    "ru": 255,
    "id": 200,
    "de": 135,
    "tr": 90,
    "vi": 86,
    "it": 68,
    "ms": 60,
    "pl": 41,
    "uk": 33,
    "nl": 30,
    # of Hindi's ~600 million speakers, those who type it in Latin letters to a shop: a guess, kept
    # near Malay's so that romanized Hindi never wins a text its own words do not carry
    HINGLISH: 60,
}
LOG_PRIOR = {lang: math.log(n / SPEAKERS["en"]) for lang, n in SPEAKERS.items()}


# Words people send as a whole chat message: greetings, thanks, yes/no, goodbyes. Corpus frequencies
# under-rate them as messages (Polish "ja" means "I" and is frequent, yet nobody answers "Ja." in Polish).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CHAT_WORDS: dict[str, frozenset[str]] = {
    lang: _words(words)
    for lang, words in {
        "en": "yes yeah yep yup nope no hi hello hey thanks thank you thx ty please bye goodbye sorry sure "
        "great cheers welcome morning evening night alright perfect",
        "es": "sí si no hola gracias adiós adios por favor vale claro perdón buenos buenas días tardes "
        "noches bueno perfecto genial listo dale",
        "pt": "sim não nao olá ola oi obrigado obrigada obg tchau por favor claro bom boa dia tarde noite "
        "desculpe beleza blz valeu vlw certo tudo bem perfeito",
        "fr": "oui ouais non bonjour salut merci au revoir s'il vous plaît plait bonsoir pardon désolé "
        "d'accord bonne journée parfait",
        "de": "ja jo jep nein nö ne hallo danke bitte tschüss tschüs servus moin genau gerne klar "
        "stimmt passt entschuldigung vielen dank guten tag morgen abend was",
        "it": "sì si no ciao grazie prego buongiorno buonasera arrivederci scusi certo va bene",
        "nl": "ja nee hallo hoi dank bedankt dankjewel dankuwel alstublieft alsjeblieft doei dag "
        "goedemorgen prima oké graag sorry klopt top fijn",
        "tr": "evet hayır merhaba selam teşekkürler teşekkür ederim sağol sağ ol lütfen güle tamam",
        "pl": "tak nie cześć dzień dobry dziękuję dzięki proszę przepraszam pa dobrze",
        "vi": "vâng dạ không chào xin cảm ơn cám tạm biệt được rồi ơi oi nhé nha ạ",
        "id": "ya tidak enggak nggak halo hai terima kasih makasih tolong maaf iya oke baik siap sip "
        "selamat pagi siang sore malam",
        "ms": "ya tidak tak helo hai terima kasih tq tqvm tolong maaf boleh baik selamat pagi petang malam",
        "ru": "да нет привет спасибо пожалуйста здравствуйте пока извините хорошо ладно",
        "uk": "так ні привіт дякую будь ласка вибачте добре бувай",
        HINGLISH: hinglish.CHAT_WORDS,
    }.items()
}
CHAT_WORD_PROBABILITY = 1e-2


def chat_languages(keys: list[str]) -> set[str]:
    """Languages whose chat words include every one of `keys` (empty when any is not a chat word)."""
    found = {lang for lang, chat in CHAT_WORDS.items() if all(key in chat for key in keys)}
    return found if keys else set()


# Tokens used the same way in every language: they never tell a language.
_UNIVERSAL = _words(
    "ok okay okey oki okk oke oké okej okei kk k lol lmao rofl xd xdd omg wow hmm hm mm mmm ah oh eh uh "
    "uhm umm ahh ohh yay ups oops xoxo"
)
_LAUGHTER = re.compile(r"(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|a?h{2,}|(?:ah){2,}")


def is_universal(word: str) -> bool:
    """True for "ok", "lol", "hahaha" and the like."""
    return word in _UNIVERSAL or _LAUGHTER.fullmatch(word) is not None


# Words that only one of Brazilian and European Portuguese uses (spelling or vocabulary).
BRAZILIAN = _words(
    "você vocês ônibus celular trem tela usuário usuária arquivo arquivos baixar cadastro cadastrar "
    "registro econômico econômica gênero equipe banheiro geladeira aluguel"
)
EUROPEAN_PT = _words(
    "autocarro telemóvel comboio ecrã utilizador utilizadora ficheiro ficheiros descarregar registo "
    "económico económica género facto equipa frigorífico fixe rapariga portagem"
)
