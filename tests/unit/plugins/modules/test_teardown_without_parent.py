"""Absent means absent (issue 19): state=absent of a resource whose parent (datacenter,
server, NIC, cluster, group, user) is already gone is unchanged, sends nothing and fails
nothing, so a teardown playbook runs twice. state=present still fails naming the parent."""

import pytest

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_firewall_rule import main as firewall_rule
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_nodepool import main as nodepool
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main as lan
from ansible_collections.ionos.enterprise.plugins.modules.ionos_loadbalancer import main as loadbalancer
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic import main as nic
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key import main as s3key
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_share import main as share
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume import main as volume

MISSING_ID = "00000000-0000-4000-8000-000000000000"

# (module, its arguments, the key of its result): each names a parent that does not exist.
TEARDOWNS = [
    ("server", server, dict(datacenter="gone", name="web"), "server"),
    ("server by id", server, dict(datacenter=MISSING_ID, id=MISSING_ID), "server"),
    ("fleet", server, dict(datacenter="gone", name="web-%02d", count=3), "servers"),
    ("volume", volume, dict(datacenter="gone", name="data"), "volume"),
    ("lan", lan, dict(datacenter="gone", name="front"), "lan"),
    ("nic", nic, dict(datacenter="gone", server="web", name="eth0"), "nic"),
    ("firewall rule", firewall_rule, dict(datacenter="gone", server="web", nic="eth0", name="ssh"),
     "firewall_rule"),
    ("load balancer", loadbalancer, dict(datacenter="gone", name="lb"), "loadbalancer"),
    ("node pool", nodepool, dict(cluster="gone", name="workers"), "nodepool"),
    ("share", share, dict(group="gone", resource=MISSING_ID), "share"),
    ("s3 key by e-mail", s3key, dict(user="gone@example.com", key_id="AKIAEXAMPLE"), "s3keys"),
    ("s3 key by id", s3key, dict(user=MISSING_ID, key_id="AKIAEXAMPLE"), "s3keys"),
]


@pytest.mark.parametrize("main,args,key", [row[1:] for row in TEARDOWNS], ids=[row[0] for row in TEARDOWNS])
def test_absent_under_a_missing_parent_is_unchanged(run_module, emulator, main, args, key):
    for check_mode in (True, False):
        result = run_module(main, state="absent", _check_mode=check_mode, _diff=True, **args)
        assert not result.get("failed") and not result["changed"], result
        assert not result[key], result
    assert emulator.counters()["writes"] == 0


def test_a_missing_grandchild_parent_in_an_existing_datacenter(run_module, emulator):
    """The datacenter is there, the server the NIC lived on is not."""
    run_module(datacenter, name="dc", location="de/fra")
    emulator.control("DELETE", "/counters")
    for main, args in ((nic, dict(server="web", name="eth0")),
                       (firewall_rule, dict(server="web", nic="eth0", name="ssh"))):
        result = run_module(main, datacenter="dc", state="absent", **args)
        assert not result.get("failed") and not result["changed"], result
    assert emulator.counters()["writes"] == 0


def test_present_under_a_missing_parent_still_fails_naming_it(run_module, emulator):
    result = run_module(lan, datacenter="gone", name="front")
    assert result["failed"] and result["msg"] == "datacenter: no datacenter with id or name 'gone' exists."
    assert result["failure"]
    result = run_module(nodepool, cluster="gone", name="workers", node_count=1)
    assert result["failed"] and result["msg"].startswith("cluster: no Kubernetes cluster with id or name 'gone'")
    assert emulator.counters()["writes"] == 0
