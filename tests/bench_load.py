"""`make bench` (load part): many forks provisioning servers against a rate-limited API.

    tests/bench_load.py [--quick] [--api-retries N]
    (--quick: 20 servers in 2 datacenters, 10 forks; printed, docs left alone.
     --api-retries: the tasks' api_retries, default 30; any other value leaves the docs alone too)

The emulator runs in a process of its own (so that the forks and the server share no GIL)
with its rate limit on. Ten datacenters are created first; then one play over an inventory
of 200 hosts (ansible_connection local: each host's task calls the API from the controller)
creates one `ionos.enterprise.ionos_server` per host, with a NIC and a volume, 20 per
datacenter, with 50 forks. Afterwards the API must hold exactly those servers (each name
once, 20 in each datacenter), and the same play run again must change nothing and write
nothing. Replaces the "## Load" section of docs/benchmarks.md.
"""

from __future__ import annotations

import base64
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from importlib.metadata import version

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from benchmarks_doc import replace_section  # noqa: E402
from run_integration import PASSWORD, USERNAME, Emulator  # noqa: E402  (the same emulator start as the tests)

PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
# (datacenters, servers per datacenter, forks, rate limit per minute, burst)
FULL = (10, 20, 50, 900, 25)
QUICK = (2, 10, 10, 300, 10)
# Each refused call is retried after its Retry-After; with 50 forks sharing one credential a call
# may be refused many times in a row, more than the modules' default of 5 retries allows.
API_RETRIES = 30
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
CONNECTION = {"api_url": "{{ lookup('ansible.builtin.env', 'IONOS_API_URL') }}",
              "username": "{{ lookup('ansible.builtin.env', 'IONOS_USERNAME') }}",
              "password": "{{ lookup('ansible.builtin.env', 'IONOS_PASSWORD') }}"}


def datacenter_name(index):
    return "load-dc%02d" % (index + 1)


def server_name(dc_index, index):
    return "load-dc%02d-s%02d" % (dc_index + 1, index + 1)


def control(root, path, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(root + "/_emulator/" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read())


def api_get(api, path):
    """One GET of the API, waiting out its 429s (this reader shares the credential and its limit)."""
    auth = base64.b64encode(("%s:%s" % (USERNAME, PASSWORD)).encode()).decode()
    while True:
        request = urllib.request.Request(api + path, headers={"Authorization": "Basic " + auth})
        try:
            with urllib.request.urlopen(request) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            if exc.code != 429:
                raise
            time.sleep(float(exc.headers.get("Retry-After") or 1))


def playbooks(tmp, datacenters, per_datacenter, retries):
    """The inventory, the play creating the datacenters and the play creating one server per host."""
    hosts = {server_name(dc, index): {"load_datacenter": datacenter_name(dc)}
             for dc in range(datacenters) for index in range(per_datacenter)}
    inventory = {"all": {"vars": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable},
                         "children": {"load": {"hosts": hosts}}}}
    setup = [{"name": "The datacenters", "hosts": "localhost", "gather_facts": False,
              "module_defaults": {"group/ionos.enterprise.ionos": CONNECTION},
              "tasks": [{"name": "Create the datacenter", "ionos.enterprise.ionos_datacenter": {
                  "name": "{{ item }}", "location": "de/fra", "api_retries": retries},
                  "loop": [datacenter_name(dc) for dc in range(datacenters)]}]}]
    servers = [{"name": "One server per host", "hosts": "load", "gather_facts": False,
                "module_defaults": {"group/ionos.enterprise.ionos": dict(CONNECTION, api_retries=retries)},
                "tasks": [{"name": "Create the server", "ionos.enterprise.ionos_server": {
                    "datacenter": "{{ load_datacenter }}", "name": "{{ inventory_hostname }}",
                    "cores": 1, "ram": 1024,
                    "nics": [{"name": "public", "lan": 1, "dhcp": True}],
                    "volumes": [{"name": "{{ inventory_hostname }}-system", "size": 10,
                                 "image_alias": "ubuntu:latest", "image_password": "Load2026pass"}]}}]}]
    paths = {}
    for name, content in (("inventory.yml", inventory), ("setup.yml", setup), ("servers.yml", servers)):
        paths[name] = os.path.join(tmp, name)
        with open(paths[name], "w", encoding="utf-8") as handle:
            yaml.safe_dump(content, handle, sort_keys=False)
    return paths, sorted(hosts)


def run_play(env, paths, play, forks):
    """Seconds and the PLAY RECAP of one ansible-playbook run: {host: (ok, changed, unreachable, failed)}."""
    started = time.perf_counter()
    proc = subprocess.run([PLAYBOOK, "-i", paths["inventory.yml"], "--forks", str(forks), paths[play]],
                          env=env, text=True, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    recap = {match.group(1): tuple(int(match.group(n)) for n in range(2, 6))
             for match in RECAP.finditer(proc.stdout)}
    if proc.returncode:
        failed = [line for line in proc.stdout.splitlines() if line.startswith(("fatal:", "failed:"))]
        print("ansible-playbook %s exited %d; %d failed tasks, the first: %s\n%s" % (
            play, proc.returncode, len(failed), failed[:3], proc.stderr[-2000:]), flush=True)
    return seconds, recap, proc.returncode


def verify(api, datacenters, per_datacenter):
    """Problems with what the API holds: every server name exactly once, in its datacenter, 20 per datacenter."""
    listing = api_get(api, "/datacenters?depth=3")
    problems = []
    names = Counter()
    per_dc = {}
    for dc in listing["items"]:
        dc_name = dc["properties"]["name"]
        servers = dc["entities"]["servers"]["items"]
        per_dc[dc_name] = len(servers)
        for server in servers:
            names[server["properties"]["name"]] += 1
            if not server["properties"]["name"].startswith(dc_name + "-"):
                problems.append("%s is in %s" % (server["properties"]["name"], dc_name))
    wanted = {server_name(dc, index) for dc in range(datacenters) for index in range(per_datacenter)}
    problems += ["%s: %d times" % (name, count) for name, count in sorted(names.items()) if count > 1]
    problems += ["%s missing" % name for name in sorted(wanted - set(names))]
    problems += ["%s not asked for" % name for name in sorted(set(names) - wanted)]
    problems += ["%s holds %s servers" % (datacenter_name(dc), per_dc.get(datacenter_name(dc)))
                 for dc in range(datacenters) if per_dc.get(datacenter_name(dc)) != per_datacenter]
    if len(per_dc) != datacenters:
        problems.append("%d datacenters, not %d" % (len(per_dc), datacenters))
    return sum(names.values()), problems


def bench(quick, retries):
    datacenters, per_datacenter, forks, rate_limit, burst = QUICK if quick else FULL
    total = datacenters * per_datacenter
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        emulator = Emulator(os.path.join(tmp, "emulator.log"))
        emulator.start()
        env = {key: value for key, value in os.environ.items() if not key.startswith("IONOS_")}
        env.update(ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".cache", "collections"),
                   ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_HOST_KEY_CHECKING="false",
                   IONOS_API_URL=emulator.api, IONOS_USERNAME=USERNAME, IONOS_PASSWORD=PASSWORD)
        try:
            control(emulator.root, "config", "PUT", {"rate_limit": rate_limit, "rate_burst": burst})
            paths, hosts = playbooks(tmp, datacenters, per_datacenter, retries)
            setup_s, _recap, code = run_play(env, paths, "setup.yml", forks)
            if code:
                raise SystemExit("the datacenters could not be created")
            control(emulator.root, "counters", "DELETE")
            create_s, create_recap, create_code = run_play(env, paths, "servers.yml", forks)
            create_counts = control(emulator.root, "counters")
            found, problems = verify(emulator.api, datacenters, per_datacenter)
            control(emulator.root, "counters", "DELETE")
            again_s, again_recap, again_code = run_play(env, paths, "servers.yml", forks)
            again_counts = control(emulator.root, "counters")
        finally:
            emulator.stop()
    result = {
        "datacenters": datacenters, "per_datacenter": per_datacenter, "total": total, "forks": forks,
        "rate_limit": rate_limit, "burst": burst, "setup_s": setup_s, "retries": retries,
        "create_s": create_s, "create_ok": create_code == 0 and all(
            create_recap.get(host, (0, 0, 0, 1))[1:] == (1, 0, 0) for host in hosts),
        "create_changed": sum(row[1] for row in create_recap.values()),
        "create_failed": sum(row[3] + row[2] for row in create_recap.values()) + len(set(hosts) - set(create_recap)),
        "create_counts": create_counts, "found": found, "problems": problems,
        "again_s": again_s, "again_ok": again_code == 0 and len(again_recap) == total,
        "again_changed": sum(row[1] for row in again_recap.values()),
        "again_failed": sum(row[3] + row[2] for row in again_recap.values()) + len(set(hosts) - set(again_recap)),
        "again_counts": again_counts,
    }
    return result


def targets(r, limited):
    """Issue 21's targets, for the full run only (its figures are of that run)."""
    if (r["datacenters"], r["per_datacenter"], r["forks"]) != FULL[:3]:
        return ""
    return ("Before it did (issue 21's figures), it learnt of the limit by hitting it: 2247 429 answers, 159 servers "
            "per minute. Targets: at most 225 429 answers (%s), at least 159 servers per minute (%s)." % (
                "met" if limited <= 225 else "NOT met", "met" if r["total"] * 60 / r["create_s"] >= 159 else "NOT met"))


def section_of(r):
    created, again = r["create_counts"], r["again_counts"]
    limited = created["statuses"].get("429", 0)
    lines = [
        "## Load", "",
        "Machine: %d CPUs, %s %s, Python %s, ansible-core %s. Command: `make bench` (tests/bench_load.py; "
        "`tests/bench_load.py --quick` for a 20-server smoke run), the emulator in a process of its own." % (
            os.cpu_count(), platform.system(), platform.machine(), platform.python_version(),
            version("ansible-core")), "",
        "%d hosts (`ansible_connection: local`, each host's task calls the API from the controller), "
        "`--forks %d`: each host creates its `ionos.enterprise.ionos_server` (1 NIC, 1 volume) in one of "
        "%d datacenters made before (%d servers each). The emulator's rate limit is on: %d requests per "
        "minute on average, a burst of %d, per credential, all hosts sharing one credential; a refused "
        "request is answered 429 with `Retry-After`, which the client waits out, up to `api_retries` times "
        "(%d here, set in `module_defaults`: with the default of 5, a call refused six times in a row fails "
        "its task; try `tests/bench_load.py --api-retries 5`). The API's references here name the X-RateLimit headers "
        "but give no figures for the real limits; these were chosen so that the limit bounds the create run: "
        "its %d calls cannot take less than %.0f s (all but the burst at the average rate). "
        "The client paces itself by the X-RateLimit headers (plugins/module_utils/_pacing.py). %s" % (
            r["total"], r["forks"], r["datacenters"], r["per_datacenter"], r["rate_limit"], r["burst"],
            r["retries"], created["total"], (created["total"] - r["burst"]) * 60.0 / r["rate_limit"],
            targets(r, limited)), "",
        "| run | wall s | servers per minute | API calls | writes sent | writes accepted (202) | 429 answers "
        "| changed | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        "| create | %.1f | %.0f | %d | %d | %d | %d | %d | %d |" % (
            r["create_s"], r["total"] * 60 / r["create_s"], created["total"], created["writes"],
            created["statuses"].get("202", 0), limited,
            r["create_changed"], r["create_failed"]),
        "| again (converged) | %.1f | | %d | %d | %d | %d | %d | %d |" % (
            r["again_s"], again["total"], again["writes"], again["statuses"].get("202", 0),
            again["statuses"].get("429", 0),
            r["again_changed"], r["again_failed"]), "",
        "The converged run makes 2 reads per host and is %s: its time is close to Ansible's own cost for %d "
        "hosts at %d forks on this machine, the floor under the create run's. " % (
            "refused nothing" if not again["statuses"].get("429") else "rarely refused",
            r["total"], r["forks"]) +
        "Checked through the API afterwards (`GET /datacenters?depth=3`): %d servers; %s. The 429 count is the "
        "emulator's count of the answers it sent with that status (`GET /_emulator/counters`, `statuses`). "
        "Answers by status in the create run: %s." % (
            r["found"], "each name exactly once, none missing, %d in every datacenter" % r["per_datacenter"]
            if not r["problems"] else "PROBLEMS: " + "; ".join(r["problems"][:10]),
            ", ".join("%s x%d" % item for item in created["statuses"].items())),
    ]
    return "\n".join(lines) + "\n"


def main():
    quick = "--quick" in sys.argv[1:]
    retries = int(sys.argv[sys.argv.index("--api-retries") + 1]) if "--api-retries" in sys.argv else API_RETRIES
    started = time.perf_counter()
    result = bench(quick, retries)
    section = section_of(result)
    print(section)
    print("bench_load: %.0f s in all" % (time.perf_counter() - started))
    if not quick and retries == API_RETRIES:
        replace_section(section)
    ok = (result["create_ok"] and result["again_ok"] and not result["problems"] and result["again_changed"] == 0
          and result["again_counts"]["writes"] == 0)
    if not ok:
        raise SystemExit("bench_load: the load run did not end as it must (see above)")


if __name__ == "__main__":
    main()
