"""Servers: created with new or existing volumes and NICs in one request;
attached volumes and CD-ROMs; start, stop, reboot and upgrade. Stopping a
server gives back its DHCP public IPs; starting it takes new ones."""

from ..errors import invalid, not_found
from ..store import Res, new_id
from ..validate import as_enum, as_int, as_ref_id, as_str
from . import lookup
from .base import later, route, sent
from .cleanup import forget
from .contracts import compute_used, limits
from .fields import RO, F, build, changes
from .nics import auto_ips, create_nic, remove_nic
from .volumes import create_volume

ZONES = ("AUTO", "ZONE_1", "ZONE_2")
CPU_FAMILIES = ("AMD_OPTERON", "INTEL_XEON", "INTEL_SKYLAKE")


def ram(value, name):
    value = as_int(value, name, 256)
    if value % 256:
        raise invalid(f"Attribute '{name}' must be a multiple of 256 MB, got {value}")
    return value


def ref(value, name):
    return {"id": as_ref_id(value, name)}


FIELDS = {
    "name": F(as_str),
    "cores": F(lambda v, n: as_int(v, n, 1), required=True, nullable=False),
    "ram": F(ram, required=True, nullable=False),
    "availabilityZone": F(lambda v, n: as_enum(v, n, ZONES), default="AUTO"),
    "vmState": F(mode=RO),
    "bootCdrom": F(ref),
    "bootVolume": F(ref),
    "cpuFamily": F(lambda v, n: as_enum(v, n, CPU_FAMILIES), default="AMD_OPTERON"),
}


def check_capacity(ctx, dc, values, before=None):
    families = ctx.store.get("location", dc.props["location"]).ext["cpuFamilies"]
    if values["cpuFamily"] not in families:
        raise invalid(f"Attribute 'cpuFamily': {values['cpuFamily']} is not available in {dc.props['location']}; "
                      f"choose one of {', '.join(families)}")
    if not ctx.quotas:
        return
    quota = limits(ctx.store)
    cores, ram = compute_used(ctx.store)
    if values["cores"] > quota["coresPerServer"]:
        raise invalid(f"Attribute 'cores' exceeds the contract's limit of {quota['coresPerServer']} cores per server")
    if values["ram"] > quota["ramPerServer"]:
        raise invalid(f"Attribute 'ram' exceeds the contract's limit of {quota['ramPerServer']} MB per server")
    old_cores, old_ram = (before["cores"], before["ram"]) if before else (0, 0)
    if cores - old_cores + values["cores"] > quota["coresPerContract"]:
        raise invalid(f"The contract's limit of {quota['coresPerContract']} cores would be exceeded")
    if ram - old_ram + values["ram"] > quota["ramPerContract"]:
        raise invalid(f"The contract's limit of {quota['ramPerContract']} MB of RAM would be exceeded")


def volume_ref(ctx, volume):
    return {"id": volume.id, "type": "volume", "href": volume.path}


def attach_volume(ctx, server, volume):
    if volume.ext["dc"] != server.ext["dc"]:
        raise invalid(f"Volume {volume.id} is not in the server's datacenter")
    if volume.ext["server"] == server.id:
        raise invalid(f"Volume {volume.id} is already attached to this server")
    if volume.ext["server"]:
        raise invalid(f"Volume {volume.id} is already attached to server {volume.ext['server']}")
    store = ctx.store
    used = {store.get("volume", v).props["deviceNumber"] for v in server.ext["volumes"]}
    number = next(n for n in range(1, 1000) if n not in used)
    ctx.touch(volume)
    volume.ext["server"] = server.id
    volume.props.update(deviceNumber=number, bus=volume.ext["bus"])
    ctx.touch(server).ext["volumes"].append(volume.id)
    if not server.props["bootVolume"] and not server.props["bootCdrom"]:
        server.props["bootVolume"] = volume_ref(ctx, volume)


def detach_volume(ctx, server, volume):
    ctx.touch(volume)
    volume.ext["server"] = None
    volume.props.update(deviceNumber=None, bus=None)
    ctx.touch(server).ext["volumes"].remove(volume.id)
    if (server.props["bootVolume"] or {}).get("id") == volume.id:
        server.props["bootVolume"] = None


def cdrom_image(ctx, dc, image_id, name="id"):
    image = ctx.store.find("image", image_id)
    if image is None:
        raise invalid(f"Attribute '{name}': image {image_id} does not exist")
    if image.props["imageType"] != "CDROM":
        raise invalid(f"Attribute '{name}': image {image_id} is not a CD-ROM image")
    if image.props["location"] != dc.props["location"]:
        raise invalid(f"Attribute '{name}': image {image_id} is in {image.props['location']}, "
                      f"the datacenter in {dc.props['location']}")
    return image


def set_boot(ctx, server, values):
    """Apply bootVolume / bootCdrom changes; one of them at most."""
    boot_volume, boot_cdrom = values.get("bootVolume"), values.get("bootCdrom")
    if boot_volume and boot_cdrom:
        raise invalid("Attributes 'bootVolume' and 'bootCdrom' are mutually exclusive")
    if boot_volume:
        if boot_volume["id"] not in server.ext["volumes"]:
            raise invalid(f"Attribute 'bootVolume': volume {boot_volume['id']} is not attached to the server")
        server.props["bootVolume"] = volume_ref(ctx, ctx.store.get("volume", boot_volume["id"]))
        server.props["bootCdrom"] = None
    elif boot_cdrom:
        if boot_cdrom["id"] not in server.ext["cdroms"]:
            raise invalid(f"Attribute 'bootCdrom': CD-ROM {boot_cdrom['id']} is not attached to the server")
        image = ctx.store.get("image", boot_cdrom["id"])
        server.props["bootCdrom"] = {"id": image.id, "type": "image", "href": image.path}
        server.props["bootVolume"] = None
    else:
        for key in ("bootVolume", "bootCdrom"):
            if key in values:
                server.props[key] = None


def create_server(ctx, dc, props, entities, created):
    values = build(FIELDS, props, "server")
    if values["bootVolume"] and values["bootCdrom"]:
        raise invalid("Attributes 'bootVolume' and 'bootCdrom' are mutually exclusive")
    check_capacity(ctx, dc, values)
    sid = new_id()
    boot = {"bootVolume": values["bootVolume"], "bootCdrom": values["bootCdrom"]}
    values.update(vmState="RUNNING", bootVolume=None, bootCdrom=None)
    server = ctx.store.insert(Res("server", sid, f"{dc.path}/servers/{sid}", values, ctx.new_meta(),
                                  {"dc": dc.id, "nics": [], "volumes": [], "cdroms": []}))
    ctx.store.modify(dc).ext["servers"].append(sid)
    created.append(server)
    if boot["bootCdrom"]:
        server.ext["cdroms"].append(cdrom_image(ctx, dc, boot["bootCdrom"]["id"], "bootCdrom").id)
    volume_trees = []
    for item in lookup.items_of(entities, "volumes"):
        if "properties" in item:
            tree = create_volume(ctx, dc, item.get("properties") or {}, {}, created)
        else:
            existing = ctx.store.find("volume", lookup.ref_id(item))
            if existing is None or existing.ext["dc"] != dc.id:
                raise invalid(f"Volume {item.get('id')} does not exist in datacenter {dc.id}")
            tree = existing  # a reference sent, a reference repeated
            created.append(existing)
        attach_volume(ctx, server, tree if isinstance(tree, Res) else tree[0])
        volume_trees.append(tree)
    nic_trees = [create_nic(ctx, dc, server, item.get("properties") or {}, item.get("entities") or {}, created)
                 for item in lookup.items_of(entities, "nics")]
    if boot["bootVolume"] or boot["bootCdrom"]:
        set_boot(ctx, server, boot)
    children = {}
    if volume_trees:
        children["volumes"] = volume_trees
    if nic_trees:
        children["nics"] = nic_trees
    return (server, sent(server, set(props) - {"bootVolume", "bootCdrom"}), children)


@later
def remove_server(ctx, server):
    store = ctx.store
    for nid in list(server.ext["nics"]):
        remove_nic(ctx, store.get("nic", nid))
    for vid in list(server.ext["volumes"]):
        detach_volume(ctx, server, store.get("volume", vid))
    dc = store.find("datacenter", server.ext["dc"])
    if dc is not None and server.id in dc.ext["servers"]:
        store.modify(dc).ext["servers"].remove(server.id)
    forget(ctx.store, server)
    store.remove(server)


def public_dhcp_nics(ctx, server):
    for nid in server.ext["nics"]:
        nic = ctx.store.get("nic", nid)
        lan = ctx.store.find("lan", f"{server.ext['dc']}/{nic.props['lan']}")
        if lan is not None and lan.props["public"] and nic.props["dhcp"] and nic.ext.get("auto_ip"):
            yield nic, lan


def update_server(ctx, dc, server, changes):
    merged = {**server.props, **changes}
    if any(k in changes for k in ("cores", "ram", "cpuFamily")):
        check_capacity(ctx, dc, merged, before=server.props)
    ctx.touch(server)
    for key in ("name", "cores", "ram", "availabilityZone", "cpuFamily"):
        if key in changes:
            server.props[key] = changes[key]
    if "bootVolume" in changes or "bootCdrom" in changes:
        set_boot(ctx, server, changes)


def _server(ctx):
    dc = lookup.datacenter(ctx)
    return dc, lookup.server(ctx, dc)


@route("GET", "/datacenters/{datacenterId}/servers")
def list_servers(ctx):
    dc = lookup.datacenter(ctx)
    servers = [ctx.store.get("server", s) for s in dc.ext["servers"]]
    if ctx.query.get("upgradeNeeded", "").lower() == "true":
        servers = []
    return ctx.listing(f"{dc.id}/servers", f"{dc.path}/servers", servers)


@route("POST", "/datacenters/{datacenterId}/servers")
def post_server(ctx):
    dc = lookup.datacenter(ctx)
    created = []
    tree = create_server(ctx, dc, ctx.properties(), ctx.entities(), created)
    ctx.touch(dc)
    return ctx.accepted(tree[0], targets=created, render=lambda: ctx.echo(*tree))


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}")
def get_server(ctx):
    return ctx.ok(_server(ctx)[1])


@route("PATCH", "/datacenters/{datacenterId}/servers/{serverId}")
@route("PUT", "/datacenters/{datacenterId}/servers/{serverId}")
def change_server(ctx):
    dc, server = _server(ctx)
    update_server(ctx, dc, server, changes(ctx, FIELDS, server.props, "server"))
    return ctx.accepted(server)


@route("DELETE", "/datacenters/{datacenterId}/servers/{serverId}")
def delete_server(ctx):
    dc, server = _server(ctx)
    ctx.touch(dc)
    return ctx.accepted_later([server], remove_server, server)


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/start")
def start_server(ctx):
    dc, server = _server(ctx)
    if server.props["vmState"] != "RUNNING":
        ctx.touch(server).props["vmState"] = "RUNNING"
        for nic, lan in public_dhcp_nics(ctx, server):
            if not nic.props["ips"]:
                ctx.touch(nic).props["ips"] = auto_ips(ctx, dc, lan)
    return ctx.accepted_empty([server])


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/stop")
def stop_server(ctx):
    dc, server = _server(ctx)
    if server.props["vmState"] != "SHUTOFF":
        ctx.touch(server).props["vmState"] = "SHUTOFF"
        for nic, lan in public_dhcp_nics(ctx, server):
            ctx.touch(nic).props["ips"] = []
    return ctx.accepted_empty([server])


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/reboot")
def reboot_server(ctx):
    dc, server = _server(ctx)
    ctx.touch(server)
    return ctx.accepted_empty([server])


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/upgrade")
def upgrade_server(ctx):
    dc, server = _server(ctx)
    return ctx.accepted_empty([server])


# -- attached volumes ------------------------------------------------------

@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/volumes")
def list_attached(ctx):
    dc, server = _server(ctx)
    volumes = [ctx.store.get("volume", v) for v in server.ext["volumes"]]
    return ctx.listing(f"{server.id}/volumes", f"{server.path}/volumes", volumes)


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/volumes")
def attach(ctx):
    dc, server = _server(ctx)
    volume_id = lookup.ref_id(ctx.body_object())
    volume = ctx.store.find("volume", volume_id)
    if volume is None or volume.ext["dc"] != dc.id:
        raise not_found(f"volume {volume_id}")
    # The answer shows the volume as it was before the attach: no bus, no device number yet
    # (wire reference section 7b).
    before = dict(volume.props)
    attach_volume(ctx, server, volume)
    return ctx.accepted(volume, targets=[volume, server], render=lambda: ctx.r.element(volume, 0, ctx.t, props=before))


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}")
def get_attached(ctx):
    dc, server = _server(ctx)
    if ctx.params["volumeId"] not in server.ext["volumes"]:
        raise not_found()
    return ctx.ok(ctx.store.get("volume", ctx.params["volumeId"]))


@route("DELETE", "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}")
def detach(ctx):
    dc, server = _server(ctx)
    if ctx.params["volumeId"] not in server.ext["volumes"]:
        raise not_found()
    volume = ctx.store.get("volume", ctx.params["volumeId"])
    return ctx.accepted_later([volume, server], unplug, server, volume)


@later
def unplug(ctx, server, volume):
    if volume.id in server.ext["volumes"]:
        detach_volume(ctx, server, volume)


# -- CD-ROMs ---------------------------------------------------------------

@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/cdroms")
def list_cdroms(ctx):
    dc, server = _server(ctx)
    images = [ctx.store.get("image", i) for i in server.ext["cdroms"]]
    return ctx.listing(f"{server.id}/cdroms", f"{server.path}/cdroms", images)


@route("POST", "/datacenters/{datacenterId}/servers/{serverId}/cdroms")
def attach_cdrom(ctx):
    dc, server = _server(ctx)
    image_id = lookup.ref_id(ctx.body_object())
    image = cdrom_image(ctx, dc, image_id)
    if image.id in server.ext["cdroms"]:
        raise invalid(f"CD-ROM {image.id} is already attached to this server")
    ctx.touch(server).ext["cdroms"].append(image.id)
    return ctx.accepted(image, targets=[server])


@route("GET", "/datacenters/{datacenterId}/servers/{serverId}/cdroms/{cdromId}")
def get_cdrom(ctx):
    dc, server = _server(ctx)
    if ctx.params["cdromId"] not in server.ext["cdroms"]:
        raise not_found()
    return ctx.ok(ctx.store.get("image", ctx.params["cdromId"]))


@route("DELETE", "/datacenters/{datacenterId}/servers/{serverId}/cdroms/{cdromId}")
def detach_cdrom(ctx):
    dc, server = _server(ctx)
    image_id = ctx.params["cdromId"]
    if image_id not in server.ext["cdroms"]:
        raise not_found()
    return ctx.accepted_later([server], eject, server, image_id)


@later
def eject(ctx, server, image_id):
    if image_id in server.ext["cdroms"]:
        ctx.touch(server).ext["cdroms"].remove(image_id)
        if (server.props["bootCdrom"] or {}).get("id") == image_id:
            server.props["bootCdrom"] = None
