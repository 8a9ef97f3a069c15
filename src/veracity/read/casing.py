"""Headlines in title case, put in sentence case before parsing.

The small English model reads "Donald Trump Denies Mike Tyson Invited to Appear
at GOP Convention" as one long name.  A headline line is parsed in sentence
case instead: a word keeps its capital only where the article itself writes it
capitalised inside a sentence (names), or it is an acronym.  Only letters'
case changes, so every offset still points at the same character of the
original text, which quotes and spans are taken from.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A capitalised word after a lower-case word or a comma: a name, not a
# sentence start ("said Tyson", "the Republican National Convention").
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;:)] )([A-Z][\w'’-]*)")
# Words title case leaves in lower case; any other lower-case word makes the
# line a sentence ("Anna Kovac met Boris Lind last Thursday" is not a headline).
_MINOR = frozenset({"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as",
                    "at", "by", "in", "of", "off", "on", "per", "to", "up", "via", "vs",
                    "with", "from", "into", "onto", "over", "than", "that", "is", "be"})
MIN_WORDS = 4
# Characters of ordinary text the article needs to tell names from words.
MIN_BODY = 300


def _title_case(words: list[str]) -> bool:
    if len(words) < MIN_WORDS:
        return False
    if any(w[0].islower() and w.lower() not in _MINOR for w in words):
        return False
    longer = [w for w in words if len(w) >= 4]
    return len(longer) >= 3 and not all(w.isupper() for w in longer)


def sentence_case_headlines(text: str) -> str:
    """``text`` with each title-case line in sentence case (same length)."""
    lines = text.split("\n")
    titled = [k for k, line in enumerate(lines) if _title_case(_WORD.findall(line))]
    if not titled:
        return text
    skip = set(titled)
    if sum(len(line) for k, line in enumerate(lines) if k not in skip) < MIN_BODY:
        # A headline alone (or nearly) says nothing of which words are names.
        return text
    names = {m.group(1) for k, line in enumerate(lines) if k not in skip
             for m in _INNER_CAPITAL.finditer(line)}
    for k in titled:
        line = lines[k]
        out = []
        last = 0
        for m in _WORD.finditer(line):
            w = m.group()
            gap = line[last:m.start()]
            # The line's first word, or the first after "Report:" / "Exclusive:",
            # where a headline starts again.
            starts = last == 0 or gap.rstrip().endswith(":")
            keep = starts or w.isupper() and len(w) > 1 or w in names
            out.append(gap)
            out.append(w if keep else w[0].lower() + w[1:])
            last = m.end()
        out.append(line[last:])
        lines[k] = "".join(out)
    return "\n".join(lines)
