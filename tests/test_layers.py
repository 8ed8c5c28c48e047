"""The layers hold (core <- news, publications <- pages <- unodc_site), and the check `make lint` runs
catches an import that points up a layer."""

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "news", "publications", "pages", "unodc_site"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(folder):
    return subprocess.run([LINT_IMPORTS], cwd=folder, capture_output=True, text=True, timeout=120)


def test_the_project_keeps_its_layers():
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout


def test_an_import_pointing_up_a_layer_fails_the_lint(tmp_path):
    for package in PACKAGES:
        shutil.copytree(PROJECT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path)
    with open(tmp_path / "core" / "dates.py", "a") as module:
        module.write("\nfrom pages.models import HomePage  # noqa: E402, F401\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "core.dates -> pages.models" in result.stdout
