"""Private cross-connects: LANs join them through the LAN's ``pcc``."""

from ..errors import invalid
from ..kinds import pcc_links
from ..store import Res, new_id
from ..validate import as_str
from .base import later, route, sent
from .cleanup import forget
from .fields import RO, F, build, patch

FIELDS = {
    "name": F(as_str),
    "description": F(as_str),
    "peers": F(mode=RO),
    "connectableDatacenters": F(mode=RO),
}


def _current(pcc):
    return {**pcc.props, "peers": None, "connectableDatacenters": None}


@route("GET", "/pccs")
def list_pccs(ctx):
    return ctx.listing("pccs", "/pccs", ctx.store.all("pcc"))


@route("POST", "/pccs")
def create_pcc(ctx):
    props = ctx.properties()
    values = build(FIELDS, props, "private cross-connect")
    values.pop("peers")
    values.pop("connectableDatacenters")
    pid = new_id()
    pcc = ctx.store.insert(Res("pcc", pid, f"/pccs/{pid}", values, ctx.new_meta()))
    return ctx.accepted(pcc, render=lambda: ctx.echo(pcc, sent(pcc, props)))


@route("GET", "/pccs/{pccId}")
def get_pcc(ctx):
    return ctx.ok(ctx.store.get("pcc", ctx.params["pccId"]))


@route("PATCH", "/pccs/{pccId}")
def patch_pcc(ctx):
    pcc = ctx.store.get("pcc", ctx.params["pccId"])
    ctx.touch(pcc).props.update(patch(FIELDS, _current(pcc), ctx.flat(), "private cross-connect"))
    return ctx.accepted(pcc)


@route("DELETE", "/pccs/{pccId}")
def delete_pcc(ctx):
    pcc = ctx.store.get("pcc", ctx.params["pccId"])
    peers = pcc_links(ctx.store, pcc)["peers"]
    if peers:
        raise invalid(f"Private cross-connect {pcc.id} still connects {len(peers)} LAN(s); disconnect them first")
    return ctx.accepted_later([pcc], drop_pcc, pcc)


@later
def drop_pcc(ctx, pcc):
    forget(ctx.store, pcc)
    ctx.store.remove(pcc)
