"""`make test-molecule`: each role's Molecule scenario against an embedded emulator.

For roles/datacenter and roles/k8s_cluster, ``molecule test`` runs in the role's directory
(create, converge, idempotence, verify, destroy) with the connection only in the
environment, as a user would run it against the real cloud. Kubernetes resources spend one
second DEPLOYING or DESTROYING, so the role's waits are real but short.

Fails when a scenario exits non-zero, and when the emulator's password or any secret it saw
(GET /_emulator/secrets: image passwords, kubeconfig tokens, ...) appears in Molecule's output.
Prints each scenario's wall time and the API writes and reads it made. `run_molecule.py
datacenter` runs one scenario; MOLECULE_TIMESTAMPS=1 prefixes each output line with its second.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
BIN = os.path.dirname(sys.executable)
ROLES = ("datacenter", "k8s_cluster")
# Seconds a Kubernetes cluster or node pool stays DEPLOYING / DESTROYING.
K8S_DELAY = 1.0
TIMESTAMPS = os.environ.get("MOLECULE_TIMESTAMPS") == "1"


def control(root, path, method="GET"):
    request = urllib.request.Request(root + "/_emulator" + path, method=method)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def scenario(role, env, scratch):
    """Run one role's scenario; (exit code, combined output, seconds)."""
    # Molecule's ephemeral files (inventory, ansible.cfg, state, the kubeconfig) go to a
    # scratch directory, not into the repository.
    run_env = dict(env, MOLECULE_EPHEMERAL_DIRECTORY=os.path.join(scratch, role))
    command = [os.path.join(BIN, "molecule"), "test", "--scenario-name", "default"]
    print(f"\n=== {role}: {' '.join(command[1:])} ===", flush=True)
    started = time.monotonic()
    lines = []
    # Streamed as it comes (a Kubernetes wait is visible as such), kept for the secret scan.
    with subprocess.Popen(command, cwd=os.path.join(ROOT, "roles", role), env=run_env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        for line in proc.stdout:
            lines.append(line)
            print(f"{time.monotonic() - started:6.1f} {line}" if TIMESTAMPS else line, end="", flush=True)
    return proc.returncode, "".join(lines), time.monotonic() - started


def main():
    roles = sys.argv[1:] or ROLES
    from ionos_emulator.serve import Embedded
    from ionos_emulator.settings import Settings

    emulator = Embedded(Settings(host="127.0.0.1", port=0, k8s_delay=K8S_DELAY))
    env = dict(os.environ)
    # VIRTUAL_ENV: Molecule's cache (ansible-compat) goes under the venv, not into the roles.
    env.update(PATH=BIN + os.pathsep + env.get("PATH", ""), VIRTUAL_ENV=os.path.dirname(BIN),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".cache", "collections"),
               ANSIBLE_NOCOLOR="1", NO_COLOR="1", ANSIBLE_LOCALHOST_WARNING="false",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
               IONOS_API_URL=emulator.url, IONOS_USERNAME=emulator.settings.username,
               IONOS_PASSWORD=emulator.settings.password)
    env.pop("IONOS_TOKEN", None)
    results = []
    outputs = []
    try:
        with tempfile.TemporaryDirectory(prefix="ionos-molecule-") as scratch:
            for role in roles:
                control(emulator.root, "/counters", "DELETE")
                code, output, seconds = scenario(role, env, scratch)
                results.append((role, code, seconds, control(emulator.root, "/counters")))
                outputs.append(output)
        secrets = control(emulator.root, "/secrets")["secrets"]
    finally:
        emulator.stop()

    print("\n=== Summary ===")
    for role, code, seconds, counters in results:
        print(f"{role:<12} exit {code}, {seconds:5.1f} s, {counters['writes']} API writes, {counters['reads']} reads")
    failed = [result[0] for result in results if result[1]]
    # Never print a secret: only which scenario's output holds one.
    leaks = [role for role, output in zip(roles, outputs)
             if any(secret in output for secret in secrets + [emulator.settings.password])]
    if leaks:
        print(f"a secret of the emulator ({len(secrets)} known) appears in the output of: {', '.join(leaks)}")
    else:
        print(f"no secret of the emulator ({len(secrets)} known, the password among them) appears in the output")
    if failed or leaks:
        raise SystemExit(f"test-molecule: failed: {', '.join(failed + leaks)}")


if __name__ == "__main__":
    main()
