"""What every handler shares: the route registry, the request context, the
reply, metadata upkeep and the 202 echo."""

import json
import uuid
from urllib.parse import parse_qsl

from ..errors import ApiError, invalid
from ..store import Res, iso

ROUTES = []
# Work a request does when it is DONE (``Ctx.accepted_later``): name -> fn(ctx, *args).
LATER = {}
# A property a 202 echo leaves out altogether (``Ctx.echo``).
OMIT = object()


def route(method, path, write=None):
    """Register ``fn(ctx) -> Reply`` for ``method path`` (a spec path)."""
    def decorate(fn):
        ROUTES.append((method, path, fn, method != "GET" if write is None else write))
        return fn
    return decorate


def later(fn):
    """Register ``fn(ctx, *args)`` as work a request may do once it is DONE; its ``Res``
    arguments are looked up again then (and the work skipped if one is gone)."""
    LATER[fn.__name__] = fn
    return fn


def run_later(ctx, name, args):
    """Do deferred work now: ``args`` as ``Ctx.accepted_later`` stored them."""
    values = []
    for arg in args:
        if isinstance(arg, dict) and "kind" in arg:
            res = ctx.store.find(arg["kind"], arg["key"])
            if res is None:
                return  # gone meanwhile (a parent's removal took it along)
            values.append(res)
        else:
            values.append(arg)
    LATER[name](ctx, *values)


class Reply:
    """A handler's answer. ``render`` builds the body after the request and
    busy states exist, so that a 202 echo shows ``state: BUSY``."""

    def __init__(self, status=200, render=None, body=None, track=False, targets=(), headers=None, work=None):
        self.status = status
        self.work = work  # (name, args) of LATER work, done when the request is DONE
        self.render = render
        self.body = body
        self.track = track
        self.targets = list(targets)
        self.headers = headers or {}

    def make_body(self):
        return self.render() if self.render is not None else self.body


def etag():
    return uuid.uuid4().hex


class Ctx:
    def __init__(self, emu, method, path, query, headers, raw, t, params, query_string=""):
        self.emu = emu
        self.store = emu.store
        self.settings = emu.settings
        self.r = emu.renderer
        self.method = method
        self.path = path  # below the API prefix
        self.query = query
        self.query_string = query_string
        self.headers = headers
        self.raw = raw
        self.t = t
        self.params = params
        self._json = None
        # Quota checks scan the account; the fleet seeder turns them off.
        self.quotas = True
        # A datacenter's version grows once per request that changes it.
        self.versioned = set()

    # -- input ---------------------------------------------------------
    def json(self):
        if self._json is None:
            if not self.raw.strip():
                self._json = {}
            else:
                try:
                    self._json = json.loads(self.raw)
                except ValueError as exc:
                    raise ApiError(400, f"The request body is not valid JSON: {exc}") from None
        return self._json

    def body_object(self):
        body = self.json()
        if not isinstance(body, dict):
            raise ApiError(400, "The request body must be a JSON object")
        return body

    def properties(self):
        """``{"properties": {...}}`` bodies of POST and PUT."""
        body = self.body_object()
        props = body.get("properties", {})
        if props is None:
            props = {}
        if not isinstance(props, dict):
            raise invalid("Attribute 'properties' must be an object")
        return props

    def entities(self):
        ents = self.body_object().get("entities") or {}
        if not isinstance(ents, dict):
            raise invalid("Attribute 'entities' must be an object")
        return ents

    def flat(self):
        """The flat properties object of a PATCH."""
        return self.body_object()

    def form(self):
        """create-snapshot and restore-snapshot take a form; JSON is accepted too."""
        text = self.raw.decode("utf-8", "replace").strip()
        if text.startswith("{"):
            return dict(self.body_object().items())
        return dict(parse_qsl(text, keep_blank_values=True))

    @property
    def depth(self):
        raw = self.query.get("depth", "0")
        try:
            value = int(raw)
        except ValueError:
            raise ApiError(400, f"Query parameter 'depth' must be an integer between 0 and 10, got {raw!r}") from None
        if not 0 <= value <= 10:
            raise ApiError(400, f"Query parameter 'depth' must be between 0 and 10, got {value}")
        return value

    def page(self, default_limit=None):
        """(offset, limit) when the client paginates (or the collection always does)."""
        if "offset" not in self.query and "limit" not in self.query and default_limit is None:
            return None
        try:
            offset = int(self.query.get("offset", 0))
            limit = int(self.query.get("limit", default_limit or 1000))
        except ValueError:
            raise ApiError(400, "Query parameters 'offset' and 'limit' must be integers") from None
        if offset < 0 or not 1 <= limit <= 10000:
            raise ApiError(400, "Query parameter 'offset' must be >= 0 and 'limit' between 1 and 10000")
        return offset, limit

    # -- owner and metadata ---------------------------------------------
    @property
    def owner_id(self):
        return self.store.counters["owner_id"]

    def new_meta(self):
        ts = iso(self.t)
        who = self.settings.username
        return {
            "etag": etag(), "createdDate": ts, "createdBy": who, "createdByUserId": self.owner_id,
            "lastModifiedDate": ts, "lastModifiedBy": who, "lastModifiedByUserId": self.owner_id,
        }

    def touch(self, res):
        """Declare a change of ``res``: new etag and modification date, and a
        new version of its datacenter."""
        self.store.modify(res)
        if "etag" in res.meta:
            res.meta["etag"] = etag()
        if "lastModifiedDate" in res.meta:
            res.meta["lastModifiedDate"] = iso(self.t)
        if "lastModifiedBy" in res.meta:
            res.meta["lastModifiedBy"] = self.settings.username
            res.meta["lastModifiedByUserId"] = self.owner_id
        self.bump_datacenter(res)
        return res

    def bump_datacenter(self, res):
        dc_id = res.id if res.kind == "datacenter" else res.ext.get("dc")
        if dc_id is None:
            return
        if dc_id in self.versioned:
            return
        self.versioned.add(dc_id)
        dc = self.store.find("datacenter", dc_id)
        if dc is not None:
            self.store.modify(dc)
            dc.props["version"] = (dc.props.get("version") or 0) + 1
            dc.meta["etag"] = etag()
            dc.meta["lastModifiedDate"] = iso(self.t)

    # -- replies ---------------------------------------------------------
    def ok(self, res, depth=None):
        d = self.depth if depth is None else depth
        headers = {}
        if "depth" not in self.query and res.meta.get("etag"):
            headers["ETag"] = res.meta["etag"]
            if self.headers.get("If-None-Match", "").strip('"') == res.meta["etag"]:
                return Reply(304, headers=headers)
        return Reply(200, render=lambda: self.r.element(res, d, self.t), headers=headers)

    def listing(self, cid, path, items, default_limit=None):
        depth = self.depth
        page = self.page(default_limit)
        return Reply(200, render=lambda: self.r.collection(cid, path, items, depth, self.t, page))

    def accepted(self, res, targets=None, render=None, status=202):
        """A tracked write answering the affected resource (202 + Location)."""
        targets = [res] if targets is None else targets
        if render is None:
            def render():
                return self.r.element(res, 0, self.t)
        return Reply(status, render=render, track=True, targets=targets)

    def accepted_empty(self, targets):
        return Reply(202, body=None, track=True, targets=targets)

    def accepted_later(self, targets, fn, *args):
        """A DELETE or detach: 202 now, ``fn(ctx, *args)`` (registered with ``later``) when
        the request is DONE. Until then what it removes stays readable and listed, BUSY
        (wire reference section 7b); with no provisioning delay that is at once."""
        stored = [{"kind": a.kind, "key": a.key} if isinstance(a, Res) else a for a in args]
        return Reply(202, body=None, track=True, targets=targets, work=(fn.__name__, stored))

    def echo(self, res, shown, children=None, items=True):
        """The 202 body of a create: the request repeated, not the finished resource (wire
        reference section 7b). ``shown`` maps each property to what the answer repeats: what
        the client sent (secrets included, in clear) and the defaults the API fills at once;
        every other property is ``null``, and one shown as ``OMIT`` is left out. ``entities`` holds only the child collections the
        client sent (``children``: name -> created child trees, or references), with their
        items unless ``items`` is false (a composite datacenter's answer lists none)."""
        props = {k: shown.get(k) for k in res.props}
        props.update((k, v) for k, v in shown.items() if k not in props)
        props = {k: v for k, v in props.items() if v is not OMIT}
        out = dict(self.r.base_element(res, self.t, props=props))
        if children:
            out["entities"] = {name: self.echoed_collection(res, name, trees, items)
                               for name, trees in children.items()}
        return out

    def echoed_collection(self, res, name, trees, items):
        coll = {"id": f"{res.id}/{name}", "type": "collection", "href": f"{self.r.base}{res.path}/{name}"}
        if items:
            coll["items"] = [self.r.ref(tree) if isinstance(tree, Res) else self.echo(*tree) for tree in trees]
        return coll


def sent(res, props, **more):
    """What a 202 echo repeats of a create: each property the client sent, as the resource
    holds it (validated, normalised), and ``more`` (values the resource does not keep, such
    as secrets, or defaults the API fills)."""
    return {**{k: res.props.get(k) for k in props}, **more}
