"""The README documents what the command offers."""
from __future__ import annotations

from pathlib import Path


def test_every_cli_option_is_documented_in_the_readme() -> None:
    import typer.main

    from extractor.cli import app

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = typer.main.get_command(app)
    options = [opt for p in command.params for opt in p.opts if opt.startswith("--") and opt != "--help"]
    assert options
    missing = [opt for opt in options if f"`{opt}" not in readme and f" {opt}" not in readme]
    assert not missing, f"options not in README.md: {missing}"
