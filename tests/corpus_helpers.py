"""Small corpora written by the tests themselves."""
from __future__ import annotations

from pathlib import Path

OUTLETS_TOML = """
name = "test"
description = "Corpus written by the test suite"
synthetic = true

[[outlets]]
id = "vestnik"
name = "Вестник"
country = "RU"
languages = ["ru"]
kind = "state"
url = "https://vestnik.example"

[[outlets]]
id = "xeber"
name = "Xəbər"
country = "AZ"
languages = ["az", "ru"]
kind = "state"
url = "https://xeber.example"

[[outlets]]
id = "wire"
name = "Example Wire"
country = "INT"
languages = ["en"]
kind = "wire"
url = "https://wire.example"

[[outlets]]
id = "chronicle"
name = "The Chronicle"
country = "GB"
languages = ["en"]
kind = "private"
url = "https://chronicle.example"
"""

RU_BODY = (
    "В среду полиция провела рейд на рынке в городе Лисогорске. По данным местных жителей, "
    "были задержаны десятки человек.\n\n"
    "Двое задержанных скончались в отделе полиции. Родственники утверждают, что их избили; "
    "в полиции это отрицают.\n\n"
    "Ок.\n\n"
    "Прокуратура начала проверку."
)
AZ_BODY = (
    "Çərşənbə günü Lisoqorsk şəhərində polis bazarda reyd keçirib. Yerli sakinlərin sözlərinə görə, "
    "onlarla soydaşımız saxlanılıb.\n\n"
    "Saxlanılanlardan ikisi polis şöbəsində həlak olub. Qohumları onların döyüldüyünü bildirirlər."
)
EN_BODY = (
    "Police raided a market in the town of Lisogorsk on Wednesday, detaining dozens of people, "
    "residents said.\n\n"
    "Two of the detained men died at a police station. Their relatives say they were beaten; "
    "police deny it."
)
DE_BODY = (
    "Die Polizei hat am Mittwoch einen Markt in der Stadt durchsucht und Dutzende Menschen festgenommen. "
    "Zwei der Festgenommenen sind auf der Wache gestorben, sagen die Angehörigen."
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def article(outlet: str, title: str, published: str, body: str, **extra) -> str:
    lines = ["---", f"outlet: {outlet}", f'title: "{title}"', f'published: "{published}"']
    for k, v in extra.items():
        lines.append(f'{k}: "{v}"')
    lines.append("---")
    return "\n".join(lines) + "\n" + body + "\n"


def make_corpus(root: Path, files: dict[str, str | bytes], toml: str | None = OUTLETS_TOML) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if toml is not None:
        write(root / "corpus.toml", toml)
    for rel, text in files.items():
        write(root / rel, text)
    return root
