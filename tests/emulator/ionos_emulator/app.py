"""The HTTP side: an aiohttp application serving the API under
/cloudapi/v5 and the emulator's own controls under /_emulator."""

import asyncio
import base64
import binascii
import logging

import orjson
from aiohttp import web

from . import catalog
from .clock import Clock
from .api import ROUTES
from .api.base import Ctx, run_later
from .api.k8s import CASCADES
from .control import register_control
from .counters import Counters
from .errors import REASONS, ApiError, error_body
from .faults import Faults
from .persist import Persister
from .ratelimit import RateLimiter
from .render import Renderer
from .secrets import SecretLog
from .settings import API_PREFIX
from .store import Store
from .tracking import Tracker

log = logging.getLogger("ionos_emulator")
JSON = "application/json"
FAULT = web.RequestKey("fault", object)


class Emulator:
    """Everything one running emulator holds."""

    def __init__(self, settings, observer=None):
        self.settings = settings
        self.store = Store()
        self.clock = Clock()
        self.renderer = Renderer(self.store, f"http://{settings.host}:{settings.port}{API_PREFIX}")
        self.tracker = Tracker(self.store, settings, self.renderer)
        self.faults = Faults(settings.fault_seed, settings.faults)
        self.limiter = RateLimiter(settings)
        self.counters = Counters()
        self.secrets = SecretLog(settings)
        self.persister = Persister(self.store, settings.state_file)
        # A test hook: observer(method, spec_path, status, body) sees every API answer.
        self.observer = observer
        if not self.persister.load():
            self.reset()
            if settings.seed_datacenters:
                from .scale import seed_fleet
                seed_fleet(self, settings.seed_datacenters, settings.seed_servers)
            self.persister.flush_now()

    def reset(self):
        """Back to a fresh account: the clock running on real time, the whole rate
        budget. The generation keeps growing, so that the state file follows; the
        caller persists."""
        generation = self.store.generation
        self.store.__init__()
        self.clock.reset()
        self.limiter.buckets.clear()
        catalog.seed(self.store, self.settings, self.clock.now())
        self.store.generation = generation + 1

    def set_base(self, host, port):
        """hrefs and Location headers are absolute: they name the address
        clients reach, which a wildcard listen address is not."""
        if self.settings.public_url:
            self.renderer.base = self.settings.public_url.rstrip("/") + API_PREFIX
        elif host in ("", "0.0.0.0", "::"):
            self.renderer.base = f"http://127.0.0.1:{port}{API_PREFIX}"
        else:
            self.renderer.base = f"http://{host}:{port}{API_PREFIX}"
        for table in self.store.tables.values():
            for res in table.values():
                res.cache = None


def dumps(body, pretty):
    if body is None:
        return b""
    return orjson.dumps(body, option=orjson.OPT_INDENT_2 if pretty else 0)


def credential(request, settings):
    """The caller's identity, or None when the credentials are wrong."""
    header = request.headers.get("Authorization", "")
    scheme, separator, value = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            user, separator, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        if user == settings.username and password == settings.password:
            return "basic:" + user
    elif scheme.lower() == "bearer" and value.strip() == settings.token:
        return "token"
    return None


def spec_path(request):
    """The spec's path template of the matched route, e.g. /datacenters/{datacenterId}."""
    info = request.match_info
    resource = info.route.resource if info is not None and info.route is not None else None
    canonical = resource.canonical if resource is not None else None
    if not canonical or not canonical.startswith(API_PREFIX):
        return None
    return canonical[len(API_PREFIX):] or "/"


def error_response(status, message, headers=None, pretty=True, code=None):
    return web.Response(status=status, body=dumps(error_body(status, message, code), pretty),
                        content_type=JSON, headers=headers)


def make_middleware(emu):
    @web.middleware
    async def api_middleware(request, handler):
        if not request.path.startswith(API_PREFIX):
            return await handler(request)
        t = emu.clock.now()
        template = spec_path(request)
        emu.counters.call(request.method, template or "(no route)")
        pretty = request.query.get("pretty", "true").lower() != "false"
        who = credential(request, emu.settings)
        allowed, headers = emu.limiter.take(who or request.remote or "anonymous", t)
        status, body = 500, None
        try:
            if who is None:
                raise ApiError(401, "Unauthorized")
            contract = request.headers.get("X-Contract-Number")
            if contract and contract.strip() != str(emu.store.counters["contract_number"]):
                raise ApiError(403, f"Access denied: you have no contract {contract.strip()}")
            if not allowed:
                raise ApiError(429, "Rate limit exceeded: too many requests, slow down", headers=headers)
            tracked_write = request.method != "GET" and template is not None and not template.startswith(
                ("/k8s", "/labels")) and "/labels" not in template
            fault = emu.faults.pick(request.method, request.path[len(API_PREFIX):], tracked_write,
                                    request.headers.get("User-Agent", ""))
            if fault is not None:
                emu.counters.fault(fault.kind)
                request[FAULT] = fault
                if fault.html:
                    raise GatewayPage(int(fault.kind))
                if fault.kind in ("500", "502", "503", "504"):
                    raise ApiError(int(fault.kind), None)
                if fault.kind == "429":
                    extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                    raise ApiError(429, "Rate limit exceeded: too many requests, slow down", headers=extra)
                if fault.kind == "drop_before":
                    raise Dropped()
            response = await handler(request)
        except GatewayPage as exc:
            response = web.Response(status=exc.status, content_type="text/html", text=(
                f"<html><head><title>{exc.status} {REASONS[exc.status]}</title></head><body><center><h1>"
                f"{exc.status} {REASONS[exc.status]}</h1></center><hr><center>nginx</center></body></html>\n"))
        except Dropped:
            # The client sees its connection reset and no answer at all.
            drop(request)
            emu.counters.status("dropped")
            return web.Response(status=500)
        except ApiError as exc:
            response = web.Response(status=exc.status, body=dumps(exc.body(), pretty), content_type=JSON,
                                    headers=exc.headers)
        except web.HTTPMethodNotAllowed as exc:
            response = error_response(405, f"Method {request.method} is not allowed on {request.path}; "
                                      f"allowed: {', '.join(sorted(exc.allowed_methods))}", pretty=pretty)
        except web.HTTPNotFound:
            response = error_response(404, "Resource does not exist", pretty=pretty)
        except web.HTTPException as exc:
            response = error_response(exc.status, exc.reason, pretty=pretty)
        except Exception as exc:  # an emulator bug must still answer like the API
            log.exception("unexpected error on %s %s", request.method, request.path)
            response = error_response(500, f"Internal error of the emulator: {type(exc).__name__}", pretty=pretty)
        for key, value in headers.items():
            if key not in response.headers:
                response.headers[key] = value
        status = response.status
        emu.counters.status(status)
        if request.method != "GET":
            emu.secrets.note_request(await request.read())
            emu.secrets.note_response(response.body if isinstance(response.body, (bytes, bytearray)) else b"")
        if emu.observer is not None and template is not None:
            body = response.body if isinstance(response.body, (bytes, bytearray)) else b""
            emu.observer(request.method, template, status, body)
        return response
    return api_middleware


class GatewayPage(Exception):
    """Fault injection: a gateway in front of the API answers with its own HTML page."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class Dropped(Exception):
    """Fault injection: close the connection without an answer."""


def drop(request):
    transport = request.transport
    if transport is not None:
        transport.abort()


def make_handler(emu, fn, write):
    async def handle(request):
        raw = await request.read()
        t = emu.clock.now()
        ctx = Ctx(emu, request.method, request.path[len(API_PREFIX):], dict(request.query), request.headers,
                  raw, t, dict(request.match_info), request.query_string)
        store = emu.store
        store.sweep(t, CASCADES)
        do_due_work(emu, t)
        fault = request.get(FAULT)
        failing = fault is not None and fault.kind == "failed"
        if write:
            # A rejected write, or one that fault injection fails, leaves
            # nothing behind: the real API validates a request as a whole.
            store.begin()
        deferred = None
        try:
            reply = fn(ctx)
            headers = dict(reply.headers)
            if reply.track:
                rec = emu.tracker.create(ctx, reply.targets, failed=failing, message=fault.message if failing else None)
                if failing:
                    fault.requests.append(rec["id"])
                headers["Location"] = emu.tracker.location(rec)
                busy_until = rec["done_at"]
                if reply.work is not None:
                    if busy_until > t and not failing:
                        deferred = (busy_until, *reply.work)
                    else:  # done at once, or undone with the rest when it fails
                        run_later(ctx, *reply.work)
                if busy_until > t and not failing:
                    mark_busy(ctx, reply.targets, busy_until)
            pretty = request.query.get("pretty", "true").lower() != "false"
            made = reply.make_body()
            body = dumps(shown_busy(made) if reply.track else made, pretty)
        except BaseException:
            if write:
                store.rollback()
            if failing:
                emu.faults.refund(fault)  # no request failed: the dice roll again next time
                emu.counters.refund(fault.kind)
            raise
        if failing:
            store.rollback()
            store.generation += 1  # the FAILED request itself is state to keep
        elif write:
            store.commit()
        if deferred is not None:
            store.defer(*deferred)
        if write:
            await emu.persister.sync()
        if fault is not None and fault.kind == "drop_after":
            raise Dropped()
        if fault is not None and fault.kind == "slow":
            await asyncio.sleep(fault.delay)
        if not body:
            return web.Response(status=reply.status, headers=headers)
        return web.Response(status=reply.status, body=body, content_type=JSON, headers=headers)
    return handle


def do_due_work(emu, t):
    """What requests that are DONE by now still had to do (their deletes and detaches), each
    at the time it became due."""
    for due, unused, name, args in emu.store.due_work(t):
        ctx = Ctx(emu, "DELETE", "", {}, {}, b"", due, {})
        run_later(ctx, name, args)
        emu.store.generation += 1


def shown_busy(body):
    """The 202 answer shows what it created or changed as BUSY, as the real
    API does even when the work is quick (wire reference section 2)."""
    if not isinstance(body, dict) or "state" not in body.get("metadata", {}):
        return body
    out = dict(body, metadata=dict(body["metadata"], state="BUSY"))
    if isinstance(body.get("entities"), dict):
        out["entities"] = {name: dict(coll, items=[shown_busy(i) for i in coll["items"]]) if "items" in coll else coll
                           for name, coll in body["entities"].items()}
    return out


def mark_busy(ctx, targets, until):
    """Targets and their datacenters show BUSY until the request is done."""
    seen = set()
    for res in targets:
        for item in (res, ctx.store.find("datacenter", res.ext.get("dc") or "")):
            if item is None or (item.kind, item.key) in seen:
                continue
            if ctx.store.find(item.kind, item.key) is not item:
                continue  # deleted by this very request
            seen.add((item.kind, item.key))
            ctx.store.modify(item).timeline = [(until, "BUSY")]


def ordered_routes():
    """Literal segments before parameters, so /k8s/versions wins over /k8s/{id}."""
    def key(entry):
        path = entry[1]
        return [(1 if seg.startswith("{") else 0) for seg in path.split("/")]
    return sorted(ROUTES, key=key)


def build_app(emu):
    app = web.Application(middlewares=[make_middleware(emu)], client_max_size=64 * 1024 * 1024)
    for method, path, fn, write in ordered_routes():
        handler = make_handler(emu, fn, write)
        app.router.add_route(method, API_PREFIX + path, handler)
        if path == "/":
            app.router.add_route(method, API_PREFIX, handler)
    register_control(app, emu)
    return app
