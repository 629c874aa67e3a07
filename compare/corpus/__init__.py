"""Corpus folders: reading, fetching and ingesting articles.

``ingest(corpus, out)`` writes ``articles``, ``sentences`` and ``problems``
tables; ``fetch(urls_file, into)`` saves web pages into a corpus folder;
``load_corpus(folder)`` reads ``corpus.toml``.
"""
from compare.corpus.config import Corpus, Outlet, load_corpus
from compare.corpus.ingest import IngestResult, ingest


def fetch(*args, **kwargs):
    from compare.corpus.fetch import fetch as _fetch

    return _fetch(*args, **kwargs)


__all__ = ["Corpus", "IngestResult", "Outlet", "fetch", "ingest", "load_corpus"]
