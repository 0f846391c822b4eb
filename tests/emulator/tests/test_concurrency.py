"""Fifty clients at once, as fifty Ansible forks: no lost update, no torn
read, no duplicated id."""

import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import PASSWORD, USER

CLIENTS = 50


def session():
    s = requests.Session()
    s.auth = (USER, PASSWORD)
    return s


def in_parallel(fn, count=CLIENTS):
    barrier = threading.Barrier(count)

    def run(i):
        barrier.wait()
        return fn(i)
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_parallel_lan_creates_get_distinct_numbers(api):
    dc = api.make_datacenter()

    def create(i):
        r = session().post(f"{api.url}/datacenters/{dc}/lans", json={"properties": {"name": f"lan{i}"}}, timeout=30)
        assert r.status_code == 202, r.text
        return r.json()["id"], r.headers["Location"]
    results = in_parallel(create)
    ids = [r[0] for r in results]
    assert sorted(ids, key=int) == [str(n) for n in range(1, CLIENTS + 1)]
    assert len({r[1] for r in results}) == CLIENTS  # one request each
    assert len(api.get(f"/datacenters/{dc}/lans")["items"]) == CLIENTS


def test_parallel_datacenter_creates_have_unique_ids(api):
    def create(i):
        r = session().post(f"{api.url}/datacenters", json={"properties": {"name": f"dc{i}", "location": "de/fra"}},
                           timeout=30)
        assert r.status_code == 202
        return r.json()["id"]
    ids = in_parallel(create)
    assert len(set(ids)) == CLIENTS
    listed = {d["id"] for d in api.get("/datacenters")["items"]}
    assert listed == set(ids)


def test_no_lost_update_on_one_server(api):
    """Fifty writers add a NIC each and attach a volume each to the same
    server: every one of them must be there, with distinct device numbers."""
    dc = api.make_datacenter()
    server = api.post(f"/datacenters/{dc}/servers", {"properties": {"name": "s", "cores": 1, "ram": 1024}}).json()
    volumes = [api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 1, "licenceType": "OTHER"}}).json()["id"]
               for unused in range(CLIENTS)]
    base = f"{api.url}/datacenters/{dc}/servers/{server['id']}"

    def write(i):
        s = session()
        assert s.post(base + "/nics", json={"properties": {"name": f"nic{i}", "lan": 1 + i % 3}}, timeout=30).ok
        assert s.post(base + "/volumes", json={"id": volumes[i]}, timeout=30).ok
    in_parallel(write)
    full = api.get(f"/datacenters/{dc}/servers/{server['id']}?depth=2")
    assert len(full["entities"]["nics"]["items"]) == CLIENTS
    attached = full["entities"]["volumes"]["items"]
    assert {v["id"] for v in attached} == set(volumes)
    assert sorted(v["properties"]["deviceNumber"] for v in attached) == list(range(1, CLIENTS + 1))
    macs = [n["properties"]["mac"] for n in full["entities"]["nics"]["items"]]
    assert len(set(macs)) == CLIENTS


def test_concurrent_patches_of_different_attributes_all_survive(api):
    dcs = [api.make_datacenter(f"dc{i}") for i in range(5)]

    def patch(i):
        dc = dcs[i % 5]
        body = {"name": f"name-{i}"} if i % 2 else {"description": f"description-{i}"}
        assert session().patch(f"{api.url}/datacenters/{dc}", json=body, timeout=30).status_code == 202
    in_parallel(patch)
    for dc in dcs:
        props = api.get(f"/datacenters/{dc}")["properties"]
        assert props["name"].startswith("name-") and props["description"].startswith("description-")
        assert props["version"] == 1 + CLIENTS // 5


def test_reads_never_see_half_a_composite_create(api):
    """Readers list servers while writers create servers with two NICs and a
    volume each: every server a reader sees is complete."""
    dc = api.make_datacenter()
    url = f"{api.url}/datacenters/{dc}/servers"
    body = {"properties": {"cores": 1, "ram": 512}, "entities": {
        "nics": {"items": [{"properties": {"lan": 1}}, {"properties": {"lan": 2}}]},
        "volumes": {"items": [{"properties": {"size": 1, "licenceType": "OTHER"}}]}}}
    torn = []

    def work(i):
        s = session()
        if i % 2:
            assert s.post(url, json=body, timeout=30).status_code == 202
            return
        for unused in range(5):
            for server in s.get(url + "?depth=2", timeout=30).json()["items"]:
                if len(server["entities"]["nics"]["items"]) != 2 or len(server["entities"]["volumes"]["items"]) != 1:
                    torn.append(server["id"])
    in_parallel(work)
    assert torn == []
    assert len(api.get(url)["items"]) == CLIENTS // 2
