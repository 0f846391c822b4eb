"""What the `make bench` scripts that run ansible-playbook against the embedded emulator share:
starting the emulator with an environment that points Ansible at it, and measuring tasks.

``measured_play`` runs tasks in ONE generated play, each between two snapshots of the
emulator's counters (``/_emulator/counters``, read by a lookup at templating time, which is
no API call) and of the clock, so that each task's calls and wall time are its own, without
an ansible-playbook start per task.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
BIN = os.path.dirname(sys.executable)
FQCN = "ionos.enterprise."
# Every call a wait spends: the status polls, and the listing of requests that polls several
# at once (GET /requests) with the one read of a request (GET /requests/{requestId}) that
# dates that listing.
WAITING = "GET /requests"
COUNTERS = "lookup('ansible.builtin.url', bench_root ~ '/_emulator/counters', split_lines=false) | from_json"
CLOCK = "lookup('ansible.builtin.pipe', 'date +%s.%N') | float"


def start_emulator():
    """The embedded emulator (provisioning delay 0) and the environment of an ansible-playbook
    that uses it: the collection from .cache/collections (make collection-link), no colour."""
    from ionos_emulator.serve import Embedded
    from ionos_emulator.settings import Settings
    emulator = Embedded(Settings(host="127.0.0.1", port=0))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".cache", "collections"),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="false",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="false", IONOS_API_URL=emulator.url,
               IONOS_USERNAME=emulator.settings.username, IONOS_PASSWORD=emulator.settings.password)
    env.pop("IONOS_TOKEN", None)
    return emulator, env


def control(root, path, method="GET", body=None):
    """A call to the emulator's own endpoints (``/_emulator/<path>``): its answer, decoded."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(root + "/_emulator/" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def format_calls(calls):
    return ", ".join("%s x%d" % (name, count) for name, count in sorted(calls.items()))


def split_calls(calls):
    """(reads, waiting calls, writes) of a {"METHOD /path": count} map: reads are the GETs a
    wait did not spend."""
    waiting = sum(count for call, count in calls.items() if call.startswith(WAITING))
    reads = sum(count for call, count in calls.items() if call.startswith("GET ")) - waiting
    return reads, waiting, sum(calls.values()) - reads - waiting


def run_playbook(env, plays, label):
    """ansible-playbook on generated plays (data, or YAML text); its output, or SystemExit when it fails."""
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as handle:
        handle.write(plays if isinstance(plays, str) else yaml.safe_dump(plays, sort_keys=False, width=1000))
    try:
        proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), handle.name], env=env, cwd=ROOT, text=True,
                              capture_output=True, check=False)
    finally:
        os.unlink(handle.name)
    if proc.returncode:
        raise SystemExit("%s: ansible-playbook failed (exit %d)\n%s%s" % (label, proc.returncode, proc.stdout,
                                                                          proc.stderr))
    return proc.stdout


def measured_play(env, root, steps, label, setup=()):
    """Run ``steps`` [(name, task, changed)] in one play, after the unmeasured ``setup`` tasks;
    ``task`` is a task's body ({module: arguments}, maybe with loop or vars); the variable
    ``bench_tmp`` names a scratch directory. Returns one figure per step: its calls, reads,
    waiting calls (``polls``), writes, wall time and changed. A step that reports another
    changed than ``changed`` (None: either) ends the script, like a failing task."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tasks = list(setup)
        for index, (name, task, _changed) in enumerate(steps):
            tasks += [
                {"name": "Before %d" % index, "ansible.builtin.set_fact": {
                    "bench_log": "{{ bench_log + [{'calls': %s, 'clock': %s}] }}" % (COUNTERS, CLOCK)}},
                dict(task, name=name, register="bench_result"),
                # The clock first: the counters' lookup is then outside the task's time.
                {"name": "After %d" % index, "ansible.builtin.set_fact": {
                    "bench_log": "{{ bench_log + [{'clock': %s, 'calls': %s, 'changed': bench_result.changed}] }}"
                                 % (CLOCK, COUNTERS)}},
            ]
        tasks.append({"name": "Write the counters", "ansible.builtin.copy": {
            "content": "{{ bench_log | to_json }}", "dest": os.path.join(tmp, "counters.json"), "mode": "0600"}})
        started = time.monotonic()
        run_playbook(env, [{"name": label, "hosts": "localhost", "gather_facts": False,
                            "vars": {"bench_root": root, "bench_tmp": tmp, "bench_log": []}, "tasks": tasks}], label)
        seconds = time.monotonic() - started
        with open(os.path.join(tmp, "counters.json"), encoding="utf-8") as handle:
            log = json.load(handle)
    figures = [step_figures(name, before, after) for (name, _task, _changed), before, after
               in zip(steps, log[0::2], log[1::2])]
    for (name, _task, changed), figure in zip(steps, figures):
        if changed is not None and figure["changed"] != changed:
            raise SystemExit("%s: %s: changed=%s, expected %s" % (label, name, figure["changed"], changed))
    return figures, seconds


def step_figures(name, before, after):
    calls = {call: count - before["calls"]["calls"].get(call, 0) for call, count in after["calls"]["calls"].items()
             if count != before["calls"]["calls"].get(call, 0)}
    reads, polls, writes = split_calls(calls)
    return {"name": name, "calls": calls, "total": sum(calls.values()), "reads": reads, "polls": polls,
            "writes": writes, "seconds": after["clock"] - before["clock"], "changed": after["changed"]}
