#!/usr/bin/env python
"""Regenerate the English catalogue and list what still needs translating.

Usage (from anywhere; `make messages` runs it):

    .venv/bin/python scripts/i18n_missing.py

It runs `makemessages -l en` over the repository (new Dutch strings are added with an empty
msgstr, changed ones come back "fuzzy", removed ones are dropped), lists every entry that is
untranslated or fuzzy with where it is used, compiles the .mo (which skips those entries, so
they show in Dutch), and exits 1 while anything is left. Translate the listed entries in
src/nabij/locale/en/LC_MESSAGES/django.po, remove their "fuzzy" flag, and run it again.

src/nabij/core/tests/test_i18n_catalogue.py uses `extract` and `parse_po` from here, so the
test and this script agree on what the catalogue should hold. Needs GNU gettext (xgettext,
msgmerge, msgfmt) on the PATH.
"""

from __future__ import annotations

import ast
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "en"
# Directories makemessages skips, besides its defaults (hidden dirs, *.pyc, *~).
IGNORE_PATTERNS = [".venv", ".tools", "node_modules", "var", "staticfiles", ".assets-build", "test-results"]


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a singular entry
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def untranslated(self) -> bool:
        return not self.msgstr or any(not text for text in self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(line: str) -> str:
    # A PO string is a C string literal; Python's literal syntax reads the same escapes.
    return ast.literal_eval(line)


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (header and obsolete `#~` entries left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which field a continuation line extends
    pending_flags: set[str] = set()
    pending_refs: list[str] = []

    def finish() -> None:
        nonlocal current
        if current is not None and current.msgid != "":
            entries.append(current)
        current = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):  # an obsolete entry; its comments belong to it
            pending_flags, pending_refs = set(), []
            continue
        if line.startswith("#,"):
            finish()
            pending_flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#:"):
            finish()
            pending_refs += line[2:].split()
        elif line.startswith("#"):
            finish()
        elif line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{path}: string without a keyword: {raw!r}")
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, getattr(current, name) + _unquote(line))
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and (current is None or current.msgstr):
                finish()
                current = Entry(msgid="", flags=pending_flags, references=pending_refs)
                pending_flags, pending_refs = set(), []
            if current is None:
                raise ValueError(f"{path}: {keyword} before msgid: {raw!r}")
            if keyword in ("msgctxt", "msgid", "msgid_plural"):
                setattr(current, keyword, _unquote(rest))
                target = (keyword, 0)
            elif keyword == "msgstr" or keyword.startswith("msgstr["):
                index = int(keyword[7:-1]) if keyword != "msgstr" else 0
                current.msgstr[index] = _unquote(rest)
                target = ("msgstr", index)
            else:
                raise ValueError(f"{path}: unknown keyword: {raw!r}")
    finish()
    return entries


def setup_django() -> None:
    sys.path.insert(0, str(REPO_ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabij.settings")
    import django

    django.setup()


def extract(source_root: Path, locale_dir: Path) -> Path:
    """Run makemessages over source_root into locale_dir; return the .po path.

    An existing .po there is merged (translations kept, changed strings marked fuzzy).
    """
    from django.core.management import call_command
    from django.test.utils import override_settings

    previous = Path.cwd()
    os.chdir(source_root)  # makemessages walks the current directory
    try:
        with override_settings(LOCALE_PATHS=[str(locale_dir)]):
            call_command(
                "makemessages",
                locale=[LANGUAGE],
                ignore_patterns=IGNORE_PATTERNS,
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(previous)
    return locale_dir / LANGUAGE / "LC_MESSAGES" / "django.po"


def main() -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    locale_dir = Path(settings.LOCALE_PATHS[0])
    po_path = extract(REPO_ROOT, locale_dir)
    todo = [entry for entry in parse_po(po_path) if entry.untranslated or entry.fuzzy]
    os.chdir(REPO_ROOT)
    call_command("compilemessages", locale=[LANGUAGE], ignore_patterns=IGNORE_PATTERNS, verbosity=0)
    relative = po_path.relative_to(REPO_ROOT)
    for entry in todo:
        state = "fuzzy" if entry.fuzzy else "untranslated"
        where = entry.references[0] if entry.references else "?"
        print(f"{state:12}  {where}\n    {entry.msgid!r}")
        if entry.fuzzy:  # msgmerge's guess from a similar string: often wrong, shown to compare
            print(f"    guess: {entry.msgstr.get(0, '')!r}")
    if todo:
        print(f"\n{len(todo)} entries to translate in {relative}; remove 'fuzzy' when right, then run again.")
        return 1
    print(f"{relative}: complete and compiled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
