"""Snapshots: taken from a volume (see volumes.create-snapshot), changed,
deleted and used as the image of new volumes."""

from ..errors import invalid
from ..store import Res, new_id
from ..validate import as_bool, as_enum, as_str
from .base import later, route
from .cleanup import forget
from .fields import RO, F, changes
from .images import FLAGS, LICENCES

FIELDS = {
    "name": F(as_str),
    "description": F(as_str),
    "location": F(mode=RO),
    "size": F(mode=RO),
    "secAuthProtection": F(as_bool, default=False),
    **{flag: F(as_bool, default=False) for flag in FLAGS},
    "licenceType": F(lambda v, n: as_enum(v, n, LICENCES), default="UNKNOWN", nullable=False),
}


def new_snapshot(ctx, props):
    sid = new_id()
    return ctx.store.insert(Res("snapshot", sid, f"/snapshots/{sid}", props, ctx.new_meta()))


@route("GET", "/snapshots")
def list_snapshots(ctx):
    return ctx.listing("snapshots", "/snapshots", ctx.store.all("snapshot"))


@route("GET", "/snapshots/{snapshotId}")
def get_snapshot(ctx):
    return ctx.ok(ctx.store.get("snapshot", ctx.params["snapshotId"]))


@route("PATCH", "/snapshots/{snapshotId}")
@route("PUT", "/snapshots/{snapshotId}")
def change_snapshot(ctx):
    snapshot = ctx.store.get("snapshot", ctx.params["snapshotId"])
    ctx.touch(snapshot).props.update(changes(ctx, FIELDS, snapshot.props, "snapshot"))
    return ctx.accepted(snapshot)


@route("DELETE", "/snapshots/{snapshotId}")
def delete_snapshot(ctx):
    snapshot = ctx.store.get("snapshot", ctx.params["snapshotId"])
    if not snapshot.settled(ctx.t):
        raise invalid(f"Snapshot {snapshot.id} is in use: it is still being created", code="200")
    return ctx.accepted_later([snapshot], drop_snapshot, snapshot)


@later
def drop_snapshot(ctx, snapshot):
    forget(ctx.store, snapshot)
    ctx.store.remove(snapshot)
