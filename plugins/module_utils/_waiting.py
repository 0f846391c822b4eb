# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: waiting for the API to finish.

A write answers 202 with ``Location: .../requests/<id>/status``. A real request is rarely
done at once, so the first poll comes after 0.5 s, then one every 0.5 s for the first 4 s (a
2 s request is seen DONE at 2 s, in 4 polls), then every eighth of the time waited, up to 5 s.
So a task returns within 0.5 s of DONE for requests of up to 4 s and within an eighth of the
time waited beyond, and a ten-minute wait polls every 5 s instead of spending the account's
rate limit. Where the account's requests are done at once (an API that only records them, the
emulator without a delay), the first poll is immediate: each wait tells the next tasks of the
account, through the pacing state (_pacing), whether its first poll found everything done.

Three or more requests are polled together: one ``GET /requests`` (its items carry their
status) per round tells all of them, from the creation date of the first one on; a request that
listing does not show is polled on its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timedelta

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    IonosError,
    NotFoundError,
    RequestFailedError,
    WaitTimeoutError,
)

EARLY = 4.0  # seconds during which a poll comes every EARLY_INTERVAL
EARLY_INTERVAL = 0.5
MAX_INTERVAL = 5.0
# From this many requests on, one listing per round polls them all: it costs one call more
# at the start (the first request's date), so for two, two polls cost about the same.
LISTED_FROM = 3
# The hint the waits leave for the account's next ones: were the requests done at the first poll?
DONE_AT_FIRST_POLL = "requests_done_at_first_poll"
# The API's filter.createdAfter takes whole seconds (2006-01-02 15:04:05, UTC).
FILTER_DATE = "%Y-%m-%d %H:%M:%S"


def next_interval(elapsed):
    if elapsed < EARLY:
        return EARLY_INTERVAL
    return min(MAX_INTERVAL, elapsed / 8.0)


class Poller:
    """Deadline bookkeeping shared by every wait."""

    def __init__(self, client, timeout):
        self.client = client
        self.timeout = timeout
        self.started = client.clock()

    def elapsed(self):
        return self.client.clock() - self.started

    def pause_or_give_up(self, describe, request_id=None, method=None, url=None):
        """Sleep before the next poll, or raise WaitTimeoutError when time is up."""
        elapsed = self.elapsed()
        remaining = self.timeout - elapsed
        if remaining <= 0:
            raise WaitTimeoutError(
                "Timed out after %s s waiting for %s. Raise wait_timeout, or look at it later"
                " with ionos.enterprise.ionos_request_info." % (self.timeout, describe()),
                request_id=request_id, method=method, url=url)
        self.client.sleep(min(next_interval(elapsed), remaining))


def wait_for_requests(client, writes, timeout):
    """Poll every request until all are DONE; the first FAILED one raises.

    ``writes`` are request ids, or the client's Responses of the writes, whose method and
    URL then name the write in an error (not the status URL that was polled).
    """
    origin = {}
    for write in writes:
        request_id = getattr(write, "request_id", write)
        if request_id:
            origin[request_id] = (getattr(write, "method", None), getattr(write, "url", None))
    pending = list(origin)
    statuses = {}
    poller = Poller(client, timeout)
    listing = RequestListing(client, pending, origin) if len(pending) >= LISTED_FROM else None
    first_poll = bool(pending)
    if first_poll and not client.pacer.recall(DONE_AT_FIRST_POLL):
        client.sleep(min(EARLY_INTERVAL, timeout))
    while pending:
        listed = listing.statuses(pending) if listing else {}
        for request_id in list(pending):
            metadata = listed.get(request_id)
            if metadata is None:
                metadata = (poll_status(client, request_id, origin[request_id]) or {}).get("metadata") or {}
            statuses[request_id] = metadata.get("status")
            if metadata.get("status") == "DONE":
                pending.remove(request_id)
            elif metadata.get("status") == "FAILED":
                method, url = origin[request_id]
                client.failed_requests.add(request_id)
                raise RequestFailedError(
                    "Request %s%s failed: %s" % (request_id, _write(method, url), metadata.get("message") or "no message"),
                    messages=[{"errorCode": None, "message": metadata.get("message")}],
                    method=method, url=url, request_id=request_id)
        if first_poll:
            client.pacer.remember(DONE_AT_FIRST_POLL, not pending)
            first_poll = False
        if pending:
            method, url = origin[pending[0]]
            poller.pause_or_give_up(
                lambda: ", ".join("request %s%s (%s)" % (rid, _write(*origin[rid]), statuses.get(rid)) for rid in pending),
                request_id=pending[0], method=method, url=url)


class RequestListing:
    """The status of several requests from one call per round: ``GET /requests`` at depth 2,
    created since the first of them (its date read once, from the API's own clock)."""

    def __init__(self, client, request_ids, origin):
        self.client = client
        self.first = request_ids[0]
        self.origin = origin
        self.since = None

    def statuses(self, pending):
        """{request id: status metadata} of the pending requests the listing shows."""
        try:
            if self.since is None:
                request = self.client.get("/requests/%s" % self.first, depth=1)
                self.since = _filter_date((request.get("metadata") or {}).get("createdDate"))
            if not self.since:
                return {}
            items = self.client.list("/requests", depth=2, params={"filter.createdAfter": self.since})
        except IonosError as error:
            method, url = self.origin[self.first]
            error.message = "Waiting for request %s%s and %d more failed: %s" % (
                self.first, _write(method, url), len(pending) - 1, error.message)
            error.request_id = error.request_id or self.first
            raise
        found = {}
        for item in items:
            if item.get("id") in pending:
                status = ((item.get("metadata") or {}).get("requestStatus") or {}).get("metadata")
                if status is not None:
                    found[item["id"]] = status
        return found


def _filter_date(created):
    """An ISO creation date as filter.createdAfter takes it, one second earlier (the filter
    has whole seconds); '' when there is none to read."""
    try:
        when = datetime.strptime((created or "")[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return ""
    return (when - timedelta(seconds=1)).strftime(FILTER_DATE)


def poll_status(client, request_id, write):
    """The request's status; an error of the poll itself (the API unreachable, a 5xx after
    every retry) names the request and the write it waits for, whose fate is then unknown."""
    try:
        return client.get("/requests/%s/status" % request_id)
    except IonosError as error:
        method, url = write
        error.message = "Waiting for request %s%s failed: %s" % (request_id, _write(method, url), error.message)
        error.request_id = error.request_id or request_id
        raise


def _write(method, url):
    return " of %s %s" % (method, url) if method else ""


def wait_for_state(client, path, states, timeout, failed_states=("FAILED",)):
    """Poll a resource until its metadata.state is one of ``states``; return its body."""
    poller = Poller(client, timeout)
    while True:
        body = client.get(path)
        state = ((body or {}).get("metadata") or {}).get("state")
        if state in states:
            return body
        if state and any(state.startswith(failed) for failed in failed_states):
            raise RequestFailedError(
                "%s reached state %s" % (client.url(path), state), method="GET", url=client.url(path))
        poller.pause_or_give_up(lambda: "%s to become %s (now %s)" % (path, "/".join(states), state))


def wait_for_absence(client, path, timeout):
    """Poll a resource until it is gone (404)."""
    poller = Poller(client, timeout)
    while True:
        try:
            client.get(path)
        except NotFoundError:
            return
        poller.pause_or_give_up(lambda: "%s to be deleted" % path)
