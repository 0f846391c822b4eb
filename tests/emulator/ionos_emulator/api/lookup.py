"""Finding the resources a path names; anything missing or under another
parent is 404 ``Resource does not exist``, as the API answers."""

from ..errors import invalid, not_found


def datacenter(ctx):
    return ctx.store.get("datacenter", ctx.params["datacenterId"])


def child(ctx, kind, key, parent_key, parent_id):
    res = ctx.store.find(kind, key)
    if res is None or res.ext.get(parent_key) != parent_id:
        raise not_found()
    return res


def server(ctx, dc):
    return child(ctx, "server", ctx.params["serverId"], "dc", dc.id)


def volume(ctx, dc, param="volumeId"):
    return child(ctx, "volume", ctx.params[param], "dc", dc.id)


def nic(ctx, srv):
    return child(ctx, "nic", ctx.params["nicId"], "server", srv.id)


def firewallrule(ctx, n):
    return child(ctx, "firewallrule", ctx.params["firewallruleId"], "nic", n.id)


def lan(ctx, dc, lan_id=None):
    return child(ctx, "lan", f"{dc.id}/{lan_id or ctx.params['lanId']}", "dc", dc.id)


def loadbalancer(ctx, dc):
    return child(ctx, "loadbalancer", ctx.params["loadbalancerId"], "dc", dc.id)


def items_of(entities, name):
    """``entities.<name>.items`` of a create body, checked."""
    coll = entities.get(name)
    if coll is None:
        return []
    if not isinstance(coll, dict) or not isinstance(coll.get("items", []), list):
        raise invalid(f"Attribute 'entities.{name}' must be an object with a list 'items'")
    for item in coll.get("items", []):
        if not isinstance(item, dict):
            raise invalid(f"Every item of 'entities.{name}.items' must be an object")
        for key in ("properties", "entities"):
            if item.get(key) is not None and not isinstance(item[key], dict):
                raise invalid(f"Attribute '{key}' of an item of 'entities.{name}.items' must be an object")
    return coll.get("items", [])


def ref_id(body, name="id"):
    """The id of a ``{"id": ...}`` reference body or item."""
    value = body.get(name) if isinstance(body, dict) else None
    if value is None or value == "":
        raise invalid(f"Attribute '{name}' is required")
    if not isinstance(value, str):
        raise invalid(f"Attribute '{name}' must be a string")
    return value
