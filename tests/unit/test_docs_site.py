"""The docs site's link check (tests/docs_site.py, make test-docs) on a small made-up site.

Every kind of broken link it is there to catch is in the site below, next to a working link
of the same kind, so the check is known to fail on each and to pass the rest.
"""

import os
import sys

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "tests"))
import docs_site  # noqa: E402  pylint: disable=wrong-import-position

REPO_URL = docs_site.REPOSITORY

INDEX = f"""<html><head><link rel="stylesheet" href="_static/theme.css"><link rel="stylesheet" href="_static/gone.css">
</head><body id="top">
<a href="page.html">a page</a> <a href="page.html#here">an anchor</a> <a href="sub/">a directory</a>
<a href="#top">this page</a> <a href="">this page too</a> <img src="img.png"> <a name="old-style"></a>
<a href="#old-style">a name= anchor</a> <a href="page%20two.html">a quoted name</a>
<a href="https://example.com/x">an external URL</a> <a href="mailto:someone@example.com">mail</a>
<a href="{REPO_URL}/blob/main/README.md">a file of the repository</a>
<a href="{REPO_URL}/edit/main/docs/guide.md?description=x">edit it</a> <a href="{REPO_URL}/issues">issues</a>

<a href="missing.html">no such page</a> <a href="page.html#nowhere">no such anchor</a> <a href="#gone">nor here</a>
<a href="/page.html">the web server's root</a> <a href="../outside.html">outside the site</a>
<a href="http://example.com/">not https</a> <a href="https:///no-host">no host</a>
<a href="{REPO_URL}/blob/main/docs/deleted.md">a file the repository lacks</a>
</body></html>
"""

BROKEN = {"_static/gone.css", "missing.html", "page.html#nowhere", "#gone", "/page.html", "../outside.html",
          "http://example.com/", "https:///no-host", f"{REPO_URL}/blob/main/docs/deleted.md"}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def make_site(base):
    site = os.path.join(base, "site")
    write(os.path.join(site, "index.html"), INDEX)
    write(os.path.join(site, "page.html"), '<p id="here">here</p> <a href="index.html#top">back</a>')
    write(os.path.join(site, "page two.html"), "<p>two</p>")
    write(os.path.join(site, "sub", "index.html"), '<a href="../page.html#here">up</a>')
    write(os.path.join(site, "_static", "theme.css"), "body {}")
    write(os.path.join(site, "img.png"), "png")
    write(os.path.join(base, "outside.html"), "<p>not part of the site</p>")
    repo = os.path.join(base, "repo")
    write(os.path.join(repo, "README.md"), "# readme")
    write(os.path.join(repo, "docs", "guide.md"), "# guide")
    return site, repo


def test_every_broken_link_and_only_those(tmp_path):
    site, repo = make_site(str(tmp_path))
    problems, external, pages = docs_site.check_links(site, repo_root=repo)
    assert pages == 4
    reported = {problem.split("'")[1] for problem in problems}
    assert reported == BROKEN, "\n".join(problems)
    assert all(problem.startswith("index.html:") for problem in problems)
    assert f"{REPO_URL}/issues" in external and "https://example.com/x" in external


def test_a_working_site_passes(tmp_path):
    site, repo = make_site(str(tmp_path))
    write(os.path.join(site, "index.html"), '<body id="top"><a href="page.html#here">fine</a> <a href="sub/index.html">fine</a></body>')
    assert docs_site.check_links(site, repo_root=repo) == ([], [], 4)
