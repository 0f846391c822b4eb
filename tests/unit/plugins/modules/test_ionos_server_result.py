"""ionos_server results carry each server's NICs with their IPs and its volumes (issue 19,
item 6), so a play can add a new server to its inventory without another task: on create,
update and unchanged runs, for one server and for each member of a fleet, without more reads
than the module made before.
"""

import pytest
import requests
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter_main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main
from conftest import PASSWORD, USERNAME

GET_SERVER = "GET /datacenters/{datacenterId}/servers/{serverId}"
SERVERS_PATH = "^/datacenters/[^/]+/servers$"
NICS = [{"name": "public", "lan": 1}, {"name": "backend", "lan": 2, "dhcp": False, "ips": ["10.9.0.5"]}]
VOLUMES = [{"name": "system", "size": 5, "type": "SSD", "licence_type": "OTHER"}]
SERVER = dict(datacenter="dc", name="web", cores=1, ram=512, nics=NICS, volumes=VOLUMES)


@pytest.fixture
def datacenter(run_module):
    return run_module(datacenter_main, name="dc", location="de/fra")["datacenter"]["id"]


def _api_view(emulator, datacenter_id, server_id):
    """(nics, volumes) of the server as the API has them, in the result's shape."""
    tree = requests.get(emulator.url + "/datacenters/%s/servers/%s?depth=2" % (datacenter_id, server_id),
                        auth=(USERNAME, PASSWORD), timeout=10).json()["entities"]
    nics = [{"id": nic["id"], "name": nic["properties"]["name"], "lan": nic["properties"]["lan"],
             "dhcp": nic["properties"]["dhcp"], "ips": nic["properties"]["ips"], "mac": nic["properties"]["mac"]}
            for nic in tree["nics"]["items"]]
    volumes = [{"id": volume["id"], "name": volume["properties"]["name"], "size": volume["properties"]["size"],
                "type": volume["properties"]["type"]} for volume in tree["volumes"]["items"]]
    return nics, volumes


def test_a_created_server_carries_its_nics_with_their_ips_and_its_volumes(run_module, emulator, datacenter):
    created = run_module(main, **SERVER)
    assert created["changed"], created
    server = created["server"]
    # The one read after the create (at depth 2 instead of 0): no more than before.
    assert emulator.calls(GET_SERVER) == 1
    nics, volumes = _api_view(emulator, datacenter, server["id"])
    assert (server["nics"], server["volumes"]) == (nics, volumes)
    public, backend = server["nics"]
    assert public["name"] == "public" and public["lan"] == 1 and len(public["ips"]) == 1 and public["dhcp"]
    assert backend["ips"] == ["10.9.0.5"] and backend["dhcp"] is False
    assert [(volume["name"], volume["size"], volume["type"]) for volume in server["volumes"]] == [("system", 5, "SSD")]
    # The API's own element holds them too (read at depth 2).
    assert server["entities"]["nics"]["items"][0]["properties"]["ips"] == public["ips"]


def test_unchanged_and_updated_runs_carry_them_too(run_module, emulator, datacenter):
    created = run_module(main, **SERVER)["server"]
    expected = (created["nics"], created["volumes"])
    for args in (dict(name="web"), dict(id=created["id"]), dict(SERVER)):
        emulator.control("DELETE", "/counters")
        again = run_module(main, **dict(args, datacenter="dc"))
        assert not again["changed"], again
        assert (again["server"]["nics"], again["server"]["volumes"]) == expected, args
        # The datacenter and the server (the list, or the element by id): two reads, as before.
        assert (emulator.counters()["reads"], emulator.counters()["writes"]) == (2, 0), args
    updated = run_module(main, datacenter="dc", name="web", cores=2)
    assert updated["changed"] and updated["server"]["properties"]["cores"] == 2
    assert (updated["server"]["nics"], updated["server"]["volumes"]) == expected


def test_each_member_of_a_fleet_carries_them(run_module, emulator, datacenter):
    fleet = run_module(main, datacenter="dc", name="w%d", count=2, cores=1, ram=512,
                       nics=[{"name": "public", "lan": 1}])["servers"]
    again = run_module(main, datacenter="dc", name="w%d", count=2)["servers"]
    for created, unchanged in zip(fleet, again):
        assert created["nics"] == unchanged["nics"] == _api_view(emulator, datacenter, created["id"])[0]
        assert len(created["nics"][0]["ips"]) == 1 and created["volumes"] == []
    assert fleet[0]["nics"][0]["ips"] != fleet[1]["nics"][0]["ips"]


def test_check_mode_create_shows_what_it_would_create(run_module, emulator, datacenter):
    requests.post(emulator.url + "/datacenters/%s/volumes" % datacenter, auth=(USERNAME, PASSWORD), timeout=10,
                  json={"properties": {"name": "data", "size": 7, "type": "HDD", "licenceType": "OTHER"}})
    planned = run_module(main, attach_volumes=["data"], _check_mode=True, **SERVER)["server"]
    assert planned["id"] is None
    assert planned["nics"] == [
        {"id": None, "name": "public", "lan": 1, "dhcp": None, "ips": [], "mac": None},
        {"id": None, "name": "backend", "lan": 2, "dhcp": False, "ips": ["10.9.0.5"], "mac": None}]
    assert [(volume["name"], volume["size"], volume["type"]) for volume in planned["volumes"]] == [
        ("system", 5, "SSD"), ("data", 7, "HDD")]
    assert planned["volumes"][0]["id"] is None and planned["volumes"][1]["id"]
    fleet = run_module(main, datacenter="dc", name="w%d", count=2, cores=1, ram=512, nics=NICS[:1],
                       _check_mode=True)["servers"]
    assert [member["nics"][0]["name"] for member in fleet] == ["public", "public"]


def test_without_wait_the_first_answer_is_returned_without_another_read(run_module, emulator, datacenter):
    created = run_module(main, wait=False, **SERVER)["server"]
    assert emulator.calls(GET_SERVER) == 0
    # The API's first answer repeats what was sent: the addresses it assigns are not in yet.
    assert [(nic["name"], nic["ips"]) for nic in created["nics"]] == [("public", []), ("backend", ["10.9.0.5"])]
    assert created["nics"][0]["id"] and [volume["name"] for volume in created["volumes"]] == ["system"]


def test_a_create_whose_answer_was_lost_carries_them(run_module, emulator, datacenter):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": SERVERS_PATH, "times": 1})
    adopted = run_module(main, **SERVER)
    assert adopted["changed"] and emulator.calls("POST /datacenters/{datacenterId}/servers") == 1
    server = adopted["server"]
    assert (server["nics"], server["volumes"]) == _api_view(emulator, datacenter, server["id"])
    assert len(server["nics"][0]["ips"]) == 1


def test_a_deleted_server_is_returned_as_it_was(run_module, emulator, datacenter):
    created = run_module(main, **SERVER)["server"]
    deleted = run_module(main, datacenter="dc", name="web", state="absent")["server"]
    assert deleted["id"] == created["id"] and deleted["nics"] == created["nics"]
