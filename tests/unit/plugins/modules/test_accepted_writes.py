"""A write the API accepted is reported as one, whatever happens after it (issue 19): a task
that fails while waiting says changed, which writes went through with their request ids, and
how to follow them up; a write whose request ended FAILED changed nothing."""

import requests
from conftest import PASSWORD, USERNAME

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main as lan
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key import main as s3key

STATUS_POLLS = r"^/requests/[^/]+/status$"


def test_a_create_accepted_then_unreachable_while_waiting_is_changed_with_its_request(run_module, emulator):
    emulator.config(provisioning_delay=5)
    # Every status poll answers 503, retries included: the API "went away" once the POST was in.
    emulator.faults({"kind": "503", "methods": ["GET"], "path": STATUS_POLLS})
    result = run_module(datacenter, name="dc", location="de/fra", api_retries=2)
    assert result["failed"] and result["changed"] is True, result
    failure = result["failure"]
    assert failure["request_id"], failure
    assert failure["accepted"] == [{"method": "POST", "url": emulator.url + "/datacenters",
                                    "request_id": failure["request_id"]}]
    assert "Waiting for request %s of POST %s/datacenters failed" % (failure["request_id"], emulator.url) \
        in result["msg"]
    assert "The API had accepted a write before this" in result["msg"]
    assert "ionos.enterprise.ionos_request_info (request_id: %s)" % failure["request_id"] in result["msg"]
    # The write did go through: nothing is lost, the re-run finds it.
    emulator.faults()
    again = run_module(datacenter, name="dc", location="de/fra")
    assert not again.get("failed") and again["changed"] is False, again


def test_a_timeout_after_an_accepted_write_is_changed(run_module, emulator):
    run_module(datacenter, name="dc", location="de/fra")
    emulator.config(provisioning_delay=60)
    result = run_module(lan, datacenter="dc", name="front", wait_timeout=5)
    assert result["failed"] and result["changed"] is True, result
    assert "Timed out after 5 s" in result["msg"] and "accepted a write" in result["msg"]
    assert result["failure"]["request_id"] == result["failure"]["accepted"][0]["request_id"]


def test_a_write_whose_request_failed_changed_nothing(run_module, emulator):
    emulator.faults({"kind": "failed", "methods": ["POST"], "times": 1})
    result = run_module(datacenter, name="dc", location="de/fra")
    assert result["failed"] and not result.get("changed"), result
    assert "accepted" not in result["failure"] and "accepted a write" not in result["msg"]


def test_an_error_before_any_write_is_unchanged(run_module, emulator):
    result = run_module(lan, datacenter="nowhere", name="front")
    assert result["failed"] and not result.get("changed") and "accepted" not in result["failure"]


def test_s3_keys_created_before_waiting_failed_keep_their_secrets(run_module, emulator):
    body = {"properties": {"firstname": "S3", "lastname": "User", "email": "u@example.com", "password": "s3cret-pass"}}
    assert requests.post(emulator.url + "/um/users", json=body, auth=(USERNAME, PASSWORD), timeout=10).ok
    emulator.faults({"kind": "503", "methods": ["GET"], "path": STATUS_POLLS})
    result = run_module(s3key, user="u@example.com", count=1, api_retries=1)
    # The key exists now and its secret is only in this result: a failed task still returns it.
    assert result["failed"] and result["changed"] is True, result
    assert len([key for key in result["s3keys"] if key.get("secret_key")]) == 1, result
