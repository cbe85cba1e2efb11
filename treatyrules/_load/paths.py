"""Where the embedded rule files and data live.

An installed wheel carries ``rules/`` and ``fixtures/`` inside the package
(``treatyrules/_embedded``); a source checkout reads them from the repository
root, so an analyst's edit to ``rules/budapest.yaml`` is what the engine runs.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _root() -> Path:
    embedded = _PACKAGE / "_embedded"
    if (embedded / "rules").is_dir():
        return embedded
    return _PACKAGE.parent


def rules_dir() -> Path:
    return _root() / "rules"


def fixtures_dir() -> Path:
    return _root() / "fixtures"


def package_data_dir() -> Path:
    return _PACKAGE / "_data"


def display(path: Path) -> str:
    """A path as users should read it in messages: relative to the project where possible."""
    root = _root()
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)
