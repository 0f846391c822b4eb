"""ionos_datacenter converging its whole declared tree, continued: power states, IP failover,
volumes attached to existing servers, writes that need the round before, wait: false, a lost
answer and a failure in the middle of a converge of several writes, and the image password
kept out of every result."""

import copy
import json

from ansible.module_utils import basic
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main
from conftest import CORE
from test_datacenter_tree import api, ids, reset, writes

IMAGE_PASSWORD = "Secr3tImagePass"
STATUS_POLLS = "GET /requests/{requestId}/status"
DEEP_READS = "GET /datacenters/{datacenterId}"
SERVERS = "POST /datacenters/{datacenterId}/servers"

SMALL = {
    "name": "small",
    "location": "de/fra",
    "lans": [{"name": "public", "public": True}, {"name": "private"}],
    "servers": [{"name": "web-%d" % number, "cores": 1, "ram": 1024, "nics": [{"name": "public", "lan": "public"}]}
                for number in (1, 2)],
    "volumes": [{"name": "spare", "size": 5, "licence_type": "OTHER"}],
}


def small(**changes):
    """A copy of SMALL with top-level options replaced."""
    task = copy.deepcopy(SMALL)
    task.update(copy.deepcopy(changes))
    return task


def converged(run_module, emulator, task):
    """The same task once more changes nothing and writes nothing."""
    reset(emulator)
    again = run_module(main, **task)
    assert not again.get("failed") and not again["changed"], again.get("msg") or again["plan"]
    assert writes(emulator) == {}
    return again


def test_vm_state_stopped_then_running_is_one_action_each(run_module, emulator):
    run_module(main, **SMALL)
    for state, action, shown in (("stopped", "stop", "SHUTOFF"), ("running", "start", "RUNNING")):
        task = copy.deepcopy(SMALL)
        task["servers"][0]["vm_state"] = state
        reset(emulator)
        result = run_module(main, **task)
        assert result["changed"] and result["plan"] == ['%s server "web-1"' % action]
        assert writes(emulator) == {"POST /datacenters/{datacenterId}/servers/{serverId}/%s" % action: 1}
        assert result["tree"]["servers"]["web-1"]["vm_state"] == state
        assert result["tree"]["servers"]["web-2"]["vm_state"] == "running"
        have = ids(emulator, "small")
        server = api(emulator, "GET", "/datacenters/%s/servers/%s" % (have["id"], have["servers"]["web-1"]["id"]))
        assert server["properties"]["vmState"] == shown
        converged(run_module, emulator, task)


def reserve_ip(emulator):
    block = api(emulator, "POST", "/ipblocks", {"properties": {"location": "de/fra", "size": 1}})
    return block["properties"]["ips"][0]


def test_ip_failover_on_a_public_lan_is_set_then_converged(run_module, emulator):
    ip = reserve_ip(emulator)
    # Both NICs hold the reserved IP (so the API can move it); web-1's is the primary.
    task = copy.deepcopy(SMALL)
    for server in task["servers"]:
        server["nics"][0]["ips"] = [ip]
    run_module(main, **task)
    task["lans"][0]["ip_failover"] = [{"ip": ip, "server": "web-1", "nic": "public"}]
    reset(emulator)
    result = run_module(main, _diff=True, **task)
    assert not result.get("failed"), result["msg"]
    assert result["changed"] and result["plan"] == ['update LAN "public" (ip_failover)']
    assert writes(emulator) == {"PATCH /datacenters/{datacenterId}/lans/{lanId}": 1}
    assert result["tree"]["lans"]["public"]["ip_failover"] == ["%s web-1/public" % ip]
    assert "ip_failover" not in result["diff"]["before"]["lans"]["public"]
    assert result["diff"]["after"]["lans"]["public"]["ip_failover"] == ["%s web-1/public" % ip]
    have = ids(emulator, "small")
    lan = api(emulator, "GET", "/datacenters/%s/lans/%s" % (have["id"], have["lans"]["public"]))
    assert lan["properties"]["ipFailover"] == [{"ip": ip, "nicUuid": have["servers"]["web-1"]["nics"]["public"]["id"]}]
    converged(run_module, emulator, task)


def test_ip_failover_of_a_new_datacenter_is_set_after_the_create(run_module, emulator):
    ip = reserve_ip(emulator)
    task = copy.deepcopy(SMALL)
    task["servers"][0]["nics"][0]["ips"] = [ip]
    task["lans"][0]["ip_failover"] = [{"ip": ip, "server": "web-1", "nic": "public"}]
    reset(emulator)
    result = run_module(main, **task)
    assert not result.get("failed"), result["msg"]
    assert result["plan"] == ['create datacenter "small" with 2 LANs, 2 servers, 1 volume',
                              'update LAN "public" (ip_failover)']
    assert writes(emulator) == {"POST /datacenters": 1, "PATCH /datacenters/{datacenterId}/lans/{lanId}": 1}
    assert result["tree"]["lans"]["public"]["ip_failover"] == ["%s web-1/public" % ip]
    converged(run_module, emulator, task)


def test_volumes_listed_under_an_existing_server_are_attached(run_module, emulator):
    run_module(main, **SMALL)
    # The unattached "spare", now listed under web-1: one attach.
    task = small(volumes=[])
    task["servers"][0]["volumes"] = [SMALL["volumes"][0]]
    reset(emulator)
    result = run_module(main, **task)
    assert result["changed"] and result["plan"] == ['attach volume "spare" to server "web-1"']
    assert writes(emulator) == {"POST /datacenters/{datacenterId}/servers/{serverId}/volumes": 1}
    have = ids(emulator, "small")
    assert have["servers"]["web-1"]["volumes"] == [have["volumes"]["spare"]]
    converged(run_module, emulator, task)
    # A new volume under web-1: created, then attached in the next round (its id is known then).
    task["servers"][0]["volumes"].append({"name": "logs", "size": 10, "licence_type": "LINUX"})
    reset(emulator)
    result = run_module(main, **task)
    assert result["changed"] and result["plan"] == ['create volume "logs"', 'attach volume "logs" to server "web-1"']
    assert writes(emulator) == {"POST /datacenters/{datacenterId}/volumes": 1,
                                "POST /datacenters/{datacenterId}/servers/{serverId}/volumes": 1}
    assert result["tree"]["servers"]["web-1"]["volumes"] == ["logs", "spare"]
    have = ids(emulator, "small")
    assert sorted(have["servers"]["web-1"]["volumes"]) == sorted([have["volumes"]["spare"], have["volumes"]["logs"]])
    converged(run_module, emulator, task)


def test_an_existing_volume_listed_under_a_new_server_is_updated_in_the_next_round(run_module, emulator):
    run_module(main, **SMALL)
    task = small(volumes=[])
    task["servers"].append({"name": "app", "cores": 1, "ram": 1024, "volumes": [dict(SMALL["volumes"][0], size=6)]})
    reset(emulator)
    planned = run_module(main, _check_mode=True, **task)
    assert planned["plan"] == ['create server "app"', 'update volume "spare"'] and writes(emulator) == {}
    # Even without waiting for the end, the round after the create is not skipped.
    result = run_module(main, wait=False, **task)
    assert result["changed"] and result["plan"] == ['create server "app"', 'update volume "spare" (size 5 -> 6)']
    assert writes(emulator) == {SERVERS: 1, "PATCH /datacenters/{datacenterId}/volumes/{volumeId}": 1}
    have = ids(emulator, "small")
    assert have["servers"]["app"]["volumes"] == [have["volumes"]["spare"]]
    assert api(emulator, "GET", "/datacenters/%s/volumes/%s" % (have["id"], have["volumes"]["spare"]))[
        "properties"]["size"] == 6
    converged(run_module, emulator, task)


def test_a_new_lan_and_a_new_nic_on_it_take_two_rounds(run_module, emulator):
    run_module(main, **SMALL)
    task = small(lans=SMALL["lans"] + [{"name": "backend"}])
    task["servers"][0]["nics"].append({"name": "backend", "lan": "backend"})
    reset(emulator)
    planned = run_module(main, _check_mode=True, **task)
    assert planned["changed"] and writes(emulator) == {}
    assert planned["plan"] == ['create LAN "backend"', 'create NIC "backend" of server "web-1" (on a LAN created first)']
    reset(emulator)
    result = run_module(main, **task)
    assert result["changed"] and result["plan"] == ['create LAN "backend"', 'create NIC "backend" of server "web-1"']
    assert writes(emulator) == {"POST /datacenters/{datacenterId}/lans": 1,
                                "POST /datacenters/{datacenterId}/servers/{serverId}/nics": 1}
    # The first deep read, one after each round.
    assert emulator.calls(DEEP_READS) == 3
    assert result["tree"]["servers"]["web-1"]["nics"]["backend"]["lan"] == "backend"
    have = ids(emulator, "small")
    nic = api(emulator, "GET", "/datacenters/%s/servers/%s/nics/%s" % (
        have["id"], have["servers"]["web-1"]["id"], have["servers"]["web-1"]["nics"]["backend"]["id"]))
    assert str(nic["properties"]["lan"]) == have["lans"]["backend"]
    converged(run_module, emulator, task)


def test_wait_false_sends_the_writes_and_polls_nothing(run_module, emulator):
    emulator.config(provisioning_delay=3)
    created = run_module(main, wait=False, **SMALL)
    assert created["changed"] and emulator.calls("POST /datacenters") == 1 and emulator.calls(STATUS_POLLS) == 0
    emulator.clock(advance=3)
    task = small(lans=SMALL["lans"] + [{"name": "backend"}])
    task["servers"][1]["cores"] = 2
    reset(emulator)
    result = run_module(main, wait=False, **task)
    assert result["changed"] and result["plan"] == ['create LAN "backend"', 'update server "web-2" (cores 1 -> 2)']
    assert writes(emulator) == {"POST /datacenters/{datacenterId}/lans": 1,
                                "PATCH /datacenters/{datacenterId}/servers/{serverId}": 1}
    # No status poll, and no read after the writes either.
    assert emulator.calls(STATUS_POLLS) == 0 and emulator.calls(DEEP_READS) == 1
    emulator.clock(advance=3)
    converged(run_module, emulator, task)


def test_a_lost_answer_in_the_middle_creates_nothing_twice(run_module, emulator):
    run_module(main, **SMALL)
    task = copy.deepcopy(SMALL)
    task["servers"][0]["cores"] = 2
    task["servers"] += [{"name": "app-%d" % number, "cores": 1, "ram": 1024,
                         "nics": [{"name": "private", "lan": "private"}]} for number in (1, 2)]
    # The first server POST takes effect, but its answer is lost.
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": "^/datacenters/[^/]+/servers$", "times": 1})
    reset(emulator)
    result = run_module(main, **task)
    assert not result.get("failed"), result["msg"]
    assert result["changed"] and result["plan"] == ['update server "web-1" (cores 1 -> 2)', 'create server "app-1"',
                                                    'create server "app-2"']
    assert emulator.counters()["faults"] == {"drop_after": 1}
    # Each POST sent once: the lost one was looked up by name, not sent again.
    assert writes(emulator) == {SERVERS: 2, "PATCH /datacenters/{datacenterId}/servers/{serverId}": 1}
    servers = ids(emulator, "small")["servers"]
    assert sorted(servers) == ["app-1", "app-2", "web-1", "web-2"]
    assert not [name for name, server in servers.items() if isinstance(server, list)]
    assert sorted(result["tree"]["servers"]) == ["app-1", "app-2", "web-1", "web-2"]
    assert result["tree"]["servers"]["web-1"]["cores"] == 2
    converged(run_module, emulator, task)


def test_a_failure_in_the_middle_reports_the_accepted_writes_and_a_rerun_finishes(run_module, emulator):
    run_module(main, **SMALL)
    have = ids(emulator, "small")
    task = copy.deepcopy(SMALL)
    task["servers"][0]["cores"] = 2
    task["servers"].insert(1, {"name": "app-1", "cores": 1, "ram": 1024})
    task["servers"][2]["cores"] = 2
    task["servers"].append({"name": "app-2", "cores": 1, "ram": 1024})
    # The third of four writes (web-2's PATCH) answers 500; the fourth is never sent.
    emulator.faults({"kind": "500", "methods": ["PATCH"], "times": 1,
                     "path": "^/datacenters/[^/]+/servers/%s$" % have["servers"]["web-2"]["id"]})
    reset(emulator)
    failed = run_module(main, api_retries=0, **task)
    assert failed["failed"] and failed["changed"] is True
    assert "HTTP 500" in failed["msg"] and "The API had accepted 2 writes before this" in failed["msg"]
    base = "%s/datacenters/%s/servers" % (emulator.url, have["id"])
    accepted = failed["failure"]["accepted"]
    assert [(write["method"], write["url"]) for write in accepted] == [
        ("PATCH", "%s/%s" % (base, have["servers"]["web-1"]["id"])), ("POST", base)]
    assert all(write["request_id"] for write in accepted)
    assert writes(emulator) == {SERVERS: 1, "PATCH /datacenters/{datacenterId}/servers/{serverId}": 2}
    assert "app-2" not in ids(emulator, "small")["servers"]
    reset(emulator)
    finished = run_module(main, api_retries=0, **task)
    assert not finished.get("failed"), finished["msg"]
    assert finished["changed"] and finished["plan"] == ['update server "web-2" (cores 1 -> 2)',
                                                        'create server "app-2"']
    assert writes(emulator) == {SERVERS: 1, "PATCH /datacenters/{datacenterId}/servers/{serverId}": 1}
    assert sorted(ids(emulator, "small")["servers"]) == ["app-1", "app-2", "web-1", "web-2"]
    converged(run_module, emulator, task)


def test_the_image_password_is_in_no_result(run_module, emulator, monkeypatch):
    # Ansible scrubs no_log values from what a module returns; with that off, a search for
    # the password finds what the module itself let out, and nothing hides it.
    monkeypatch.setattr(basic, "remove_values", lambda value, no_log_strings: value)
    results = []

    # ansible-core 2.21 adds the task's arguments to a result only when asked (inject_invocation).
    invocation = {"_ansible_inject_invocation": True} if CORE >= (2, 21) else {}

    def run(**args):
        result = run_module(main, _diff=True, **invocation, **args)
        results.append(result)
        # The scrubbing is off indeed: the task's arguments (never shown by Ansible) hold it.
        assert IMAGE_PASSWORD in json.dumps(result["invocation"])
        return result

    def system(name):
        return {"name": name, "size": 10, "type": "HDD", "image_alias": "ubuntu:latest",
                "image_password": IMAGE_PASSWORD}

    task = copy.deepcopy(SMALL)
    task["servers"][0]["volumes"] = [system("web-1-system")]
    task["volumes"].append(system("loose"))
    assert run(_check_mode=True, **task)["changed"]
    assert run(**task)["changed"]
    assert not run(**task)["changed"]
    # A new server with a new volume in an existing datacenter, planned and made (its 202
    # answer repeats what was sent).
    task["servers"].append({"name": "app", "cores": 1, "ram": 1024, "volumes": [system("app-system")]})
    assert run(_check_mode=True, **task)["changed"]
    assert run(**task)["changed"]
    # Failures: a refused plan that names the volume, a 500 on a create with a password,
    # and the API's own 422 about a server created with one.
    refused = copy.deepcopy(task)
    refused["servers"][0]["volumes"][0]["type"] = "SSD"
    assert run(**refused)["failed"] and run(_check_mode=True, **refused)["failed"]
    broken = copy.deepcopy(task)
    broken["servers"].append({"name": "db", "cores": 1, "ram": 1024, "volumes": [system("db-system")]})
    emulator.faults({"kind": "500", "methods": ["POST"], "path": "^/datacenters/[^/]+/servers$", "times": 1})
    assert run(api_retries=0, **broken)["failed"]
    emulator.faults()
    broken["servers"][-1]["nics"] = [{"name": "public", "lan": "public", "ips": ["203.0.113.9"]}]
    failed = run(**broken)
    assert failed["failed"] and "HTTP 422" in failed["msg"]
    for result in results:
        shown = json.dumps(dict((key, value) for key, value in result.items() if key != "invocation"))
        assert IMAGE_PASSWORD not in shown, shown
