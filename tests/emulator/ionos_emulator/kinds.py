"""What each kind of resource looks like on the wire: its ``type`` string,
its metadata flavour, its child collections (under ``entities``) and the
properties computed at read time rather than stored."""

from dataclasses import dataclass

from .store import Res

# Resource kinds that /um/resources lists and a group can be shared.
UM_TYPES = {
    "datacenter": "datacenter",
    "image": "image",
    "snapshot": "snapshot",
    "ipblock": "ipblock",
    "k8s": "k8s",
    "pcc": "pcc",
    "backupunit": "backupunit",
}
SHAREABLE = ("datacenter", "image", "snapshot", "ipblock", "k8s", "pcc", "backupunit")


@dataclass
class Kind:
    type: str
    meta: str = "element"  # element | none | user | s3key | node | nostate
    collections: tuple = ()  # (name, resolver(store, res) -> [Res])
    computed: object = None  # (store, res) -> dict merged over props at read time; never cached
    # Properties holding a reference {id, type, href}; the store keeps the
    # href relative to the API base, the answer makes it absolute.
    refs: tuple = ()
    # References a read at depth >= 1 shows as the whole element, less some properties:
    # (property, kind of the target, properties left out).
    expanded: tuple = ()


def owned(kind, ext_key):
    def resolve(store, res):
        table = store.table(kind)
        return [table[k] for k in res.ext.get(ext_key, ()) if k in table]
    return resolve


def lan_members(store, lan):
    dc = store.find("datacenter", lan.ext["dc"])
    if dc is None:
        return []
    number = int(lan.id)
    servers, nics = store.table("server"), store.table("nic")
    out = []
    for sid in dc.ext["servers"]:
        server = servers.get(sid)
        if server is None:
            continue
        for nid in server.ext["nics"]:
            nic = nics.get(nid)
            if nic is not None and nic.props["lan"] == number:
                out.append(nic)
    return out


def um_view(res):
    """A resource as /um/resources, group resources and user owns show it: with its own
    type (``datacenter``, ``image``, ...; wire reference section 7b)."""
    um_type = UM_TYPES[res.kind]
    view = Res("um:" + res.kind, res.id, f"/um/resources/{um_type}/{res.id}",
               {"name": res.props.get("name"), "secAuthProtection": res.props.get("secAuthProtection", False)},
               res.meta, {"of": res.key, "kind": res.kind})
    view.timeline = res.timeline
    view.final_state = res.final_state
    return view


def share_view(group, rid):
    return Res("share", rid, f"{group.path}/shares/{rid}", dict(group.ext["shares"][rid]["props"]))


def groups_with_resource(store, view):
    rid = view.id
    return [g for g in store.all("group") if rid in g.ext["shares"]]


def group_resources(store, group):
    out = []
    for rid, share in group.ext["shares"].items():
        res = store.find(share["kind"], rid)
        if res is not None:
            out.append(um_view(res))
    return out


def owned_by(store, user):
    out = []
    for kind in UM_TYPES:
        for res in store.table(kind).values():
            if res.meta.get("createdByUserId") == user.id and (kind != "image" or not res.props.get("public")):
                out.append(um_view(res))
    return out


def groups_of(store, user):
    return [g for g in store.all("group") if user.id in g.ext["users"]]


def ipblock_consumers(store, block):
    ips = set(block.props["ips"])
    consumers = []
    for nic in store.table("nic").values():
        for ip in nic.props.get("ips") or ():
            if ip in ips:
                server = store.find("server", nic.ext["server"])
                dc = store.find("datacenter", nic.ext["dc"])
                consumers.append({
                    "ip": ip, "mac": nic.props["mac"], "nicId": nic.id,
                    "serverId": server.id if server else None,
                    "serverName": server.props["name"] if server else None,
                    "datacenterId": dc.id if dc else None,
                    "datacenterName": dc.props["name"] if dc else None,
                })
    for lb in store.table("loadbalancer").values():
        if lb.props.get("ip") in ips:
            dc = store.find("datacenter", lb.ext["dc"])
            consumers.append({"ip": lb.props["ip"], "datacenterId": dc.id if dc else None,
                              "datacenterName": dc.props["name"] if dc else None})
    for pool in store.table("nodepool").values():
        for ip in pool.props.get("publicIps") or ():
            if ip in ips:
                consumers.append({"ip": ip, "k8sNodePoolUuid": pool.id, "k8sClusterUuid": pool.ext["cluster"]})
    return {"ipConsumers": consumers}


def pcc_links(store, pcc):
    peers = []
    for lan in store.table("lan").values():
        if lan.props.get("pcc") == pcc.id:
            dc = store.find("datacenter", lan.ext["dc"])
            peers.append({"id": lan.id, "name": lan.props.get("name"), "datacenterId": dc.id,
                          "datacenterName": dc.props.get("name"), "location": dc.props["location"]})
    peer_locations = {p["location"] for p in peers}
    connectable = [
        {"id": dc.id, "name": dc.props.get("name"), "location": dc.props["location"]}
        for dc in store.table("datacenter").values()
        if not peer_locations or dc.props["location"] in peer_locations
    ]
    return {"peers": peers, "connectableDatacenters": connectable}


KINDS = {
    "datacenter": Kind("datacenter", collections=(
        ("servers", owned("server", "servers")),
        ("volumes", owned("volume", "volumes")),
        ("loadbalancers", owned("loadbalancer", "loadbalancers")),
        ("lans", owned("lan", "lans")),
    )),
    # A server read at depth >= 1 carries its boot volume whole, without the zone and the keys
    # (wire reference section 7b).
    "server": Kind("server", refs=("bootVolume", "bootCdrom"),
                   expanded=(("bootVolume", "volume", ("availabilityZone", "sshKeys")),), collections=(
        ("cdroms", owned("image", "cdroms")),
        ("volumes", owned("volume", "volumes")),
        ("nics", owned("nic", "nics")),
    )),
    "volume": Kind("volume"),
    "nic": Kind("nic", collections=(("firewallrules", owned("firewallrule", "firewallrules")),)),
    "firewallrule": Kind("firewall-rule"),
    "lan": Kind("lan", collections=(("nics", lan_members),)),
    "loadbalancer": Kind("loadbalancer", collections=(("balancednics", owned("nic", "nics")),)),
    "image": Kind("image"),
    "snapshot": Kind("snapshot"),
    "ipblock": Kind("ipblock", computed=ipblock_consumers),
    "location": Kind("location"),
    "pcc": Kind("pcc", computed=pcc_links),
    "backupunit": Kind("backupunit"),
    "k8s": Kind("k8s", collections=(("nodepools", owned("nodepool", "nodepools")),)),
    "nodepool": Kind("nodepool"),
    "node": Kind("node", meta="node"),
    "group": Kind("group", meta="none", collections=(
        ("users", owned("user", "users")),
        ("resources", group_resources),
    )),
    "user": Kind("user", meta="user", collections=(("owns", owned_by), ("groups", groups_of))),
    "s3key": Kind("s3key", meta="s3key"),
    "label": Kind("label", meta="nostate"),
    **{"um:" + kind: Kind(um_type, collections=(("groups", groups_with_resource),))
       for kind, um_type in UM_TYPES.items()},
    "share": Kind("resource", meta="none"),
}
