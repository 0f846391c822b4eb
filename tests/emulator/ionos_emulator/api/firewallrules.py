"""Firewall rules of a NIC: protocol is fixed at creation, ports belong to
TCP and UDP, ICMP type and code to ICMP."""

from ..errors import invalid
from ..store import Res, new_id
from ..validate import as_enum, as_int, as_ipv4, as_mac, as_str
from . import lookup
from .base import later, route, sent
from .fields import CREATE, F, build, changes

PROTOCOLS = ("TCP", "UDP", "ICMP", "ANY")


def port(value, name):
    return as_int(value, name, 1, 65534)


def icmp(value, name):
    return as_int(value, name, 0, 254)


FIELDS = {
    "name": F(as_str),
    "protocol": F(lambda v, n: as_enum(v, n, PROTOCOLS), mode=CREATE, required=True),
    "sourceMac": F(as_mac),
    "sourceIp": F(as_ipv4),
    "targetIp": F(as_ipv4),
    "icmpCode": F(icmp),
    "icmpType": F(icmp),
    "portRangeStart": F(port),
    "portRangeEnd": F(port),
}


def check_combination(values):
    """Rules that span attributes; ``values`` is the rule after the write."""
    protocol = values["protocol"]
    start, end = values.get("portRangeStart"), values.get("portRangeEnd")
    if (start is not None or end is not None) and protocol not in ("TCP", "UDP"):
        raise invalid(f"Attributes 'portRangeStart' and 'portRangeEnd' are only allowed with protocol TCP or UDP, not {protocol}")
    if start is not None and end is None:
        values["portRangeEnd"] = start
    elif end is not None and start is None:
        values["portRangeStart"] = end
    if values.get("portRangeStart") is not None and values["portRangeStart"] > values["portRangeEnd"]:
        raise invalid("Attribute 'portRangeStart' must not be greater than 'portRangeEnd'")
    if (values.get("icmpType") is not None or values.get("icmpCode") is not None) and protocol != "ICMP":
        raise invalid(f"Attributes 'icmpType' and 'icmpCode' are only allowed with protocol ICMP, not {protocol}")
    return values


def create_rule(ctx, nic, props, created):
    values = check_combination(build(FIELDS, props, "firewall rule"))
    rid = new_id()
    rule = ctx.store.insert(Res("firewallrule", rid, f"{nic.path}/firewallrules/{rid}", values, ctx.new_meta(),
                                {"nic": nic.id, "server": nic.ext["server"], "dc": nic.ext["dc"]}))
    ctx.store.modify(nic).ext["firewallrules"].append(rid)
    created.append(rule)
    return (rule, sent(rule, props), None)


def remove_rule(ctx, rule):
    ctx.store.remove(rule)


def _nic(ctx):
    dc = lookup.datacenter(ctx)
    return lookup.nic(ctx, lookup.server(ctx, dc))


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules")
def list_rules(ctx):
    nic = _nic(ctx)
    rules = [ctx.store.get("firewallrule", r) for r in nic.ext["firewallrules"]]
    return ctx.listing(f"{nic.id}/firewallrules", f"{nic.path}/firewallrules", rules)


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules")
def post_rule(ctx):
    nic = _nic(ctx)
    created = []
    tree = create_rule(ctx, nic, ctx.properties(), created)
    ctx.touch(nic)
    return ctx.accepted(tree[0], targets=created, render=lambda: ctx.echo(tree[0], tree[1]))


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}")
def get_rule(ctx):
    return ctx.ok(lookup.firewallrule(ctx, _nic(ctx)))


@route("PATCH", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}")
@route("PUT", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}")
def change_rule(ctx):
    rule = lookup.firewallrule(ctx, _nic(ctx))
    values = check_combination({**rule.props, **changes(ctx, FIELDS, rule.props, "firewall rule")})
    ctx.touch(rule).props.update(values)
    return ctx.accepted(rule)


@route("DELETE", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}")
def delete_rule(ctx):
    nic = _nic(ctx)
    rule = lookup.firewallrule(ctx, nic)
    return ctx.accepted_later([rule], drop_rule, nic, rule)


@later
def drop_rule(ctx, nic, rule):
    ctx.touch(nic).ext["firewallrules"].remove(rule.id)
    remove_rule(ctx, rule)
