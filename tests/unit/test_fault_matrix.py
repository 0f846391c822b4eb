"""The fault matrix, module by module: every module that writes creates, updates and deletes
its resource while the emulator injects one kind of fault into a quarter of all API calls
(reads, writes and request polling alike, with a fixed seed).

For every step and every kind of fault:
- where a retry is safe (429 with or without Retry-After, 5xx, a connection dropped before
  or after the write took effect, an answer slower than api_timeout) the step succeeds:
  reads and idempotent writes are retried, and a create the API may have acted on is looked
  up by name before it is sent again;
- where it is not (a request that ends FAILED), the step may fail, but only with a message
  naming the request (method, URL and request id in ``failure``);
- afterwards no resource exists twice (every collection of the account is read and counted
  by name), the same step with the faults off converges, and once more it is unchanged.
The demo under the same faults is in test_fault_matrix_demo.py.
"""

import collections
import json

import pytest
from ansible_collections.ionos.enterprise.plugins.modules import (
    ionos_backupunit, ionos_datacenter, ionos_firewall_rule, ionos_group, ionos_ipblock, ionos_k8s_cluster,
    ionos_image, ionos_k8s_nodepool, ionos_lan, ionos_loadbalancer, ionos_nic, ionos_pcc, ionos_s3key, ionos_server, ionos_share,
    ionos_snapshot, ionos_user, ionos_volume)
from conftest import PASSWORD, USERNAME

DC = "fault-dc"
USER = "fault.user@example.com"
# api_timeout 1 s, so that a "slow" answer (held 2 s) times out; retries enough that a
# quarter of calls failing cannot exhaust them by chance (0.25 ** 9 per call).
CONNECTION = dict(api_timeout=1, api_retries=8)

# (kind of fault, its rule, whether a step may fail)
FAULTS = [
    ("429 with Retry-After", {"kind": "429", "probability": 0.25, "retry_after": 3}, False),
    ("429 without Retry-After", {"kind": "429", "probability": 0.25, "retry_after": None}, False),
    ("500", {"kind": "500", "probability": 0.25}, False),
    ("502", {"kind": "502", "probability": 0.25}, False),
    ("503", {"kind": "503", "probability": 0.25}, False),
    ("504", {"kind": "504", "probability": 0.25}, False),
    ("dropped before the write", {"kind": "drop_before", "probability": 0.25}, False),
    ("dropped after the write", {"kind": "drop_after", "probability": 0.25}, False),
    # Each slow answer costs a real api_timeout: at most once per step, on the creates, where
    # a lost answer is the hardest case (did the API act?).
    ("slower than api_timeout", {"kind": "slow", "probability": 0.25, "delay": 2, "times": 1,
                                 "methods": ["POST"]}, False),
    ("FAILED requests", {"kind": "failed", "probability": 0.25}, True),
]

NIC = dict(datacenter=DC, server="fault-web", name="backend", lan="fault-private", dhcp=True)
POOL = dict(cluster="fault-k8s", name="fault-pool", datacenter=DC, node_count=1, cpu_family="INTEL_XEON", cores_count=2,
            ram_size=2048, availability_zone="AUTO", storage_type="SSD", storage_size=20)

# The life of every resource kind, in an order that lets each step find what it needs.
STEPS = [
    ("datacenter", ionos_datacenter, dict(name=DC, location="de/fra", description="faults")),
    ("public LAN", ionos_lan, dict(datacenter=DC, name="fault-public", public=True)),
    ("private LAN", ionos_lan, dict(datacenter=DC, name="fault-private", public=False)),
    ("IP block", ionos_ipblock, dict(name="fault-ips", location="de/fra", size=1)),
    ("server with a NIC and a volume", ionos_server,
     dict(datacenter=DC, name="fault-web", cores=1, ram=1024,
          nics=[dict(name="public", lan=1, dhcp=True)],
          volumes=[dict(name="fault-system", size=5, licence_type="LINUX")])),
    ("data volume", ionos_volume, dict(datacenter=DC, name="fault-data", size=5, licence_type="OTHER")),
    ("NIC", ionos_nic, NIC),
    ("firewall rule", ionos_firewall_rule,
     dict(datacenter=DC, server="fault-web", nic="public", name="ssh", protocol="TCP", port_range_start=22,
          port_range_end=22)),
    ("load balancer", ionos_loadbalancer,
     dict(datacenter=DC, name="fault-lb", dhcp=True, balanced_nics=[dict(server="fault-web", nic="backend")])),
    ("snapshot", ionos_snapshot, dict(datacenter=DC, volume="fault-data", name="fault-snap")),
    ("cross-connect", ionos_pcc, dict(name="fault-pcc", description="faults")),
    ("user", ionos_user, dict(email=USER, firstname="Fault", lastname="User", user_password="fault-password-1")),
    ("group with the user", ionos_group, dict(name="fault-group", create_datacenter=True, users=[USER])),
    ("share of the datacenter", ionos_share,
     dict(group="fault-group", resource=DC, resource_type="datacenter", edit_privilege=True)),
    ("S3 key", ionos_s3key, dict(user=USER, count=1)),
    ("backup unit", ionos_backupunit, dict(name="faultbackup", email=USER, backupunit_password="fault-password-2")),
    ("Kubernetes cluster", ionos_k8s_cluster, dict(name="fault-k8s")),
    ("node pool", ionos_k8s_nodepool, POOL),
    # Updates in place.
    ("server resized", ionos_server, dict(datacenter=DC, name="fault-web", cores=2, ram=2048)),
    ("volume grown", ionos_volume, dict(datacenter=DC, name="fault-data", size=8)),
    ("LAN renamed by id", ionos_lan, dict(datacenter=DC, id="2", name="fault-backend")),
    ("firewall rule widened", ionos_firewall_rule,
     dict(datacenter=DC, server="fault-web", nic="public", name="ssh", port_range_end=23)),
    ("snapshot described", ionos_snapshot, dict(name="fault-snap", description="updated under faults")),
    ("group privilege", ionos_group, dict(name="fault-group", reserve_ip=True)),
    ("node pool scaled", ionos_k8s_nodepool, dict(cluster="fault-k8s", name="fault-pool", node_count=2)),
    # The API cannot create images: the test uploads fault-image (see IMAGE) before the steps.
    ("image described", ionos_image, dict(name="fault-image", description="updated under faults", cpu_hot_plug=True)),
    # And gone again.
    ("node pool deleted", ionos_k8s_nodepool, dict(cluster="fault-k8s", name="fault-pool", state="absent")),
    ("cluster deleted", ionos_k8s_cluster, dict(name="fault-k8s", state="absent")),
    ("backup unit deleted", ionos_backupunit, dict(name="faultbackup", state="absent")),
    ("share revoked", ionos_share, dict(group="fault-group", resource=DC, resource_type="datacenter", state="absent")),
    ("group deleted", ionos_group, dict(name="fault-group", state="absent")),
    ("user deleted", ionos_user, dict(email=USER, state="absent")),
    ("cross-connect deleted", ionos_pcc, dict(name="fault-pcc", state="absent")),
    ("snapshot deleted", ionos_snapshot, dict(name="fault-snap", state="absent")),
    ("image deleted", ionos_image, dict(name="fault-image", state="absent")),
    ("load balancer deleted", ionos_loadbalancer, dict(datacenter=DC, name="fault-lb", state="absent")),
    ("firewall rule deleted", ionos_firewall_rule, dict(datacenter=DC, server="fault-web", nic="public", name="ssh",
                                                        state="absent")),
    ("NIC deleted", ionos_nic, dict(datacenter=DC, server="fault-web", name="backend", state="absent")),
    ("volume deleted", ionos_volume, dict(datacenter=DC, name="fault-data", state="absent")),
    ("server deleted", ionos_server, dict(datacenter=DC, name="fault-web", state="absent")),
    ("IP block released", ionos_ipblock, dict(name="fault-ips", state="absent")),
    ("datacenter deleted", ionos_datacenter, dict(name=DC, state="absent")),
]
# An image of the account's own, as an FTP upload adds it.
IMAGE = {"name": "fault-image", "location": "de/fra", "licenceType": "LINUX"}
# Read by the census: every collection of the account that a step above writes to.
ACCOUNT_COLLECTIONS = ["/datacenters?depth=5", "/ipblocks?depth=1", "/snapshots?depth=1", "/pccs?depth=1",
                       "/um/users?depth=2", "/um/groups?depth=2", "/backupunits?depth=1", "/k8s?depth=2"]


def census(emulator):
    """{collection: Counter of names} over everything the steps make; a name seen twice is a duplicate."""
    found = collections.defaultdict(collections.Counter)

    def walk(node, where):
        if isinstance(node, dict):
            # A collection is known by its href: a server's volumes are not the datacenter's,
            # and a NIC is listed by its server and by its LAN.
            where = (node.get("href") or where).split("/cloudapi/v5")[-1] if "items" in node else where
            for item in node.get("items") or []:
                properties = item.get("properties") or {}
                name = properties.get("name") or properties.get("email")
                if name:
                    found[where][name] += 1
            for key, value in node.items():
                walk(value, where + "/" + key)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in ACCOUNT_COLLECTIONS:
        answer = emulator.http.get(emulator.url + path, auth=(USERNAME, PASSWORD), timeout=30)
        answer.raise_for_status()
        walk(answer.json(), path.split("?", maxsplit=1)[0])
        if path.startswith("/k8s"):
            for cluster in answer.json()["items"]:
                pools = emulator.http.get("%s/k8s/%s/nodepools?depth=1" % (emulator.url, cluster["id"]),
                                          auth=(USERNAME, PASSWORD), timeout=30)
                walk(pools.json(), "nodepools of " + cluster["properties"]["name"])
    # Public images share their names across locations: only the account's own are counted.
    images = emulator.http.get("%s/images?depth=1" % emulator.url, auth=(USERNAME, PASSWORD), timeout=30).json()
    found["images"].update(image["properties"]["name"] for image in images["items"] if not image["properties"]["public"])
    keys = emulator.http.get("%s/um/users?depth=1" % emulator.url, auth=(USERNAME, PASSWORD), timeout=30).json()
    for user in keys["items"]:
        if user["properties"].get("email") == USER:
            listed = emulator.http.get("%s/um/users/%s/s3keys?depth=1" % (emulator.url, user["id"]),
                                       auth=(USERNAME, PASSWORD), timeout=30).json()
            # The inactive key the API gives every new user is not the module's (count=1 counts active keys).
            found["s3keys"]["active keys of " + USER] = sum(1 for key in listed["items"] if key["properties"]["active"])
    return found


def duplicates(emulator):
    return {where: {name: n for name, n in names.items() if n > 1}
            for where, names in census(emulator).items() if any(n > 1 for n in names.values())}


def clear_failure(result):
    """A failure that names the request: its method and URL, and the request id once there is one."""
    failure = result.get("failure") or {}
    return bool(failure.get("method") and failure.get("url")) and failure["url"].split("?")[0].rsplit("/", 1)[-1] in \
        result["msg"] or bool(failure.get("request_id") and failure["request_id"] in result["msg"])


@pytest.fixture
def pauses(virtual_time):
    """The pauses the modules' clients take (Retry-After, back-off, polling): fake sleeps
    (run_module's virtual time); the matrix is about what the modules do, not how long
    they wait."""
    return virtual_time.sleeps


@pytest.mark.parametrize("kind, rule, may_fail", FAULTS, ids=[kind for kind, unused_rule, unused in FAULTS])
def test_every_module_survives_faults_without_duplicates_and_converges(run_module, emulator, pauses, kind, rule, may_fail):
    emulator.config(k8s_delay=0)
    emulator.control("POST", "/images", IMAGE)
    injected = 0
    failed_steps = []
    for step, module, args in STEPS:
        emulator.faults(rule, seed=len(step))
        result = run_module(module.main, **dict(CONNECTION, **args))
        injected += sum(fault["injected"] for fault in emulator.control("GET", "/faults")["rules"])
        emulator.faults()
        if result.get("failed"):
            assert may_fail, "%s under %s: %s" % (step, kind, result["msg"])
            assert clear_failure(result), "%s under %s: the failure does not name the request: %s" % (
                step, kind, json.dumps(result)[:2000])
            failed_steps.append(step)
        assert not duplicates(emulator), "%s under %s left duplicates: %s" % (step, kind, duplicates(emulator))
        # With the faults off, the step converges, and once more it has nothing to do.
        again = run_module(module.main, **dict(CONNECTION, **args))
        assert not again.get("failed"), "%s after %s: %s" % (step, kind, again["msg"])
        if not result.get("failed"):
            assert not again["changed"], "%s after %s changed again: %s" % (step, kind, again.get("diff"))
        else:
            assert not run_module(module.main, **dict(CONNECTION, **args))["changed"], step
    assert injected >= 5, "only %d faults were injected under %s" % (injected, kind)
    if rule.get("retry_after"):
        honoured = [pause for pause in pauses if rule["retry_after"] <= pause <= rule["retry_after"] * 1.5]
        assert len(honoured) >= injected / 2, "Retry-After was not honoured: %s" % pauses
    # Everything the steps made is gone again.
    left = [(where, name) for where, names in census(emulator).items() for name, count in names.items()
            if count and name.startswith(("fault", USER))]
    assert not left, left


# A Kubernetes write answers at once and leaves its resource UPDATING or DESTROYING for a
# while, during which the API refuses further writes. A PUT or DELETE whose answer was lost
# after it took effect is retried by the client (both are idempotent) and meets that refusal:
# the module must read the resource and see its change made, not fail. The matrix above runs
# with no Kubernetes delay, where the retry never meets a busy resource.
K8S_WRITES_LOST = [
    ("node pool scaled", ionos_k8s_nodepool, dict(cluster="lost-k8s", name="lost-pool", node_count=2), "PUT",
     "/nodepools/"),
    ("node pool scaled without waiting", ionos_k8s_nodepool,
     dict(cluster="lost-k8s", name="lost-pool", node_count=2, wait=False), "PUT", "/nodepools/"),
    ("node pool deleted", ionos_k8s_nodepool, dict(cluster="lost-k8s", name="lost-pool", state="absent"), "DELETE",
     "/nodepools/"),
    ("cluster upgraded", ionos_k8s_cluster, dict(name="lost-k8s", k8s_version="1.19.4"), "PUT", "/k8s/[^/]+$"),
]


@pytest.mark.parametrize("step, module, args, method, path", K8S_WRITES_LOST,
                         ids=[step for step, unused_module, unused_args, unused_method, unused_path in K8S_WRITES_LOST])
def test_a_kubernetes_write_whose_answer_was_lost_is_confirmed_not_refused(run_module, emulator, step, module, args,
                                                                           method, path):
    emulator.config(k8s_delay=0)
    assert not run_module(ionos_k8s_cluster.main, name="lost-k8s", k8s_version="1.18.5").get("failed")
    pool = dict(POOL, cluster="lost-k8s", name="lost-pool", datacenter="lost-dc")
    assert not run_module(ionos_datacenter.main, name="lost-dc", location="de/fra").get("failed")
    if module is ionos_k8s_nodepool:
        assert not run_module(ionos_k8s_nodepool.main, **pool).get("failed")
    emulator.config(k8s_delay=1)
    emulator.control("DELETE", "/counters")
    emulator.faults({"kind": "drop_after", "path": path, "methods": [method], "times": 1})
    result = run_module(module.main, **args)
    assert sum(rule["injected"] for rule in emulator.control("GET", "/faults")["rules"]) == 1
    emulator.faults()
    assert not result.get("failed"), "%s: %s" % (step, result["msg"])
    assert result["changed"], step
    calls = emulator.counters()
    writes = sum(n for key, n in calls["calls"].items() if key.startswith(method + " "))
    assert writes == 2, "%s: the lost write and its one retry, no more: %s" % (step, calls["calls"])
    emulator.config(k8s_delay=0)
    again = run_module(module.main, **args)
    assert not again.get("failed") and not again["changed"], "%s did not converge: %s" % (step, again)
