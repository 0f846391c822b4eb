"""galaxy-importer, the code Galaxy runs on an uploaded collection, over the built tarball.

``make test-package`` starts it on the tarball while the installed copy's playbooks run, then
checks what it said:

- the import succeeded (else its message is the failure);
- it logged no error (an ansible-doc that fails is only logged: the import still "succeeds");
- ansible-lint ran (its "run complete" line) and ansible-doc gave the docs of every module and
  plugin in the tarball (importer_result.json, the result Galaxy would store);
- every warning is one of accepted_warnings(), and every accepted warning is still reported.

It runs as Galaxy runs it: ansible-lint on, ansible-doc on, ansible-test off (it wants a
container engine), with the ansible-lint and ansible-doc of .cache/venv-galaxy (first on PATH),
an empty HOME and none of the caller's ANSIBLE_* or GALAXY_IMPORTER_* settings (the latter
override the configuration file). ``python tests/galaxy_import.py TARBALL`` checks one tarball.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile

from homes import with_own_home

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

VENV_BIN = os.path.join(ROOT, ".cache", "venv-galaxy", "bin")
# Option names and defaults: galaxy_importer/config.py. ansible-lint and ansible-doc on, ansible-test
# off (it wants a container engine); the rest as the importer's defaults have them (these spelled
# out; flake8, required tags and version >= 1.0.0 stay off).
CONFIG = """[galaxy-importer]
run_ansible_lint = True
offline_ansible_lint = True
run_ansible_doc = True
run_ansible_test = False
check_changelog = True
log_level_main = INFO
tmp_root_dir = {tmp}
ansible_local_tmp = {tmp}/ansible-tmp
"""
# What the importer logs above INFO, one record per line ("WARNING: message").
LEVELS = re.compile(r"^(WARNING|ERROR|CRITICAL): (.*)$")
LINT_DONE = "...ansible-lint run complete"
IGNORE_FILES = re.compile(r"^tests/sanity/ignore-[\d.]+\.txt$")
GPL_ENTRY = re.compile(r"^plugins/(modules|inventory)/\w+\.py validate-modules:missing-gplv3-license # .+$")


def accepted_warnings(tarball):
    """The warnings Galaxy may report for this tarball, each with why it is not fixed (README.md,
    "Galaxy's import checks")."""
    accepted = []
    # The collection is Apache-2.0; validate-modules wants a GPLv3 header in every module and
    # plugin, so the sanity ignore file records that one check per file, and Galaxy counts its
    # lines (once per ansible-core's file: they are links to one file). Accepted only while each
    # line is that check: any other ignore entry is unexpected.
    with tarfile.open(tarball) as archive:
        for name in sorted(n for n in archive.getnames() if IGNORE_FILES.match(n)):
            member = archive.extractfile(name)
            lines = member.read().decode().splitlines() if member else []
            if lines and all(GPL_ENTRY.match(line) for line in lines):
                accepted.append(f"Ignore files skip ansible-test sanity tests, found {os.path.basename(name)} "
                                f"with {len(lines)} statement(s)")
    return accepted


def documented_plugins(tarball):
    """(type, name) of every module and inventory plugin in the tarball: ansible-doc must document each.

    (A new plugin type goes into ``found`` and ``kinds``, under the name the importer's result gives it.)
    """
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    found = re.compile(r"^plugins/(modules|inventory)/(\w+)\.py$")
    kinds = {"modules": "module", "inventory": "inventory"}
    return sorted((kinds[match.group(1)], match.group(2)) for match in map(found.match, names)
                  if match and match.group(2) != "__init__")


def problems(log, result, accepted, documented):
    """What is wrong with an import that logged ``log`` and stored ``result`` (None: the import failed)."""
    records = [match.groups() for match in map(LEVELS.match, log.splitlines()) if match]
    found = [f"error: {message}" for level, message in records if level != "WARNING"]
    if result is None:
        # Nothing after the failure ran: its message is all there is to say.
        return found
    warnings = [message for level, message in records if level == "WARNING"]
    found += [f"warning not accepted (fix it, or accept it in tests/galaxy_import.py and README.md): {message}"
              for message in warnings if message not in accepted]
    found += [f"accepted warning no longer reported (drop it): {message}" for message in accepted if message not in warnings]
    if LINT_DONE not in log.splitlines():
        found.append("ansible-lint did not run")
    docs = {(item["content_type"], item["content_name"]): item.get("doc_strings") for item in result["docs_blob"]["contents"]}
    undocumented = [f"{kind} {name}" for kind, name in documented if not docs.get((kind, name))]
    if undocumented:
        found.append(f"ansible-doc gave no documentation for {len(undocumented)} of {len(documented)}: {', '.join(undocumented)}")
    return found


class GalaxyImport:
    """galaxy-importer on a tarball in the background (``with``), everything it writes under ``workdir``.

    Leaving the block before ``finish`` stops it and the ansible-lint or ansible-doc it runs.
    """

    def __init__(self, tarball, workdir):
        self.tarball = tarball
        self.workdir = workdir
        self.process = None

    def __enter__(self):
        os.makedirs(self.workdir)
        config = os.path.join(self.workdir, "galaxy-importer.cfg")
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(CONFIG.format(tmp=self.workdir))
        env = {key: value for key, value in os.environ.items() if not key.startswith(("ANSIBLE_", "GALAXY_IMPORTER_"))}
        env = with_own_home(env, os.path.join(self.workdir, "home"))
        env.update(PATH=os.pathsep.join([VENV_BIN, os.environ.get("PATH", os.defpath)]), GALAXY_IMPORTER_CONFIG=config)
        for tool in ("ansible-lint", "ansible-doc"):
            found = shutil.which(tool, path=env["PATH"])
            assert found == os.path.join(VENV_BIN, tool), f"galaxy-importer would run {found}, not .cache/venv-galaxy's {tool}"
        command = [os.path.join(VENV_BIN, "python"), "-m", "galaxy_importer.main", os.path.abspath(self.tarball)]
        print("+ " + " ".join(command), flush=True)
        # A file, not a pipe: nobody reads it while the importer runs. It writes importer_result.json to its cwd.
        # A session of its own, so that stopping it stops its ansible-lint too.
        with open(os.path.join(self.workdir, "importer.log"), "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        return self

    def __exit__(self, *unused_exc_info):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait()

    def finish(self):
        """Wait for the import; fail with what the importer said, or return a summary."""
        self.process.wait()
        with open(os.path.join(self.workdir, "importer.log"), encoding="utf-8") as handle:
            log = handle.read()
        result_file = os.path.join(self.workdir, "importer_result.json")
        result = None
        if self.process.returncode == 0:
            with open(result_file, encoding="utf-8") as handle:
                result = json.load(handle)
        accepted = accepted_warnings(self.tarball)
        documented = documented_plugins(self.tarball)
        found = problems(log, result, accepted, documented)
        if self.process.returncode:
            found.insert(0, f"the import failed (exit {self.process.returncode})")
        if found:
            print(log[-8000:], file=sys.stderr)
            raise SystemExit("test-package: galaxy-importer:\n  " + "\n  ".join(found))
        return (f"galaxy-importer imported it (ansible-lint; ansible-doc documented {len(documented)} modules and "
                f"plugins), {len(accepted)} accepted warning(s)")


def main():
    [tarball] = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="ionos-galaxy-") as tmp:
        with GalaxyImport(tarball, os.path.join(tmp, "galaxy-importer")) as importer:
            print("test-package: " + importer.finish())


if __name__ == "__main__":
    main()
