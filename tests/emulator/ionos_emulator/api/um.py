"""User management: groups with privileges, members and shares; users;
the resources of the account."""

import uuid

from ..errors import invalid, not_found
from ..kinds import SHAREABLE, UM_TYPES, owned_by, share_view, um_view
from ..store import Res, iso, new_id
from ..validate import as_bool, as_email, as_str
from . import lookup
from .base import later, route, sent
from .fields import RO, F, build, put
from .s3keys import new_key

PRIVILEGES = ("createDataCenter", "createSnapshot", "reserveIp", "accessActivityLog", "createPcc",
              "s3Privilege", "createBackupUnit", "createInternetAccess", "createK8sCluster")

GROUP_FIELDS = {"name": F(as_str, required=True, nullable=False), **{p: F(as_bool, default=False) for p in PRIVILEGES}}


def user_password(value, name):
    value = as_str(value, name, 256)
    if len(value) < 5:
        raise invalid(f"Attribute '{name}' must be at least 5 characters long")
    return value


USER_FIELDS = {
    "firstname": F(as_str, required=True, nullable=False),
    "lastname": F(as_str, required=True, nullable=False),
    "email": F(as_email, required=True, nullable=False),
    "password": F(user_password),
    "administrator": F(as_bool, default=False),
    "forceSecAuth": F(as_bool, default=False),
    "secAuthActive": F(as_bool, default=False),
    "active": F(as_bool, default=True),
    "s3CanonicalUserId": F(mode=RO),
}
SHARE_FIELDS = {"editPrivilege": F(as_bool, default=False), "sharePrivilege": F(as_bool, default=False)}


# -- groups ----------------------------------------------------------------

def _group(ctx):
    return ctx.store.get("group", ctx.params["groupId"])


def _unique_group_name(ctx, name, group_id=None):
    for group in ctx.store.all("group"):
        if group.props["name"] == name and group.id != group_id:
            raise invalid(f"A group named {name!r} already exists")


@route("GET", "/um/groups")
def list_groups(ctx):
    return ctx.listing("groups", "/um/groups", ctx.store.all("group"))


@route("POST", "/um/groups")
def create_group(ctx):
    props = ctx.properties()
    values = build(GROUP_FIELDS, props, "group")
    _unique_group_name(ctx, values["name"])
    gid = new_id()
    group = ctx.store.insert(Res("group", gid, f"/um/groups/{gid}", values, {}, {"users": [], "shares": {}}))
    return ctx.accepted(group, render=lambda: ctx.echo(group, sent(group, props)))


@route("GET", "/um/groups/{groupId}")
def get_group(ctx):
    return ctx.ok(_group(ctx))


@route("PUT", "/um/groups/{groupId}")
def put_group(ctx):
    group = _group(ctx)
    values = put(GROUP_FIELDS, group.props, ctx.properties(), "group")
    _unique_group_name(ctx, values["name"], group.id)
    ctx.touch(group).props.update(values)
    return ctx.accepted(group)


@route("DELETE", "/um/groups/{groupId}")
def delete_group(ctx):
    group = _group(ctx)
    return ctx.accepted_later([group], drop_group, group)


@later
def drop_group(ctx, group):
    ctx.store.remove(group)


@route("GET", "/um/groups/{groupId}/users")
def list_members(ctx):
    group = _group(ctx)
    users = [ctx.store.get("user", u) for u in group.ext["users"]]
    return ctx.listing(f"{group.id}/users", f"{group.path}/users", users)


@route("POST", "/um/groups/{groupId}/users")
def add_member(ctx):
    group = _group(ctx)
    user_id = lookup.ref_id(ctx.body_object())
    user = ctx.store.find("user", user_id)
    if user is None:
        raise not_found(f"user {user_id}")
    if user.id in group.ext["users"]:
        raise invalid(f"User {user.id} is already a member of group {group.id}")
    ctx.touch(group).ext["users"].append(user.id)
    return ctx.accepted(user, targets=[group])


@route("DELETE", "/um/groups/{groupId}/users/{userId}")
def remove_member(ctx):
    group = _group(ctx)
    if ctx.params["userId"] not in group.ext["users"]:
        raise not_found()
    return ctx.accepted_later([group], leave, group, ctx.params["userId"])


@later
def leave(ctx, group, user_id):
    if user_id in group.ext["users"]:
        ctx.touch(group).ext["users"].remove(user_id)


@route("GET", "/um/groups/{groupId}/resources")
def group_resources(ctx):
    from ..kinds import group_resources as resolve
    group = _group(ctx)
    return ctx.listing(f"{group.id}/resources", f"{group.path}/resources", resolve(ctx.store, group))


# -- shares ----------------------------------------------------------------

def shared_resource(ctx, rid):
    for kind in SHAREABLE:
        res = ctx.store.find(kind, rid)
        if res is not None:
            if kind == "image" and res.props["public"]:
                raise invalid(f"Resource {rid} is a public image; public images cannot be shared")
            return res
    for kind in ctx.store.tables:
        if ctx.store.find(kind, rid) is not None:
            raise invalid(f"Resource {rid} is a {kind}; only {', '.join(SHAREABLE)} can be shared")
    raise not_found(f"resource {rid}")


@route("GET", "/um/groups/{groupId}/shares")
def list_shares(ctx):
    group = _group(ctx)
    shares = [share_view(group, rid) for rid in group.ext["shares"]]
    return ctx.listing(f"{group.id}/shares", f"{group.path}/shares", shares)


@route("GET", "/um/groups/{groupId}/shares/{resourceId}")
def get_share(ctx):
    group = _group(ctx)
    if ctx.params["resourceId"] not in group.ext["shares"]:
        raise not_found()
    return ctx.ok(share_view(group, ctx.params["resourceId"]))


@route("POST", "/um/groups/{groupId}/shares/{resourceId}")
def add_share(ctx):
    group = _group(ctx)
    res = shared_resource(ctx, ctx.params["resourceId"])
    if res.id in group.ext["shares"]:
        raise invalid(f"Resource {res.id} is already shared with group {group.id}")
    values = build(SHARE_FIELDS, ctx.properties(), "share")
    ctx.touch(group).ext["shares"][res.id] = {"kind": res.kind, "props": values}
    return ctx.accepted(group, targets=[group], render=lambda: ctx.r.element(share_view(group, res.id), 0, ctx.t))


@route("PUT", "/um/groups/{groupId}/shares/{resourceId}")
def update_share(ctx):
    group = _group(ctx)
    rid = ctx.params["resourceId"]
    if rid not in group.ext["shares"]:
        raise not_found()
    share = group.ext["shares"][rid]
    values = put(SHARE_FIELDS, share["props"], ctx.properties(), "share")
    ctx.touch(group).ext["shares"][rid]["props"].update(values)
    return ctx.accepted(group, targets=[group], render=lambda: ctx.r.element(share_view(group, rid), 0, ctx.t))


@route("DELETE", "/um/groups/{groupId}/shares/{resourceId}")
def delete_share(ctx):
    group = _group(ctx)
    rid = ctx.params["resourceId"]
    if rid not in group.ext["shares"]:
        raise not_found()
    return ctx.accepted_later([group], unshare, group, rid)


@later
def unshare(ctx, group, rid):
    if rid in group.ext["shares"]:
        ctx.touch(group).ext["shares"].pop(rid)


# -- users -----------------------------------------------------------------

def _user(ctx):
    return ctx.store.get("user", ctx.params["userId"])


def _unique_email(ctx, email, user_id=None):
    for user in ctx.store.all("user"):
        if user.props["email"].lower() == email.lower() and user.id != user_id:
            raise invalid(f"A user with the email {email!r} already exists")


@route("GET", "/um/users")
def list_users(ctx):
    return ctx.listing("users", "/um/users", ctx.store.all("user"))


@route("POST", "/um/users")
def create_user(ctx):
    props = ctx.properties()
    values = build(USER_FIELDS, props, "user")
    if not values["password"]:
        raise invalid("Attribute 'password' is required")
    _unique_email(ctx, values["email"])
    uid = new_id()
    password = values.pop("password")
    values["s3CanonicalUserId"] = uuid.uuid4().hex
    meta = {"etag": uuid.uuid4().hex, "createdDate": iso(ctx.t), "lastLogin": None}
    user = ctx.store.insert(Res("user", uid, f"/um/users/{uid}", values, meta, {"password": password, "s3keys": []}))
    # Every new user gets one S3 key, inactive (wire reference section 7b, PY test_s3key).
    new_key(ctx, user, active=False)
    shown = sent(user, set(props) - {"password"}, forceSecAuth=user.props["forceSecAuth"])
    return ctx.accepted(user, render=lambda: ctx.echo(user, shown))


@route("GET", "/um/users/{userId}")
def get_user(ctx):
    return ctx.ok(_user(ctx))


@route("PUT", "/um/users/{userId}")
def put_user(ctx):
    user = _user(ctx)
    current = {**user.props, "password": None}
    values = put(USER_FIELDS, current, ctx.properties(), "user")
    _unique_email(ctx, values["email"], user.id)
    password = values.pop("password", None)
    if user.ext.get("owner") and not values.get("administrator", True):
        raise invalid("The contract owner is always an administrator")
    ctx.touch(user).props.update(values)
    if password:
        user.ext["password"] = password
    return ctx.accepted(user)


@route("DELETE", "/um/users/{userId}")
def delete_user(ctx):
    user = _user(ctx)
    if user.ext.get("owner"):
        raise invalid("The contract owner cannot be deleted")
    return ctx.accepted_later([user], drop_user, user)


@later
def drop_user(ctx, user):
    for group in ctx.store.all("group"):
        if user.id in group.ext["users"]:
            ctx.store.modify(group).ext["users"].remove(user.id)
    for key_id in user.ext["s3keys"]:
        key = ctx.store.find("s3key", key_id)
        if key is not None:
            ctx.store.remove(key)
    ctx.store.remove(user)


@route("GET", "/um/users/{userId}/groups")
def user_groups(ctx):
    from ..kinds import groups_of
    user = _user(ctx)
    return ctx.listing(f"{user.id}/groups", f"{user.path}/groups", groups_of(ctx.store, user))


@route("GET", "/um/users/{userId}/owns")
def user_owns(ctx):
    user = _user(ctx)
    return ctx.listing(f"{user.id}/owns", f"{user.path}/owns", owned_by(ctx.store, user))


# -- resources -------------------------------------------------------------

def _resources(ctx, kinds):
    out = []
    # Public images too: "all resources that you have access to" (spec; wire reference 7b).
    return [um_view(res) for kind in kinds for res in ctx.store.table(kind).values()]


@route("GET", "/um/resources")
def list_resources(ctx):
    return ctx.listing("resources", "/um/resources", _resources(ctx, UM_TYPES))


def _kind(ctx):
    um_type = ctx.params["resourceType"]
    for kind, name in UM_TYPES.items():
        if name == um_type:
            return kind
    raise not_found(f"resource type {um_type!r}")


@route("GET", "/um/resources/{resourceType}")
def list_resources_of_type(ctx):
    kind = _kind(ctx)
    return ctx.listing("resources", f"/um/resources/{UM_TYPES[kind]}", _resources(ctx, [kind]))


@route("GET", "/um/resources/{resourceType}/{resourceId}")
def get_resource(ctx):
    kind = _kind(ctx)
    return ctx.ok(um_view(ctx.store.get(kind, ctx.params["resourceId"])))
