"""The language of a document, detected at ingest.

The reader's pipeline is spaCy's English one: a page in another language read as
English gives junk (a Russian page once gave 249 events). Each document's
language is detected on its title and text with lingua, whose models are inside
its wheel (nothing is downloaded, results do not vary between runs); documents
in a language the reader does not read are stored, marked, and not read.

The detector knows a fixed list of languages common in news (bounding its
memory: about 55 MB in low-accuracy mode, which is reliable on texts of a few
sentences and more); a text in another language is given the nearest listed
one, so it is still not read as English. Texts too short to tell (headlines,
one-line teasers) are undetermined (``None``) and read as English.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# Languages the installed reader reads (its spaCy pipeline is English).
READ_LANGUAGES = frozenset({"en"})

# Fewer letters than this: undetermined. A headline or a one-line teaser says
# too little to tell English from its neighbours reliably.
MIN_LETTERS = 120
# Characters looked at: the opening of an article says which language it is in,
# and detection time grows with the text.
MAX_CHARS = 3_000

NEWS_LANGUAGES = (
    "ENGLISH", "ARABIC", "BENGALI", "BOKMAL", "CATALAN", "CHINESE", "CROATIAN", "CZECH",
    "DANISH", "DUTCH", "FINNISH", "FRENCH", "GERMAN", "GREEK", "HEBREW", "HINDI",
    "HUNGARIAN", "INDONESIAN", "ITALIAN", "JAPANESE", "KOREAN", "PERSIAN", "POLISH",
    "PORTUGUESE", "ROMANIAN", "RUSSIAN", "SERBIAN", "SPANISH", "SWAHILI", "SWEDISH",
    "TAGALOG", "THAI", "TURKISH", "UKRAINIAN", "URDU", "VIETNAMESE",
)

_CODE = re.compile(r"[a-z]{2}")


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.from_str(name) for name in NEWS_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect(text: str, title: str | None = None) -> str | None:
    """The ISO 639-1 code of the language of a document, or None when its text is
    too short to tell."""
    sample = f"{title}\n{text}" if title else text
    sample = sample[:MAX_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def language_code(value: str) -> str:
    """A ``--language`` value as an ISO 639-1 code; raises ValueError."""
    code = value.strip().lower()
    if not _CODE.fullmatch(code):
        raise ValueError(f"{value!r}: expected a two-letter ISO 639-1 language code "
                         "such as en, ru or pt")
    return code


def language_name(code: str) -> str:
    """'Russian' for 'ru'; the code itself when lingua does not know it."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.capitalize()
    except ValueError:
        return code


def is_read(code: str | None) -> bool:
    """Whether the reader reads a document in this language (undetermined: yes)."""
    return code is None or code in READ_LANGUAGES


def not_read_note(code: str) -> str:
    """Why a document was stored without being read."""
    return (f"not read: the text is in {language_name(code)} ({code}) and the reader reads "
            f"{', '.join(sorted(READ_LANGUAGES))} only; ingest with --language en to read "
            "it as English anyway")


__all__ = ["READ_LANGUAGES", "detect", "is_read", "language_code", "language_name",
           "not_read_note"]
