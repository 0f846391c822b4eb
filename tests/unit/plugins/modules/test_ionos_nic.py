"""ionos_nic against the emulator: found by name within its server, updated in place with one
PATCH, and fixed IPs on a public LAN checked against the reserved IP blocks before any write."""

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic_info import main as nic_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from conftest import PASSWORD, USERNAME


def fixture(run_module, emulator):
    dc = run_module(datacenter, name="nics", location="de/fra",
                    lans=[dict(name="internet", public=True), dict(name="backend")])["datacenter"]
    srv = run_module(server, datacenter="nics", name="web", cores=1, ram=1024)["server"]
    return dc, srv


def reserve(emulator, size=2, location="de/fra"):
    answer = emulator.http.post(emulator.url + "/ipblocks", json={"properties": {"location": location, "size": size}},
                                auth=(USERNAME, PASSWORD), timeout=10)
    return answer.json()["properties"]["ips"]


def test_create_converge_update_delete(run_module, emulator):
    fixture(run_module, emulator)
    ips = reserve(emulator)
    created = run_module(main, datacenter="nics", server="web", name="public", lan="internet", ips=ips, dhcp=True)
    assert created["changed"] and created["nic"]["properties"]["lan"] == 1
    assert sorted(created["nic"]["properties"]["ips"]) == sorted(ips)
    before = emulator.counters()
    again = run_module(main, datacenter="nics", server="web", name="public", lan="1", ips=list(reversed(ips)),
                       dhcp=True)
    after = emulator.counters()
    assert not again["changed"]
    assert after["writes"] == before["writes"] and after["reads"] - before["reads"] == 3
    updated = run_module(main, datacenter="nics", server="web", name="public", dhcp=False, _diff=True)
    assert updated["changed"] and updated["diff"]["before"]["dhcp"] is True and updated["diff"]["after"]["dhcp"] is False
    assert emulator.counters()["calls"].get("PATCH /datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}") == 1
    listed = run_module(nic_info, datacenter="nics", server="web", lan="internet")
    assert [nic["properties"]["name"] for nic in listed["nics"]] == ["public"]
    assert run_module(nic_info, datacenter="nics", server="web", lan="2")["nics"] == []
    gone = run_module(main, datacenter="nics", server="web", name="public", state="absent")
    assert gone["changed"]
    assert not run_module(main, datacenter="nics", server="web", name="public", state="absent")["changed"]


def test_ip_not_reserved_on_a_public_lan_fails_before_any_write(run_module, emulator):
    fixture(run_module, emulator)
    reserve(emulator)
    writes = emulator.counters()["writes"]
    failed = run_module(main, datacenter="nics", server="web", name="public", lan="1", ips=["212.227.1.7"])
    assert failed["failed"] and "212.227.1.7" in failed["msg"] and "reserved" in failed["msg"]
    failed = run_module(main, datacenter="nics", server="web", name="private", lan="backend", ips=["212.227.1.7"])
    assert failed["failed"] and "not a private address" in failed["msg"]
    assert emulator.counters()["writes"] == writes


def test_bad_ips_fail_before_any_call(run_module, emulator):
    before = emulator.counters()
    failed = run_module(main, datacenter="nics", server="web", name="public", lan="1", ips=["10.0.0.1", "10.0.0.300"])
    assert failed["failed"] and failed["msg"] == "ips: '10.0.0.300' is not a valid IPv4 address"
    failed = run_module(main, datacenter="nics", server="web", name="public", lan="1", ips=["10.0.0.1", "10.0.0.1"])
    assert failed["failed"] and "more than once" in failed["msg"]
    assert emulator.counters()["reads"] == before["reads"]


def test_a_nic_name_matching_two_fails_listing_both(run_module, emulator):
    dc, srv = fixture(run_module, emulator)
    ids = [run_module(main, datacenter="nics", server="web", name="twin", lan="2")["nic"]["id"]]
    ids.append(emulator.http.post(emulator.url + "/datacenters/%s/servers/%s/nics" % (dc["id"], srv["id"]),
                                  json={"properties": {"name": "twin", "lan": 2}},
                                  auth=(USERNAME, PASSWORD), timeout=10).json()["id"])
    failed = run_module(main, datacenter="nics", server="web", name="twin", dhcp=False)
    assert failed["failed"] and all(nic_id in failed["msg"] for nic_id in ids)
    assert sorted(failed["failure"]["candidates"]) == sorted(ids)


def test_create_needs_a_lan_and_check_mode_writes_nothing(run_module, emulator):
    fixture(run_module, emulator)
    failed = run_module(main, datacenter="nics", server="web", name="public")
    assert failed["failed"] and failed["msg"].startswith("lan is required to create the NIC")
    writes = emulator.counters()["writes"]
    planned = run_module(main, datacenter="nics", server="web", name="public", lan="2", _check_mode=True)
    assert planned["changed"] and planned["nic"]["id"] is None and planned["nic"]["type"] == "nic" and planned["nic"]["properties"]["lan"] == 2
    assert emulator.counters()["writes"] == writes


def test_moving_fixed_ips_to_a_public_lan_fails_before_the_write(run_module, emulator):
    """The NIC's IPs must suit the LAN it moves to, checked before the PATCH."""
    run_module(datacenter, name="move", location="de/fra",
               lans=[{"name": "priv"}, {"name": "pub", "public": True}])
    run_module(server, datacenter="move", name="s", cores=1, ram=512)
    assert run_module(main, datacenter="move", server="s", name="n", lan="priv", ips=["10.9.9.9"])["changed"]
    writes = emulator.counters()["writes"]
    failed = run_module(main, datacenter="move", server="s", name="n", lan="pub", ips=["10.9.9.9"])
    assert failed["failed"] and "10.9.9.9" in failed["msg"] and "not in an IP block reserved" in failed["msg"]
    assert emulator.counters()["writes"] == writes
