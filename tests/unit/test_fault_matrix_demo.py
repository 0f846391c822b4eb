"""The fault matrix, whole-job: `make demo`'s playbook (the SDK README's Composite Build
through the role ionos.enterprise.datacenter, then the datacenter read back) under each
kind of fault of test_fault_matrix.py, on 35 % of all API calls (the demo makes about a dozen
calls since the role is one ionos_datacenter task: enough faults land in each run).

- where a retry is safe, the run succeeds, and a second run under the same faults changes
  nothing;
- where it is not (the composite create's request ends FAILED), the run fails naming the
  request (its id), and the run after it, with the faults off, completes the build;
- either way, afterwards the datacenter exists once, with exactly the LANs, the server,
  its NICs, firewall rule and volumes of the Composite Build: nothing twice, nothing lost.

"Slower than api_timeout" is left to test_fault_matrix.py: the demo runs with the modules'
default timeout (60 s), and holding answers that long would make this test take minutes.
Each kind gets an emulator of its own; two run at once.
"""

import concurrent.futures
import os
import re
import subprocess
import sys

import pytest
from conftest import Emulator, PASSWORD, playbook_env, REPO, USERNAME
from ionos_emulator.serve import Embedded
from ionos_emulator.settings import Settings
from test_fault_matrix import FAULTS, duplicates

DEMO = os.path.join(REPO, "playbooks", "demo.yml")
RECAP = re.compile(r"localhost\s*:\s*ok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)")
REQUEST_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def demo_rule(rule):
    """The matrix's rule for the demo. A new datacenter is one tracked write (the composite
    create): that one ends FAILED. Retry-After is 1 s here: the pauses are real in a playbook
    run. Only the collection's calls are faulted (its User-Agent), not the test's own reads of
    what the demo built."""
    if rule["kind"] == "failed":
        return dict(rule, probability=1, times=1, agent="ionos-enterprise")
    shorter = {"retry_after": 1} if rule.get("retry_after") else {}
    return dict(rule, probability=0.35, agent="ionos-enterprise", **shorter)


KINDS = [(kind, demo_rule(rule), may_fail) for kind, rule, may_fail in FAULTS if rule["kind"] != "slow"]


def play(emulator):
    """(returncode, changed, output) of one run of the demo playbook."""
    env = playbook_env(emulator.url)
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), DEMO], env=env, cwd=REPO,
                          capture_output=True, text=True, check=False)
    recap = RECAP.findall(proc.stdout)
    return proc.returncode, sum(int(changed) for changed, unused in recap), proc.stdout + proc.stderr


def built(emulator):
    """The Composite Build as the API holds it: {what: sorted names}."""
    answer = emulator.http.get(emulator.url + "/datacenters?depth=7", auth=(USERNAME, PASSWORD), timeout=30).json()
    datacenters = [dc for dc in answer["items"] if dc["properties"]["name"] == "Python SDK Data Center"]
    shape = {"datacenters": len(datacenters)}
    for dc in datacenters:
        servers = dc["entities"]["servers"]["items"]
        nics = [nic for server in servers for nic in server["entities"]["nics"]["items"]]
        shape.update(
            lans=sorted(lan["properties"]["name"] for lan in dc["entities"]["lans"]["items"]),
            servers=sorted(server["properties"]["name"] for server in servers),
            nics=sorted(nic["properties"]["name"] for nic in nics),
            rules=sorted(rule["properties"]["name"] for nic in nics for rule in nic["entities"]["firewallrules"]["items"]),
            volumes=sorted(volume["properties"]["name"] for volume in dc["entities"]["volumes"]["items"]))
    return shape


COMPOSITE_BUILD = {"datacenters": 1, "lans": ["Private LAN", "Public LAN"], "servers": ["Python SDK Server"],
                   "nics": ["Private NIC", "Public NIC"], "rules": ["Allow SSH"],
                   "volumes": ["Data Volume", "System Volume"]}


def demo_under(kind, rule, may_fail):
    """Run the demo under one kind of fault; a list of what went wrong (empty: all well)."""
    embedded = Embedded(Settings(port=0, username=USERNAME, password=PASSWORD))
    emulator = Emulator(embedded)
    problems = []
    try:
        emulator.faults(rule, seed=7)
        code, changed, output = play(emulator)
        injected = sum(fault["injected"] for fault in emulator.control("GET", "/faults")["rules"])
        if code:
            failures = [line for line in output.splitlines() if line.startswith(("fatal:", "failed:"))]
            if not may_fail:
                problems.append("the demo failed under %s: %s" % (kind, output[-3000:]))
            elif not failures or not all(REQUEST_ID.search(line) for line in failures):
                problems.append("a failure under %s does not name its request: %s" % (kind, failures or output[-3000:]))
            emulator.faults()
        if duplicates(emulator):
            problems.append("duplicates under %s: %s" % (kind, duplicates(emulator)))
        code_again, changed_again, output_again = play(emulator)
        if code_again:
            problems.append("the second run under %s failed: %s" % (kind, output_again[-3000:]))
        elif not code and changed_again:
            problems.append("the second run under %s changed %d things" % (kind, changed_again))
        if built(emulator) != COMPOSITE_BUILD:
            problems.append("under %s the API holds %s" % (kind, built(emulator)))
        if not code and not changed:
            problems.append("the first run under %s changed nothing" % kind)
        if injected < min(3, rule.get("times") or 3):
            problems.append("only %d faults were injected under %s" % (injected, kind))
    finally:
        embedded.stop()
    return problems


@pytest.fixture(scope="module")
def outcomes():
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {kind: pool.submit(demo_under, kind, rule, may_fail) for kind, rule, may_fail in KINDS}
        return {kind: future.result() for kind, future in futures.items()}


@pytest.mark.parametrize("kind", [kind for kind, unused_rule, unused in KINDS])
def test_the_demo_survives_faults_builds_everything_once_and_converges(outcomes, kind):
    assert outcomes[kind] == []
