"""Each remote adapter against a local server speaking that provider's API: the request it sends,
how it reads the answer, and how each documented error reaches the chain."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import pytest

from babeldesk.language.translate.base import (
    EngineBadResponse,
    EngineRejected,
    EngineUnavailable,
    HttpEngine,
    RateLimited,
    TranslationError,
)
from babeldesk.language.translate.deepl import DeepLTranslator, default_url, source_code, target_code
from babeldesk.language.translate.google import GoogleTranslator
from babeldesk.language.translate.google import language_code as google_code
from babeldesk.language.translate.libretranslate import LibreTranslateTranslator
from babeldesk.language.translate.openai_compat import OpenAICompatTranslator
from tests.language.fake_providers import (
    FakeDeepL,
    FakeGoogle,
    FakeLibreTranslate,
    FakeOpenAI,
    Reply,
    closed_port_url,
    deepl_quota_exceeded,
    google_user_rate_limit,
    libre_slowdown,
    openai_rate_limit,
    running,
)


@pytest.fixture
def openai() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI(api_key="sk-test")) as fake:
        yield fake


@pytest.fixture
def deepl() -> Iterator[FakeDeepL]:
    with running(FakeDeepL()) as fake:
        yield fake


@pytest.fixture
def google() -> Iterator[FakeGoogle]:
    with running(FakeGoogle()) as fake:
        yield fake


@pytest.fixture
def libre() -> Iterator[FakeLibreTranslate]:
    with running(FakeLibreTranslate(api_key="lt-key")) as fake:
        yield fake


@pytest.fixture
async def engines() -> AsyncIterator[list[HttpEngine]]:
    """Adapters made in a test; closed after it."""
    made: list[HttpEngine] = []
    yield made
    for engine in made:
        await engine.aclose()


E = TypeVar("E", bound=HttpEngine)


def keep(engines: list[HttpEngine], engine: E) -> E:
    engines.append(engine)
    return engine


# --- DeepL ----------------------------------------------------------------------------------------


async def test_deepl_sends_the_documented_request_and_reads_the_answer(
    deepl: FakeDeepL, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, DeepLTranslator(deepl.api_key, url=deepl.url))
    out = await engine.translate(["Where is my order?", "Thanks"], source="en", target="es")
    assert out == ["Dónde está mi pedido?", "Gracias"]
    request = deepl.requests[-1]
    assert request.path == "/v2/translate"
    assert request.headers["authorization"] == "DeepL-Auth-Key deepl-key:fx"
    assert request.headers["content-type"] == "application/json"
    assert request.body == {
        "text": ["Where is my order?", "Thanks"],
        "target_lang": "ES",
        "source_lang": "EN",
    }


async def test_deepl_lets_it_detect_the_source_and_names_variants_it_requires(
    deepl: FakeDeepL, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, DeepLTranslator(deepl.api_key, url=deepl.url))
    for target, code in [("en", "EN-US"), ("en-GB", "EN-GB"), ("pt-BR", "PT-BR"), ("pt", "PT-PT")]:
        await engine.translate(["Hola"], source=None, target=target)
        assert deepl.requests[-1].body == {"text": ["Hola"], "target_lang": code}
    for target, code in [
        ("zh-Hans", "ZH-HANS"),
        ("zh", "ZH-HANS"),
        ("zh-TW", "ZH-HANT"),
        ("zh-Hant", "ZH-HANT"),
    ]:
        assert target_code(target) == code
    assert (source_code("pt-BR"), source_code("zh-Hant"), source_code("nb")) == ("PT", "ZH", "NB")
    assert default_url("abc:fx") == "https://api-free.deepl.com"
    assert default_url("abc") == "https://api.deepl.com"


async def test_deepl_splits_batches_at_its_limit_of_fifty(
    deepl: FakeDeepL, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, DeepLTranslator(deepl.api_key, url=deepl.url))
    out = await engine.translate([f"order {i}" for i in range(120)], source="en", target="es")
    assert out[0] == "pedido 0" and out[119] == "pedido 119"
    assert [len(r.body["text"]) for r in deepl.requests] == [50, 50, 20]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (deepl_quota_exceeded(), RateLimited),
        (Reply(429, {"message": "Too many requests"}, {"retry-after": "7"}), RateLimited),
        (Reply(500, {"message": "Internal error"}), EngineUnavailable),
        (Reply(503, {"message": "Service unavailable"}), EngineUnavailable),
        (Reply(413, {"message": "Request entity too large"}), EngineRejected),
        (Reply(200, {"nothing": []}), EngineBadResponse),
    ],
)
async def test_deepl_errors(
    deepl: FakeDeepL, engines: list[HttpEngine], reply: Reply, error: type[TranslationError]
) -> None:
    engine = keep(engines, DeepLTranslator(deepl.api_key, url=deepl.url))
    deepl.fail_next(reply)
    with pytest.raises(error) as raised:
        await engine.translate(["Hello"], source="en", target="de")
    assert raised.value.engine == "deepl"
    if reply.status == 429:
        assert isinstance(raised.value, RateLimited) and raised.value.retry_after == 7


async def test_deepl_bad_key_and_unsupported_language_are_refusals(
    deepl: FakeDeepL, engines: list[HttpEngine]
) -> None:
    wrong = keep(engines, DeepLTranslator("not-the-key", url=deepl.url))
    with pytest.raises(EngineRejected, match="Authorization failed"):
        await wrong.translate(["Hello"], source="en", target="de")
    right = keep(engines, DeepLTranslator(deepl.api_key, url=deepl.url))
    with pytest.raises(EngineRejected, match="target_lang"):
        await right.translate(["Hello"], source="en", target="xx")


# --- Google -----------------------------------------------------------------------------------------


async def test_google_sends_plain_text_format_so_answers_are_not_html_escaped(
    google: FakeGoogle, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, GoogleTranslator(google.api_key, url=f"{google.url}/language/translate/v2"))
    out = await engine.translate(["Tom's order & refund <soon>"], source="en", target="es")
    assert out == ["moT's pedido & devolución <noos>"]
    request = google.requests[-1]
    assert request.path == "/language/translate/v2"
    assert request.query == {"key": ["google-key"]}
    assert request.body == {
        "q": ["Tom's order & refund <soon>"],
        "target": "es",
        "format": "text",
        "source": "en",
    }


async def test_google_language_codes(google: FakeGoogle, engines: list[HttpEngine]) -> None:
    engine = keep(engines, GoogleTranslator(google.api_key, url=f"{google.url}/language/translate/v2"))
    await engine.translate(["a", "b"], source=None, target="zh-Hant")
    assert google.requests[-1].body == {"q": ["a", "b"], "target": "zh-TW", "format": "text"}
    assert [google_code(c) for c in ("zh", "zh-Hans", "pt-BR", "pt-PT", "he")] == [
        "zh-CN",
        "zh-CN",
        "pt",
        "pt-PT",
        "he",
    ]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (google_user_rate_limit(), RateLimited),
        (
            Reply(429, {"error": {"code": 429, "message": "Too Many Requests"}}, {"retry-after": "3"}),
            RateLimited,
        ),
        (
            Reply(403, {"error": {"code": 403, "message": "Translation API has not been used in project"}}),
            EngineRejected,
        ),
        (Reply(500, {"error": {"code": 500, "message": "Backend Error"}}), EngineUnavailable),
        (Reply(200, {"data": {}}), EngineBadResponse),
    ],
)
async def test_google_errors(
    google: FakeGoogle, engines: list[HttpEngine], reply: Reply, error: type[TranslationError]
) -> None:
    engine = keep(engines, GoogleTranslator(google.api_key, url=f"{google.url}/language/translate/v2"))
    google.fail_next(reply)
    with pytest.raises(error):
        await engine.translate(["Hello"], source="en", target="de")


async def test_google_bad_key_is_a_refusal(google: FakeGoogle, engines: list[HttpEngine]) -> None:
    engine = keep(engines, GoogleTranslator("wrong", url=f"{google.url}/language/translate/v2"))
    with pytest.raises(EngineRejected, match="API key not valid"):
        await engine.translate(["Hello"], source="en", target="de")


# --- LibreTranslate ------------------------------------------------------------------------------


async def test_libretranslate_batch_request_and_answer(
    libre: FakeLibreTranslate, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, LibreTranslateTranslator(libre.url, api_key="lt-key"))
    out = await engine.translate(["Hello", "Where is my order?"], source=None, target="es")
    assert out == ["Hola", "Dónde está mi pedido?"]
    assert libre.requests[-1].path == "/translate"
    assert libre.requests[-1].body == {
        "q": ["Hello", "Where is my order?"],
        "source": "auto",
        "target": "es",
        "format": "text",
        "api_key": "lt-key",
    }
    await engine.translate(["Hello"], source="pt-BR", target="zh-Hant")
    assert (libre.requests[-1].body["source"], libre.requests[-1].body["target"]) == ("pt", "zh-Hant")


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (libre_slowdown(), RateLimited),
        (Reply(500, {"error": "Cannot translate text: model crashed"}), EngineUnavailable),
        (Reply(200, {"translatedText": 42}), EngineBadResponse),
        (Reply(200, {"translatedText": ["only one"]}), EngineBadResponse),
    ],
)
async def test_libretranslate_errors(
    libre: FakeLibreTranslate, engines: list[HttpEngine], reply: Reply, error: type[TranslationError]
) -> None:
    engine = keep(engines, LibreTranslateTranslator(libre.url, api_key="lt-key"))
    libre.fail_next(reply)
    with pytest.raises(error):
        await engine.translate(["Hello", "Thanks"], source="en", target="es")


async def test_libretranslate_refusals_say_why(libre: FakeLibreTranslate, engines: list[HttpEngine]) -> None:
    keyless = keep(engines, LibreTranslateTranslator(libre.url))
    with pytest.raises(EngineRejected, match="get an API key"):
        await keyless.translate(["Hello"], source="en", target="es")
    wrong = keep(engines, LibreTranslateTranslator(libre.url, api_key="nope"))
    with pytest.raises(EngineRejected, match="Invalid API key"):
        await wrong.translate(["Hello"], source="en", target="es")
    right = keep(engines, LibreTranslateTranslator(libre.url, api_key="lt-key"))
    with pytest.raises(EngineRejected, match="xx is not supported"):
        await right.translate(["Hello"], source="en", target="xx")


# --- OpenAI-compatible ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "/", "/v1", "/v1/chat/completions"])
async def test_openai_compatible_single_text_request(
    openai: FakeOpenAI, engines: list[HttpEngine], suffix: str
) -> None:
    engine = keep(engines, OpenAICompatTranslator(openai.url + suffix, model="fake-mt", api_key="sk-test"))
    assert engine.name == "openai:fake-mt"
    out = await engine.translate(["Where is my order [[1]]?"], source="en", target="es")
    assert out == ["Dónde está mi pedido [[1]]?"]
    request = openai.requests[-1]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.body["model"] == "fake-mt"
    assert request.body["temperature"] == 0
    system, user = request.body["messages"]
    assert system["role"] == "system" and user == {"role": "user", "content": "Where is my order [[1]]?"}
    assert "from English into Spanish" in system["content"]
    assert "[[1]]" in system["content"] and "exactly once" in system["content"]


async def test_openai_compatible_batches_as_a_json_array(
    openai: FakeOpenAI, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, OpenAICompatTranslator(openai.url, model="fake-mt", api_key="sk-test"))
    out = await engine.translate(["Hello", "Thanks", "my order"], source=None, target="es")
    assert out == ["Hola", "Gracias", "mi pedido"]
    assert len(openai.requests) == 1
    assert openai.requests[0].body["messages"][1]["content"] == '["Hello", "Thanks", "my order"]'
    assert "JSON array of exactly 3 strings" in openai.requests[0].body["messages"][0]["content"]


async def test_openai_compatible_falls_back_to_one_request_per_text_when_a_batch_answer_is_unusable(
    openai: FakeOpenAI, engines: list[HttpEngine]
) -> None:
    openai.sloppy = True
    openai.think = True
    engine = keep(engines, OpenAICompatTranslator(openai.url, model="fake-mt", api_key="sk-test"))
    out = await engine.translate(["Hello", "Thanks", "my order"], source="en", target="es")
    assert out == ["Hola", "Gracias", "mi pedido"]
    assert len(openai.requests) == 4  # the batch, then one per text


async def test_openai_compatible_strips_wrapping_a_model_adds(
    openai: FakeOpenAI, engines: list[HttpEngine]
) -> None:
    engine = keep(engines, OpenAICompatTranslator(openai.url, model="fake-mt", api_key="sk-test"))
    openai.answers = {
        "Hello": "<think>Spanish, informal.</think>\n\n“Hola”",
        "Thanks": "```\nGracias\n```",
        '"Quoted"': '"Citado"',
    }
    assert await engine.translate(["Hello"], source="en", target="es") == ["Hola"]
    assert await engine.translate(["Thanks"], source="en", target="es") == ["Gracias"]
    assert await engine.translate(['"Quoted"'], source="en", target="es") == ['"Citado"']


async def test_openai_compatible_works_without_a_key(engines: list[HttpEngine]) -> None:
    with running(FakeOpenAI(api_key=None)) as keyless:
        engine = keep(engines, OpenAICompatTranslator(keyless.url, model="fake-mt"))
        assert await engine.translate(["Hello"], source="en", target="es") == ["Hola"]
        assert "authorization" not in keyless.requests[-1].headers


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (openai_rate_limit("20"), RateLimited),
        (Reply(503, {"error": {"message": "The engine is currently overloaded"}}), EngineUnavailable),
        (Reply(200, {"choices": []}), EngineBadResponse),
        (
            Reply(200, {"choices": [{"message": {"content": "Ho"}, "finish_reason": "length"}]}),
            EngineBadResponse,
        ),
    ],
)
async def test_openai_compatible_errors(
    openai: FakeOpenAI, engines: list[HttpEngine], reply: Reply, error: type[TranslationError]
) -> None:
    engine = keep(engines, OpenAICompatTranslator(openai.url, model="fake-mt", api_key="sk-test"))
    openai.fail_next(reply)
    with pytest.raises(error) as raised:
        await engine.translate(["Hello"], source="en", target="es")
    if isinstance(raised.value, RateLimited):
        assert raised.value.retry_after == 20


async def test_openai_compatible_refusals(openai: FakeOpenAI, engines: list[HttpEngine]) -> None:
    wrong_key = keep(engines, OpenAICompatTranslator(openai.url, model="fake-mt", api_key="sk-wrong"))
    with pytest.raises(EngineRejected, match="Incorrect API key"):
        await wrong_key.translate(["Hello"], source="en", target="es")
    wrong_model = keep(engines, OpenAICompatTranslator(openai.url, model="gpt-none", api_key="sk-test"))
    with pytest.raises(EngineRejected, match="does not exist"):
        await wrong_model.translate(["Hello"], source="en", target="es")


# --- All of them ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["openai", "deepl", "google", "libretranslate"])
async def test_nothing_listening_means_unavailable(kind: str, engines: list[HttpEngine]) -> None:
    url = closed_port_url()
    engine: OpenAICompatTranslator | DeepLTranslator | GoogleTranslator | LibreTranslateTranslator
    if kind == "openai":
        engine = OpenAICompatTranslator(url, model="m")
    elif kind == "deepl":
        engine = DeepLTranslator("k", url=url)
    elif kind == "google":
        engine = GoogleTranslator("k", url=url)
    else:
        engine = LibreTranslateTranslator(url)
    keep(engines, engine)
    with pytest.raises(EngineUnavailable):
        await engine.translate(["Hello"], source="en", target="es")
