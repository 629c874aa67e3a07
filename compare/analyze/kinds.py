"""The kind of each claim (fact, attributed statement, opinion, background, page furniture).

The matrix compares facts and attributed statements; opinion and background
are shown apart and are never marked omitted or contradicted against facts.
"""
from __future__ import annotations

KINDS = ("fact", "statement", "opinion", "background", "furniture")


def claim_kind_of(c) -> str:
    """Kind of an extracted claim (:class:`compare.analyze.extraction.Claim`)."""
    if getattr(c, "recap", False):
        return "background"
    if c.attributed and c.source_type not in (None, "media"):
        return "statement"
    return "fact"
