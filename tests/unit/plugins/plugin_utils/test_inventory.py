"""The inventory's pure half (plugins/plugin_utils/_inventory.py) on wire-shaped fixtures:
what a server becomes as a host, which address ansible_host gets, and how repeated
names stay distinct."""

import json

import pytest

from ansible_collections.ionos.enterprise.plugins.plugin_utils import _inventory

API = "https://api.ionos.com/cloudapi/v5"


def collection(kind_path, items):
    return {"id": kind_path, "type": "collection", "href": API + kind_path, "items": items}


def nic(nic_id, lan, ips, name="eth", mac="02:01:aa:bb:cc:dd"):
    return {"id": nic_id, "type": "nic", "href": API + "/nics/" + nic_id,
            "properties": {"name": name, "mac": mac, "ips": ips, "dhcp": True, "lan": lan,
                           "firewallActive": False, "nat": False},
            "entities": {"firewallrules": {"id": nic_id + "/firewallrules", "type": "collection"}}}


def server(server_id, name, nics=(), state="RUNNING", with_nics=True):
    entities = {"volumes": collection("/volumes", []), "cdroms": collection("/cdroms", [])}
    if with_nics:
        entities["nics"] = collection("/nics", list(nics))
    else:  # the API sent a reference only (a read not deep enough)
        entities["nics"] = {"id": server_id + "/nics", "type": "collection", "href": API + "/nics"}
    return {"id": server_id, "type": "server", "href": API + "/servers/" + server_id,
            "metadata": {"state": "AVAILABLE", "etag": "e"},
            "properties": {"name": name, "cores": 2, "ram": 4096, "availabilityZone": "ZONE_1",
                           "vmState": state, "bootCdrom": None, "bootVolume": None, "cpuFamily": "INTEL_SKYLAKE"},
            "entities": entities}


def lan(lan_id, name, public):
    return {"id": str(lan_id), "type": "lan", "href": API + "/lans/%s" % lan_id,
            "properties": {"name": name, "public": public, "ipFailover": [], "pcc": None}}


def datacenter(dc_id, name, location, servers, lans):
    return {"id": dc_id, "type": "datacenter", "href": API + "/datacenters/" + dc_id,
            "properties": {"name": name, "location": location, "description": None, "version": 3,
                           "features": [], "secAuthProtection": False},
            "entities": {"servers": collection("/servers", servers), "lans": collection("/lans", lans),
                         "volumes": collection("/volumes", []), "loadbalancers": collection("/loadbalancers", [])}}


WEB = "11111111-aaaa-4aaa-8aaa-000000000001"
DB = "22222222-bbbb-4bbb-8bbb-000000000002"
BARE = "33333333-cccc-4ccc-8ccc-000000000003"


@pytest.fixture
def prod():
    return datacenter("dc-1", "prod", "de/fra", [
        server(WEB, "web", [nic("n1", 1, ["158.222.1.10"], name="front"), nic("n2", 2, ["10.0.0.5", "10.0.0.6"])]),
        server(DB, "db", [nic("n3", 2, ["10.0.0.7"]), nic("n4", 7, [])], state="SHUTOFF"),
        server(BARE, "bare", []),
    ], [lan(1, "public", True), lan(2, "backend", False)])


def by_name(records):
    return dict((r["ionos_name"], r) for r in records)


def test_a_server_becomes_curated_variables_and_nothing_else(prod):
    web = by_name(_inventory.server_records(prod))["web"]
    assert web == {
        "ionos_id": WEB, "ionos_name": "web", "ionos_cores": 2, "ionos_ram": 4096,
        "ionos_cpu_family": "INTEL_SKYLAKE", "ionos_vm_state": "RUNNING", "ionos_availability_zone": "ZONE_1",
        "ionos_datacenter_id": "dc-1", "ionos_datacenter_name": "prod", "ionos_location": "de/fra",
        "ionos_nics": [
            {"id": "n1", "name": "front", "lan_id": 1, "lan_name": "public", "public": True,
             "ips": ["158.222.1.10"], "mac": "02:01:aa:bb:cc:dd"},
            {"id": "n2", "name": "eth", "lan_id": 2, "lan_name": "backend", "public": False,
             "ips": ["10.0.0.5", "10.0.0.6"], "mac": "02:01:aa:bb:cc:dd"},
        ],
        "ionos_public_ips": ["158.222.1.10"], "ionos_private_ips": ["10.0.0.5", "10.0.0.6"],
    }
    # Plain data, so that a JSON cache plugin can hold it.
    assert json.loads(json.dumps(web)) == web


def test_no_secret_property_reaches_a_host():
    dc = datacenter("dc-1", "prod", "de/fra", [server(WEB, "web")], [])
    volume = {"id": "v", "type": "volume", "properties": {"imagePassword": "s3cr3tpass0rd", "sshKeys": ["ssh-rsa K"]}}
    dc["entities"]["servers"]["items"][0]["entities"]["volumes"]["items"].append(volume)
    text = json.dumps(_inventory.server_records(dc))
    assert "s3cr3tpass0rd" not in text and "ssh-rsa" not in text


def test_a_nic_on_a_lan_missing_from_the_answer_is_classified_by_its_address():
    dc = datacenter("dc-1", "prod", "de/fra", [server(WEB, "web", [
        nic("a", 9, ["158.222.1.11"]), nic("b", 8, ["192.168.1.2"]), nic("c", 7, [])])], [])
    nics = _inventory.server_records(dc)[0]["ionos_nics"]
    assert [(n["public"], n["lan_name"]) for n in nics] == [(True, None), (False, None), (False, None)]


def test_servers_without_nics_or_read_too_shallow_are_still_hosts(prod):
    records = by_name(_inventory.server_records(prod))
    assert records["bare"]["ionos_nics"] == [] and records["bare"]["ionos_public_ips"] == []
    shallow = datacenter("dc-2", "x", "us/las", [server(WEB, "web", with_nics=False)], [])
    assert _inventory.server_records(shallow)[0]["ionos_nics"] == []
    assert _inventory.server_records({"id": "empty"}) == []


@pytest.mark.parametrize("connect_with, expected", [
    (["public_ip", "private_ip"], {"web": "158.222.1.10", "db": "10.0.0.7", "bare": None}),
    (["private_ip", "public_ip"], {"web": "10.0.0.5", "db": "10.0.0.7", "bare": None}),
    (["lan:backend"], {"web": "10.0.0.5", "db": "10.0.0.7", "bare": None}),
    (["lan:1"], {"web": "158.222.1.10", "db": None, "bare": None}),
    (["lan:7", "public_ip"], {"web": "158.222.1.10", "db": None, "bare": None}),
    (["none"], {"web": None, "db": None, "bare": None}),
])
def test_ansible_host_follows_the_preference(prod, connect_with, expected):
    records = by_name(_inventory.server_records(prod))
    assert dict((name, _inventory.connect_address(r, connect_with)) for name, r in records.items()) == expected


@pytest.mark.parametrize("entries, problem", [
    (["public"], "connect_with: 'public' is not public_ip, private_ip, lan:<LAN name or id> or none"),
    (["lan:"], "connect_with: 'lan:' is not"),
    (["none", "public_ip"], "connect_with: none cannot be combined with other entries"),
])
def test_a_wrong_connect_with_is_named(entries, problem):
    assert any(p.startswith(problem) for p in _inventory.connect_problems(entries))


def test_good_connect_with_has_no_problem():
    assert _inventory.connect_problems(["public_ip", "private_ip", "lan:backend", "lan:3"]) == []
    assert _inventory.connect_problems(["none"]) == []


def record(server_id, name, dc_name="prod"):
    return {"ionos_id": server_id, "ionos_name": name, "ionos_datacenter_name": dc_name}


def test_unique_names_stay_as_they_are():
    records = [record(WEB, "web"), record(DB, "db")]
    assert _inventory.unique_hostnames(records, ["web", "db"]) == ["web", "db"]


def test_every_server_sharing_a_name_gets_its_short_id_whatever_the_order():
    records = [record(WEB, "web", "prod"), record(DB, "db"), record(BARE, "web", "staging")]
    names = _inventory.unique_hostnames(records, ["web", "db", "web"])
    assert names == ["web_11111111", "db", "web_33333333"]
    reversed_names = _inventory.unique_hostnames(records[::-1], ["web", "db", "web"])
    assert reversed_names == ["web_33333333", "db", "web_11111111"]


def test_short_ids_that_collide_fall_back_to_the_whole_id():
    twin = "11111111-ffff-4fff-8fff-00000000000f"
    names = _inventory.unique_hostnames([record(WEB, "web"), record(twin, "web")], ["web", "web"])
    assert names == ["web_" + WEB, "web_" + twin]


def test_duplicates_fail_names_the_servers_when_asked():
    records = [record(WEB, "web", "prod"), record(BARE, "web", "staging")]
    with pytest.raises(ValueError) as caught:
        _inventory.unique_hostnames(records, ["web", "web"], duplicates="fail")
    assert str(caught.value) == (
        "2 servers would be the host 'web': %s in datacenter prod, %s in datacenter staging;"
        " set duplicate_hostnames to suffix_id or a hostname template that tells them apart" % (WEB, BARE))


def test_default_groups_name_datacenter_location_lans_state_and_zone(prod):
    records = by_name(_inventory.server_records(prod))
    assert _inventory.default_groups(records["db"], _inventory.DEFAULT_GROUP_KINDS) == [
        ("datacenter", "prod"), ("location", "de/fra"), ("lan", "backend"), ("lan", "7"),
        ("vm_state", "shutoff"), ("availability_zone", "zone_1")]
    assert _inventory.default_groups(records["web"], ["lan"]) == [("lan", "public"), ("lan", "backend")]
    assert _inventory.default_groups(records["web"], []) == []


def test_the_cache_key_digest_changes_with_scope_and_account_but_never_holds_a_credential():
    connection = {"api_url": API, "contract_number": None, "username": "me@example.com", "password": "pw"}
    one = _inventory.scope_digest(connection, [])
    assert one == _inventory.scope_digest(dict(connection, password="other"), [])
    assert one != _inventory.scope_digest(connection, ["prod"])
    assert one != _inventory.scope_digest(dict(connection, contract_number=31415), [])
    assert one != _inventory.scope_digest(dict(connection, username="you@example.com"), [])
    # AWX may inject a username and a token: the token decides, as it does for the client.
    token = {"api_url": API, "username": "shared@example.com", "token": "secret-token"}
    assert _inventory.scope_digest(token, []) != _inventory.scope_digest(dict(token, token="another"), [])
    assert _inventory.scope_digest(token, []) != _inventory.scope_digest(dict(token, token=None), [])
    assert len(one) == 12
    assert _inventory.scope_digest(connection, ["a", "b"]) == _inventory.scope_digest(connection, ["b", "a"])


def test_datacenter_names_in_an_error_are_cut_short():
    listed = [{"id": str(i), "properties": {"name": "dc-%02d" % i}} for i in range(12)]
    assert _inventory.name_list(listed, shown=3) == "dc-00, dc-01, dc-02 and 9 more"
    assert _inventory.name_list([]) == "no datacenters"
