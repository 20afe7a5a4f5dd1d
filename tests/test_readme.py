"""The README's data-model tables are the schema's own rendering (regenerate: python -m graph schema)."""
from pathlib import Path

from graph.cli.schema_cmd import markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_schema_tables_match_the_schema():
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- schema:begin -->\n", 1)[1].split("\n<!-- schema:end -->", 1)[0]
    assert block == markdown()


def test_readme_gives_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
