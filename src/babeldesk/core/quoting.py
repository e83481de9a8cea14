"""The customer's own words of a message: an e-mail reply without the earlier message it quotes.

Mail programs put the message answered under the reply ("-----Original Message-----", "On Tue, …
Sarah wrote:", "Von: … Gesendet: …", lines starting with ">"). That quote is the shop's own words, often
in the shop's language: read with the reply, it would decide the reply's language and its request
("Your order #6084 has shipped"). The stored message keeps everything; detection, the intent model
and the bot read only what the customer wrote. A signature stays: its e-mail and phone verify orders.
"""

from __future__ import annotations

import re

# "-----Original Message-----", "-------- Message d'origine --------", Outlook's line of underscores.
_SEPARATOR = re.compile(r"^\s*(?:-{3,}[^-\n]{2,60}-{3,}|_{10,})\s*$")
# The line that introduces a quote: "On 14 Apr 2026, at 09:12, Babeldesk <…> wrote:", "Am … schrieb …:",
# "Le … a écrit :", "El … escribió:", "… 写道：".
_WROTE = re.compile(
    r"(?:wrote|a écrit|schrieb|escribió|escreveu|ha scritto|schreef|napisał|napisała|написал|написала"
    r"|написав|написала|yazdı|כתב|כתבה|كتب|menulis|telah menulis|đã viết|เขียนว่า|写道|寫道|のメッセージ"
    r"|書きました|작성)(?:\s.*)?[:：]\s*$",
    re.IGNORECASE,
)
# Or a line that names the sender's address and ends in a colon, with the quote under it (Gmail, in
# languages the list above lacks: "2026年4月14日(火) 9:12 Shop <orders@shop.example>:").
_SENDER = re.compile(r"<[^<>\s]+@[^<>\s]+>\s*[:：]\s*$")
# A header block: "From:" in the languages mail programs are set to, followed by another header line.
_FROM = re.compile(
    r"^\s*\**(?:from|de|von|da|van|od|от|від|kimden|מאת|من|dari|daripada|từ|จาก|发件人|寄件者|差出人"
    r"|보낸 사람)\s*\**\s*[:：]",
    re.IGNORECASE,
)
_HEADER = re.compile(r"^\s*\**[^\s:：]{1,20}(?: [^\s:：]{1,20}){0,2}\s*\**\s*[:：]")
_QUOTED = re.compile(r"^\s*>")


def own_words(text: str) -> str:
    """``text`` up to where it starts quoting an earlier message, without ">" lines; the whole text
    when nothing of it would be left."""
    lines = text.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _SEPARATOR.match(line) or _introduces(lines, index) or _header_block(lines, index):
            break
        if not _QUOTED.match(line):
            kept.append(line)
    own = "\n".join(kept).strip()
    return own if own else text


def _introduces(lines: list[str], index: int) -> bool:
    """ "On …, Shop <orders@…> wrote:" (not as the first line: the reply comes before it)."""
    line = lines[index]
    if index == 0 or not line.rstrip().endswith((":", "：")):
        return False
    following = [line for line in lines[index + 1 : index + 3] if line.strip()]
    quoted = bool(following) and _QUOTED.match(following[0]) is not None
    if _WROTE.search(line) is not None:
        return quoted or "@" in line  # not "I wrote to you yesterday, the details:"
    return quoted and _SENDER.search(line) is not None


def _header_block(lines: list[str], index: int) -> bool:
    if not _FROM.match(lines[index]):
        return False
    following = [line for line in lines[index + 1 : index + 4] if line.strip()]
    return bool(following) and _HEADER.match(following[0]) is not None
