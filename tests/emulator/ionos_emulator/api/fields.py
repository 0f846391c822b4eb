"""Declarative property tables: how each attribute of a resource is checked
on create, PATCH and PUT. A handler declares its table once and gets the
API's behaviour for required, create-only and read-only attributes."""

from ..errors import ApiError, immutable, invalid, merged, required

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


class Faults:
    """Every faulty attribute of one body, answered together (wire reference section 7b)."""

    def __init__(self):
        self.found = []

    def run(self, fn, *args):
        """``fn(*args)``, or None with its 422 kept for later."""
        try:
            return fn(*args)
        except ApiError as exc:
            if exc.status != 422:
                raise
            self.found.append(exc)
            return None

    def unknown(self, given, table, what):
        for key in given:
            if key not in table:
                self.found.append(invalid(f"Attribute '{key}' is not a property of a {what}"))

    def raise_found(self):
        if self.found:
            raise merged(self.found)


def _create_value(f, name, props):
    if f.mode == RO:
        if props.get(name) is not None:
            raise invalid(f"Attribute '{name}' is read-only")
        return f.fresh_default()
    value = props.get(name)
    if value is None or value == "" and f.required:
        if f.required:
            raise required(name)
        return f.fresh_default()
    return f.check(value, name)


def build(table, props, what):
    """Values for a create: every attribute checked, defaults filled in."""
    faults = Faults()
    faults.unknown(props, table, what)
    out = {name: faults.run(_create_value, f, name, props) for name, f in table.items()}
    faults.raise_found()
    return out


def _changed_value(f, name, value, current):
    """(changed, value) of one attribute of a PATCH or PUT."""
    if f.mode == RW:
        if value is None and not f.nullable:
            raise required(name)
        return True, f.check(value, name) if value is not None else None
    checked = f.check(value, name) if value is not None else None
    if checked != current.get(name):
        if f.mode == RO:
            raise invalid(f"Attribute '{name}' is read-only")
        raise immutable(name)
    return False, None


def _checked(faults, table, current, given):
    out = {}
    for name, value in given.items():
        if name in table:
            changed, checked = faults.run(_changed_value, table[name], name, value, current) or (False, None)
            if changed:
                out[name] = checked
    return out


def patch(table, current, changes, what):
    """The checked changes of a PATCH: create-only and read-only attributes
    may be repeated with their current value but not changed."""
    faults = Faults()
    faults.unknown(changes, table, what)
    out = _checked(faults, table, current, changes)
    faults.raise_found()
    return out


def put(table, current, props, what):
    """The checked values of a PUT: a full replace of the changeable
    attributes (omitted ones go back to their defaults); create-only ones may
    be left out."""
    faults = Faults()
    faults.unknown(props, table, what)
    out = _checked(faults, table, current, props)
    for name, f in table.items():
        if name not in props and f.mode == RW:
            if f.required:
                faults.found.append(required(name))
            out[name] = f.fresh_default()
    faults.raise_found()
    return out


def changes(ctx, table, current, what):
    """The checked attributes of an update: a PATCH's flat body, or the
    ``properties`` of a PUT (a full replace)."""
    if ctx.method == "PATCH":
        return patch(table, current, ctx.flat(), what)
    return put(table, current, ctx.properties(), what)
