"""`make bench` (whole-datacenter part): ionos_datacenter converging a whole tree.

Replaces the "## Whole-datacenter converge" section of docs/benchmarks.md. Everything runs
against the embedded emulator (provisioning delay 0); each figure is one ansible-playbook
run between a reset and a read of the emulator's counters (``/_emulator/counters``), its
reads less the status polls (``GET /requests/{requestId}/status``, shown apart), and the
wall time of the ansible-playbook process.

1. `make demo`'s re-run (playbooks/demo.yml run as tests/run_demo.py runs it), against a
   playbook of ONE converged plain ``ionos_datacenter`` task.
2. A richer datacenter through one ``ionos_datacenter`` task: first create, re-run, one
   server's cores changed, a server added; and the same re-run through the per-resource
   modules, one task per resource, as roles/datacenter did before issue 20.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from bench_play import format_calls, start_emulator  # noqa: E402
from benchmarks_doc import replace_section  # noqa: E402
from run_demo import RECAP, counters  # noqa: E402

BIN = os.path.dirname(sys.executable)
RUNS = 3          # runs per median
POLL = "GET /requests/{requestId}/status"
PLAN = re.compile(r'"msg": ("BENCHPLAN .* BENCHEND")')
DEMO = os.path.join(ROOT, "playbooks", "demo.yml")
FQCN = "ionos.enterprise."

PLAIN = {"name": "bench-plain", "location": "de/fra", "description": "one converged task"}


def rich_tree(servers=3, cores=None):
    """2 LANs (one public), servers with a NIC on each LAN, a firewall rule on each public
    NIC, a volume per server, one unattached volume, a load balancer over two public NICs."""
    return {
        "name": "bench-tree",
        "location": "de/fra",
        "description": "whole-tree converge",
        "lans": [{"name": "public", "public": True}, {"name": "private", "public": False}],
        "servers": [{
            "name": "web-%d" % number,
            "cores": (cores or {}).get(number, 1),
            "ram": 1024,
            "nics": [
                {"name": "public", "lan": "public", "dhcp": True, "firewall_active": True,
                 "firewall_rules": [{"name": "allow-ssh", "protocol": "TCP",
                                     "port_range_start": 22, "port_range_end": 22}]},
                {"name": "private", "lan": "private", "dhcp": True},
            ],
            "volumes": [{"name": "web-%d-data" % number, "size": 10, "type": "HDD", "licence_type": "OTHER"}],
        } for number in range(1, servers + 1)],
        "volumes": [{"name": "shared-data", "size": 20, "type": "HDD", "licence_type": "OTHER"}],
        "loadbalancers": [{"name": "web-lb", "dhcp": True, "balanced_nics": [
            {"server": "web-1", "nic": "public"}, {"server": "web-2", "nic": "public"}]}],
    }


def one_task_play(args, name="Converge the datacenter"):
    return [{"name": "Whole-datacenter bench", "hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": name, FQCN + "ionos_datacenter": args, "register": "bench_result"},
        {"name": "Show the plan", "ansible.builtin.debug": {
            "msg": "BENCHPLAN {{ bench_result.plan | default([]) | to_json }} BENCHEND"}},
    ]}]


def per_resource_play(tree):
    """The tree's re-run the way roles/datacenter did it before (main's tasks/present.yml):
    the datacenter found by name, its description, then one task per LAN, volume, server
    (attaching its volumes), NIC, firewall rule and load balancer, all by the datacenter's id."""
    dc = "{{ bench_found.datacenters[0].id }}"
    tasks = [
        {"name": "Find the datacenter by name", FQCN + "ionos_datacenter_info": {"name": tree["name"], "depth": 0},
         "register": "bench_found"},
        {"name": "Converge the datacenter's description", FQCN + "ionos_datacenter": {
            "id": dc, "name": tree["name"], "description": tree["description"], "location": tree["location"]}},
    ]
    for lan in tree["lans"]:
        tasks.append({"name": "LAN " + lan["name"], FQCN + "ionos_lan": {
            "datacenter": dc, "name": lan["name"], "public": lan["public"]}})
    for volume in [volume for server in tree["servers"] for volume in server["volumes"]] + tree["volumes"]:
        tasks.append({"name": "Volume " + volume["name"], FQCN + "ionos_volume": dict(volume, datacenter=dc)})
    for server in tree["servers"]:
        tasks.append({"name": "Server " + server["name"], FQCN + "ionos_server": {
            "datacenter": dc, "name": server["name"], "cores": server["cores"], "ram": server["ram"],
            "attach_volumes": [volume["name"] for volume in server["volumes"]]}})
    for server in tree["servers"]:
        for nic in server["nics"]:
            args = {key: value for key, value in nic.items() if key != "firewall_rules"}
            tasks.append({"name": "NIC %s / %s" % (server["name"], nic["name"]),
                          FQCN + "ionos_nic": dict(args, datacenter=dc, server=server["name"])})
    for server in tree["servers"]:
        for nic in server["nics"]:
            for rule in nic.get("firewall_rules", []):
                tasks.append({"name": "Firewall rule %s / %s / %s" % (server["name"], nic["name"], rule["name"]),
                              FQCN + "ionos_firewall_rule": dict(rule, datacenter=dc, server=server["name"],
                                                                 nic=nic["name"])})
    for balancer in tree["loadbalancers"]:
        tasks.append({"name": "Load balancer " + balancer["name"], FQCN + "ionos_loadbalancer": dict(
            balancer, datacenter=dc, purge_balanced_nics=True)})
    return [{"name": "Per-resource bench", "hosts": "localhost", "gather_facts": False, "tasks": tasks}], len(tasks)


def run(env, root, playbook, label, expect_changed=None):
    """One ansible-playbook run of a file or of generated plays: (figures, plan)."""
    if isinstance(playbook, str):
        path, temporary = playbook, False
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as handle:
            handle.write(yaml.safe_dump(playbook, sort_keys=False, width=1000))
        path, temporary = handle.name, True
    counters(root, reset=True)
    started = time.monotonic()
    try:
        proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), path], env=env, cwd=ROOT, text=True,
                              capture_output=True, check=False)
    finally:
        seconds = time.monotonic() - started
        if temporary:
            os.unlink(path)
    calls = counters(root)
    if proc.returncode:
        raise SystemExit("bench_tree: %s failed (exit %d)\n%s%s" % (
            label, proc.returncode, proc.stdout, proc.stderr))
    changed = int(RECAP.search(proc.stdout).group(2))
    if expect_changed is not None and bool(changed) != expect_changed:
        raise SystemExit("bench_tree: %s: changed=%d, expected %s\n%s" % (
            label, changed, expect_changed, proc.stdout))
    polls = calls["calls"].get(POLL, 0)
    shown = PLAN.search(proc.stdout)
    plan = json.loads(json.loads(shown.group(1))[len("BENCHPLAN "):-len(" BENCHEND")]) if shown else None
    figures = {"label": label, "reads": calls["reads"] - polls, "polls": polls, "writes": calls["writes"],
               "seconds": seconds, "changed": changed, "calls": calls["calls"]}
    print("%-58s reads %3d  polls %2d  writes %2d  %6.2f s  changed=%d" % (
        label, figures["reads"], polls, figures["writes"], seconds, changed), flush=True)
    if plan:
        print("    plan: %s" % "; ".join(plan), flush=True)
    return figures, plan


def repeated(env, root, playbook, label, expect_changed=False):
    """RUNS runs of the same converged playbook: the first run's calls (a run whose calls
    differ is printed, not hidden), the median wall time."""
    runs = [run(env, root, playbook, "%s (%d/%d)" % (label, index + 1, RUNS), expect_changed)[0]
            for index in range(RUNS)]
    for other in runs[1:]:
        if (other["reads"], other["writes"], other["polls"]) != (runs[0]["reads"], runs[0]["writes"],
                                                                 runs[0]["polls"]):
            print("  note: calls differ between runs of %s: %s" % (label, [
                (figure["reads"], figure["writes"], figure["polls"]) for figure in runs]))
    return dict(runs[0], label=label, seconds=statistics.median(figure["seconds"] for figure in runs))


def main():
    emulator, env = start_emulator()
    started, load = time.monotonic(), os.getloadavg()[0]
    try:
        root = emulator.root
        # 1. The demo's re-run against one plain converged task.
        demo_first, _plan = run(env, root, DEMO, "demo: first run (create)", expect_changed=True)
        demo = repeated(env, root, DEMO, "demo: re-run")
        run(env, root, one_task_play(PLAIN), "plain ionos_datacenter: create", expect_changed=True)
        plain = repeated(env, root, one_task_play(PLAIN), "plain ionos_datacenter: converged")

        # 2. A richer datacenter through one ionos_datacenter task.
        tree = rich_tree()
        create, create_plan = run(env, root, one_task_play(tree), "tree: first create", expect_changed=True)
        rerun = repeated(env, root, one_task_play(tree), "tree: re-run")
        old_play, old_tasks = per_resource_play(tree)
        # One run only: 21 tasks take about as long as all the rest of this part.
        old, _plan = run(env, root, old_play, "per-resource modules: re-run", expect_changed=False)
        cores, cores_plan = run(env, root, one_task_play(rich_tree(cores={2: 2})), "tree: web-2's cores 1 -> 2",
                                expect_changed=True)
        added, added_plan = run(env, root, one_task_play(rich_tree(servers=4, cores={2: 2})),
                                "tree: server web-4 (NIC x2, volume) added", expect_changed=True)
        after, _plan = run(env, root, one_task_play(rich_tree(servers=4, cores={2: 2})),
                           "tree: re-run after the changes", expect_changed=False)
    finally:
        emulator.stop()
    total = time.monotonic() - started
    ratio = demo["seconds"] / plain["seconds"]

    def verdict(ok):
        return "met" if ok else "**missed**"

    def row(label, figures, expected):
        return "| %s | %d | %d | %d | %.2f | %s |" % (label, figures["writes"], figures["reads"], figures["polls"],
                                                      figures["seconds"], expected)

    n_servers = len(tree["servers"])
    lines = [
        "## Whole-datacenter converge", "",
        "Machine: %d CPUs, %s %s, Python %s, ansible-core %s. Command: `make bench` (tests/bench_tree.py), "
        "against the embedded emulator (provisioning delay 0); the whole script took %.0f s, the "
        "machine's load average was %.1f when it started." % (
            os.cpu_count(), platform.system(), platform.machine(), platform.python_version(),
            version("ansible-core"), total, load), "",
        "Each figure is one `ansible-playbook` run: its API calls from the emulator's counters "
        "(reset before the run), reads not counting the status polls (`GET /requests/{requestId}/status`), "
        "which are shown apart; time is the wall time of the `ansible-playbook` process, interpreter "
        "start included. Every run is checked to report the changed count it should (0 for a re-run); the "
        "demo's and the plain task's times and the tree's re-run are medians of %d runs, the other rows "
        "one run each." % RUNS, "",
        "`make demo`'s re-run (playbooks/demo.yml, the second time, as tests/run_demo.py runs it) against a "
        "playbook of one converged plain `ionos_datacenter` task (name, location, description):", "",
        "| run | reads | polls | writes | median s | target |", "|---|---:|---:|---:|---:|---|",
        "| demo, first run (create) | %d | %d | %d | %.2f | |" % (
            demo_first["reads"], demo_first["polls"], demo_first["writes"], demo_first["seconds"]),
        "| demo, re-run | %d | %d | %d | %.2f | reads <= 2: %s |" % (
            demo["reads"], demo["polls"], demo["writes"], demo["seconds"], verdict(demo["reads"] <= 2)),
        "| one plain `ionos_datacenter` task, converged | %d | %d | %d | %.2f | |" % (
            plain["reads"], plain["polls"], plain["writes"], plain["seconds"]),
        "| ratio demo re-run / plain task | | | | %.2f | <= 2: %s |" % (ratio, verdict(ratio <= 2)), "",
        "Calls of the demo's re-run: %s." % format_calls(demo["calls"]), "",
        "A richer datacenter declared in one `ionos_datacenter` task: 2 LANs (one public), %d servers "
        "(1 core, 1 GB) with a NIC on each LAN and a firewall rule (SSH) on each public NIC, a volume per "
        "server and one unattached volume, a load balancer balancing two of the public NICs "
        "(`balanced_nics: [{server, nic}]`). The per-resource row is the same re-run through "
        "%d tasks, one per resource (the datacenter found by name, its description, then `ionos_lan`, "
        "`ionos_volume`, `ionos_server` with `attach_volumes`, `ionos_nic`, `ionos_firewall_rule`, "
        "`ionos_loadbalancer`), as roles/datacenter did before issue 20:" % (n_servers, old_tasks), "",
        "| step | writes | reads | polls | s | expected |", "|---|---:|---:|---:|---:|---|",
        row("first create", create, "1 (the composite create); 2 with a load balancer of its NICs: it follows,"
            " with them, in one POST"),
        row("re-run (median of %d)" % RUNS, rerun, "1-2 reads, 0 writes: %s" % verdict(
            rerun["reads"] <= 2 and rerun["writes"] == 0)),
        row("the same re-run, per-resource modules (%d tasks)" % old_tasks, old, ""),
        row("one server's cores changed", cores, "1 write: %s" % verdict(cores["writes"] == 1)),
        row("a server with 2 NICs and a volume added", added, "1 write: %s" % verdict(added["writes"] == 1)),
        row("re-run after these changes", after, "0 writes: %s" % verdict(after["writes"] == 0)), "",
        "Re-run, one task against the per-resource tasks: %.1fx less wall time, %d reads against %d." % (
            old["seconds"] / rerun["seconds"], rerun["reads"], old["reads"]), "",
        "What each changing run did (the task's `plan`), and its calls:", "",
    ]
    for label, figures, plan in (("first create", create, create_plan), ("cores changed", cores, cores_plan),
                                 ("server added", added, added_plan)):
        lines.append("- %s: %s. Calls: %s." % (
            label, "; ".join(plan or []) or "(no plan)", format_calls(figures["calls"])))
    section = "\n".join(lines) + "\n"
    replace_section(section)
    print()
    print(section)


if __name__ == "__main__":
    main()
