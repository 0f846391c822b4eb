"""The emulator's own endpoints, outside the API base and without auth:

GET    /_emulator/health             liveness and the number of API routes
GET    /_emulator/counters           calls per "METHOD /spec/path", statuses, faults
DELETE /_emulator/counters           reset the counters
GET    /_emulator/config             current settings (no secrets)
PUT    /_emulator/config             change provisioning_delay, k8s_delay, rate_limit, rate_burst
GET    /_emulator/clock              the emulator's time: {"now", "frozen", "ahead_of_real_time"}
PUT    /_emulator/clock              {"frozen": true} stops everything in flight where it is, {"advance": s}
                                     moves it on, {"frozen": false} lets it run (never going back)
GET    /_emulator/faults             fault rules with their injection counts
PUT    /_emulator/faults             {"rules": [...], "seed": 1}; {"rules": []} turns faults off
PUT    /_emulator/limits             override contract limits, e.g. {"coresPerContract": 8}
POST   /_emulator/reset              back to a fresh account (counters kept)
POST   /_emulator/seed               {"datacenters": N, "servers": M}: build a fleet quickly
POST   /_emulator/images             add an image of the account's own, as an FTP upload would
GET    /_emulator/secrets            every password and secret key the API was sent or issued (leak tests)
"""

import time

import orjson
from aiohttp import web

from .catalog import LINUX_FLAGS, LOCATIONS
from .store import Res, iso, new_id


def reply(body, status=200):
    return web.Response(status=status, body=orjson.dumps(body, option=orjson.OPT_INDENT_2),
                        content_type="application/json")


async def read_json(request):
    raw = await request.read()
    if not raw.strip():
        return {}
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise web.HTTPBadRequest(text=f"invalid JSON: {exc}") from None


def register_control(app, emu):
    from .api import ROUTES

    async def health(request):
        return reply({"status": "ok", "routes": len(ROUTES), "base": emu.renderer.base})

    async def counters(request):
        return reply(emu.counters.snapshot())

    async def reset_counters(request):
        emu.counters.reset()
        return reply(emu.counters.snapshot())

    async def get_config(request):
        return reply(emu.settings.public())

    async def put_config(request):
        try:
            emu.settings.update(await read_json(request))
        except (ValueError, TypeError) as exc:
            return reply({"error": str(exc)}, 400)
        return reply(emu.settings.public())

    async def get_clock(request):
        return reply(emu.clock.describe())

    async def put_clock(request):
        body = await read_json(request)
        try:
            if not isinstance(body, dict):
                raise ValueError("the body is an object: {\"frozen\": true|false, \"advance\": seconds}")
            emu.clock.update(body)
        except ValueError as exc:
            return reply({"error": str(exc)}, 400)
        return reply(emu.clock.describe())

    async def get_faults(request):
        return reply(emu.faults.describe())

    async def put_faults(request):
        body = await read_json(request)
        try:
            emu.faults.configure(body.get("rules", []), body.get("seed"))
        except (ValueError, TypeError) as exc:
            return reply({"error": str(exc)}, 400)
        return reply(emu.faults.describe())

    async def put_limits(request):
        body = await read_json(request)
        if not all(isinstance(v, int) for v in body.values()):
            return reply({"error": "limits are integers"}, 400)
        emu.store.counters["limits"] = {**emu.store.counters.get("limits", {}), **body}
        emu.store.generation += 1
        await emu.persister.sync()
        return reply(emu.store.counters["limits"])

    async def reset(request):
        emu.reset()
        await emu.persister.sync()
        return reply({"status": "reset"})

    async def seed(request):
        from .scale import seed_fleet
        body = await read_json(request)
        started = time.perf_counter()
        ids = seed_fleet(emu, int(body.get("datacenters", 1)), int(body.get("servers", 1)),
                         body.get("location"), int(body.get("nics", 2)), int(body.get("volumes", 2)))
        await emu.persister.sync()
        return reply({"datacenters": ids, "seconds": round(time.perf_counter() - started, 3)}, 201)

    async def add_image(request):
        body = await read_json(request)
        location = body.get("location")
        if location not in LOCATIONS:
            return reply({"error": f"location must be one of {', '.join(LOCATIONS)}"}, 400)
        if body.get("imageType", "HDD") not in ("HDD", "CDROM"):
            return reply({"error": "imageType is HDD or CDROM"}, 400)
        iid = new_id()
        created = iso(emu.clock.now())
        owner = emu.store.counters["owner_id"]
        image = Res("image", iid, f"/images/{iid}", {
            "name": body.get("name") or f"image-{iid[:8]}", "description": body.get("description"),
            "location": location, "size": float(body.get("size", 10)), **LINUX_FLAGS,
            "licenceType": body.get("licenceType", "UNKNOWN"), "imageType": body.get("imageType", "HDD"),
            "public": False, "imageAliases": [],
        }, {"etag": new_id().replace("-", ""), "createdDate": created, "createdBy": emu.settings.username,
            "createdByUserId": owner, "lastModifiedDate": created, "lastModifiedBy": emu.settings.username,
            "lastModifiedByUserId": owner})
        emu.store.insert(image)
        emu.store.commit()
        await emu.persister.sync()
        return reply(emu.renderer.element(image, 0, emu.clock.now()), 201)

    async def get_secrets(request):
        return reply(emu.secrets.snapshot())

    r = app.router
    r.add_get("/_emulator/health", health)
    r.add_get("/_emulator/counters", counters)
    r.add_delete("/_emulator/counters", reset_counters)
    r.add_get("/_emulator/config", get_config)
    r.add_put("/_emulator/config", put_config)
    r.add_get("/_emulator/clock", get_clock)
    r.add_put("/_emulator/clock", put_clock)
    r.add_get("/_emulator/faults", get_faults)
    r.add_put("/_emulator/faults", put_faults)
    r.add_put("/_emulator/limits", put_limits)
    r.add_post("/_emulator/reset", reset)
    r.add_post("/_emulator/seed", seed)
    r.add_post("/_emulator/images", add_image)
    r.add_get("/_emulator/secrets", get_secrets)
