"""`make test-matrix`: the collection under every ansible-core minor it admits.

For each minor from the oldest that meta/runtime.yml's ``requires_ansible`` admits to the
newest stable one on PyPI: a virtual environment from requirements/core-<minor>.txt (pinned,
so a run is reproducible) with a Python that core supports, found on this machine; then
``ansible-test sanity``, the unit tests and the demo (one write, then none). Prints
version | Python | sanity | unit | demo | time, and writes it to .cache/matrix/table.md.

``--smoke`` (what `make test` runs, as `make test-core-newest`): the newest pinned minor only, with
the sanity tests compile, import and validate-modules, the unit tests in SMOKE_UNIT, and the demo.
``lock MINOR [--python X.Y]``: pin requirements/core-MINOR.txt from requirements/core.in and
the newest patch release of that minor, on that Python (recorded in the file's first line,
and preferred by later runs).

A minor on PyPI without a lock file runs unpinned and is marked so; when PyPI cannot be
reached, the minors with a lock file run, and the table says so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  pylint: disable=wrong-import-position
import interpreters  # noqa: E402  pylint: disable=wrong-import-position

ROOT = harness.ROOT
WORK = os.path.join(ROOT, ".cache", "matrix")
REQUIREMENTS = os.path.join(ROOT, "requirements")
PYPI = "https://pypi.org/pypi/ansible-core/json"
# The smoke's share of the unit tests (about a minute on 2 cores): the shared client, waiting,
# pacing and the module base; the inventory plugin, with AWX's job slices through ansible-runner.
# The demo then runs the modules themselves end to end.
SMOKE_UNIT = ["tests/unit/plugins/module_utils", "tests/unit/plugins/inventory", "tests/unit/plugins/plugin_utils"]
SMOKE_SANITY = ["compile", "import", "validate-modules"]
LOCKED_WITH = re.compile(r"on Python (\d+)\.(\d+)")


def minor_of(version):
    return "%d.%d" % Version(version).release[:2]


def admitted():
    with open(os.path.join(ROOT, "meta", "runtime.yml"), encoding="utf-8") as handle:
        return SpecifierSet(yaml.safe_load(handle)["requires_ansible"])


def lock_file(minor):
    return os.path.join(REQUIREMENTS, f"core-{minor}.txt")


def releases_on_pypi():
    """{minor: (newest stable patch, requires_python)} from PyPI, or None when it cannot be reached."""
    try:
        with urllib.request.urlopen(PYPI, timeout=60) as answer:
            releases = json.load(answer)["releases"]
    except Exception as exc:  # pylint: disable=broad-exception-caught  # unreachable, cut short, or not the JSON expected
        print(f"matrix: PyPI not reachable ({exc!r}); running the minors with a lock file")
        return None
    newest = {}
    for text, files in releases.items():
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if version.is_prerelease or not files or all(f.get("yanked") for f in files):
            continue
        minor = minor_of(text)
        if minor not in newest or version > Version(newest[minor][0]):
            newest[minor] = (text, files[0].get("requires_python") or "")
    return newest


def minors_to_run(newest_only):
    """[(minor, pinned or None, requires_python)] for every minor requires_ansible admits."""
    wanted = admitted()
    pypi = releases_on_pypi()
    if pypi is None:
        found = sorted((f[len("core-"):-len(".txt")] for f in os.listdir(REQUIREMENTS) if re.match(r"core-[\d.]+\.txt$", f)),
                       key=Version)
        pypi = {m: (None, "") for m in found}
    rows = []
    for minor in sorted(pypi, key=Version):
        patch, requires_python = pypi[minor]
        if not wanted.contains(patch or f"{minor}.999", prereleases=False) and not wanted.contains(f"{minor}.0"):
            continue
        pinned = lock_file(minor) if os.path.exists(lock_file(minor)) else None
        rows.append((minor, pinned, requires_python, patch))
    if newest_only:
        # make test stays reproducible: the newest pinned minor, and a word when PyPI has a newer one.
        pinned_rows = [row for row in rows if row[1]]
        if rows and pinned_rows and rows[-1] is not pinned_rows[-1]:
            print(f"matrix: ansible-core {rows[-1][0]} is on PyPI but not pinned; the smoke runs {pinned_rows[-1][0]}."
                  f" `make lock-core CORE={rows[-1][0]}` pins it, `make test-matrix` runs it unpinned.")
        return pinned_rows[-1:] or rows[-1:]
    return rows


def choose_python(pinned, requires_python, found, wanted=None):
    """The lock file's Python (or the one asked for) if found, else the newest one the core admits."""
    allowed = SpecifierSet(requires_python or ">=3")
    usable = {minor: info for minor, info in found.items() if allowed.contains("%d.%d.0" % minor)}
    if wanted:
        prefer = tuple(int(n) for n in wanted.split("."))
    elif pinned:
        with open(pinned, encoding="utf-8") as handle:
            match = LOCKED_WITH.search(handle.readline())
        prefer = (int(match.group(1)), int(match.group(2))) if match else None
    else:
        prefer = None
    if prefer in usable:
        return usable[prefer]
    # PyPI's requires_python has no upper bound: the pins' Python is the newest known to work.
    if prefer:
        usable = {minor: info for minor, info in usable.items() if minor <= prefer}
    return usable[max(usable)] if usable else (None, None)


def run_logged(command, log, cwd=ROOT, env=None):
    """Run, output to log; (passed, seconds)."""
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        out.write("+ " + " ".join(command) + "\n")
        out.flush()
        code = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
    seconds = time.monotonic() - started
    if code:
        with open(log, encoding="utf-8", errors="replace") as handle:
            tail = handle.read()[-3000:]
        print(f"--- {os.path.relpath(log, ROOT)} (exit {code}), last lines:\n{tail}", flush=True)
    return code == 0, seconds


def make_venv(folder, python, requirements):
    """A virtual environment with these requirements, made again only when they or the Python change."""
    venv = os.path.join(folder, "venv")
    stamp = os.path.join(venv, ".stamp")
    with open(requirements, encoding="utf-8") as handle:
        wanted = python + "\n" + handle.read()
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as handle:
            if handle.read() == wanted:
                return venv, True, 0.0
    shutil.rmtree(venv, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    log = os.path.join(folder, "venv.log")
    made, seconds = run_logged([python, "-m", "venv", venv], log)
    if made:
        installed, more = run_logged([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--quiet",
                                      "--disable-pip-version-check", "-r", requirements], log + ".pip")
        made, seconds = installed, seconds + more
    if made:
        with open(stamp, "w", encoding="utf-8") as handle:
            handle.write(wanted)
    return venv, made, seconds


def requirements_for(minor, pinned, patch, folder):
    if pinned:
        return pinned
    os.makedirs(folder, exist_ok=True)
    unpinned = os.path.join(folder, "requirements-unpinned.txt")
    with open(os.path.join(REQUIREMENTS, "core.in"), encoding="utf-8") as handle:
        shared = handle.read()
    with open(unpinned, "w", encoding="utf-8") as handle:
        handle.write(shared + f"\nansible-core=={patch or minor + '.*'}\n")
    return unpinned


def sanity(venv, python_minor, folder, tests):
    """ansible-test sanity in a copy of the collection kept for this minor (its venvs survive)."""
    base = os.path.join(folder, "collection")
    harness.copy(base)
    log = os.path.join(folder, "sanity.log")
    bootstrap, first = run_logged([os.path.join(venv, "bin", "python"), os.path.join(ROOT, "tests", "harness.py"),
                                   "pip-bootstrap"], log + ".bootstrap")
    command = [os.path.join(venv, "bin", "ansible-test"), "sanity", "--venv", "--python", python_minor, "--color", "no"]
    for test in tests:
        command += ["--test", test]
    env = dict(os.environ, PATH=os.path.join(venv, "bin") + os.pathsep + os.environ.get("PATH", ""))
    passed, seconds = run_logged(command, log, cwd=harness.collection_dir(base), env=env)
    return bootstrap and passed, first + seconds


def unit(venv, folder, paths):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([harness.LINK_BASE, os.path.join(ROOT, "tests", "emulator")]),
               PATH=os.path.join(venv, "bin") + os.pathsep + os.environ.get("PATH", ""))
    command = [os.path.join(venv, "bin", "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-n", os.environ.get("UNIT_JOBS", "2"), "--dist", "loadfile", *paths]
    return run_logged(command, os.path.join(folder, "unit.log"), env=env)


def demo(venv, folder):
    """The demo on a fresh emulator: one write, then none."""
    summary = os.path.join(folder, "demo.json")
    if os.path.exists(summary):
        os.unlink(summary)
    env = dict(os.environ, PATH=os.path.join(venv, "bin") + os.pathsep + os.environ.get("PATH", ""))
    env.pop("DEMO_API_URL", None)
    passed, seconds = run_logged([os.path.join(venv, "bin", "python"), os.path.join(ROOT, "tests", "run_demo.py"),
                                  "--summary", summary], os.path.join(folder, "demo.log"), env=env)
    if not passed:
        return False, seconds, "failed"
    with open(summary, encoding="utf-8") as handle:
        runs = json.load(handle)
    writes = (runs["first"]["writes"], runs["second"]["writes"])
    ok = writes == (1, 0) and runs["second"]["changed"] == 0
    return ok, seconds, "%d write, then %d" % writes


def cell(passed, seconds, note=""):
    return f"{'pass' if passed else 'FAIL'}{' ' + note if note else ''} ({seconds:.0f} s)"


def run_minor(minor, pinned, requires_python, patch, found, smoke):
    folder = os.path.join(WORK, minor)
    python, full = choose_python(pinned, requires_python, found)
    version = minor if pinned else f"{minor} ({patch}, unpinned)"
    if python is None:
        print(f"matrix: no Python found here that ansible-core {minor} runs on ({requires_python}); install one"
              " (e.g. `pyenv install 3.13`) or put it on PATH as python3.N", flush=True)
        return [version, "none found", "-", "-", "-", "-"], False
    started = time.monotonic()
    print(f"\n=== ansible-core {minor} on Python {full} ({python}) ===", flush=True)
    venv, made, seconds = make_venv(folder, python, requirements_for(minor, pinned, patch, folder))
    if not made:
        return [version, full, "FAIL venv", "-", "-", cell(False, seconds)], False
    installed = subprocess.run([os.path.join(venv, "bin", "python"), "-c", "import ansible; print(ansible.__version__)"],
                               capture_output=True, text=True, check=False).stdout.strip()
    version = f"{installed}{'' if pinned else ' (unpinned)'}"
    python_minor = ".".join(full.split(".")[:2])
    results = [sanity(venv, python_minor, folder, SMOKE_SANITY if smoke else [])]
    print(f"sanity: {cell(*results[-1])}", flush=True)
    results.append(unit(venv, folder, SMOKE_UNIT if smoke else ["tests/unit"]))
    print(f"unit: {cell(*results[-1])}", flush=True)
    passed, seconds, note = demo(venv, folder)
    results.append((passed, seconds, note))
    print(f"demo: {cell(*results[-1])}", flush=True)
    row = [version, full] + [cell(*r) for r in results] + ["%.0f s" % (time.monotonic() - started)]
    return row, all(r[0] for r in results)


def table(rows):
    head = ["ansible-core", "Python", "sanity", "unit", "demo", "time"]
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |" for r in [head] + rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def run(smoke):
    harness.link()
    found = interpreters.find()
    print("Pythons found: " + ", ".join(f"{v[1]} ({v[0]})" for unused, v in sorted(found.items())), flush=True)
    rows, green = [], True
    for minor, pinned, requires_python, patch in minors_to_run(newest_only=smoke):
        row, passed = run_minor(minor, pinned, requires_python, patch, found, smoke)
        rows.append(row)
        green = green and passed
    text = table(rows)
    scope = ("smoke: sanity " + "/".join(SMOKE_SANITY) + ", unit " + " ".join(SMOKE_UNIT) + ", demo") if smoke else \
        "sanity (every test), unit (tests/unit), demo"
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(WORK, "smoke.md" if smoke else "table.md"), "w", encoding="utf-8") as handle:
        handle.write(f"requires_ansible {admitted()}; {scope}\n\n{text}\n")
    if not smoke and rows:
        write_compatibility(text)
    print(f"\nrequires_ansible {admitted()}; {scope}\n{text}")
    if not rows:
        print("matrix: no ansible-core minor to run")
        return 1
    return 0 if green else 1


def write_compatibility(text):
    """docs/compatibility.md: the last full run's table, with when and where it ran."""
    with open(os.path.join(ROOT, "docs", "compatibility.md"), "w", encoding="utf-8") as handle:
        handle.write(f"""# Compatibility: the ansible-core versions the collection runs on

`meta/runtime.yml` admits ansible-core `{admitted()}`. `make test-matrix` (tests/matrix.py) runs,
for each minor from the oldest that admits to the newest stable one on PyPI, in a virtual
environment pinned by `requirements/core-<minor>.txt`, with a Python that core supports as a
controller (found on the machine; the one the pins were made with is preferred):

- `ansible-test sanity`, every test, with the one ignore file all cores share
  (`tests/sanity/ignore-2.19.txt`: validate-modules wants a GPLv3 header, the collection is
  Apache-2.0);
- the unit tests (`tests/unit`: every module, the inventory, the roles, the playbooks, AWX);
- the demo on a fresh emulator: one API write, then none.

`make test` runs every test under the pinned core (requirements-dev.txt) and the newest minor as
a smoke (`make test-core-newest`: sanity compile, import and validate-modules, the unit tests of
module_utils, plugin_utils and the inventory, the demo).

The last `make test-matrix`, {time.strftime("%Y-%m-%d")}, on {os.cpu_count()} CPUs (times are wall seconds):

{text}

Where the cores differ, and what the collection does about it:

- **2.18** marks untrusted strings with `wrap_var`, and `ansible-inventory` writes them as
  `{{"__ansible_unsafe": ...}}`, host names in group lists included, which AWX stores as they are.
  The inventory plugin marks only strings that could be templates (a brace in them, or a leading
  `#jinja2:`, which sets other delimiters);
  2.19 and later never template data from an inventory plugin, and mark it themselves.
- **2.18** `ansible-inventory` has no `--flush-cache` (2.19 added it); `compose` gives the text
  a template rendered (`"8"`), 2.19 and later the value (`8`).
- **2.21** adds a task's arguments (`invocation`) to its result only when
  `ANSIBLE_INJECT_INVOCATION` asks for it; no_log values were masked there before and still
  are. The test that turns Ansible's masking off to prove the modules leak nothing asks for it.
- **2.21** runs its workers' RPC server on a Unix socket in `TMPDIR`, whose path may not be
  longer than 107 bytes: a very long `TMPDIR` fails every playbook with "Local RPC server did not
  start". Not the collection's to fix; the AWX test keeps its `TMPDIR` short.
""")


def lock(minor, python_minor):
    pypi = releases_on_pypi() or {}
    if minor not in pypi:
        raise SystemExit(f"lock: ansible-core {minor} has no stable release on PyPI")
    patch, requires_python = pypi[minor]
    python, full = choose_python(None, requires_python, interpreters.find(), wanted=python_minor)
    if python_minor and full and not full.startswith(python_minor + "."):
        raise SystemExit(f"lock: Python {python_minor} was asked for and is not here (or ansible-core {minor} "
                         f"does not admit it: {requires_python}); `python tests/interpreters.py` lists what is")
    if python is None:
        raise SystemExit(f"lock: no Python here satisfies ansible-core {minor}'s requires_python {requires_python}")
    folder = os.path.join(WORK, "lock-" + minor)
    shutil.rmtree(folder, ignore_errors=True)
    venv, made, unused = make_venv(folder, python, requirements_for(minor, None, patch, folder))
    if not made:
        raise SystemExit(f"lock: installing ansible-core {patch} on Python {full} failed (see {folder})")
    frozen = subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "freeze", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True).stdout
    with open(lock_file(minor) + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(f"# ansible-core {minor} on Python {full}: pinned by `make lock-core CORE={minor}` from "
                     "requirements/core.in (tests/matrix.py).\n" + frozen)
    os.replace(lock_file(minor) + ".tmp", lock_file(minor))
    print(f"lock: wrote {os.path.relpath(lock_file(minor), ROOT)} (ansible-core {patch}, Python {full})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="run", choices=["run", "lock"])
    parser.add_argument("minor", nargs="?", help="lock: the ansible-core minor, e.g. 2.21")
    parser.add_argument("--python", help="lock: the Python minor to pin on, e.g. 3.13")
    parser.add_argument("--smoke", action="store_true", help="the newest minor only, a share of the tests")
    args = parser.parse_args()
    if args.command == "lock":
        if not args.minor:
            parser.error("lock needs the minor, e.g. lock 2.21")
        return lock(args.minor, args.python)
    return run(args.smoke)


if __name__ == "__main__":
    sys.exit(main())
