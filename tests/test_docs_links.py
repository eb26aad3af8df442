"""The README and the modules' readme/ link only to files of the repository."""
import pathlib
import re

ROOT = pathlib.Path(__file__).parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)")


def test_relative_links_stay_in_the_repository_and_exist():
    docs = [ROOT / "README.md", *ROOT.glob("*/readme/*.md"), *ROOT.glob("addons/*/readme/*.md"),
            *ROOT.glob("docs/*.md")]
    broken = []
    for doc in docs:
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
                continue
            path = (doc.parent / target).resolve()
            if ROOT.resolve() not in path.parents and path != ROOT.resolve() \
                    or not path.exists():
                broken.append("%s → %s" % (doc.relative_to(ROOT), target))
    assert not broken, broken
