"""Volumes of a datacenter: created from an image, an image alias, a snapshot
or empty (then with a licence type); grow only; image, type and zone fixed at
creation; snapshots taken and restored with form bodies."""

import re

from ..errors import invalid, not_found
from ..store import Res, new_id
from ..validate import as_bool, as_enum, as_int, as_list, as_str
from . import lookup
from .base import OMIT, later, route, sent
from .cleanup import forget
from .contracts import limits, storage_used
from .fields import CREATE, RO, F, build, changes

VOLUME_TYPES = ("HDD", "SSD", "SSD Standard", "SSD Premium", "DAS", "ISO")
LICENCES = ("UNKNOWN", "WINDOWS", "WINDOWS2016", "WINDOWS2022", "LINUX", "OTHER")
ZONES = ("AUTO", "ZONE_1", "ZONE_2", "ZONE_3")
BUSES = ("VIRTIO", "IDE", "UNKNOWN")
FLAGS = ("cpuHotPlug", "ramHotPlug", "nicHotPlug", "nicHotUnplug", "discVirtioHotPlug", "discVirtioHotUnplug")
PASSWORD = re.compile(r"^[a-zA-Z0-9]{8,50}$")


def image_password(value, name):
    if not isinstance(value, str) or not PASSWORD.fullmatch(value):
        raise invalid(f"Attribute '{name}' must be 8 to 50 characters long and use only a-z, A-Z and 0-9")
    return value


def ssh_keys(value, name):
    keys = as_list(value, name)
    for key in keys:
        if not isinstance(key, str) or not key.strip():
            raise invalid(f"Attribute '{name}' must be a list of public keys")
    return keys


def size(value, name):
    if isinstance(value, float) and value > 0:
        return int(value) if value.is_integer() else value
    return as_int(value, name, 1)


def enum(choices):
    return lambda value, name: as_enum(value, name, choices)


FIELDS = {
    "name": F(as_str),
    "type": F(enum(VOLUME_TYPES), mode=CREATE, default="HDD"),
    "size": F(size, required=True, nullable=False),
    "availabilityZone": F(enum(ZONES), mode=CREATE, default="AUTO"),
    "image": F(as_str, mode=CREATE),
    "imagePassword": F(image_password, mode=CREATE),
    "imageAlias": F(as_str, mode=CREATE),
    "sshKeys": F(ssh_keys, mode=CREATE),
    "bus": F(enum(BUSES), default="VIRTIO"),
    "licenceType": F(enum(LICENCES)),
    # False unless sent, for a volume without an image (an image's volume takes the image's).
    **{flag: F(as_bool, default=False) for flag in FLAGS},
    "deviceNumber": F(mode=RO),
    "backupunitId": F(as_str, mode=CREATE),
}


def resolve_image(ctx, dc, values):
    """The image or snapshot a new volume starts from, or None."""
    store, location = ctx.store, dc.props["location"]
    if values["image"] and values["imageAlias"]:
        raise invalid("Attributes 'image' and 'imageAlias' are mutually exclusive")
    if values["imageAlias"]:
        for image in store.all("image"):
            if (image.props["public"] and image.props["location"] == location
                    and values["imageAlias"] in image.props["imageAliases"]):
                if image.props["imageType"] != "HDD":
                    raise invalid(f"Attribute 'imageAlias': {values['imageAlias']} names a "
                                  f"{image.props['imageType']} image; a volume needs an HDD image")
                return image
        raise invalid(f"Attribute 'imageAlias' has an unknown value {values['imageAlias']!r} in location {location}")
    if not values["image"]:
        return None
    source = store.find("image", values["image"]) or store.find("snapshot", values["image"])
    if source is None:
        raise invalid(f"Attribute 'image': image or snapshot {values['image']} does not exist")
    if source.props["location"] != location:
        raise invalid(f"Attribute 'image': {values['image']} is in location {source.props['location']}, "
                      f"the datacenter in {location}")
    if source.kind == "image" and source.props["imageType"] != "HDD":
        raise invalid(f"Attribute 'image': {values['image']} is a {source.props['imageType']} image; "
                      "a volume needs an HDD image")
    return source


def check_source(values, source):
    public = source is not None and source.kind == "image" and source.props["public"]
    secrets = values["imagePassword"] or values["sshKeys"]
    if source is None:
        if secrets:
            raise invalid("Attributes 'imagePassword' and 'sshKeys' are only allowed with a public image")
        if not values["licenceType"]:
            raise invalid("Attribute 'licenceType' is required for a volume without an image")
        return
    if public and not secrets:
        raise invalid("Attribute 'imagePassword' or 'sshKeys' is required for a volume from a public image")
    if not public and secrets:
        raise invalid("Attributes 'imagePassword' and 'sshKeys' are only allowed with a public image")
    if values["sshKeys"] and source.props["licenceType"] != "LINUX":
        raise invalid("Attribute 'sshKeys' is only supported with a public Linux image")
    if values["size"] < source.props["size"]:
        raise invalid(f"Attribute 'size' must be at least {source.props['size']:g} GB, the size of image {source.id}")


def check_quota(ctx, values, grow=0):
    if not ctx.quotas:
        return
    quota = limits(ctx.store)
    ssd = values["type"] != "HDD"
    per_volume = quota["ssdLimitPerVolume" if ssd else "hddLimitPerVolume"]
    if values["size"] > per_volume:
        raise invalid(f"Attribute 'size' exceeds the contract's limit of {per_volume} GB per {'SSD' if ssd else 'HDD'} volume")
    total = "ssdLimitPerContract" if ssd else "hddLimitPerContract"
    if storage_used(ctx.store, ssd) + (grow or values["size"]) > quota[total]:
        raise invalid(f"The contract's limit of {quota[total]} GB of {'SSD' if ssd else 'HDD'} storage would be exceeded")


def create_volume(ctx, dc, props, entities, created):
    values = build(FIELDS, props, "volume")
    source = resolve_image(ctx, dc, values)
    check_source(values, source)
    if values["backupunitId"]:
        if source is None:
            raise invalid("Attribute 'backupunitId' needs a public image or an 'imageAlias'")
        if ctx.store.find("backupunit", values["backupunitId"]) is None:
            raise invalid(f"Attribute 'backupunitId': backup unit {values['backupunitId']} does not exist")
    check_quota(ctx, values)
    if source is not None:
        values["image"] = source.id
        values["licenceType"] = source.props["licenceType"]
        for flag in FLAGS:
            values[flag] = source.props[flag]
    # The answer repeats the request, secrets and bus as sent, with an alias resolved to its
    # image and the hot-plug flags of a volume without an image filled (wire reference 7b).
    shown = {k: values[k] for k in set(props) - {"imageAlias"}}
    if values["imageAlias"]:
        shown.update(image=values["image"], imageAlias=OMIT)
    if source is None:
        shown.update((flag, values[flag]) for flag in FLAGS)
    # Secrets are never read back; the bus shows once the volume is attached.
    bus = values["bus"]
    values.update(imagePassword=None, sshKeys=None, bus=None, deviceNumber=None)
    vid = new_id()
    volume = ctx.store.insert(Res("volume", vid, f"{dc.path}/volumes/{vid}", values, ctx.new_meta(),
                                  {"dc": dc.id, "server": None, "bus": bus, "public_image": bool(
                                      source is not None and source.kind == "image" and source.props["public"])}))
    ctx.store.modify(dc).ext["volumes"].append(vid)
    created.append(volume)
    return (volume, shown, None)


@later
def remove_volume(ctx, volume):
    from .servers import detach_volume
    store = ctx.store
    if volume.ext.get("server"):
        server = store.find("server", volume.ext["server"])
        if server is not None:
            detach_volume(ctx, server, volume)
    dc = store.find("datacenter", volume.ext["dc"])
    if dc is not None and volume.id in dc.ext["volumes"]:
        store.modify(dc).ext["volumes"].remove(volume.id)
    forget(ctx.store, volume)
    store.remove(volume)


def update_volume(ctx, volume, changes):
    if "size" in changes and changes["size"] < volume.props["size"]:
        raise invalid(f"Attribute 'size' cannot be decreased: the volume has {volume.props['size']} GB, "
                      f"{changes['size']} GB was asked")
    if "size" in changes and changes["size"] > volume.props["size"]:
        check_quota(ctx, {**volume.props, **changes}, grow=changes["size"] - volume.props["size"])
    if "licenceType" in changes and changes["licenceType"] != volume.props["licenceType"] and volume.ext["public_image"]:
        raise invalid("Attribute 'licenceType' cannot be changed on a volume created from a public image")
    if "licenceType" in changes and changes["licenceType"] is None:
        raise invalid("Attribute 'licenceType' cannot be null")
    ctx.touch(volume)
    for key, value in changes.items():
        if key == "bus":
            volume.ext["bus"] = value or "VIRTIO"
            if volume.ext["server"]:
                volume.props["bus"] = volume.ext["bus"]
        else:
            volume.props[key] = value
    if "size" not in volume.props or volume.props["size"] is None:
        raise invalid("Attribute 'size' is required")


@route("GET", "/datacenters/{datacenterId}/volumes")
def list_volumes(ctx):
    dc = lookup.datacenter(ctx)
    volumes = [ctx.store.get("volume", v) for v in dc.ext["volumes"]]
    return ctx.listing(f"{dc.id}/volumes", f"{dc.path}/volumes", volumes)


@route("POST", "/datacenters/{datacenterId}/volumes")
def post_volume(ctx):
    dc = lookup.datacenter(ctx)
    created = []
    tree = create_volume(ctx, dc, ctx.properties(), {}, created)
    ctx.touch(dc)
    return ctx.accepted(tree[0], targets=created, render=lambda: ctx.echo(*tree))


@route("GET", "/datacenters/{datacenterId}/volumes/{volumeId}")
def get_volume(ctx):
    return ctx.ok(lookup.volume(ctx, lookup.datacenter(ctx)))


def _current(volume):
    """The volume's properties as create-only checks compare them."""
    return {**volume.props, "bus": volume.ext["bus"]}


@route("PATCH", "/datacenters/{datacenterId}/volumes/{volumeId}")
@route("PUT", "/datacenters/{datacenterId}/volumes/{volumeId}")
def change_volume(ctx):
    volume = lookup.volume(ctx, lookup.datacenter(ctx))
    values = changes(ctx, FIELDS, _current(volume), "volume")
    if ctx.method == "PUT" and values.get("licenceType") is None:
        values["licenceType"] = volume.props["licenceType"]
    update_volume(ctx, volume, values)
    return ctx.accepted(volume)


@route("DELETE", "/datacenters/{datacenterId}/volumes/{volumeId}")
def delete_volume(ctx):
    dc = lookup.datacenter(ctx)
    volume = lookup.volume(ctx, dc)
    ctx.touch(dc)
    return ctx.accepted_later([volume], remove_volume, volume)


@route("POST", "/datacenters/{datacenterId}/volumes/{volumeId}/create-snapshot")
def create_snapshot(ctx):
    from .snapshots import FLAGS as SNAPSHOT_FLAGS, new_snapshot
    dc = lookup.datacenter(ctx)
    volume = lookup.volume(ctx, dc)
    form = ctx.form()
    unknown = set(form) - {"name", "description", "licenceType", "secAuthProtection"}
    if unknown:
        raise invalid(f"Unknown form field(s) {', '.join(sorted(unknown))}; create-snapshot takes name, "
                      "description, licenceType and secAuthProtection")
    licence = form.get("licenceType") or volume.props["licenceType"]
    as_enum(licence, "licenceType", LICENCES)
    props = {
        "name": form.get("name"), "location": dc.props["location"],
        # The API's default description (wire reference section 7b).
        "description": form.get("description") or (
            f'Created from "{volume.props["name"]}" in Data Center "{dc.props["name"]}"'),
        "size": volume.props["size"],
        "secAuthProtection": as_bool(form.get("secAuthProtection", "false"), "secAuthProtection"),
        **{flag: volume.props.get(flag, False) for flag in SNAPSHOT_FLAGS}, "licenceType": licence,
    }
    snapshot = new_snapshot(ctx, props)
    ctx.touch(volume)
    shown = sent(snapshot, set(form) | {"location", "licenceType", "description", *SNAPSHOT_FLAGS})
    return ctx.accepted(snapshot, targets=[snapshot, volume], render=lambda: ctx.echo(snapshot, shown))


@route("POST", "/datacenters/{datacenterId}/volumes/{volumeId}/restore-snapshot")
def restore_snapshot(ctx):
    dc = lookup.datacenter(ctx)
    volume = lookup.volume(ctx, dc)
    snapshot_id = ctx.form().get("snapshotId")
    if not snapshot_id:
        raise invalid("Attribute 'snapshotId' is required")
    snapshot = ctx.store.find("snapshot", snapshot_id)
    if snapshot is None:
        raise not_found(f"snapshot {snapshot_id}")
    if snapshot.props["location"] != dc.props["location"]:
        raise invalid(f"Snapshot {snapshot_id} is in location {snapshot.props['location']}; "
                      f"the volume is in {dc.props['location']}")
    if snapshot.props["size"] > volume.props["size"]:
        raise invalid(f"Snapshot {snapshot_id} ({snapshot.props['size']:g} GB) does not fit on the volume "
                      f"({volume.props['size']} GB)")
    # The content changes; no reference shows the volume's properties change.
    ctx.touch(volume)
    return ctx.accepted_empty([volume])
