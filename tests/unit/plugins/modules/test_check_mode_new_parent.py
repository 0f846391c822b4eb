"""Check mode previews a whole play (issue 19): a resource whose parent (datacenter, server,
NIC, cluster, group, user) an earlier task would create, named by its name, reports changed
(it would be created with it), writes nothing, fails nothing, and its diff shows it. A parent
given by an id that does not exist is still an error: no earlier task can create that id."""

import pytest
from conftest import warnings_of

from ansible_collections.ionos.enterprise.plugins.modules.ionos_firewall_rule import main as firewall_rule
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_nodepool import main as nodepool
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main as lan
from ansible_collections.ionos.enterprise.plugins.modules.ionos_loadbalancer import main as loadbalancer
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic import main as nic
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key import main as s3key
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume import main as volume

MISSING_ID = "00000000-0000-4000-8000-000000000000"

# (module, its arguments under a parent that does not exist yet, the result key, a name it plans)
CHILDREN = [
    ("server", server, dict(datacenter="new-dc", name="web", cores=1, ram=1024), "server", "web"),
    ("volume", volume, dict(datacenter="new-dc", name="data", size=10, licence_type="LINUX"), "volume", "data"),
    ("lan", lan, dict(datacenter="new-dc", name="front", public=True), "lan", "front"),
    ("nic", nic, dict(datacenter="new-dc", server="web", name="eth0", lan=1), "nic", "eth0"),
    ("firewall rule", firewall_rule, dict(datacenter="new-dc", server="web", nic="eth0", name="ssh",
                                          protocol="TCP", port_range_start=22, port_range_end=22),
     "firewall_rule", "ssh"),
    ("load balancer", loadbalancer, dict(datacenter="new-dc", name="lb"), "loadbalancer", "lb"),
    ("node pool", nodepool, dict(cluster="new-cluster", name="workers", datacenter="new-dc", node_count=1,
                                 cores_count=2, ram_size=2048, availability_zone="AUTO", storage_type="HDD",
                                 storage_size=20, cpu_family="INTEL_XEON"), "nodepool", "workers"),
]


@pytest.mark.parametrize("main,args,key,name", [row[1:] for row in CHILDREN], ids=[row[0] for row in CHILDREN])
def test_check_mode_under_a_parent_not_created_yet_would_create(run_module, emulator, main, args, key, name):
    result = run_module(main, _check_mode=True, _diff=True, **args)
    assert not result.get("failed") and result["changed"] is True, result
    assert result[key]["id"] is None and result[key]["properties"]["name"] == name, result
    assert result["diff"]["before"] == {} and result["diff"]["after"]["name"] == name, result
    assert any("Check mode assumes that an earlier task creates it" in text for text in warnings_of(result))
    assert emulator.counters()["writes"] == 0


def test_a_fleet_under_a_datacenter_not_created_yet(run_module, emulator):
    result = run_module(server, datacenter="new-dc", name="web-%02d", count=2, cores=1, ram=1024,
                        _check_mode=True, _diff=True)
    assert not result.get("failed") and result["changed"] is True, result
    assert [member["properties"]["name"] for member in result["servers"]] == ["web-01", "web-02"]
    assert sorted(result["diff"]["after"]) == ["web-01", "web-02"] and result["diff"]["before"] == {}


def test_s3_keys_of_a_user_not_created_yet(run_module, emulator):
    result = run_module(s3key, user="new@example.com", count=1, _check_mode=True, _diff=True)
    assert not result.get("failed") and result["changed"] is True, result


def test_a_task_that_only_changes_what_an_earlier_task_creates(run_module, emulator):
    # Attaching volumes to a server an earlier task creates: no cores or ram here, and none needed.
    result = run_module(server, datacenter="new-dc", name="web", attach_volumes=["data"], _check_mode=True)
    assert not result.get("failed") and result["changed"] is True, result
    result = run_module(server, datacenter="new-dc", name="web")
    assert result["failed"] and "datacenter: no datacenter with id or name 'new-dc'" in result["msg"], result


@pytest.mark.parametrize("args", [dict(datacenter=MISSING_ID, name="web", cores=1, ram=1024),
                                  dict(datacenter="new-dc", id=MISSING_ID)], ids=["parent id", "own id"])
def test_an_id_no_task_can_create_is_still_an_error_in_check_mode(run_module, emulator, args):
    result = run_module(server, _check_mode=True, **args)
    assert result["failed"] and "datacenter: no datacenter with id or name" in result["msg"], result


def test_without_check_mode_a_missing_parent_still_fails(run_module, emulator):
    result = run_module(server, datacenter="new-dc", name="web", cores=1, ram=1024)
    assert result["failed"] and result["msg"] == "datacenter: no datacenter with id or name 'new-dc' exists."
