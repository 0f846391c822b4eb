# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: waiting for the API to finish.

A write answers 202 with ``Location: .../requests/<id>/status``. The first poll is
immediate (a fast API is often done already); after that the interval is about an eighth
of the time waited so far, between 0.2 s and 5 s. A task therefore returns within a small
fraction of the API's own time (0.25 s after a 2 s provisioning), and a ten-minute wait
polls every 5 s instead of hammering the rate limit.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    IonosError,
    NotFoundError,
    RequestFailedError,
    WaitTimeoutError,
)

MIN_INTERVAL = 0.2
MAX_INTERVAL = 5.0


def next_interval(elapsed):
    return min(MAX_INTERVAL, max(MIN_INTERVAL, elapsed / 8.0))


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
    while pending:
        for request_id in list(pending):
            status = poll_status(client, request_id, origin[request_id])
            metadata = (status or {}).get("metadata") or {}
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
        if pending:
            method, url = origin[pending[0]]
            poller.pause_or_give_up(
                lambda: ", ".join("request %s%s (%s)" % (rid, _write(*origin[rid]), statuses.get(rid)) for rid in pending),
                request_id=pending[0], method=method, url=url)


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
