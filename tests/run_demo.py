"""`make demo`: start the emulator, run playbooks/demo.yml twice, stop the emulator.

The first run builds the SDK README's composite datacenter in one API request; the
second must change nothing (changed=0), which this script checks. The API calls of each
run come from the emulator's counters. Point DEMO_API_URL (with IONOS_USERNAME and
IONOS_PASSWORD, or IONOS_TOKEN) at a real endpoint to run the same demo there instead.
``--summary FILE`` also writes each run's changes and API calls there as JSON (tests/matrix.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+).*failed=(\d+)")


def run_playbook(env, label):
    print(f"\n=== {label} ===", flush=True)
    started = time.monotonic()
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), os.path.join(ROOT, "playbooks", "demo.yml")],
                          env=env, cwd=ROOT, text=True, capture_output=True, check=False)
    print(proc.stdout.rstrip(), flush=True)
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)
        raise SystemExit(f"demo: {label} failed (exit {proc.returncode})")
    recap = RECAP.search(proc.stdout)
    return int(recap.group(2)), time.monotonic() - started


def show_inventory(env, emulator):
    """The demo's servers as Ansible sees them: the inventory graph, then each host's addresses."""
    source = os.path.join(ROOT, "inventory", "demo.ionos.yml")
    command = [os.path.join(BIN, "ansible-inventory"), "-i", source]
    inventory_env = dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="true", ANSIBLE_INVENTORY_ENABLED="ionos.enterprise.ionos")
    print("\n=== The inventory (ansible-inventory -i inventory/demo.ionos.yml --graph) ===", flush=True)
    if emulator:
        counters(emulator.root, reset=True)
    graph = subprocess.run(command + ["--graph"], env=inventory_env, cwd=ROOT, text=True, capture_output=True,
                           check=False)
    listing = subprocess.run(command + ["--list"], env=inventory_env, cwd=ROOT, text=True, capture_output=True,
                             check=False)
    if graph.returncode or listing.returncode:
        print(graph.stderr or listing.stderr, file=sys.stderr)
        raise SystemExit("demo: ansible-inventory failed")
    print(graph.stdout.rstrip())
    hostvars = json.loads(listing.stdout, object_hook=_untagged)["_meta"]["hostvars"]
    print("\nhost              ansible_host      NICs")
    for host, variables in sorted(hostvars.items()):
        nics = "; ".join("%s on %s: %s" % (nic["name"], nic["lan_name"] or nic["lan_id"], ", ".join(nic["ips"]) or "-")
                         for nic in variables["ionos_nics"])
        print(f"{host:<17} {variables.get('ansible_host', '-'):<17} {nics or '-'}")
    return emulator and counters(emulator.root)


def _untagged(value):
    # ansible-inventory writes strings from the API as {"__ansible_unsafe": s} (untrusted data).
    return value["__ansible_unsafe"] if list(value) == ["__ansible_unsafe"] else value


def counters(root, reset=False):
    request = urllib.request.Request(root + "/_emulator/counters", method="DELETE" if reset else "GET")
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"{}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--summary", help="write each run's changes and API calls here as JSON")
    args = parser.parse_args()
    env = dict(os.environ)
    env.update(ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".cache", "collections"),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false")
    emulator = None
    if os.environ.get("DEMO_API_URL"):
        env["IONOS_API_URL"] = os.environ["DEMO_API_URL"]
        print(f"Running the demo against {env['IONOS_API_URL']}")
    else:
        from ionos_emulator.serve import Embedded
        from ionos_emulator.settings import Settings
        emulator = Embedded(Settings(host="127.0.0.1", port=0))
        env.update(IONOS_API_URL=emulator.url, IONOS_USERNAME=emulator.settings.username,
                   IONOS_PASSWORD=emulator.settings.password)
        env.pop("IONOS_TOKEN", None)
        print(f"Emulator of the IONOS Cloud API v5 on {emulator.url}")
    try:
        changed, seconds = run_playbook(env, "First run: create")
        first = emulator and counters(emulator.root)
        if emulator:
            counters(emulator.root, reset=True)
        again, seconds_again = run_playbook(env, "Second run: nothing to do")
        second = emulator and counters(emulator.root)
        inventory_calls = show_inventory(env, emulator)
    finally:
        if emulator:
            emulator.stop()
    print("\n=== Summary ===")
    print(f"first run:  changed={changed}, {seconds:.1f} s" + (
        f", {first['writes']} API writes, {first['reads']} reads" if first else ""))
    print(f"second run: changed={again}, {seconds_again:.1f} s" + (
        f", {second['writes']} API writes, {second['reads']} reads" if second else ""))
    if inventory_calls:
        # Two parses (--graph, --list), each finding the datacenter by name, then reading it.
        print(f"inventory:  {inventory_calls['total'] // 2} API calls per parse, 0 writes"
              f" ({', '.join(inventory_calls['calls'])})")
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as handle:
            json.dump({"first": dict(changed=changed, seconds=seconds, **(first or {})),
                       "second": dict(changed=again, seconds=seconds_again, **(second or {})),
                       "inventory": inventory_calls or {}}, handle, indent=1)
    if again:
        raise SystemExit("demo: the second run changed something; it must not")


if __name__ == "__main__":
    main()
