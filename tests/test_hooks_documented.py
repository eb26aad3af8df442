"""Every extension point the code names is listed in its module's ``readme/HOOKS.md``.

An extension point is a method whose docstring says to extend it with ``super()`` (or calls
itself a hook or an extension point), or a method under a ``# Extension point(s)`` banner.
No database, no Odoo: the sources are read with ``ast``.
"""
import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).parents[1]
MODULES = sorted(
    path.parent for path in [*ROOT.glob("coup_*/__manifest__.py"),
                             *ROOT.glob("addons/coup_*/__manifest__.py")])
SAYS_HOOK = re.compile(r"extend\w*\b[^.]*\bsuper\(\)|\bhook\b|extension point", re.I)
BANNER = re.compile(r"#\s*Extension points?\b", re.I)
TITLE = re.compile(r"#\s*[A-Za-z]")


def extension_points(module):
    """``{method name: "file:line"}`` of the extension points named in ``module``'s code."""
    found = {}
    for path in module.rglob("*.py"):
        if {"tests", "migrations"} & set(path.relative_to(module).parts):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        banners = [n for n, line in enumerate(lines, 1) if BANNER.search(line)]
        titles = [n for n, line in enumerate(lines, 1)
                  if TITLE.match(line.strip()) and line.strip().startswith("# ")
                  and not BANNER.search(line)]
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if not isinstance(item, ast.FunctionDef):
                    continue
                doc = ast.get_docstring(item) or ""
                under_banner = any(
                    b < item.lineno and not any(b < t < item.lineno for t in titles)
                    for b in banners)
                if SAYS_HOOK.search(doc) or under_banner:
                    found[item.name] = "%s:%s" % (path.relative_to(ROOT), item.lineno)
    return found


HOOKED = [(module, name, where) for module in MODULES
          for name, where in sorted(extension_points(module).items())]


def test_the_registrys_known_hooks_are_found():
    names = {name for module, name, __ in HOOKED if module.name == "coup_member_registry"}
    assert {"_booklet_queries", "_coup_dashboard_figures", "_get_membership_domain",
            "_member_count_depends"} <= names


@pytest.mark.parametrize("module, name, where", HOOKED,
                         ids=["%s.%s" % (m.name, n) for m, n, __ in HOOKED])
def test_each_extension_point_is_in_hooks_md(module, name, where):
    hooks = module / "readme" / "HOOKS.md"
    assert hooks.exists(), "%s names the extension point %s (%s) but has no readme/HOOKS.md" % (
        module.name, name, where)
    assert re.search(r"\b%s\b" % re.escape(name), hooks.read_text(encoding="utf-8")), \
        "%s (%s) is an extension point missing from %s" % (name, where,
                                                            hooks.relative_to(ROOT))


def test_booklet_rows_come_from_report_in_every_module():
    """Every module provides its booklet rows from the same place: ``report/``."""
    modules = [*MODULES, *(p.parent for p in ROOT.glob("tests/addons/*/__manifest__.py"))]
    misplaced = [
        str(path.relative_to(ROOT)) for module in modules for path in module.rglob("*.py")
        if re.search(r"""_(inherit|name)\s*=\s*["']coup\.member\.booklet["']""",
                     path.read_text(encoding="utf-8"))
        and path.relative_to(module).parts[0] != "report"]
    assert not misplaced, "booklet rows outside report/: %s" % misplaced
