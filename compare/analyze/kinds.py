"""Claim kinds for the matrix: which claims state facts (``fact``, and
attributed ``statement``) and which do not (``opinion``, ``background``,
page ``furniture``). The rules are :func:`compare.extract.claim_kind.claim_kind`;
this module feeds them what the extraction knows about each claim."""
from __future__ import annotations

from compare.extract.claim_kind import article_is_opinion, claim_kind


def _context(c) -> str:
    """The text of the claim's paragraph before it (an earlier time set there
    carries over: "In 2006, ... Over 1,500 people were detained")."""
    text = c.article.text
    start = text.rfind("\n\n", 0, c.start)
    return text[start + 2 if start >= 0 else 0:c.start]


def claim_kinds(claims) -> list[str]:
    """The kind of every claim, with each article's opinion test run once."""
    opinion: dict[str, bool] = {}
    out = []
    for c in claims:
        a = c.article
        if a.article_id not in opinion:
            opinion[a.article_id] = article_is_opinion(a.title, a.text, a.language)
        kind = claim_kind(c.text, a.language, attributed=bool(c.attributed), source_type=c.source_type,
                          published=a.published, article_title=a.title, context=_context(c),
                          opinion_article=opinion[a.article_id])
        out.append(str(kind))
    return out
