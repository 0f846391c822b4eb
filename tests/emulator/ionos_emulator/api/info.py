"""GET / : the API's name and version."""

from .base import Reply, route


@route("GET", "/")
def api_info(ctx):
    return Reply(200, body={"href": ctx.r.base + "/", "name": "CLOUD API", "version": "5.0"})
