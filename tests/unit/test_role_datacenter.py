"""roles/datacenter (ionos.enterprise.datacenter) against the emulator: the SDK README's
Composite Build in one write, a richer datacenter converged by one ionos_datacenter task, changes
making only the needed writes, the opt-in prune (and its refusal of an ambiguous name), and bad
variables failing at argument validation before any API call."""

import copy
import json
import os
import re
import subprocess
import sys

import pytest
import requests
from conftest import PASSWORD, playbook_env, REPO, unescaped, USERNAME

RECAP = re.compile(r"changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
EXAMPLE = os.path.join(REPO, "roles", "datacenter", "examples", "composite_build.yml")

# Runs the role with the variables of a JSON file (extra vars) and prints datacenter_result.
PLAYBOOK = """---
- name: Run the datacenter role
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Build the datacenter
      ansible.builtin.include_role:
        name: ionos.enterprise.datacenter
    - name: Show the result
      ansible.builtin.debug:
        msg: "RESULT {{ datacenter_result | to_json }} END"
"""

RICH = {
    "datacenter_name": "Rich",
    "datacenter_description": "two LANs, two servers, a load balancer, an IP block",
    "datacenter_location": "de/fra",
    "datacenter_lans": [{"name": "public", "public": True}, {"name": "private"}],
    "datacenter_ipblocks": [{"name": "rich-app", "size": 1}],
    "datacenter_servers": [
        {"name": "web", "cores": 1, "ram": 1024,
         "nics": [{"name": "public", "lan": "public", "dhcp": True, "firewall_active": True,
                   "firewall_rules": [{"name": "http", "protocol": "TCP", "port_range_start": 80, "port_range_end": 80},
                                      {"name": "https", "protocol": "TCP", "port_range_start": 443,
                                       "port_range_end": 443}]},
                  {"name": "private", "lan": "private", "dhcp": True}],
         "volumes": [{"name": "web-system", "size": 10, "type": "HDD", "licence_type": "LINUX"}]},
        {"name": "app", "cores": 2, "ram": 2048, "cpu_family": "INTEL_XEON",
         "nics": [{"name": "public", "lan": "public", "ipblock": "rich-app", "firewall_active": True,
                   "firewall_rules": [{"name": "ssh", "protocol": "TCP", "port_range_start": 22, "port_range_end": 22}]},
                  {"name": "private", "lan": 2}]},
    ],
    "datacenter_volumes": [{"name": "spare", "size": 5, "licence_type": "OTHER"}],
    "datacenter_loadbalancers": [{"name": "front", "dhcp": True,
                                  "balanced_nics": [{"server": "web", "nic": "public"}]}],
}


def run(emulator, tmp_path, playbook=None, extra=None):
    """(returncode, stdout, changed) of one ansible-playbook run against the emulator."""
    env = playbook_env(emulator.url)
    args = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")]
    if playbook is None:
        playbook = tmp_path / "role.yml"
        playbook.write_text(PLAYBOOK)
        variables = tmp_path / "vars.json"
        variables.write_text(json.dumps(extra))
        args += ["-e", "@%s" % variables]
    proc = subprocess.run(args + [str(playbook)], env=env, capture_output=True, text=True, check=False)
    recap = RECAP.search(proc.stdout)
    return proc.returncode, proc.stdout + proc.stderr, int(recap.group(1)) if recap else None


def converge(emulator, tmp_path, variables=None, playbook=None):
    """Run the role successfully; (changed, writes, calls, datacenter_result); counters reset."""
    code, out, changed = run(emulator, tmp_path, playbook, variables)
    assert code == 0, out[-4000:]
    counters = emulator.counters()
    emulator.control("DELETE", "/counters")
    match = re.search(r"RESULT (.*) END", out)
    return changed, counters["writes"], counters["calls"], json.loads(json.loads('"%s"' % match.group(1))) if match else None


def api(emulator, method, path, body=None):
    answer = requests.request(method, emulator.url + path, json=body, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code < 300, answer.text
    return answer.json()


def tree(emulator, dc_id):
    return api(emulator, "GET", "/datacenters/%s?depth=6" % dc_id)


def names(collection):
    return sorted(item["properties"]["name"] for item in collection["items"])


def test_the_composite_build_through_the_role_is_one_write_and_a_rerun_none(emulator, tmp_path):
    changed, writes, calls, unused_output = converge(emulator, tmp_path, playbook=EXAMPLE)
    assert changed > 0
    # The whole tree in one POST; the modules then find everything as it should be.
    assert writes == 1 and calls["POST /datacenters"] == 1
    changed, writes, calls, unused_output = converge(emulator, tmp_path, playbook=EXAMPLE)
    assert (changed, writes) == (0, 0)


def test_a_richer_datacenter_converges_and_a_rerun_writes_nothing(emulator, tmp_path):
    changed, writes, calls, result = converge(emulator, tmp_path, RICH)
    assert changed > 0 and result["created"]
    # IP block, the composite create, then the load balancer with its balanced NIC.
    assert writes == 3, calls
    dc = tree(emulator, result["id"])
    assert names(dc["entities"]["lans"]) == ["private", "public"]
    servers = {item["properties"]["name"]: item for item in dc["entities"]["servers"]["items"]}
    assert sorted(servers) == ["app", "web"]
    web_nics = {nic["properties"]["name"]: nic for nic in servers["web"]["entities"]["nics"]["items"]}
    assert names(web_nics["public"]["entities"]["firewallrules"]) == ["http", "https"]
    app_public = [nic for nic in servers["app"]["entities"]["nics"]["items"] if nic["properties"]["name"] == "public"][0]
    block = api(emulator, "GET", "/ipblocks?depth=1")["items"][0]
    assert app_public["properties"]["ips"] == block["properties"]["ips"]
    assert names(servers["web"]["entities"]["volumes"]) == ["web-system"]
    assert names(dc["entities"]["volumes"]) == ["spare", "web-system"]
    balancer = dc["entities"]["loadbalancers"]["items"][0]
    assert [nic["id"] for nic in balancer["entities"]["balancednics"]["items"]] == [web_nics["public"]["id"]]

    changed, writes, calls, result = converge(emulator, tmp_path, RICH)
    assert (changed, writes) == (0, 0) and not result["created"]


def test_the_same_structure_built_resource_by_resource_converges_too(emulator, tmp_path):
    # The datacenter exists (empty): no composite create, every resource by its module.
    api(emulator, "POST", "/datacenters", {"properties": {"name": "Rich", "location": "de/fra"}})
    emulator.control("DELETE", "/counters")
    changed, writes, calls, result = converge(emulator, tmp_path, RICH)
    assert changed > 0 and not result["created"]
    assert calls.get("POST /datacenters", 0) == 0
    # The IP block; then the description, 2 LANs and the spare volume; then the 2 servers on
    # the new LANs, each with its NICs, rules and volume in one POST; then the load balancer
    # with its balanced NIC.
    assert writes == 8, {k: v for k, v in calls.items() if not k.startswith("GET")}
    assert converge(emulator, tmp_path, RICH)[:2] == (0, 0)


def test_a_change_in_the_structure_makes_only_the_needed_writes(emulator, tmp_path):
    converge(emulator, tmp_path, RICH)
    changed_structure = copy.deepcopy(RICH)
    changed_structure["datacenter_servers"][0]["cores"] = 2
    changed_structure["datacenter_servers"][1]["nics"][0]["firewall_rules"].append(
        {"name": "ping", "protocol": "ICMP", "icmp_type": 8})
    changed, writes, calls, unused_output = converge(emulator, tmp_path, changed_structure)
    # One task (ionos_datacenter) converges both.
    assert changed == 1
    # One PATCH of the server, one POST of the rule.
    assert writes == 2, calls
    assert calls["PATCH /datacenters/{datacenterId}/servers/{serverId}"] == 1
    assert calls["POST /datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules"] == 1
    assert converge(emulator, tmp_path, changed_structure)[:2] == (0, 0)


def test_prune_removes_exactly_what_is_unlisted_and_refuses_an_ambiguous_name(emulator, tmp_path):
    result = converge(emulator, tmp_path, RICH)[3]
    servers = "/datacenters/%s/servers" % result["id"]
    stray = api(emulator, "POST", servers, {"properties": {"name": "stray", "cores": 1, "ram": 1024}})["id"]
    emulator.control("DELETE", "/counters")

    # Off by default: the stray server stays.
    assert converge(emulator, tmp_path, RICH)[:2] == (0, 0)

    pruning = dict(RICH, datacenter_prune=True)
    changed, writes, calls, result = converge(emulator, tmp_path, pruning)
    assert (changed, writes) == (1, 1), calls
    assert calls["DELETE /datacenters/{datacenterId}/servers/{serverId}"] == 1
    assert result["pruned"] == ['server "stray" (id %s)' % stray]
    assert names(api(emulator, "GET", servers + "?depth=1")) == ["app", "web"]
    assert converge(emulator, tmp_path, pruning)[:2] == (0, 0)

    # Two unlisted servers with one name: nothing is deleted, both ids are named.
    twins = [api(emulator, "POST", servers, {"properties": {"name": "twin", "cores": 1, "ram": 1024}})["id"]
             for unused in range(2)]
    emulator.control("DELETE", "/counters")
    code, out, unused_output = run(emulator, tmp_path, extra=pruning)
    assert code != 0
    out = unescaped(out)
    assert 'server "twin"' in out and "ambiguous" in out
    assert all(twin in out for twin in twins)
    assert emulator.counters()["writes"] == 0
    assert names(api(emulator, "GET", servers + "?depth=1")) == ["app", "twin", "twin", "web"]


def test_prune_removes_unlisted_nics_firewall_rules_and_load_balancers(emulator, tmp_path):
    converge(emulator, tmp_path, RICH)
    smaller = copy.deepcopy(RICH)
    smaller["datacenter_prune"] = True
    smaller["datacenter_loadbalancers"] = []
    del smaller["datacenter_servers"][0]["nics"][0]["firewall_rules"][1]  # https
    del smaller["datacenter_servers"][1]["nics"][1]  # app's private NIC
    changed, writes, calls, result = converge(emulator, tmp_path, smaller)
    assert writes == 3, calls
    assert sorted(label.split(" (id")[0] for label in result["pruned"]) == [
        'NIC "private" of server "app"',
        'firewall rule "https" of server "web" NIC "public"',
        'load balancer "front"',
    ]
    assert converge(emulator, tmp_path, smaller)[:2] == (0, 0)


BAD = [
    ({"datacenter_servers": [{"name": "web", "cores": "four", "ram": 1024}]}, "cores"),
    ({"datacenter_servers": [{"name": "web", "cores": 1, "ram": 1024, "nics": [{"name": "n", "lan": "1", "firewal": True}]}]},
     "firewal"),
    ({"datacenter_lans": "public"}, "datacenter_lans"),
    ({"datacenter_prune": "sometimes"}, "datacenter_prune"),
    ({"datacenter_severs": []}, "datacenter_severs"),
    ({"datacenter_servers": [{"name": "web", "cores": 1, "ram": 1024, "nics": [{"name": "n", "lan": "dmz"}]}]}, '"dmz"'),
]


@pytest.mark.parametrize("bad, named", BAD)
def test_a_bad_variable_fails_at_the_start_naming_it_with_no_api_call(emulator, tmp_path, bad, named):
    variables = dict({"datacenter_name": "Bad", "datacenter_location": "de/fra"}, **bad)
    code, out, unused_output = run(emulator, tmp_path, extra=variables)
    assert code != 0
    out = unescaped(out)
    assert named in out, out[-3000:]
    assert emulator.counters()["calls"] == {}


def test_absent_from_an_empty_account_is_unchanged_with_a_null_id(emulator, tmp_path):
    changed, writes, unused_calls, result = converge(
        emulator, tmp_path, {"datacenter_name": "Gone", "datacenter_location": "de/fra", "datacenter_state": "absent"})
    # null, not "" (as ansible-core 2.18 rendered it in a mapping of templates), and no write.
    assert (changed, writes) == (0, 0)
    assert result["id"] is None and result["created"] is False and result["tree"] is None and result["pruned"] == []
