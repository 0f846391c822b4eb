"""Requests: the list (filters, newest first, paginated), one request, and
its status, which every client polls after a write."""

from .base import Reply, route


@route("GET", "/requests")
def list_requests(ctx):
    depth = ctx.depth
    offset, limit = ctx.page(default_limit=1000)
    return Reply(200, body=ctx.emu.tracker.listing(ctx.query, depth, ctx.t, offset, limit))


@route("GET", "/requests/{requestId}")
def get_request(ctx):
    rec = ctx.emu.tracker.get(ctx.params["requestId"])
    return Reply(200, body=ctx.emu.tracker.render(rec, max(ctx.depth, 1), ctx.t))


@route("GET", "/requests/{requestId}/status")
def get_status(ctx):
    rec = ctx.emu.tracker.get(ctx.params["requestId"])
    return Reply(200, body=ctx.emu.tracker.render_status(rec, ctx.t))
