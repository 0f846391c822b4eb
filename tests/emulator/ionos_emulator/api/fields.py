"""Declarative property tables: how each attribute of a resource is checked
on create, PATCH and PUT. A handler declares its table once and gets the
API's behaviour for required, create-only and read-only attributes."""

from ..errors import immutable, invalid, required

RW, CREATE, RO = "rw", "create", "ro"


class F:
    """One attribute: ``coerce(value, name)`` checks and normalises it."""

    def __init__(self, coerce=None, mode=RW, default=None, required=False, nullable=True):
        self.coerce = coerce
        self.mode = mode
        self.default = default
        self.required = required
        self.nullable = nullable

    def check(self, value, name):
        if value is None:
            if self.required:
                raise required(name)
            return None
        return self.coerce(value, name) if self.coerce else value

    def fresh_default(self):
        return self.default() if callable(self.default) else self.default


def _unknown(changes, table, what):
    for key in changes:
        if key not in table:
            raise invalid(f"Attribute '{key}' is not a property of a {what}")


def build(table, props, what):
    """Values for a create: every attribute checked, defaults filled in."""
    _unknown(props, table, what)
    out = {}
    for name, f in table.items():
        if f.mode == RO:
            if props.get(name) is not None:
                raise invalid(f"Attribute '{name}' is read-only")
            out[name] = f.fresh_default()
            continue
        value = props.get(name)
        if value is None or value == "" and f.required:
            if f.required:
                raise required(name)
            out[name] = f.fresh_default()
        else:
            out[name] = f.check(value, name)
    return out


def patch(table, current, changes, what):
    """The checked changes of a PATCH: create-only and read-only attributes
    may be repeated with their current value but not changed."""
    _unknown(changes, table, what)
    out = {}
    for name, value in changes.items():
        f = table[name]
        if f.mode == RW:
            if value is None and not f.nullable:
                raise required(name)
            out[name] = f.check(value, name) if value is not None else None
            continue
        checked = f.check(value, name) if value is not None else None
        if checked != current.get(name):
            if f.mode == RO:
                raise invalid(f"Attribute '{name}' is read-only")
            raise immutable(name)
    return out


def put(table, current, props, what):
    """The checked values of a PUT: a full replace of the changeable
    attributes (omitted ones go back to their defaults); create-only ones may
    be left out."""
    _unknown(props, table, what)
    out = patch(table, current, dict(props.items()), what)
    for name, f in table.items():
        if name in props:
            continue
        if f.mode == RW:
            if f.required:
                raise required(name)
            out[name] = f.fresh_default()
    return out


def changes(ctx, table, current, what):
    """The checked attributes of an update: a PATCH's flat body, or the
    ``properties`` of a PUT (a full replace)."""
    if ctx.method == "PATCH":
        return patch(table, current, ctx.flat(), what)
    return put(table, current, ctx.properties(), what)
