"""Languages by name, in the reader's own language: a Chinese customer reads "英语", not "English".

Names come from CLDR through `langcodes` and `language_data` (installed data, nothing fetched).
"""

from __future__ import annotations

from functools import lru_cache

import langcodes


@lru_cache(maxsize=1024)
def display_name(code: str, reader: str = "en") -> str:
    """The name of language `code` written in `reader`'s language; the code itself if either is unknown.

    >>> display_name("en", "zh-Hans"), display_name("pt-BR", "de")
    ('英语', 'Portugiesisch (Brasilien)')
    """
    try:
        name = langcodes.Language.get(code).display_name(reader)
    except (ValueError, LookupError):  # a malformed tag raises LanguageTagError, a ValueError
        return code
    # langcodes answers "Unknown language [xx]" for tags CLDR has no name for
    return code if not name or name.startswith("Unknown language") else name
