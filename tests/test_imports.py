"""The import contracts of pyproject.toml ([tool.importlinter]) hold: the pipeline's layers,
and no import circle anywhere (a function-level or TYPE_CHECKING import counts too).

A failure names the offending imports; see the comments above [tool.importlinter] for the
layers. A new top-level module must be placed in a layer (the contract is exhaustive).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="import-linter is in the [test] extra")

ROOT = Path(__file__).resolve().parents[1]

_RUN = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1] if len(sys.argv) > 1 else None, no_cache=True, no_logo=True))"


def _lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(cwd), "PATH": "", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", _RUN, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_package_keeps_its_import_contracts() -> None:
    done = _lint(ROOT, str(ROOT / "pyproject.toml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def _package(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "setup.cfg").write_text(
        textwrap.dedent(
            """\
            [importlinter]
            root_package = pkg

            [importlinter:contract:acyclic]
            name = no circles
            type = acyclic_siblings
            ancestors = pkg
            """
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "back",
    [
        "def late():\n    from pkg.sub import a  # noqa\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub.a import A  # noqa\n",
    ],
    ids=["function-level", "type-checking"],
)
def test_a_circle_fails_even_when_hidden(tmp_path: Path, back: str) -> None:
    """The same contract type as the package's catches a circle closed by a lazy import."""
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/sub/__init__.py": "", "pkg/sub/a.py": "from pkg.sub import b\nclass A: ...\n", "pkg/sub/b.py": back})
    done = _lint(tmp_path, str(tmp_path / "setup.cfg"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "BROKEN" in done.stdout


def test_no_circle_passes(tmp_path: Path) -> None:
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/sub/__init__.py": "", "pkg/sub/a.py": "from pkg.sub import b\n", "pkg/sub/b.py": "X = 1\n"})
    done = _lint(tmp_path, str(tmp_path / "setup.cfg"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_facts_do_not_import_the_rules() -> None:
    """The facts sit below the rules: the three-valued logic they build truths with is theirs."""
    import grimp

    graph = grimp.build_graph("treatyrules", cache_dir=None)
    upward = graph.find_illegal_dependencies_for_layers(layers=("treatyrules._rules", "treatyrules._facts"))
    assert not upward
    from treatyrules._facts import logic
    from treatyrules._rules import logic as rules_logic

    assert rules_logic.Truth is logic.Truth and rules_logic.Fact is logic.Fact
