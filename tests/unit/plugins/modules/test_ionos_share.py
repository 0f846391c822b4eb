"""ionos_share and the user-management info modules against the emulator: what the API
would refuse about a share is said before any write; an update PUTs both privileges."""

from ansible_collections.ionos.enterprise.plugins.modules.ionos_contract_info import main as contract_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_resource_info import main as resource_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_share import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_share_info import main as share_info
from conftest import PASSWORD, USERNAME


def api(emulator, method, path, body=None):
    answer = emulator.http.request(method, emulator.url + path, json=body, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code < 300, answer.text
    return answer.json() if answer.content else None


def new_group(emulator, name="operators"):
    return api(emulator, "POST", "/um/groups", {"properties": {"name": name}})["id"]


def test_share_lifecycle_with_check_mode_diff_and_put_of_both(run_module, emulator):
    group_id = new_group(emulator)
    dc_id = run_module(datacenter, name="shared", location="de/fra")["datacenter"]["id"]
    writes = emulator.counters()["writes"]
    planned = run_module(main, _check_mode=True, _diff=True, group="operators", resource="shared",
                         resource_type="datacenter", edit_privilege=True)
    assert planned["changed"] and planned["share"]["id"] == dc_id
    assert planned["diff"] == {"before": {}, "after": {"edit_privilege": True, "share_privilege": False}}
    assert emulator.counters()["writes"] == writes

    created = run_module(main, group="operators", resource="shared", resource_type="datacenter", edit_privilege=True)
    assert created["changed"] and created["share"]["properties"] == {"editPrivilege": True, "sharePrivilege": False}
    assert emulator.calls("POST /um/groups/{groupId}/shares/{resourceId}") == 1

    emulator.control("DELETE", "/counters")
    again = run_module(main, group=group_id, resource=dc_id, edit_privilege=True)
    assert not again["changed"] and again["resource_type"] == "datacenter"
    counters = emulator.counters()
    assert counters["writes"] == 0 and counters["reads"] == 3

    # Only share_privilege is set: the PUT keeps editPrivilege true.
    updated = run_module(main, _diff=True, group="operators", resource=dc_id, share_privilege=True)
    assert updated["changed"] and updated["diff"]["before"]["share_privilege"] is False
    share = api(emulator, "GET", "/um/groups/%s/shares/%s" % (group_id, dc_id))
    assert share["properties"] == {"editPrivilege": True, "sharePrivilege": True}

    gone = run_module(main, group="operators", resource="shared", resource_type="datacenter", state="absent")
    assert gone["changed"] and api(emulator, "GET", "/um/groups/%s/shares" % group_id)["items"] == []
    assert not run_module(main, group="operators", resource="shared", resource_type="datacenter",
                          state="absent")["changed"]


def test_bad_resources_fail_before_any_write(run_module, emulator):
    new_group(emulator)
    ids = [run_module(datacenter, name="twin", location="de/fra")["datacenter"]["id"]]
    ids.append(api(emulator, "POST", "/datacenters", {"properties": {"name": "twin", "location": "de/fra"}})["id"])
    public = next(image for image in api(emulator, "GET", "/images?depth=1")["items"] if image["properties"]["public"])
    emulator.control("DELETE", "/counters")

    twins = run_module(main, group="operators", resource="twin", resource_type="datacenter")
    assert twins["failed"] and sorted(twins["failure"]["candidates"]) == sorted(ids)
    none = run_module(main, group="operators", resource="nowhere", resource_type="snapshot")
    assert none["failed"] and "no snapshot named 'nowhere'" in none["msg"]
    for typed in ({"resource_type": "image"}, {}):
        refused = run_module(main, group="operators", resource=public["id"], **typed)
        assert refused["failed"] and "public image" in refused["msg"] and public["id"] in refused["msg"]
    by_name = run_module(main, group="operators", resource=public["properties"]["name"], resource_type="image")
    assert by_name["failed"] and ("public image" in by_name["msg"] or "candidates" in by_name.get("failure", {}))
    untyped = run_module(main, group="operators", resource="twin")
    assert untyped["failed"] and "resource_type is required" in untyped["msg"]
    wrong_type = run_module(main, group="operators", resource="twin", resource_type="volume")
    assert wrong_type["failed"] and "resource_type" in wrong_type["msg"]
    no_group = run_module(main, group="nobody", resource=ids[0])
    assert no_group["failed"] and "group: no group" in no_group["msg"]
    assert emulator.counters()["writes"] == 0


def test_share_info_lists_the_groups_shares(run_module, emulator):
    group_id = new_group(emulator)
    dc_id = run_module(datacenter, name="shared", location="de/fra")["datacenter"]["id"]
    assert run_module(share_info, group="operators")["shares"] == []
    run_module(main, group=group_id, resource=dc_id, share_privilege=True)
    listed = run_module(share_info, group="operators")["shares"]
    assert [share["id"] for share in listed] == [dc_id]
    assert listed[0]["properties"] == {"editPrivilege": False, "sharePrivilege": True}
    assert run_module(share_info, group="operators", resource=dc_id)["shares"][0]["id"] == dc_id
    assert run_module(share_info, group="operators", resource="00000000-0000-0000-0000-000000000000")["shares"] == []


def test_resource_info_by_type_and_id(run_module, emulator):
    dc_id = run_module(datacenter, name="listed", location="de/fra")["datacenter"]["id"]
    everything = run_module(resource_info)["resources"]
    assert dc_id in [item["id"] for item in everything]
    assert not any(item["href"].rstrip("/").split("/")[-2] == "image" for item in everything)
    assert [item["id"] for item in run_module(resource_info, type="datacenter")["resources"]] == [dc_id]
    assert run_module(resource_info, type="snapshot")["resources"] == []
    one = run_module(resource_info, type="datacenter", id=dc_id)["resources"]
    assert one[0]["properties"]["name"] == "listed"
    assert run_module(resource_info, type="ipblock", id=dc_id)["resources"] == []
    assert run_module(resource_info, id=dc_id)["failed"]


def test_contract_info_shows_limits_and_usage(run_module, emulator):
    before = run_module(contract_info)["contracts"]
    assert len(before) == 1
    limits = before[0]["properties"]["resourceLimits"]
    assert all(isinstance(limits[key], int) for key in ("coresPerContract", "ramPerContract", "reservableIps"))
    api(emulator, "POST", "/ipblocks", {"properties": {"location": "de/fra", "size": 2}})
    after = run_module(contract_info)["contracts"][0]["properties"]["resourceLimits"]
    assert after["reservedIpsOnContract"] == limits["reservedIpsOnContract"] + 2
