"""The local CTranslate2 engine end to end — model directory, SentencePiece, decoding in a thread —
on tiny models with random weights that the tests build (so what they check is the path, not
quality)."""

from __future__ import annotations

from pathlib import Path

import pytest

from babeldesk.language.translate.base import EngineRejected, EngineUnavailable
from babeldesk.language.translate.chain import Status
from babeldesk.language.translate.config import build_chain, translation_settings
from babeldesk.language.translate.ctranslate2_local import CTranslate2Translator, nllb_code
from tests.language.fake_providers import build_tiny_model


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ct2")
    build_tiny_model(root / "opus-mt-en-es", family="opus-mt")
    build_tiny_model(root / "opus-mt-en-ROMANCE", family="opus-mt", extra_tokens=[">>spa<<", ">>fra<<"])
    build_tiny_model(root / "nllb-tiny", family="nllb", extra_tokens=["eng_Latn", "spa_Latn", "deu_Latn"])
    build_tiny_model(root / "m2m-tiny", family="m2m100", extra_tokens=["__en__", "__es__"])
    return root


async def test_an_opus_mt_directory_translates_a_batch(models: Path) -> None:
    engine = CTranslate2Translator(models / "opus-mt-en-es")
    assert engine.name == "ctranslate2:opus-mt-en-es"
    texts = ["where is my order", "thank you for your help", ""]
    first = await engine.translate(texts, source="en", target="es")
    assert len(first) == 3 and all(isinstance(t, str) for t in first)
    assert first[0] and first[2] == ""
    assert "</s>" not in first[0] and "▁" not in first[0]
    assert await engine.translate(texts, source="en", target="es") == first  # deterministic decoding


async def test_a_single_pair_model_refuses_other_pairs(models: Path) -> None:
    engine = CTranslate2Translator(models / "opus-mt-en-es")
    with pytest.raises(EngineRejected, match="into es"):
        await engine.translate(["hello"], source="en", target="de")
    with pytest.raises(EngineRejected, match="from en"):
        await engine.translate(["hallo"], source="de", target="es")
    assert await engine.translate(["hello"], source=None, target="es-MX")  # source unknown: the model's own


async def test_a_multi_target_opus_model_needs_its_target_token(models: Path) -> None:
    engine = CTranslate2Translator(models / "opus-mt-en-ROMANCE", source="en")
    assert len(await engine.translate(["hello"], source="en", target="es")) == 1
    with pytest.raises(EngineRejected, match="target language ja"):
        await engine.translate(["hello"], source="en", target="ja")


@pytest.mark.parametrize("model", ["nllb-tiny", "m2m-tiny"])
async def test_many_to_many_models_use_language_tokens(models: Path, model: str) -> None:
    engine = CTranslate2Translator(models / model)
    out = await engine.translate(["where is my order"], source="en", target="es")
    assert len(out) == 1 and "spa_Latn" not in out[0] and "__es__" not in out[0]
    with pytest.raises(EngineRejected, match="need the source language"):
        await engine.translate(["where is my order"], source=None, target="es")
    with pytest.raises(EngineRejected, match="target language ja"):
        await engine.translate(["where is my order"], source="en", target="ja")
    assert nllb_code("zh-Hant") == "zho_Hant" and nllb_code("pt-BR") == "por_Latn"


async def test_missing_model_or_tokenizer_is_unavailable(models: Path, tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="no CTranslate2 model"):
        await CTranslate2Translator(tmp_path / "nothing").translate(["hi"], source="en", target="es")
    broken = tmp_path / "opus-mt-en-es"
    broken.mkdir()
    for name in ("model.bin", "config.json", "shared_vocabulary.json"):
        (broken / name).write_bytes((models / "opus-mt-en-es" / name).read_bytes())
    with pytest.raises(EngineUnavailable, match="no SentencePiece model"):
        await CTranslate2Translator(broken).translate(["hi"], source="en", target="es")


async def test_configured_from_workspace_settings(models: Path) -> None:
    settings = translation_settings(
        {
            "translation": {
                "engines": [{"kind": "ctranslate2", "path": str(models / "opus-mt-en-es"), "timeout_s": 30}]
            }
        }
    )
    chain = build_chain(settings)
    try:
        result = await chain.translate(["Order #1001: where is my order?"], source="en", target="es")
    finally:
        await chain.aclose()
    assert result.status is Status.TRANSLATED and result.engine == "ctranslate2:opus-mt-en-es"
    assert result.texts is not None and "#1001" in result.texts[0]
