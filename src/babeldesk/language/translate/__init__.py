"""Translation: engines behind one small interface, a fallback chain, the glossary and protected
spans, and a PostgreSQL cache.

A pipeline needs only what is exported here::

    settings = translation_settings(workspace.settings)
    chain = build_chain(settings)            # close with ``await chain.aclose()``
    async with db.transaction() as conn:
        glossary = await load_glossary(conn, workspace_id)
    result = await translate_cached(db, chain, [body], workspace_id=…, source="es", target="en",
                                    glossary=glossary, customer_id=…, region=…)
    result.status        # translated | not_translated | no_engine
    result.texts         # the translations, or None
    result.failures      # what each engine said when it could not

Engine adapters (``deepl``, ``google``, ``libretranslate``, ``openai_compat``, ``ctranslate2_local``)
are imported from their modules where needed.
"""

from babeldesk.language.translate.base import (
    EngineBadResponse,
    EngineRejected,
    EngineUnavailable,
    RateLimited,
    TranslationError,
    Translator,
)
from babeldesk.language.translate.cache import erase_customer_entries, translate_cached
from babeldesk.language.translate.chain import (
    EngineFailure,
    EngineSlot,
    FailureKind,
    Status,
    TranslatedText,
    TranslationResult,
    TranslatorChain,
)
from babeldesk.language.translate.config import TranslationSettings, build_chain, translation_settings
from babeldesk.language.translate.glossary import (
    do_fix_translation,
    do_keep_term,
    do_remove_term,
    load_glossary,
)
from babeldesk.language.translate.protect import Glossary, GlossaryTerm, TermKind

__all__ = [
    "EngineBadResponse",
    "EngineFailure",
    "EngineRejected",
    "EngineSlot",
    "EngineUnavailable",
    "FailureKind",
    "Glossary",
    "GlossaryTerm",
    "RateLimited",
    "Status",
    "TermKind",
    "TranslatedText",
    "TranslationError",
    "TranslationResult",
    "TranslationSettings",
    "Translator",
    "TranslatorChain",
    "build_chain",
    "do_fix_translation",
    "do_keep_term",
    "do_remove_term",
    "erase_customer_entries",
    "load_glossary",
    "translate_cached",
    "translation_settings",
]
