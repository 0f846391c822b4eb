"""ionos_k8s_nodepool and ionos_k8s_nodepool_info against the emulator: labels and
auto_scaling alone are changes (and a re-run is unchanged), the PUT keeps what the task
does not set, create-only differences and bad input fail before any write."""

import pytest

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_nodepool import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_nodepool_info import main as info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main as lan
from conftest import PASSWORD, USERNAME

POOL = dict(cluster="kc", name="workers", datacenter="k8sdc", node_count=2, cpu_family="INTEL_XEON",
            cores_count=2, ram_size=4096, availability_zone="AUTO", storage_type="SSD", storage_size=20)


def api(emulator, method, path, body=None):
    answer = emulator.http.request(method, emulator.url + path, json=body, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code < 300, answer.text
    return answer.json() if answer.text else None


@pytest.fixture
def setup(run_module, emulator):
    dc = run_module(datacenter, name="k8sdc", location="de/fra")["datacenter"]
    private = run_module(lan, datacenter="k8sdc", name="backend", public=False)["lan"]
    public = run_module(lan, datacenter="k8sdc", name="front", public=True)["lan"]
    cluster = api(emulator, "POST", "/k8s", {"properties": {"name": "kc"}})
    return dict(dc=dc, private=private, public=public, cluster=cluster)


def writes(emulator):
    return emulator.counters()["writes"]


def test_create_converge_and_update_labels_and_autoscaling_alone(run_module, emulator, setup):
    created = run_module(main, labels={"tier": "w"}, lans=["backend"], _diff=True, **POOL)
    assert created["changed"] and created["nodepool"]["metadata"]["state"] == "ACTIVE"
    props = created["nodepool"]["properties"]
    assert props["labels"] == {"tier": "w"} and props["lans"] == [{"id": int(setup["private"]["id"])}]
    pool_id = created["nodepool"]["id"]

    again = run_module(main, labels={"tier": "w"}, lans=[setup["private"]["id"]], **POOL)
    assert not again["changed"]

    before = writes(emulator)
    labelled = run_module(main, cluster="kc", name="workers", labels={"tier": "w", "team": "x"}, _diff=True)
    assert labelled["changed"] and writes(emulator) == before + 1
    assert labelled["diff"]["after"]["labels"] == {"tier": "w", "team": "x"}
    pool = api(emulator, "GET", "/k8s/%s/nodepools/%s" % (setup["cluster"]["id"], pool_id))
    # The PUT replaces: what the task did not set is kept.
    assert pool["properties"]["lans"] == [{"id": int(setup["private"]["id"])}]
    assert pool["properties"]["labels"] == {"tier": "w", "team": "x"}
    assert not run_module(main, cluster="kc", name="workers", labels={"tier": "w", "team": "x"})["changed"]

    scaled = run_module(main, cluster="kc", name="workers", auto_scaling={"min_node_count": 1, "max_node_count": 3})
    assert scaled["changed"] and scaled["nodepool"]["properties"]["autoScaling"] == {"minNodeCount": 1, "maxNodeCount": 3}
    assert scaled["nodepool"]["properties"]["labels"] == {"tier": "w", "team": "x"}
    assert not run_module(main, cluster="kc", name="workers",
                          auto_scaling={"min_node_count": 1, "max_node_count": 3})["changed"]

    # Removing all labels is a change too.
    assert run_module(main, cluster="kc", name="workers", labels={})["changed"]
    assert not run_module(main, cluster="kc", name="workers", labels={})["changed"]


def test_check_mode_writes_nothing(run_module, emulator, setup):
    before = writes(emulator)
    planned = run_module(main, _check_mode=True, _diff=True, **POOL)
    assert planned["changed"] and planned["nodepool"]["id"] is None
    assert writes(emulator) == before
    assert run_module(info, cluster="kc")["nodepools"] == []


def test_create_only_difference_names_option_and_values(run_module, emulator, setup):
    run_module(main, **POOL)
    before = writes(emulator)
    failed = run_module(main, **dict(POOL, ram_size=8192))
    assert failed["failed"] and "ram_size" in failed["msg"] and "4096" in failed["msg"] and "8192" in failed["msg"]
    assert writes(emulator) == before


@pytest.mark.parametrize("change, words", [
    (dict(storage_size=10), ["storage_size", "greater than 10"]),
    (dict(ram_size=3000), ["ram_size", "1024"]),
    (dict(ram_size=1024), ["ram_size", "2048"]),
    (dict(node_count=5, auto_scaling={"min_node_count": 1, "max_node_count": 3}), ["node_count", "between"]),
    (dict(auto_scaling={"min_node_count": 4, "max_node_count": 3}), ["min_node_count", "max_node_count"]),
    (dict(maintenance_window={"day_of_the_week": "Monday", "time": "3am"}), ["maintenance_window.time"]),
    (dict(name="-bad-"), ["name"]),
    (dict(k8s_version="9.9.9"), ["k8s_version", "not offered"]),
    (dict(k8s_version="1.19.4"), ["k8s_version", "cannot run"]),
    (dict(lans=["front"]), ["lans", "public"]),
    (dict(lans=["nowhere"]), ["lans", "nowhere"]),
    (dict(labels={"a": 1}), ["labels", "string"]),
])
def test_bad_input_fails_before_any_write(run_module, emulator, setup, change, words):
    before = writes(emulator)
    failed = run_module(main, **dict(POOL, **change))
    assert failed.get("failed"), failed
    assert all(word in failed["msg"] for word in words), failed["msg"]
    assert writes(emulator) == before


def test_missing_create_fields_are_listed_at_once(run_module, emulator, setup):
    failed = run_module(main, cluster="kc", name="workers", node_count=1)
    assert failed["failed"]
    for option in ("datacenter", "cpu_family", "cores_count", "ram_size", "availability_zone", "storage_type",
                   "storage_size"):
        assert option in failed["msg"]


def test_version_upgrade_and_delete_waits(run_module, emulator, setup):
    emulator.config(k8s_delay=0.3)
    created = run_module(main, k8s_version="1.18.5", **POOL)
    assert created["nodepool"]["metadata"]["state"] == "ACTIVE"
    assert created["nodepool"]["properties"]["k8sVersion"] == "1.18.5"
    upgraded = run_module(main, cluster="kc", name="workers", k8s_version="1.18.9")
    assert upgraded["changed"] and upgraded["nodepool"]["metadata"]["state"] == "ACTIVE"
    assert not run_module(main, cluster="kc", name="workers", k8s_version="1.18.9")["changed"]
    gone = run_module(main, cluster="kc", name="workers", state="absent")
    assert gone["changed"]
    assert run_module(info, cluster="kc")["nodepools"] == []
    assert not run_module(main, cluster="kc", name="workers", state="absent")["changed"]


def test_info_by_name_id_and_nodes(run_module, emulator, setup):
    pool = run_module(main, **POOL)["nodepool"]
    by_name = run_module(info, cluster=setup["cluster"]["id"], name="workers", nodes=True)["nodepools"]
    assert [p["id"] for p in by_name] == [pool["id"]] and len(by_name[0]["nodes"]) == 2
    assert run_module(info, cluster="kc", id=pool["id"])["nodepools"][0]["properties"]["name"] == "workers"
    assert run_module(info, cluster="kc", name="nothing")["nodepools"] == []
    assert run_module(info, cluster="nocluster")["failed"]


def test_lost_create_answer_makes_one_pool(run_module, emulator, setup):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": "^/k8s/[^/]+/nodepools$", "times": 1})
    created = run_module(main, **POOL)
    assert created["changed"], created
    assert len(run_module(info, cluster="kc")["nodepools"]) == 1


def test_a_deploying_cluster_is_waited_for_or_a_clear_error(run_module, emulator, setup):
    emulator.config(k8s_delay=0.5)
    api(emulator, "POST", "/k8s", {"properties": {"name": "young"}})
    before = writes(emulator)
    failed = run_module(main, wait=False, **dict(POOL, cluster="young"))
    assert failed["failed"] and "DEPLOYING" in failed["msg"] and "ACTIVE" in failed["msg"]
    assert writes(emulator) == before
    created = run_module(main, **dict(POOL, cluster="young"))
    assert created["changed"] and created["nodepool"]["metadata"]["state"] == "ACTIVE"


def test_destroying_pool_absent_is_no_change_and_present_is_an_error(run_module, emulator, setup):
    pool_id = run_module(main, **POOL)["nodepool"]["id"]
    emulator.config(k8s_delay=0.5)
    assert run_module(main, cluster="kc", name="workers", state="absent", wait=False)["changed"]
    emulator.control("DELETE", "/counters")
    again = run_module(main, cluster="kc", name="workers", state="absent", wait=False)
    assert not again["changed"] and not again.get("failed") and writes(emulator) == 0
    failed = run_module(main, **dict(POOL, labels={"a": "b"}))
    assert failed["failed"] and writes(emulator) == 0
    assert failed["msg"].startswith("The node pool 'workers' (%s) is being deleted (DESTROYING)" % pool_id)
    waited = run_module(main, cluster="kc", name="workers", state="absent")
    assert not waited["changed"] and not waited.get("failed")
    assert run_module(info, cluster="kc")["nodepools"] == []


def test_a_busy_pool_is_refused_before_the_put_without_wait(run_module, emulator, setup):
    emulator.config(k8s_delay=0.5)
    created = run_module(main, wait=False, **POOL)["nodepool"]
    assert created["metadata"]["state"] == "DEPLOYING"
    emulator.control("DELETE", "/counters")
    for check in (True, False):
        failed = run_module(main, wait=False, _check_mode=check, **dict(POOL, labels={"a": "b"}))
        assert failed["failed"] and failed["msg"].startswith(
            "The node pool 'workers' (%s) is DEPLOYING; it can be changed once it is ACTIVE." % created["id"])
    assert writes(emulator) == 0
    updated = run_module(main, **dict(POOL, labels={"a": "b"}))
    assert updated["changed"] and updated["nodepool"]["properties"]["labels"] == {"a": "b"}


def test_downgrade_refused_window_forms_equal_and_absent_ignores_version(run_module, emulator, setup):
    window = {"day_of_the_week": "Sunday", "time": "03:00:00Z"}
    pool_id = run_module(main, k8s_version="1.18.9", maintenance_window=window, **POOL)["nodepool"]["id"]
    emulator.control("DELETE", "/counters")
    failed = run_module(main, **dict(POOL, k8s_version="1.18.5"))
    assert failed["failed"] and failed["msg"] == (
        "k8s_version: the node pool 'workers' (%s) runs 1.18.9 and can only be upgraded to 1.19.4, not to 1.18.5."
        % pool_id)
    assert not run_module(main, maintenance_window=dict(window, time="03:00:00"), **POOL)["changed"]
    assert writes(emulator) == 0
    deleted = run_module(main, cluster="kc", name="workers", k8s_version="9.9.9", state="absent")
    assert deleted["changed"] and run_module(info, cluster="kc")["nodepools"] == []


def test_the_diff_shows_the_datacenter_and_lans_by_name(run_module, emulator, setup):
    planned = run_module(main, lans=["backend"], _check_mode=True, _diff=True, **POOL)
    assert planned["diff"]["after"]["datacenter"] == "k8sdc" and planned["diff"]["after"]["lans"] == ["backend"]
    created = run_module(main, lans=["backend"], _diff=True, **POOL)
    assert created["diff"]["before"] == {}
    assert created["diff"]["after"]["datacenter"] == "k8sdc" and created["diff"]["after"]["lans"] == ["backend"]
    # The API's values stay in the returned pool.
    assert created["nodepool"]["properties"]["datacenterId"] == setup["dc"]["id"]
    storage = run_module(lan, datacenter="k8sdc", name="storage", public=False)["lan"]
    added = run_module(main, cluster="kc", name="workers", lans=["backend", storage["id"]], _diff=True)
    assert added["changed"]
    assert added["diff"]["before"]["lans"] == ["backend"] and added["diff"]["after"]["lans"] == ["backend", "storage"]
    assert added["diff"]["before"]["datacenter"] == added["diff"]["after"]["datacenter"] == "k8sdc"
    gone = run_module(main, cluster="kc", name="workers", state="absent", _diff=True)
    assert gone["diff"]["before"]["datacenter"] == "k8sdc" and gone["diff"]["before"]["lans"] == ["backend", "storage"]


def test_names_for_the_diff_cost_reads_only_in_diff_mode(run_module, emulator, setup):
    lan_id = setup["private"]["id"]
    by_ids = dict(POOL, datacenter=setup["dc"]["id"], lans=[lan_id])
    run_module(main, **by_ids)
    datacenter_read = "GET /datacenters/{datacenterId}"
    lans_read = "GET /datacenters/{datacenterId}/lans"
    emulator.control("DELETE", "/counters")
    # Given by ids and unchanged, the task needs neither the datacenter nor its LANs...
    assert not run_module(main, **by_ids)["changed"]
    assert emulator.calls(datacenter_read) == 0 and emulator.calls(lans_read) == 0
    # ... the diff names them: one read each.
    shown = run_module(main, _diff=True, **by_ids)
    assert not shown["changed"] and emulator.calls(datacenter_read) == 1 and emulator.calls(lans_read) == 1
    assert shown["diff"]["before"]["datacenter"] == shown["diff"]["after"]["datacenter"] == "k8sdc"
    assert shown["diff"]["before"]["lans"] == shown["diff"]["after"]["lans"] == ["backend"]
    # Given by name, the names the task resolved are those the diff shows: no read more.
    emulator.control("DELETE", "/counters")
    assert not run_module(main, **dict(POOL, lans=["backend"]))["changed"]
    without = emulator.counters()["reads"]
    emulator.control("DELETE", "/counters")
    assert not run_module(main, _diff=True, **dict(POOL, lans=["backend"]))["changed"]
    assert emulator.counters()["reads"] == without


def test_messages_name_the_cluster_pool_datacenter_and_lans_by_name_and_id(run_module, emulator, setup):
    cluster_id, dc_id = setup["cluster"]["id"], setup["dc"]["id"]
    failed = run_module(main, **dict(POOL, k8s_version="1.19.4"))
    assert failed["failed"] and failed["msg"].startswith(
        "k8s_version: Kubernetes 1.19.4 cannot run in Kubernetes cluster 'kc' (%s), which runs " % cluster_id)
    failed = run_module(main, cluster="kc", name="workers", node_count=1)
    assert failed["failed"] and failed["msg"].endswith(
        "required to create the node pool 'workers', which does not exist yet in Kubernetes cluster 'kc' (%s)."
        % cluster_id)
    failed = run_module(main, **dict(POOL, lans=["nowhere", "front"]))
    assert failed["failed"] and failed["msg"] == (
        "lans: 'nowhere' is not a LAN of datacenter 'k8sdc' (%s); LAN 'front' (%s) is public; node pools join"
        " private LANs only." % (dc_id, setup["public"]["id"]))
    pool_id = run_module(main, **POOL)["nodepool"]["id"]
    other = run_module(datacenter, name="other", location="de/fra")["datacenter"]
    before = writes(emulator)
    failed = run_module(main, **dict(POOL, datacenter=other["id"], ram_size=8192))
    assert failed["failed"] and failed["msg"] == (
        "Cannot change datacenter and ram_size of the existing node pool 'workers' (%s): the pool is in datacenter"
        " 'k8sdc' (%s), the task asks for datacenter 'other' (%s); ram_size is 4096, the task asks for 8192. The API"
        " cannot change them after creation; delete and re-create the node pool instead." % (pool_id, dc_id, other["id"]))
    assert writes(emulator) == before
