"""Locations: /locations, /locations/{region}, /locations/{region}/{city}."""

from ..errors import not_found
from .base import route


@route("GET", "/locations")
def list_locations(ctx):
    return ctx.listing("locations", "/locations", ctx.store.all("location"))


@route("GET", "/locations/{regionId}")
def list_region(ctx):
    region = ctx.params["regionId"]
    items = [loc for loc in ctx.store.all("location") if loc.ext["region"] == region]
    if not items:
        raise not_found()
    return ctx.listing(region, f"/locations/{region}", items)


@route("GET", "/locations/{regionId}/{locationId}")
def get_location(ctx):
    return ctx.ok(ctx.store.get("location", f"{ctx.params['regionId']}/{ctx.params['locationId']}"))
