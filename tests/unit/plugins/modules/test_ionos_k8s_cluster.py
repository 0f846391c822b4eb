"""ionos_k8s_cluster and _info against the emulator: versions and windows checked before any
write, upgrades only to availableUpgradeVersions, PUT sends everything, lost creates adopted,
clusters with node pools refused, busy clusters waited on or refused."""

from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_cluster import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_cluster_info import main as info
from conftest import PASSWORD, USERNAME

WINDOW = {"day_of_the_week": "Sunday", "time": "03:00:00Z"}


def api(emulator, method, path, body=None):
    answer = emulator.http.request(method, emulator.url + path, json=body, auth=(USERNAME, PASSWORD), timeout=10)
    return answer.json() if answer.text else None


def add_pool(emulator, cluster_id, name="pool1"):
    dc = api(emulator, "POST", "/datacenters", {"properties": {"name": "k8sdc", "location": "de/fra"}})
    return api(emulator, "POST", "/k8s/%s/nodepools" % cluster_id, {"properties": {
        "name": name, "datacenterId": dc["id"], "nodeCount": 1, "cpuFamily": "INTEL_SKYLAKE", "coresCount": 1,
        "ramSize": 2048, "availabilityZone": "AUTO", "storageType": "SSD", "storageSize": 20}})


def test_create_converge_upgrade_window_rename_delete(run_module, emulator):
    created = run_module(main, name="c1", k8s_version="1.18.9", maintenance_window=WINDOW, _diff=True)
    assert created["changed"] and created["cluster"]["metadata"]["state"] == "ACTIVE"
    assert created["diff"]["after"]["maintenance_window"] == WINDOW
    cluster_id = created["cluster"]["id"]
    emulator.control("DELETE", "/counters")
    again = run_module(main, name="c1", k8s_version="1.18.9", maintenance_window=WINDOW)
    counters = emulator.counters()
    assert not again["changed"] and counters["writes"] == 0 and counters["reads"] == 1
    # 03:00:00 is the same time of day as 03:00:00Z
    assert not run_module(main, name="c1", maintenance_window=dict(WINDOW, time="03:00:00"))["changed"]
    emulator.control("DELETE", "/counters")
    moved = run_module(main, name="c1", maintenance_window={"day_of_the_week": "Monday", "time": "04:00:00Z"},
                       _diff=True)
    assert moved["changed"] and moved["cluster"]["properties"]["maintenanceWindow"]["dayOfTheWeek"] == "Monday"
    assert moved["cluster"]["properties"]["k8sVersion"] == "1.18.9"
    assert emulator.calls("PUT /k8s/{k8sClusterId}") == 1
    upgraded = run_module(main, name="c1", k8s_version="1.19.4")
    assert upgraded["changed"] and upgraded["cluster"]["properties"]["k8sVersion"] == "1.19.4"
    assert upgraded["cluster"]["properties"]["maintenanceWindow"]["dayOfTheWeek"] == "Monday"
    renamed = run_module(main, id=cluster_id, name="c2")
    assert renamed["changed"] and renamed["cluster"]["properties"]["name"] == "c2"
    assert renamed["cluster"]["properties"]["k8sVersion"] == "1.19.4"
    assert run_module(main, name="c2", state="absent", _check_mode=True)["changed"]
    deleted = run_module(main, name="c2", state="absent")
    assert deleted["changed"] and deleted["cluster"]["id"] == cluster_id
    assert not run_module(main, name="c2", state="absent")["changed"]
    assert run_module(info)["clusters"] == []


def test_bad_input_fails_before_any_write(run_module, emulator):
    for args, words in (
            (dict(name="-bad-"), "name: '-bad-' must be 1 to 63"),
            (dict(name="c1", maintenance_window={"day_of_the_week": "Sunday", "time": "3am"}),
             "maintenance_window.time: '3am'"),
            (dict(name="c1", k8s_version="9.9.9"), "k8s_version: Kubernetes 9.9.9 is not offered; the API offers 1.17.8"),
    ):
        failed = run_module(main, **args)
        assert failed["failed"] and words in failed["msg"], failed
    failed = run_module(main, name="c1", maintenance_window={"day_of_the_week": "Someday", "time": "03:00:00"})
    assert failed["failed"] and "day_of_the_week" in failed["msg"]
    assert emulator.counters()["writes"] == 0


def test_an_upgrade_outside_the_available_ones_is_refused(run_module, emulator):
    cluster_id = run_module(main, name="c1", k8s_version="1.17.8")["cluster"]["id"]
    writes = emulator.counters()["writes"]
    failed = run_module(main, name="c1", k8s_version="1.19.4")
    # The cluster is named by name and id.
    assert failed["failed"] and failed["msg"] == (
        "k8s_version: the Kubernetes cluster 'c1' (%s) runs 1.17.8 and can only be upgraded to 1.18.5, 1.18.9,"
        " not to 1.19.4." % cluster_id)
    down = run_module(main, name="c1", k8s_version="1.17.8")
    assert not down["changed"]
    unknown = run_module(main, name="c1", k8s_version="2.0.0")
    assert unknown["failed"] and "not offered" in unknown["msg"]
    assert emulator.counters()["writes"] == writes


def test_check_mode_writes_nothing(run_module, emulator):
    planned = run_module(main, name="c1", _check_mode=True, _diff=True)
    assert planned["changed"] and planned["cluster"]["id"] is None
    assert emulator.counters()["writes"] == 0
    run_module(main, name="c1", k8s_version="1.18.9")
    writes = emulator.counters()["writes"]
    planned = run_module(main, name="c1", k8s_version="1.19.4", _check_mode=True)
    assert planned["changed"] and planned["cluster"]["properties"]["k8sVersion"] == "1.19.4"
    assert emulator.counters()["writes"] == writes


def test_a_lost_create_answer_does_not_create_twice(run_module, emulator):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": "^/k8s$", "times": 1})
    created = run_module(main, name="c1")
    assert created["changed"], created
    assert emulator.calls("POST /k8s") == 1
    assert len(run_module(info, name="c1")["clusters"]) == 1


def test_delete_with_node_pools_is_refused_naming_them(run_module, emulator):
    cluster_id = run_module(main, name="c1")["cluster"]["id"]
    pool = add_pool(emulator, cluster_id)
    writes = emulator.counters()["writes"]
    failed = run_module(main, name="c1", state="absent")
    assert failed["failed"] and failed["msg"].startswith(
        "The Kubernetes cluster 'c1' (%s) still has 1 node pool(s): node pool 'pool1' (%s). Delete them first"
        % (cluster_id, pool["id"]))
    assert emulator.counters()["writes"] == writes
    found = run_module(info, nodepools=True, versions=True)
    assert found["clusters"][0]["nodepools"][0]["properties"]["name"] == "pool1"
    assert found["versions"] == ["1.17.8", "1.18.5", "1.18.9", "1.19.4"]
    emulator.control("DELETE", "/counters")
    by_id = run_module(info, id=cluster_id, nodepools=True)
    assert [pool["id"] for pool in by_id["clusters"][0]["nodepools"]] == [pool["id"]]
    assert "entities" not in by_id["clusters"][0] and emulator.counters()["reads"] == 1


def test_a_busy_cluster_is_waited_on_or_refused(run_module, emulator):
    emulator.config(k8s_delay=1)
    created = run_module(main, name="c1", wait=False)
    assert created["cluster"]["metadata"]["state"] == "DEPLOYING"
    failed = run_module(main, name="c1", wait=False, maintenance_window=WINDOW)
    assert failed["failed"] and failed["msg"].startswith(
        "The Kubernetes cluster 'c1' (%s) is DEPLOYING; it can be changed once it is ACTIVE." % created["cluster"]["id"])
    done = run_module(main, name="c1", maintenance_window=WINDOW)
    assert done["changed"] and done["cluster"]["metadata"]["state"] == "ACTIVE"
    deleted = run_module(main, name="c1", state="absent")
    assert deleted["changed"]
    assert run_module(info, name="c1")["clusters"] == []


def test_ambiguous_name_lists_ids(run_module, emulator):
    ids = [api(emulator, "POST", "/k8s", {"properties": {"name": "twin"}})["id"] for _twin in range(2)]
    failed = run_module(main, name="twin", k8s_version="1.18.9")
    assert failed["failed"] and all(i in failed["msg"] for i in ids)
    by_id = run_module(info, id=ids[0])
    assert [c["id"] for c in by_id["clusters"]] == [ids[0]]


def test_delete_waits_for_pools_already_destroying(run_module, emulator):
    cluster_id = run_module(main, name="c1")["cluster"]["id"]
    pool = add_pool(emulator, cluster_id)
    emulator.config(k8s_delay=0.5)
    emulator.http.request("DELETE", emulator.url + "/k8s/%s/nodepools/%s" % (cluster_id, pool["id"]),
                          auth=(USERNAME, PASSWORD), timeout=10)
    refused = run_module(main, name="c1", state="absent", wait=False)
    assert refused["failed"] and "1 being deleted already" in refused["msg"]
    assert run_module(main, name="c1", state="absent", _check_mode=True)["changed"]
    deleted = run_module(main, name="c1", state="absent")
    assert deleted["changed"] and deleted["cluster"]["id"] == cluster_id
    assert run_module(info)["clusters"] == []


def test_check_mode_on_a_deploying_cluster_reports_the_real_runs_error(run_module, emulator):
    emulator.config(k8s_delay=0.5)
    run_module(main, name="c1", wait=False)
    failed = run_module(main, name="c1", k8s_version="1.19.4", wait=False, _check_mode=True)
    assert failed["failed"] and "is DEPLOYING; it can be changed once it is ACTIVE" in failed["msg"]
    assert run_module(main, name="c1", k8s_version="1.19.4", _check_mode=True)["changed"]
    failed = run_module(main, name="c1", state="absent", wait=False, _check_mode=True)
    assert failed["failed"] and "is DEPLOYING" in failed["msg"]


def test_a_cluster_being_deleted_is_named_by_name_and_id(run_module, emulator):
    cluster_id = run_module(main, name="c1")["cluster"]["id"]
    emulator.config(k8s_delay=0.5)
    assert run_module(main, name="c1", state="absent", wait=False)["changed"]
    failed = run_module(main, name="c1", maintenance_window=WINDOW)
    assert failed["failed"] and failed["msg"] == (
        "The Kubernetes cluster 'c1' (%s) is being deleted (DESTROYING); run again once it is gone to create a new one."
        % cluster_id)
