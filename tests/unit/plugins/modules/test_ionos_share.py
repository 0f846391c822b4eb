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
    images = api(emulator, "GET", "/images?depth=1")["items"]
    public = next(image for image in images if image["properties"]["public"])
    named = [image["id"] for image in images if image["properties"]["name"] == public["properties"]["name"]]
    emulator.control("DELETE", "/counters")

    twins = run_module(main, group="operators", resource="twin", resource_type="datacenter")
    assert twins["failed"] and sorted(twins["failure"]["candidates"]) == sorted(ids)
    none = run_module(main, group="operators", resource="nowhere", resource_type="snapshot")
    assert none["failed"] and none["msg"] == "resource: no snapshot with id or name 'nowhere' exists."
    for typed in ({"resource_type": "image"}, {}):
        refused = run_module(main, group="operators", resource=public["id"], **typed)
        assert refused["failed"] and "public image" in refused["msg"] and public["id"] in refused["msg"]
    by_name = run_module(main, group="operators", resource=public["properties"]["name"], resource_type="image")
    assert by_name["failed"] and by_name["msg"] == (
        "resource: %r names only public images (%s); the API cannot share public images, only the account's"
        " own resources." % (public["properties"]["name"], ", ".join(named)))
    untyped = run_module(main, group="operators", resource="twin")
    assert untyped["failed"] and "resource_type is required" in untyped["msg"]
    wrong_type = run_module(main, group="operators", resource="twin", resource_type="volume")
    assert wrong_type["failed"] and "resource_type" in wrong_type["msg"]
    no_group = run_module(main, group="nobody", resource=ids[0])
    assert no_group["failed"] and "group: no group" in no_group["msg"]
    assert emulator.counters()["writes"] == 0


def test_a_private_image_named_like_a_public_one_is_shared_by_name(run_module, emulator):
    new_group(emulator)
    public = next(image for image in api(emulator, "GET", "/images?depth=1")["items"] if image["properties"]["public"])
    private = emulator.control("POST", "/images", {"location": public["properties"]["location"],
                                                   "name": public["properties"]["name"]})
    shared = run_module(main, group="operators", resource=public["properties"]["name"], resource_type="image")
    assert shared["changed"] and shared["share"]["id"] == private["id"] and shared["resource_type"] == "image"


def test_a_backup_unit_is_shared_like_the_other_resources(run_module, emulator):
    """The spec: a backup unit "shall be shareable via groups"; /um/resources lists backup
    units, Kubernetes clusters and private cross connects, and the emulator shares them."""
    group_id = new_group(emulator)
    unit = api(emulator, "POST", "/backupunits",
               {"properties": {"name": "nightly", "email": "a@example.com", "password": "Backup-Pass-1"}})
    by_id = run_module(main, group="operators", resource=unit["id"], edit_privilege=True)
    assert by_id["changed"] and by_id["resource_type"] == "backupunit" and by_id["share"]["id"] == unit["id"]
    again = run_module(main, group=group_id, resource="nightly", resource_type="backupunit", edit_privilege=True)
    assert not again["changed"] and again["share"]["id"] == unit["id"]


def test_absent_with_the_wrong_type_fails_and_keeps_the_share(run_module, emulator):
    group_id = new_group(emulator)
    dc_id = run_module(datacenter, name="shared", location="de/fra")["datacenter"]["id"]
    run_module(main, group=group_id, resource=dc_id)
    emulator.control("DELETE", "/counters")
    wrong = run_module(main, group="operators", resource=dc_id, resource_type="snapshot", state="absent")
    assert wrong["failed"] and wrong["msg"] == (
        "resource_type: %s is a datacenter, not a snapshot; the share of it is left alone." % dc_id)
    assert emulator.counters()["writes"] == 0
    assert [share["id"] for share in api(emulator, "GET", "/um/groups/%s/shares" % group_id)["items"]] == [dc_id]

    emulator.control("DELETE", "/counters")
    gone = run_module(main, group=group_id, resource=dc_id, resource_type="datacenter", state="absent")
    assert gone["changed"] and gone["resource_type"] == "datacenter"
    assert emulator.calls("DELETE /um/groups/{groupId}/shares/{resourceId}") == 1
    emulator.control("DELETE", "/counters")
    again = run_module(main, group=group_id, resource=dc_id, resource_type="snapshot", state="absent")
    assert not again["changed"] and again["share"] is None and again["resource_type"] == "snapshot"
    counters = emulator.counters()
    assert (counters["reads"], counters["writes"]) == (2, 0)  # the group and the share
    untyped = run_module(main, group=group_id, resource=dc_id, state="absent")
    assert not untyped["changed"] and untyped["resource_type"] is None


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
    emulator.control("DELETE", "/counters")
    by_name = run_module(share_info, group="operators", resource="shared")
    assert by_name["failed"] and by_name["msg"].startswith("resource: 'shared' is not an id;")
    assert emulator.counters()["reads"] == 0


def test_resource_info_by_type_and_id(run_module, emulator):
    dc_id = run_module(datacenter, name="listed", location="de/fra")["datacenter"]["id"]
    everything = run_module(resource_info)["resources"]
    assert dc_id in [item["id"] for item in everything]
    public = {i["id"] for i in api(emulator, "GET", "/images?depth=1")["items"] if i["properties"]["public"]}
    assert {item["id"] for item in everything if item["type"] == "image"} == public  # as the real API lists them
    assert {item["type"] for item in everything} == {"datacenter", "image"}
    assert [item["id"] for item in run_module(resource_info, type="datacenter")["resources"]] == [dc_id]
    assert run_module(resource_info, type="snapshot")["resources"] == []
    one = run_module(resource_info, type="datacenter", id=dc_id)["resources"]
    assert one[0]["properties"]["name"] == "listed"
    assert run_module(resource_info, type="ipblock", id=dc_id)["resources"] == []
    assert run_module(resource_info, id=dc_id)["failed"]
    unit = api(emulator, "POST", "/backupunits",
               {"properties": {"name": "listed", "email": "a@example.com", "password": "Backup-Pass-1"}})
    assert [item["id"] for item in run_module(resource_info, type="backupunit")["resources"]] == [unit["id"]]
    assert run_module(resource_info, type="k8s")["resources"] == run_module(resource_info, type="pcc")["resources"] == []


def test_contract_info_shows_limits_and_usage(run_module, emulator):
    before = run_module(contract_info)["contracts"]
    assert len(before) == 1
    limits = before[0]["properties"]["resourceLimits"]
    assert all(isinstance(limits[key], int) for key in ("coresPerContract", "ramPerContract", "reservableIps"))
    api(emulator, "POST", "/ipblocks", {"properties": {"location": "de/fra", "size": 2}})
    after = run_module(contract_info)["contracts"][0]["properties"]["resourceLimits"]
    assert after["reservedIpsOnContract"] == limits["reservedIpsOnContract"] + 2


def test_share_info_says_the_type_and_name_of_each_shared_resource(run_module, emulator):
    group_id = new_group(emulator)
    dc_id = run_module(datacenter, name="shared-dc", location="de/fra")["datacenter"]["id"]
    block = api(emulator, "POST", "/ipblocks", {"properties": {"name": "shared-ips", "location": "de/fra", "size": 1}})
    run_module(main, group=group_id, resource=dc_id, edit_privilege=True)
    run_module(main, group=group_id, resource=block["id"])
    emulator.control("DELETE", "/counters")
    listed = run_module(share_info, group="operators")["shares"]
    described = sorted((share["id"], share["resource_type"], share["resource_name"]) for share in listed)
    assert described == sorted([(dc_id, "datacenter", "shared-dc"), (block["id"], "ipblock", "shared-ips")])
    # The group, its shares and its resources: one read each.
    calls = emulator.counters()["calls"]
    assert calls == {"GET /um/groups": 1, "GET /um/groups/{groupId}/shares": 1,
                     "GET /um/groups/{groupId}/resources": 1}, calls
    one = run_module(share_info, group=group_id, resource=block["id"])["shares"]
    assert [(share["resource_type"], share["resource_name"]) for share in one] == [("ipblock", "shared-ips")]
    # No share, nothing to describe: the group's resources are not read.
    emulator.control("DELETE", "/counters")
    assert run_module(share_info, group=group_id, resource="00000000-0000-0000-0000-000000000000")["shares"] == []
    assert emulator.calls("GET /um/groups/{groupId}/resources") == 0
