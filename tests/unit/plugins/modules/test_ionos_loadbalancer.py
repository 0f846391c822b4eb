"""ionos_loadbalancer against the emulator: balanced NICs resolved before any write and
reconciled idempotently, the IP inherited by the NICs, converged runs in few reads."""

import pytest
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_loadbalancer import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_loadbalancer_info import main as info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server_info import main as server_info
from conftest import PASSWORD, USERNAME


def build(run_module):
    """A datacenter with a public and a private LAN; web-1 (NICs public and two named twin),
    web-2 (NICs public and private). Returns {(server, nic name): nic id}."""
    run_module(datacenter, name="lbs", location="de/fra",
               lans=[{"name": "public", "public": True}, {"name": "private"}])
    run_module(server, datacenter="lbs", name="web-1", cores=1, ram=1024,
               nics=[{"name": "public", "lan": 1}, {"name": "twin", "lan": 2}, {"name": "twin", "lan": 2}])
    run_module(server, datacenter="lbs", name="web-2", cores=1, ram=1024, nics=[{"name": "public", "lan": 1}, {"name": "private", "lan": 2}])
    servers = run_module(server_info, datacenter="lbs", depth=3)["servers"]
    return dict(((s["properties"]["name"], n["properties"]["name"]), n["id"])
                for s in servers for n in s["entities"]["nics"]["items"])


def nic_ips(run_module, nic_id):
    lbs = run_module(info, datacenter="lbs")["loadbalancers"]
    for lb in lbs:
        for nic in lb["entities"]["balancednics"]["items"]:
            if nic["id"] == nic_id:
                return nic["properties"]["ips"]
    return None


PUBLIC = [{"server": "web-1", "nic": "public"}, {"server": "web-2", "nic": "public"}]


def test_bad_input_fails_before_any_write(run_module, emulator):
    build(run_module)
    writes = emulator.counters()["writes"]
    reads = emulator.counters()["reads"]
    failed = run_module(main, datacenter="lbs", name="lb", ip="10.0.0.300")
    assert failed["failed"] and failed["msg"].startswith("ip must be an IPv4 address")
    assert emulator.counters()["reads"] == reads  # before any call
    failed = run_module(main, datacenter="lbs", name="lb", balanced_nics=[{"server": "web-1"}])
    assert failed["failed"] and failed["msg"] == "balanced_nics[0] needs id, or server and nic"
    failed = run_module(main, datacenter="lbs", name="lb", balanced_nics=[{"id": "x", "server": "web-1"}])
    assert failed["failed"] and "not both" in failed["msg"]
    failed = run_module(main, datacenter="lbs", name="lb",
                        balanced_nics=[PUBLIC[0], {"server": "web-9", "nic": "public"}])
    dc_id = run_module(datacenter, name="lbs")["datacenter"]["id"]
    assert failed["failed"] and failed["msg"] == (
        "balanced_nics[1].server: no server with id or name 'web-9' exists in datacenter 'lbs' (%s)." % dc_id)
    failed = run_module(main, datacenter="lbs", name="lb", balanced_nics=[{"server": "web-1", "nic": "nowhere"}])
    assert failed["failed"] and failed["msg"].startswith(
        "balanced_nics[0].nic: no NIC with id or name 'nowhere' exists on server 'web-1' (")
    failed = run_module(main, datacenter="lbs", name="lb", balanced_nics=[{"server": "web-1", "nic": "twin"}])
    assert failed["failed"] and failed["msg"].startswith("balanced_nics[0].nic matches 2 NICs named 'twin'")
    assert len(failed["failure"]["candidates"]) == 2
    failed = run_module(main, datacenter="lbs", name="lb",
                        balanced_nics=[{"id": "00000000-0000-0000-0000-000000000000"}])
    assert failed["failed"] and failed["msg"].startswith("balanced_nics[0].id: no NIC with id")
    failed = run_module(main, datacenter="lbs", name="lb", ip="8.8.8.8")
    assert failed["failed"] and failed["msg"].startswith("ip: 8.8.8.8 is a public address but not part")
    assert emulator.counters()["writes"] == writes


def test_create_reconcile_and_delete(run_module, emulator):
    nics = build(run_module)
    planned = run_module(main, datacenter="lbs", name="lb", ip="10.9.0.10", balanced_nics=PUBLIC,
                         _check_mode=True, _diff=True)
    assert planned["changed"] and planned["loadbalancer"]["id"] is None
    # The diff names the NICs as the task did, server/nic, not by their ids.
    wanted = ["web-1/public", "web-2/public"]
    assert planned["diff"]["after"]["balanced_nics"] == wanted
    assert run_module(info, datacenter="lbs")["loadbalancers"] == []

    writes = emulator.counters()["writes"]
    created = run_module(main, datacenter="lbs", name="lb", ip="10.9.0.10", balanced_nics=PUBLIC, _diff=True)
    assert created["changed"] and created["diff"]["after"]["balanced_nics"] == wanted
    assert emulator.counters()["writes"] == writes + 1
    assert nic_ips(run_module, nics[("web-1", "public")])[0] == "10.9.0.10"

    before = emulator.counters()
    again = run_module(main, datacenter="lbs", name="lb", ip="10.9.0.10", balanced_nics=PUBLIC)
    after = emulator.counters()
    assert not again["changed"]
    assert after["writes"] == before["writes"]
    assert after["reads"] - before["reads"] == 3  # datacenters, loadbalancers, servers

    # A NIC already balanced, given by id: nothing to do (no purge).
    same = run_module(main, datacenter="lbs", name="lb", balanced_nics=[{"id": nics[("web-2", "public")]}])
    assert not same["changed"]
    purged = run_module(main, datacenter="lbs", name="lb", balanced_nics=[{"server": "web-2", "nic": "public"}],
                        purge_balanced_nics=True, _diff=True)
    assert purged["changed"]
    assert purged["diff"]["before"]["balanced_nics"] == wanted
    assert purged["diff"]["after"]["balanced_nics"] == ["web-2/public"]
    assert nic_ips(run_module, nics[("web-1", "public")]) is None  # not balanced any more

    renamed = run_module(main, datacenter="lbs", name="lb", dhcp=False, ip="10.9.0.11", _diff=True)
    assert renamed["changed"] and renamed["loadbalancer"]["properties"]["ip"] == "10.9.0.11"
    assert renamed["diff"]["before"]["dhcp"] is True and renamed["diff"]["after"]["dhcp"] is False
    assert nic_ips(run_module, nics[("web-2", "public")])[0] == "10.9.0.11"

    lb_id = renamed["loadbalancer"]["id"]
    by_id = run_module(main, datacenter="lbs", id=lb_id, name="lb-renamed")
    assert by_id["changed"] and by_id["loadbalancer"]["properties"]["name"] == "lb-renamed"

    gone = run_module(main, datacenter="lbs", name="lb-renamed", state="absent", _diff=True)
    assert gone["changed"] and gone["diff"]["before"]["balanced_nics"] == ["web-2/public"]
    assert not run_module(main, datacenter="lbs", name="lb-renamed", state="absent")["changed"]


def test_purge_without_list_removes_all_and_parallel_writes(run_module, emulator):
    nics = build(run_module)
    run_module(main, datacenter="lbs", name="lb", balanced_nics=PUBLIC)
    # Listed twice (by name and by id): balanced once; only the PATCH is written.
    before = emulator.counters()
    result = run_module(main, datacenter="lbs", name="lb", dhcp=False,
                        balanced_nics=PUBLIC + [{"id": nics[("web-1", "public")]}])
    assert result["changed"] is True and emulator.counters()["writes"] == before["writes"] + 1
    # A PATCH, an add and a removal in one task: three writes, waited on together.
    before = emulator.counters()
    result = run_module(main, datacenter="lbs", name="lb", dhcp=True, purge_balanced_nics=True,
                        balanced_nics=[PUBLIC[0], {"server": "web-2", "nic": "private"}], _diff=True)
    calls = emulator.counters()["calls"]
    assert result["changed"] and emulator.counters()["writes"] == before["writes"] + 3
    assert calls["POST /datacenters/{datacenterId}/loadbalancers/{loadbalancerId}/balancednics"] == 1
    assert result["diff"]["after"]["balanced_nics"] == ["web-1/public", "web-2/private"]
    assert sorted(i["id"] for i in result["loadbalancer"]["entities"]["balancednics"]["items"]) \
        == sorted([nics[("web-1", "public")], nics[("web-2", "private")]])
    result = run_module(main, datacenter="lbs", name="lb", purge_balanced_nics=True)
    assert result["changed"]
    assert result["loadbalancer"]["entities"]["balancednics"]["items"] == []


def test_a_load_balancer_name_matching_two_fails_listing_both(run_module, emulator):
    build(run_module)
    ids = [run_module(main, datacenter="lbs", name="lb")["loadbalancer"]["id"]]
    dc_id = run_module(datacenter, name="lbs")["datacenter"]["id"]
    answer = emulator.http.post(emulator.url + "/datacenters/%s/loadbalancers" % dc_id,
                                json={"properties": {"name": "lb"}}, auth=(USERNAME, PASSWORD), timeout=10)
    ids.append(answer.json()["id"])
    failed = run_module(main, datacenter="lbs", name="lb", dhcp=False)
    assert failed["failed"] and sorted(failed["failure"]["candidates"]) == sorted(ids)


@pytest.mark.parametrize("kind", ["drop_after", "drop_before", "502"])
def test_a_nic_attach_whose_answer_is_lost_is_checked_before_it_is_sent_again(run_module, emulator, kind):
    # Balancing a NIC twice is refused (422): after a lost answer the module reads the NICs first.
    nics = build(run_module)
    run_module(main, datacenter="lbs", name="lb", balanced_nics=PUBLIC[:1])
    emulator.faults({"kind": kind, "path": "/loadbalancers/[^/]+/balancednics$", "methods": ["POST"], "times": 1})
    attached = run_module(main, datacenter="lbs", name="lb", balanced_nics=PUBLIC)
    assert attached["changed"] and not attached.get("failed"), attached
    assert nic_ips(run_module, nics[("web-2", "public")]) is not None
    assert emulator.calls("POST /datacenters/{datacenterId}/loadbalancers/{loadbalancerId}/balancednics") == (
        1 if kind == "drop_after" else 2)
    assert not run_module(main, datacenter="lbs", name="lb", balanced_nics=PUBLIC)["changed"]


def test_the_diff_names_nics_given_by_id_and_tells_twins_apart(run_module, emulator):
    nics = build(run_module)
    twin = nics[("web-1", "twin")]  # one of the two NICs of web-1 named twin
    by_id = [{"id": nics[("web-2", "public")]}]
    created = run_module(main, datacenter="lbs", name="lb", balanced_nics=by_id, _diff=True)
    assert created["diff"]["after"]["balanced_nics"] == ["web-2/public"]
    # Two NICs of web-1 are named twin: each is shown with its id, so the diff tells which one.
    added = run_module(main, datacenter="lbs", name="lb", balanced_nics=by_id + [{"id": twin}], _diff=True)
    assert added["diff"]["before"]["balanced_nics"] == ["web-2/public"]
    assert added["diff"]["after"]["balanced_nics"] == sorted(["web-2/public", "web-1/twin (%s)" % twin])


def test_a_task_without_balanced_nics_reads_the_servers_for_names_only_in_diff_mode(run_module, emulator):
    build(run_module)
    run_module(main, datacenter="lbs", name="lb", dhcp=True, balanced_nics=PUBLIC)
    servers_read = "GET /datacenters/{datacenterId}/servers"
    emulator.control("DELETE", "/counters")
    assert run_module(main, datacenter="lbs", name="lb", dhcp=False)["changed"]
    assert emulator.calls(servers_read) == 0
    assert not run_module(main, datacenter="lbs", name="lb", dhcp=False, _diff=True)["changed"]
    assert emulator.calls(servers_read) == 1
    shown = run_module(main, datacenter="lbs", name="lb", dhcp=True, _diff=True)
    assert emulator.calls(servers_read) == 2  # once per task
    assert shown["diff"]["before"]["balanced_nics"] == shown["diff"]["after"]["balanced_nics"] \
        == ["web-1/public", "web-2/public"]
    assert shown["diff"]["before"]["dhcp"] is False and shown["diff"]["after"]["dhcp"] is True
