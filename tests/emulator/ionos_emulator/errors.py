"""API errors and the error body every client of the real API parses.

A 422 is the real API's: each message prefixed with the attribute's path
(``[(root).properties.bus] ...``, errorCode 100, or 109 for a value outside its
enumeration) or with an internal code for a rule beyond one attribute
(``[VDC-5-...] ...``, errorCode 200), and every faulty attribute of a body in
one answer (wire reference section 7b, from a real answer pasted in
terraform-provider-ionoscloud issue 30)."""

import re

# errorCode values are strings on the wire; these follow what real answers and
# the hand-written SDKs show (315 unauthorized, 301 internal, 200 snapshot in use).
CODES = {
    400: "300",
    401: "315",
    403: "316",
    404: "309",
    405: "305",
    409: "317",
    415: "306",
    422: "100",
    429: "312",
    500: "301",
    502: "301",
    503: "303",
    504: "301",
}

REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Access denied",
    404: "Resource does not exist",
    405: "Method not allowed",
    429: "Rate limit exceeded",
    500: "Oops! Something went very wrong.",
    502: "Bad Gateway",
    503: "The service is temporarily unavailable",
    504: "Gateway Timeout",
}


# Which attribute a validation message is about, for its path prefix.
ATTRIBUTE = re.compile(r"Attribute '([A-Za-z0-9_.]+)'")
# The real numbers behind rules are not known one by one: one stands for all of them.
RULE = "VDC-5-1900"


class ApiError(Exception):
    """An answer other than 2xx, carried up to the HTTP layer. ``messages``: several
    ``(errorCode, text)`` at once (``merged``)."""

    def __init__(self, status, message=None, code=None, headers=None, messages=None):
        super().__init__(message or REASONS.get(status, "Error"))
        self.status = status
        self.message = message or REASONS.get(status, "Error")
        self.code = code or CODES.get(status, "301")
        self.headers = headers or {}
        self.messages = messages or [(self.code, self.message)]

    def body(self):
        return {"httpStatus": self.status,
                "messages": [{"errorCode": code, "message": text} for code, text in self.messages]}


def merged(errors):
    """One 422 answer holding the messages of ``errors``."""
    messages = [m for error in errors for m in error.messages]
    return ApiError(422, messages[0][1], messages[0][0], messages=messages)


def error_body(status, message, code=None):
    return ApiError(status, message, code).body()


def not_found(what=None):
    msg = "Resource does not exist"
    if what:
        msg = f"Resource does not exist: {what}"
    return ApiError(404, msg)


def invalid(message, code=None):
    """A 422 as the real API words it: about one attribute, ``[(root).properties.<name>]``
    and errorCode 100 (``code`` 109 for a value outside its enumeration); else a rule,
    ``[VDC-5-...]`` and errorCode 200 (or ``code``)."""
    about = ATTRIBUTE.match(message)
    if about:
        return ApiError(422, f"[(root).properties.{about.group(1)}] {message}", code or "100")
    return ApiError(422, f"[{RULE}] {message}", code or "200")


def required(name):
    return invalid(f"Attribute '{name}' is required")


def immutable(name):
    return invalid(f"Attribute '{name}' cannot be modified after creation")
