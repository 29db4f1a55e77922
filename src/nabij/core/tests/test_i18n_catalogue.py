"""The English catalogue is complete, current and compiled, and the site speaks it.

Dutch is the source language; src/nabij/locale/en holds the English catalogue. A Dutch string
added or changed anywhere without its translation fails here: run `make messages`
(scripts/i18n_missing.py), translate what it lists, and commit the .po and .mo.
"""

import gettext
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

REPO_ROOT = Path(settings.BASE_DIR)
PO_PATH = REPO_ROOT / "src" / "nabij" / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")


def _load_tool():
    spec = importlib.util.spec_from_file_location("i18n_missing", REPO_ROOT / "scripts" / "i18n_missing.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def catalogue():
    return tool.parse_po(PO_PATH)


def _copy_sources(target: Path) -> None:
    """Copy only what makemessages reads, so its temporary files never land in the work tree."""
    skip = set(tool.IGNORE_PATTERNS) | {"locale", "__pycache__"}

    def ignore(directory, names):
        return [
            name
            for name in names
            if name in skip
            or name.startswith(".")
            or ((Path(directory) / name).is_file() and Path(name).suffix not in {".py", ".html", ".txt"})
        ]

    shutil.copytree(REPO_ROOT, target, ignore=ignore)


def test_catalogue_holds_exactly_the_strings_in_the_source(tmp_path, catalogue):
    assert shutil.which("xgettext"), "GNU gettext is needed (apt-get install gettext)"
    _copy_sources(tmp_path / "tree")
    fresh = tool.parse_po(tool.extract(tmp_path / "tree", tmp_path / "locale"))
    in_source = {entry.key for entry in fresh}
    in_catalogue = {entry.key for entry in catalogue}
    missing = sorted(msgid for _, msgid, _ in in_source - in_catalogue)
    stale = sorted(msgid for _, msgid, _ in in_catalogue - in_source)
    assert not missing, f"Not in the English catalogue; run `make messages` and translate: {missing[:20]}"
    assert not stale, f"No longer in the source; run `make messages`: {stale[:20]}"


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    assert len(catalogue) > 1000  # the parser read the real catalogue
    untranslated = [entry.msgid for entry in catalogue if entry.untranslated]
    fuzzy = [entry.msgid for entry in catalogue if entry.fuzzy]
    assert not untranslated, f"Untranslated: {untranslated[:20]}"
    assert not fuzzy, f"Fuzzy (check the translation, then remove the flag): {fuzzy[:20]}"


def test_translations_keep_placeholders_and_markup(catalogue):
    wrong = []
    for entry in catalogue:
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        for index, source in enumerate(sources):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(entry.msgstr.get(index, ""))):
                wrong.append(entry.msgid)
    assert not wrong, f"Placeholders or tags differ from the Dutch: {wrong[:20]}"


def test_compiled_catalogue_matches_the_po(catalogue):
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in catalogue:
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            expected.update({(msgid, index): text for index, text in entry.msgstr.items()})
    compiled = {key: value for key, value in compiled.items() if key != ""}  # "" is the header
    assert compiled == expected, "django.mo is out of date: run `make messages` (or manage.py compilemessages)"


@pytest.mark.django_db
def test_login_page_follows_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("accounts:login")).content.decode()
    assert "Log in to Nabij" in english
    assert "For staff of the social neighbourhood team." in english
    assert "Inloggen bij Nabij" not in english

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen bij Nabij" in dutch
    assert "Log in to Nabij" not in dutch


@pytest.mark.django_db
def test_set_language_switches_the_login_page_to_english_and_back(client):
    assert "Inloggen bij Nabij" in client.get(reverse("accounts:login")).content.decode()  # Dutch by default
    client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in to Nabij" in page
    assert "Username" in page  # a form label from Python code, not only the template
    client.post(reverse("set_language"), {"language": "nl", "next": reverse("accounts:login")})
    assert "Inloggen bij Nabij" in client.get(reverse("accounts:login")).content.decode()


def test_english_is_a_choice_not_a_browser_guess(client):
    """An English browser still gets Dutch; the footer button switches, and back."""
    login = reverse("accounts:login")
    assert 'lang="nl"' in client.get(login, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    page = client.get(login).content.decode()
    assert 'name="language" value="en"' in page
    client.post(reverse("set_language"), {"language": "en", "next": login})
    english = client.get(login, HTTP_ACCEPT_LANGUAGE="nl-NL").content.decode()
    assert 'lang="en"' in english and 'name="language" value="nl"' in english
