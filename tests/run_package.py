"""`make test-package`: the collection as users get it, not as this checkout holds it.

1. ``ansible-galaxy collection build`` makes the tarball (galaxy.yml's build_ignore decides
   what goes in);
2. ``ansible-galaxy collection install`` puts it into a temporary collections path;
3. against a fresh emulator, with ANSIBLE_COLLECTIONS_PATH naming only that path, the
   installed copy's playbooks/composite_build.yml runs twice (the second run must change
   nothing) and ``ansible-inventory`` reads the installed inventory/demo.ionos.yml;
4. meanwhile galaxy-importer, the code Galaxy runs on an upload, imports the tarball with
   ansible-lint and ansible-doc: an import error, an error it logs or a warning that is not
   accepted fails here (tests/galaxy_import.py).

A file the build leaves out but a module, plugin or playbook needs fails here.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import galaxy_import

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r"changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def run(command, env=None, cwd=None):
    print("+ " + " ".join(command), flush=True)
    proc = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode:
        print(proc.stdout[-4000:], proc.stderr[-4000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"test-package: {command[0]} failed (exit {proc.returncode})")
    return proc.stdout


def check_installed(tmp, tarball):
    """Install ``tarball`` under ``tmp`` and run its playbook and inventory against a fresh emulator."""
    from ionos_emulator.serve import Embedded
    from ionos_emulator.settings import Settings

    collections = os.path.join(tmp, "collections")
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "-p", collections, tarball])
    installed = os.path.join(collections, "ansible_collections", "ionos", "enterprise")
    emulator = Embedded(Settings(host="127.0.0.1", port=0))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
               ANSIBLE_NOCOLOR="1",
               IONOS_API_URL=emulator.url, IONOS_USERNAME=emulator.settings.username,
               IONOS_PASSWORD=emulator.settings.password)
    env.pop("IONOS_TOKEN", None)
    try:
        listed = run([os.path.join(BIN, "ansible-galaxy"), "collection", "list", "ionos.enterprise",
                      "--format", "json"], env=env)
        assert collections in listed, f"ionos.enterprise is not resolved from the installed copy: {listed}"
        playbook = os.path.join(installed, "playbooks", "composite_build.yml")
        changes = []
        for unused in range(2):
            recap = RECAP.findall(run([os.path.join(BIN, "ansible-playbook"), playbook], env=env, cwd=tmp))
            assert recap and all(int(u) == 0 and int(f) == 0 for unused_c, u, f in recap), recap
            changes.append(sum(int(c) for c, unused_u, unused_f in recap))
        assert changes[0] > 0 and changes[1] == 0, f"changed per run: {changes}"
        listing = json.loads(run([os.path.join(BIN, "ansible-inventory"), "-i",
                                  os.path.join(installed, "inventory", "demo.ionos.yml"), "--list"],
                                 env=dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="true")))
        hosts = sorted(listing["_meta"]["hostvars"])
        assert hosts == ["Python SDK Server"], hosts
    finally:
        emulator.stop()
    return f"its composite build ran (changed {changes[0]}, then 0) and its inventory lists {hosts}"


def main():
    with tempfile.TemporaryDirectory(prefix="ionos-package-") as tmp:
        run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", tmp], cwd=ROOT)
        [tarball] = glob.glob(os.path.join(tmp, "ionos-enterprise-*.tar.gz"))
        # In the background: its ansible-lint takes half a minute, the installed copy's run a few seconds.
        with galaxy_import.GalaxyImport(tarball, os.path.join(tmp, "galaxy-importer")) as importer:
            installed = check_installed(tmp, tarball)
            imported = importer.finish()
        print(f"test-package: {os.path.basename(tarball)} installed; {installed}; {imported}")


if __name__ == "__main__":
    main()
