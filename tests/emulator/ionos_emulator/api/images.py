"""Images: the public ones of every location and the account's own (which
arrive by FTP upload on the real cloud; here through POST /_emulator/images).
Public images cannot be changed or deleted."""

from ..errors import ApiError
from ..validate import as_bool, as_enum, as_str
from .base import later, route
from .cleanup import forget
from .fields import RO, F, changes

LICENCES = ("UNKNOWN", "WINDOWS", "WINDOWS2016", "WINDOWS2022", "LINUX", "OTHER")
FLAGS = ("cpuHotPlug", "cpuHotUnplug", "ramHotPlug", "ramHotUnplug", "nicHotPlug", "nicHotUnplug",
         "discVirtioHotPlug", "discVirtioHotUnplug", "discScsiHotPlug", "discScsiHotUnplug")

FIELDS = {
    "name": F(as_str),
    "description": F(as_str),
    "location": F(mode=RO),
    "size": F(mode=RO),
    **{flag: F(as_bool, default=False) for flag in FLAGS},
    "licenceType": F(lambda v, n: as_enum(v, n, LICENCES), required=True, nullable=False),
    "imageType": F(mode=RO),
    "public": F(mode=RO),
    "imageAliases": F(mode=RO),
}


def own_image(ctx):
    image = ctx.store.get("image", ctx.params["imageId"])
    if image.props["public"]:
        raise ApiError(403, "Public images cannot be modified or deleted; only your own images can")
    return image


@route("GET", "/images")
def list_images(ctx):
    return ctx.listing("images", "/images", ctx.store.all("image"))


@route("GET", "/images/{imageId}")
def get_image(ctx):
    return ctx.ok(ctx.store.get("image", ctx.params["imageId"]))


@route("PATCH", "/images/{imageId}")
@route("PUT", "/images/{imageId}")
def change_image(ctx):
    image = own_image(ctx)
    ctx.touch(image).props.update(changes(ctx, FIELDS, image.props, "image"))
    return ctx.accepted(image)


@route("DELETE", "/images/{imageId}")
def delete_image(ctx):
    image = own_image(ctx)
    return ctx.accepted_later([image], drop_image, image)


@later
def drop_image(ctx, image):
    for server in ctx.store.all("server"):
        if image.id in server.ext["cdroms"]:
            ctx.touch(server).ext["cdroms"].remove(image.id)
            if (server.props["bootCdrom"] or {}).get("id") == image.id:
                server.props["bootCdrom"] = None
    forget(ctx.store, image)
    ctx.store.remove(image)
