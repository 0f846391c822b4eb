"""Job slicing as AWX does it (docs/awx.md, "When one controller is not enough"), through ansible-runner.

The demo datacenter (playbooks/demo.yml, run as an AWX job) gets more servers; one inventory
update (ansible-inventory --list --export of inventory/demo.ionos.yml, read with plain
json.load as AWX reads it) gives the hosts; they are split into slices the way AWX splits
them, and a small playbook runs once per slice, the slices at the same time, each in a
private data dir of its own (AWX's slice jobs run in containers of their own). From the
runner's events and stats: every host of the inventory ran exactly once across the slices,
no slice was empty, and each slice ran on exactly the hosts AWX would give it. A wrong split
(AWX's rule off by one) runs too and must be caught.

AWX's rule (awx/main/models/inventory.py, Inventory.get_script_data and get_sliced_hosts):
the inventory's enabled hosts ordered by name, and slice n of N (n from 1) is every N-th of
them starting at the n-th, ``hosts[n - 1::N]``. The order the plugin adds hosts in does not
matter: AWX keeps hosts in its database and orders them by name there.
"""

import json
import os
import shutil
import sys
import tempfile
import time

import ansible_runner
import pytest
import requests
from awx_update import inventory_update
from conftest import COLLECTIONS, CORE, REPO
from ionos_emulator.serve import Embedded
from ionos_emulator.settings import Settings

BIN = os.path.dirname(sys.executable)
SLICES = 2
DEMO_DATACENTER = "Python SDK Data Center"
# Created in this order, which is neither the plugin's order nor AWX's (by name). Seven
# hosts with the demo's server: slices of 4 and 3.
EXTRA_SERVERS = ("web-2", "app-1", "db-2", "web-1", "app-2", "db-1")
# The job each slice runs: one task that needs no connection and shows a host variable that
# came through the inventory update, so that a host the slice's inventory lost shows as missing.
SLICE_PLAYBOOK = """\
- name: One slice of the fleet
  hosts: all
  gather_facts: false
  tasks:
    - name: Report the host
      ansible.builtin.debug:
        msg: "{{ ionos_id }}"
"""


def awx_slice(hostnames, number, count):
    """The hosts of slice ``number`` (from 1) of ``count``: by name, every count-th from the number-th."""
    return sorted(hostnames)[number - 1::count]


def off_by_one_slice(hostnames, number, count):
    """A wrong split for the test to catch: slice numbers taken as offsets from 0."""
    return sorted(hostnames)[number::count]


def untagged(value):
    # ansible-inventory writes strings from the API as {"__ansible_unsafe": s} and AWX stores them
    # so; ansible-core decodes the marks again when it reads the slice's inventory script (the
    # play's debug shows a plain string).
    return value["__ansible_unsafe"] if list(value) == ["__ansible_unsafe"] else value


def slice_inventory(listing, hosts):
    """The inventory AWX gives a slice job, in the inventory-script form AWX writes: every
    group of the update, each with only its hosts that are in the slice, and the slice's host
    variables; hosts in no group are all's own."""
    wanted = set(hosts)
    data = {"_meta": {"hostvars": dict((name, listing["_meta"]["hostvars"][name]) for name in hosts)}}
    grouped = set()
    groups = [name for name in listing if name not in ("_meta", "all", "ungrouped")]
    for name in groups:
        group = {}
        members = [host for host in listing[name].get("hosts", []) if host in wanted]
        if members:
            group["hosts"] = members
            grouped.update(members)
        if listing[name].get("children"):
            group["children"] = [child for child in listing[name]["children"] if child != "ungrouped"]
        if group:
            data[name] = group
    data["all"] = {"hosts": [host for host in hosts if host not in grouped], "children": groups}
    return data


def write_script(path, data):
    """An executable inventory script that prints ``data``, as AWX writes inventory/hosts."""
    with open(path, "w") as handle:
        handle.write("#!%s\nimport sys\nsys.stdout.write(%r)\n" % (sys.executable, json.dumps(data)))
    os.chmod(path, 0o700)


def job_env(api_url, settings, private_data_dir, home, tmp):
    """The environment of a job or an inventory update: the credential's variables, the EE's
    tools, and every per-user and temporary place in the job's own directories."""
    env = dict(IONOS_API_URL=api_url, IONOS_USERNAME=settings.username, IONOS_PASSWORD=settings.password,
               IONOS_TOKEN="", IONOS_CONTRACT_NUMBER="", HOME=home,
               PATH=BIN + os.pathsep + os.environ.get("PATH", os.defpath),
               ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false", ANSIBLE_NOCOLOR="1",
               # Temporary files, and the pacing state (Python's temp dir), per job: a slice's
               # container has a /tmp of its own.
               TMPDIR=tmp, ANSIBLE_HOME=os.path.join(private_data_dir, "ansible"),
               ANSIBLE_LOCAL_TEMP=os.path.join(tmp, "local"), ANSIBLE_REMOTE_TMP=os.path.join(tmp, "remote"))
    return env


class Fleet:
    """The emulator, the hosts of the one inventory update, its listing as AWX reads it, and
    the empty HOMEs handed out to jobs (each must still be empty at the end)."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.emulator = Embedded(Settings(host="127.0.0.1", port=0))
        self.hostnames = []
        self.listing = {}
        self.homes = []
        self.tmps = []

    def empty_home(self):
        home = str(self.tmp / ("home-%d" % len(self.homes)))
        os.makedirs(home)
        self.homes.append(home)
        return home

    def short_tmp(self):
        # Not under tmp_path: ansible-core 2.21 listens on a Unix socket in TMPDIR for its workers,
        # and a socket's path may not exceed 107 bytes (pytest-xdist's tmp_path makes it longer:
        # "Local RPC server did not start").
        self.tmps.append(tempfile.mkdtemp(prefix="awx-job-"))
        return self.tmps[-1]

    def env(self, private_data_dir):
        return job_env(self.emulator.url, self.emulator.settings, private_data_dir, self.empty_home(), self.short_tmp())


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """The demo's datacenter, built by the demo job, with EXTRA_SERVERS added, and one inventory update of it."""
    fleet = Fleet(tmp_path_factory.mktemp("slicing"))
    emulator = fleet.emulator
    try:
        build = str(fleet.tmp / "build")
        for folder in ("playbooks", "roles", "inventory"):
            shutil.copytree(os.path.join(REPO, folder), os.path.join(build, "project", folder))
        env = fleet.env(build)
        started = time.monotonic()
        result = ansible_runner.run(private_data_dir=build, playbook="playbooks/demo.yml", ident="demo",
                                    envvars=env, suppress_env_files=True, quiet=True)
        assert (result.status, result.rc) == ("successful", 0), result.stdout.read()[-3000:]
        print("demo job: %.1f s" % (time.monotonic() - started))
        add_servers(emulator, EXTRA_SERVERS)
        api_calls(emulator, reset=True)

        fleet.listing = inventory_update(build, env)
        fleet.hostnames = sorted(fleet.listing["_meta"]["hostvars"])
        assert fleet.hostnames == sorted(EXTRA_SERVERS + ("Python SDK Server",)), fleet.hostnames
        # docs/awx.md: the demo's source names its datacenter, so one update is 2 calls: the
        # list that finds the id, and the datacenter read deep enough for servers and NICs.
        assert api_calls(emulator, reset=True) == {"GET /datacenters": 1, "GET /datacenters/{datacenterId}": 1}
        yield fleet
        # The slices worked from the update: none of them read the API again.
        assert api_calls(emulator) == {}
    finally:
        emulator.stop()
        for tmp in fleet.tmps:
            shutil.rmtree(tmp, ignore_errors=True)
    for home in fleet.homes:
        assert os.listdir(home) == [], "a job wrote into its HOME %s: %s" % (home, os.listdir(home))


def api_calls(emulator, reset=False):
    """The API calls the emulator counted since the last reset, by "METHOD /path"; then reset them."""
    counted = requests.get(emulator.root + "/_emulator/counters", timeout=30).json()["calls"]
    if reset:
        requests.delete(emulator.root + "/_emulator/counters", timeout=30).raise_for_status()
    return counted


def add_servers(emulator, names):
    """Servers with a NIC on the demo's private LAN, straight through the API."""
    auth = (emulator.settings.username, emulator.settings.password)
    datacenters = requests.get(emulator.url + "/datacenters", params={"depth": 1}, auth=auth, timeout=30).json()
    [datacenter] = [dc["id"] for dc in datacenters["items"] if dc["properties"]["name"] == DEMO_DATACENTER]
    lans = requests.get(emulator.url + "/datacenters/%s/lans" % datacenter, params={"depth": 1}, auth=auth, timeout=30)
    [private] = [lan["id"] for lan in lans.json()["items"] if lan["properties"]["name"] == "Private LAN"]
    for name in names:
        body = {"properties": {"name": name, "cores": 1, "ram": 1024},
                "entities": {"nics": {"items": [{"properties": {"name": "eth0", "lan": int(private), "dhcp": True}}]}}}
        answer = requests.post(emulator.url + "/datacenters/%s/servers" % datacenter, json=body, auth=auth, timeout=30)
        assert answer.status_code == 202, answer.text


def run_slices(fleet, split, tmp_path):
    """Each slice's playbook run, all at once, each in a private data dir of its own: {slice number:
    (the hosts its inventory had, the hosts its task ran on, the hosts in its stats, ionos_id by host)}."""
    started = {}
    for number in range(1, SLICES + 1):
        private_data_dir = str(tmp_path / ("slice-%d" % number))
        os.makedirs(os.path.join(private_data_dir, "project"))
        os.makedirs(os.path.join(private_data_dir, "inventory"))
        with open(os.path.join(private_data_dir, "project", "slice.yml"), "w") as handle:
            handle.write(SLICE_PLAYBOOK)
        hosts = split(fleet.hostnames, number, SLICES)
        write_script(os.path.join(private_data_dir, "inventory", "hosts"), slice_inventory(fleet.listing, hosts))
        env = fleet.env(private_data_dir)
        thread, runner = ansible_runner.run_async(private_data_dir=private_data_dir, playbook="slice.yml",
                                                  ident="slice-%d" % number, envvars=env, suppress_env_files=True,
                                                  quiet=True)
        started[number] = (hosts, thread, runner)
    slices = {}
    for number, (hosts, thread, runner) in started.items():
        thread.join(120)
        assert (runner.status, runner.rc) == ("successful", 0), runner.stdout.read()[-3000:]
        reported = dict((event["event_data"]["host"], event["event_data"]["res"]["msg"])
                        for event in runner.events if event["event"] == "runner_on_ok"
                        and event["event_data"]["task"] == "Report the host")
        ran = [event["event_data"]["host"] for event in runner.events if event["event"] == "runner_on_ok"
               and event["event_data"]["task"] == "Report the host"]
        slices[number] = (hosts, ran, sorted(runner.stats["processed"]) if runner.stats else [], reported)
    return slices


def assert_each_host_once(inventory_hosts, slices):
    """Every host of the inventory ran exactly once across the slices, no slice ran on none,
    and each slice ran on its inventory's hosts and on nothing else."""
    ran_anywhere = []
    for number, (hosts, ran, processed, unused_reported) in sorted(slices.items()):
        assert ran, "slice %d ran on no host" % number
        assert sorted(ran) == sorted(hosts) == processed, "slice %d: inventory %s, ran %s, stats %s" % (
            number, hosts, ran, processed)
        ran_anywhere.extend(ran)
    twice = sorted(set(host for host in ran_anywhere if ran_anywhere.count(host) > 1))
    assert not twice, "ran in more than one slice: %s" % twice
    missing = sorted(set(inventory_hosts) - set(ran_anywhere))
    assert not missing, "in no slice: %s" % missing
    assert sorted(ran_anywhere) == sorted(inventory_hosts)


def test_slices_split_the_inventory_as_awx_does(fleet, tmp_path):
    started = time.monotonic()
    slices = run_slices(fleet, awx_slice, tmp_path)
    print("%d slices at once: %.1f s" % (SLICES, time.monotonic() - started))
    assert_each_host_once(fleet.hostnames, slices)
    # AWX's split: by name, every other host; 7 hosts give 4 and 3.
    assert slices[1][0] == ["Python SDK Server", "app-2", "db-2", "web-2"]
    assert slices[2][0] == ["app-1", "db-1", "web-1"]
    # Each host's task saw the variables of its server, as the update read them.
    hostvars = fleet.listing["_meta"]["hostvars"]
    # docs/awx.md: AWX keeps ansible-core 2.19's marks of untrusted strings, so enabled_var
    # has to look inside them (ionos_vm_state.__ansible_unsafe). On 2.18 the plugin marks only
    # strings with a brace in them, so the state is plain text there.
    state = '{"__ansible_unsafe": "RUNNING"}' if CORE >= (2, 19) else '"RUNNING"'
    assert set(json.dumps(hostvars[host]["ionos_vm_state"]) for host in hostvars) == {state}
    for unused_hosts, unused_ran, unused_processed, reported in slices.values():
        assert reported == dict((host, untagged(hostvars[host]["ionos_id"])) for host in reported)


def test_a_wrong_split_is_caught(fleet, tmp_path):
    slices = run_slices(fleet, off_by_one_slice, tmp_path)
    with pytest.raises(AssertionError, match=r"in no slice: \['Python SDK Server'\]"):
        assert_each_host_once(fleet.hostnames, slices)
