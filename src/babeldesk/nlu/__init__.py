"""Natural-language understanding: sentence embeddings, intents, sentiment, anger and urgency.

``understand`` is the one call the pipeline makes per batch of customer messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from babeldesk.nlu.cues import Cues, cues
from babeldesk.nlu.embed import embed_in_own_spaces
from babeldesk.nlu.embed import space_for as space_for
from babeldesk.nlu.embed import warm_up as warm_up_encoders
from babeldesk.nlu.intents import CustomIntents, IntentModel, intent_model
from babeldesk.nlu.model import shipped
from babeldesk.nlu.sentences import SOCIAL, request_sentences
from babeldesk.nlu.text import clean
from babeldesk.nlu.understanding import INTENTS as INTENTS
from babeldesk.nlu.understanding import Sentiment, Understanding
from babeldesk.nlu.variety import reading

# A flag classifier's probability above which its flag is raised on its own.
FLAG_THRESHOLD = 0.5
# Anger is rare in the examples (8%) and the model under-calls it: in 5-fold cross-validation of our
# examples with the rule below and their labelled sentiment, 0.5 gives precision 0.93 and recall 0.70,
# 0.4 gives 0.92 and 0.79 (`babeldesk eval anger --folds`, with predicted sentiment: 0.89 and 0.72).
# A missed angry customer costs more than a calm one handed to a person, so the lower one.
ANGER_AT = 0.4


def _shouts(signs: Cues, negative: bool) -> bool:
    """The text's own signs say anger: two of them, or one in a negative message."""
    return signs.anger >= 2 or (negative and signs.anger >= 1)


def is_angry(signs: Cues, negative: bool, probability: float) -> bool:
    """Anger needs the model and the text to agree, or the text to shout it on its own. A message
    that laughs is not angry on the model's word alone: the model hears the complaint, not the tone."""
    return _shouts(signs, negative) or (negative and probability >= ANGER_AT and not signs.laughing)


def anger(signs: Cues, negative: bool, probability: float) -> float:
    """How sure the anger is: certain where the text's own signs raise the flag, else the model's
    probability (for a flag raised by the model alone, at least ``ANGER_AT``)."""
    return 1.0 if _shouts(signs, negative) else probability


def understand(
    texts: Sequence[str], languages: Sequence[str | None], *, custom: CustomIntents | None = None
) -> list[Understanding]:
    """Intent, sentiment, anger and urgency of each text, in the embedding space of its language."""
    models, intents = shipped(), intent_model(custom)
    out: list[Understanding | None] = [None] * len(texts)
    cleaned = [clean(t) for t in texts]
    read = [reading(text, language) for text, language in zip(cleaned, languages, strict=True)]
    for space, (index, vectors) in embed_in_own_spaces(cleaned, read).items():
        langs = [read[i] for i in index]
        intent_p = intents.probabilities(space, vectors, langs, [cleaned[i] for i in index])
        feeling = models.sentiment.probabilities(space, vectors, langs)
        angry_p = models.angry.probabilities(space, vectors, langs)[:, 1]
        urgent_p = models.urgent.probabilities(space, vectors, langs)[:, 1]
        for row, i in enumerate(index):
            ranked = intent_p[row].argsort()[::-1]
            label = {name: float(p) for name, p in zip(models.sentiment.labels, feeling[row], strict=True)}
            sentiment = Sentiment(max(label, key=label.__getitem__))
            signs = cues(texts[i])
            negative = sentiment is Sentiment.NEGATIVE
            out[i] = Understanding(
                language=languages[i],
                intent=intents.labels[ranked[0]],
                confidence=float(intent_p[row, ranked[0]]),
                runner_up=intents.labels[ranked[1]] if len(ranked) > 1 else None,
                sentiment=sentiment,
                sentiment_score=label.get("positive", 0.0) - label.get("negative", 0.0),
                angry=is_angry(signs, negative, float(angry_p[row])),
                anger=anger(signs, negative, float(angry_p[row])),
                urgent=urgent_p[row] >= FLAG_THRESHOLD or signs.urgency_words > 0,
                space=space,
                vector=vectors[row],
            )
    done = [u for u in out if u is not None]
    _read_sentences(texts, read, done, intents)
    return done


# A message the model is less sure of than this is read sentence by sentence (``sentences``); a
# sentence then stands for it when its request is at least this sure. The bot acts from 0.5; a
# sentence read alone has lost its context, so it must be surer than that (at 0.5, remarks such as
# "what a pity" were taken for complaints in the dialogue set).
SENTENCES_BELOW = 0.5
SENTENCE_SURE = 0.6


def _read_sentences(
    texts: Sequence[str], read: Sequence[str | None], done: list[Understanding], intents: IntentModel
) -> None:
    """Replace, in place, an unsure long message's intent with that of its surest request sentence."""
    parts = [
        (i, part)
        for i, u in enumerate(done)
        if u.confidence < SENTENCES_BELOW
        for part in request_sentences(texts[i])
    ]
    if not parts:
        return
    found = intents.classify_each([part for _, part in parts], [read[i] for i, _ in parts])
    for (i, _), (intent, confidence, runner_up) in zip(parts, found, strict=True):
        if intent in SOCIAL or confidence < max(SENTENCE_SURE, done[i].confidence):
            continue
        done[i] = replace(done[i], intent=intent, confidence=confidence, runner_up=runner_up)


def sentence_requests(
    text: str, language: str | None, *, custom: CustomIntents | None = None
) -> list[tuple[str, float]]:
    """What each sentence of a message asks for, where a sentence asks for something surely (≥
    ``SENTENCE_SURE``, no small talk, no bare detail), in order: for a message that also answers the
    bot ("no, don't cancel. Could you change the address instead?"). Empty for a one-sentence text."""
    parts = request_sentences(text)
    if not parts:
        return []
    read = reading(clean(text), language)
    found = intent_model(custom).classify_each(parts, [read] * len(parts))
    return [(intent, sure) for intent, sure, _ in found if intent not in SOCIAL and sure >= SENTENCE_SURE]


def warm_up() -> None:
    """Load the shipped model and both encoders now rather than on the first message."""
    shipped()
    warm_up_encoders()
