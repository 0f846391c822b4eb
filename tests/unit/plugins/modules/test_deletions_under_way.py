"""A resource whose DELETE is under way is still read and listed, BUSY, until its request is
DONE (wire reference section 7b; the emulator does the same). For the task that manages it,
it is gone: state=absent changes nothing and sends nothing (with wait it returns once that
deletion is DONE), a name creates a new resource without calling the old one ambiguous, and
an id fails, saying why. Only a BUSY resource costs a read of the request list."""

import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_group import main as group
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main as lan
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key import main as s3key
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_share import main as share
from ansible_collections.ionos.enterprise.plugins.modules.ionos_user import main as user
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume import main as volume
from conftest import PASSWORD, USERNAME

DELETE_SERVER = "DELETE /datacenters/{datacenterId}/servers/{serverId}"
REQUESTS = "GET /requests"


def _servers(emulator, dc):
    answer = requests.get(emulator.url + "/datacenters/%s/servers?depth=1" % dc, auth=(USERNAME, PASSWORD),
                          timeout=10)
    return [(item["properties"]["name"], item["metadata"]["state"]) for item in answer.json()["items"]]


def _slow_world(run_module, emulator):
    """A datacenter with the server "web"; from now on each request takes 2 s (of the
    frozen clock, which moves only when a module waits)."""
    dc = run_module(datacenter, name="dc", location="de/fra")["datacenter"]["id"]
    created = run_module(server, datacenter="dc", name="web", cores=1, ram=512)["server"]
    emulator.config(provisioning_delay=2.0)
    return dc, created["id"]


def test_a_second_teardown_while_the_first_is_under_way_sends_nothing(run_module, emulator):
    dc, web = _slow_world(run_module, emulator)
    first = run_module(server, datacenter="dc", name="web", state="absent", wait=False)
    assert first["changed"] and emulator.calls(DELETE_SERVER) == 1
    assert _servers(emulator, dc) == [("web", "BUSY")]

    emulator.control("DELETE", "/counters")
    again = run_module(server, datacenter="dc", name="web", state="absent", wait=False, _diff=True)
    assert not again["changed"] and again["diff"] == {"before": {}, "after": {}}
    counts = emulator.counters()
    assert counts["writes"] == 0 and emulator.calls(REQUESTS) == 1

    # With wait, the task returns once the deletion under way is DONE, still sending nothing.
    waited = run_module(server, datacenter="dc", name="web", state="absent", wait=True)
    assert not waited["changed"] and emulator.counters()["writes"] == 0
    assert _servers(emulator, dc) == []


def test_by_id_absent_is_unchanged_and_present_fails_saying_why(run_module, emulator):
    dc, web = _slow_world(run_module, emulator)
    assert run_module(server, datacenter="dc", id=web, state="absent", wait=False)["changed"]
    assert not run_module(server, datacenter="dc", id=web, state="absent", wait=False)["changed"]
    refused = run_module(server, datacenter="dc", id=web, cores=2)
    assert refused["failed"]
    assert refused["msg"].startswith("id: the server %s is being deleted (request " % web)
    assert emulator.calls(DELETE_SERVER) == 1 and emulator.calls("PATCH /datacenters/{datacenterId}/servers/{serverId}") == 0


def test_a_create_under_the_name_of_a_server_being_deleted_makes_a_new_one(run_module, emulator):
    dc, web = _slow_world(run_module, emulator)
    run_module(server, datacenter="dc", name="web", state="absent", wait=False)
    created = run_module(server, datacenter="dc", name="web", cores=1, ram=512, wait=False)
    assert created["changed"] and created["server"]["id"] != web
    assert sorted(_servers(emulator, dc)) == [("web", "BUSY"), ("web", "BUSY")]
    # Two servers named web, one of them going: the name is not ambiguous.
    emulator.control("DELETE", "/counters")
    again = run_module(server, datacenter="dc", name="web", cores=1, ram=512, wait=False)
    assert not again.get("failed") and not again["changed"]
    assert again["server"]["id"] == created["server"]["id"] and emulator.counters()["writes"] == 0


def test_a_busy_server_that_is_not_being_deleted_is_there(run_module, emulator):
    dc, web = _slow_world(run_module, emulator)
    changed = run_module(server, datacenter="dc", name="web", cores=2, wait=False)
    assert changed["changed"] and _servers(emulator, dc) == [("web", "BUSY")]
    emulator.control("DELETE", "/counters")
    again = run_module(server, datacenter="dc", name="web", cores=2, wait=False)
    assert not again["changed"] and again["server"]["id"] == web
    assert emulator.calls(REQUESTS) == 1 and emulator.counters()["writes"] == 0


def test_an_idle_resource_costs_no_read_of_the_request_list(run_module, emulator):
    _slow_world(run_module, emulator)
    emulator.config(provisioning_delay=0)
    emulator.control("DELETE", "/counters")
    assert not run_module(server, datacenter="dc", name="web", cores=1, ram=512)["changed"]
    assert emulator.calls(REQUESTS) == 0


def test_a_fleet_teardown_twice(run_module, emulator):
    run_module(datacenter, name="dc", location="de/fra")
    run_module(server, datacenter="dc", name="w%d", count=3, cores=1, ram=512)
    emulator.config(provisioning_delay=2.0)
    assert run_module(server, datacenter="dc", name="w%d", count=3, state="absent", wait=False)["changed"]
    emulator.control("DELETE", "/counters")
    again = run_module(server, datacenter="dc", name="w%d", count=3, state="absent", wait=False)
    assert not again["changed"] and emulator.counters()["writes"] == 0
    # The three servers are in one collection: one read of the request list for all of them.
    assert emulator.calls(REQUESTS) == 1
    # A fleet re-created meanwhile is three new servers.
    grown = run_module(server, datacenter="dc", name="w%d", count=3, cores=1, ram=512, wait=False)
    assert grown["changed"] and emulator.calls("POST /datacenters/{datacenterId}/servers") == 3


def _teardown_twice(run_module, emulator, tasks):
    """Each (main, args) with state=absent and wait=false: changed, then (while the
    deletions are under way) unchanged, sending nothing."""
    for main, args in tasks:
        assert run_module(main, state="absent", wait=False, **args)["changed"]
    emulator.control("DELETE", "/counters")
    for main, args in tasks:
        result = run_module(main, state="absent", wait=False, **args)
        assert not result.get("failed") and not result["changed"], result
    assert emulator.counters()["writes"] == 0


def test_lan_volume_and_group_teardown_twice(run_module, emulator):
    run_module(datacenter, name="dc", location="de/fra")
    run_module(lan, datacenter="dc", name="front")
    run_module(volume, datacenter="dc", name="data", size=5, licence_type="OTHER")
    run_module(group, name="ops")
    emulator.config(provisioning_delay=2.0)
    _teardown_twice(run_module, emulator, [(lan, dict(datacenter="dc", name="front")),
                                           (volume, dict(datacenter="dc", name="data")), (group, dict(name="ops"))])


def test_kinds_without_a_state_ask_the_request_list_only_to_delete(run_module, emulator):
    """Groups, users, S3 keys and shares show no state: state=absent reads the request
    list once; state=present does not."""
    run_module(user, firstname="A", lastname="B", email="a@example.com", user_password="Secr3t-Passw0rd")
    key = run_module(s3key, user="a@example.com", count=1)["s3keys"][-1]["id"]
    run_module(group, name="ops")
    run_module(datacenter, name="shared", location="de/fra")
    run_module(share, group="ops", resource="shared", resource_type="datacenter")
    emulator.control("DELETE", "/counters")
    assert not run_module(group, name="ops")["changed"] and emulator.calls(REQUESTS) == 0
    emulator.config(provisioning_delay=2.0)
    _teardown_twice(run_module, emulator, [(s3key, dict(user="a@example.com", key_id=key)),
                                           (user, dict(email="a@example.com")),
                                           (share, dict(group="ops", resource="shared", resource_type="datacenter"))])
    assert emulator.calls(REQUESTS) == 3
