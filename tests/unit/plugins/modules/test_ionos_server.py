"""ionos_server end to end against the emulator: fleets created in parallel, a create whose
answer was lost, the create in one request, power states, attachments, delete with volumes.
"""

import json

import pytest
import requests
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter_main
from conftest import PASSWORD, USERNAME, warnings_of

IMAGE_PASSWORD = "Secr3tServerPass"
POST_SERVERS = "POST /datacenters/{datacenterId}/servers"
SERVERS_PATH = "^/datacenters/[^/]+/servers$"


def _get(emulator, path):
    answer = requests.get(emulator.url + path, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _servers(emulator, datacenter_id):
    return _get(emulator, "/datacenters/%s/servers?depth=1" % datacenter_id)["items"]


def _volumes(emulator, datacenter_id):
    return _get(emulator, "/datacenters/%s/volumes?depth=1" % datacenter_id)["items"]


def _names(items):
    return sorted(item["properties"]["name"] for item in items)


@pytest.fixture
def datacenter(run_module):
    """A datacenter in de/fra; its id."""
    result = run_module(datacenter_main, name="dc", location="de/fra")
    assert result["changed"], result
    return result["datacenter"]["id"]


def _timed(run_module, virtual_time, **args):
    """The module's result and how long it waited (the emulator's time moves only then)."""
    start = virtual_time.clock()
    result = run_module(main, datacenter="dc", **args)
    return result, virtual_time.clock() - start


def test_fleet_members_are_created_in_parallel(run_module, emulator, datacenter, virtual_time):
    emulator.config(provisioning_delay=1.0)
    single, single_time = _timed(run_module, virtual_time, name="single", cores=1, ram=512)
    assert single["changed"] and single["server"]["properties"]["name"] == "single", single

    emulator.control("DELETE", "/counters")
    fleet, fleet_time = _timed(run_module, virtual_time, name="worker-%02d", count=5, cores=1, ram=512)
    assert fleet["changed"], fleet
    assert [server["properties"]["name"] for server in fleet["servers"]] == \
        ["worker-%02d" % number for number in range(1, 6)]
    assert emulator.calls(POST_SERVERS) == 5
    # Each create takes the provisioning delay; waited on together, 5 take about as long as 1.
    assert single_time >= 1.0
    assert fleet_time < 2 * single_time, (fleet_time, single_time)
    assert all(server["metadata"]["state"] == "AVAILABLE" for server in fleet["servers"])


def test_lost_create_answer_leaves_exactly_one_server(run_module, emulator, datacenter):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": SERVERS_PATH, "times": 1})
    result = run_module(main, datacenter="dc", name="lost", cores=1, ram=512)
    assert result["changed"] and result["server"]["properties"]["name"] == "lost", result
    assert _names(_servers(emulator, datacenter)) == ["lost"]
    assert emulator.calls(POST_SERVERS) == 1


def test_lost_create_answer_in_a_fleet_is_adopted(run_module, emulator, datacenter):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": SERVERS_PATH, "times": 1})
    result = run_module(main, datacenter="dc", name="lost-%d", count=3, cores=1, ram=512)
    assert result["changed"], result
    assert _names(_servers(emulator, datacenter)) == ["lost-1", "lost-2", "lost-3"]
    assert emulator.calls(POST_SERVERS) == 3


def test_create_with_nics_and_volumes_is_one_request(run_module, emulator, datacenter):
    emulator.control("DELETE", "/counters")
    result = run_module(main, datacenter="dc", name="web", cores=1, ram=1024, _diff=True,
                        nics=[{"name": "public", "lan": 1, "firewall_rules": [
                            {"protocol": "TCP", "port_range_start": 22, "port_range_end": 22}]}],
                        volumes=[{"name": "web-system", "size": 10, "image_alias": "ubuntu:latest",
                                  "image_password": IMAGE_PASSWORD}])
    assert result["changed"], result
    assert IMAGE_PASSWORD not in json.dumps(result)
    counts = emulator.counters()
    assert counts["writes"] == 1 and counts["calls"][POST_SERVERS] == 1
    tree = _get(emulator, "/datacenters/%s/servers/%s?depth=4" % (datacenter, result["server"]["id"]))
    nic = tree["entities"]["nics"]["items"][0]
    assert nic["entities"]["firewallrules"]["items"][0]["properties"]["portRangeStart"] == 22
    assert [v["properties"]["name"] for v in tree["entities"]["volumes"]["items"]] == ["web-system"]

    emulator.control("DELETE", "/counters")
    again = run_module(main, datacenter="dc", name="web", cores=1, ram=1024)
    assert not again["changed"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (2, 0)


def test_bad_input_fails_before_any_call(run_module, emulator, datacenter):
    emulator.control("DELETE", "/counters")
    cases = [
        (dict(ram=1000), "ram must be a multiple of 256 MB and at least 256, got 1000"),
        (dict(cores=0), "cores must be at least 1, got 0"),
        (dict(count=2), "with count, name must be a pattern with one %d (for example web-%02d)"),
        (dict(boot_volume="a", boot_cdrom="b"), "parameters are mutually exclusive: boot_volume|boot_cdrom"),
        (dict(nics=[{"lan": 1, "firewall_rules": [{"protocol": "TCP", "port_range_start": 70000}]}]),
         "nics[0].firewall_rules[0].port_range_start must be between 1 and 65534"),
        (dict(volumes=[{"size": 5, "image_alias": "ubuntu:latest", "image_password": "short"}]),
         "volumes[0].image_password must be 8 to 50 letters (a-z, A-Z) and digits"),
    ]
    for extra, message in cases:
        args = dict(datacenter="dc", name="bad", cores=1, ram=1024)
        args.update(extra)
        failed = run_module(main, **args)
        assert failed.get("failed") and failed["msg"] == message, (extra, failed)
    assert emulator.counters()["total"] == 0


def test_unknown_or_ambiguous_volume_fails_without_a_write(run_module, emulator, datacenter):
    ids = [requests.post(emulator.url + "/datacenters/%s/volumes" % datacenter, auth=(USERNAME, PASSWORD),
                         json={"properties": {"name": "twin", "size": 5, "licenceType": "OTHER"}},
                         timeout=10).json()["id"] for _copy in range(2)]
    emulator.control("DELETE", "/counters")
    missing = run_module(main, datacenter="dc", name="web", cores=1, ram=512, attach_volumes=["nosuch"])
    assert missing["failed"] and missing["msg"].startswith("attach_volumes: no volume with id or name 'nosuch'")
    twin = run_module(main, datacenter="dc", name="web", cores=1, ram=512, attach_volumes=["twin"])
    assert twin["failed"] and all(volume_id in twin["msg"] for volume_id in ids)
    assert sorted(twin["failure"]["candidates"]) == sorted(ids)
    assert emulator.counters()["writes"] == 0


def test_power_states(run_module, emulator, datacenter):
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    stopped = run_module(main, datacenter="dc", name="web", state="stopped", _diff=True)
    assert stopped["changed"] and stopped["server"]["properties"]["vmState"] == "SHUTOFF"
    assert (stopped["diff"]["before"]["vm_state"], stopped["diff"]["after"]["vm_state"]) == ("RUNNING", "SHUTOFF")
    assert not run_module(main, datacenter="dc", name="web", state="stopped")["changed"]
    running = run_module(main, datacenter="dc", name="web", state="running")
    assert running["changed"] and running["server"]["properties"]["vmState"] == "RUNNING"
    emulator.control("DELETE", "/counters")
    for _run in range(2):
        assert run_module(main, datacenter="dc", name="web", state="restarted")["changed"]
    assert emulator.calls("POST /datacenters/{datacenterId}/servers/{serverId}/reboot") == 2


def test_a_reboot_whose_answer_was_lost_is_sent_again(run_module, emulator, datacenter):
    # Restarted since the task began is all the task promises: twice is better than not knowing.
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    for kind in ("drop_after", "503"):
        emulator.faults({"kind": kind, "path": "/reboot$", "times": 1})
        emulator.control("DELETE", "/counters")
        result = run_module(main, datacenter="dc", name="web", state="restarted")
        assert result["changed"] and not result.get("failed"), (kind, result)
        assert emulator.calls("POST /datacenters/{datacenterId}/servers/{serverId}/reboot") == 2, kind


def test_check_mode_writes_nothing(run_module, emulator, datacenter):
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    emulator.control("DELETE", "/counters")
    for args in (dict(name="new", cores=1, ram=512), dict(name="web", cores=2), dict(name="web", state="stopped"),
                 dict(name="web", state="restarted"), dict(name="web", state="absent", delete_volumes=True),
                 dict(name="w%d", count=3, cores=1, ram=512)):
        result = run_module(main, datacenter="dc", _check_mode=True, **args)
        assert result["changed"], (args, result)
    assert emulator.counters()["writes"] == 0
    assert _names(_servers(emulator, datacenter)) == ["web"]


def test_attach_detach_and_delete_with_volumes(run_module, emulator, datacenter):
    run_module(main, datacenter="dc", name="web", cores=1, ram=512,
               volumes=[{"name": "system", "size": 5, "licence_type": "OTHER"}])
    requests.post(emulator.url + "/datacenters/%s/volumes" % datacenter, auth=(USERNAME, PASSWORD), timeout=10,
                  json={"properties": {"name": "data", "size": 5, "licenceType": "OTHER"}})
    attached = run_module(main, datacenter="dc", name="web", attach_volumes=["data"],
                          cdroms=["ubuntu-20.04.2-live-server-amd64.iso"])
    assert attached["changed"], attached
    emulator.control("DELETE", "/counters")
    assert not run_module(main, datacenter="dc", name="web", attach_volumes=["data"],
                          cdroms=["ubuntu-20.04.2-live-server-amd64.iso"])["changed"]
    assert emulator.counters()["writes"] == 0

    detached = run_module(main, datacenter="dc", name="web", attach_volumes=[], detach_unlisted=True)
    assert detached["changed"]
    assert _names(_volumes(emulator, datacenter)) == ["data", "system"]
    booted = run_module(main, datacenter="dc", name="web", boot_volume="system", attach_volumes=["data"])
    assert booted["changed"] and booted["server"]["properties"]["bootVolume"]["id"]
    # Read at depth >= 1 the boot volume is a whole volume element, not a reference (wire
    # reference 7b); only its id is compared, so the re-run, by name or id, changes nothing.
    server_id = booted["server"]["id"]
    boot = _get(emulator, "/datacenters/%s/servers/%s?depth=1" % (datacenter, server_id))["properties"]["bootVolume"]
    assert boot["properties"]["name"] == "system" and "availabilityZone" not in boot["properties"]
    emulator.control("DELETE", "/counters")
    # Listing volumes makes the module read the server deep (depth 2 by id, 3 by name).
    system = [{"name": "system", "size": 5, "licence_type": "OTHER"}]
    for key, server in (("name", "web"), ("id", server_id)):
        again = run_module(main, datacenter="dc", boot_volume="system", volumes=system, **{key: server})
        assert not again["changed"], again
    assert emulator.counters()["writes"] == 0

    deleted = run_module(main, datacenter="dc", name="web", state="absent", delete_volumes=True)
    assert deleted["changed"] and _volumes(emulator, datacenter) == []
    assert not run_module(main, datacenter="dc", name="web", state="absent", delete_volumes=True)["changed"]


def test_delete_without_delete_volumes_keeps_them(run_module, emulator, datacenter):
    run_module(main, datacenter="dc", name="web", cores=1, ram=512,
               volumes=[{"name": "system", "size": 5, "licence_type": "OTHER"}])
    assert run_module(main, datacenter="dc", name="web", state="absent")["changed"]
    assert _names(_volumes(emulator, datacenter)) == ["system"]


def test_fleet_converges_updates_stops_and_deletes(run_module, emulator, datacenter):
    run_module(main, datacenter="dc", name="w%02d", count=3, cores=1, ram=512)
    emulator.control("DELETE", "/counters")
    assert not run_module(main, datacenter="dc", name="w%02d", count=3, cores=1, ram=512)["changed"]
    assert emulator.counters()["writes"] == 0
    updated = run_module(main, datacenter="dc", name="w%02d", count=3, cores=2)
    assert [server["properties"]["cores"] for server in updated["servers"]] == [2, 2, 2]
    stopped = run_module(main, datacenter="dc", name="w%02d", count=3, state="stopped")
    assert [server["properties"]["vmState"] for server in stopped["servers"]] == ["SHUTOFF"] * 3
    assert run_module(main, datacenter="dc", name="w%02d", count=3, state="absent")["changed"]
    assert _servers(emulator, datacenter) == []


def test_fleet_delete_with_delete_volumes_deletes_them(run_module, emulator, datacenter):
    """count with state absent and delete_volumes deletes the members' volumes too."""
    run_module(main, datacenter="dc", name="f%d", count=2, cores=1, ram=512,
               volumes=[{"name": "fv", "size": 5, "licence_type": "OTHER"}])
    assert run_module(main, datacenter="dc", name="f%d", count=2, state="absent", delete_volumes=True)["changed"]
    assert _volumes(emulator, datacenter) == []


def test_check_mode_create_resolves_references(run_module, datacenter):
    """A check mode create resolves attach_volumes: it fails where the real run would."""
    result = run_module(main, datacenter="dc", name="web", cores=1, ram=512, attach_volumes=["nosuch"],
                        _check_mode=True)
    assert result.get("failed") and "attach_volumes" in result["msg"]


def test_check_mode_stop_returns_the_server_as_it_would_be(run_module, datacenter):
    """In check mode the returned server has the power state it would have."""
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    result = run_module(main, datacenter="dc", name="web", state="stopped", _check_mode=True)
    assert result["server"]["properties"]["vmState"] == "SHUTOFF"


@pytest.mark.parametrize("kind", ["drop_after", "drop_before", "503"])
def test_an_attach_whose_answer_is_lost_is_checked_before_it_is_sent_again(run_module, emulator, datacenter, kind):
    # A second attach of an attached volume is refused (422): the module looks first.
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    requests.post(emulator.url + "/datacenters/%s/volumes" % datacenter, auth=(USERNAME, PASSWORD), timeout=10,
                  json={"properties": {"name": "data", "size": 5, "licenceType": "OTHER"}})
    emulator.faults({"kind": kind, "path": "/servers/[^/]+/(volumes|cdroms)$", "methods": ["POST"], "times": 1})
    attached = run_module(main, datacenter="dc", name="web", attach_volumes=["data"],
                          cdroms=["ubuntu-20.04.2-live-server-amd64.iso"])
    assert attached["changed"] and not attached.get("failed"), attached
    assert emulator.control("GET", "/faults")["rules"][0]["injected"] == 1
    server = [s for s in _servers(emulator, datacenter) if s["properties"]["name"] == "web"][0]
    listed = requests.get(emulator.url + "/datacenters/%s/servers/%s/volumes" % (datacenter, server["id"]),
                          auth=(USERNAME, PASSWORD), timeout=10).json()["items"]
    assert len(listed) == 1
    assert not run_module(main, datacenter="dc", name="web", attach_volumes=["data"],
                          cdroms=["ubuntu-20.04.2-live-server-amd64.iso"])["changed"]


def test_diff_shows_attachments(run_module, emulator, datacenter):
    """The diff holds the attached volumes and CD-ROMs."""
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    requests.post(emulator.url + "/datacenters/%s/volumes" % datacenter, auth=(USERNAME, PASSWORD), timeout=10,
                  json={"properties": {"name": "data", "size": 5, "licenceType": "OTHER"}})
    result = run_module(main, datacenter="dc", name="web", attach_volumes=["data"], _diff=True)
    assert result["changed"] and result["diff"]["before"] != result["diff"]["after"]


SYSTEM = {"name": "sys", "size": 10, "image_alias": "ubuntu:latest", "image_password": IMAGE_PASSWORD}


def test_detach_unlisted_keeps_the_volumes_created_with_the_server(run_module, emulator, datacenter):
    for _run in range(2):
        result = run_module(main, datacenter="dc", name="web", cores=1, ram=1024, volumes=[SYSTEM],
                            detach_unlisted=True, _diff=True)
        assert result["diff"]["after"]["volumes"] == [_volumes(emulator, datacenter)[0]["id"]]
    assert not result["changed"]
    assert _volumes(emulator, datacenter)[0]["properties"]["deviceNumber"] is not None


def test_a_fleet_created_stopped_is_stopped(run_module, emulator, datacenter):
    result = run_module(main, datacenter="dc", name="s%d", count=2, cores=1, ram=512, state="stopped")
    assert [server["properties"]["vmState"] for server in result["servers"]] == ["SHUTOFF", "SHUTOFF"]
    assert not run_module(main, datacenter="dc", name="s%d", count=2, cores=1, ram=512, state="stopped")["changed"]


def test_per_server_attachments_are_refused_for_a_fleet(run_module, emulator, datacenter):
    failed = run_module(main, datacenter="dc", name="f%d", count=2, cores=1, ram=512, attach_volumes=["data"])
    assert failed["failed"] and "attach_volumes cannot be used with count" in failed["msg"]
    assert emulator.counters()["writes"] == 1  # the datacenter of the fixture


def test_a_new_server_is_not_rebooted(run_module, emulator, datacenter):
    assert run_module(main, datacenter="dc", name="fresh", cores=1, ram=512, state="restarted")["changed"]
    assert emulator.calls("POST /datacenters/{datacenterId}/servers/{serverId}/reboot") == 0


def test_an_update_diff_shows_the_volume_it_attaches(run_module, emulator, datacenter):
    run_module(main, datacenter="dc", name="web", cores=1, ram=512)
    volume = requests.post(emulator.url + "/datacenters/%s/volumes" % datacenter, auth=(USERNAME, PASSWORD),
                           json={"properties": {"name": "data", "size": 5, "licenceType": "OTHER"}}, timeout=10).json()
    result = run_module(main, datacenter="dc", name="web", cores=2, attach_volumes=["data"], _diff=True)
    assert result["diff"]["before"]["volumes"] == [] and result["diff"]["after"]["volumes"] == [volume["id"]]


def test_nested_options_an_existing_server_lacks_warn_and_those_it_has_do_not(run_module, emulator, datacenter):
    nested = dict(nics=[{"name": "public", "lan": 1}, {"lan": 1}],
                  volumes=[{"name": "system", "size": 5, "licence_type": "LINUX"}])
    run_module(main, datacenter="dc", name="web", cores=1, ram=1024, **nested)
    emulator.control("DELETE", "/counters")
    # As created: quiet, in the same two reads as without nested options.
    again = run_module(main, datacenter="dc", name="web", cores=1, ram=1024, **nested)
    assert not again["changed"] and "warnings" not in again, again.get("warnings")
    assert (emulator.counters()["reads"], emulator.counters()["writes"]) == (2, 0)
    run_module(main, datacenter="dc", name="w-%d", count=2, cores=1, ram=1024, **nested)
    fleet = run_module(main, datacenter="dc", name="w-%d", count=2, cores=1, ram=1024, **nested)
    assert not fleet["changed"] and "warnings" not in fleet, fleet.get("warnings")
    more = run_module(main, datacenter="dc", name="web", nics=nested["nics"] + [{"name": "backend", "lan": 2}, {"lan": 1}])
    assert not more["changed"]
    assert warnings_of(more) == [
        "nics[2] (backend), nics[3]: not in server %s, which exists; these options only apply when the server is"
        " created. Add NICs with ionos.enterprise.ionos_nic, volumes with ionos.enterprise.ionos_volume and attach"
        " them with attach_volumes." % again["server"]["id"]]
