# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: how a module option maps onto an API property.

A module lists its options as Prop objects; the module base uses them to build create
bodies, to compare what the user set with what the API holds, and to show diffs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

MASK = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def camel_case(option):
    """cpu_family -> cpuFamily: the API's spelling of an option name."""
    parts = option.split("_")
    return parts[0] + "".join(part[:1].upper() + part[1:] for part in parts[1:])


class Prop:
    """One option that is one API property.

    kind: ``str`` (None and "" are the same), ``int``, ``bool``, ``enum`` (compared
    case-insensitively and sent upper-case), ``set`` (a list whose order does not matter).
    create_only: sent on create, never changed; a different value is an error.
    secret: never compared (the API does not show it) and masked in diffs.
    readable: False when the API reads the property back as null after a create (volume
    ``sshKeys``, ``imageAlias``): a null then means "unknown", not "different".
    unless: an API property that, when the resource has it, makes this one not managed (a
    volume's licence comes from its image).
    """

    def __init__(self, option, api=None, kind="str", create_only=False, secret=False, readable=True, unless=None):
        self.option = option
        self.api = api or camel_case(option)
        self.kind = kind
        self.create_only = create_only or secret
        self.secret = secret
        self.readable = readable and not secret
        self.unless = unless

    def to_api(self, value):
        if value is None:
            return None
        if self.kind == "int":
            return int(value)
        if self.kind == "enum":
            return str(value).upper()
        if self.kind == "set":
            return list(value)
        return value

    def same(self, want, have):
        if self.secret or (have is None and not self.readable):
            return True
        if self.kind == "str":
            return (want or "") == (have or "")
        if have is None:
            return False
        if self.kind == "int":
            return int(want) == int(have)
        if self.kind == "enum":
            return str(want).upper() == str(have).upper()
        if self.kind == "set":
            return sorted(str(v) for v in want) == sorted(str(v) for v in have)
        return want == have

    def shown(self, value):
        """The value as a diff or a planned resource may show it."""
        return MASK if self.secret and value is not None else value
