"""ionos_datacenter converging its whole declared tree against the emulator: one deep read
when nothing changes, exactly the writes a change needs, a server with its children in one
POST, check mode and diff by names, prune (and what it never deletes), and refusals before
any write: ambiguous names, what the API cannot change, a volume attached elsewhere, a bad
tree. More in test_datacenter_tree_more.py."""

import copy

import requests
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main
from conftest import PASSWORD as API_PASSWORD, USERNAME, datacenters_named as _named

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


def api(emulator, method, path, body=None):
    """One call of the test's own (not the module's), which must succeed."""
    answer = requests.request(method, emulator.url + path, json=body, auth=(USERNAME, API_PASSWORD), timeout=10)
    assert answer.status_code < 300, answer.text
    return answer.json() if answer.content else None


def ids(emulator, name):
    """The datacenter ``name`` as the API has it, read by the test: {"id", "lans", "servers",
    "volumes", "loadbalancers"}, each {name: id}; a server is {"id", "nics", "volumes"}, a NIC
    {"id", "rules"}. A name several resources share maps to a list of them."""
    found = _named(emulator, name)
    assert len(found) == 1, found
    dc = api(emulator, "GET", "/datacenters/%s?depth=6" % found[0]["id"])

    def listed(resource, key):
        return ((resource.get("entities") or {}).get(key) or {}).get("items") or []

    def by_name(resources, shown=lambda resource: resource["id"]):
        out = {}
        for resource in resources:
            key = resource["properties"].get("name")
            if key in out:
                out[key] = (out[key] if isinstance(out[key], list) else [out[key]]) + [shown(resource)]
            else:
                out[key] = shown(resource)
        return out

    return {
        "id": dc["id"],
        "lans": by_name(listed(dc, "lans")),
        "volumes": by_name(listed(dc, "volumes")),
        "loadbalancers": by_name(listed(dc, "loadbalancers")),
        "servers": by_name(listed(dc, "servers"), lambda server: {
            "id": server["id"],
            "volumes": sorted(volume["id"] for volume in listed(server, "volumes")),
            "nics": by_name(listed(server, "nics"), lambda nic: {
                "id": nic["id"], "rules": by_name(listed(nic, "firewallrules"))})}),
    }


def test_create_then_rerun_is_one_deep_read_and_no_write(run_module, emulator):
    created = run_module(main, **RICH)
    assert created["changed"], created
    assert emulator.calls("POST /datacenters") == 1
    # The composite create, then the load balancer with its two balanced NICs in one POST
    # (the NICs' ids exist once the create is done).
    assert writes(emulator) == {"POST /datacenters": 1, "POST /datacenters/{datacenterId}/loadbalancers": 1}
    assert created["plan"] == ['create datacenter "rich" with 2 LANs, 3 servers, 1 volume',
                               'create load balancer "front"']
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
    assert planned["plan"] == ['create datacenter "rich" with 2 LANs, 3 servers, 1 volume',
                               'create load balancer "front"']
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
    front = ids(emulator, "rich")["loadbalancers"]["front"]
    assert planned["plan"] == ['delete load balancer "front" (id %s)' % front,
                               'create firewall rule "ssh" on NIC "public" of server "web-1"']
    assert planned["pruned"] == ['load balancer "front" (id %s)' % front]
    assert sorted(planned["diff"]["after"]["servers"]["web-1"]["nics"]["public"]["firewall_rules"]) == ["http", "ssh"]
    assert "front" not in planned["diff"]["after"]["loadbalancers"]


def test_prune_deletes_what_is_not_listed_lans_last_and_is_off_by_default(run_module, emulator):
    run_module(main, **RICH)
    have = ids(emulator, "rich")
    base = "/datacenters/%s" % have["id"]
    web1 = have["servers"]["web-1"]
    # What the task does not list: a LAN with a server and a NIC of a listed server on it (the
    # server with its own volume), a firewall rule of a listed NIC, a load balancer.
    legacy = api(emulator, "POST", base + "/lans", {"properties": {"name": "legacy"}})["id"]
    stray = api(emulator, "POST", base + "/servers", {
        "properties": {"name": "stray", "cores": 1, "ram": 512},
        "entities": {"nics": {"items": [{"properties": {"name": "eth0", "lan": int(legacy)}}]},
                     "volumes": {"items": [{"properties": {"name": "stray-disk", "size": 5, "licenceType": "LINUX"}}]}}})
    extra = api(emulator, "POST", base + "/servers/%s/nics" % web1["id"], {"properties": {"name": "extra", "lan": int(legacy)}})
    ssh = api(emulator, "POST", base + "/servers/%s/nics/%s/firewallrules" % (web1["id"], web1["nics"]["public"]["id"]),
              {"properties": {"name": "ssh", "protocol": "TCP", "portRangeStart": 22, "portRangeEnd": 22}})
    old = api(emulator, "POST", base + "/loadbalancers", {"properties": {"name": "old", "dhcp": True}})
    before = ids(emulator, "rich")
    stray_disk = before["volumes"]["stray-disk"]

    # Off by default: what the task does not list stays.
    reset(emulator)
    kept = run_module(main, **RICH)
    assert not kept["changed"] and kept["pruned"] == [] and writes(emulator) == {}
    assert ids(emulator, "rich") == before

    labels = ['firewall rule "ssh" of server "web-1" NIC "public" (id %s)' % ssh["id"],
              'NIC "extra" of server "web-1" (id %s)' % extra["id"],
              'load balancer "old" (id %s)' % old["id"],
              'server "stray" (id %s)' % stray["id"],
              'LAN "legacy" (id %s)' % legacy]
    planned = run_module(main, _check_mode=True, prune=True, **RICH)
    assert planned["changed"] and planned["pruned"] == labels and writes(emulator) == {}
    assert planned["plan"] == ["delete " + label for label in labels]

    # A deletion takes a while: a LAN deleted in the round that deletes the NICs on it would
    # still have them, and the API would refuse it.
    emulator.config(provisioning_delay=2)
    reset(emulator)
    pruned = run_module(main, prune=True, **RICH)
    assert not pruned.get("failed"), pruned["msg"]
    assert pruned["changed"] and pruned["pruned"] == labels
    assert pruned["plan"] == ["delete " + label for label in labels]
    assert writes(emulator) == {
        "DELETE /datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}": 1,
        "DELETE /datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}": 1,
        "DELETE /datacenters/{datacenterId}/loadbalancers/{loadbalancerId}": 1,
        "DELETE /datacenters/{datacenterId}/servers/{serverId}": 1,
        "DELETE /datacenters/{datacenterId}/lans/{lanId}": 1}
    # Two rounds: the first deep read, one after the round of the NICs and servers, one after the LAN's.
    assert emulator.calls("GET /datacenters/{datacenterId}") == 3
    after = ids(emulator, "rich")
    assert sorted(after["servers"]) == ["web-1", "web-2", "web-3"] and sorted(after["lans"]) == ["private", "public"]
    assert sorted(after["servers"]["web-1"]["nics"]) == ["private", "public"]
    assert list(after["servers"]["web-1"]["nics"]["public"]["rules"]) == ["http"]
    assert list(after["loadbalancers"]) == ["front"]
    # The pruned server's volume is kept (detached), as the API keeps it.
    assert after["volumes"]["stray-disk"] == stray_disk
    assert "stray-disk" in pruned["tree"]["volumes"] and "stray" not in pruned["tree"]["servers"]

    emulator.config(provisioning_delay=0)
    reset(emulator)
    again = run_module(main, prune=True, **RICH)
    assert not again["changed"] and again["pruned"] == [] and writes(emulator) == {}


def test_prune_and_names_never_act_on_an_ambiguous_name(run_module, emulator):
    run_module(main, **RICH)
    base = "/datacenters/%s" % ids(emulator, "rich")["id"]
    for unused in range(2):
        api(emulator, "POST", base + "/servers", {"properties": {"name": "twin", "cores": 1, "ram": 512}})
    # An unambiguous stray too: nothing at all is deleted when one name is ambiguous.
    api(emulator, "POST", base + "/servers", {"properties": {"name": "stray", "cores": 1, "ram": 512}})
    twin_ids = sorted(twin["id"] for twin in ids(emulator, "rich")["servers"]["twin"])
    for check_mode in (False, True):
        reset(emulator)
        failed = run_module(main, _check_mode=check_mode, prune=True, **RICH)
        assert failed["failed"] and not failed.get("changed")
        assert ('server "twin" is not listed, but its name is ambiguous (ids %s)' % ", ".join(twin_ids)) \
            in failed["msg"], failed["msg"]
        assert failed["msg"].endswith("Nothing was changed.")
        assert writes(emulator) == {}
    listed = copy.deepcopy(RICH)
    listed["servers"].append({"name": "twin", "cores": 2, "ram": 1024})
    reset(emulator)
    failed = run_module(main, **listed)
    assert failed["failed"] and failed["msg"].startswith(
        'servers[3]: 2 servers in the datacenter are named "twin" (ids %s); the task does not guess which one'
        % ", ".join(twin_ids)), failed["msg"]
    assert writes(emulator) == {}
    assert sorted(ids(emulator, "rich")["servers"]) == ["stray", "twin", "web-1", "web-2", "web-3"]


def test_create_only_and_shrinking_volumes_are_refused_before_any_write(run_module, emulator):
    run_module(main, **RICH)
    system = ids(emulator, "rich")["volumes"]["web-1-system"]
    for change, start, end in (
            ({"type": "SSD"},
             "servers[0].volumes[0]: Cannot change type of the existing volume 'web-1-system' (%s): type is 'HDD',"
             " the task asks for 'SSD'." % system, "re-create the volume instead. Nothing was changed."),
            ({"size": 5},
             "servers[0].volumes[0]: size can only grow: volume 'web-1-system' (%s) is 10 GB, the task asks for 5 GB"
             % system, "asks for 5 GB. Nothing was changed.")):
        changed = copy.deepcopy(RICH)
        changed["servers"][0]["volumes"][0].update(change)
        # A change that alone would be one PATCH: it is not sent either.
        changed["servers"][1]["cores"] = 2
        reset(emulator)
        failed = run_module(main, **changed)
        assert failed["failed"] and not failed.get("changed")
        assert failed["msg"].startswith(start) and failed["msg"].endswith(end), failed["msg"]
        assert writes(emulator) == {}
    shrunk = copy.deepcopy(RICH)
    shrunk["volumes"][0]["size"] = 1
    failed = run_module(main, **shrunk)
    assert failed["failed"] and failed["msg"].startswith("volumes[0]: size can only grow"), failed["msg"]
    # An existing, unattached volume listed under a new server: refused before the server is
    # created with it.
    spare = ids(emulator, "rich")["volumes"]["spare"]
    new_server = copy.deepcopy(RICH)
    new_server["servers"].append({"name": "app", "cores": 1, "ram": 1024,
                                  "volumes": [dict(new_server.pop("volumes")[0], type="SSD")]})
    reset(emulator)
    failed = run_module(main, **new_server)
    assert failed["failed"] and not failed.get("changed") and failed["msg"].startswith(
        "servers[3].volumes[0]: Cannot change type of the existing volume 'spare' (%s)" % spare), failed["msg"]
    assert writes(emulator) == {} and "app" not in ids(emulator, "rich")["servers"]


def test_a_volume_attached_to_another_server_is_refused(run_module, emulator):
    run_module(main, **RICH)
    have = ids(emulator, "rich")
    system, web1 = have["volumes"]["web-1-system"], have["servers"]["web-1"]["id"]
    refusal = ('volume "web-1-system" (id %s) is attached to server "web-1" (id %s); a volume is attached to one'
               " server: detach it there first. Nothing was changed." % (system, web1))
    # Listed under another existing server, or under a new one (not created with it).
    under_web2 = copy.deepcopy(RICH)
    under_web2["servers"][1]["volumes"].append(under_web2["servers"][0].pop("volumes")[0])
    under_app = copy.deepcopy(RICH)
    under_app["servers"].append({"name": "app", "cores": 1, "ram": 1024,
                                 "volumes": [under_app["servers"][0].pop("volumes")[0]]})
    for task, where in ((under_web2, "servers[1].volumes[1]"), (under_app, "servers[3].volumes[0]")):
        reset(emulator)
        failed = run_module(main, **task)
        assert failed["failed"] and not failed.get("changed")
        assert failed["msg"] == "%s: %s" % (where, refusal)
        assert writes(emulator) == {}
    after = ids(emulator, "rich")
    assert after["servers"]["web-1"]["volumes"] == [system] and "app" not in after["servers"]


def test_a_bad_tree_fails_before_any_api_call(run_module, rejected):
    run_module(main, **RICH)

    def task(change):
        changed = copy.deepcopy(RICH)
        change(changed)
        return changed

    def balance_an_unlisted_nic(tree):
        tree["loadbalancers"][0]["balanced_nics"].append({"server": "web-3", "nic": "eth9"})

    def fail_over_to_an_unlisted_server(tree):
        tree["lans"][0]["ip_failover"] = [{"ip": "85.215.0.1", "server": "web-9", "nic": "public"}]

    for change, fragment in (
            (lambda tree: tree["servers"][1].pop("name"),
             "servers[1].name is required: ionos_datacenter finds the resources it declares by name"),
            (lambda tree: tree["servers"][2].update(name="web-1"),
             "servers: the server name 'web-1' is listed more than once"),
            (lambda tree: tree["servers"][0]["volumes"].append(dict(tree["volumes"][0])),
             "volumes: the volume name 'spare' is listed more than once"),
            (lambda tree: tree["servers"][0]["nics"][0]["firewall_rules"].append({"protocol": "ICMP"}),
             "servers[0].nics[0].firewall_rules[1].name is required"),
            (balance_an_unlisted_nic, "loadbalancers[0].balanced_nics[2]: server 'web-3' has no NIC 'eth9' in servers"),
            (fail_over_to_an_unlisted_server, "lans[0].ip_failover[0]: server 'web-9' has no NIC 'public' in servers"),
            (lambda tree: tree["servers"][0]["nics"][1].update(lan="backend"),
             "servers[0].nics[1].lan: no LAN in lans is named 'backend' (their names: 'private', 'public')")):
        rejected(main, task(change), fragment)
