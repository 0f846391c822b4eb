"""Labels (spec 5.1): key/value pairs on datacenters, servers, volumes,
snapshots and IP blocks, answered synchronously (201/200, no request)."""

from ..errors import invalid, not_found
from ..store import Res
from ..validate import as_str
from . import lookup
from .base import Reply, route

PARENTS = {
    "datacenter": ("/datacenters/{datacenterId}", lookup.datacenter),
    "server": ("/datacenters/{datacenterId}/servers/{serverId}",
               lambda ctx: lookup.server(ctx, lookup.datacenter(ctx))),
    "volume": ("/datacenters/{datacenterId}/volumes/{volumeId}",
               lambda ctx: lookup.volume(ctx, lookup.datacenter(ctx))),
    "snapshot": ("/snapshots/{snapshotId}", lambda ctx: ctx.store.get("snapshot", ctx.params["snapshotId"])),
    "ipblock": ("/ipblocks/{ipblockId}", lambda ctx: ctx.store.get("ipblock", ctx.params["ipblockId"])),
}


def urn(label):
    return f"urn:label:{label.ext['kind']}:{label.ext['resource']}:{label.id}"


def global_view(ctx, label):
    """A label as /labels shows it: named by its URN, with its resource."""
    owner = ctx.store.find(label.ext["kind"], label.ext["resource"])
    return Res("label", urn(label), f"/labels/{urn(label)}", {
        "key": label.props["key"], "value": label.props["value"], "resourceId": label.ext["resource"],
        "resourceType": label.ext["kind"], "resourceHref": ctx.r.base + owner.path if owner else None,
    }, label.meta)


def labels_of(ctx, res):
    return [label for label in ctx.store.all("label") if label.ext["resource"] == res.id]


def _label(ctx, res):
    label = ctx.store.find("label", f"{res.id}/{ctx.params['key']}")
    if label is None:
        raise not_found()
    return label


def _props(ctx):
    props = ctx.properties()
    unknown = set(props) - {"key", "value"}
    if unknown:
        raise invalid(f"Attribute '{sorted(unknown)[0]}' is not a property of a label")
    return props


def register(kind, prefix, find):
    @route("GET", prefix + "/labels")
    def list_labels(ctx):
        res = find(ctx)
        return ctx.listing(f"{res.id}/labels", f"{res.path}/labels", labels_of(ctx, res))

    @route("POST", prefix + "/labels")
    def add_label(ctx):
        res = find(ctx)
        props = _props(ctx)
        key = as_str(props.get("key") or "", "key")
        if not key:
            raise invalid("Attribute 'key' is required")
        value = as_str(props.get("value") if props.get("value") is not None else "", "value")
        if ctx.store.find("label", f"{res.id}/{key}") is not None:
            raise invalid(f"A label with the key {key!r} already exists on {kind} {res.id}")
        meta = ctx.new_meta()
        label = ctx.store.insert(Res("label", key, f"{res.path}/labels/{key}", {"key": key, "value": value}, meta,
                                     {"resource": res.id, "kind": kind}, key=f"{res.id}/{key}"))
        return Reply(201, render=lambda: ctx.r.element(label, 0, ctx.t))

    @route("GET", prefix + "/labels/{key}")
    def get_label(ctx):
        return ctx.ok(_label(ctx, find(ctx)))

    @route("PUT", prefix + "/labels/{key}")
    def put_label(ctx):
        label = _label(ctx, find(ctx))
        props = _props(ctx)
        if props.get("key") not in (None, label.id):
            raise invalid("Attribute 'key' cannot be modified; delete the label and add a new one")
        if props.get("value") is None:
            raise invalid("Attribute 'value' is required")
        ctx.touch(label).props["value"] = as_str(props["value"], "value")
        return Reply(200, render=lambda: ctx.r.element(label, 0, ctx.t))

    @route("DELETE", prefix + "/labels/{key}")
    def delete_label(ctx):
        label = _label(ctx, find(ctx))
        ctx.store.remove(label)
        return Reply(200)


for _kind, (_prefix, _find) in PARENTS.items():
    register(_kind, _prefix, _find)


@route("GET", "/labels")
def all_labels(ctx):
    return ctx.listing("labels", "/labels", [global_view(ctx, label) for label in ctx.store.all("label")])


@route("GET", "/labels/{labelurn}")
def label_by_urn(ctx):
    parts = ctx.params["labelurn"].split(":")
    if len(parts) != 5 or parts[:2] != ["urn", "label"]:
        raise not_found()
    label = ctx.store.find("label", f"{parts[3]}/{parts[4]}")
    if label is None or label.ext["kind"] != parts[2]:
        raise not_found()
    return ctx.ok(global_view(ctx, label))
