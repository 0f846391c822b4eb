"""ionos_datacenter end to end against the emulator: the flow, the failures, the
recovery after a create whose answer was lost, and secrets."""

import json

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main
import requests
from conftest import PASSWORD, USERNAME, datacenters_named as _named, warnings_of

IMAGE_PASSWORD = "Secr3tImagePass"


def test_create_converge_update_delete(run_module, emulator):
    created = run_module(main, name="web", location="de/fra", description="one")
    assert created["changed"] and created["datacenter"]["properties"]["description"] == "one"
    assert created["datacenter"]["metadata"]["state"] == "AVAILABLE"

    emulator.control("DELETE", "/counters")
    again = run_module(main, name="web", location="de/fra", description="one")
    assert not again["changed"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (1, 0)

    updated = run_module(main, name="web", description="two", _diff=True)
    assert updated["changed"]
    assert updated["diff"]["before"]["description"] == "one"
    assert updated["diff"]["after"]["description"] == "two"
    assert updated["datacenter"]["properties"]["description"] == "two"

    assert run_module(main, name="web", state="absent")["changed"]
    assert not run_module(main, name="web", state="absent")["changed"]
    assert _named(emulator, "web") == []


def test_check_mode_writes_nothing(run_module, emulator):
    planned = run_module(main, name="plan", location="de/fra", _check_mode=True, _diff=True)
    assert planned["changed"] and planned["datacenter"]["id"] is None
    assert planned["diff"] == {"before": {}, "after": {"name": "plan", "description": None, "location": "de/fra"}}
    assert emulator.counters()["writes"] == 0 and _named(emulator, "plan") == []


def test_create_only_location_is_an_error(run_module):
    run_module(main, name="fixed", location="de/fra")
    failed = run_module(main, name="fixed", location="us/las")
    assert failed["failed"] and "Cannot change location" in failed["msg"] and "'de/fra'" in failed["msg"]


def test_a_name_matching_two_fails_and_deletes_nothing(run_module, emulator):
    first = run_module(main, name="twin", location="de/fra")["datacenter"]["id"]
    requests.post(emulator.url + "/datacenters", auth=(USERNAME, PASSWORD), timeout=10,
                  json={"properties": {"name": "twin", "location": "de/fra"}})
    for state in ("present", "absent"):
        failed = run_module(main, name="twin", state=state)
        assert failed["failed"] and first in failed["msg"] and len(failed["failure"]["candidates"]) == 2
    assert len(_named(emulator, "twin")) == 2


def test_lost_create_answer_is_adopted_not_duplicated(run_module, emulator):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": "^/datacenters$", "times": 1})
    result = run_module(main, name="lost", location="de/fra")
    assert result["changed"] and result["datacenter"]["properties"]["name"] == "lost"
    assert len(_named(emulator, "lost")) == 1
    assert emulator.calls("POST /datacenters") == 1


def test_create_dropped_before_the_api_acted_is_sent_again_once(run_module, emulator):
    emulator.faults({"kind": "drop_before", "methods": ["POST"], "path": "^/datacenters$", "times": 1})
    result = run_module(main, name="again", location="de/fra")
    assert result["changed"] and len(_named(emulator, "again")) == 1


def test_create_answered_503_is_looked_up_then_sent_again(run_module, emulator):
    emulator.faults({"kind": "503", "methods": ["POST"], "path": "^/datacenters$", "times": 1})
    result = run_module(main, name="busy", location="de/fra")
    assert result["changed"] and len(_named(emulator, "busy")) == 1


def test_api_error_is_one_structured_failure(run_module):
    # The API refuses an @ in a datacenter's name; the module leaves that to the API.
    failed = run_module(main, name="no@where", location="de/fra")
    assert failed["failed"] and "HTTP 422" in failed["msg"]
    failure = failed["failure"]
    assert failure["status"] == 422 and failure["method"] == "POST" and failure["url"].endswith("/datacenters")
    assert failure["messages"] and set(failure["messages"][0]) == {"errorCode", "message"}
    assert "exception" not in failed


def test_failed_request_names_it(run_module, emulator):
    emulator.faults({"kind": "failed", "path": "^/datacenters$", "methods": ["POST"], "message": "no capacity"})
    failed = run_module(main, name="doomed", location="de/fra")
    assert failed["failed"] and "no capacity" in failed["msg"]
    assert failed["failure"]["request_id"] and failed["failure"]["request_id"] in failed["msg"]


def test_wait_timeout_names_the_request(run_module, emulator):
    emulator.config(provisioning_delay=5)
    failed = run_module(main, name="slow", location="de/fra", wait_timeout=1)
    assert failed["failed"] and "Timed out after 1 s" in failed["msg"] and failed["failure"]["request_id"]


def test_wrong_credentials_say_so_without_the_password(run_module):
    failed = run_module(main, name="x", password="Wrong-Passw0rd-123")
    assert failed["failed"] and "HTTP 401" in failed["msg"] and "password" in failed["msg"]
    assert "Wrong-Passw0rd-123" not in json.dumps(failed)


def test_no_credentials_fail_before_any_call(run_module, emulator):
    failed = run_module(main, name="x", username="", password="")
    assert failed["failed"] and "no credentials" in failed["msg"]
    assert emulator.counters()["total"] == 0


def test_bad_composite_fails_before_any_call(run_module, emulator):
    failed = run_module(main, name="bad", location="de/fra", servers=[{
        "cores": 1, "ram": 1024,
        "nics": [{"lan": 1, "firewall_rules": [{"protocol": "ICMP", "port_range_start": 22}]}],
        "volumes": [{"size": 10, "image_alias": "ubuntu:latest", "image_password": "short"}]}])
    assert failed["failed"]
    assert "servers[0].nics[0].firewall_rules[0]: port_range_start only apply" in failed["msg"]
    assert "servers[0].volumes[0].image_password must be 8 to 50" in failed["msg"]
    assert emulator.counters()["total"] == 0


def test_composite_create_never_shows_the_image_password(run_module, emulator):
    result = run_module(main, name="tree", location="us/las", _diff=True,
                        lans=[{"name": "public", "public": True}],
                        servers=[{"name": "s1", "cores": 1, "ram": 1024,
                                  "nics": [{"name": "n1", "lan": 1}],
                                  "volumes": [{"name": "root", "size": 10, "image_alias": "ubuntu:latest",
                                               "image_password": IMAGE_PASSWORD}]}])
    assert result["changed"] and IMAGE_PASSWORD not in json.dumps(result)
    tree = requests.get(emulator.url + "/datacenters/%s?depth=4" % result["datacenter"]["id"],
                        auth=(USERNAME, PASSWORD), timeout=10).json()
    server = tree["entities"]["servers"]["items"][0]
    assert server["properties"]["name"] == "s1"
    assert [nic["properties"]["lan"] for nic in server["entities"]["nics"]["items"]] == [1]


def test_an_id_cannot_climb_the_url_path(run_module, emulator):
    result = run_module(main, id="x/../../um/users", state="absent", _check_mode=True)
    assert not result["changed"]
    assert not [key for key in emulator.counters()["calls"] if "/um/" in key]


def test_a_failed_wait_names_the_write_not_the_poll(run_module, emulator):
    emulator.faults({"kind": "failed", "path": "^/datacenters$", "methods": ["POST"], "message": "broken"})
    failure = run_module(main, name="named", location="de/fra")["failure"]
    assert failure["method"] == "POST" and failure["url"].endswith("/datacenters")


def test_nested_options_on_an_existing_datacenter_are_converged_without_a_warning(run_module, emulator):
    created = run_module(main, name="exists", location="de/fra")["datacenter"]
    nested = dict(lans=[{"name": "front", "public": True}],
                  servers=[{"name": "web", "cores": 1, "ram": 1024, "nics": [{"name": "eth0", "lan": "front"}]}],
                  volumes=[{"name": "data", "size": 5, "licence_type": "OTHER"}])
    emulator.control("DELETE", "/counters")
    # Made now, in the datacenter that exists (the NIC once its LAN is there), not warned about.
    result = run_module(main, name="exists", location="de/fra", **nested)
    assert result["changed"] and warnings_of(result) == [], warnings_of(result)
    assert result["plan"] == ['create LAN "front"', 'create volume "data"', 'create server "web"']
    counts = emulator.counters()["calls"]
    assert (counts["POST /datacenters/{datacenterId}/lans"], counts["POST /datacenters/{datacenterId}/volumes"],
            counts["POST /datacenters/{datacenterId}/servers"]) == (1, 1, 1)
    assert emulator.calls("POST /datacenters") == 0
    assert result["tree"]["servers"]["web"]["nics"]["eth0"]["lan"] == "front"
    assert sorted(result["tree"]["volumes"]) == ["data"] and result["datacenter"]["id"] == created["id"]
    # Converged: quiet, and one read more than without nested options (the datacenter, deep).
    emulator.control("DELETE", "/counters")
    again = run_module(main, name="exists", location="de/fra", **nested)
    assert not again["changed"] and warnings_of(again) == [], warnings_of(again)
    assert emulator.counters()["reads"] == 2 and emulator.counters()["writes"] == 0
    emulator.control("DELETE", "/counters")
    by_id = run_module(main, id=created["id"], **nested)
    assert not by_id["changed"] and warnings_of(by_id) == [], warnings_of(by_id)
    assert emulator.counters()["reads"] == 1  # by id, the one read is deep enough
    # What is added to the task is made, not warned about.
    grown = dict(nested, lans=nested["lans"] + [{"name": "late"}],
                 servers=nested["servers"] + [dict(nested["servers"][0], name="web-2")])
    result = run_module(main, name="exists", location="de/fra", **grown)
    assert result["changed"] and warnings_of(result) == [], warnings_of(result)
    assert sorted(result["tree"]["servers"]) == ["web", "web-2"] and sorted(result["tree"]["lans"]) == ["front", "late"]


def test_an_unknown_location_is_refused_listing_the_locations_and_nothing_is_made(run_module, emulator):
    for check_mode in (False, True):
        emulator.control("DELETE", "/counters")
        failed = run_module(main, name="nowhere", location="xx/yy", _check_mode=check_mode)
        assert failed["failed"] and failed["msg"] == (
            "location: 'xx/yy' is not a location; the API has de/fkb, de/fra, de/txl, gb/lhr, us/ewr, us/las.")
        counts = emulator.counters()
        # Is there one named so? Then a real run sends the create, which the API refuses, and
        # only then reads the locations; check mode reads them instead of sending.
        expected = {"GET /datacenters": 1, "GET /locations": 1}
        if not check_mode:
            expected["POST /datacenters"] = 1
            assert counts["statuses"].get("422") == 1, counts
        assert counts["calls"] == expected, counts["calls"]
    assert _named(emulator, "nowhere") == []


def test_a_refusal_stays_the_apis_when_the_locations_cannot_be_read(run_module, emulator):
    emulator.faults({"kind": "500", "path": "^/locations$"})
    failed = run_module(main, name="nowhere", location="xx/yy", api_retries=0)
    assert failed["failed"] and "HTTP 422" in failed["msg"] and "HTTP 500" not in failed["msg"], failed["msg"]
    assert emulator.calls("GET /locations") == 1 and _named(emulator, "nowhere") == []


def test_the_locations_are_read_only_in_check_mode_or_when_the_api_refuses(run_module, emulator):
    assert run_module(main, name="known", location="de/fra", _check_mode=True)["changed"]
    assert emulator.calls("GET /locations") == 1
    emulator.control("DELETE", "/counters")
    assert run_module(main, name="known", location="de/fra")["changed"]
    assert emulator.calls("GET /locations") == 0
    again = run_module(main, name="known", location="de/fra")
    assert not again["changed"] and emulator.calls("GET /locations") == 0
    # Another refusal of the create keeps the API's own message.
    failed = run_module(main, name="refused", location="us/las",
                        servers=[{"name": "s", "cores": 1, "ram": 1024, "cpu_family": "INTEL_SKYLAKE"}])
    assert failed["failed"] and "is not a location" not in failed["msg"] and "HTTP 422" in failed["msg"], failed["msg"]
    assert emulator.calls("GET /locations") == 1
    emulator.control("DELETE", "/counters")
    # An existing datacenter's location is compared, not looked up: the create-only error.
    failed = run_module(main, name="known", location="xx/yy")
    assert failed["failed"] and "Cannot change location" in failed["msg"]
    assert emulator.calls("GET /locations") == 0
