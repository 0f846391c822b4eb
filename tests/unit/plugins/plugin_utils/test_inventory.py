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


def lan(lan_id, name, public, failover=()):
    return {"id": str(lan_id), "type": "lan", "href": API + "/lans/%s" % lan_id,
            "properties": {"name": name, "public": public, "pcc": None,
                           "ipFailover": [{"ip": ip, "nicUuid": nic_id} for ip, nic_id in failover]}}


def loadbalancer(lb_id, ip, nics=()):
    """A load balancer as GET /datacenters?depth=5 shows it: its ip, and its balanced NICs
    (each of which also lists that ip among its own ips)."""
    return {"id": lb_id, "type": "loadbalancer", "href": API + "/loadbalancers/" + lb_id,
            "properties": {"name": "lb", "ip": ip, "dhcp": True},
            "entities": {"balancednics": collection("/balancednics", list(nics))}}


def boot_volume(volume_id, image, licence, whole=True):
    """A server's bootVolume: whole from depth 1 on (wire reference section 7b), else a reference."""
    reference = {"id": volume_id, "type": "volume", "href": API + "/volumes/" + volume_id}
    if whole:
        reference["properties"] = {"name": "system", "type": "HDD", "size": 10, "image": image,
                                   "imagePassword": None, "imageAlias": None, "licenceType": licence}
    return reference


def datacenter(dc_id, name, location, servers, lans, loadbalancers=()):
    return {"id": dc_id, "type": "datacenter", "href": API + "/datacenters/" + dc_id,
            "properties": {"name": name, "location": location, "description": None, "version": 3,
                           "features": [], "secAuthProtection": False},
            "entities": {"servers": collection("/servers", servers), "lans": collection("/lans", lans),
                         "volumes": collection("/volumes", []),
                         "loadbalancers": collection("/loadbalancers", list(loadbalancers))}}


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
        "ionos_shared_ips": [], "ionos_boot_image": None, "ionos_licence_type": None,
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


# -- addresses shared by several servers, and which one ansible_host gets ----------------

WEB1 = "44444444-dddd-4ddd-8ddd-000000000004"
WEB2 = "55555555-eeee-4eee-8eee-000000000005"
LB_IP = "158.222.1.50"
DEFAULT = ["public_ip", "private_ip"]


def addresses(dc, connect_with=None):
    records = _inventory.server_records(dc)
    return dict((r["ionos_name"], _inventory.connect_address(r, connect_with or DEFAULT)) for r in records)


def balanced_pair(front_ips=((LB_IP,), (LB_IP,)), back=True):
    """web-1 and web-2, their front NICs balanced by one load balancer (so its ip is on both),
    each with a private back NIC of its own unless back is False."""
    servers = []
    for index, (server_id, ips) in enumerate(zip((WEB1, WEB2), front_ips)):
        nics = [nic("f%d" % index, 1, list(ips), name="front")]
        if back:
            nics.append(nic("b%d" % index, 2, ["10.0.0.%d" % (index + 11)], name="back"))
        servers.append(server(server_id, "web-%d" % (index + 1), nics))
    balancer = loadbalancer("lb-1", LB_IP, [{"id": "f0", "type": "nic"}, {"id": "f1", "type": "nic"}])
    return datacenter("dc-1", "prod", "de/fra", servers, [lan(1, "public", True), lan(2, "backend", False)],
                      [balancer])


def test_two_servers_behind_one_balancer_each_get_their_own_address():
    # The front NICs carry only the balancer's ip: each server is reached on its back NIC.
    assert addresses(balanced_pair()) == {"web-1": "10.0.0.11", "web-2": "10.0.0.12"}
    # Front NICs with an address of their own besides the balancer's: that one, public first.
    both = balanced_pair(front_ips=((LB_IP, "158.222.1.11"), (LB_IP, "158.222.1.12")))
    assert addresses(both) == {"web-1": "158.222.1.11", "web-2": "158.222.1.12"}
    assert addresses(both, ["private_ip", "public_ip"]) == {"web-1": "10.0.0.11", "web-2": "10.0.0.12"}
    assert addresses(both, ["lan:public"]) == {"web-1": "158.222.1.11", "web-2": "158.222.1.12"}


def test_a_balancers_ip_is_shared_even_on_a_single_balanced_nic():
    dc = balanced_pair()
    dc["entities"]["servers"]["items"][1]["entities"]["nics"]["items"][0]["properties"]["ips"] = ["158.222.1.12"]
    assert addresses(dc) == {"web-1": "10.0.0.11", "web-2": "158.222.1.12"}


def test_shared_ips_are_listed_and_every_ip_still_is():
    records = by_name(_inventory.server_records(
        balanced_pair(front_ips=((LB_IP, "158.222.1.11"), (LB_IP, "158.222.1.12")))))
    web1 = records["web-1"]
    assert web1["ionos_shared_ips"] == [LB_IP]
    assert web1["ionos_public_ips"] == [LB_IP, "158.222.1.11"] and web1["ionos_private_ips"] == ["10.0.0.11"]
    assert web1["ionos_nics"][0]["ips"] == [LB_IP, "158.222.1.11"]


def test_an_ip_failover_address_is_not_ansible_host():
    failover = "158.222.1.60"
    # Both NICs of the failover group carry the address; the LAN names it once, with its primary.
    servers = [server(WEB1, "web-1", [nic("f0", 1, [failover, "158.222.1.11"])]),
               server(WEB2, "web-2", [nic("f1", 1, [failover, "158.222.1.12"])])]
    dc = datacenter("dc-1", "prod", "de/fra", servers, [lan(1, "public", True, failover=[(failover, "f0")])])
    assert addresses(dc) == {"web-1": "158.222.1.11", "web-2": "158.222.1.12"}
    assert [r["ionos_shared_ips"] for r in _inventory.server_records(dc)] == [[failover], [failover]]
    # The LAN's list alone makes it shared, before a second NIC has joined the group.
    alone = datacenter("dc-1", "prod", "de/fra", servers[:1], [lan(1, "public", True, failover=[(failover, "f0")])])
    assert addresses(alone) == {"web-1": "158.222.1.11"}
    assert _inventory.server_records(alone)[0]["ionos_shared_ips"] == [failover]


def test_an_address_on_nics_of_two_servers_is_shared_without_a_balancer_or_failover_entry():
    servers = [server(WEB1, "web-1", [nic("a", 2, ["10.0.0.9", "10.0.0.11"])]),
               server(WEB2, "web-2", [nic("b", 2, ["10.0.0.9", "10.0.0.12"])]),
               server(DB, "db", [nic("c", 2, ["10.0.0.7"]), nic("d", 2, ["10.0.0.7"])])]
    dc = datacenter("dc-1", "prod", "de/fra", servers, [lan(2, "backend", False)])
    assert addresses(dc) == {"web-1": "10.0.0.11", "web-2": "10.0.0.12", "db": "10.0.0.7"}
    # Twice on one server is not shared with another one.
    assert by_name(_inventory.server_records(dc))["db"]["ionos_shared_ips"] == []


def test_a_server_with_only_shared_addresses_still_gets_one():
    dc = balanced_pair(back=False)
    assert addresses(dc) == {"web-1": LB_IP, "web-2": LB_IP}
    assert addresses(dc, ["private_ip"]) == {"web-1": None, "web-2": None}


def test_hosts_with_the_same_ansible_host_are_found():
    found = _inventory.shared_ansible_hosts({"web-1": LB_IP, "db": "10.0.0.7", "web-2": LB_IP, "bare": None,
                                             "other": None})
    assert found == {LB_IP: ["web-1", "web-2"]}
    assert _inventory.shared_ansible_hosts({"web-1": "10.0.0.11", "web-2": "10.0.0.12"}) == {}


def test_a_host_alone_on_one_of_its_shared_addresses_is_found():
    # The other servers behind the balancer are filtered out of the inventory: still shared.
    assert _inventory.shared_ansible_hosts({"web-1": LB_IP, "db": "10.0.0.7"},
                                           {"web-1": [LB_IP], "db": []}) == {LB_IP: ["web-1"]}
    assert _inventory.shared_ansible_hosts({"web-1": "10.0.0.11"}, {"web-1": [LB_IP]}) == {}


# -- the boot image and its licence ------------------------------------------------------

IMAGE = "7d3cf91d-104b-5dcb-818b-61a5bd1ca47d"


def booting(server_record, **properties):
    server_record["properties"].update(properties)
    return server_record


def test_the_boot_volumes_image_and_licence_type_are_host_variables():
    whole = booting(server(WEB1, "web-1"), bootVolume=boot_volume("v1", IMAGE, "LINUX"))
    # A reference only (a read not deep enough for it): found among the server's volumes.
    referenced = booting(server(WEB2, "web-2"), bootVolume=boot_volume("v2", None, None, whole=False))
    referenced["entities"]["volumes"]["items"].append(boot_volume("v2", "snapshot-id", "WINDOWS2016"))
    cdrom = booting(server(DB, "db"), bootCdrom={"id": "iso-1", "type": "image", "href": API + "/images/iso-1"})
    cdrom["entities"]["cdroms"]["items"].append(
        {"id": "iso-1", "type": "image", "properties": {"name": "debian.iso", "licenceType": "LINUX"}})
    nothing = server(BARE, "bare")
    records = by_name(_inventory.server_records(datacenter("dc-1", "prod", "de/fra",
                                                           [whole, referenced, cdrom, nothing], [])))
    assert dict((name, (r["ionos_boot_image"], r["ionos_licence_type"])) for name, r in records.items()) == {
        "web-1": (IMAGE, "LINUX"), "web-2": ("snapshot-id", "WINDOWS2016"), "db": ("iso-1", "LINUX"),
        "bare": (None, None)}


def test_a_boot_device_known_by_reference_only_gives_its_id():
    lone = booting(server(WEB1, "web-1"), bootCdrom={"id": "iso-2", "type": "image"})
    assert _inventory.server_records(datacenter("dc-1", "prod", "de/fra", [lone], []))[0]["ionos_boot_image"] == "iso-2"
