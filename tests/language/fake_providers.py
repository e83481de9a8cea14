"""Local HTTP servers that speak each translation provider's documented API, errors included.

Each fake checks what a real provider checks (auth header or key, required JSON fields, supported
language codes) and answers in the provider's own format. Its "translation" is deterministic: a few
English words become Spanish, every other word is spelled backwards, and digits, punctuation and
placeholders are left alone, so a test can tell translated text from protected text. A ``Mangler``
makes it treat placeholders the way real engines sometimes do (bent, moved, dropped, duplicated).
Scripted replies (``fail_next``) give rate limits, quota and server errors, or a hung request.
"""

from __future__ import annotations

import html
import io
import json
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qs, urlsplit

WORDS_ES = {
    "hello": "hola", "hi": "hola", "where": "dónde", "is": "está", "my": "mi", "order": "pedido",
    "the": "el", "refund": "devolución", "please": "por favor", "thanks": "gracias", "thank": "gracias",
    "you": "usted", "for": "para", "and": "y", "ship": "enviar", "shipped": "enviado", "has": "ha",
    "package": "paquete", "email": "correo", "me": "me", "at": "en", "call": "llame", "price": "precio",
    "was": "fue", "not": "no", "a": "un", "to": "a", "of": "de", "your": "su", "i": "yo", "want": "quiero",
}  # fmt: skip
LANGUAGE_NAMES = {
    "Spanish": "es", "German": "de", "French": "fr", "English": "en", "Japanese": "ja",
    "Simplified Chinese": "zh", "Chinese": "zh", "Brazilian Portuguese": "pt", "Portuguese": "pt",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\[\[(\d+)\]\]")


def fake_translate(text: str, target: str) -> str:
    """Word by word: known English words into Spanish, others reversed; the rest left as it is."""

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        if target.lower().startswith("es") and found.lower() in WORDS_ES:
            spanish = WORDS_ES[found.lower()]
            return spanish.capitalize() if found[0].isupper() else spanish
        return found[::-1]

    return _WORD.sub(word, text)


@dataclass
class Mangler:
    """What engines do to ``[[n]]``: bend it (spaces, full-width, escapes, other digits), move it, and,
    when ``lose`` > 0, drop or duplicate it."""

    seed: int = 0
    bend: float = 0.6
    lose: float = 0.0
    shuffle: bool = True

    def __call__(self, text: str) -> str:
        rng = random.Random(f"{self.seed}:{text}")
        found = _PLACEHOLDER.findall(text)
        numbers = found[:]
        if self.shuffle:
            rng.shuffle(numbers)
        order = iter(numbers)

        def one(_: re.Match[str]) -> str:
            number = next(order)
            if rng.random() < self.lose:
                return rng.choice(["", f"[[{number}]] [[{number}]]"])
            if rng.random() >= self.bend:
                return f"[[{number}]]"
            return rng.choice(_BENDS)(number)

        return _PLACEHOLDER.sub(one, text)


_BENDS: list[Callable[[str], str]] = [
    lambda n: f"[[ {n} ]]",
    lambda n: f"[ [{n}] ]",
    lambda n: "［［" + n.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "］］",
    lambda n: f"\\[\\[{n}\\]\\]",
    lambda n: f"【【{n}】】",
    lambda n: "[[" + n.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "]]",
]


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


class FakeProvider:
    """One provider on loopback; subclasses answer ``handle``."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.script: list[Reply] = []
        self.mangle: Callable[[str], str] | None = None
        self.release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self.url = ""

    def fail_next(self, reply: Reply, times: int = 1) -> None:
        self.script += [reply] * times

    def translate(self, text: str, target: str) -> str:
        out = fake_translate(text, target)
        return self.mangle(out) if self.mangle else out

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    def _respond(self, request: Request) -> Reply:
        self.requests.append(request)
        return self.script.pop(0) if self.script else self.handle(request)

    def start(self, port: int = 0) -> None:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                parts = urlsplit(self.path)
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                request = Request(
                    "POST",
                    parts.path,
                    parse_qs(parts.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                reply = provider._respond(request)
                if reply.hang:
                    provider.release.wait(30)
                    return
                payload = json.dumps(reply.body, ensure_ascii=False).encode()
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *_: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True).start()

    def stop(self) -> None:
        self.release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


class LoopbackServer(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


P = TypeVar("P", bound=LoopbackServer)


@contextmanager
def running(server: P) -> Iterator[P]:
    """A fake server (a provider here, a shop in tests/commerce) running for the block."""
    server.start()
    try:
        yield server
    finally:
        server.stop()


def closed_port_url() -> str:
    """A loopback URL where nothing listens: connections are refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def port_of(url: str) -> int:
    return int(urlsplit(url).port or 0)


# --- OpenAI-compatible chat completions ------------------------------------------------------


class FakeOpenAI(FakeProvider):
    """``POST /v1/chat/completions``. ``answers`` maps a user message to a fixed reply; ``sloppy``
    makes batch answers unusable (prose around the array, a missing item, or no JSON at all)."""

    def __init__(self, *, api_key: str | None = None, model: str = "fake-mt") -> None:
        super().__init__()
        self.api_key = api_key
        self.model = model
        self.answers: dict[str, str] = {}
        self.sloppy = False
        self.think = False

    def handle(self, request: Request) -> Reply:
        if request.path != "/v1/chat/completions":
            return Reply(404, {"error": {"message": "Not found", "type": "invalid_request_error"}})
        if self.api_key and request.headers.get("authorization") != f"Bearer {self.api_key}":
            return _openai_error(401, "Incorrect API key provided.", "invalid_api_key")
        body = request.body
        if not isinstance(body, dict) or body.get("model") != self.model:
            model = body.get("model") if isinstance(body, dict) else None
            return _openai_error(404, f"The model `{model}` does not exist.", "model_not_found")
        messages = body.get("messages")
        if (
            not isinstance(messages, list)
            or [m.get("role") for m in messages] != ["system", "user"]
            or not all(isinstance(m.get("content"), str) for m in messages)
        ):
            return _openai_error(400, "messages must be a system and a user message", "invalid_request")
        system, user = messages[0]["content"], messages[1]["content"]
        target = _target_from_prompt(system)
        content = self._answer(user, target, batch="JSON array" in system)
        if self.think:
            content = f"<think>The user wants {target}.</think>\n{content}"
        return Reply(
            200,
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": self.model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            },
        )

    def _answer(self, user: str, target: str, *, batch: bool) -> str:
        if not batch:
            return self.answers.get(user) or self.translate(user, target)
        texts = json.loads(user)
        out = [self.answers.get(t) or self.translate(t, target) for t in texts]
        if self.sloppy:
            return random.Random(user).choice(
                [
                    "Sure! Here are the translations:\n" + json.dumps(out[:-1], ensure_ascii=False),
                    "\n".join(f"{i}. {t}" for i, t in enumerate(out, 1)),
                ]
            )
        return json.dumps(out, ensure_ascii=False)


def _openai_error(status: int, message: str, code: str) -> Reply:
    return Reply(
        status, {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}
    )


def _target_from_prompt(system: str) -> str:
    found = re.search(r"into ([A-Z][\w ]+?)[.(]", system)
    name = found.group(1).strip() if found else ""
    return LANGUAGE_NAMES.get(name, "xx")


def openai_rate_limit(retry_after: str = "20") -> Reply:
    return Reply(
        429,
        {
            "error": {
                "message": "Rate limit reached for requests",
                "type": "requests",
                "param": None,
                "code": "rate_limit_exceeded",
            }
        },
        {"retry-after": retry_after},
    )


# --- DeepL ------------------------------------------------------------------------------------

DEEPL_TARGETS = {
    "AR", "BG", "CS", "DA", "DE", "EL", "EN-GB", "EN-US", "ES", "ES-419", "ET", "FI", "FR", "HE", "HU",
    "ID", "IT", "JA", "KO", "LT", "LV", "NB", "NL", "PL", "PT-BR", "PT-PT", "RO", "RU", "SK", "SL", "SV",
    "TH", "TR", "UK", "VI", "ZH-HANS", "ZH-HANT",
}  # fmt: skip
DEEPL_SOURCES = {t.split("-")[0] for t in DEEPL_TARGETS}


class FakeDeepL(FakeProvider):
    """``POST /v2/translate`` with ``Authorization: DeepL-Auth-Key …``. Deprecated targets ("EN", "PT")
    are refused here so that the adapter's variant mapping is checked."""

    def __init__(self, api_key: str = "deepl-key:fx") -> None:
        super().__init__()
        self.api_key = api_key

    def handle(self, request: Request) -> Reply:
        if request.path != "/v2/translate":
            return Reply(404, {"message": "Not found"})
        if request.headers.get("authorization") != f"DeepL-Auth-Key {self.api_key}":
            return Reply(403, {"message": "Authorization failed. Please supply a valid auth_key parameter."})
        body = request.body
        if not isinstance(body, dict):
            return Reply(400, {"message": "Invalid request: expected a JSON object"})
        texts, target, source = body.get("text"), body.get("target_lang"), body.get("source_lang")
        if not isinstance(texts, list) or not texts or len(texts) > 50:
            return Reply(400, {"message": "Parameter 'text' must be a list of 1 to 50 texts."})
        if target not in DEEPL_TARGETS:
            return Reply(400, {"message": "Value for 'target_lang' not supported."})
        if source is not None and source not in DEEPL_SOURCES:
            return Reply(400, {"message": "Value for 'source_lang' not supported."})
        translations = [
            {"detected_source_language": source or "EN", "text": self.translate(t, target)} for t in texts
        ]
        return Reply(200, {"translations": translations})


def deepl_quota_exceeded() -> Reply:
    return Reply(456, {"message": "Quota Exceeded"})


# --- Google Cloud Translation v2 -----------------------------------------------------------------

GOOGLE_LANGUAGES = {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "pt-PT", "ru"} | {
    "tr", "uk", "vi", "zh", "zh-CN", "zh-TW", "th", "id", "ms", "hi", "he", "iw",
}  # fmt: skip


class FakeGoogle(FakeProvider):
    """``POST /language/translate/v2?key=…``. Like the real API, the default format is HTML, whose
    answers come HTML-escaped."""

    def __init__(self, api_key: str = "google-key") -> None:
        super().__init__()
        self.api_key = api_key

    def handle(self, request: Request) -> Reply:
        if request.path != "/language/translate/v2":
            return google_error(404, "Not Found", "notFound", "global")
        if request.query.get("key") != [self.api_key]:
            return google_error(
                400, "API key not valid. Please pass a valid API key.", "badRequest", "global"
            )
        body = request.body
        if not isinstance(body, dict) or "q" not in body or "target" not in body:
            return google_error(400, "Required Text", "required", "global")
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        target, source = body["target"], body.get("source")
        if target not in GOOGLE_LANGUAGES or (source is not None and source not in GOOGLE_LANGUAGES):
            return google_error(400, "Invalid Value", "invalid", "global")
        as_html = body.get("format", "html") == "html"
        translations = []
        for text in texts:
            translated = self.translate(text, target)
            item = {"translatedText": html.escape(translated) if as_html else translated}
            if source is None:
                item["detectedSourceLanguage"] = "en"
            translations.append(item)
        return Reply(200, {"data": {"translations": translations}})


def google_error(status: int, message: str, reason: str, domain: str) -> Reply:
    return Reply(
        status,
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
            }
        },
    )


def google_user_rate_limit() -> Reply:
    return google_error(403, "User Rate Limit Exceeded", "userRateLimitExceeded", "usageLimits")


# --- LibreTranslate ------------------------------------------------------------------------------

LIBRE_LANGUAGES = {
    "ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "tr", "uk", "zh",
    "zh-Hant",
}  # fmt: skip


class FakeLibreTranslate(FakeProvider):
    """``POST /translate``: ``q`` a string or a list, ``source`` a code or "auto", ``api_key`` in the
    body when the server requires keys."""

    def __init__(self, api_key: str | None = None) -> None:
        super().__init__()
        self.api_key = api_key

    def handle(self, request: Request) -> Reply:
        if request.path != "/translate":
            return Reply(404, {"error": "Not Found"})
        body = request.body
        if not isinstance(body, dict):
            return Reply(400, {"error": "Invalid JSON format"})
        if self.api_key is not None:
            key = body.get("api_key")
            if not key:
                return Reply(400, {"error": "Please contact the server operator to get an API key"})
            if key != self.api_key:
                return Reply(403, {"error": "Invalid API key"})
        q, source, target = body.get("q"), body.get("source"), body.get("target")
        for name, value in (("q", q), ("source", source), ("target", target)):
            if not value:
                return Reply(400, {"error": f"Invalid request: missing {name} parameter"})
        for code in (source, target):
            if code != "auto" and code not in LIBRE_LANGUAGES:
                return Reply(400, {"error": f"{code} is not supported"})
        if body.get("format", "text") not in {"text", "html"}:
            return Reply(400, {"error": "Invalid format"})
        if isinstance(q, list):
            result: dict[str, Any] = {"translatedText": [self.translate(t, target) for t in q]}
            if source == "auto":
                result["detectedLanguage"] = [{"confidence": 90.0, "language": "en"}] * len(q)
            return Reply(200, result)
        result = {"translatedText": self.translate(q, target)}
        if source == "auto":
            result["detectedLanguage"] = {"confidence": 90.0, "language": "en"}
        return Reply(200, result)


def libre_slowdown() -> Reply:
    return Reply(429, {"error": "Slowdown: 30 per 1 minute"})


# --- A tiny CTranslate2 model ---------------------------------------------------------------------

TRAINING_SENTENCES = [
    "where is my order", "the parcel has shipped", "I want a refund please", "thank you for your help",
    "my package did not arrive", "can I change the address", "hello, how are you", "see you tomorrow",
    "dónde está mi pedido", "el paquete fue enviado", "quiero un reembolso por favor", "gracias por su ayuda",
    "wo ist meine Bestellung", "das Paket wurde verschickt", "ich möchte eine Rückerstattung", "danke schön",
]  # fmt: skip
SPECIAL_TOKENS = ("<unk>", "<s>", "</s>")


def build_tiny_model(directory: Path, *, family: str, extra_tokens: Sequence[str] = ()) -> Path:
    """A CTranslate2 Transformer (one layer, random weights) with a SentencePiece model trained here on
    a few sentences, laid out as a converted model of ``family`` ("opus-mt", "nllb" or "m2m100")."""
    import ctranslate2
    import numpy as np
    import sentencepiece as spm
    from ctranslate2 import specs

    directory.mkdir(parents=True, exist_ok=True)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_SENTENCES * 3),
        model_writer=model,
        vocab_size=80,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        minloglevel=2,
        num_threads=1,
    )
    spm_names = ["source.spm", "target.spm"] if family == "opus-mt" else ["sentencepiece.bpe.model"]
    for name in spm_names:
        (directory / name).write_bytes(model.getvalue())
    pieces = spm.SentencePieceProcessor(model_proto=model.getvalue())
    tokens = list(SPECIAL_TOKENS) + [
        p
        for p in (pieces.id_to_piece(i) for i in range(pieces.get_piece_size()))
        if p not in {*SPECIAL_TOKENS, "<pad>"}
    ]
    tokens += list(extra_tokens)

    rng = np.random.default_rng(7)
    width, hidden, size = 16, 32, len(tokens)

    def weights(*shape: int) -> Any:
        return (rng.standard_normal(shape) * 0.3).astype(np.float32)

    def norm(layer: Any) -> None:
        layer.gamma = np.ones(width, np.float32)
        layer.beta = np.zeros(width, np.float32)

    spec = specs.TransformerSpec.from_config(1, 2)
    spec.encoder.embeddings[0].weight = weights(size, width)
    spec.decoder.embeddings.weight = weights(size, width)
    spec.decoder.projection.weight = weights(size, width)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in [*spec.encoder.layer, *spec.decoder.layer]:
        layer.self_attention.linear[0].weight = weights(3 * width, width)
        layer.self_attention.linear[1].weight = weights(width, width)
        layer.ffn.linear_0.weight = weights(hidden, width)
        layer.ffn.linear_1.weight = weights(width, hidden)
        norm(layer.self_attention.layer_norm)
        norm(layer.ffn.layer_norm)
    for layer in spec.decoder.layer:
        layer.attention.linear[0].weight = weights(width, width)
        layer.attention.linear[1].weight = weights(2 * width, width)
        layer.attention.linear[2].weight = weights(width, width)
        norm(layer.attention.layer_norm)
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.save(str(directory))
    assert ctranslate2.contains_model(str(directory))
    return directory
