"""docs/notebook.md runs as written: its ```python blocks, in order, on the demo corpus."""
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "notebook.md"


def python_blocks(text: str) -> list[str]:
    # only ```python fences run; ```py marks an example that needs the network
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def test_notebook_walkthrough_runs(tmp_path, monkeypatch, capsys):
    blocks = python_blocks(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    monkeypatch.chdir(tmp_path)  # RUN = Path("runs/notebook") lands in the temporary folder
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    run_dir = tmp_path / "runs" / "notebook"
    assert (run_dir / "report" / "index.html").exists()
    assert namespace["contradicted"].height > 0  # the demo plants contradictions
    assert namespace["articles"].height == 15
    out = capsys.readouterr().out
    assert "contradicted" in out
