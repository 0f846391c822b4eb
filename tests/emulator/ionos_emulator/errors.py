"""API errors and the error body every client of the real API parses."""

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


class ApiError(Exception):
    """An answer other than 2xx, carried up to the HTTP layer."""

    def __init__(self, status, message=None, code=None, headers=None):
        super().__init__(message or REASONS.get(status, "Error"))
        self.status = status
        self.message = message or REASONS.get(status, "Error")
        self.code = code or CODES.get(status, "301")
        self.headers = headers or {}

    def body(self):
        return error_body(self.status, self.message, self.code)


def error_body(status, message, code=None):
    return {
        "httpStatus": status,
        "messages": [{"errorCode": code or CODES.get(status, "301"), "message": message}],
    }


def not_found(what=None):
    msg = "Resource does not exist"
    if what:
        msg = f"Resource does not exist: {what}"
    return ApiError(404, msg)


def invalid(message, code=None):
    return ApiError(422, message, code)


def required(name):
    return ApiError(422, f"Attribute '{name}' is required")


def immutable(name):
    return ApiError(422, f"Attribute '{name}' cannot be modified after creation")
