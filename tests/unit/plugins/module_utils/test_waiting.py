"""Waiting on the API: request polling and Kubernetes states, against the emulator.

Every test runs on the fake clock. Tests about *when* a wait returns share it with the
emulator (``virtual_time``): a request with a 1 s delay is DONE once the client slept
1 s, so "returned within 0.5 s of DONE" is a fact about the client's schedule, not about
how busy the machine was.
"""

import pytest
from ansible_collections.ionos.enterprise.plugins.module_utils import _waiting
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    RequestFailedError,
    WaitTimeoutError,
)
from conftest import assert_no_secret, new_datacenter

STATUS_POLL = "GET /requests/{requestId}/status"


@pytest.mark.parametrize("elapsed, interval", [(0, 0.5), (1.0, 0.5), (3.9, 0.5), (8.0, 1.0), (24.0, 3.0),
                                               (600, 5.0)])
def test_interval_is_half_a_second_for_4_s_then_an_eighth_of_the_wait_up_to_5_s(elapsed, interval):
    assert _waiting.next_interval(elapsed) == interval


# -- 6. requests -----------------------------------------------------------------------

def test_the_first_poll_comes_after_half_a_second(client, emulator, fake_time):
    api = client()
    api.wait_for_request(new_datacenter(api).request_id, timeout=60)
    assert emulator.calls(STATUS_POLL) == 1
    assert fake_time.sleeps == [0.5]


def test_where_requests_are_done_at_once_the_next_waits_poll_at_once(client, emulator, fake_time):
    first, second = client(), client()  # two tasks of the account
    first.wait_for_request(new_datacenter(first, name="a").request_id, timeout=60)
    second.wait_for_request(new_datacenter(second, name="b").request_id, timeout=60)
    assert emulator.calls(STATUS_POLL) == 2
    assert fake_time.sleeps == [0.5]  # the first wait found it done at its first poll: the second did not sleep


def test_a_request_not_done_at_once_brings_the_half_second_back(client, emulator, virtual_time):
    api = client()
    api.wait_for_request(new_datacenter(api, name="a").request_id, timeout=60)
    emulator.config(provisioning_delay=1.0)
    api.wait_for_request(new_datacenter(api, name="b").request_id, timeout=60)  # polled at once, in vain
    del virtual_time.sleeps[:]
    api.wait_for_request(new_datacenter(api, name="c").request_id, timeout=60)
    assert virtual_time.sleeps[0] == 0.5


def test_wait_returns_soon_after_the_request_is_done(client, emulator, virtual_time):
    emulator.config(provisioning_delay=1.0)
    api = client()
    api.wait_for_request(new_datacenter(api).request_id, timeout=30)
    waited = sum(virtual_time.sleeps)
    assert 1.0 <= waited < 1.5  # DONE after 1 s, seen within 0.5 s
    assert emulator.calls(STATUS_POLL) == len(virtual_time.sleeps)  # each poll after a pause


def test_waits_grow_with_the_time_waited_and_stop_at_the_timeout(client, emulator, virtual_time):
    emulator.config(provisioning_delay=600)
    api = client()
    request_id = new_datacenter(api).request_id
    with pytest.raises(WaitTimeoutError) as caught:
        api.wait_for_request(request_id, timeout=20)
    sleeps = virtual_time.sleeps
    assert sleeps[0] == 0.5 and max(sleeps) <= 5.0
    assert sleeps[:-1] == sorted(sleeps[:-1])  # never faster than before...
    assert sum(sleeps) == pytest.approx(20)  # ...except the last, cut short at the deadline
    assert emulator.calls(STATUS_POLL) == len(sleeps)  # each poll after a pause
    assert caught.value.request_id == request_id
    assert request_id in str(caught.value) and "wait_timeout" in str(caught.value)


@pytest.mark.parametrize("delay, most", [(2.0, 4), (4.0, 8)])
def test_a_short_request_takes_few_polls_and_is_seen_within_half_a_second(client, emulator, virtual_time, delay, most):
    emulator.config(provisioning_delay=delay)
    api = client()
    api.wait_for_request(new_datacenter(api).request_id, timeout=60)
    assert delay <= sum(virtual_time.sleeps) <= delay + 0.5
    assert emulator.calls(STATUS_POLL) <= most


def test_a_long_request_is_seen_within_an_eighth_of_the_time_waited(client, emulator, virtual_time):
    emulator.config(provisioning_delay=60)
    api = client()
    api.wait_for_request(new_datacenter(api).request_id, timeout=600)
    assert 60 <= sum(virtual_time.sleeps) <= 60 * 9 / 8.0
    assert emulator.calls(STATUS_POLL) <= 32  # every 0.2 s, then an eighth, polled 41 times


def test_twenty_requests_take_one_call_per_round(client, emulator, virtual_time):
    emulator.config(provisioning_delay=2.0)
    api = client()
    single = new_datacenter(api, name="one").request_id
    api.wait_for_request(single, timeout=60)
    one = emulator.calls(STATUS_POLL)
    emulator.control("DELETE", "/counters")
    del virtual_time.sleeps[:]
    request_ids = [new_datacenter(api, name="dc%d" % i).request_id for i in range(20)]
    api.wait_for_requests(request_ids, timeout=60)
    counts = emulator.counters()["calls"]
    polls = counts.get(STATUS_POLL, 0) + counts.get("GET /requests", 0) + counts.get("GET /requests/{requestId}", 0)
    assert polls <= 2 * one, counts
    assert 2.0 <= sum(virtual_time.sleeps) <= 2.5
    assert emulator.datacenter_count() == 21


def test_requests_the_listing_cannot_date_are_polled_one_by_one(client, emulator, virtual_time, monkeypatch):
    monkeypatch.setattr(_waiting, "_filter_date", lambda created: "")
    emulator.config(provisioning_delay=1.0)
    api = client()
    request_ids = [new_datacenter(api, name="dc%d" % i).request_id for i in range(3)]
    api.wait_for_requests(request_ids, timeout=30)
    assert emulator.calls(STATUS_POLL) >= 3 and emulator.calls("GET /requests") == 0
    assert emulator.datacenter_count() == 3


def test_failed_request_raises_with_its_id_and_the_api_message(client, emulator):
    message = "Provisioning failed: no capacity left in us/las"
    emulator.faults({"kind": "failed", "methods": ["POST"], "message": message, "times": 1})
    api = client()
    request_id = new_datacenter(api).request_id
    with pytest.raises(RequestFailedError) as caught:
        api.wait_for_request(request_id, timeout=60)
    assert caught.value.request_id == request_id
    assert message in str(caught.value) and request_id in str(caught.value)
    failure = caught.value.to_failure()
    assert failure["request_id"] == request_id and failure["messages"][0]["message"] == message
    assert_no_secret(caught.value)
    assert emulator.datacenter_count() == 0


def test_several_requests_are_waited_for_together(client, emulator, virtual_time):
    emulator.config(provisioning_delay=1.0)
    api = client()
    request_ids = [new_datacenter(api, name="dc%d" % i).request_id for i in range(3)]
    api.wait_for_requests(request_ids, timeout=30)
    assert 1.0 <= sum(virtual_time.sleeps) < 1.5  # the time of one (1 s), not of three
    assert emulator.datacenter_count() == 3


def test_timeout_on_several_requests_names_the_pending_ones(client, emulator, virtual_time):
    emulator.config(provisioning_delay=600)
    api = client()
    request_ids = [new_datacenter(api, name="dc%d" % i).request_id for i in range(2)]
    with pytest.raises(WaitTimeoutError) as caught:
        api.wait_for_requests(request_ids, timeout=3)
    assert all(request_id in str(caught.value) for request_id in request_ids)


# -- 7. Kubernetes: states, not requests ---------------------------------------------

def test_kubernetes_cluster_is_waited_for_until_active_then_gone(client, emulator, virtual_time):
    emulator.config(k8s_delay=0.6)
    api = client()
    created = api.post("/k8s", {"properties": {"name": "cluster-1", "k8sVersion": "1.18.9"}})
    assert created.request_id is None  # Kubernetes writes have no request to poll
    path = "/k8s/%s" % created.body["id"]

    cluster = api.wait_for_state(path, ("ACTIVE",), timeout=30)
    assert cluster["metadata"]["state"] == "ACTIVE"
    assert 0.6 <= sum(virtual_time.sleeps) < 1.1  # ACTIVE after 0.6 s, seen within 0.5 s
    assert emulator.calls("GET /k8s/{k8sClusterId}") == len(virtual_time.sleeps) + 1

    del virtual_time.sleeps[:]
    api.delete(path)
    api.wait_for_absence(path, timeout=30)
    assert 0.6 <= sum(virtual_time.sleeps) < 1.1  # gone after 0.6 s DESTROYING
    assert api.get_or_none(path) is None


def test_kubernetes_wait_times_out_naming_the_path(client, emulator, virtual_time):
    emulator.config(k8s_delay=600)
    api = client()
    path = "/k8s/%s" % api.post("/k8s", {"properties": {"name": "cluster-1"}}).body["id"]
    with pytest.raises(WaitTimeoutError) as caught:
        api.wait_for_state(path, ("ACTIVE",), timeout=10)
    assert path in str(caught.value) and "DEPLOYING" in str(caught.value)
