"""A workspace's ``settings["translation"]``: validated, and turned into the chain it describes."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from babeldesk.language.translate.chain import Status
from babeldesk.language.translate.config import build_chain, translation_settings
from babeldesk.language.translate.deepl import DeepLTranslator
from babeldesk.language.translate.openai_compat import OpenAICompatTranslator
from tests.language.fake_providers import FakeDeepL, FakeOpenAI, closed_port_url, running


def test_no_translation_settings_means_no_engines_and_marked_translations() -> None:
    settings = translation_settings({})
    assert settings.engines == [] and settings.mark_machine_translated is True
    assert build_chain(settings).slots == ()


def test_engines_in_order_with_their_time_limits_and_names() -> None:
    settings = translation_settings(
        {
            "translation": {
                "engines": [
                    {"kind": "deepl", "api_key": "k:fx"},
                    {
                        "kind": "openai",
                        "url": "http://localhost:11434/v1",
                        "model": "qwen2.5:7b",
                        "timeout_s": 8,
                    },
                    {
                        "kind": "openai",
                        "url": "https://api.openai.com",
                        "model": "gpt-4o-mini",
                        "api_key": "sk",
                    },
                    {"kind": "google", "api_key": "g", "name": "google-eu"},
                    {"kind": "libretranslate", "url": "http://lt:5000"},
                    {"kind": "ctranslate2", "path": "/models/opus-mt-es-en"},
                ],
                "mark_machine_translated": False,
            }
        }
    )
    chain = build_chain(settings)
    assert chain.names == (
        "deepl",
        "openai:qwen2.5:7b",
        "openai:gpt-4o-mini",
        "google-eu",
        "libretranslate",
        "ctranslate2:opus-mt-es-en",
    )
    assert [s.timeout_s for s in chain.slots] == [3.0, 8.0, 3.0, 3.0, 3.0, 3.0]
    assert settings.mark_machine_translated is False
    deepl = chain.slots[0].translator
    assert isinstance(deepl, DeepLTranslator) and deepl.endpoint == "https://api-free.deepl.com/v2/translate"
    ollama = chain.slots[1].translator
    assert isinstance(ollama, OpenAICompatTranslator)
    assert ollama.endpoint == "http://localhost:11434/v1/chat/completions"
    assert "k:fx" not in repr(settings)  # keys are secrets, never printed


@pytest.mark.parametrize(
    ("engine", "problem"),
    [
        ({"kind": "babelfish"}, "does not match any of the expected tags"),
        ({"kind": "deepl"}, "api_key"),
        ({"kind": "openai", "url": "http://x"}, "model"),
        ({"kind": "openai", "url": "ftp://x", "model": "m"}, "http:// or https://"),
        ({"kind": "libretranslate", "url": "localhost:5000"}, "http:// or https://"),
        ({"kind": "deepl", "api_key": "k", "timeout_s": 0}, "greater than 0"),
        ({"kind": "deepl", "api_key": "k", "colour": "blue"}, "Extra inputs"),
    ],
)
def test_wrong_settings_are_refused_with_the_reason(engine: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        translation_settings({"translation": {"engines": [engine]}})


def test_two_engines_under_one_name_are_refused() -> None:
    twice = [{"kind": "deepl", "api_key": "a"}, {"kind": "deepl", "api_key": "b"}]
    with pytest.raises(ValidationError, match="same name"):
        translation_settings({"translation": {"engines": twice}})
    twice[1]["name"] = "deepl-backup"
    assert len(translation_settings({"translation": {"engines": twice}}).engines) == 2


async def test_the_built_chain_falls_back_between_real_adapters() -> None:
    with running(FakeDeepL()) as deepl, running(FakeOpenAI(api_key="sk-1")) as openai:
        settings = translation_settings(
            {
                "translation": {
                    "engines": [
                        {"kind": "libretranslate", "url": closed_port_url()},
                        {"kind": "deepl", "api_key": "wrong-key", "url": deepl.url},
                        {"kind": "openai", "url": openai.url, "model": "fake-mt", "api_key": "sk-1"},
                    ]
                }
            }
        )
        chain = build_chain(settings)
        try:
            result = await chain.translate(["Where is my order?"], source="en", target="es")
        finally:
            await chain.aclose()
    assert result.status is Status.TRANSLATED and result.texts == ["Dónde está mi pedido?"]
    assert [f.kind.value for f in result.failures] == ["unavailable", "rejected"]
