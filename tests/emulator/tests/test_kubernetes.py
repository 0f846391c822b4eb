"""Managed Kubernetes: clusters, node pools, nodes, kubeconfig, versions.
No requests here: clients poll metadata.state."""


import pytest


def cluster(api, name="c1", **props):
    return api.post("/k8s", {"properties": {"name": name, **props}}).json()


def pool_props(dc, **extra):
    props = {"name": "pool1", "datacenterId": dc, "nodeCount": 2, "cpuFamily": "INTEL_XEON", "coresCount": 2,
             "ramSize": 2048, "availabilityZone": "AUTO", "storageType": "SSD", "storageSize": 20}
    props.update(extra)
    return props


@pytest.fixture
def k8s(api):
    c = cluster(api)
    dc = api.make_datacenter("k8s", "de/fra")
    return c["id"], dc


def test_versions(api):
    versions = api.get("/k8s/versions")
    default = api.get("/k8s/versions/default")
    assert default in versions
    compatible = api.get(f"/k8s/versions/{default}/compatibilities")
    assert default in compatible and all(v in versions for v in compatible)
    api.get("/k8s/versions/0.0.1/compatibilities", expect=404)


def test_cluster_create_read_update(api):
    created = api.post("/k8s", {"properties": {"name": "c1"}})
    assert "Location" not in created.headers
    body = created.json()
    assert body["type"] == "k8s" and body["metadata"]["state"] == "DEPLOYING"
    got = api.get(f"/k8s/{body['id']}")
    assert got["properties"]["k8sVersion"] == api.get("/k8s/versions/default")
    assert set(got["properties"]["maintenanceWindow"]) == {"dayOfTheWeek", "time"}
    assert got["entities"]["nodepools"]["id"] == f"{body['id']}/nodepools"
    window = {"dayOfTheWeek": "Sunday", "time": "03:00:00Z"}
    updated = api.put(f"/k8s/{body['id']}", {"properties": {"name": "c1-renamed", "maintenanceWindow": window}},
                      expect=200).json()
    assert updated["properties"]["name"] == "c1-renamed" and updated["properties"]["maintenanceWindow"] == window
    upgrade = got["properties"]["availableUpgradeVersions"]
    assert upgrade, "the default version has an upgrade"
    api.put(f"/k8s/{body['id']}", {"properties": {"name": "c1-renamed", "k8sVersion": upgrade[0]}}, expect=200)
    assert api.get(f"/k8s/{body['id']}")["properties"]["k8sVersion"] == upgrade[0]
    assert "cannot move" in api.error("PUT", f"/k8s/{body['id']}", {"properties": {"name": "x", "k8sVersion": "1.17.8"}})


@pytest.mark.parametrize("props, words", [
    ({}, "Attribute 'name' is required"),
    ({"name": "-bad-"}, "63 characters"),
    ({"name": "ok", "k8sVersion": "9.9.9"}, "not available"),
    ({"name": "ok", "maintenanceWindow": {"dayOfTheWeek": "Funday", "time": "10:00:00"}}, "dayOfTheWeek"),
    ({"name": "ok", "maintenanceWindow": {"dayOfTheWeek": "Monday", "time": "25:00"}}, "HH:mm:ss"),
    ({"name": "ok", "public": False}, "not a property"),
])
def test_cluster_bad_input(api, props, words):
    assert words in api.error("POST", "/k8s", {"properties": props})


def test_nodepool_lifecycle(api, k8s):
    cid, dc = k8s
    created = api.post(f"/k8s/{cid}/nodepools", {"properties": pool_props(
        dc, labels={"tier": "web"}, autoScaling={"minNodeCount": 1, "maxNodeCount": 3})})
    pool = created.json()
    assert "Location" not in created.headers and pool["metadata"]["state"] == "DEPLOYING"
    pid = pool["id"]
    got = api.get(f"/k8s/{cid}/nodepools/{pid}")
    assert got["type"] == "nodepool" and got["metadata"]["state"] == "ACTIVE"
    assert got["properties"]["k8sVersion"] == api.get(f"/k8s/{cid}")["properties"]["k8sVersion"]
    nodes = api.get(f"/k8s/{cid}/nodepools/{pid}/nodes?depth=1")["items"]
    assert len(nodes) == 2 and all(n["type"] == "node" and n["metadata"]["state"] == "READY" for n in nodes)
    assert all(n["properties"]["publicIP"].startswith("85.215.") for n in nodes)  # de/fra
    # PUT replaces: what is not sent is gone (labels, autoscaling).
    api.put(f"/k8s/{cid}/nodepools/{pid}", {"properties": {"nodeCount": 3, "annotations": {"a": "b"}}})
    props = api.get(f"/k8s/{cid}/nodepools/{pid}")["properties"]
    assert props["nodeCount"] == 3 and props["labels"] == {} and props["annotations"] == {"a": "b"}
    assert props["autoScaling"] is None
    assert len(api.get(f"/k8s/{cid}/nodepools/{pid}/nodes")["items"]) == 3
    assert "cannot be modified" in api.error("PUT", f"/k8s/{cid}/nodepools/{pid}",
                                             {"properties": {"nodeCount": 3, "ramSize": 4096}})
    node = nodes[0]["id"]
    api.post(f"/k8s/{cid}/nodepools/{pid}/nodes/{node}/replace")
    ids = [n["id"] for n in api.get(f"/k8s/{cid}/nodepools/{pid}/nodes")["items"]]
    assert node not in ids and len(ids) == 3
    api.delete(f"/k8s/{cid}/nodepools/{pid}/nodes/{ids[0]}")
    assert len(api.get(f"/k8s/{cid}/nodepools/{pid}/nodes")["items"]) == 3  # the service replaces it
    assert "node pool" in api.error("DELETE", f"/k8s/{cid}")
    api.delete(f"/k8s/{cid}/nodepools/{pid}")
    api.get(f"/k8s/{cid}/nodepools/{pid}", expect=404)
    api.delete(f"/k8s/{cid}")


@pytest.mark.parametrize("extra, words", [
    ({"ramSize": 3000}, "multiple of 1024"),
    ({"ramSize": 1024}, "at least 2048"),
    ({"storageSize": 10}, "greater than 10"),
    ({"nodeCount": 5, "autoScaling": {"minNodeCount": 1, "maxNodeCount": 3}}, "between autoScaling.minNodeCount"),
    ({"autoScaling": {"minNodeCount": 4, "maxNodeCount": 3}}, "must not be greater"),
    ({"autoScaling": {"minNodeCount": 1}}, "together"),
    ({"k8sVersion": "1.19.4"}, "cannot run"),
    ({"datacenterId": "00000000-0000-0000-0000-000000000000"}, "does not exist"),
    ({"cpuFamily": "Z80"}, "not available"),
    ({"storageType": "TAPE"}, "allowed values"),
    ({"lans": [{"id": 7}]}, "LAN 7 does not exist"),
    ({"nodeCount": None}, "Attribute 'nodeCount' is required"),
    ({"maintenanceWindow": {"dayOfTheWeek": "Monday", "time": "7pm"}}, "HH:mm:ss"),
])
def test_nodepool_bad_input(api, k8s, extra, words):
    cid, dc = k8s
    assert words in api.error("POST", f"/k8s/{cid}/nodepools", {"properties": pool_props(dc, **extra)})


def test_nodepool_lans_and_names(api, k8s):
    cid, dc = k8s
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": True}})
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": False}})
    assert "public" in api.error("POST", f"/k8s/{cid}/nodepools", {"properties": pool_props(dc, lans=[{"id": 1}])})
    api.post(f"/k8s/{cid}/nodepools", {"properties": pool_props(dc, lans=[{"id": 2}])})
    assert "already exists" in api.error("POST", f"/k8s/{cid}/nodepools", {"properties": pool_props(dc)})


def test_nodepool_needs_an_active_cluster(api):
    api.control("PUT", "/config", {"k8s_delay": 5})
    api.control("PUT", "/clock", {"frozen": True})  # DEPLOYING however slow the calls below are
    c = cluster(api)
    dc = api.make_datacenter()
    assert "DEPLOYING" in api.error("POST", f"/k8s/{c['id']}/nodepools", {"properties": pool_props(dc)})
    assert "ACTIVE" in api.error("GET", f"/k8s/{c['id']}/kubeconfig")


def test_kubeconfig(api, k8s):
    cid, dc = k8s
    config = api.get(f"/k8s/{cid}/kubeconfig")
    assert config["type"] == "kubeconfig" and config["href"].endswith(f"/k8s/{cid}/kubeconfig")
    text = config["properties"]["kubeconfig"]
    assert "apiVersion: v1" in text and "token:" in text and "cluster-c1" in text
    assert api.get(f"/k8s/{cid}/kubeconfig")["properties"]["kubeconfig"] == text


def test_nodepool_states_with_delay(api, k8s):
    cid, dc = k8s
    api.control("PUT", "/config", {"k8s_delay": 0.4})
    api.control("PUT", "/clock", {"frozen": True})
    pid = api.post(f"/k8s/{cid}/nodepools", {"properties": pool_props(dc)}).json()["id"]
    assert api.get(f"/k8s/{cid}/nodepools/{pid}")["metadata"]["state"] == "DEPLOYING"
    assert {n["metadata"]["state"] for n in api.get(f"/k8s/{cid}/nodepools/{pid}/nodes?depth=1")["items"]} == {
        "PROVISIONING"}
    assert "DEPLOYING" in api.error("PUT", f"/k8s/{cid}/nodepools/{pid}", {"properties": {"nodeCount": 1}})
    api.control("PUT", "/clock", {"advance": 0.4})
    assert api.get(f"/k8s/{cid}/nodepools/{pid}")["metadata"]["state"] == "ACTIVE"
    assert {n["metadata"]["state"] for n in api.get(f"/k8s/{cid}/nodepools/{pid}/nodes?depth=1")["items"]} == {
        "READY"}
    api.put(f"/k8s/{cid}/nodepools/{pid}", {"properties": {"nodeCount": 1}})
    assert api.get(f"/k8s/{cid}/nodepools/{pid}")["metadata"]["state"] == "UPDATING"
    api.control("PUT", "/clock", {"advance": 0.4})
    assert api.get(f"/k8s/{cid}/nodepools/{pid}")["metadata"]["state"] == "ACTIVE"
    api.delete(f"/k8s/{cid}/nodepools/{pid}")
    assert api.get(f"/k8s/{cid}/nodepools/{pid}")["metadata"]["state"] == "DESTROYING"
    api.control("PUT", "/clock", {"advance": 0.4})
    api.get(f"/k8s/{cid}/nodepools/{pid}", expect=404)
    assert api.get(f"/k8s/{cid}")["entities"]["nodepools"] == {
        "id": f"{cid}/nodepools", "type": "collection", "href": f"{api.url}/k8s/{cid}/nodepools"}
