"""The layers hold (core <- news, publications <- pages <- unodc_site), no package imports itself in a
circle, and the check `make lint` runs catches an import that breaks either rule."""

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


def lint_imports_with(tmp_path, module, import_line):
    """Lints a copy of the project with one import added at the end of one module."""
    for package in PACKAGES:
        shutil.copytree(PROJECT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path)
    with open(tmp_path / module, "a") as source:
        source.write(f"\n{import_line}  # noqa: E402, F401\n")
    return lint_imports(tmp_path)


def test_an_import_pointing_up_a_layer_fails_the_lint(tmp_path):
    result = lint_imports_with(tmp_path, "core/dates.py", "from pages.models import HomePage")
    assert result.returncode == 1
    assert "core.dates -> pages.models" in result.stdout


def test_an_import_cycle_inside_a_package_fails_the_lint(tmp_path):
    result = lint_imports_with(tmp_path, "news/forms.py", "from .models import NewsItem")
    assert result.returncode == 1
    assert "No cycles are allowed in news." in result.stdout
