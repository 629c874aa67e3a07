"""Cross-lingual event alignment and sentence matching.

- :func:`align_run` groups a run's articles into events and sub-events and
  writes ``RUN/events.parquet``.
- :func:`match_sentences` and :func:`similarity_matrix` match sentences of two
  articles across languages (used by the comparison stage).
"""
from compare.align.match import SentenceMatch, match_sentences, similarity_matrix
from compare.align.events import AlignResult, align_run

__all__ = ["align_run", "AlignResult", "match_sentences", "similarity_matrix", "SentenceMatch"]
