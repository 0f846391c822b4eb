"""Depth rendering, one rule for every resource and collection.

``element(E, d)``: a reference ``{id, type, href}`` when ``d < 0``, else the
full element whose child collections are ``{id, type, href}`` plus
``items = [element(child, d - 2)]`` when ``d >= 1``. A collection read at
depth ``d`` holds ``[element(child, d - 1)]``. This reproduces the SDK
README's depth table and the worked example of the wire reference.
"""

from .kinds import KINDS


def page_links(href, offset, limit, total):
    """``_links`` of a paginated collection."""
    links = {"self": f"{href}?offset={offset}&limit={limit}"}
    if offset > 0:
        links["prev"] = f"{href}?offset={max(0, offset - limit)}&limit={limit}"
    if offset + limit < total:
        links["next"] = f"{href}?offset={offset + limit}&limit={limit}"
    return links


class Renderer:
    def __init__(self, store, base):
        self.store = store
        self.base = base  # absolute API base, e.g. http://127.0.0.1:18080/cloudapi/v5

    def ref(self, res):
        return {"id": res.id, "type": KINDS[res.kind].type, "href": self.base + res.path}

    def metadata(self, res, style, t):
        meta = res.meta
        if style == "element":
            out = dict(meta)
            out["state"] = res.state(t)
            return out
        if style == "user":
            return {"etag": meta.get("etag"), "createdDate": meta.get("createdDate"), "lastLogin": meta.get("lastLogin")}
        if style == "s3key":
            return {"etag": meta.get("etag"), "createdDate": meta.get("createdDate")}
        if style == "node":
            return {"etag": meta.get("etag"), "createdDate": meta.get("createdDate"),
                    "lastModifiedDate": meta.get("lastModifiedDate"), "state": res.state(t),
                    "lastSoftwareUpdatedDate": meta.get("lastSoftwareUpdatedDate")}
        if style == "nostate":
            return dict(meta)
        return None

    def base_element(self, res, t, props=None):
        kind = KINDS[res.kind]
        if props is None and res.cache is not None and res.settled(t):
            return res.cache
        out = {"id": res.id, "type": kind.type, "href": self.base + res.path}
        meta = self.metadata(res, kind.meta, t)
        if meta is not None:
            out["metadata"] = meta
        if props is not None:
            out["properties"] = dict(props)
            for name in kind.refs:
                if props.get(name):
                    out["properties"][name] = dict(props[name], href=self.base + props[name]["href"])
            return out
        props = res.props
        if kind.refs:
            props = dict(props)
            for name in kind.refs:
                if props.get(name):
                    props[name] = dict(props[name], href=self.base + props[name]["href"])
        if kind.computed is not None:
            out["properties"] = {**props, **kind.computed(self.store, res)}
        else:
            out["properties"] = props
            if res.settled(t):
                res.cache = out
        return out

    def element(self, res, depth, t, props=None):
        if depth < 0:
            return self.ref(res)
        base = self.base_element(res, t, props)
        kind = KINDS[res.kind]
        if depth >= 1 and kind.expanded:
            base = self.expand(base, kind, t)
        collections = kind.collections
        if not collections:
            return base
        out = dict(base)
        entities = {}
        href = self.base + res.path
        for name, resolve in collections:
            coll = {"id": f"{res.id}/{name}", "type": "collection", "href": f"{href}/{name}"}
            if depth >= 1:
                coll["items"] = [self.element(child, depth - 2, t) for child in resolve(self.store, res)]
            entities[name] = coll
        out["entities"] = entities
        return out

    def expand(self, base, kind, t):
        """``base`` with its ``expanded`` references as whole elements (a copy: the cached
        element keeps references)."""
        props = dict(base["properties"])
        for name, target_kind, left_out in kind.expanded:
            ref = props.get(name)
            target = self.store.find(target_kind, ref["id"]) if ref else None
            if target is not None:
                whole = dict(self.element(target, 0, t))  # the cached element stays as it is
                whole["properties"] = {k: v for k, v in whole["properties"].items() if k not in left_out}
                props[name] = whole
        return dict(base, properties=props)

    def collection(self, cid, path, items, depth, t, page=None):
        out = {"id": cid, "type": "collection", "href": self.base + path}
        if page is not None:
            offset, limit = page
            total = len(items)
            items = items[offset:offset + limit]
        out["items"] = [self.element(child, depth - 1, t) for child in items]
        if page is not None:
            out["offset"] = offset
            out["limit"] = limit
            out["_links"] = page_links(self.base + path, offset, limit, total)
        return out
