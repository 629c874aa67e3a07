"""Exact and near-duplicate detection (wire reprints)."""
import numpy as np

from compare.corpus import ingest
from compare.corpus.dedupe import find_duplicates, minhash, shingles
from compare.runs import Run

from corpus_helpers import article, make_corpus

BACKGROUND = (
    "Lisogorsk, an industrial town of about 90,000 people in the Urals, has a large community of "
    "traders from Azerbaijan, many of whom have worked at its central market since the 1990s."
)
WIRE = [
    "Two ethnic Azerbaijani men died on Wednesday after Russian police raided businesses and homes "
    "in the town of Lisogorsk, relatives and community leaders said.",
    BACKGROUND,
    "The brothers, aged 58 and 54, were detained during the early-morning raids and died in police "
    "custody hours later, according to relatives who saw the bodies in the morgue.",
    "Police said the operation was part of an investigation into a murder committed in 2003 and that "
    "no force had been used against those detained.",
    "Videos shared on social media showed masked officers making men lie face down on the ground "
    "outside the market while vans waited nearby.",
    "The Azerbaijani foreign ministry said it was seeking an explanation from Moscow and demanded that "
    "those responsible be punished.",
]
REPRINT = (
    ["(Reporting by the Example Wire; editing by a regional desk)"]
    + WIRE[:-1]  # last paragraph trimmed
)
OTHER = [
    BACKGROUND,  # the same lead paragraph of background ...
    "The town council on Thursday opened a new bridge across the river after two years of repairs, "
    "the mayor said, promising that traffic jams in the centre would ease.",
    "Residents of the eastern district said the old crossing had forced them to drive an extra twenty "
    "minutes every morning to reach schools and the hospital.",
    "The contractor said the steel spans were made at a local plant and that the project came in under "
    "budget despite delays caused by flooding last spring.",
]


def build(tmp_path):
    return make_corpus(tmp_path / "c", {
        "a/wire.md": article("wire", "Two die after police raid in Urals town", "2025-09-03T16:05:00Z", "\n\n".join(WIRE)),
        "b/reprint.md": article("chronicle", "Brothers die in police custody after raid", "September 4, 2025",
                                "\n\n".join(REPRINT)),
        "c/copy.md": article("chronicle", "Copy", "2025-09-05", "\n\n".join(WIRE)),
        "d/other.md": article("chronicle", "New bridge opens", "2025-09-04", "\n\n".join(OTHER)),
        # the reprint's file sorts first, but the wire story was published first
        "0-late-copy.md": article("chronicle", "Late", "2025-09-06", "\n\n".join(REPRINT)),
    })


def test_reprints_point_to_the_earliest_article(tmp_path):
    result = ingest(build(tmp_path), tmp_path / "run")
    arts = Run(tmp_path / "run").read("articles")
    by = {r["source_path"]: r for r in arts.iter_rows(named=True)}
    wire_id = by["a/wire.md"]["article_id"]
    assert by["a/wire.md"]["duplicate_of"] is None
    assert by["b/reprint.md"]["duplicate_of"] == wire_id
    assert by["b/reprint.md"]["duplicate_kind"] == "near"
    assert 0.5 < by["b/reprint.md"]["duplicate_similarity"] < 1.0
    assert (by["c/copy.md"]["duplicate_of"], by["c/copy.md"]["duplicate_kind"], by["c/copy.md"]["duplicate_similarity"]) == (wire_id, "exact", 1.0)
    assert by["0-late-copy.md"]["duplicate_of"] == wire_id
    # sharing a paragraph of background is not a reprint
    assert by["d/other.md"]["duplicate_of"] is None
    assert result.duplicates == 3


def test_minhash_estimates_jaccard():
    a = shingles(" ".join(WIRE))
    b = shingles(" ".join(REPRINT))
    inter = np.intersect1d(a, b).size
    true_j = inter / (a.size + b.size - inter)
    est = float(np.mean(minhash(a) == minhash(b)))
    assert abs(est - true_j) < 0.12
    # random sets with Jaccard 0.56: every estimate close (126 hashes: sd ~0.045)
    rng = np.random.default_rng(3)
    for _ in range(20):
        base = rng.integers(0, 2**32, size=150, dtype=np.uint64)
        x = np.unique(base[:140])
        y = np.unique(np.concatenate([base[50:], rng.integers(0, 2**32, size=10, dtype=np.uint64)]))
        j = np.intersect1d(x, y).size / np.union1d(x, y).size
        assert abs(float(np.mean(minhash(x) == minhash(y))) - j) < 0.16


def test_find_duplicates_scales_without_all_pairs():
    # 2,000 distinct synthetic texts and one reprint: only the reprint is found.
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choice(vocab, size=120)) for _ in range(2000)]
    texts.append(texts[17] + " (Reporting by a wire)")
    dups = find_duplicates(texts, list(range(len(texts))))
    assert list(dups) == [2000] and dups[2000].original == 17 and dups[2000].kind == "near"
