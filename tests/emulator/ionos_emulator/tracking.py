"""Requests: every tracked write gets one, reachable through the Location
header. Its status moves QUEUED -> RUNNING -> DONE (or FAILED) on the
provisioning delay; the resources it touched are BUSY until then."""

import json
import re
import uuid
from datetime import datetime, timezone

from .errors import ApiError, not_found
from .kinds import KINDS
from .render import page_links
from .store import iso

MESSAGES = {
    "QUEUED": "Request has been queued",
    "RUNNING": "Request is being processed",
    "DONE": "Request has been successfully executed",
}
FILTER_DATE = "%Y-%m-%d %H:%M:%S"
REDACTED_HEADERS = ("authorization", "cookie")
SECRET_KEYS = re.compile(r"password|secret|sshkeys|token", re.I)


def redact(raw):
    """The request body as GET /requests shows it: secrets masked."""
    text = raw.decode("utf-8", "replace") if raw else ""
    try:
        body = json.loads(text)
    except ValueError:
        return re.sub(r"((?:password|secret)[^=&]*=)[^&]*", r"\1*****", text, flags=re.I)

    def mask(value):
        if isinstance(value, dict):
            return {k: ("*****" if SECRET_KEYS.search(k) and v is not None else mask(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [mask(v) for v in value]
        return value
    return json.dumps(mask(body))


def status_at(rec, t):
    if t < rec["queued_until"]:
        return "QUEUED"
    if t < rec["done_at"]:
        return "RUNNING"
    return "FAILED" if rec["failed"] else "DONE"


class Tracker:
    def __init__(self, store, settings, renderer):
        self.store = store
        self.settings = settings
        self.r = renderer

    def create(self, ctx, targets, failed=False, message=None):
        delay = self.settings.provisioning_delay
        t = ctx.t
        rid = str(uuid.uuid4())
        # Header names lower-case, as the real API's request elements show them (wire reference 7b).
        headers = {str(k).lower(): v for k, v in ctx.headers.items() if k.lower() not in REDACTED_HEADERS}
        rec = {
            "id": rid, "created": t, "queued_until": t + delay * 0.25, "done_at": t + delay,
            "failed": failed, "message": message or "Request failed: the operation could not be completed",
            "method": ctx.method, "path": ctx.path + (("?" + ctx.query_string) if ctx.query_string else ""),
            "headers": headers, "body": redact(ctx.raw),
            "createdBy": self.settings.username,
            "targets": [{"id": x.id, "type": KINDS[x.kind].type, "href": x.path} for x in targets],
            "etag": uuid.uuid4().hex,
        }
        self.store.requests[rid] = rec
        while len(self.store.requests) > self.settings.request_history:
            self.store.requests.popitem(last=False)
        return rec

    def location(self, rec):
        return f"{self.r.base}/requests/{rec['id']}/status"

    def get(self, rid):
        rec = self.store.requests.get(rid)
        if rec is None:
            raise not_found()
        return rec

    # -- rendering -------------------------------------------------------
    def render_status(self, rec, t):
        status = status_at(rec, t)
        message = rec["message"] if status == "FAILED" else MESSAGES[status]
        return {
            "id": f"{rec['id']}/status", "type": "request-status",
            "href": f"{self.r.base}/requests/{rec['id']}/status",
            "metadata": {
                "etag": rec["etag"], "status": status, "message": message,
                "targets": [{"status": status, "target": dict(target, href=self.r.base + target["href"])}
                            for target in rec["targets"]],
            },
        }

    def render(self, rec, depth, t):
        href = f"{self.r.base}/requests/{rec['id']}"
        if depth < 0:
            return {"id": rec["id"], "type": "request", "href": href}
        status = self.render_status(rec, t)
        if depth < 1:
            status = {"id": status["id"], "type": status["type"], "href": status["href"]}
        return {
            "id": rec["id"], "type": "request", "href": href,
            "metadata": {"createdDate": iso(rec["created"]), "createdBy": rec["createdBy"], "etag": rec["etag"],
                         "requestStatus": status},
            "properties": {"method": rec["method"], "headers": rec["headers"], "body": rec["body"],
                           "url": self.r.base + rec["path"]},
        }

    def listing(self, query, depth, t, offset, limit):
        records = [rec for rec in reversed(self.store.requests.values()) if self._matches(rec, query, t)]
        page = records[offset:offset + limit]
        base = f"{self.r.base}/requests"
        links = page_links(base, offset, limit, len(records))
        return {"id": "requests", "type": "collection", "href": base,
                "items": [self.render(rec, depth - 1, t) for rec in page],
                "offset": offset, "limit": limit, "_links": links}

    @staticmethod
    def _date(value, name):
        try:
            return datetime.strptime(value, FILTER_DATE).replace(tzinfo=timezone.utc).timestamp()
        except ValueError:
            raise ApiError(400, f"Query parameter 'filter.{name}' must look like 2006-01-02 15:04:05") from None

    def _matches(self, rec, query, t):
        for key, value in query.items():
            if not key.startswith("filter."):
                continue
            name = key[len("filter."):]
            if name in ("status", "requestStatus"):
                if status_at(rec, t) != value.upper():
                    return False
            elif name == "createdAfter":
                if rec["created"] < self._date(value, name):
                    return False
            elif name == "createdBefore":
                if rec["created"] > self._date(value, name):
                    return False
            elif name == "createdDate":
                if not iso(rec["created"]).startswith(value.replace(" ", "T")):
                    return False
            elif name == "createdBy":
                if value.lower() not in rec["createdBy"].lower():
                    return False
            elif name == "etag":
                if rec["etag"] != value:
                    return False
            elif name == "method":
                if rec["method"].upper() != value.upper():
                    return False
            elif name == "url":
                if value.lower() not in (self.r.base + rec["path"]).lower():
                    return False
            elif name == "body":
                if value.lower() not in rec["body"].lower():
                    return False
            elif name == "headers":
                if value.lower() not in str(rec["headers"]).lower():
                    return False
            else:
                raise ApiError(400, f"Unknown filter 'filter.{name}'")
        return True
