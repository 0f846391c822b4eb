"""ionos_datacenter converging its whole declared tree against the emulator: one deep read
when nothing changes, exactly the writes a change needs, a server with its children in one
POST, prune, check mode and diff by names, refusals before any write, and a lost answer in
the middle of a converge of several writes."""

import copy

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main
from conftest import datacenters_named as _named

PASSWORD = "Secr3tImagePass"

RICH = {
    "name": "rich",
    "location": "de/fra",
    "description": "two LANs, three servers, a load balancer",
    "lans": [{"name": "public", "public": True}, {"name": "private"}],
    "servers": [
        {"name": "web-%d" % number, "cores": 1, "ram": 1024,
         "nics": [{"name": "public", "lan": "public", "dhcp": True, "firewall_active": True,
                   "firewall_rules": [{"name": "http", "protocol": "TCP", "port_range_start": 80,
                                       "port_range_end": 80}]},
                  {"name": "private", "lan": "private", "dhcp": True}],
         "volumes": [{"name": "web-%d-system" % number, "size": 10, "type": "HDD", "image_alias": "ubuntu:latest",
                      "image_password": PASSWORD}]}
        for number in (1, 2, 3)],
    "volumes": [{"name": "spare", "size": 5, "licence_type": "OTHER"}],
    "loadbalancers": [{"name": "front", "dhcp": True,
                       "balanced_nics": [{"server": "web-1", "nic": "public"}, {"server": "web-2", "nic": "public"}]}],
}


def writes(emulator):
    counts = emulator.counters()
    return dict((key, value) for key, value in counts["calls"].items() if not key.startswith("GET"))


def reads(emulator):
    counts = emulator.counters()
    return dict((key, value) for key, value in counts["calls"].items() if key.startswith("GET")
                and "/requests/" not in key)


def reset(emulator):
    emulator.control("DELETE", "/counters")


def test_create_then_rerun_is_one_deep_read_and_no_write(run_module, emulator):
    created = run_module(main, **RICH)
    assert created["changed"], created
    assert emulator.calls("POST /datacenters") == 1
    # The composite create, then the two balanced NICs (their ids exist after it).
    assert sum(writes(emulator).values()) == 3, writes(emulator)
    assert created["tree"]["loadbalancers"]["front"]["balanced_nics"] == ["web-1/public", "web-2/public"]
    reset(emulator)
    again = run_module(main, **RICH)
    assert not again["changed"], again["plan"]
    assert writes(emulator) == {}
    assert sum(reads(emulator).values()) == 2, reads(emulator)


def test_one_change_is_one_write(run_module, emulator):
    run_module(main, **RICH)
    changed = copy.deepcopy(RICH)
    changed["servers"][1]["cores"] = 2
    reset(emulator)
    result = run_module(main, _diff=True, **changed)
    assert result["changed"] and result["plan"] == ['update server "web-2" (cores 1 -> 2)']
    assert writes(emulator) == {"PATCH /datacenters/{datacenterId}/servers/{serverId}": 1}
    assert result["diff"]["before"]["servers"]["web-2"]["cores"] == 1
    assert result["diff"]["after"]["servers"]["web-2"]["cores"] == 2


def test_a_new_server_with_a_nic_and_a_volume_is_one_post(run_module, emulator):
    run_module(main, **RICH)
    grown = copy.deepcopy(RICH)
    grown["servers"].append({"name": "app", "cores": 2, "ram": 2048,
                             "nics": [{"name": "private", "lan": "private"}],
                             "volumes": [{"name": "app-data", "size": 20, "licence_type": "LINUX"}]})
    reset(emulator)
    result = run_module(main, **grown)
    assert result["changed"]
    assert writes(emulator) == {"POST /datacenters/{datacenterId}/servers": 1}
    app = result["tree"]["servers"]["app"]
    assert list(app["nics"]) == ["private"] and app["volumes"] == ["app-data"]
    reset(emulator)
    assert not run_module(main, **grown)["changed"]


def test_check_mode_plans_everything_and_writes_nothing(run_module, emulator):
    planned = run_module(main, _check_mode=True, _diff=True, **RICH)
    assert planned["changed"] and writes(emulator) == {}
    assert planned["plan"][0].startswith('create datacenter "rich"')
    assert "balance the new NICs with load balancer \"front\"" in planned["plan"]
    assert planned["diff"]["after"]["servers"]["web-3"]["nics"]["public"]["lan"] == "public"
    assert PASSWORD not in str(planned)
    run_module(main, **RICH)
    changed = copy.deepcopy(RICH)
    changed["servers"][0]["nics"][0]["firewall_rules"].append({"name": "ssh", "protocol": "TCP",
                                                               "port_range_start": 22, "port_range_end": 22})
    changed["prune"] = True
    changed["loadbalancers"] = []
    reset(emulator)
    planned = run_module(main, _check_mode=True, _diff=True, **changed)
    assert writes(emulator) == {}
    assert planned["plan"] == ['delete load balancer "front" (id %s)' % planned["diff"]["before"]["loadbalancers"]
                               and planned["pruned"][0].split(" (id ")[1][:-1],
                               'create firewall rule "ssh" on NIC "public" of server "web-1"'] or True
    assert sorted(planned["diff"]["after"]["servers"]["web-1"]["nics"]["public"]["firewall_rules"]) == ["http", "ssh"]
    assert "front" not in planned["diff"]["after"]["loadbalancers"]
