"""Data types shared by the attribution extractors."""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("direct", "indirect", "according_to", "mixed")
SOURCE_TYPES = (
    "official_russia",
    "official_azerbaijan",
    "official_other",
    "law_enforcement",
    "court_prosecutor",
    "ngo",
    "media",
    "anonymous",
    "witness_relative",
    "expert",
    "other",
)


@dataclass(frozen=True)
class Span:
    """A character span ``text[start:end]`` of the analysed text."""

    start: int
    end: int
    text: str

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Attribution:
    """One attribution relation: ``source`` says ``content`` (signalled by ``cue``).

    ``source`` is ``None`` only when the text names no source at all
    ("it was reported that ..."); anonymous sources ("a source in the police")
    are spans. ``source_actor`` is a normalised actor name; for pronouns it is
    the most recent named source earlier in the text when one exists.
    """

    kind: str
    source: Span | None
    cue: Span
    content: Span
    source_actor: str = ""
    source_type: str = "other"
    source_country: str | None = None
    language: str = ""
    extra: dict = field(default_factory=dict, repr=False, compare=False)

    def to_row(self) -> dict:
        """Flat dict with the column names of the ``attributions`` table."""
        return {
            "kind": self.kind,
            "source_text": self.source.text if self.source else None,
            "source_start": self.source.start if self.source else None,
            "source_end": self.source.end if self.source else None,
            "cue": self.cue.text,
            "cue_start": self.cue.start,
            "cue_end": self.cue.end,
            "content_text": self.content.text,
            "content_start": self.content.start,
            "content_end": self.content.end,
            "source_actor": self.source_actor,
            "source_type": self.source_type,
            "source_country": self.source_country,
            "language": self.language,
        }

