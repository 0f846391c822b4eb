"""nics[].lan by name, as ionos_nic takes it: in ionos_datacenter's composite create a name
is a LAN of the same task's lans (the API numbers them 1, 2, ... in order); in ionos_server
it is a LAN of the datacenter, read once and only when a name is given. An unknown or
ambiguous name fails naming the option path before any write, in check mode too."""

import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from conftest import PASSWORD, USERNAME

LIST_LANS = "GET /datacenters/{datacenterId}/lans"
POST_SERVERS = "POST /datacenters/{datacenterId}/servers"


def _get(emulator, path):
    answer = requests.get(emulator.url + path, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _nic_lans(emulator, datacenter_id, server_id):
    """{NIC name: LAN id} of a server, as the API holds them."""
    nics = _get(emulator, "/datacenters/%s/servers/%s/nics?depth=1" % (datacenter_id, server_id))["items"]
    return dict((nic["properties"]["name"], nic["properties"]["lan"]) for nic in nics)


def _add_lan(emulator, datacenter_id, name):
    answer = requests.post(emulator.url + "/datacenters/%s/lans" % datacenter_id, auth=(USERNAME, PASSWORD),
                           json={"properties": {"name": name}}, timeout=10)
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


# -- ionos_datacenter: names of the task's own lans ---------------------------------------

LANS = [{"name": "public", "public": True}, {"name": "private"}]


def test_a_composite_nic_names_a_lan_of_the_same_task(run_module, emulator):
    result = run_module(datacenter, name="named", location="de/fra", lans=LANS, servers=[{
        "name": "web", "cores": 1, "ram": 1024,
        "nics": [{"name": "in", "lan": "private"}, {"name": "out", "lan": "public"}, {"name": "by-id", "lan": 2}]}])
    assert result["changed"] and not result.get("failed"), result
    dc_id = result["datacenter"]["id"]
    web = _get(emulator, "/datacenters/%s/servers?depth=1" % dc_id)["items"][0]
    assert _nic_lans(emulator, dc_id, web["id"]) == {"in": 2, "out": 1, "by-id": 2}
    lans = _get(emulator, "/datacenters/%s/lans?depth=1" % dc_id)["items"]
    assert dict((lan["id"], lan["properties"]["name"]) for lan in lans) == {"1": "public", "2": "private"}


def test_an_unknown_or_ambiguous_lan_name_in_a_composite_fails_before_any_call(run_module, emulator):
    for check_mode in (False, True):
        emulator.control("DELETE", "/counters")
        failed = run_module(datacenter, name="bad", location="de/fra", _check_mode=check_mode,
                            lans=LANS + [{"name": "twin"}, {"name": "twin"}],
                            servers=[{"name": "web", "cores": 1, "ram": 1024,
                                      "nics": [{"name": "a", "lan": "public"}, {"name": "b", "lan": "backend"},
                                               {"name": "c", "lan": "twin"}]}])
        assert failed.get("failed"), failed
        assert failed["msg"] == (
            "lans: the LAN name 'twin' is listed more than once;"
            " servers[0].nics[1].lan: no LAN in lans is named 'backend' (their names: 'private', 'public', 'twin');"
            " servers[0].nics[2].lan: 2 LANs in lans are named 'twin' (ids 3, 4); give the id instead, or rename"
            " them apart")
        assert emulator.counters()["total"] == 0


def test_a_composite_nic_naming_a_lan_without_lans_fails(run_module, emulator):
    failed = run_module(datacenter, name="bad", location="de/fra",
                        servers=[{"name": "web", "cores": 1, "ram": 1024, "nics": [{"name": "a", "lan": "public"}]}])
    assert failed["failed"] and failed["msg"] == "servers[0].nics[0].lan: no LAN in lans is named 'public' (none has a name)"
    assert emulator.counters()["total"] == 0


# -- ionos_server: names of the datacenter's LANs -----------------------------------------

def _datacenter_with_lans(run_module, emulator):
    dc = run_module(datacenter, name="dc", location="de/fra", lans=[{"name": "front"}, {"name": "back"}])["datacenter"]
    _add_lan(emulator, dc["id"], "twin")
    _add_lan(emulator, dc["id"], "twin")
    emulator.control("DELETE", "/counters")
    return dc


def test_a_new_servers_nic_names_a_lan_of_the_datacenter_read_once(run_module, emulator):
    dc = _datacenter_with_lans(run_module, emulator)
    nics = [{"name": "a", "lan": "back"}, {"name": "b", "lan": "front"}, {"name": "c", "lan": "1"}]
    created = run_module(server, datacenter="dc", name="web", cores=1, ram=1024, nics=nics)
    assert created["changed"] and not created.get("failed"), created
    assert _nic_lans(emulator, dc["id"], created["server"]["id"]) == {"a": 2, "b": 1, "c": 1}
    assert emulator.calls(LIST_LANS) == 1 and emulator.calls(POST_SERVERS) == 1

    # The server exists: its NICs are not created again, so no LAN is looked up.
    emulator.control("DELETE", "/counters")
    again = run_module(server, datacenter="dc", name="web", cores=1, ram=1024, nics=nics)
    assert not again["changed"] and emulator.calls(LIST_LANS) == 0
    assert emulator.counters()["writes"] == 0


def test_numeric_lans_read_no_lan(run_module, emulator):
    _datacenter_with_lans(run_module, emulator)
    created = run_module(server, datacenter="dc", name="web", cores=1, ram=1024, nics=[{"lan": 2}, {"lan": "7"}])
    assert created["changed"] and not created.get("failed"), created
    assert emulator.calls(LIST_LANS) == 0


def test_an_unknown_or_ambiguous_lan_name_fails_before_any_write_in_check_mode_too(run_module, emulator):
    dc = _datacenter_with_lans(run_module, emulator)
    expected = ("nics[0].lan: no LAN in datacenter 'dc' (%s) is named 'middle' (their names: 'back', 'front', 'twin');"
                " nics[1].lan: 2 LANs in datacenter 'dc' (%s) are named 'twin' (ids 3, 4); give the id instead, or"
                " rename them apart" % (dc["id"], dc["id"]))
    for check_mode in (False, True):
        failed = run_module(server, datacenter="dc", name="web", cores=1, ram=1024, _check_mode=check_mode,
                            nics=[{"lan": "middle"}, {"lan": "twin"}, {"lan": "back"}])
        assert failed.get("failed") and failed["msg"] == expected, failed
    assert emulator.counters()["writes"] == 0


def test_check_mode_resolves_a_name_like_a_real_run(run_module, emulator):
    _datacenter_with_lans(run_module, emulator)
    planned = run_module(server, datacenter="dc", name="web", cores=1, ram=1024, _check_mode=True,
                         nics=[{"lan": "back"}])
    assert planned["changed"] and not planned.get("failed"), planned
    assert emulator.calls(LIST_LANS) == 1 and emulator.counters()["writes"] == 0


def test_a_fleet_names_a_lan_once_for_all_its_members(run_module, emulator):
    dc = _datacenter_with_lans(run_module, emulator)
    fleet = run_module(server, datacenter="dc", name="web-%d", count=3, cores=1, ram=1024,
                       nics=[{"name": "eth0", "lan": "back"}])
    assert fleet["changed"] and len(fleet["servers"]) == 3, fleet
    assert [_nic_lans(emulator, dc["id"], member["id"]) for member in fleet["servers"]] == [{"eth0": 2}] * 3
    assert emulator.calls(LIST_LANS) == 1 and emulator.calls(POST_SERVERS) == 3
    for check_mode in (True, False):
        failed = run_module(server, datacenter="dc", name="db-%d", count=2, cores=1, ram=1024, _check_mode=check_mode,
                            nics=[{"lan": "nowhere"}])
        assert failed.get("failed") and failed["msg"].startswith("nics[0].lan: no LAN in datacenter 'dc'"), failed
    assert emulator.calls(POST_SERVERS) == 3
