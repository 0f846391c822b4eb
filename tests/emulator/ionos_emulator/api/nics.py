"""NICs of a server: a NIC on a LAN that does not exist creates that LAN;
public LANs take public IPs (DHCP ones from the location, fixed ones only
from the account's reserved IP blocks), private LANs private ones."""

from ..errors import invalid
from ..network import mac, private_ip, public_ip
from ..store import Res, new_id
from ..validate import as_bool, as_int, as_ipv4, as_list, as_str, is_private
from . import lookup
from .base import later, route, sent
from .fields import RO, F, build, changes
from .firewallrules import create_rule, remove_rule


def ip_list(value, name):
    ips = [as_ipv4(ip, name) for ip in as_list(value, name)]
    if len(set(ips)) != len(ips):
        raise invalid(f"Attribute '{name}' lists an IP address twice")
    return ips


FIELDS = {
    "name": F(as_str),
    "mac": F(mode=RO),
    "ips": F(ip_list, default=list),
    "dhcp": F(as_bool, default=True),
    "lan": F(lambda v, n: as_int(v, n, 1, 4095), required=True, nullable=False),
    "firewallActive": F(as_bool, default=False),
    "nat": F(as_bool, default=False),
}


def reserved_ips(store, location):
    return {ip for block in store.all("ipblock") if block.props["location"] == location for ip in block.props["ips"]}


def check_fixed_ips(ctx, dc, lan, ips, nic_id):
    """Fixed IPs must fit the LAN and not be taken elsewhere (the same public
    IP on several NICs of one LAN is how IP failover works)."""
    store = ctx.store
    public = lan.props["public"]
    reserved = reserved_ips(store, dc.props["location"]) if public else set()
    # A load balancer's address is shared by every NIC it balances and is
    # governed by the load balancer.
    balanced = {lb.props["ip"] for lb in store.all("loadbalancer") if nic_id in lb.ext["nics"]}
    ips = [ip for ip in ips if ip not in balanced]
    for ip in ips:
        if public and ip not in reserved:
            raise invalid(f"IP {ip} is not part of a reserved IP block in location {dc.props['location']}; "
                          "fixed IPs on a public LAN must come from a reserved IP block")
        if not public and not is_private(ip):
            raise invalid(f"IP {ip} is not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) "
                          f"and cannot be used on private LAN {lan.id}")
    wanted = set(ips)
    for other in store.all("nic"):
        if other.id == nic_id or not wanted & set(other.props.get("ips") or ()):
            continue
        same_lan = other.ext["dc"] == dc.id and other.props["lan"] == int(lan.id)
        if public and same_lan:
            continue
        if not public and other.ext["dc"] != dc.id:
            continue
        taken = sorted(wanted & set(other.props["ips"]))
        raise invalid(f"IP {taken[0]} is already used by NIC {other.id}")


def auto_ips(ctx, dc, lan):
    if lan.props["public"]:
        return [public_ip(ctx.store, dc.props["location"])]
    return [private_ip(ctx.store, dc, ctx.store.modify(lan))]


def set_ips(ctx, dc, lan, nic, ips):
    """Give ``nic`` the ``ips`` the client asked for, or one automatic address."""
    if ips:
        check_fixed_ips(ctx, dc, lan, ips, nic.id)
        nic.props["ips"] = ips
        nic.ext["auto_ip"] = False
    else:
        nic.props["ips"] = auto_ips(ctx, dc, lan)
        nic.ext["auto_ip"] = True


def reassign_auto_ips(ctx, dc, lan):
    """After a LAN turns public or private, automatic addresses follow."""
    from ..kinds import lan_members
    for nic in lan_members(ctx.store, lan):
        if nic.ext.get("auto_ip"):
            ctx.touch(nic).props["ips"] = auto_ips(ctx, dc, lan)


def create_nic(ctx, dc, server, props, entities, created):
    from .lans import ensure_lan
    values = build(FIELDS, props, "NIC")
    lan = ensure_lan(ctx, dc, values["lan"], created)
    nic_id = new_id()
    values["mac"] = mac(ctx.store)
    nic = Res("nic", nic_id, f"{server.path}/nics/{nic_id}", values, ctx.new_meta(),
              {"dc": dc.id, "server": server.id, "firewallrules": [], "auto_ip": True})
    set_ips(ctx, dc, lan, nic, values["ips"])
    ctx.store.insert(nic)
    ctx.store.modify(server).ext["nics"].append(nic_id)
    created.append(nic)
    rules = [create_rule(ctx, nic, item.get("properties") or {}, created)
             for item in lookup.items_of(entities, "firewallrules")]
    # The answer repeats the addresses sent, or none yet (wire reference section 7b).
    shown = sent(nic, props, **({} if "ips" in props else {"ips": []}))
    return (nic, shown, {"firewallrules": rules} if rules else None)


def update_nic(ctx, dc, nic, changes):
    from .lans import ensure_lan
    created = []
    lan_number = changes.get("lan", nic.props["lan"])
    lan = ensure_lan(ctx, dc, lan_number, created)
    ctx.touch(nic)
    moved = lan_number != nic.props["lan"]
    for key in ("name", "dhcp", "firewallActive", "nat", "lan"):
        if key in changes:
            nic.props[key] = changes[key]
    if "ips" in changes:
        set_ips(ctx, dc, lan, nic, changes["ips"] or [])
    elif moved:
        set_ips(ctx, dc, lan, nic, [] if nic.ext.get("auto_ip") else nic.props["ips"])
    drop_failover(ctx, nic, keep_lan=nic.props["lan"], keep_ips=nic.props["ips"])
    return created


def drop_failover(ctx, nic, keep_lan=None, keep_ips=()):
    """IP failover entries of ``nic`` that no longer hold: it left the LAN,
    lost the IP, or is gone."""
    for lan in ctx.store.all("lan"):
        failover = lan.props.get("ipFailover") or []
        kept = [e for e in failover if e["nicUuid"] != nic.id
                or (lan.ext["dc"] == nic.ext["dc"] and int(lan.id) == keep_lan and e["ip"] in keep_ips)]
        if len(kept) != len(failover):
            ctx.touch(lan).props["ipFailover"] = kept


@later
def remove_nic(ctx, nic):
    store = ctx.store
    for rid in list(nic.ext["firewallrules"]):
        remove_rule(ctx, store.get("firewallrule", rid))
    for lb in store.all("loadbalancer"):
        if nic.id in lb.ext["nics"]:
            store.modify(lb).ext["nics"].remove(nic.id)
    drop_failover(ctx, nic)
    server = store.find("server", nic.ext["server"])
    if server is not None and nic.id in server.ext["nics"]:
        store.modify(server).ext["nics"].remove(nic.id)
    store.remove(nic)


def _server(ctx):
    dc = lookup.datacenter(ctx)
    return dc, lookup.server(ctx, dc)


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/nics")
def list_nics(ctx):
    dc, server = _server(ctx)
    nics = [ctx.store.get("nic", n) for n in server.ext["nics"]]
    return ctx.listing(f"{server.id}/nics", f"{server.path}/nics", nics)


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/nics")
def post_nic(ctx):
    dc, server = _server(ctx)
    created = []
    tree = create_nic(ctx, dc, server, ctx.properties(), ctx.entities(), created)
    ctx.touch(server)
    return ctx.accepted(tree[0], targets=created, render=lambda: ctx.echo(*tree))


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}")
def get_nic(ctx):
    dc, server = _server(ctx)
    return ctx.ok(lookup.nic(ctx, server))


@route("PATCH", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}")
@route("PUT", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}")
def change_nic(ctx):
    dc, server = _server(ctx)
    nic = lookup.nic(ctx, server)
    created = update_nic(ctx, dc, nic, changes(ctx, FIELDS, nic.props, "NIC"))
    return ctx.accepted(nic, targets=[nic] + created)


@route("DELETE", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}")
def delete_nic(ctx):
    dc, server = _server(ctx)
    nic = lookup.nic(ctx, server)
    ctx.touch(server)
    return ctx.accepted_later([nic], remove_nic, nic)
