"""A translation model on local disk, run by CTranslate2: converted OPUS-MT, NLLB or M2M-100.

The directory holds what ``ct2-transformers-converter`` writes (``model.bin``, ``config.json``,
``shared_vocabulary.json`` or ``source_vocabulary.json``/``target_vocabulary.json``) plus the
SentencePiece model(s) of the original: ``source.spm``/``target.spm`` for OPUS-MT,
``sentencepiece.bpe.model`` for NLLB and M2M-100. Nothing is downloaded: a missing file is an error.

``ctranslate2`` and ``sentencepiece`` are imported on first use, so Babeldesk runs without them
until a workspace configures a local model; decoding runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from babeldesk.language.translate.base import (
    EngineRejected,
    EngineUnavailable,
    base_language,
    language_subtags,
)

Family = Literal["auto", "opus-mt", "nllb", "m2m100"]

_SHARED_SPM = ("sentencepiece.bpe.model", "spm.model", "sentencepiece.model", "tokenizer.model")
_SPECIAL = frozenset({"<s>", "</s>", "<pad>", "<unk>"})
_OPUS_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})(?:$|[-_])", re.IGNORECASE)

_NLLB = {
    "ar": "arb_Arab", "bg": "bul_Cyrl", "bn": "ben_Beng", "ca": "cat_Latn", "cs": "ces_Latn",
    "da": "dan_Latn", "de": "deu_Latn", "el": "ell_Grek", "en": "eng_Latn", "es": "spa_Latn",
    "et": "est_Latn", "fa": "pes_Arab", "fi": "fin_Latn", "fr": "fra_Latn", "he": "heb_Hebr",
    "hi": "hin_Deva", "hr": "hrv_Latn", "hu": "hun_Latn", "id": "ind_Latn", "it": "ita_Latn",
    "ja": "jpn_Jpan", "ko": "kor_Hang", "lt": "lit_Latn", "lv": "lvs_Latn", "ms": "zsm_Latn",
    "nb": "nob_Latn", "nl": "nld_Latn", "no": "nob_Latn", "pl": "pol_Latn", "pt": "por_Latn",
    "ro": "ron_Latn", "ru": "rus_Cyrl", "sk": "slk_Latn", "sl": "slv_Latn", "sr": "srp_Cyrl",
    "sv": "swe_Latn", "sw": "swh_Latn", "ta": "tam_Taml", "th": "tha_Thai", "tl": "tgl_Latn",
    "tr": "tur_Latn", "uk": "ukr_Cyrl", "ur": "urd_Arab", "vi": "vie_Latn", "zh": "zho_Hans",
}  # fmt: skip
# OPUS-MT models with several target languages want a ">>xxx<<" token first (ISO 639-3, mostly).
_ISO3 = {
    "ar": "ara", "de": "deu", "en": "eng", "es": "spa", "fr": "fra", "it": "ita", "ja": "jpn", "ko": "kor",
    "nl": "nld", "pl": "pol", "pt": "por", "ru": "rus", "tr": "tur", "uk": "ukr", "zh": "zho",
    "ca": "cat", "ro": "ron", "id": "ind", "ms": "zsm", "vi": "vie", "th": "tha", "hi": "hin", "he": "heb",
}  # fmt: skip


def nllb_code(language: str) -> str | None:
    base, variant = language_subtags(language)
    if base == "zh" and variant in {"Hant", "TW", "HK", "MO"}:
        return "zho_Hant"
    return _NLLB.get(base)


class CTranslate2Translator:
    def __init__(
        self,
        path: str | Path,
        *,
        name: str | None = None,
        family: Family = "auto",
        source: str | None = None,
        target: str | None = None,
        threads: int = 1,
        beam_size: int = 2,
    ) -> None:
        self.path = Path(path)
        self.name = name or f"ctranslate2:{self.path.name}"
        self._family: Family = family
        self._pair = (source, target)
        self._threads = threads
        self._beam_size = beam_size
        self._model: _Model | None = None
        self._loading = asyncio.Lock()

    async def load(self) -> None:
        """Load the model now (a worker can call this at start instead of on the first message)."""
        async with self._loading:
            if self._model is None:
                self._model = await asyncio.to_thread(self._load)

    async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
        await self.load()
        assert self._model is not None
        return await asyncio.to_thread(self._model.translate, list(texts), source, target)

    def _load(self) -> _Model:
        if not (self.path / "model.bin").is_file():
            raise EngineUnavailable(self.name, f"no CTranslate2 model at {self.path}")
        try:
            ctranslate2: Any = importlib.import_module("ctranslate2")
            sentencepiece: Any = importlib.import_module("sentencepiece")
        except ImportError as exc:
            raise EngineUnavailable(
                self.name, "the ctranslate2 and sentencepiece packages are not installed"
            ) from exc
        vocabulary = _vocabulary(self.path)
        family = self._family if self._family != "auto" else _guess_family(vocabulary)
        source_spm, target_spm = _spm_files(self.path, self.name)
        translator = ctranslate2.Translator(
            str(self.path), device="cpu", inter_threads=1, intra_threads=self._threads
        )
        source_sp = sentencepiece.SentencePieceProcessor(model_file=str(source_spm))
        target_sp = sentencepiece.SentencePieceProcessor(model_file=str(target_spm))
        pair = self._pair
        if family == "opus-mt" and pair == (None, None):
            found = _OPUS_PAIR.search(self.path.name)
            pair = (found.group(1), found.group(2)) if found else pair
        return _Model(self.name, family, pair, vocabulary, translator, source_sp, target_sp, self._beam_size)


@dataclass
class _Model:
    name: str
    family: Family
    pair: tuple[str | None, str | None]
    vocabulary: frozenset[str]
    translator: Any
    source_sp: Any
    target_sp: Any
    beam_size: int

    def translate(self, texts: list[str], source: str | None, target: str) -> list[str]:
        prefix = self._target_prefix(source, target)
        head = self._source_head(source, target)
        batch = [[*head, *self.source_sp.encode(text, out_type=str), "</s>"] for text in texts]
        longest = max((len(tokens) for tokens in batch), default=0)
        results = self.translator.translate_batch(
            batch,
            target_prefix=[prefix] * len(batch) if prefix else None,
            beam_size=self.beam_size,
            # A translation is rarely much longer than its source; a model that loops stops here.
            max_decoding_length=min(512, longest * 3 + 16),
        )
        return [
            self.target_sp.decode([t for t in r.hypotheses[0] if t not in _SPECIAL and t not in prefix])
            if text.strip()
            else text
            for r, text in zip(results, texts, strict=True)
        ]

    def _source_head(self, source: str | None, target: str) -> list[str]:
        if self.family == "opus-mt":
            self._check_pair(source, target)
            return self._opus_target_token(target)
        if source is None:
            raise EngineRejected(self.name, f"{self.family} models need the source language")
        token = nllb_code(source) if self.family == "nllb" else f"__{base_language(source)}__"
        if token not in self.vocabulary:
            raise EngineRejected(self.name, f"source language {source} not in this model")
        return [token]

    def _target_prefix(self, source: str | None, target: str) -> list[str]:
        if self.family == "opus-mt":
            return []
        token = nllb_code(target) if self.family == "nllb" else f"__{base_language(target)}__"
        if token not in self.vocabulary:
            raise EngineRejected(self.name, f"target language {target} not in this model")
        return [token]

    def _check_pair(self, source: str | None, target: str) -> None:
        model_source, model_target = self.pair
        if source and model_source and base_language(source) != base_language(model_source):
            raise EngineRejected(self.name, f"this model translates from {model_source}, not {source}")
        multi_target = any(t.startswith(">>") and t.endswith("<<") for t in self.vocabulary)
        if not multi_target and model_target and base_language(target) != base_language(model_target):
            raise EngineRejected(self.name, f"this model translates into {model_target}, not {target}")

    def _opus_target_token(self, target: str) -> list[str]:
        if not any(t.startswith(">>") and t.endswith("<<") for t in self.vocabulary):
            return []
        base = base_language(target)
        for token in (f">>{_ISO3.get(base, base)}<<", f">>{base}<<"):
            if token in self.vocabulary:
                return [token]
        raise EngineRejected(self.name, f"target language {target} not in this model")


def _vocabulary(path: Path) -> frozenset[str]:
    for name in ("shared_vocabulary", "source_vocabulary"):
        as_json = path / f"{name}.json"
        if as_json.is_file():
            return frozenset(json.loads(as_json.read_text(encoding="utf-8")))
        as_text = path / f"{name}.txt"
        if as_text.is_file():
            return frozenset(as_text.read_text(encoding="utf-8").splitlines())
    return frozenset()


def _guess_family(vocabulary: frozenset[str]) -> Family:
    if "eng_Latn" in vocabulary:
        return "nllb"
    if "__en__" in vocabulary:
        return "m2m100"
    return "opus-mt"


def _spm_files(path: Path, name: str) -> tuple[Path, Path]:
    if (path / "source.spm").is_file():
        target = path / "target.spm"
        return path / "source.spm", target if target.is_file() else path / "source.spm"
    for candidate in _SHARED_SPM:
        if (path / candidate).is_file():
            return path / candidate, path / candidate
    raise EngineUnavailable(name, f"no SentencePiece model in {path}")
