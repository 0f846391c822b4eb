"""Backup units: a name (letters and digits, unique), an email and a
password that is never read back; plus the single sign-on URL."""

import re
import uuid

from ..errors import invalid
from ..store import Res, new_id
from ..validate import as_email, as_str
from .base import Reply, later, route, sent
from .cleanup import forget
from .fields import F, build, changes

NAME = re.compile(r"^[A-Za-z0-9]+$")


def unit_name(value, name):
    value = as_str(value, name, 64)
    if not NAME.fullmatch(value):
        raise invalid(f"Attribute '{name}' may only contain letters and digits, got {value!r}")
    return value


def password(value, name):
    value = as_str(value, name, 256)
    if len(value) < 5:
        raise invalid(f"Attribute '{name}' must be at least 5 characters long")
    return value


FIELDS = {
    "name": F(unit_name, required=True, nullable=False),
    "password": F(password, required=True),
    "email": F(as_email, required=True, nullable=False),
}


def unique_name(ctx, name):
    if any(u.props["name"] == name for u in ctx.store.all("backupunit")):
        raise invalid(f"A backup unit named {name!r} already exists")


def _current(unit):
    return {**unit.props, "password": None}


def _store_password(unit, values):
    if values.get("password") is not None:
        unit.ext["password"] = values["password"]
    values["password"] = None
    return values


@route("GET", "/backupunits")
def list_units(ctx):
    return ctx.listing("backupunits", "/backupunits", ctx.store.all("backupunit"))


@route("POST", "/backupunits")
def create_unit(ctx):
    props = ctx.properties()
    values = build(FIELDS, props, "backup unit")
    unique_name(ctx, values["name"])
    uid = new_id()
    unit = Res("backupunit", uid, f"/backupunits/{uid}", values, ctx.new_meta(), {})
    ctx.store.insert(unit)
    _store_password(unit, values)
    return ctx.accepted(unit, render=lambda: ctx.echo(unit, sent(unit, props, password=unit.ext["password"])))


@route("GET", "/backupunits/{backupunitId}")
def get_unit(ctx):
    return ctx.ok(ctx.store.get("backupunit", ctx.params["backupunitId"]))


@route("PATCH", "/backupunits/{backupunitId}")
@route("PUT", "/backupunits/{backupunitId}")
def change_unit(ctx):
    unit = ctx.store.get("backupunit", ctx.params["backupunitId"])
    values = changes(ctx, FIELDS, _current(unit), "backup unit")
    if values.get("name") not in (None, unit.props["name"]):
        unique_name(ctx, values["name"])
    ctx.touch(unit).props.update(_store_password(unit, values))
    return ctx.accepted(unit)


@route("DELETE", "/backupunits/{backupunitId}")
def delete_unit(ctx):
    unit = ctx.store.get("backupunit", ctx.params["backupunitId"])
    return ctx.accepted_later([unit], drop_unit, unit)


@later
def drop_unit(ctx, unit):
    forget(ctx.store, unit)
    ctx.store.remove(unit)


@route("GET", "/backupunits/{backupunitId}/ssourl")
def sso_url(ctx):
    unit = ctx.store.get("backupunit", ctx.params["backupunitId"])
    token = uuid.uuid4().hex
    return Reply(200, body={"ssoUrl": f"https://backup.ionos.com/sso?unit={unit.props['name']}&token={token}"})
