"""roles/k8s_cluster (ionos.enterprise.k8s_cluster) against the emulator, with a real
Kubernetes delay: a cluster with two node pools and its kubeconfig built and then left alone
by a second run, a pool's labels changed in exactly one write, state absent removing
everything, and bad variables failing at argument validation before any API call."""

import copy
import json
import os
import re
import stat
import subprocess
import sys

import pytest
import requests
from conftest import PASSWORD, playbook_env, unescaped, USERNAME

RECAP = re.compile(r"changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")

# Makes the pools' datacenter, runs the role with the variables of a JSON file (extra vars)
# and prints k8s_cluster_result.
PLAYBOOK = """---
- name: Run the k8s_cluster role
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create the datacenter the nodes run in
      ionos.enterprise.ionos_datacenter:
        name: k8s-workers
        location: de/fra
      when: test_datacenter | default(false)
    - name: Build the cluster
      ansible.builtin.include_role:
        name: ionos.enterprise.k8s_cluster
    - name: Show the result
      ansible.builtin.debug:
        msg: "RESULT {{ k8s_cluster_result | to_json }} END"
"""

POOL = {"datacenter": "k8s-workers", "cpu_family": "INTEL_XEON", "cores_count": 2, "ram_size": 2048,
        "availability_zone": "AUTO", "storage_type": "HDD", "storage_size": 20}


def variables(tmp_path):
    return {
        "test_datacenter": True,
        "k8s_cluster_name": "role-cluster",
        "k8s_cluster_version": "1.18.9",
        "k8s_cluster_maintenance_window": {"day_of_the_week": "Monday", "time": "17:00:00"},
        "k8s_cluster_kubeconfig_path": str(tmp_path / "role-cluster.kubeconfig"),
        "k8s_cluster_nodepools": [
            dict(POOL, name="workers", node_count=2, auto_scaling={"min_node_count": 2, "max_node_count": 3},
                 labels={"tier": "workers"}),
            dict(POOL, name="backend", node_count=1, annotations={"team": "platform"}),
        ],
    }


def run(emulator, tmp_path, extra, *options):
    """(returncode, output, changed) of one ansible-playbook run against the emulator."""
    env = playbook_env(emulator.url)
    playbook = tmp_path / "role.yml"
    playbook.write_text(PLAYBOOK)
    extra_vars = tmp_path / "vars.json"
    extra_vars.write_text(json.dumps(extra))
    args = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-e", "@%s" % extra_vars, *options, str(playbook)]
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    recap = RECAP.search(proc.stdout)
    return proc.returncode, proc.stdout + proc.stderr, int(recap.group(1)) if recap else None


def converge(emulator, tmp_path, extra, *options):
    """Run the role successfully; (changed, writes, calls, k8s_cluster_result); counters reset."""
    code, out, changed = run(emulator, tmp_path, extra, *options)
    assert code == 0, out[-4000:]
    counters = emulator.counters()
    emulator.control("DELETE", "/counters")
    match = re.search(r"RESULT (.*) END", out)
    return changed, counters["writes"], counters["calls"], json.loads(json.loads('"%s"' % match.group(1)))


def api(emulator, path):
    answer = requests.get(emulator.url + path, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code < 300, answer.text
    return answer.json()


def writes_of(calls):
    return {key: count for key, count in calls.items() if not key.startswith("GET")}


def test_a_cluster_with_two_pools_and_its_kubeconfig_converges_changes_and_goes(emulator, tmp_path):
    emulator.config(k8s_delay=1)
    wanted = variables(tmp_path)
    kubeconfig = tmp_path / "role-cluster.kubeconfig"

    # Check mode on an empty account: a change is reported, nothing is written.
    changed, writes, calls, result = converge(emulator, tmp_path, wanted, "--check")
    assert changed > 0 and writes == 0 and result["id"] is None
    assert not kubeconfig.exists()

    changed, writes, calls, result = converge(emulator, tmp_path, wanted)
    assert changed > 0
    # The datacenter (made by the play), the cluster and the two pools; the kubeconfig is a read.
    assert writes_of(calls) == {"POST /datacenters": 1, "POST /k8s": 1, "POST /k8s/{k8sClusterId}/nodepools": 2}, calls
    assert writes == 4
    clusters = api(emulator, "/k8s?depth=1")["items"]
    assert [cluster["properties"]["name"] for cluster in clusters] == ["role-cluster"]
    assert clusters[0]["metadata"]["state"] == "ACTIVE"
    assert result == {"id": clusters[0]["id"], "name": "role-cluster", "nodepools": ["workers", "backend"],
                      "kubeconfig_path": str(kubeconfig)}
    pools = {pool["properties"]["name"]: pool for pool in api(emulator, "/k8s/%s/nodepools?depth=1" % result["id"])["items"]}
    assert sorted(pools) == ["backend", "workers"]
    assert all(pool["metadata"]["state"] == "ACTIVE" for pool in pools.values())
    assert pools["workers"]["properties"]["labels"] == {"tier": "workers"}
    assert stat.S_IMODE(kubeconfig.stat().st_mode) == 0o600
    assert "apiVersion" not in json.dumps(result)  # never the kubeconfig itself

    changed, writes, calls, result = converge(emulator, tmp_path, wanted)
    assert (changed, writes) == (0, 0), calls

    relabelled = copy.deepcopy(wanted)
    relabelled["k8s_cluster_nodepools"][0]["labels"] = {"tier": "workers", "team": "platform"}
    changed, writes, calls, result = converge(emulator, tmp_path, relabelled)
    assert (changed, writes) == (1, 1), calls
    assert writes_of(calls) == {"PUT /k8s/{k8sClusterId}/nodepools/{nodepoolId}": 1}
    workers = api(emulator, "/k8s/%s/nodepools/%s" % (result["id"], pools["workers"]["id"]))
    assert workers["properties"]["labels"] == {"tier": "workers", "team": "platform"}
    assert workers["properties"]["nodeCount"] == 2 and workers["properties"]["autoScaling"]["maxNodeCount"] == 3
    assert converge(emulator, tmp_path, relabelled)[:2] == (0, 0)

    gone = dict(relabelled, k8s_cluster_state="absent")
    # In check mode the pools and the cluster would go (the cluster's pools still exist then).
    changed, writes, calls, result = converge(emulator, tmp_path, gone, "--check")
    assert changed == 3 and writes == 0 and kubeconfig.exists()
    changed, writes, calls, result = converge(emulator, tmp_path, gone)
    assert changed > 0
    assert writes_of(calls) == {"DELETE /k8s/{k8sClusterId}/nodepools/{nodepoolId}": 2, "DELETE /k8s/{k8sClusterId}": 1}, calls
    assert api(emulator, "/k8s")["items"] == []
    assert not kubeconfig.exists()
    assert result == {"id": None, "name": "role-cluster", "nodepools": [], "kubeconfig_path": None}
    assert converge(emulator, tmp_path, gone)[:2] == (0, 0)


BAD = [
    ({"k8s_cluster_nodepools": [dict(POOL, name="workers", node_count="three")]}, "node_count"),
    ({"k8s_cluster_nodepools": [dict(POOL, name="workers", node_count=1, lables={"a": "b"})]}, "lables"),
    ({"k8s_cluster_nodepools": [{"name": "workers", "node_count": 1}]}, "datacenter"),
    ({"k8s_cluster_maintenance_window": {"day_of_the_week": "Someday", "time": "17:00:00"}}, "day_of_the_week"),
    ({"k8s_cluster_state": "gone"}, "k8s_cluster_state"),
    ({"k8s_cluster_nodepool": []}, "k8s_cluster_nodepool"),
    ({"k8s_cluster_nodepools": [dict(POOL, name="twin", node_count=1), dict(POOL, name="twin", node_count=1)]}, '"twin"'),
]


@pytest.mark.parametrize("bad, named", BAD)
def test_a_bad_variable_fails_at_the_start_naming_it_with_no_api_call(emulator, tmp_path, bad, named):
    code, out, unused_changed = run(emulator, tmp_path, dict({"k8s_cluster_name": "bad"}, **bad))
    assert code != 0
    out = unescaped(out)
    assert named in out, out[-3000:]
    assert emulator.counters()["calls"] == {}
