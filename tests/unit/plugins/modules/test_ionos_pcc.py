"""ionos_pcc and ionos_pcc_info against the emulator: create, converge, update, delete;
peers and connectable datacenters in the result; a PCC with LANs is not deleted."""

import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_pcc import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_pcc_info import main as info
from conftest import PASSWORD, USERNAME

AUTH = dict(auth=(USERNAME, PASSWORD), timeout=10)


def test_create_converge_update_delete(run_module, emulator):
    created = run_module(main, name="link", description="one", _diff=True)
    pcc = created["pcc"]
    assert created["changed"] and pcc["properties"]["description"] == "one"
    assert pcc["properties"]["peers"] == [] and "connectableDatacenters" in pcc["properties"]
    assert created["diff"] == {"before": {}, "after": {"name": "link", "description": "one"}}

    emulator.control("DELETE", "/counters")
    again = run_module(main, name="link", description="one")
    assert not again["changed"] and again["pcc"]["id"] == pcc["id"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (1, 0)

    updated = run_module(main, name="link", description="two", _diff=True)
    assert updated["changed"] and updated["pcc"]["properties"]["description"] == "two"
    assert updated["diff"]["before"]["description"] == "one" and updated["diff"]["after"]["description"] == "two"
    renamed = run_module(main, id=pcc["id"], name="bridge")
    assert renamed["changed"] and renamed["pcc"]["properties"]["name"] == "bridge"
    assert run_module(info, name="bridge")["pccs"][0]["id"] == pcc["id"]
    assert run_module(info, name="link")["pccs"] == []

    assert run_module(main, name="bridge", state="absent")["changed"]
    assert not run_module(main, name="bridge", state="absent")["changed"]
    assert run_module(info, id=pcc["id"])["pccs"] == []


def test_check_mode_writes_nothing(run_module, emulator):
    planned = run_module(main, name="plan", _check_mode=True, _diff=True)
    assert planned["changed"] and planned["pcc"]["id"] is None
    assert planned["diff"]["after"] == {"name": "plan", "description": None}
    assert emulator.counters()["writes"] == 0 and run_module(info)["pccs"] == []


def test_a_name_matching_two_fails_listing_both(run_module, emulator):
    first = run_module(main, name="twin")["pcc"]["id"]
    second = requests.post(emulator.url + "/pccs", json={"properties": {"name": "twin"}}, **AUTH).json()["id"]
    writes = emulator.counters()["writes"]
    for state in ("present", "absent"):
        failed = run_module(main, name="twin", description="x", state=state)
        assert failed["failed"] and first in failed["msg"] and second in failed["msg"]
    assert emulator.counters()["writes"] == writes


def test_peers_show_and_block_the_delete(run_module, emulator):
    pcc = run_module(main, name="joined")["pcc"]["id"]
    dc = requests.post(emulator.url + "/datacenters", json={"properties": {"name": "pccdc", "location": "de/fra"}},
                       **AUTH).json()["id"]
    answer = requests.post(emulator.url + "/datacenters/%s/lans" % dc,
                           json={"properties": {"name": "back", "pcc": pcc}}, **AUTH)
    assert answer.status_code == 202, answer.text
    result = run_module(main, name="joined")
    peers = result["pcc"]["properties"]["peers"]
    assert not result["changed"] and [(p["datacenterId"], p["name"]) for p in peers] == [(dc, "back")]
    assert [item["id"] for item in result["pcc"]["properties"]["connectableDatacenters"]] == [dc]
    assert run_module(info, id=pcc)["pccs"][0]["properties"]["peers"] == peers

    writes = emulator.counters()["writes"]
    failed = run_module(main, name="joined", state="absent")
    assert failed["failed"] and failed["msg"] == (
        "Cannot delete pcc 'joined' (%s): it still connects 1 LAN(s): LAN 'back' (1) of datacenter 'pccdc' (%s)."
        " Take them out of the PCC first (ionos.enterprise.ionos_lan)." % (pcc, dc))
    assert emulator.counters()["writes"] == writes
