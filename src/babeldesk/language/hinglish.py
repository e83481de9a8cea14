"""Hindi written in Latin letters ("mera order abhi tak nahi aaya"), as Indian customers often type it.

No word-frequency list or character model we ship knows romanized Hindi, so the detector would read
it as Indonesian or Turkish. These are its everyday words in the spellings people type (several per
word: "nahi", "nahin", "nhi"), each with a rough share of running text. The list is general knowledge
of the language, written for Babeldesk. Words another Latin-script language uses far more often
("to", "do", "the", "de", "me", "hi", "tab", "sun", "das") are left out: they would only blur that language.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

# BCP-47 for Hindi in Latin script; its base code is "hi".
TAG = "hi-Latn"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Rough share of running text per word: postpositions and the copula are everywhere, everyday verbs
# and pronouns common, the rest of a customer's vocabulary less so.
FREQUENT = 1e-2
COMMON = 2e-3
EVERYDAY = 3e-4

WORDS: dict[float, tuple[str, ...]] = {
    FREQUENT: _words("hai hain ka ki ke ko se ne mein nahi nahin nhi kya aur bhi toh tha thi ho"),
    COMMON: _words(
        # pronouns and determiners
        "main mai mera meri mere mujhe mujhko mjhe hum hume humko hamara hamari hamare aap aapka aapki "
        "aapke apna apni apne tum tumhara tera teri yeh ye woh wo voh vo koi kuch sab sabhi "
        # question words and connectives
        "kab kahan kaha kaise kaisa kyu kyun kyon kyunki kitna kitni kitne kaun kon lekin par pe "
        "agar jab tak phir abhi bas sirf bahut bohot bhot zyada jyada thoda "
        # auxiliaries and everyday verbs
        "raha rahi rahe hoga hogi honge hua hui hue gaya gayi gaye gya gyi kar karo karna karke kiya "
        "kiye kijiye karein kro krna kr diya diye dena dijiye liya lena lo mila mili milega "
        "milegi milna chahiye chahie chaiye sakta sakti sakte aaya aayi aaye aya ayi aa gaya batao "
        "bataiye bataye batana dekho dekhiye dekh bhejo bheja bheji bhejna bhejiye samajh pata "
        "mil milta milti laga lagta lagti rakh rakho jana jao aana aao chal chalo bolo bola boli "
        "suno pucha puchna bata ruk ruko "
        # yes, no, politeness, address
        "haan han ji accha acha achha theek thik bhai yaar bhaiya didi shukriya dhanyavaad dhanyawad "
        "namaste kripya mat"
    ),
    EVERYDAY: _words(
        # time
        "aaj kal parso din dino hafta hafte mahina mahine saal der jaldi turant baad pehle "
        # shopping and money
        "paisa paise rupaye rupay wapas wapis saman samaan cheez chiz khareeda kharida kharidna "
        "dukaan ghar naya nayi naye purana purani toota tuta tooti tuti kharab galat sahi "
        "alag dusra dusri doosra asli nakli wala wali wale waala waali "
        # sizes, requests and answers
        "chota choti chhota chhoti bada badi bade intezaar intazar shikayat jawab sawal madad zaroor "
        "zarur bilkul shayad pakka matlab isliye waise vaise "
        # feelings and complaints
        "pareshan pareshaan gussa bekar bakwas dhokha chor bura buri achhe khush "
        # numbers
        "ek teen char chaar paanch panch"
    ),
}

# Hinglish support messages are often half English words or more ("order cancel karna hai please"):
# its English words count at this share of their English frequency (the models' word table).
ENGLISH_SHARE = 0.15

# Whole chat messages: "haan", "nahi", "theek hai", "shukriya".
CHAT_WORDS = "haan han nahi nahin nhi ji theek thik hai accha acha achha shukriya dhanyavaad namaste"


@cache
def word_frequencies() -> Mapping[str, float]:
    """Each word's share of running text (a word listed twice keeps its larger share); built once, as
    detection asks for it on every message."""
    found: dict[str, float] = {}
    for frequency, words in WORDS.items():
        for word in words:
            found[word] = max(found.get(word, 0.0), frequency)
    return found
