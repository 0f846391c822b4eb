"""LANs: numeric ids per datacenter ("1", "2", ...), public or private, IP
failover groups, a private cross-connect, and their member NICs."""

from ..errors import invalid, not_found
from ..kinds import lan_members
from ..store import Res
from ..validate import as_bool, as_dict, as_ipv4, as_list, as_str
from . import lookup
from .base import later, route, sent
from .fields import F, build, changes


def failover_list(value, name):
    out = []
    for entry in as_list(value, name):
        entry = as_dict(entry, name)
        unknown = set(entry) - {"ip", "nicUuid"}
        if unknown:
            raise invalid(f"Attribute '{name}' entries take 'ip' and 'nicUuid', not {', '.join(sorted(unknown))}")
        if not entry.get("ip") or not entry.get("nicUuid"):
            raise invalid(f"Every entry of '{name}' needs an 'ip' and a 'nicUuid'")
        out.append({"ip": as_ipv4(entry["ip"], f"{name}.ip"), "nicUuid": as_str(entry["nicUuid"], f"{name}.nicUuid")})
    return out


FIELDS = {
    "name": F(as_str),
    "ipFailover": F(failover_list, default=list),
    "pcc": F(as_str),
    "public": F(as_bool, default=False),
}


def check_links(ctx, dc, lan):
    """IP failover and PCC rules, checked on the LAN as it will be."""
    from .nics import reserved_ips
    props = lan.props
    failover = props.get("ipFailover") or []
    if failover and not props["public"]:
        raise invalid(f"IP failover needs a public LAN; LAN {lan.id} is private")
    reserved = reserved_ips(ctx.store, dc.props["location"]) if failover else set()
    members = {n.id: n for n in lan_members(ctx.store, lan)}
    seen = set()
    for entry in failover:
        nic = members.get(entry["nicUuid"])
        if nic is None:
            raise invalid(f"NIC {entry['nicUuid']} of the IP failover is not a member of LAN {lan.id}")
        if entry["ip"] not in reserved:
            raise invalid(f"Failover IP {entry['ip']} is not part of a reserved IP block in location {dc.props['location']}")
        if entry["ip"] not in (nic.props.get("ips") or ()):
            raise invalid(f"Failover IP {entry['ip']} is not assigned to NIC {nic.id}")
        if entry["ip"] in seen:
            raise invalid(f"Failover IP {entry['ip']} is listed twice; one NIC is the primary of a failover IP")
        seen.add(entry["ip"])
    if props.get("pcc"):
        if ctx.store.find("pcc", props["pcc"]) is None:
            raise invalid(f"Attribute 'pcc': private cross-connect {props['pcc']} does not exist")
        if props["public"]:
            raise invalid(f"Only a private LAN can join a private cross-connect; LAN {lan.id} is public")


def new_lan(ctx, dc, number, values):
    key = f"{dc.id}/{number}"
    lan = ctx.store.insert(Res("lan", str(number), f"{dc.path}/lans/{number}", values, ctx.new_meta(),
                               {"dc": dc.id, "next_host": 0}, key=key))
    ctx.store.modify(dc)
    dc.ext["lans"].append(key)
    dc.ext["next_lan"] = max(dc.ext["next_lan"], number + 1)
    return lan


def ensure_lan(ctx, dc, number, created):
    """The LAN a NIC names; a missing one is created, private, as the API does."""
    lan = ctx.store.find("lan", f"{dc.id}/{number}")
    if lan is None:
        lan = new_lan(ctx, dc, number, build(FIELDS, {}, "LAN"))
        created.append(lan)
    return lan


def move_nic(ctx, dc, lan, nic_id, created):
    from .nics import update_nic
    nic = ctx.store.find("nic", nic_id)
    if nic is None or nic.ext["dc"] != dc.id:
        raise invalid(f"NIC {nic_id} does not exist in datacenter {dc.id}")
    created.extend(update_nic(ctx, dc, nic, {"lan": int(lan.id)}))
    created.append(nic)
    return nic


def create_lan(ctx, dc, props, entities, created):
    values = build(FIELDS, props, "LAN")
    lan = new_lan(ctx, dc, dc.ext["next_lan"], values)
    created.append(lan)
    for item in lookup.items_of(entities, "nics"):
        move_nic(ctx, dc, lan, lookup.ref_id(item), created)
    check_links(ctx, dc, lan)
    return (lan, sent(lan, props), None)


def update_lan(ctx, dc, lan, changes):
    from .nics import check_fixed_ips, reassign_auto_ips
    was_public = lan.props["public"]
    ctx.touch(lan).props.update(changes)
    if lan.props["public"] != was_public:
        # Fixed addresses must suit the LAN's new kind; automatic ones follow.
        for nic in lan_members(ctx.store, lan):
            if not nic.ext.get("auto_ip"):
                check_fixed_ips(ctx, dc, lan, nic.props["ips"], nic.id)
        reassign_auto_ips(ctx, dc, lan)
    check_links(ctx, dc, lan)


@later
def remove_lan(ctx, lan):
    dc = ctx.store.find("datacenter", lan.ext["dc"])
    if dc is not None and lan.key in dc.ext["lans"]:
        ctx.store.modify(dc).ext["lans"].remove(lan.key)
    ctx.store.remove(lan)


@route("GET", "/datacenters/{datacenterId}/lans")
def list_lans(ctx):
    dc = lookup.datacenter(ctx)
    lans = [ctx.store.get("lan", k) for k in dc.ext["lans"]]
    return ctx.listing(f"{dc.id}/lans", f"{dc.path}/lans", lans)


@route("POST", "/datacenters/{datacenterId}/lans")
def post_lan(ctx):
    dc = lookup.datacenter(ctx)
    created = []
    tree = create_lan(ctx, dc, ctx.properties(), ctx.entities(), created)
    ctx.touch(dc)
    return ctx.accepted(tree[0], targets=created, render=lambda: ctx.echo(*tree))


@route("GET", "/datacenters/{datacenterId}/lans/{lanId}")
def get_lan(ctx):
    return ctx.ok(lookup.lan(ctx, lookup.datacenter(ctx)))


@route("PATCH", "/datacenters/{datacenterId}/lans/{lanId}")
@route("PUT", "/datacenters/{datacenterId}/lans/{lanId}")
def change_lan(ctx):
    dc = lookup.datacenter(ctx)
    lan = lookup.lan(ctx, dc)
    update_lan(ctx, dc, lan, changes(ctx, FIELDS, lan.props, "LAN"))
    return ctx.accepted(lan)


@route("DELETE", "/datacenters/{datacenterId}/lans/{lanId}")
def delete_lan(ctx):
    dc = lookup.datacenter(ctx)
    lan = lookup.lan(ctx, dc)
    members = lan_members(ctx.store, lan)
    if members:
        raise invalid(f"LAN {lan.id} is in use by {len(members)} NIC(s); delete them or move them to another LAN first")
    pools = [p.id for p in ctx.store.all("nodepool")
             if p.props["datacenterId"] == dc.id and {"id": int(lan.id)} in p.props["lans"]]
    if pools:
        raise invalid(f"LAN {lan.id} is used by Kubernetes node pool(s) {', '.join(pools)}; remove it from them first")
    ctx.touch(dc)
    return ctx.accepted_later([lan], remove_lan, lan)


@route("GET", "/datacenters/{datacenterId}/lans/{lanId}/nics")
def list_members(ctx):
    dc = lookup.datacenter(ctx)
    lan = lookup.lan(ctx, dc)
    return ctx.listing(f"{lan.id}/nics", f"{lan.path}/nics", lan_members(ctx.store, lan))


@route("POST", "/datacenters/{datacenterId}/lans/{lanId}/nics")
def attach_member(ctx):
    dc = lookup.datacenter(ctx)
    lan = lookup.lan(ctx, dc)
    nic_id = lookup.ref_id(ctx.body_object())
    created = []
    nic = move_nic(ctx, dc, lan, nic_id, created)
    return ctx.accepted(nic, targets=created)


@route("GET", "/datacenters/{datacenterId}/lans/{lanId}/nics/{nicId}")
def get_member(ctx):
    dc = lookup.datacenter(ctx)
    lan = lookup.lan(ctx, dc)
    for nic in lan_members(ctx.store, lan):
        if nic.id == ctx.params["nicId"]:
            return ctx.ok(nic)
    raise not_found()
