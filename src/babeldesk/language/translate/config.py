"""A workspace's translation settings (``workspaces.settings["translation"]``) and the chain they make.

{"translation": {
    "engines": [
        {"kind": "deepl", "api_key": "…", "timeout_s": 3},
        {"kind": "openai", "url": "http://localhost:11434/v1", "model": "qwen2.5:7b"},
        {"kind": "libretranslate", "url": "http://localhost:5000"},
        {"kind": "google", "api_key": "…"},
        {"kind": "ctranslate2", "path": "/var/lib/babeldesk/models/opus-mt-es-en"}
    ],
    "mark_machine_translated": true}}
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from babeldesk.language.translate.base import Translator
from babeldesk.language.translate.chain import DEFAULT_TIMEOUT_S, EngineSlot, TranslatorChain
from babeldesk.language.translate.ctranslate2_local import CTranslate2Translator
from babeldesk.language.translate.deepl import DeepLTranslator
from babeldesk.language.translate.google import GoogleTranslator
from babeldesk.language.translate.libretranslate import LibreTranslateTranslator
from babeldesk.language.translate.openai_compat import OpenAICompatTranslator


def _http_url(value: str | None) -> str | None:
    if value is not None and (urlsplit(value).scheme not in {"http", "https"} or not urlsplit(value).netloc):
        raise ValueError("must be an http:// or https:// URL")
    return value


class _Engine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    timeout_s: float = Field(DEFAULT_TIMEOUT_S, gt=0, le=300)


class OpenAIEngineConfig(_Engine):
    kind: Literal["openai"]
    url: str
    model: str = Field(min_length=1)
    api_key: SecretStr | None = None

    _check_url = field_validator("url")(_http_url)


class DeepLEngineConfig(_Engine):
    kind: Literal["deepl"]
    api_key: SecretStr
    url: str | None = None  # default: the Free or Pro host, as the key says

    _check_url = field_validator("url")(_http_url)


class GoogleEngineConfig(_Engine):
    kind: Literal["google"]
    api_key: SecretStr
    url: str | None = None

    _check_url = field_validator("url")(_http_url)


class LibreTranslateEngineConfig(_Engine):
    kind: Literal["libretranslate"]
    url: str
    api_key: SecretStr | None = None

    _check_url = field_validator("url")(_http_url)


class CTranslate2EngineConfig(_Engine):
    kind: Literal["ctranslate2"]
    path: str = Field(min_length=1)
    family: Literal["auto", "opus-mt", "nllb", "m2m100"] = "auto"
    # For a single-pair OPUS-MT model whose directory name does not say its pair.
    source: str | None = None
    target: str | None = None
    threads: int = Field(1, ge=1, le=64)


EngineConfig = Annotated[
    OpenAIEngineConfig
    | DeepLEngineConfig
    | GoogleEngineConfig
    | LibreTranslateEngineConfig
    | CTranslate2EngineConfig,
    Field(discriminator="kind"),
]


class TranslationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    engines: list[EngineConfig] = Field(default_factory=list)
    mark_machine_translated: bool = True

    @model_validator(mode="after")
    def _names_unique(self) -> TranslationSettings:
        # Cache entries and rate-limit pauses are kept per engine name.
        names = [engine_name(e) for e in self.engines]
        if len(set(names)) != len(names):
            raise ValueError('two engines have the same name; give one a "name"')
        return self


def translation_settings(workspace_settings: Mapping[str, Any]) -> TranslationSettings:
    """The ``translation`` part of a workspace's settings; raises ``pydantic.ValidationError`` if wrong."""
    return TranslationSettings.model_validate(workspace_settings.get("translation") or {})


def engine_name(config: EngineConfig) -> str:
    """The name an engine reports and is cached under: its own, or one made from its kind."""
    if config.name:
        return config.name
    match config:
        case OpenAIEngineConfig():
            return f"openai:{config.model}"
        case CTranslate2EngineConfig():
            return f"ctranslate2:{PurePath(config.path).name}"
        case _:
            return config.kind


def build_translator(config: EngineConfig) -> Translator:
    def secret(value: SecretStr | None) -> str | None:
        return value.get_secret_value() if value is not None else None

    name = engine_name(config)
    match config:
        case OpenAIEngineConfig():
            return OpenAICompatTranslator(
                config.url, model=config.model, api_key=secret(config.api_key), name=name
            )
        case DeepLEngineConfig():
            return DeepLTranslator(config.api_key.get_secret_value(), url=config.url, name=name)
        case GoogleEngineConfig():
            return GoogleTranslator(config.api_key.get_secret_value(), url=config.url, name=name)
        case LibreTranslateEngineConfig():
            return LibreTranslateTranslator(config.url, api_key=secret(config.api_key), name=name)
        case CTranslate2EngineConfig():
            return CTranslate2Translator(
                config.path,
                name=name,
                family=config.family,
                source=config.source,
                target=config.target,
                threads=config.threads,
            )


def build_chain(settings: TranslationSettings) -> TranslatorChain:
    """The workspace's chain; close it with ``aclose()`` when done (it owns the HTTP clients)."""
    return TranslatorChain([EngineSlot(build_translator(e), e.timeout_s) for e in settings.engines])
