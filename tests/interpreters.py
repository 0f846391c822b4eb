"""The Python interpreters on this machine, found rather than named.

Looks in pyenv's versions ($PYENV_ROOT, the folder above pyenv's shims on PATH, ~/.pyenv), on
PATH (python3, python3.N) and at the interpreter running this script; each is asked for its own version, so a link or a shim
counts once, under the version it reports.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

# venv and ensurepip: Debian's python3 has venv without ensurepip, and cannot make a venv.
ASK = "import sys, venv, ensurepip; print('%d.%d.%d' % sys.version_info[:3])"


def candidates():
    # pyenv's own interpreters first: a shim on PATH stands for whichever one pyenv picks.
    found = []
    roots = {os.environ.get("PYENV_ROOT", ""), os.path.expanduser("~/.pyenv")}
    roots.update(os.path.dirname(f) for f in os.environ.get("PATH", "").split(os.pathsep) if f.endswith(".pyenv/shims"))
    for root in sorted(r for r in roots if r):
        found += sorted(glob.glob(os.path.join(root, "versions", "*", "bin", "python3")))
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if folder:
            found += sorted(glob.glob(os.path.join(folder, "python3"))) + sorted(glob.glob(os.path.join(folder, "python3.*")))
    found.append(sys.executable)
    return [path for path in found if re.search(r"python(3(\.\d+)?)?$", path) and os.access(path, os.X_OK)]


def find():
    """{(3, 13): (path, "3.13.0"), ...}: per minor version, the newest patch release found."""
    by_minor, asked = {}, set()
    for path in candidates():
        real = os.path.realpath(path)
        if real in asked:
            continue
        asked.add(real)
        try:
            # A shim without a version of its own (pyenv's) fails here and is skipped.
            answer = subprocess.run([path, "-c", ASK], capture_output=True, text=True, timeout=30, check=True)
        except (OSError, subprocess.SubprocessError):
            continue
        version = answer.stdout.strip()
        key = tuple(int(n) for n in version.split(".")[:2])
        patch = tuple(int(n) for n in version.split("."))
        # The first found of a patch release stays: pyenv's own before a shim or a venv.
        if key not in by_minor or patch > tuple(int(n) for n in by_minor[key][1].split(".")):
            by_minor[key] = (path, version)
    return by_minor


if __name__ == "__main__":
    for minor, (where, full) in sorted(find().items()):
        print(f"{full:<8} {where}")
