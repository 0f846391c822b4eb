"""ionos_firewall_rule against the emulator: bad ports, ICMP values, MACs and IPs fail before
any call; the protocol is create-only; the rest is updated in place."""

import pytest

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_firewall_rule import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_firewall_rule_info import main as rule_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic import main as nic
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server

WHERE = dict(datacenter="fw", server="web", nic="public")


def fixture(run_module):
    run_module(datacenter, name="fw", location="de/fra", lans=[dict(name="internet", public=True)])
    run_module(server, datacenter="fw", name="web", cores=1, ram=1024)
    run_module(nic, datacenter="fw", server="web", name="public", lan="1", firewall_active=True)


@pytest.mark.parametrize("args, message", [
    (dict(protocol="TCP", port_range_start=70000), "port_range_start must be between 1 and 65534"),
    (dict(protocol="ICMP", port_range_start=22), "port_range_start only apply to protocol TCP or UDP"),
    (dict(protocol="ICMP", icmp_type=300), "icmp_type must be between 0 and 254"),
    (dict(protocol="TCP", icmp_code=0), "icmp_code only apply to protocol ICMP"),
    (dict(protocol="TCP", port_range_start=90, port_range_end=80),
     "port_range_start must not be greater than port_range_end"),
    (dict(protocol="TCP", source_mac="00:11:22:33:44"), "source_mac '00:11:22:33:44' is not a MAC address"),
    (dict(protocol="TCP", source_ip="10.0.0.256"), "source_ip '10.0.0.256' is not a valid IPv4 address"),
    (dict(port_range_end=0), "port_range_end must be between 1 and 65534"),
])
def test_bad_input_fails_before_any_call(run_module, emulator, args, message):
    before = emulator.counters()
    failed = run_module(main, name="r", **dict(WHERE, **args))
    assert failed["failed"] and message in failed["msg"]
    assert emulator.counters()["reads"] == before["reads"] and emulator.counters()["writes"] == before["writes"]


def test_create_converge_update_protocol_delete(run_module, emulator):
    fixture(run_module)
    created = run_module(main, name="ssh", protocol="TCP", port_range_start=22, port_range_end=22,
                         source_mac="02:01:AA:BB:CC:DD", **WHERE)
    assert created["changed"] and created["firewall_rule"]["properties"]["portRangeStart"] == 22
    before = emulator.counters()
    again = run_module(main, name="ssh", protocol="TCP", port_range_start=22, port_range_end=22,
                       source_mac="02-01-aa-bb-cc-dd", **WHERE)
    after = emulator.counters()
    assert not again["changed"]
    assert after["writes"] == before["writes"] and after["reads"] - before["reads"] == 4
    wider = run_module(main, name="ssh", port_range_end=2222, _diff=True, **WHERE)
    assert wider["changed"] and wider["firewall_rule"]["properties"]["portRangeEnd"] == 2222
    assert wider["diff"]["before"]["port_range_end"] == 22
    refused = run_module(main, name="ssh", protocol="UDP", **WHERE)
    assert refused["failed"] and "Cannot change protocol" in refused["msg"] and "re-create" in refused["msg"]
    icmp = run_module(main, name="ssh", icmp_type=8, **WHERE)
    assert icmp["failed"] and icmp["msg"] == (
        "icmp_type only apply to protocol ICMP (firewall rule 'ssh' (%s) is TCP)." % created["firewall_rule"]["id"])
    listed = run_module(rule_info, protocol="TCP", **WHERE)
    assert [rule["properties"]["name"] for rule in listed["firewall_rules"]] == ["ssh"]
    assert run_module(rule_info, protocol="UDP", **WHERE)["firewall_rules"] == []
    assert run_module(main, name="ssh", state="absent", **WHERE)["changed"]
    assert not run_module(main, name="ssh", state="absent", **WHERE)["changed"]


def test_a_missing_nic_is_named(run_module, emulator):
    fixture(run_module)
    failed = run_module(main, name="ssh", protocol="TCP", **dict(WHERE, nic="nowhere"))
    assert failed["failed"] and failed["msg"] == "nic: no NIC with id or name 'nowhere' exists."
