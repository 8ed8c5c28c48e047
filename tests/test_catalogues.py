"""Every word a visitor or editor reads is translated into the five other UN languages: the committed
catalogues hold every string the code and templates use, each translated, and the compiled catalogues
Django reads are compiled from them. `make lint` runs this file."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = ["core", "news", "publications", "pages", "unodc_site", "templates", "locale", "manage.py"]
CATALOGUES = sorted(PROJECT.glob("locale/*/LC_MESSAGES/django.po"))
LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]


def test_there_is_a_catalogue_for_each_other_language():
    assert [path.parent.parent.name for path in CATALOGUES] == LANGUAGES


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as makemessages leaves them after reading today's code and templates."""
    if shutil.which("xgettext") is None:
        reason = "makemessages needs GNU gettext (apt-get install gettext)"
        pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
    folder = tmp_path_factory.mktemp("catalogues")
    for name in SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, folder / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--all", "--no-obsolete", "--verbosity=0"],
        cwd=folder,
        check=True,
        timeout=300,
    )
    return {
        language: polib.pofile(folder / "locale" / language / "LC_MESSAGES" / "django.po") for language in LANGUAGES
    }


def msgids(catalogue):
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_string_of_the_code_and_no_other(extracted, language):
    committed = polib.pofile(PROJECT / "locale" / language / "LC_MESSAGES" / "django.po")
    assert msgids(extracted[language]) - msgids(committed) == set(), "run manage.py makemessages and translate"
    assert msgids(committed) - msgids(extracted[language]) == set(), "strings no longer used"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    catalogue = polib.pofile(PROJECT / "locale" / language / "LC_MESSAGES" / "django.po")
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert catalogue.metadata["Language"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_compiled_from_the_committed_one(language):
    folder = PROJECT / "locale" / language / "LC_MESSAGES"
    source, compiled = polib.pofile(folder / "django.po"), polib.mofile(folder / "django.mo")

    def translations(catalogue):
        return {(entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr for entry in catalogue if entry.msgid}

    assert translations(compiled) == translations(source), "run manage.py compilemessages"
