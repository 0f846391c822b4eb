"""Helpers of the Makefile's test targets; run from the repository root.

``harness.py link``  .cache/collections/ansible_collections/ionos/enterprise -> the repository
                     (for ansible-playbook, ansible-doc, ansible-lint and pytest).
``harness.py copy``  a fresh copy of the tracked and untracked-but-not-ignored files in
                     .cache/ansible-test/ansible_collections/ionos/enterprise (ansible-test
                     wants a real directory) with a git repository of its own; its
                     tests/output survives, so that ansible-test's virtual
                     environments are made once.
``harness.py pip-bootstrap``  ansible-test bootstraps pip in its virtual environments with a
                     script it downloads from ci-files.testing.ansible.com, which CI may
                     not reach: when the download fails, a stand-in (ensurepip, then pip
                     from the package index) goes where ansible-test looks for it.
``harness.py docs``  ansible-doc lists and renders every module (and inventory, lookup,
                     callback, connection plugin); any error or warning fails.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

NAMESPACE, NAME = "ionos", "enterprise"
FQCN = f"{NAMESPACE}.{NAME}"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK_BASE = os.path.join(ROOT, ".cache", "collections")
COPY_BASE = os.path.join(ROOT, ".cache", "ansible-test")
# Never copied when the tree is not a git checkout (git's ignore rules do it otherwise).
NOT_COPIED = {".git", ".venv", ".cache", ".ansible", ".pytest_cache", ".ruff_cache", "__pycache__"}
# ansible-doc plugin types that live in plugins/<directory> as Python files with DOCUMENTATION.
DOC_TYPES = {"modules": "module", "inventory": "inventory", "lookup": "lookup",
             "callback": "callback", "connection": "connection"}


def collection_dir(base):
    return os.path.join(base, "ansible_collections", NAMESPACE, NAME)


def link():
    path = collection_dir(LINK_BASE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.islink(path) and os.readlink(path) == ROOT:
        return
    if os.path.lexists(path):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    os.symlink(ROOT, path)
    print(f"linked {os.path.relpath(path, ROOT)} -> {ROOT}")


def source_files():
    """Relative paths to copy: git's view when there is one, else a walk."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, check=True, capture_output=True).stdout
        return [p for p in out.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for here, dirs, names in os.walk(ROOT):
        rel = os.path.relpath(here, ROOT)
        dirs[:] = [d for d in dirs if d not in NOT_COPIED and os.path.join(rel, d) != os.path.join("tests", "output")]
        files.extend(os.path.normpath(os.path.join(rel, n)) for n in names if not n.endswith(".pyc"))
    return files


def copy(base=COPY_BASE):
    dest = collection_dir(base)
    output = os.path.join(dest, "tests", "output")
    kept = os.path.join(base, "output.kept")
    if os.path.lexists(kept):
        shutil.rmtree(kept)
    if os.path.isdir(output):
        os.rename(output, kept)
    if os.path.lexists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    count = 0
    for rel in source_files():
        src = os.path.join(ROOT, rel)
        if not os.path.lexists(src):  # deleted in the working tree, not yet in git
            continue
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), target)
        else:
            shutil.copy2(src, target)
        count += 1
    if os.path.isdir(kept):
        os.makedirs(os.path.dirname(output), exist_ok=True)
        os.rename(kept, output)
    # ansible-test lists content with git when it finds a .git at or above the collection:
    # inside this repository's ignored .cache it would list nothing, so the copy gets its
    # own (empty) repository, whose untracked files are the content.
    if shutil.which("git"):
        subprocess.run(["git", "init", "--quiet", dest], check=True)
    print(f"copied {count} files to {os.path.relpath(dest, ROOT)}")


PIP_SHIM = '''\
"""Stand-in for ansible-test's get-pip-{version}.py, written by tests/harness.py because
{url} could not be downloaded. Like get-pip, it installs pip {version} (and what else the
arguments name) into the running interpreter, from the package index. Delete it to make
ansible-test try the download again."""
import subprocess
import sys

# In a child process: ensurepip turns pip's configuration off in its own environment.
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install", "--upgrade", *args]))
'''


def pip_bootstrap():
    """Make sure ~/.ansible/test/cache has the pip bootstrap script of this ansible-test."""
    import ansible_test  # pylint: disable=import-outside-toplevel
    import urllib.request  # pylint: disable=import-outside-toplevel

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source, encoding="utf-8") as handle:
        match = re.search(r"default_packages = dict\(\s*pip='([0-9.]+)'", handle.read())
    if not match:
        print(f"pip-bootstrap: no pip version found in {source}; leaving it to ansible-test")
        return
    version = match.group(1)
    cache = os.path.expanduser(f"~/.ansible/test/cache/get_pip_{version.replace('.', '_')}.py")
    if os.path.exists(cache):
        return
    url = f"https://ci-files.testing.ansible.com/ansible-test/get-pip-{version}.py"
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:
            content = answer.read().decode()
        print(f"pip-bootstrap: downloaded {url}")
    except (OSError, ValueError) as exc:
        content = PIP_SHIM.format(version=version, url=url)
        print(f"pip-bootstrap: {url} unreachable ({exc}); wrote a stand-in to {cache}")
    with open(cache + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(content)
    os.replace(cache + ".tmp", cache)


def docs(ansible_doc):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=LINK_BASE, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_DEPRECATION_WARNINGS="1", ANSIBLE_DEVEL_WARNING="0", PAGER="cat")
    failures = []
    rendered = 0
    for directory, plugin_type in sorted(DOC_TYPES.items()):
        folder = os.path.join(ROOT, "plugins", directory)
        if not os.path.isdir(folder):
            continue
        names = sorted(n[:-3] for n in os.listdir(folder) if n.endswith(".py") and not n.startswith("_"))
        if not names:
            continue
        listing = subprocess.run([ansible_doc, "-t", plugin_type, "-l", FQCN],
                                 env=env, capture_output=True, text=True, check=False)
        listed = {line.split()[0] for line in listing.stdout.splitlines() if line.startswith(FQCN + ".")}
        if listing.returncode or listing.stderr.strip():
            failures.append(f"ansible-doc -t {plugin_type} -l {FQCN} (rc {listing.returncode}):\n{listing.stderr}")
        missing = sorted(set(f"{FQCN}.{n}" for n in names) - listed)
        if missing:
            failures.append(f"ansible-doc -t {plugin_type} -l {FQCN} does not list: {', '.join(missing)}")
        for name in names:
            fqcn = f"{FQCN}.{name}"
            run = subprocess.run([ansible_doc, "-t", plugin_type, fqcn],
                                 env=env, capture_output=True, text=True, check=False)
            if run.returncode or run.stderr.strip() or fqcn not in run.stdout:
                failures.append(f"ansible-doc -t {plugin_type} {fqcn} (rc {run.returncode}):\n"
                                f"{run.stderr.strip() or run.stdout.strip()[:2000]}")
            else:
                rendered += 1
    roles_dir = os.path.join(ROOT, "roles")
    for role in sorted(os.listdir(roles_dir)) if os.path.isdir(roles_dir) else []:
        if not os.path.exists(os.path.join(roles_dir, role, "meta", "argument_specs.yml")):
            continue
        fqcn = f"{FQCN}.{role}"
        run = subprocess.run([ansible_doc, "-t", "role", fqcn], env=env, capture_output=True, text=True, check=False)
        if run.returncode or run.stderr.strip() or fqcn not in run.stdout:
            failures.append(f"ansible-doc -t role {fqcn} (rc {run.returncode}):\n"
                            f"{run.stderr.strip() or run.stdout.strip()[:2000]}")
        else:
            rendered += 1
    if not rendered and not failures:
        print("test-docs: no documented plugins under plugins/ yet, nothing to render")
        return 0
    for failure in failures:
        print(f"FAIL {failure}\n", file=sys.stderr)
    print(f"test-docs: {rendered} plugins and roles rendered, {len(failures)} failures")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["link", "copy", "pip-bootstrap", "docs"])
    parser.add_argument("--ansible-doc", default="ansible-doc", help="the ansible-doc executable")
    args = parser.parse_args()
    if args.command == "link":
        link()
    elif args.command == "copy":
        copy()
    elif args.command == "pip-bootstrap":
        pip_bootstrap()
    else:
        return docs(args.ansible_doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
