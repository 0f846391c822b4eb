"""Load balancers and their balanced NICs. A load balancer without an IP
gets one, as the spec says; every balanced NIC carries the load balancer's
IP as its first address ("All attached NICs will inherit this IP")."""

from ..errors import invalid, not_found
from ..network import public_ip
from ..store import Res, new_id
from ..validate import as_bool, as_ipv4, as_str, is_private
from . import lookup
from .base import later, route, sent
from .fields import F, build, changes

FIELDS = {
    "name": F(as_str),
    "ip": F(as_ipv4),
    "dhcp": F(as_bool, default=True),
}


def check_ip(ctx, dc, values):
    from .nics import reserved_ips
    ip = values.get("ip")
    if ip and not is_private(ip) and ip not in reserved_ips(ctx.store, dc.props["location"]):
        raise invalid(f"Attribute 'ip': {ip} is not part of a reserved IP block in location {dc.props['location']}")


def balance(ctx, dc, lb, nic_id):
    nic = ctx.store.find("nic", nic_id or "")
    if nic is None or nic.ext["dc"] != dc.id:
        raise invalid(f"NIC {nic_id} does not exist in datacenter {dc.id}")
    if nic.id in lb.ext["nics"]:
        raise invalid(f"NIC {nic.id} is already balanced by load balancer {lb.id}")
    ctx.touch(lb).ext["nics"].append(nic.id)
    inherit(ctx, nic, None, lb.props["ip"])
    return nic


def inherit(ctx, nic, old_ip, new_ip):
    """Swap the load balancer's address on a balanced NIC; a NIC left with
    no address gets an automatic one again."""
    from .nics import auto_ips
    ips = [ip for ip in (nic.props.get("ips") or []) if ip != old_ip]
    if new_ip is not None:
        ips = [new_ip] + [ip for ip in ips if ip != new_ip and not nic.ext.get("auto_ip")]
    ctx.touch(nic)
    if not ips:
        dc = ctx.store.get("datacenter", nic.ext["dc"])
        ips = auto_ips(ctx, dc, ctx.store.get("lan", f"{dc.id}/{nic.props['lan']}"))
        nic.ext["auto_ip"] = True
    elif new_ip is not None:
        nic.ext["auto_ip"] = False
    nic.props["ips"] = ips


def create_loadbalancer(ctx, dc, props, entities, created):
    values = build(FIELDS, props, "load balancer")
    check_ip(ctx, dc, values)
    if values["ip"] is None:
        values["ip"] = public_ip(ctx.store, dc.props["location"])
    lb_id = new_id()
    lb = ctx.store.insert(Res("loadbalancer", lb_id, f"{dc.path}/loadbalancers/{lb_id}", values, ctx.new_meta(),
                              {"dc": dc.id, "nics": []}))
    ctx.store.modify(dc).ext["loadbalancers"].append(lb_id)
    created.append(lb)
    nics = [balance(ctx, dc, lb, lookup.ref_id(item)) for item in lookup.items_of(entities, "balancednics")]
    # The answer keeps the balanced NICs that were sent, as references (wire reference section 7b).
    return (lb, sent(lb, props), {"balancednics": nics} if nics else None)


@later
def remove_loadbalancer(ctx, lb):
    for nic_id in lb.ext["nics"]:
        nic = ctx.store.find("nic", nic_id)
        if nic is not None:
            inherit(ctx, nic, lb.props["ip"], None)
    dc = ctx.store.find("datacenter", lb.ext["dc"])
    if dc is not None and lb.id in dc.ext["loadbalancers"]:
        ctx.store.modify(dc).ext["loadbalancers"].remove(lb.id)
    ctx.store.remove(lb)


def _lb(ctx):
    dc = lookup.datacenter(ctx)
    return dc, lookup.loadbalancer(ctx, dc)


@route("GET", "/datacenters/{datacenterId}/loadbalancers")
def list_loadbalancers(ctx):
    dc = lookup.datacenter(ctx)
    lbs = [ctx.store.get("loadbalancer", i) for i in dc.ext["loadbalancers"]]
    return ctx.listing(f"{dc.id}/loadbalancers", f"{dc.path}/loadbalancers", lbs)


@route("POST", "/datacenters/{datacenterId}/loadbalancers")
def post_loadbalancer(ctx):
    dc = lookup.datacenter(ctx)
    created = []
    tree = create_loadbalancer(ctx, dc, ctx.properties(), ctx.entities(), created)
    ctx.touch(dc)
    return ctx.accepted(tree[0], targets=created, render=lambda: ctx.echo(*tree))


@route("GET", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}")
def get_loadbalancer(ctx):
    return ctx.ok(_lb(ctx)[1])


@route("PATCH", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}")
@route("PUT", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}")
def change_loadbalancer(ctx):
    dc, lb = _lb(ctx)
    values = changes(ctx, FIELDS, lb.props, "load balancer")
    old_ip = lb.props["ip"]
    if values.get("ip") != old_ip and "ip" in values:
        check_ip(ctx, dc, values)
        if values["ip"] is None:
            values["ip"] = public_ip(ctx.store, dc.props["location"])
    ctx.touch(lb).props.update(values)
    if lb.props["ip"] != old_ip:
        for nic_id in lb.ext["nics"]:
            inherit(ctx, ctx.store.get("nic", nic_id), old_ip, lb.props["ip"])
    return ctx.accepted(lb, targets=[lb] + [ctx.store.get("nic", n) for n in lb.ext["nics"]])


@route("DELETE", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}")
def delete_loadbalancer(ctx):
    dc, lb = _lb(ctx)
    ctx.touch(dc)
    return ctx.accepted_later([lb], remove_loadbalancer, lb)


@route("GET", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}/balancednics")
def list_balanced(ctx):
    dc, lb = _lb(ctx)
    nics = [ctx.store.get("nic", n) for n in lb.ext["nics"]]
    return ctx.listing(f"{lb.id}/balancednics", f"{lb.path}/balancednics", nics)


@route("POST", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}/balancednics")
def add_balanced(ctx):
    dc, lb = _lb(ctx)
    nic_id = lookup.ref_id(ctx.body_object())
    nic = balance(ctx, dc, lb, nic_id)
    return ctx.accepted(nic, targets=[lb, nic])


@route("GET", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}/balancednics/{nicId}")
def get_balanced(ctx):
    dc, lb = _lb(ctx)
    if ctx.params["nicId"] not in lb.ext["nics"]:
        raise not_found()
    return ctx.ok(ctx.store.get("nic", ctx.params["nicId"]))


@route("DELETE", "/datacenters/{datacenterId}/loadbalancers/{loadbalancerId}/balancednics/{nicId}")
def remove_balanced(ctx):
    dc, lb = _lb(ctx)
    nic_id = ctx.params["nicId"]
    if nic_id not in lb.ext["nics"]:
        raise not_found()
    nic = ctx.store.get("nic", nic_id)
    return ctx.accepted_later([lb, nic], unbalance, lb, nic)


@later
def unbalance(ctx, lb, nic):
    if nic.id in lb.ext["nics"]:
        ctx.touch(lb).ext["nics"].remove(nic.id)
        inherit(ctx, nic, lb.props["ip"], None)
