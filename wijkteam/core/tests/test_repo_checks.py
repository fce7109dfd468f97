"""Checks on the repository itself: import contracts in sync, translations complete and compiled."""

import importlib.util
import re
from pathlib import Path

import polib
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_import_contracts_match_the_dependency_table():
    contracts = load_script("import_contracts")
    current, wanted = contracts.updated_pyproject()
    assert current == wanted, "run: python scripts/import_contracts.py"


def test_dutch_translation_is_complete():
    po = polib.pofile(str(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in po if not entry.translated() and not entry.obsolete]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not [e.msgid for e in po.fuzzy_entries()]


def test_every_template_string_is_in_the_catalogue():
    po = polib.pofile(str(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    known = {entry.msgid for entry in po}
    pattern = re.compile(r'{%\s*translate\s+"([^"]+)"')
    missing = set()
    for template in (ROOT / "wijkteam").rglob("templates/**/*.html"):
        for msgid in pattern.findall(template.read_text()):
            if msgid not in known:
                missing.add(f"{template.name}: {msgid}")
    assert not missing, f"run makemessages: {sorted(missing)[:10]}"
