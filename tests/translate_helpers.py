"""Build tiny but genuine Argos packages for tests and benchmarks.

The package has the real layout (``metadata.json``, a CTranslate2 ``model/``,
``sentencepiece.model``) and runs through the real code paths. The weights are
random, so translations are nonsense, but they are deterministic for a given
seed, depend on the input, and come out of CTranslate2 and SentencePiece
exactly as a trained model's would. No torch and no network needed.
"""
from __future__ import annotations

import io
import json
import random
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np

# Lines the tokenizer is trained on: our own words, a few of each script.
_WORDS = {
    "ru": "в городе прошли задержания полиция сообщила двое погибли министерство заявило посол".split(),
    "az": "şəhərdə saxlanılanlar polis bildirdi iki nəfər öldü nazirlik bəyanat səfir".split(),
    "en": "in the city police said two people died the ministry stated ambassador detained".split(),
}


def training_lines(n: int = 400, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    words = [w for ws in _WORDS.values() for w in ws]
    lines = []
    for _ in range(n):
        k = rng.randint(3, 12)
        lines.append(" ".join(rng.choice(words) for _ in range(k)).capitalize() + rng.choice([".", "!", "?", ","]))
    return lines


def train_sentencepiece(out_path: Path, *, vocab_size: int = 80, lines: list[str] | None = None,
                        user_symbols: list[str] | None = None) -> list[str]:
    """Train a SentencePiece model in memory; return its pieces in id order."""
    import sentencepiece as spm

    model = io.BytesIO()
    kwargs = {}
    if user_symbols:
        kwargs["user_defined_symbols"] = user_symbols
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines or training_lines()),
        model_writer=model,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        **kwargs,
    )
    out_path.write_bytes(model.getvalue())
    sp = spm.SentencePieceProcessor(model_file=str(out_path))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _shape(name: str, d: int, ffn: int, vocab: int) -> tuple[int, ...]:
    """Shape of each Transformer weight, by its name in CTranslate2's spec."""
    if name.endswith(("embeddings_0/weight", "embeddings/weight", "projection/weight")):
        return (vocab, d)
    if name.endswith("projection/bias"):
        return (vocab,)
    if name.endswith(("gamma", "beta")):
        return (d,)
    if "/ffn/linear_0/" in name:
        return (ffn, d) if name.endswith("weight") else (ffn,)
    if "/ffn/linear_1/" in name:
        return (d, ffn) if name.endswith("weight") else (d,)
    if "/self_attention/linear_0/" in name:  # fused query, key, value
        return (3 * d, d) if name.endswith("weight") else (3 * d,)
    if "/attention/linear_1/" in name and "self_attention" not in name:  # fused key, value
        return (2 * d, d) if name.endswith("weight") else (2 * d,)
    if "/linear_" in name:
        return (d, d) if name.endswith("weight") else (d,)
    raise ValueError(f"no shape rule for {name}")


def build_model(out_dir: Path, vocab: list[str], *, layers: int = 2, d_model: int = 32, heads: int = 2,
                ffn: int = 64, seed: int = 0, quantization: str | None = None) -> None:
    """A random-weight Transformer (OpenNMT-py layout, pre-norm, with biases)."""
    from ctranslate2.specs import TransformerSpec

    spec = TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    # Biases are OPTIONAL in the spec and so not listed by variables(); trained
    # OpenNMT-py models have them, so add them to every linear layer.
    _add_biases(spec)
    for name, value in spec.variables().items():
        if not name.endswith(("weight", "bias", "gamma", "beta")):
            continue  # scalars of the config (num_heads, activation, ...)
        shape = _shape(name, d_model, ffn, len(vocab))
        if name.endswith("gamma"):
            arr = np.ones(shape, dtype=np.float32)
        elif name.endswith(("beta", "bias")):
            arr = (rng.standard_normal(shape) * 0.02).astype(np.float32)
        else:
            arr = (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)
        _set(spec, name, arr)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def _add_biases(spec) -> None:
    from ctranslate2.specs import common_spec

    def visit(obj):
        for attr, value in list(vars(obj).items()):
            if isinstance(value, common_spec.LinearSpec):
                value.bias = None  # mark as required so variables() lists it
            if isinstance(value, list):
                for item in value:
                    if hasattr(item, "__dict__"):
                        visit(item)
            elif hasattr(value, "__dict__") and not isinstance(value, (np.ndarray, str)):
                visit(value)

    visit(spec)


def _set(spec, name: str, arr) -> None:
    obj = spec
    parts = name.split("/")
    for part in parts[:-1]:
        if "_" in part and part.rsplit("_", 1)[1].isdigit() and not hasattr(obj, part):
            base, idx = part.rsplit("_", 1)
            obj = getattr(obj, base)[int(idx)]
        else:
            obj = getattr(obj, part)
    setattr(obj, parts[-1], arr)


def build_package(out_file: Path, *, from_code: str = "ru", to_code: str = "en", version: str = "1.0",
                  seed: int = 0, target_prefix: str | None = None, layers: int = 2, d_model: int = 32,
                  heads: int = 2, ffn: int = 64, vocab_size: int = 80, lines: list[str] | None = None,
                  quantization: str | None = None, pad_vocab_to: int = 0) -> Path:
    """Write ``out_file`` (.argosmodel): a zip with one top-level directory.

    ``pad_vocab_to`` grows the model's vocabulary with filler tokens so that
    embedding and output layers have a realistic size (benchmarks).
    """
    names = {"ru": "Russian", "az": "Azerbaijani", "en": "English"}
    work = Path(tempfile.mkdtemp(prefix="argospkg-"))
    try:
        top = work / f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
        top.mkdir()
        symbols = [target_prefix] if target_prefix else None
        vocab = train_sentencepiece(top / "sentencepiece.model", vocab_size=vocab_size, lines=lines,
                                    user_symbols=symbols)
        vocab = vocab + [f"<filler{i}>" for i in range(max(pad_vocab_to - len(vocab), 0))]
        build_model(top / "model", vocab, layers=layers, d_model=d_model, heads=heads, ffn=ffn, seed=seed,
                    quantization=quantization)
        metadata = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": from_code,
            "from_name": names.get(from_code, from_code),
            "to_code": to_code,
            "to_name": names.get(to_code, to_code),
        }
        if target_prefix:
            metadata["target_prefix"] = target_prefix
        (top / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (top / "README.md").write_text("Random-weight test package.\n", encoding="utf-8")
        out_file.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out_file, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(top.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(work).as_posix())
        return out_file
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_run(run_dir: Path, rows: list[dict], articles: list[dict] | None = None) -> Path:
    """A run directory with sentences.parquet (and articles.parquet) made by hand."""
    import polars as pl

    run_dir.mkdir(parents=True, exist_ok=True)
    sentences = pl.DataFrame(
        rows,
        schema={
            "sentence_id": pl.Utf8, "article_id": pl.Utf8, "index": pl.Int32, "paragraph": pl.Int32,
            "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "language": pl.Utf8,
            "language_confidence": pl.Float64,
        },
    )
    sentences.write_parquet(run_dir / "sentences.parquet")
    if articles is not None:
        pl.DataFrame(
            articles,
            schema={"article_id": pl.Utf8, "text": pl.Utf8, "language": pl.Utf8, "translation": pl.Utf8,
                    "translation_language": pl.Utf8},
        ).write_parquet(run_dir / "articles.parquet")
    return run_dir


def sentence_rows(article_id: str, texts: list[str], language: str, paragraphs: list[int] | None = None) -> list[dict]:
    rows, pos = [], 0
    for i, text in enumerate(texts):
        rows.append({
            "sentence_id": f"{article_id}-s{i:04d}", "article_id": article_id, "index": i,
            "paragraph": paragraphs[i] if paragraphs else 0, "start": pos, "end": pos + len(text),
            "text": text, "language": language, "language_confidence": 0.99,
        })
        pos += len(text) + 1
    return rows
