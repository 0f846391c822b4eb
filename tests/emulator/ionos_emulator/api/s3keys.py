"""S3 keys of a user: the id is the access key; the secret is shown once,
in the answer to the create; plus the S3 single sign-on URL."""

import secrets
import string
import uuid

from ..errors import invalid, not_found
from ..store import Res, iso
from ..validate import as_bool
from .base import Reply, later, route
from .fields import RO, F, put

FIELDS = {"secretKey": F(mode=RO), "active": F(as_bool, default=True)}
MAX_KEYS = 5
ACCESS_ALPHABET = string.ascii_uppercase + string.digits
SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


def _user(ctx):
    return ctx.store.get("user", ctx.params["userId"])


def _key(ctx, user):
    key_id = ctx.params["keyId"]
    if key_id not in user.ext["s3keys"]:
        raise not_found()
    return ctx.store.get("s3key", key_id)


@route("GET", "/um/users/{userId}/s3keys")
def list_keys(ctx):
    user = _user(ctx)
    keys = [ctx.store.get("s3key", k) for k in user.ext["s3keys"]]
    return ctx.listing(f"{user.id}/s3keys", f"{user.path}/s3keys", keys)


def new_key(ctx, user, active=True):
    """A key of ``user`` and its secret, which only the answer to its create shows."""
    key_id = "".join(secrets.choice(ACCESS_ALPHABET) for unused in range(20))
    secret = "".join(secrets.choice(SECRET_ALPHABET) for unused in range(40))
    key = ctx.store.insert(Res("s3key", key_id, f"{user.path}/s3keys/{key_id}", {"secretKey": None, "active": active},
                               {"etag": uuid.uuid4().hex, "createdDate": iso(ctx.t)}, {"user": user.id}))
    ctx.touch(user).ext["s3keys"].append(key_id)
    return key, secret


@route("POST", "/um/users/{userId}/s3keys")
def create_key(ctx):
    user = _user(ctx)
    if ctx.raw.strip() not in (b"", b"{}"):
        raise invalid("Creating an S3 key takes no request body")
    if len(user.ext["s3keys"]) >= MAX_KEYS:
        raise invalid(f"User {user.id} already has the maximum of {MAX_KEYS} S3 keys")
    key, secret = new_key(ctx, user)

    def render():
        body = ctx.r.element(key, 0, ctx.t)
        return dict(body, properties={"secretKey": secret, "active": True})
    # The hand-written Go SDK, recorded against the live API, expects 201 here
    # (the generated spec says 200); every client accepts 201.
    return ctx.accepted(key, render=render, status=201)


@route("GET", "/um/users/{userId}/s3keys/{keyId}")
def get_key(ctx):
    return ctx.ok(_key(ctx, _user(ctx)))


@route("PUT", "/um/users/{userId}/s3keys/{keyId}")
def put_key(ctx):
    key = _key(ctx, _user(ctx))
    values = put(FIELDS, key.props, ctx.properties(), "S3 key")
    values.pop("secretKey", None)
    ctx.touch(key).props.update(values)
    return ctx.accepted(key)


@route("DELETE", "/um/users/{userId}/s3keys/{keyId}")
def delete_key(ctx):
    user = _user(ctx)
    key = _key(ctx, user)
    return ctx.accepted_later([key], drop_key, user, key)


@later
def drop_key(ctx, user, key):
    ctx.touch(user).ext["s3keys"].remove(key.id)
    ctx.store.remove(key)


@route("GET", "/um/users/{userId}/s3ssourl")
def sso_url(ctx):
    user = _user(ctx)
    return Reply(200, body={"ssoUrl": f"https://dcd.ionos.com/s3/sso?user={user.props['s3CanonicalUserId']}"
                                      f"&token={uuid.uuid4().hex}"})
