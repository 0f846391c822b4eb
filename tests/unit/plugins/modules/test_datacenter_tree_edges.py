"""ionos_datacenter's tree converge at its edges, each found by a review: values the API
reads back in another form, a LAN pruned while a NIC moves off it, prune of kinds the task
does not list, IP failover the API would refuse, parts of the tree the read did not reach,
check mode matching the real run, and refusals that name the write."""

import copy

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main
from test_datacenter_tree import reset, writes
from test_datacenter_tree_more import SMALL, converged, reserve_ip


def test_values_the_api_reads_back_in_another_form_converge(run_module, emulator):
    task = copy.deepcopy(SMALL)
    task["servers"][0]["nics"][0]["firewall_rules"] = [
        {"name": "from-router", "protocol": "TCP", "source_mac": "AA:BB:CC:DD:EE:FF", "port_range_start": 22,
         "port_range_end": 22}]
    task["servers"][0]["volumes"] = [{"name": "system", "size": 10, "image_alias": "ubuntu:latest",
                                      "image_password": "Secr3tImagePass", "licence_type": "OTHER"}]
    created = run_module(main, **task)
    assert not created.get("failed"), created["msg"]
    # The composite create alone: the read after it finds nothing to change.
    assert writes(emulator) == {"POST /datacenters": 1}, created["plan"]
    converged(run_module, emulator, task)


def test_a_nic_moving_off_a_pruned_lan_goes_first(run_module, emulator):
    run_module(main, **SMALL)
    task = copy.deepcopy(SMALL)
    task["lans"] = [{"name": "private"}]
    for server in task["servers"]:
        server["nics"][0]["lan"] = "private"
    task["prune"] = True
    reset(emulator)
    result = run_module(main, **task)
    assert not result.get("failed"), result["msg"]
    lan_delete = [label for label in result["plan"] if label.startswith('delete LAN "public"')]
    assert lan_delete and result["plan"].index(lan_delete[0]) == len(result["plan"]) - 1, result["plan"]
    assert 'update NIC "public" of server "web-1" (lan 1 -> 2)' in result["plan"]
    assert list(result["tree"]["lans"]) == ["private"]
    converged(run_module, emulator, task)


def test_prune_leaves_kinds_the_task_does_not_list(run_module, emulator):
    run_module(main, **SMALL)
    reset(emulator)
    result = run_module(main, name="small", lans=SMALL["lans"], prune=True)
    assert not result["changed"] and result["pruned"] == [], result["plan"]
    assert writes(emulator) == {}
    assert sorted(result["tree"]["servers"]) == ["web-1", "web-2"]


def test_ip_failover_the_api_would_refuse_is_refused_before_any_write(run_module, emulator):
    ip = reserve_ip(emulator)
    run_module(main, **SMALL)
    task = copy.deepcopy(SMALL)
    task["servers"][1]["cores"] = 2
    task["lans"][0]["ip_failover"] = [{"ip": ip, "server": "web-1", "nic": "public"}]
    task["lans"][1]["ip_failover"] = []
    reset(emulator)
    failed = run_module(main, **task)
    assert failed.get("failed") and not failed.get("changed")
    assert "lans[0].ip_failover[0]: NIC web-1/public does not have the IP %s" % ip in failed["msg"]
    assert writes(emulator) == {}


def test_the_tree_leaves_out_what_the_read_did_not_reach(run_module, emulator):
    task = copy.deepcopy(SMALL)
    task["servers"][0]["nics"][0]["firewall_rules"] = [{"name": "ssh", "protocol": "TCP"}]
    run_module(main, **task)
    # Without firewall rules in the task the read stops at the NICs: their rules are not shown.
    result = run_module(main, **SMALL)
    assert not result["changed"]
    assert "firewall_rules" not in result["tree"]["servers"]["web-1"]["nics"]["public"]
    # With volumes alone the read stops at the servers: no NICs, no volumes.
    result = run_module(main, name="small", volumes=SMALL["volumes"])
    assert not result["changed"]
    assert "nics" not in result["tree"]["servers"]["web-1"] and "volumes" not in result["tree"]["servers"]["web-1"]


def test_check_mode_refuses_an_unknown_location_and_shows_a_lan_number_by_name(run_module, emulator):
    failed = run_module(main, _check_mode=True, **dict(copy.deepcopy(SMALL), location="de/xxx"))
    assert failed.get("failed") and "de/xxx" in failed["msg"]
    run_module(main, **SMALL)
    task = copy.deepcopy(SMALL)
    task["servers"][0]["nics"][0]["lan"] = "1"
    planned = run_module(main, _check_mode=True, _diff=True, **task)
    assert not planned["changed"], planned["plan"]
    assert planned["diff"]["before"] == planned["diff"]["after"]


def test_an_api_refusal_names_the_write_of_the_plan(run_module, emulator):
    run_module(main, **SMALL)
    task = copy.deepcopy(SMALL)
    task["servers"][1]["nics"][0]["ips"] = ["192.0.2.10"]  # not from a reserved IP block
    reset(emulator)
    failed = run_module(main, **task)
    assert failed.get("failed")
    assert failed["msg"].startswith('update NIC "public" of server "web-2" (ips ["'), failed["msg"]
    assert '-> ["192.0.2.10"]): PATCH ' in failed["msg"] and "HTTP 422" in failed["msg"]
