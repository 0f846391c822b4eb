"""What stays consistent across writes: references cleaned up, rejected
input answered as the API does, nothing secret quoted back."""

import pytest

from test_network import block_ip


def dc_with_server(api, location="us/las"):
    dc = api.make_datacenter(location=location)
    server = api.post(f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 1024}}).json()["id"]
    return dc, server


def test_every_202_echo_shows_busy(api):
    body = api.post("/datacenters", {"properties": {"name": "x", "location": "us/las"}}).json()
    assert body["metadata"]["state"] == "BUSY"
    server = api.post(f"/datacenters/{body['id']}/servers", {"properties": {"cores": 1, "ram": 512}, "entities": {
        "nics": {"items": [{"properties": {"lan": 1}}]}}}).json()
    assert server["metadata"]["state"] == "BUSY"
    assert server["entities"]["nics"]["items"][0]["metadata"]["state"] == "BUSY"
    assert api.patch(f"/datacenters/{body['id']}", {"name": "y"}).json()["metadata"]["state"] == "BUSY"
    assert api.get(f"/datacenters/{body['id']}")["metadata"]["state"] == "AVAILABLE"


def test_creating_a_lan_is_a_new_datacenter_version(api):
    dc = api.make_datacenter()
    before = api.get(f"/datacenters/{dc}")["properties"]["version"]
    api.post(f"/datacenters/{dc}/lans", {"properties": {}})
    assert api.get(f"/datacenters/{dc}")["properties"]["version"] == before + 1


@pytest.mark.parametrize("path, body", [
    ("/datacenters", {"properties": {"location": ["de/fra"]}}),
    ("/ipblocks", {"properties": {"location": {"a": 1}, "size": 1}}),
    ("/datacenters", {"properties": {"location": "de/fra"}, "entities": {"servers": {"items": [{"properties": []}]}}}),
    ("/datacenters", {"properties": "nope"}),
])
def test_wrong_types_are_422_not_a_crash(api, path, body):
    assert api.error("POST", path, body)


def test_wrong_reference_types_are_422(api):
    dc, server = dc_with_server(api)
    for sub in ("volumes", "cdroms"):
        assert "'id' must be a string" in api.error("POST", f"/datacenters/{dc}/servers/{server}/{sub}", {"id": ["x"]})
    assert "'id' is required" in api.error("POST", f"/datacenters/{dc}/servers/{server}/volumes", {})


@pytest.mark.parametrize("props, secret", [
    ({"sshKeys": "ssh-rsa AAAAsecretkey user@host", "imagePassword": "abcdefgh1"}, "AAAAsecretkey"),
    ({"sshKeys": ["ok"], "imagePassword": ["abcdefgh1"]}, "abcdefgh1"),
    ({"imagePassword": 1234567890}, "1234567890"),
])
def test_secrets_are_not_quoted_in_errors(api, props, secret):
    dc = api.make_datacenter()
    image = next(i["id"] for i in api.get("/images?depth=1")["items"]
                 if i["properties"]["location"] == "us/las" and i["properties"]["imageType"] == "HDD")
    message = api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {"size": 10, "image": image, **props}})
    assert secret not in message


def test_user_password_of_wrong_type_is_not_quoted(api):
    message = api.error("POST", "/um/users", {"properties": {"firstname": "a", "lastname": "b",
                                                             "email": "a@example.com", "password": 31415926}})
    assert "31415926" not in message


def test_failover_follows_nic_changes(api):
    dc, server = dc_with_server(api)
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": True}})
    ip1, ip2 = block_ip(api), block_ip(api)
    nic = api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 1, "ips": [ip1]}}).json()["id"]
    api.patch(f"/datacenters/{dc}/lans/1", {"ipFailover": [{"ip": ip1, "nicUuid": nic}]})
    api.patch(f"/datacenters/{dc}/servers/{server}/nics/{nic}", {"ips": [ip2]})
    assert api.get(f"/datacenters/{dc}/lans/1")["properties"]["ipFailover"] == []
    api.patch(f"/datacenters/{dc}/lans/1", {"name": "still fine"})
    api.patch(f"/datacenters/{dc}/lans/1", {"ipFailover": [{"ip": ip2, "nicUuid": nic}]})
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": True}})
    api.patch(f"/datacenters/{dc}/servers/{server}/nics/{nic}", {"lan": 2})
    assert api.get(f"/datacenters/{dc}/lans/1")["properties"]["ipFailover"] == []


def test_lan_cannot_change_kind_under_fixed_addresses(api):
    dc, server = dc_with_server(api)
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": True}})
    api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 1, "ips": [block_ip(api)]}})
    assert "private" in api.error("PATCH", f"/datacenters/{dc}/lans/1", {"public": False})
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": False}})
    api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 2, "ips": ["10.1.2.3"]}})
    assert "reserved IP block" in api.error("PATCH", f"/datacenters/{dc}/lans/2", {"public": True})


def test_node_pools_keep_their_datacenter_and_lans(api):
    dc = api.make_datacenter(location="de/fra")
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": False}})
    cluster = api.post("/k8s", {"properties": {"name": "c"}}).json()["id"]
    pool = {"name": "p", "datacenterId": dc, "nodeCount": 1, "cpuFamily": "INTEL_XEON", "coresCount": 1,
            "ramSize": 2048, "availabilityZone": "AUTO", "storageType": "HDD", "storageSize": 20, "lans": [{"id": 1}]}
    api.post(f"/k8s/{cluster}/nodepools", {"properties": pool})
    assert "node pool" in api.error("DELETE", f"/datacenters/{dc}/lans/1")
    assert "node pool" in api.error("DELETE", f"/datacenters/{dc}")


def test_deleting_an_image_clears_the_boot_cdrom(api):
    image = api.control("POST", "/images", {"name": "own.iso", "location": "us/las", "imageType": "CDROM"})["id"]
    dc = api.make_datacenter()
    server = api.post(f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 512,
                                                                    "bootCdrom": {"id": image}}}).json()["id"]
    assert api.get(f"/datacenters/{dc}/servers/{server}")["properties"]["bootCdrom"]["id"] == image
    api.delete(f"/images/{image}")
    assert api.get(f"/datacenters/{dc}/servers/{server}")["properties"]["bootCdrom"] is None


def test_a_rejected_call_does_not_use_up_a_failed_fault(api):
    api.control("PUT", "/faults", {"rules": [{"kind": "failed", "times": 1}]})
    api.error("POST", "/datacenters", {"properties": {}})
    response = api.post("/datacenters", {"properties": {"location": "us/las"}})
    assert api.get(response.headers["Location"])["metadata"]["status"] == "FAILED"
    assert api.counters()["faults"] == {"failed": 1}


def test_public_addresses_are_reused_once_the_range_went_round(api, emulator):
    from ionos_emulator.network import BLOCK_START
    dc, server = dc_with_server(api)
    api.post(f"/datacenters/{dc}/lans", {"properties": {"public": True}})
    emulator.call(emulator.emu.store.counters.__setitem__, "dhcp:us/las", BLOCK_START - 1)
    nics = [api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 1}}).json()["id"]
            for unused in range(3)]
    ips = [api.get(f"/datacenters/{dc}/servers/{server}/nics/{n}")["properties"]["ips"][0] for n in nics]
    assert len(set(ips)) == 3 and ips[0] == "158.222.127.255"
    assert ips[1] == "158.222.0.10"  # the range went round; nobody held the first address
