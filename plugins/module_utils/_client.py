# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: the one HTTP client of the Cloud API v5.

Every module and the inventory plugin talk to the API through IonosClient: one
requests.Session (keep-alive), bounded retries that never repeat a write the API may
have acted on, errors mapped to _errors, and waiting on the API's requests
(see _waiting, which this module re-exports through the client's methods).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import re
import time
import traceback
from urllib.parse import parse_qs, urlparse

from ansible_collections.ionos.enterprise.plugins.module_utils import _pacing, _waiting
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    IonosError,
    NotFoundError,
    TransportError,
    error_from_response,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK
from ansible_collections.ionos.enterprise.plugins.module_utils._version import user_agent

try:
    import requests
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # the module reports it through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

DEFAULT_API_URL = "https://api.ionos.com/cloudapi/v5"
# Methods that may be repeated after an error: the API ends in the same state.
IDEMPOTENT_METHODS = frozenset(["GET", "HEAD", "PUT", "PATCH", "DELETE"])
RETRYABLE_STATUSES = frozenset([500, 502, 503, 504])
REQUEST_ID_IN_LOCATION = re.compile(r"/requests/([-A-Fa-f0-9]+)/")
# A Retry-After longer than this is waited only this long (then the retry may fail again).
MAX_RETRY_AFTER = 120.0
# What the 202 answer to a write repeats of the request in clear (wire reference section 7b):
# masked in the body a module gets, so that no result, diff, warning or log can show it.
ECHOED_SECRETS = frozenset(["imagePassword", "password", "sshKeys"])


def masked_echo(value):
    """``value`` with every echoed secret masked, at any depth (nested volumes of a server or
    of a composite datacenter)."""
    if isinstance(value, dict):
        return dict((key, MASK if key in ECHOED_SECRETS and item is not None else masked_echo(item))
                    for key, item in value.items())
    if isinstance(value, list):
        return [masked_echo(item) for item in value]
    return value


class Response:
    """One decoded API answer."""

    def __init__(self, status, body, headers, method, url):
        self.status = status
        # A write's answer repeats the request, secrets included: never let them out.
        self.body = masked_echo(body) if method != "GET" else body
        self.headers = headers
        self.method = method
        self.url = url
        match = REQUEST_ID_IN_LOCATION.search(headers.get("Location") or "")
        self.request_id = match.group(1) if match else None


class IonosClient:
    """A Cloud API v5 client with retries and request polling.

    ``api_retries`` bounds the retries of one call; ``sleep``, ``clock`` and ``jitter``
    are injectable so that tests can run the retry and polling logic without waiting, and
    so is ``pacer`` (by default the account's budget shared on this machine, see _pacing).
    """

    def __init__(self, api_url=None, username=None, password=None, token=None,
                 validate_certs=True, api_timeout=60, api_retries=5, contract_number=None,
                 sleep=time.sleep, clock=time.monotonic, jitter=random.random, pacer=None):
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.api_timeout = api_timeout
        self.api_retries = api_retries
        self.sleep = sleep
        self.clock = clock
        self.jitter = jitter
        self.validate_certs = validate_certs
        # The writes the API accepted, in order, and the ids of their requests that ended
        # FAILED: what a task that fails later must report as done (see accepted_writes()).
        self.accepted = []
        self.failed_requests = set()
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": user_agent(), "Accept": "application/json"})
        if token:
            self.session.headers["Authorization"] = "Bearer %s" % token
        elif username or password:
            self.session.auth = (username or "", password or "")
        if contract_number:
            self.session.headers["X-Contract-Number"] = str(contract_number)
        # The budget is the account's: the same for any contract it acts for.
        self.pacer = pacer or _pacing.Pacer("%s|%s" % (self.api_url, token or username or ""))

    # -- one call -------------------------------------------------------------------

    def url(self, path):
        return path if path.startswith(("http://", "https://")) else self.api_url + path

    def call(self, method, path, params=None, body=None, idempotent=None, form=None):
        """Send one request, retrying what is safe to retry; return a Response.

        ``body`` is sent as JSON, ``form`` as application/x-www-form-urlencoded (the API's
        actions such as create-snapshot take their parameters that way).
        ``idempotent`` overrides the method's default, for POST actions that end in the
        same state when repeated (start, stop) or GET-like POSTs.
        """
        method = method.upper()
        url = self.url(path)
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        retry = 0
        acted_maybe = False
        kind = _pacing.kind_of(method, url)
        while True:
            wait = self.pacer.turn(kind)
            if wait:
                self.sleep(wait)
            sent_at = self.pacer.now()
            try:
                # verify on each call: REQUESTS_CA_BUNDLE would override the session's.
                answer = self.session.request(
                    method, url, params=params, json=body, data=form, timeout=self.api_timeout,
                    verify=self.validate_certs)
            except requests.exceptions.RequestException as exc:
                error = self._transport_error(exc, method, url)
                # A refused connection carried nothing, so even a create is retried, with the
                # back-off api_retries promises: an API restarting comes back within it.
                if error.retryable and retry < self.api_retries and (idempotent or not error.may_have_acted):
                    acted_maybe = acted_maybe or error.may_have_acted
                    retry += 1
                    self.sleep(self._backoff(retry))
                    continue
                raise error
            self.pacer.learn(answer.headers, sent_at)
            response = Response(answer.status_code, _decode(answer), answer.headers, method, url)
            if response.status < 400:
                if answer.content and response.body is None:
                    raise TransportError(
                        "%s %s answered HTTP %s but not with JSON: is api_url (%s) the Cloud API v5 base?"
                        % (method, url, response.status, self.api_url), status=response.status, method=method, url=url)
                if method != "GET":
                    self.accepted.append(response)
                return response
            if response.status == 404 and method == "DELETE" and acted_maybe:
                # The first attempt deleted it; only its answer was lost.
                return Response(204, None, {}, method, url)
            error = error_from_response(
                response.status, answer.reason, response.body, method, url, response.request_id)
            retriable = response.status == 429 or (idempotent and response.status in RETRYABLE_STATUSES)
            if retriable and retry < self.api_retries:
                acted_maybe = acted_maybe or response.status >= 500
                retry += 1
                wait = self._retry_after(answer.headers)
                # Retry-After, spread up to half as long again: forks refused together would
                # otherwise all come back at the same instant and be refused together again.
                self.sleep(self._backoff(retry) if wait is None else wait * (1 + self.jitter() / 2))
                continue
            # A POST answered 5xx may have been acted on; the caller decides what to do. So may a
            # retried write whose earlier attempt lost its answer: a refusal of the retry (a
            # Kubernetes resource UPDATING because of that attempt) does not mean nothing happened.
            error.may_have_acted = (not idempotent and response.status >= 500) or acted_maybe
            raise error

    def _transport_error(self, exc, method, url):
        refused = _caused_by(exc, (NewConnectionError, ConnectTimeoutError))
        if isinstance(exc, requests.exceptions.SSLError):
            error = TransportError(
                "The TLS certificate of %s was not accepted (%s %s): %s. Check api_url; set validate_certs=false"
                " only for a test endpoint." % (self.api_url, method, url, _reason(exc)), method=method, url=url)
            error.retryable = False
            return error
        if refused:
            text = ("Cannot reach the IONOS API at %s (%s %s): %s. Check api_url and the network."
                    % (self.api_url, method, url, _reason(exc)))
        elif isinstance(exc, requests.exceptions.Timeout):
            text = ("The IONOS API did not answer %s %s within api_timeout (%s s)."
                    % (method, url, self.api_timeout))
        else:
            text = "The connection to the IONOS API broke during %s %s: %s." % (method, url, _reason(exc))
        error = TransportError(text, method=method, url=url)
        # A connection that never opened carried nothing; anything later may have.
        error.may_have_acted = not refused
        return error

    def _retry_after(self, headers):
        value = headers.get("Retry-After")
        try:
            return min(max(float(value), 0.0), MAX_RETRY_AFTER)
        except (TypeError, ValueError):
            return None

    def _backoff(self, retry):
        """Exponential back-off with jitter: about 0.5, 1, 2, 4 ... s, capped at 30 s."""
        return min(30.0, 0.5 * 2 ** (retry - 1)) * (0.5 + self.jitter() / 2)

    # -- reads ----------------------------------------------------------------------

    def get(self, path, depth=None, params=None):
        """The body of a GET."""
        query = dict(params or {})
        if depth is not None:
            query["depth"] = depth
        return self.call("GET", path, params=query or None).body

    def get_or_none(self, path, depth=None, params=None):
        """The body of a GET, or None when the resource does not exist."""
        try:
            return self.get(path, depth=depth, params=params)
        except NotFoundError:
            return None

    def list(self, path, depth=None, params=None):
        """Every item of a collection, following the API's pagination links if it pages."""
        page = self.get(path, depth=depth, params=params)
        items = list(page.get("items") or [])
        next_url = (page.get("_links") or {}).get("next")
        # The next link carries offset and limit, and maybe not the depth or filters of the
        # first call: add those it lacks (never twice).
        rest = dict((key, value) for key, value in (params or {}).items() if key not in ("offset", "limit"))
        if depth is not None:
            rest["depth"] = depth
        while next_url:
            present = set(parse_qs(urlparse(next_url).query))
            page = self.get(next_url, params=dict((k, v) for k, v in rest.items() if k not in present))
            items.extend(page.get("items") or [])
            next_url = (page.get("_links") or {}).get("next")
        return items

    # -- writes ---------------------------------------------------------------------

    def post(self, path, body=None, idempotent=None, form=None):
        return self.call("POST", path, body=body, idempotent=idempotent, form=form)

    def post_unless_found(self, path, body, lookup, form=None):
        """A POST that must not act twice (a create, an attach); return (response, None), or
        (None, what ``lookup()`` found) when an answer left it unknown whether the API acted and
        the lookup shows it did. Only after looking is the POST sent again, up to api_retries
        times: what it makes never exists twice."""
        attempts = 0
        while True:
            try:
                return self.post(path, body, form=form), None
            except IonosError as error:
                if not error.may_have_acted or attempts >= self.api_retries:
                    raise
                attempts += 1
                found = lookup()
                if found is not None:
                    return None, found

    def attach(self, collection, item_id):
        """Add the resource ``item_id`` to a collection of references (a server's volumes, a
        group's users, a load balancer's NICs); the response, or None when an answer was lost
        but the reference is there. Adding it twice would be refused, so after a lost answer
        the collection is read before the POST is sent again."""
        return self.post_unless_found(collection, {"id": item_id}, lookup=lambda: next(
            (item for item in self.list(collection) if item.get("id") == item_id), None))[0]

    def patch(self, path, body):
        return self.call("PATCH", path, body=body)

    def put(self, path, body):
        return self.call("PUT", path, body=body)

    def delete(self, path):
        return self.call("DELETE", path)

    def accepted_writes(self):
        """The writes the API accepted whose request did not end FAILED: what a task changed,
        or may still change, whatever happened after them."""
        return [write for write in self.accepted if write.request_id not in self.failed_requests]

    # -- waiting --------------------------------------------------------------------

    def wait_for_request(self, write, timeout):
        """Wait until the request is DONE; raise RequestFailedError or WaitTimeoutError.

        ``write`` is the Response of the write (its method and URL then name it in
        errors) or a request id.
        """
        _waiting.wait_for_requests(self, [write], timeout)

    def wait_for_requests(self, writes, timeout):
        """Wait on several writes together: about as long as the slowest one."""
        _waiting.wait_for_requests(self, writes, timeout)

    def wait_for_state(self, path, states, timeout, failed_states=("FAILED",)):
        """Poll a resource without requests (Kubernetes) until metadata.state is in states."""
        return _waiting.wait_for_state(self, path, states, timeout, failed_states)

    def wait_for_absence(self, path, timeout):
        """Poll a resource until it answers 404."""
        _waiting.wait_for_absence(self, path, timeout)


def _decode(answer):
    if not answer.content:
        return None
    try:
        return answer.json()
    except ValueError:
        return None


def _caused_by(exc, kinds):
    seen = set()
    current = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, kinds):
            return True
        nested = getattr(current, "reason", None)
        if nested is None and current.args and isinstance(current.args[0], BaseException):
            nested = current.args[0]
        current = nested if nested is not None else current.__cause__ or current.__context__
    return False


def _reason(exc):
    """A short reason without the urllib3 object addresses a user cannot use."""
    text = str(exc)
    for known in ("Connection refused", "Name or service not known", "timed out",
                  "Remote end closed connection without response", "Connection reset by peer",
                  "Connection aborted", "certificate verify failed"):
        if known in text:
            return known.lower()
    return re.sub(r" object at 0x[0-9a-f]+", "", text)
