"""Datacenters, including the composite create that builds LANs, volumes,
servers (with their NICs, firewall rules and volumes) and load balancers in
one request."""

from ..errors import invalid
from ..store import Res, new_id
from ..validate import as_location, as_bool, as_str
from . import lookup
from .base import later, route, sent
from .fields import CREATE, RO, F, build, changes
from .lans import create_lan, remove_lan
from .loadbalancers import create_loadbalancer, remove_loadbalancer
from .servers import create_server, remove_server
from .volumes import create_volume, remove_volume
from .cleanup import forget

FORBIDDEN = set("@/\\|\"'\u2018\u2019")


def dc_name(value, name):
    value = as_str(value, name, 1024)
    bad = sorted(set(value) & FORBIDDEN)
    if bad:
        raise invalid(f"Attribute '{name}' must not contain {' '.join(bad)}")
    return value


FIELDS = {
    "name": F(dc_name),
    "description": F(as_str),
    "location": F(as_location, mode=CREATE, required=True),
    "version": F(mode=RO, default=1),
    "features": F(mode=RO, default=list),
    "secAuthProtection": F(as_bool, default=False),
}


@route("GET", "/datacenters")
def list_datacenters(ctx):
    return ctx.listing("datacenters", "/datacenters", ctx.store.all("datacenter"))


@route("POST", "/datacenters")
def create_datacenter(ctx):
    props = ctx.properties()
    entities = ctx.entities()
    values = build(FIELDS, props, "datacenter")
    values["features"] = ctx.store.get("location", values["location"]).props["features"]
    dc_id = new_id()
    ctx.versioned.add(dc_id)
    dc = ctx.store.insert(Res("datacenter", dc_id, f"/datacenters/{dc_id}", values, ctx.new_meta(), {
        "servers": [], "volumes": [], "lans": [], "loadbalancers": [], "next_lan": 1,
        "index": ctx.store.next_counter("datacenter_index", 1),
    }))
    children, created = {}, [dc]
    for name, make in (("lans", create_lan), ("volumes", create_volume),
                       ("servers", create_server), ("loadbalancers", create_loadbalancer)):
        trees = []
        for item in lookup.items_of(entities, name):
            tree = make(ctx, dc, item.get("properties") or {}, item.get("entities") or {}, created)
            trees.append(tree)
        if trees:
            children[name] = trees
    # The composite answer names the child collections sent, without their items.
    shown = sent(dc, props, features=[])
    return ctx.accepted(dc, targets=created, render=lambda: ctx.echo(dc, shown, children, items=False))


@route("GET", "/datacenters/{datacenterId}")
def get_datacenter(ctx):
    return ctx.ok(lookup.datacenter(ctx))


@route("PATCH", "/datacenters/{datacenterId}")
@route("PUT", "/datacenters/{datacenterId}")
def update_datacenter(ctx):
    dc = lookup.datacenter(ctx)
    ctx.touch(dc).props.update(changes(ctx, FIELDS, dc.props, "datacenter"))
    return ctx.accepted(dc)


@route("DELETE", "/datacenters/{datacenterId}")
def delete_datacenter(ctx):
    dc = lookup.datacenter(ctx)
    store = ctx.store
    pools = [p.id for p in store.all("nodepool") if p.props["datacenterId"] == dc.id]
    if pools:
        raise invalid(f"Datacenter {dc.id} hosts Kubernetes node pool(s) {', '.join(pools)}; delete them first")
    return ctx.accepted_later([dc], drop_datacenter, dc)


@later
def drop_datacenter(ctx, dc):
    store = ctx.store
    for sid in list(dc.ext["servers"]):
        remove_server(ctx, store.get("server", sid))
    for vid in list(dc.ext["volumes"]):
        remove_volume(ctx, store.get("volume", vid))
    for lb_id in list(dc.ext["loadbalancers"]):
        remove_loadbalancer(ctx, store.get("loadbalancer", lb_id))
    for key in list(dc.ext["lans"]):
        remove_lan(ctx, store.get("lan", key))
    forget(ctx.store, dc)
    store.remove(dc)
