"""IP blocks: reserved per location; size and location fixed; released only
when no NIC, load balancer or node pool uses their addresses."""

from ..errors import invalid
from ..kinds import ipblock_consumers
from ..network import reserve_block
from ..store import Res, new_id
from ..validate import as_location, as_int, as_str
from .base import later, route, sent
from .cleanup import forget
from .contracts import limits, reserved_ip_count
from .fields import CREATE, RO, F, build, changes


FIELDS = {
    "ips": F(mode=RO, default=list),
    "location": F(as_location, mode=CREATE, required=True),
    "size": F(lambda v, n: as_int(v, n, 1, 256), mode=CREATE, required=True),
    "name": F(as_str),
    "ipConsumers": F(mode=RO),
}


def _current(block):
    return {**block.props, "ipConsumers": None}


@route("GET", "/ipblocks")
def list_ipblocks(ctx):
    return ctx.listing("ipblocks", "/ipblocks", ctx.store.all("ipblock"))


@route("POST", "/ipblocks")
def reserve(ctx):
    props = ctx.properties()
    values = build(FIELDS, props, "IP block")
    quota = limits(ctx.store)
    if reserved_ip_count(ctx.store) + values["size"] > quota["reservableIps"]:
        raise invalid(f"The contract's limit of {quota['reservableIps']} reservable IPs would be exceeded")
    values.pop("ipConsumers")
    values["ips"] = reserve_block(ctx.store, values["location"], values["size"])
    bid = new_id()
    block = ctx.store.insert(Res("ipblock", bid, f"/ipblocks/{bid}", values, ctx.new_meta()))
    return ctx.accepted(block, render=lambda: ctx.echo(block, sent(block, props, ips=block.props["ips"])))


@route("GET", "/ipblocks/{ipblockId}")
def get_ipblock(ctx):
    return ctx.ok(ctx.store.get("ipblock", ctx.params["ipblockId"]))


@route("PATCH", "/ipblocks/{ipblockId}")
@route("PUT", "/ipblocks/{ipblockId}")
def change_ipblock(ctx):
    block = ctx.store.get("ipblock", ctx.params["ipblockId"])
    values = changes(ctx, FIELDS, _current(block), "IP block")
    values.pop("ipConsumers", None)
    values.pop("ips", None)
    ctx.touch(block).props.update(values)
    return ctx.accepted(block)


@route("DELETE", "/ipblocks/{ipblockId}")
def release(ctx):
    block = ctx.store.get("ipblock", ctx.params["ipblockId"])
    consumers = ipblock_consumers(ctx.store, block)["ipConsumers"]
    if consumers:
        users = ", ".join(sorted({c.get("nicId") or c.get("k8sNodePoolUuid") or c.get("datacenterId") for c in consumers}))
        raise invalid(f"IP block {block.id} is in use ({len(consumers)} IP(s), by {users}); free its IPs first")
    return ctx.accepted_later([block], drop_block, block)


@later
def drop_block(ctx, block):
    forget(ctx.store, block)
    ctx.store.remove(block)
