"""`make bench` (modules part): API calls and time per task of the datacenter slice.

Replaces the "## Modules" section of docs/benchmarks.md (tests/emulator/bench.py writes
the rest). Every figure is a median over several runs against the embedded emulator.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from benchmarks_doc import replace_section  # noqa: E402
BIN = os.path.dirname(sys.executable)
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


SERVER = """ionos.enterprise.ionos_server:
        datacenter: bench
        name: bench-server
        cores: 2
        ram: 2048
        nics: [{name: public, lan: 1, dhcp: true}]
        volumes: [{name: bench-system, size: 10, image_alias: "ubuntu:latest", image_password: Bench2026pass}]"""
VOLUME = """ionos.enterprise.ionos_volume:
        datacenter: bench
        name: bench-data
        size: 10
        licence_type: OTHER"""
FLEET = """ionos.enterprise.ionos_server:
        datacenter: bench
        name: fleet{size}-%02d
        count: {size}
        cores: 1
        ram: 1024"""
LAN = """ionos.enterprise.ionos_lan:
        datacenter: bench
        name: bench-private"""
NIC = """ionos.enterprise.ionos_nic:
        datacenter: bench
        server: bench-server
        name: private
        lan: bench-private"""
FIREWALL_RULE = """ionos.enterprise.ionos_firewall_rule:
        datacenter: bench
        server: bench-server
        nic: public
        name: allow-ssh
        protocol: TCP
        port_range_start: 22
        port_range_end: 22"""
PER_TASK = (("ionos_datacenter", CONVERGED), ("ionos_server (1 NIC, 1 volume)", SERVER), ("ionos_volume", VOLUME),
            ("ionos_lan", LAN), ("ionos_nic (LAN by name)", NIC), ("ionos_firewall_rule (under a NIC)", FIREWALL_RULE))


def control(root, path, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(root + "/_emulator/" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def play(env, text):
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as handle:
        handle.write(text)
    try:
        proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), handle.name], env=env, text=True,
                              capture_output=True, check=False)
    finally:
        os.unlink(handle.name)
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    return proc.stdout


def per_task_seconds(env, task):
    times = []
    for _run in range(RUNS):
        out = play(env, TIMING_PLAY.format(loops=LOOPS, task=task))
        times.append(float(out.split("BENCH ", 1)[1].split('"', 1)[0]) / LOOPS)
    return statistics.median(times)


def calls_of(env, root, task):
    control(root, "counters", "DELETE")
    play(env, TIMING_PLAY.format(loops=1, task=task))
    counts = control(root, "counters")
    return counts["reads"], counts["writes"], dict(counts["calls"])


def main():
    from ionos_emulator.serve import Embedded
    from ionos_emulator.settings import Settings
    emulator = Embedded(Settings(host="127.0.0.1", port=0))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".cache", "collections"),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING="false",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="false", IONOS_API_URL=emulator.url,
               IONOS_USERNAME=emulator.settings.username, IONOS_PASSWORD=emulator.settings.password)
    try:
        calls = [(label, calls_of(env, emulator.root, task), calls_of(env, emulator.root, task))
                 for label, task in PER_TASK]
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
        "API calls per task (emulator counters):", "",
        "| module | run | reads | writes | calls |", "|---|---|---:|---:|---|",
    ] + [
        f"| {label} | {run} | {counts[0]} | {counts[1]} | {format_calls(counts[2])} |"
        for label, create, converged in calls for run, counts in (("create", create), ("converged", converged))
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


def format_calls(calls):
    return ", ".join("%s x%d" % (name, count) for name, count in sorted(calls.items()))


if __name__ == "__main__":
    main()
