"""ionos_server fleets that shrink (issue 19, item 4): exact_count deletes the members beyond
it, highest number first, shown in check mode and the diff first; a plain count stays a
minimum but warns about the members beyond it, with state=absent too.
"""

import pytest
import requests
from ansible_collections.ionos.enterprise.plugins.module_utils._fleet import FleetPattern
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter_main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main
from conftest import PASSWORD, USERNAME, warnings_of

DELETE_SERVER = "DELETE /datacenters/{datacenterId}/servers/{serverId}"
LIST_SERVERS = "GET /datacenters/{datacenterId}/servers"
FIVE = ["w%02d" % number for number in range(1, 6)]


def _get(emulator, path):
    answer = requests.get(emulator.url + path, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _names(emulator, datacenter_id):
    items = _get(emulator, "/datacenters/%s/servers?depth=1" % datacenter_id)["items"]
    return sorted(item["properties"]["name"] for item in items)


def _post_server(emulator, datacenter_id, name):
    answer = requests.post(emulator.url + "/datacenters/%s/servers" % datacenter_id, auth=(USERNAME, PASSWORD),
                           json={"properties": {"name": name, "cores": 1, "ram": 512}}, timeout=10)
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


def _deleted_in_order(emulator, ids_by_name):
    """The names of the servers DELETEd, in the order the requests were sent."""
    names = dict((server_id, name) for name, server_id in ids_by_name.items())
    listed = _get(emulator, "/requests?depth=2&filter.method=DELETE")["items"]
    urls = [request["properties"]["url"] for request in reversed(listed)]  # the list is newest first
    return [names[url.rstrip("/").rsplit("/", 1)[1]] for url in urls if "/servers/" in url]


@pytest.fixture
def five(run_module, emulator):
    """A datacenter with the fleet w01..w05; (its id, {name: id})."""
    datacenter_id = run_module(datacenter_main, name="dc", location="de/fra")["datacenter"]["id"]
    fleet = run_module(main, datacenter="dc", name="w%02d", count=5, cores=1, ram=512,
                       volumes=[{"name": "system", "size": 5, "licence_type": "OTHER"}])
    assert [server["properties"]["name"] for server in fleet["servers"]] == FIVE
    emulator.control("DELETE", "/counters")
    return datacenter_id, dict((server["properties"]["name"], server["id"]) for server in fleet["servers"])


def test_exact_count_deletes_the_highest_numbers_first(run_module, emulator, five):
    datacenter_id, ids = five
    result = run_module(main, datacenter="dc", name="w%02d", exact_count=3)
    assert result["changed"], result
    assert result["removed"] == ["w05", "w04"]
    assert [server["id"] for server in result["removed_servers"]] == [ids["w05"], ids["w04"]]
    assert [server["properties"]["name"] for server in result["servers"]] == FIVE[:3]
    # The fleet's one list has every server: no read per member, no read of the request list.
    assert emulator.calls(DELETE_SERVER) == 2 and emulator.counters()["writes"] == 2
    assert emulator.calls(LIST_SERVERS) == 1 and emulator.calls("GET /requests") == 0
    assert _names(emulator, datacenter_id) == FIVE[:3]
    assert _deleted_in_order(emulator, ids) == ["w05", "w04"]
    assert "warnings" not in result

    emulator.control("DELETE", "/counters")
    again = run_module(main, datacenter="dc", name="w%02d", exact_count=3)
    assert not again["changed"] and again["removed"] == [] and again["removed_servers"] == []
    assert (emulator.counters()["reads"], emulator.counters()["writes"]) == (2, 0)


def test_exact_count_check_mode_and_diff_show_the_removal_and_send_nothing(run_module, emulator, five):
    datacenter_id, ids = five
    planned = run_module(main, datacenter="dc", name="w%02d", exact_count=3, _check_mode=True, _diff=True)
    assert planned["changed"] and planned["removed"] == ["w05", "w04"]
    assert [server["id"] for server in planned["removed_servers"]] == [ids["w05"], ids["w04"]]
    assert sorted(planned["diff"]["before"]) == FIVE
    assert sorted(planned["diff"]["after"]) == FIVE[:3]
    assert emulator.counters()["writes"] == 0
    assert _names(emulator, datacenter_id) == FIVE

    real = run_module(main, datacenter="dc", name="w%02d", exact_count=3, _diff=True)
    assert real["removed"] == planned["removed"] and real["diff"] == planned["diff"]


def test_exact_count_grows_and_converges_like_count(run_module, emulator, five):
    datacenter_id, ids = five
    result = run_module(main, datacenter="dc", name="w%02d", exact_count=6, cores=2, ram=512)
    assert result["changed"] and result["removed"] == []
    assert [server["properties"]["name"] for server in result["servers"]] == FIVE + ["w06"]
    assert [server["properties"]["cores"] for server in result["servers"]] == [2] * 6
    assert emulator.calls("POST /datacenters/{datacenterId}/servers") == 1 and emulator.calls(DELETE_SERVER) == 0


def test_exact_count_0_removes_the_fleet_with_its_volumes(run_module, emulator, five):
    datacenter_id, ids = five
    result = run_module(main, datacenter="dc", name="w%02d", exact_count=0, delete_volumes=True)
    assert result["changed"] and result["servers"] == []
    assert result["removed"] == ["w05", "w04", "w03", "w02", "w01"]
    assert _names(emulator, datacenter_id) == []
    assert _get(emulator, "/datacenters/%s/volumes" % datacenter_id)["items"] == []
    # The volumes are named by the fleet's one list: no read of each server's volumes.
    assert emulator.calls("GET /datacenters/{datacenterId}/servers/{serverId}/volumes") == 0
    assert emulator.calls("DELETE /datacenters/{datacenterId}/volumes/{volumeId}") == 5
    assert not run_module(main, datacenter="dc", name="w%02d", exact_count=0)["changed"]


def test_only_names_the_pattern_makes_are_members(run_module, emulator, five):
    datacenter_id, ids = five
    others = ["w4", "w004", "w04x", "w00", "xw04", "web"]
    for name in others:
        _post_server(emulator, datacenter_id, name)
    result = run_module(main, datacenter="dc", name="w%02d", exact_count=2)
    assert result["removed"] == ["w05", "w04", "w03"]
    assert _names(emulator, datacenter_id) == sorted(FIVE[:2] + others)


def test_count_is_a_minimum_and_warns_about_the_members_beyond_it(run_module, emulator, five):
    datacenter_id, ids = five
    result = run_module(main, datacenter="dc", name="w%02d", count=3, cores=1, ram=512)
    assert not result["changed"] and "removed" not in result
    assert [server["properties"]["name"] for server in result["servers"]] == FIVE[:3]
    assert warnings_of(result) == ["w04, w05 exist beyond count 3 and are kept; exact_count 3 removes them."]
    assert emulator.counters()["writes"] == 0 and _names(emulator, datacenter_id) == FIVE
    assert "warnings" not in run_module(main, datacenter="dc", name="w%02d", count=5)


def test_absent_with_count_deletes_1_to_count_and_warns_about_the_rest(run_module, emulator, five):
    datacenter_id, ids = five
    warning = ("w04, w05 exist beyond count 3 and are kept: state=absent with count deletes the members 1 to 3"
               " only; exact_count 0 (with state=present) removes the whole fleet.")
    planned = run_module(main, datacenter="dc", name="w%02d", count=3, state="absent", _check_mode=True)
    assert planned["changed"] and warnings_of(planned) == [warning]
    result = run_module(main, datacenter="dc", name="w%02d", count=3, state="absent")
    assert result["changed"] and warnings_of(result) == [warning]
    assert [server["properties"]["name"] for server in result["servers"]] == FIVE[:3]
    assert _names(emulator, datacenter_id) == FIVE[3:]


def test_a_member_beyond_being_deleted_already_is_gone_not_deleted_twice(run_module, emulator, five):
    datacenter_id, ids = five
    emulator.config(provisioning_delay=2.0)
    assert run_module(main, datacenter="dc", name="w05", state="absent", wait=False)["changed"]
    emulator.control("DELETE", "/counters")
    result = run_module(main, datacenter="dc", name="w%02d", exact_count=3, wait=False)
    assert result["changed"] and result["removed"] == ["w04"]
    assert emulator.calls(DELETE_SERVER) == 1
    # With wait, the task returns once the deletions under way are done, sending nothing more.
    emulator.control("DELETE", "/counters")
    waited = run_module(main, datacenter="dc", name="w%02d", exact_count=3)
    assert not waited["changed"] and waited["removed"] == [] and emulator.counters()["writes"] == 0
    assert _names(emulator, datacenter_id) == FIVE[:3]


@pytest.mark.parametrize("args, fragments", [
    (dict(name="w%02d", exact_count=-1), ("exact_count must be at least 0, got -1",)),
    (dict(name="web", exact_count=2), ("with exact_count, name must be a pattern with one %d",)),
    (dict(name="w%d-%d", exact_count=2), ("with exact_count, name must be a pattern with one %d",)),
    (dict(name="50%off-%d", exact_count=2), ("with exact_count, name must be a pattern", "written %%",
                                             "'50%off-%d'")),
    (dict(name="w%d%s", count=2), ("with count, name must be a pattern", "written %%")),
    (dict(name="w%d", count=2, exact_count=2), ("mutually exclusive: count|exact_count",)),
    (dict(name="w%d", exact_count=2, state="absent"), ("exact_count cannot be used with state=absent",)),
    (dict(name="w%d", exact_count=2, attach_volumes=["data"]), ("attach_volumes cannot be used with exact_count",)),
])
def test_bad_fleet_input_fails_naming_the_option_before_any_call(rejected, args, fragments):
    rejected(main, dict(datacenter="dc", **args), *fragments)


@pytest.mark.parametrize("pattern, name, number", [
    ("web-%02d", "web-04", 4), ("web-%02d", "web-4", None), ("web-%02d", "web-004", None),
    ("web-%02d", "web-04x", None), ("web-%02d", "web-123", 123), ("web-%02d", "web-00", None),
    ("web-%d", "web-04", None), ("web-%d", "web-12", 12), ("%d.web", "7.web", 7), ("a.%d", "abc", None),
    ("web-%3d", "web-  4", 4), ("web-%3d", "web-4", None), ("100%%-%d", "100%-2", 2),
])
def test_a_member_is_a_name_the_pattern_makes(pattern, name, number):
    assert FleetPattern(pattern).number(name) == number


def test_exact_count_that_cannot_create_its_members_deletes_nothing(run_module, emulator, five):
    datacenter_id, ids = five
    run_module(main, datacenter="dc", name="w02", state="absent")
    emulator.control("DELETE", "/counters")
    failed = run_module(main, datacenter="dc", name="w%02d", exact_count=3)
    assert failed["failed"] and failed["msg"] == "cores and ram are required to create the servers w02, which do not" \
        " exist yet."
    assert emulator.counters()["writes"] == 0 and _names(emulator, datacenter_id) == ["w01", "w03", "w04", "w05"]
