"""The vendored front-end assets match their checksums, and our theme carries no restricted house style.

Plain functions: no network, no database.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "vendor_assets.py"
VENDOR_DIR = ROOT / "wijkteam" / "static" / "vendor"
THEME = ROOT / "wijkteam" / "static" / "wijkteam" / "theme.css"


@functools.cache
def load_vendor_script() -> ModuleType:
    """Import scripts/vendor_assets.py by path (scripts/ is not a package)."""
    name = "wijkteam_scripts_vendor_assets"
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_vendored_files_match_checksums() -> None:
    vendor_assets = load_vendor_script()
    problems = vendor_assets.check_vendor_tree(VENDOR_DIR)
    assert problems == [], "\n".join([*problems, "Do not edit vendored files; run: python scripts/vendor_assets.py"])


def test_checksums_cover_every_file_of_the_manifest() -> None:
    vendor_assets = load_vendor_script()
    manifest = vendor_assets.load_manifest()
    listed = set(vendor_assets.parse_checksums((VENDOR_DIR / "CHECKSUMS.sha256").read_text(encoding="utf-8")))
    for package in manifest.packages:
        for dest in package.files.values():
            assert f"{package.short_name}/{dest}" in listed, f"{package.spec}: {dest} not vendored"
        licence_files = [rel for rel in listed if rel.startswith(f"{package.short_name}/LICEN")]
        assert licence_files, f"{package.spec}: no licence file vendored"


def test_check_reports_a_modified_missing_or_extra_file(tmp_path: Path) -> None:
    vendor_assets = load_vendor_script()
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.js").write_text("a\n", encoding="utf-8")
    (tmp_path / "pkg" / "b.js").write_text("b\n", encoding="utf-8")
    checksums = vendor_assets.compute_checksums(tmp_path)
    (tmp_path / "CHECKSUMS.sha256").write_text(vendor_assets.format_checksums(checksums), encoding="utf-8")
    (tmp_path / "README.md").write_text("generated\n", encoding="utf-8")
    assert vendor_assets.check_vendor_tree(tmp_path) == []

    (tmp_path / "pkg" / "a.js").write_text("changed\n", encoding="utf-8")
    (tmp_path / "pkg" / "b.js").unlink()
    (tmp_path / "pkg" / "c.js").write_text("c\n", encoding="utf-8")
    assert vendor_assets.check_vendor_tree(tmp_path) == [
        "missing file: pkg/b.js",
        "extra file not in CHECKSUMS.sha256: pkg/c.js",
        "checksum mismatch: pkg/a.js",
    ]


def test_theme_uses_no_restricted_house_style() -> None:
    theme = THEME.read_text(encoding="utf-8")
    assert "@utrecht/design-tokens" not in theme
    assert "amsterdam" not in theme.lower()
    assert not re.search(r"--ams-|@font-face|@import|url\(", theme), "own theme: no foreign tokens, fonts or images"
    assert ".wijkteam-theme" in theme
