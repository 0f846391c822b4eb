"""`make bench` (modules part): API calls of every module, and time per task.

Replaces the "## Modules" section of docs/benchmarks.md (tests/emulator/bench.py writes
the rest). The calls table covers every module of plugins/modules: each action module
run twice (create, then converged: the same task again), each _info module once, all in
ONE generated playbook against the embedded emulator. Each measured task is framed by two
reads of the emulator's counters (a lookup at templating time, which is no API call), so
the difference is that task's calls alone. Timing figures are medians over several plays.
"""

from __future__ import annotations

import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from bench_play import FQCN, control, format_calls, measured_play, run_playbook, start_emulator  # noqa: E402
from benchmarks_doc import replace_section  # noqa: E402
LOOPS = 10   # tasks per timing play
RUNS = 5     # plays per figure

TIMING_PLAY = """
- name: Time {loops} runs of one task
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Start
      ansible.builtin.set_fact:
        bench_t0: "{{{{ lookup('ansible.builtin.pipe', 'date +%s.%N') }}}}"
    - name: The task under test
      {task}
      loop: "{{{{ range({loops}) | list }}}}"
    - name: Stop
      ansible.builtin.debug:
        msg: "BENCH {{{{ (lookup('ansible.builtin.pipe', 'date +%s.%N') | float) - (bench_t0 | float) }}}}"
"""

CONVERGED = """ionos.enterprise.ionos_datacenter:
        name: bench
        location: de/fra
        description: converged"""
URI_GET = """ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'IONOS_API_URL') }}/datacenters?depth=0"
        url_username: "{{ lookup('ansible.builtin.env', 'IONOS_USERNAME') }}"
        url_password: "{{ lookup('ansible.builtin.env', 'IONOS_PASSWORD') }}"
        force_basic_auth: true"""

FLEET = """ionos.enterprise.ionos_server:
        datacenter: bench
        name: fleet{size}-%02d
        count: {size}
        cores: 1
        ram: 1024"""

IMAGE = "bench-image.qcow2"
USER = "bench.user@example.com"
# Every module in the order a user builds things, so that each measured create is the
# prerequisite of the next ones: (label, module, arguments, runs). An action module runs
# "create" then "converged" (the same task again); an _info module runs once.
ACTION = ("create", "converged")
INFO = ("read",)
MEASURED = (
    ("ionos_location_info", "ionos_location_info", {"id": "de/fra"}, INFO),
    ("ionos_contract_info", "ionos_contract_info", {}, INFO),
    ("ionos_datacenter", "ionos_datacenter", {"name": "bench", "location": "de/fra", "description": "converged"}, ACTION),
    ("ionos_datacenter_info (by name)", "ionos_datacenter_info", {"name": "bench"}, INFO),
    ("ionos_server (1 NIC, 1 volume)", "ionos_server", {
        "datacenter": "bench", "name": "bench-server", "cores": 2, "ram": 2048,
        "nics": [{"name": "public", "lan": 1, "dhcp": True}],
        "volumes": [{"name": "bench-system", "size": 10, "image_alias": "ubuntu:latest",
                     "image_password": "Bench2026pass"}]}, ACTION),
    ("ionos_server_info", "ionos_server_info", {"datacenter": "bench"}, INFO),
    ("ionos_volume", "ionos_volume", {"datacenter": "bench", "name": "bench-data", "size": 10,
                                      "licence_type": "OTHER"}, ACTION),
    ("ionos_volume_info", "ionos_volume_info", {"datacenter": "bench"}, INFO),
    ("ionos_lan", "ionos_lan", {"datacenter": "bench", "name": "bench-private"}, ACTION),
    ("ionos_lan_info", "ionos_lan_info", {"datacenter": "bench"}, INFO),
    ("ionos_nic (LAN by name)", "ionos_nic", {"datacenter": "bench", "server": "bench-server", "name": "private",
                                              "lan": "bench-private"}, ACTION),
    ("ionos_nic_info", "ionos_nic_info", {"datacenter": "bench", "server": "bench-server"}, INFO),
    ("ionos_firewall_rule (under a NIC)", "ionos_firewall_rule", {
        "datacenter": "bench", "server": "bench-server", "nic": "public", "name": "allow-ssh", "protocol": "TCP",
        "port_range_start": 22, "port_range_end": 22}, ACTION),
    ("ionos_firewall_rule_info", "ionos_firewall_rule_info", {"datacenter": "bench", "server": "bench-server",
                                                              "nic": "public"}, INFO),
    ("ionos_loadbalancer (1 balanced NIC)", "ionos_loadbalancer", {
        "datacenter": "bench", "name": "bench-lb", "dhcp": True,
        "balanced_nics": [{"server": "bench-server", "nic": "private"}]}, ACTION),
    ("ionos_loadbalancer_info", "ionos_loadbalancer_info", {"datacenter": "bench"}, INFO),
    ("ionos_snapshot (of a volume)", "ionos_snapshot", {"datacenter": "bench", "volume": "bench-data",
                                                        "name": "bench-snapshot"}, ACTION),
    ("ionos_snapshot_info (by name)", "ionos_snapshot_info", {"name": "bench-snapshot"}, INFO),
    # The API cannot create an image (an upload does): "create" is the first update of one.
    ("ionos_image (update of an uploaded image)", "ionos_image", {"name": IMAGE, "description": "converged",
                                                                  "licence_type": "LINUX"}, ("update", "converged")),
    ("ionos_image_info (the account's own)", "ionos_image_info", {"public": False}, INFO),
    ("ionos_ipblock", "ionos_ipblock", {"name": "bench-ips", "location": "de/fra", "size": 2}, ACTION),
    ("ionos_ipblock_info", "ionos_ipblock_info", {"location": "de/fra"}, INFO),
    ("ionos_pcc", "ionos_pcc", {"name": "bench-pcc", "description": "converged"}, ACTION),
    ("ionos_pcc_info (by name)", "ionos_pcc_info", {"name": "bench-pcc"}, INFO),
    ("ionos_user", "ionos_user", {"email": USER, "firstname": "Bench", "lastname": "User",
                                  "user_password": "Bench2026pass"}, ACTION),
    ("ionos_user_info (by email)", "ionos_user_info", {"email": USER}, INFO),
    ("ionos_group (1 member)", "ionos_group", {"name": "bench-group", "create_datacenter": True,
                                               "users": [USER]}, ACTION),
    ("ionos_group_info (by name)", "ionos_group_info", {"name": "bench-group"}, INFO),
    ("ionos_share (a datacenter by name)", "ionos_share", {"group": "bench-group", "resource": "bench",
                                                           "resource_type": "datacenter", "edit_privilege": True},
     ACTION),
    ("ionos_share_info", "ionos_share_info", {"group": "bench-group"}, INFO),
    ("ionos_s3key (one key for a user)", "ionos_s3key", {"user": USER}, ACTION),
    ("ionos_s3key_info", "ionos_s3key_info", {"user": USER}, INFO),
    ("ionos_backupunit", "ionos_backupunit", {"name": "benchunit", "email": "backup@example.com",
                                              "backupunit_password": "Bench2026pass"}, ACTION),
    ("ionos_backupunit_info (by name)", "ionos_backupunit_info", {"name": "benchunit"}, INFO),
    ("ionos_k8s_cluster", "ionos_k8s_cluster", {"name": "bench-k8s"}, ACTION),
    ("ionos_k8s_cluster_info (by name)", "ionos_k8s_cluster_info", {"name": "bench-k8s"}, INFO),
    ("ionos_k8s_nodepool", "ionos_k8s_nodepool", {
        "cluster": "bench-k8s", "name": "workers", "datacenter": "bench", "node_count": 2, "cpu_family": "INTEL_XEON",
        "cores_count": 2, "ram_size": 4096, "availability_zone": "AUTO", "storage_type": "SSD",
        "storage_size": 20}, ACTION),
    ("ionos_k8s_nodepool_info", "ionos_k8s_nodepool_info", {"cluster": "bench-k8s"}, INFO),
    ("ionos_k8s_config (kubeconfig to a file)", "ionos_k8s_config",
     {"cluster": "bench-k8s", "path": "{{ bench_tmp }}/kubeconfig"}, ACTION),
    ("ionos_request_info (last 10)", "ionos_request_info", {"limit": 10}, INFO),
    ("ionos_resource_info (datacenters)", "ionos_resource_info", {"type": "datacenter"}, INFO),
)


def play(env, text):
    return run_playbook(env, text, "bench_modules")


def per_task_seconds(env, task):
    times = []
    for _run in range(RUNS):
        out = play(env, TIMING_PLAY.format(loops=LOOPS, task=task))
        times.append(float(out.split("BENCH ", 1)[1].split('"', 1)[0]) / LOOPS)
    return statistics.median(times)


def setup_tasks(root):
    """Before the measured tasks: Kubernetes writes done at once, and an image of the account's own."""
    return [
        {"name": "Kubernetes writes done at once, like every other request",
         "ansible.builtin.uri": {"url": root + "/_emulator/config", "method": "PUT", "body_format": "json",
                                 "body": {"k8s_delay": 0, "provisioning_delay": 0}}},
        {"name": "An image of the account's own, as an upload would add it",
         "ansible.builtin.uri": {"url": root + "/_emulator/images", "method": "POST", "body_format": "json",
                                 "body": {"name": IMAGE, "location": "de/fra", "licenceType": "UNKNOWN"},
                                 "status_code": 201}},
    ]


def calls_table(env, root):
    """[(label, run, reads, writes, calls)] for every measured run, and the seconds the play took."""
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, "plugins", "modules"))
                     if name.startswith("ionos_") and name.endswith(".py"))
    missing = sorted(set(modules) - {module for _label, module, _args, _runs in MEASURED})
    if missing:
        raise SystemExit("bench_modules.py measures no task of: %s" % ", ".join(missing))
    labels = [(label, run) for label, _module, _args, runs in MEASURED for run in runs]
    # A create must change and a converged run must not: else the figures are of another path.
    steps = [("%s %s" % (label, run), {FQCN + module: args}, run in ("create", "update"))
             for label, module, args, runs in MEASURED for run in runs]
    figures, seconds = measured_play(env, root, steps, "API calls of every module", setup=setup_tasks(root))
    # Here the reads count the status polls too.
    rows = [(label, run, figure["reads"] + figure["polls"], figure["writes"], figure["calls"])
            for (label, run), figure in zip(labels, figures)]
    return rows, seconds


def main():
    emulator, env = start_emulator()
    try:
        calls, calls_seconds = calls_table(env, emulator.root)
        module_s = per_task_seconds(env, CONVERGED)
        uri_s = per_task_seconds(env, URI_GET)
        latencies = []
        for delay in (0.0, 2.0):
            control(emulator.root, "config", "PUT", {"provisioning_delay": delay})
            runs = []
            for run in range(RUNS):
                task = CONVERGED.replace("name: bench", "name: bench-wait-%s-%d" % (delay, run))
                runs.append(per_task_once(env, task))
            latencies.append(statistics.median(runs))
        fleets = {}
        for size in (1, 20):   # still at a 2 s provisioning delay
            fleets[size] = statistics.median(
                per_task_once(env, FLEET.format(size=size).replace("name: fleet", "name: fleet%d-" % run))
                for run in range(3))
    finally:
        emulator.stop()
    lines = [
        "## Modules", "",
        f"Command: `make bench` (tests/bench_modules.py), against the embedded emulator; "
        f"times are medians of {RUNS} plays of {LOOPS} tasks each, per task.", "",
        f"API calls per task of every module (emulator counters): each action module's task run twice, "
        f"\"create\" then \"converged\" (the same task again, which must report changed=false), each "
        f"_info module's once; all {len(calls)} runs in one generated playbook ({calls_seconds:.0f} s), "
        f"each task's calls the difference of the counters read just before and just after it. The "
        f"prerequisites are the tasks above it in the table; Kubernetes writes are done at once "
        f"(`k8s_delay` 0).", "",
        "| module | run | reads | writes | calls |", "|---|---|---:|---:|---|",
    ] + [
        f"| {label} | {run} | {reads} | {writes} | {format_calls(counts)} |"
        for label, run, reads, writes, counts in calls
    ] + [
        "",
        "A converged task against the floor of one HTTP call made by Ansible:", "",
        "| task | seconds per task |", "|---|---:|",
        f"| `ionos_datacenter`, converged (1 GET) | {module_s:.3f} |",
        f"| `ansible.builtin.uri`, one GET | {uri_s:.3f} |",
        f"| ratio | {module_s / uri_s:.2f} |", "",
        "Waiting: a create task with the emulator's provisioning delay at 0 s and at 2 s; the "
        "difference less the 2 s is how late the task returns after the request is DONE:", "",
        "| provisioning delay | seconds per create task |", "|---|---:|",
        f"| 0 s | {latencies[0]:.3f} |", f"| 2 s | {latencies[1]:.3f} |",
        f"| returned after DONE | {latencies[1] - latencies[0] - 2.0:.3f} |", "",
        "Fleets: one `ionos_server` task with `count`, provisioning delay 2 s, median of 3 runs; "
        "the missing members are created in parallel and waited on together:", "",
        "| count | seconds per task |", "|---:|---:|",
        f"| 1 | {fleets[1]:.2f} |", f"| 20 | {fleets[20]:.2f} |",
        f"| ratio 20 / 1 | {fleets[20] / fleets[1]:.2f} |",
    ]
    section = "\n".join(lines) + "\n"
    replace_section(section)
    print(section)


def per_task_once(env, task):
    out = play(env, TIMING_PLAY.format(loops=1, task=task))
    return float(out.split("BENCH ", 1)[1].split('"', 1)[0])


if __name__ == "__main__":
    main()
