# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: the errors the API client raises.

The hierarchy mirrors the IONOS SDK's (ICNotAuthorizedError, ICNotFoundError,
ICValidationError, ICRateLimitExceededError, ICError) plus the two ways waiting can
end badly. Every error carries what a user needs to act on it, and never a secret:
the client builds them from the status line, the API's ``messages`` and the URL only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class IonosError(Exception):
    """Base of every error the client raises."""

    def __init__(self, message, status=None, messages=None, method=None, url=None, request_id=None):
        super(IonosError, self).__init__(message)
        self.message = message
        self.status = status
        self.messages = list(messages or [])
        self.method = method
        self.url = url
        self.request_id = request_id
        # True when a failed write may still have taken effect (see the client's retries).
        self.may_have_acted = False
        # False when trying again cannot help (a refused certificate).
        self.retryable = True

    def __str__(self):
        return self.message

    def to_failure(self):
        """The structured ``failure`` of a failed task."""
        return {
            "status": self.status,
            "messages": self.messages,
            "request_id": self.request_id,
            "method": self.method,
            "url": self.url,
        }


class ApiError(IonosError):
    """The API answered with an error status (the SDK's ICError)."""


class NotAuthorizedError(ApiError):
    """401: the credentials were refused."""


class ForbiddenError(ApiError):
    """403: the credentials are valid but may not do this (or the contract is wrong)."""


class NotFoundError(ApiError):
    """404: the resource does not exist."""


class ValidationError(ApiError):
    """422: the API refused the request body."""


class RateLimitError(ApiError):
    """429: the rate limit was exceeded, and retrying did not help."""


class TransportError(IonosError):
    """No usable answer: the API could not be reached, or did not answer in time."""


class RequestFailedError(IonosError):
    """The API accepted a write, then its request ended FAILED."""


class WaitTimeoutError(IonosError):
    """Waiting for a request or a resource state took longer than allowed."""


ERRORS_BY_STATUS = {
    401: NotAuthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}


def api_messages(body):
    """The ``messages`` list of an API error body, or [] when the body has none."""
    if isinstance(body, dict) and isinstance(body.get("messages"), list):
        return [
            {"errorCode": str(m.get("errorCode")), "message": str(m.get("message"))}
            for m in body["messages"] if isinstance(m, dict)
        ]
    return []


def error_from_response(status, reason, body, method, url, request_id=None):
    """The error for an answer with status >= 400."""
    messages = api_messages(body)
    # The API may send several messages at once (each prefixed with the attribute's path or a
    # rule's code): all of them, each once, as the API words them; failure.messages keeps the list.
    shown = []
    for m in messages:
        line = "%s (errorCode %s)" % (m["message"], m["errorCode"])
        if line not in shown:
            shown.append(line)
    detail = "; ".join(shown) or (reason or "no error message")
    hint = HINTS.get(status, "")
    text = "%s %s failed with HTTP %s: %s%s" % (method, url, status, detail, hint)
    return ERRORS_BY_STATUS.get(status, ApiError)(
        text, status=status, messages=messages, method=method, url=url, request_id=request_id)


HINTS = {
    401: ". Check username and password, or token (or the IONOS_USERNAME, IONOS_PASSWORD"
         " and IONOS_TOKEN environment variables)",
    403: ". The user may not do this; check its privileges and contract_number",
}


class AmbiguousNameError(IonosError):
    """A name matched more than one resource; the module must not pick one."""

    def __init__(self, label, name, candidates, option="name"):
        super(AmbiguousNameError, self).__init__(
            "%s matches %d %ss named %r: %s. Give the id instead, or rename them apart."
            % (option, len(candidates), label, name, ", ".join(candidates)))
        self.candidates = list(candidates)

    def to_failure(self):
        failure = super(AmbiguousNameError, self).to_failure()
        failure["candidates"] = self.candidates
        return failure


class ReferenceNotFoundError(IonosError):
    """An option names a resource (by id or name) that does not exist. ``reference`` is what
    the option gave, when the error knows it: a name may be of a resource that a task before
    this one would create (check mode previews it), an id never is."""

    def __init__(self, message, reference=None, **kwargs):
        super(ReferenceNotFoundError, self).__init__(message, **kwargs)
        self.reference = reference


class ParentNotFoundError(ReferenceNotFoundError):
    """The resource a task's resource lives in (its datacenter, server, NIC, cluster, group)
    does not exist: with state=absent there is nothing to delete."""
