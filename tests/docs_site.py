"""The collection's HTML documentation: built with antsibull-docs and Sphinx, links checked.

``docs_site.py build``  (make docs) assembles the Sphinx source tree in .cache/docs/src:
    - antsibull-docs' reStructuredText of every module, plugin and role (``collections/``),
      from the collection as ansible sees it through .cache/collections (make collection-link);
    - the README and the Markdown pages (docs/, the roles' READMEs, the emulator's README) at
      their repository paths, copied as they are, so that their relative links resolve on
      the site as they do on GitHub; myst-parser reads them;
    - docs/docsite/sphinx/index.rst, the site's table of contents;
  and builds .cache/docs/html with warnings as errors. antsibull-docs saying anything at all
  (schema errors, broken markup; lint-collection-docs on docs/docsite/links.yml) fails the
  build too. (``antsibull-docs lint-collection-docs --plugin-docs`` is not run: 30 to 80 s
  here, and what it finds in the plugins' markup, Sphinx finds here as an undefined label.)
``docs_site.py build --check-links``  (make test-docs) builds, then checks every link.
``docs_site.py check-links DIR``  checks an already built site.

The link check reads the HTML Sphinx wrote: every relative href and src must name a file of
the site, and every #fragment an id in that page. External URLs are not fetched (Sphinx's
linkcheck would, and CI and this machine have no internet): they are listed in
.cache/docs/external-links.txt and must be well-formed https URLs; those into this
repository on GitHub (antsibull-docs' "Edit on GitHub", the README's) must name a file
or directory the repository has.
"""

from __future__ import annotations

import argparse
import glob
import html.parser
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# galaxy.yml's repository; links to its main branch are checked against this checkout.
REPOSITORY = "https://github.com/ionos-enterprise/ansible-collection-ionos-enterprise"
COLLECTION = "ionos.enterprise"
COLLECTIONS_PATH = os.path.join(ROOT, ".cache", "collections")
SPHINX_CONF = os.path.join(ROOT, "docs", "docsite", "sphinx")
OUT = os.path.join(ROOT, ".cache", "docs")
# Markdown pages of the site, by their repository paths (the README links to all of them).
MARKDOWN_GLOBS = ("README.md", "docs", "roles/*/README.md", "tests/emulator/README.md")

# antsibull-docs refers to the Ansible docsite's labels (common return values, core's
# configuration and its environment variables, ansible.builtin modules) for intersphinx to
# resolve. Intersphinx fetches https://docs.ansible.com/.../objects.inv, which needs network;
# instead the build writes an inventory of the targets the collection's pages use. A new
# one fails the build (nitpicky) until it is added here.
ANSIBLE_DOCSITE_TARGETS = [
    # (name, domain:role, path#anchor on the docsite, title)
    ("common_return_values", "std:label", "reference_appendices/common_return_values.html#common-return-values",
     "Return Values"),
    ("ansible_configuration_settings", "std:label", "reference_appendices/config.html#ansible-configuration-settings",
     "Ansible Configuration Settings"),
    ("ansible_collections.ansible.builtin.file_module", "std:label",
     "collections/ansible/builtin/file_module.html#ansible-collections-ansible-builtin-file-module",
     "ansible.builtin.file module"),
] + [(name, "std:envvar", f"reference_appendices/config.html#envvar-{name}", "-")
     for name in ("ANSIBLE_CACHE_PLUGIN", "ANSIBLE_CACHE_PLUGIN_CONNECTION", "ANSIBLE_CACHE_PLUGIN_PREFIX",
                  "ANSIBLE_CACHE_PLUGIN_TIMEOUT")]


def write_inventory(path, targets):
    """A Sphinx objects.inv (version 2) naming ``targets`` on the Ansible docsite."""
    body = "".join(f"{name} {role} 1 {uri} {title}\n" for name, role, uri, title in targets)
    with open(path, "wb") as handle:
        handle.write(b"# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n"
                     b"# The remainder of this file is compressed using zlib.\n")
        handle.write(zlib.compress(body.encode()))


def markdown_pages():
    """Repository-relative paths of the Markdown pages and the files beside them they link to."""
    found = []
    for pattern in MARKDOWN_GLOBS:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if os.path.isdir(path):
                # docs/: the guides and what they link to (docs/awx/*.yml), not antsibull's docsite/.
                for dirname, dirs, files in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if d != "docsite")
                    found.extend(os.path.relpath(os.path.join(dirname, name), ROOT) for name in sorted(files))
            else:
                found.append(os.path.relpath(path, ROOT))
    return found


def run_tool(argv, env):
    """Run a tool of the docs environment; its output is a complaint unless it is empty."""
    print("+ " + " ".join(os.path.relpath(a, ROOT) if a.startswith(ROOT) else a for a in argv), flush=True)
    started = time.monotonic()
    run = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    output = (run.stdout + run.stderr).strip()
    if output:
        print(output)
    print(f"  ({time.monotonic() - started:.1f} s)")
    return run.returncode == 0 and not output


def build(out):
    """Assemble the source tree and run Sphinx; True when neither tool complained."""
    bindir = os.path.dirname(sys.executable)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH, PATH=bindir + os.pathsep + os.environ["PATH"],
               ANSIBLE_NOCOLOR="1")
    src, html_dir, doctrees = (os.path.join(out, name) for name in ("src", "html", "doctrees"))
    # From scratch every time: a page left over from an earlier build would hide a broken link.
    for path in (src, html_dir, doctrees):
        shutil.rmtree(path, ignore_errors=True)
    os.makedirs(src, mode=0o755)
    os.chmod(src, 0o755)  # antsibull-docs refuses a destination others can write to
    antsibull_docs = os.path.join(bindir, "antsibull-docs")
    # docs/docsite/links.yml (and extra-docs.yml, should one come) as docs.ansible.com reads them.
    if not run_tool([antsibull_docs, "lint-collection-docs", ROOT], env):
        return False
    if not run_tool([antsibull_docs, "collection", "--use-current", "--fail-on-error", "--dest-dir", src, COLLECTION], env):
        return False
    for relpath in markdown_pages():
        os.makedirs(os.path.dirname(os.path.join(src, relpath)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, relpath), os.path.join(src, relpath))
    shutil.copy2(os.path.join(SPHINX_CONF, "index.rst"), os.path.join(src, "index.rst"))
    # conf.py's intersphinx_mapping reads it from there, for https://docs.ansible.com/projects/ansible/devel/.
    write_inventory(os.path.join(src, "ansible_devel.inv"), ANSIBLE_DOCSITE_TARGETS)
    return run_tool([os.path.join(bindir, "sphinx-build"), "-b", "html", "-c", SPHINX_CONF, "-d", doctrees,
                     "-W", "--keep-going", "-q", src, html_dir], env)


class _Page(html.parser.HTMLParser):
    """The ids a page defines and the URLs it refers to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.urls.append((self.getpos()[0], attrs[key]))


def _parse(path):
    page = _Page()
    with open(path, encoding="utf-8") as handle:
        page.feed(handle.read())
    page.close()
    return page


def _missing_in_repository(parts, repo_root):
    """For a URL into REPOSITORY's main branch (blob, tree, edit): the path it names, when the
    checkout at ``repo_root`` lacks it; else None."""
    prefix = urllib.parse.urlsplit(REPOSITORY)
    if parts.netloc != prefix.netloc or not parts.path.startswith(prefix.path + "/"):
        return None
    route = parts.path[len(prefix.path) + 1:].split("/", 2)
    if len(route) < 2 or route[0] not in ("blob", "tree", "edit") or route[1] != "main":
        return None
    path = urllib.parse.unquote(route[2]) if len(route) == 3 else ""
    return None if os.path.exists(os.path.join(repo_root, path)) else path


def check_links(site, repo_root=ROOT):
    """Return (problems, external URLs, number of pages) of the built site in directory ``site``."""
    site = os.path.realpath(site)
    pages = {}
    for dirname, _dirs, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(dirname, name)
                pages[path] = _parse(path)
    problems, external = [], set()
    for path, page in sorted(pages.items()):
        where = os.path.relpath(path, site)
        for line, url in page.urls:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or parts.netloc:
                if parts.scheme == "mailto":
                    continue
                if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in url):
                    problems.append(f"{where}:{line}: external URL {url!r} is not a well-formed https URL")
                elif _missing_in_repository(parts, repo_root) is not None:
                    problems.append(f"{where}:{line}: {url!r}: the repository has no {_missing_in_repository(parts, repo_root)!r}")
                external.add(url)
                continue
            if parts.path.startswith("/"):
                problems.append(f"{where}:{line}: {url!r} depends on the web server's root")
                continue
            target = path
            if parts.path:
                target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(parts.path)))
                if os.path.isdir(target):
                    target = os.path.join(target, "index.html")
            if os.path.commonpath([site, target]) != site or not os.path.isfile(target):
                problems.append(f"{where}:{line}: {url!r}: no such file in the site")
            elif parts.fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else _parse(target).ids
                if urllib.parse.unquote(parts.fragment) not in ids:
                    problems.append(f"{where}:{line}: {url!r}: no id {parts.fragment!r} in {os.path.relpath(target, site)}")
    return problems, sorted(external), len(pages)


def report_links(site, listing):
    problems, external, pages = check_links(site)
    with open(listing, "w", encoding="utf-8") as handle:
        handle.write("".join(url + "\n" for url in external))
    for problem in problems:
        print(f"BROKEN {problem}", file=sys.stderr)
    hosts = sorted({urllib.parse.urlsplit(url).netloc for url in external})
    print(f"docs links: {pages} pages, {len(problems)} broken internal links; {len(external)} external URLs "
          f"(not fetched, listed in {os.path.relpath(listing, ROOT)}) on {', '.join(hosts) or 'no host'}")
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "check-links"])
    parser.add_argument("site", nargs="?", default=os.path.join(OUT, "html"), help="check-links: the built site")
    parser.add_argument("--check-links", action="store_true", help="build: check the links afterwards")
    args = parser.parse_args()
    listing = os.path.join(OUT, "external-links.txt")
    if args.command == "check-links":
        return 0 if report_links(args.site, listing) else 1
    if not build(OUT):
        print("docs: the build complained (above); nothing is published with warnings", file=sys.stderr)
        return 1
    print(f"docs: built {os.path.relpath(os.path.join(OUT, 'html', 'index.html'), ROOT)}")
    if args.check_links and not report_links(os.path.join(OUT, "html"), listing):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
