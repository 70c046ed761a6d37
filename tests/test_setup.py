"""Set-up as the README gives it: its commands, the CI script that runs them, the declared
dependencies and the snippets other projects copy."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CI_RUN = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _setup_section() -> str:
    return README.split("## Set up on a fresh machine")[1].split("\n## ")[0]


def _commands(section: str) -> list[str]:
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def _distribution(name: str) -> str:
    """A requirement's project name, normalised (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", name).group()).lower()


def test_readme_setup_creates_a_virtual_environment_and_names_the_packages():
    apt, install_and_parse, install_and_test = _commands(_setup_section())
    assert apt.startswith("apt-get install -y ") and "python3-venv" in apt.split()
    assert {"tesseract-ocr", "tesseract-ocr-vie", "libreoffice-writer-nogui", "poppler-utils"} <= set(apt.split())
    for command in (install_and_parse, install_and_test):
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert install_and_parse.endswith(".venv/bin/vbparse parse samples/01-party-cong-van.txt --pretty")
    assert install_and_test.endswith(".venv/bin/python -m pytest")
    assert PYPROJECT["requires-python"] == ">=3.11" and "Python 3.11 or later" in _setup_section()


def test_ci_runs_the_readme_test_command_after_installing_the_readme_packages():
    apt, _, install_and_test = _commands(_setup_section())
    assert f"\n{install_and_test} || status=$?\n" in CI_RUN
    packages = re.search(r'^packages="([^"]+)"$', CI_RUN, re.M).group(1).split()
    assert packages == apt.split()[3:]


@pytest.mark.parametrize("pytest_status, expected", [(0, 0), (1, 1), (5, 1)])
def test_ci_fails_when_pytest_collects_nothing(tmp_path, pytest_status, expected):
    """.ci/run with stand-ins for dpkg-query and python3: pytest's exit 5 (no tests collected)
    fails the run, other codes pass through."""
    repo, bin_dir = tmp_path / "repo", tmp_path / "bin"
    (repo / ".ci").mkdir(parents=True)
    bin_dir.mkdir()
    shutil.copy(REPO / ".ci" / "run", repo / ".ci" / "run")
    stand_ins = {
        "dpkg-query": "printf 'install ok installed'",
        "python3": 'mkdir -p .venv/bin && printf "#!/bin/sh\\nexit 0\\n" > .venv/bin/pip && '
                   f'printf "#!/bin/sh\\nexit {pytest_status}\\n" > .venv/bin/python && chmod +x .venv/bin/*',
    }
    for name, body in stand_ins.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", str(repo / ".ci" / "run")], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == expected, proc.stderr
    assert ("collected no tests" in proc.stderr) == (pytest_status == 5)


def test_snippets_install_from_this_repository_not_a_tag_or_pypi():
    assert not re.search(r"pip install vbparse\b", README), "vbparse is not on PyPI"
    assert not re.search(r"rev: v\d", README), "the repository has no release tags"
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: vbparse-check" in hooks and "entry: vbparse check" in hooks
    snippet = README.split("repos:\n")[1].split("```")[0]
    assert "- repo: local" in snippet and "id: vbparse-check" in snippet
    assert "entry: vbparse check samples --expect samples/expected" in snippet and "language: system" in snippet


def _imported_distributions(folder) -> set[str]:
    """The distributions that provide the third-party modules imported under `folder`."""
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    providers = importlib.metadata.packages_distributions()
    third_party = modules - set(sys.stdlib_module_names) - {"vbparse", "tests", "timing", "make_scans", "bench_viparse_corpus"}
    missing = [module for module in third_party if module not in providers]
    assert not missing, f"imported but not installed: {missing}"
    return {_distribution(providers[module][0]) for module in third_party}


def test_runtime_dependencies_are_exactly_what_the_package_imports():
    declared = {_distribution(requirement) for requirement in PYPROJECT["dependencies"]}
    # the extras (xlsx, parquet, dask, html…) are imported only by the feature that needs them
    extras = {_distribution(r) for name, rs in PYPROJECT["optional-dependencies"].items() if name != "test" for r in rs}
    imported = _imported_distributions(REPO / "src" / "vbparse")
    assert declared <= imported and imported - declared <= extras
    assert "python-docx" not in declared


def test_the_test_extra_declares_what_tests_and_benches_import():
    declared = {_distribution(r) for r in PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]}
    for folder in ("tests", "bench", "scripts"):
        assert _imported_distributions(REPO / folder) <= declared, folder
