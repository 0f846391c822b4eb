"""ionos_lan and ionos_lan_info against the emulator: create, converge (call counts), public
toggled in place, a cross-connect joined and left, IP failover set from server and NIC names,
bad input refused before any write, members listed and blocking the delete."""

import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan_info import main as info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_pcc import main as pcc
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server_info import main as server_info
from conftest import PASSWORD, USERNAME

AUTH = dict(auth=(USERNAME, PASSWORD), timeout=10)


def reserve_ip(emulator, location="de/fra"):
    block = requests.post(emulator.url + "/ipblocks", json={"properties": {"location": location, "size": 1}},
                          **AUTH).json()
    return block["properties"]["ips"][0]


def test_create_converge_toggle_delete(run_module, emulator):
    run_module(datacenter, name="lans", location="de/fra")
    emulator.control("DELETE", "/counters")
    planned = run_module(main, datacenter="lans", name="front", public=True, _check_mode=True, _diff=True)
    assert planned["changed"] and planned["lan"]["id"] is None and emulator.counters()["writes"] == 0
    assert planned["diff"]["after"]["public"] is True

    created = run_module(main, datacenter="lans", name="front", public=True, _diff=True)
    lan = created["lan"]
    assert created["changed"] and lan["id"] == "1" and lan["properties"]["public"] is True
    assert lan["entities"]["nics"]["items"] == []
    assert created["diff"]["before"] == {}

    emulator.control("DELETE", "/counters")
    again = run_module(main, datacenter="lans", name="front", public=True)
    assert not again["changed"] and again["lan"]["id"] == "1"
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (2, 0)
    assert run_module(main, datacenter="lans", name="back")["lan"]["id"] == "2"

    private = run_module(main, datacenter="lans", name="front", public=False, _diff=True)
    assert private["changed"] and private["lan"]["properties"]["public"] is False
    assert private["diff"]["before"]["public"] is True and private["diff"]["after"]["public"] is False
    renamed = run_module(main, datacenter="lans", id="1", name="edge")
    assert renamed["changed"] and renamed["lan"]["properties"]["name"] == "edge"
    assert [item["id"] for item in run_module(info, datacenter="lans", public=False)["lans"]] == ["1", "2"]
    assert run_module(info, datacenter="lans", name="edge")["lans"][0]["id"] == "1"
    assert run_module(info, datacenter="lans", id="x")["lans"] == []

    assert run_module(main, datacenter="lans", name="edge", state="absent")["changed"]
    assert not run_module(main, datacenter="lans", name="edge", state="absent")["changed"]
    assert run_module(info, datacenter="lans", id="1")["lans"] == []


def test_pcc_join_and_leave(run_module, emulator):
    run_module(datacenter, name="pccdc", location="de/fra")
    link = run_module(pcc, name="link")["pcc"]["id"]
    joined = run_module(main, datacenter="pccdc", name="back", pcc="link")
    assert joined["changed"] and joined["lan"]["properties"]["pcc"] == link
    assert not run_module(main, datacenter="pccdc", name="back", pcc=link)["changed"]
    public = run_module(main, datacenter="pccdc", name="back", public=True)
    assert public["failed"] and "private LAN" in public["msg"]
    public = run_module(main, datacenter="pccdc", name="back", public=True, pcc="link")
    assert public["failed"] and public["msg"] == (
        "pcc: only a private LAN can join a private cross-connect; LAN 'back' (1) is public.")
    left = run_module(main, datacenter="pccdc", name="back", pcc="", _diff=True)
    assert left["changed"] and not left["lan"]["properties"]["pcc"]
    assert left["diff"]["before"]["pcc"] == link and left["diff"]["after"]["pcc"] is None
    assert not run_module(main, datacenter="pccdc", name="back", pcc="")["changed"]
    writes = emulator.counters()["writes"]
    missing = run_module(main, datacenter="pccdc", name="back", pcc="nosuch")
    assert missing["failed"] and missing["msg"].startswith("pcc: no private cross-connect")
    refused = run_module(main, datacenter="pccdc", name="other", public=True, pcc="link")
    assert refused["failed"] and refused["msg"].startswith("pcc: only a private LAN")
    assert emulator.counters()["writes"] == writes


def test_ip_failover_members_and_delete(run_module, emulator):
    run_module(datacenter, name="fo", location="de/fra")
    ip = reserve_ip(emulator)
    lan = run_module(main, datacenter="fo", name="front", public=True)["lan"]
    for name in ("web1", "web2"):
        run_module(server, datacenter="fo", name=name, cores=1, ram=1024,
                   nics=[{"name": "eth0", "lan": 1, "ips": [ip]}])
    refused = run_module(main, datacenter="fo", name="front", ip_failover=[{"ip": ip, "server": "web1", "nic": "eth0"}],
                         public=False)
    assert refused["failed"] and refused["msg"] == (
        "ip_failover needs a public LAN; LAN 'front' (1) is private. Set public to true.")
    # How the messages name each NIC: by name and id, with its server by name and id.
    named = dict((nic["id"], "NIC 'eth0' (%s) of server '%s' (%s)" % (nic["id"], item["properties"]["name"], item["id"]))
                 for item in run_module(server_info, datacenter="fo", depth=3)["servers"]
                 for nic in item["entities"]["nics"]["items"])

    failover = run_module(main, datacenter="fo", name="front", _diff=True,
                          ip_failover=[{"ip": ip, "server": "web1", "nic": "eth0"}])
    assert failover["changed"], failover
    members = [item["id"] for item in failover["lan"]["entities"]["nics"]["items"]]
    assert len(members) == 2
    nic_id = failover["lan"]["properties"]["ipFailover"][0]["nicUuid"]
    assert nic_id in members and failover["diff"]["after"]["ip_failover"] == [{"ip": ip, "nicUuid": nic_id}]

    emulator.control("DELETE", "/counters")
    again = run_module(main, datacenter="fo", name="front", ip_failover=[{"ip": ip, "server": "web1", "nic": "eth0"}])
    assert not again["changed"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (4, 0)
    assert not run_module(main, datacenter="fo", id=lan["id"], ip_failover=[{"ip": ip, "nic": nic_id}])["changed"]

    writes = emulator.counters()["writes"]
    absent = run_module(main, datacenter="fo", name="front", state="absent")
    assert absent["failed"] and absent["msg"] == (
        "Cannot delete LAN 'front' (1): 2 NIC(s) are on it: %s. Delete them or move them to another LAN first."
        % ", ".join(named[member] for member in members))
    outsider = run_module(main, datacenter="fo", name="front",
                          ip_failover=[{"ip": ip, "nic": "00000000-0000-0000-0000-000000000000"}])
    assert outsider["failed"] and outsider["msg"] == (
        "ip_failover[0].nic: NIC 00000000-0000-0000-0000-000000000000 is not a member of LAN 'front' (1); its members"
        " are %s." % ", ".join(named[member] for member in members))
    private = run_module(main, datacenter="fo", name="front", public=False)
    assert private["failed"] and private["msg"].startswith(
        "public: LAN 'front' (1) cannot become private while it has an IP failover (%s on %s);" % (ip, named[nic_id]))
    assert emulator.counters()["writes"] == writes

    cleared = run_module(main, datacenter="fo", name="front", ip_failover=[])
    assert cleared["changed"] and cleared["lan"]["properties"]["ipFailover"] == []


def test_failover_references_are_named_by_name_and_id(run_module, emulator):
    dc = run_module(datacenter, name="fo", location="de/fra")["datacenter"]["id"]
    ip = reserve_ip(emulator)
    run_module(main, datacenter="fo", name="front", public=True)
    web1 = run_module(server, datacenter="fo", name="web1", cores=1, ram=1024,
                      nics=[{"name": "eth0", "lan": 1, "ips": [ip]}])["server"]["id"]
    nic = run_module(server_info, datacenter="fo", depth=3)["servers"][0]["entities"]["nics"]["items"][0]["id"]
    for entry, message in (
            ({"server": "nosuch", "nic": "eth0"},
             "ip_failover[0].server: no server with id or name 'nosuch' exists in datacenter 'fo' (%s)." % dc),
            ({"server": "web1", "nic": "nowhere"},
             "ip_failover[0].nic: server 'web1' (%s) has no NIC with id or name 'nowhere'." % web1),
            ({"server": "web1", "nic": "eth0", "ip": "10.1.1.1"},
             "ip_failover[0].ip: 10.1.1.1 is not an IP of NIC 'eth0' (%s) of server 'web1' (%s); its IPs are %s."
             " Give the NIC the IP first." % (nic, web1, ip)),
    ):
        failed = run_module(main, datacenter="fo", name="front", ip_failover=[dict({"ip": ip}, **entry)])
        assert failed["failed"] and failed["msg"] == message


def test_bad_input_fails_before_any_call(run_module, emulator):
    failed = run_module(main, datacenter="nosuch", name="x", ip_failover=[{"ip": "10.0.0.300", "server": "s", "nic": "n"}])
    assert failed["failed"] and failed["msg"] == "ip_failover[0].ip must be an IPv4 address, got '10.0.0.300'"
    failed = run_module(main, datacenter="nosuch", id="one")
    assert failed["failed"] and failed["msg"].startswith("id must be the numeric id")
    failed = run_module(main, datacenter="nosuch", name="x", ip_failover=[{"ip": "192.0.2.1", "nic": "eth0"}])
    assert failed["failed"] and failed["msg"].startswith("ip_failover[0].server is required")
    assert emulator.counters()["reads"] == 0


def test_ambiguous_names(run_module, emulator):
    dc = run_module(datacenter, name="amb", location="de/fra")["datacenter"]["id"]
    ip = reserve_ip(emulator)
    run_module(main, datacenter="amb", name="front", public=True)
    second = requests.post(emulator.url + "/datacenters/%s/lans" % dc, json={"properties": {"name": "front"}},
                           **AUTH).json()["id"]
    run_module(server, datacenter="amb", name="web", cores=1, ram=1024,
               nics=[{"name": "eth", "lan": 1, "ips": [ip]}, {"name": "eth", "lan": 1}])
    writes = emulator.counters()["writes"]
    failed = run_module(main, datacenter="amb", name="front", public=True)
    assert failed["failed"] and "1" in failed["failure"]["candidates"] and second in failed["failure"]["candidates"]
    failed = run_module(main, datacenter="amb", id="1", ip_failover=[{"ip": ip, "server": "web", "nic": "eth"}])
    assert failed["failed"] and failed["msg"].startswith("ip_failover[0].nic matches 2 NICs named 'eth'")
    assert len(failed["failure"]["candidates"]) == 2
    assert emulator.counters()["writes"] == writes
