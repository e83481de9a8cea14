"""An e-mail reply is read without the earlier message it quotes; the signature stays."""

from __future__ import annotations

import pytest

from babeldesk.core.quoting import own_words

REPLY = "Hi,\n\nwhere is order 6084?\n\nMany thanks,\nSarah\nsarah@example.co.uk"


@pytest.mark.parametrize(
    "quote",
    [
        "-----Original Message-----\nFrom: Shop <orders@shop.example>\nSubject: Your order #6084 has shipped",
        "On Tue, 14 Apr 2026 at 09:12, Shop <orders@shop.example> wrote:\n> Your order has shipped",
        "Am 14.04.2026 um 09:12 schrieb Shop <orders@shop.example>:\n> Ihre Bestellung ist unterwegs",
        "Le mar. 14 avr. 2026 à 09:12, Shop <orders@shop.example> a écrit :\n> Votre commande",
        "From: Shop <orders@shop.example>\nSent: Tuesday, 14 April 2026 09:12\nTo: sarah@example.co.uk",
        "Von: Shop <orders@shop.example>\nGesendet: Dienstag, 14. April 2026 09:12",
        "________________________________\nDe : Shop\nEnvoyé : mardi",
        "> Your order #6084 has shipped with DPD\n> and should arrive by Friday",
        "2026年4月14日(火) 9:12 Shop <orders@shop.example>:\n> ご注文の商品を発送しました",
    ],
)
def test_the_quoted_message_is_left_out(quote: str) -> None:
    assert own_words(f"{REPLY}\n\n{quote}") == REPLY


def test_what_is_no_quote_stays() -> None:
    text = "From: Lisbon, where is my parcel?\nMy friend wrote: 'it is great'\nThanks"
    assert own_words(text) == text
    text = "Hi,\nI wrote to you yesterday, here are the details:\n- order 1234\n- size M"
    assert own_words(text) == text
    assert own_words("> only a quote") == "> only a quote", "nothing of it would be left"
    assert own_words("the rate is 3 > 2\nok") == "the rate is 3 > 2\nok"
