"""ionos_ipblock and ionos_ipblock_info against the emulator: reserve, converge, rename,
release; size and location fixed; bad input and ambiguity fail before any write; a lost
reservation answer never reserves two blocks."""

import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_ipblock import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_ipblock_info import main as info
from conftest import PASSWORD, USERNAME


def _named(emulator, name):
    answer = requests.get(emulator.url + "/ipblocks?depth=1", auth=(USERNAME, PASSWORD), timeout=10)
    return [block for block in answer.json()["items"] if block["properties"].get("name") == name]


def test_reserve_converge_rename_release(run_module, emulator):
    created = run_module(main, name="web", location="de/fra", size=2, _diff=True)
    block = created["ipblock"]
    assert created["changed"] and len(block["properties"]["ips"]) == 2
    assert block["properties"]["size"] == 2 and block["metadata"]["state"] == "AVAILABLE"
    assert created["diff"] == {"before": {}, "after": {"name": "web", "location": "de/fra", "size": 2}}
    assert emulator.calls("POST /ipblocks") == 1

    emulator.control("DELETE", "/counters")
    again = run_module(main, name="web", location="de/fra", size=2)
    assert not again["changed"] and again["ipblock"]["id"] == block["id"]
    assert again["ipblock"]["properties"]["ips"] == block["properties"]["ips"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (1, 0)

    renamed = run_module(main, id=block["id"], name="front", _diff=True)
    assert renamed["changed"] and renamed["ipblock"]["properties"]["name"] == "front"
    assert renamed["ipblock"]["properties"]["ips"] == block["properties"]["ips"]
    assert renamed["diff"]["before"]["name"] == "web" and renamed["diff"]["after"]["name"] == "front"
    assert emulator.calls("PATCH /ipblocks/{ipblockId}") == 1

    listed = run_module(info, location="de/fra")["ipblocks"]
    assert [item["id"] for item in listed] == [block["id"]]
    assert run_module(info, location="us/las")["ipblocks"] == []
    assert run_module(info, id=block["id"])["ipblocks"][0]["properties"]["name"] == "front"

    released = run_module(main, name="front", state="absent")
    assert released["changed"] and released["ipblock"]["id"] == block["id"]
    assert not run_module(main, name="front", state="absent")["changed"]
    assert run_module(info, name="front")["ipblocks"] == []
    assert run_module(info, id=block["id"])["ipblocks"] == []


def test_check_mode_writes_nothing(run_module, emulator):
    planned = run_module(main, name="plan", location="de/fra", size=1, _check_mode=True, _diff=True)
    assert planned["changed"] and planned["ipblock"]["id"] is None
    assert planned["diff"]["after"] == {"name": "plan", "location": "de/fra", "size": 1}
    real = run_module(main, name="plan2", location="de/fra", size=1)["ipblock"]["id"]
    assert run_module(main, name="plan2", state="absent", _check_mode=True)["changed"]
    assert run_module(main, id=real, name="other", _check_mode=True)["ipblock"]["properties"]["name"] == "other"
    assert emulator.calls("DELETE /ipblocks/{ipblockId}") == 0
    assert emulator.calls("PATCH /ipblocks/{ipblockId}") == 0
    assert _named(emulator, "plan") == [] and len(_named(emulator, "plan2")) == 1


def test_bad_input_fails_before_any_write(run_module, emulator):
    failed = run_module(main, name="zero", location="de/fra", size=0)
    assert failed["failed"] and failed["msg"] == "size must be at least 1 (addresses), got 0"
    assert emulator.counters()["total"] == 0
    failed = run_module(main, name="nowhere", size=1)
    assert failed["failed"] and failed["msg"].startswith("location is required to create the ipblock 'nowhere'")
    failed = run_module(main, id="00000000-0000-4000-8000-000000000000", size=1)
    assert failed["failed"] and "no ipblock with id" in failed["msg"]
    assert emulator.counters()["writes"] == 0


def test_an_unknown_location_is_named_after_the_api_refused_the_reservation(run_module, emulator):
    failed = run_module(main, name="nowhere", location="xx/yy", size=1)
    assert failed["failed"] and "location: 'xx/yy' is not a location" in failed["msg"] and "de/fra" in failed["msg"]
    counts = emulator.counters()
    assert counts["statuses"].get("422") == 1 and counts["statuses"].get("202") is None, counts
    assert emulator.calls("GET /locations") == 1 and _named(emulator, "nowhere") == []
    emulator.control("DELETE", "/counters")
    assert run_module(main, name="somewhere", location="de/fra", size=1)["changed"]
    assert emulator.calls("GET /locations") == 0


def test_size_and_location_cannot_change(run_module, emulator):
    block = run_module(main, name="fixed", location="de/fra", size=2)["ipblock"]["id"]
    writes = emulator.counters()["writes"]
    failed = run_module(main, name="fixed", size=4)
    assert failed["failed"] and "Cannot change size of the existing ipblock 'fixed' (%s)" % block in failed["msg"]
    assert "cannot resize" in failed["msg"]
    failed = run_module(main, name="fixed", location="us/las")
    assert failed["failed"] and "Cannot change location" in failed["msg"] and "'de/fra'" in failed["msg"]
    assert emulator.counters()["writes"] == writes


def test_a_name_matching_two_fails_listing_both(run_module, emulator):
    first = run_module(main, name="twin", location="de/fra", size=1)["ipblock"]["id"]
    second = requests.post(emulator.url + "/ipblocks", auth=(USERNAME, PASSWORD), timeout=10,
                           json={"properties": {"name": "twin", "location": "de/fra", "size": 1}}).json()["id"]
    writes = emulator.counters()["writes"]
    for state in ("present", "absent"):
        failed = run_module(main, name="twin", size=1, state=state)
        assert failed["failed"] and first in failed["msg"] and second in failed["msg"]
        assert sorted(failed["failure"]["candidates"]) == sorted([first, second])
    assert emulator.counters()["writes"] == writes
    assert len(run_module(info, name="twin")["ipblocks"]) == 2


def test_lost_reservation_answer_is_adopted_not_duplicated(run_module, emulator):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": "^/ipblocks$", "times": 1})
    result = run_module(main, name="lost", location="de/fra", size=1)
    assert result["changed"] and result["ipblock"]["properties"]["name"] == "lost"
    assert len(_named(emulator, "lost")) == 1 and emulator.calls("POST /ipblocks") == 1


def test_a_block_in_use_is_not_released(run_module, emulator):
    block = run_module(main, name="used", location="de/fra", size=1)["ipblock"]
    auth = dict(auth=(USERNAME, PASSWORD), timeout=10)
    dc = requests.post(emulator.url + "/datacenters", json={"properties": {"name": "ipb", "location": "de/fra"}},
                       **auth).json()["id"]
    server = requests.post(emulator.url + "/datacenters/%s/servers" % dc,
                           json={"properties": {"name": "s", "cores": 1, "ram": 1024}}, **auth).json()["id"]
    answer = requests.post(emulator.url + "/datacenters/%s/lans" % dc,
                           json={"properties": {"name": "pub", "public": True}}, **auth)
    assert answer.status_code == 202, answer.text
    answer = requests.post(emulator.url + "/datacenters/%s/servers/%s/nics" % (dc, server),
                           json={"properties": {"lan": int(answer.json()["id"]), "ips": block["properties"]["ips"]}},
                           **auth)
    assert answer.status_code == 202, answer.text
    writes = emulator.counters()["writes"]
    failed = run_module(main, name="used", state="absent")
    assert failed["failed"] and "Cannot release ipblock 'used' (%s)" % block["id"] in failed["msg"]
    assert "1 of its addresses is in use (1 use: " in failed["msg"]
    assert block["properties"]["ips"][0] in failed["msg"] and answer.json()["id"] in failed["msg"]
    assert emulator.counters()["writes"] == writes


def test_uses_of_one_address_are_counted_as_uses_not_as_addresses(run_module, emulator):
    """IP failover puts one address on several NICs of a public LAN: a 1-address block with 4
    ipConsumers has 1 address in use, 4 times."""
    block = run_module(main, name="failover", location="de/fra", size=1)["ipblock"]
    ip = block["properties"]["ips"][0]
    auth = dict(auth=(USERNAME, PASSWORD), timeout=10)
    dc = requests.post(emulator.url + "/datacenters", json={"properties": {"name": "ha", "location": "de/fra"}},
                       **auth).json()["id"]
    lan = requests.post(emulator.url + "/datacenters/%s/lans" % dc,
                        json={"properties": {"name": "pub", "public": True}}, **auth).json()["id"]
    nics = []
    for number in range(4):
        server = requests.post(emulator.url + "/datacenters/%s/servers" % dc,
                               json={"properties": {"name": "s%d" % number, "cores": 1, "ram": 1024}}, **auth).json()
        answer = requests.post(emulator.url + "/datacenters/%s/servers/%s/nics" % (dc, server["id"]),
                               json={"properties": {"lan": int(lan), "ips": [ip]}}, **auth)
        assert answer.status_code == 202, answer.text
        nics.append(answer.json()["id"])
    writes = emulator.counters()["writes"]
    for check_mode in (True, False):
        failed = run_module(main, name="failover", state="absent", _check_mode=check_mode)
        assert failed["failed"], failed
        assert failed["msg"].startswith("Cannot release ipblock 'failover' (%s): 1 of its addresses is in use (4 uses: %s by NIC"
                                        % (block["id"], ip)), failed["msg"]
        assert all(nic in failed["msg"] for nic in nics) and failed["msg"].endswith(". Free them first.")
    assert emulator.counters()["writes"] == writes
