# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: the rules of each resource kind of a datacenter, in one place.

Which options are API properties (and how they compare), which cannot change after
creation, and the update rules beyond that (a volume only grows). The single-resource
modules (ionos_server, ionos_nic, ...) and ionos_datacenter's converge of a whole tree
both decide what to PATCH, and what to refuse, with the functions here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

DATACENTER = (
    Prop("name"),
    Prop("description"),
    Prop("location", create_only=True),
)
LAN = (
    Prop("name"),
    Prop("public", kind="bool"),
)
SERVER = (
    Prop("name"),
    Prop("cores", kind="int"),
    Prop("ram", kind="int"),
    Prop("cpu_family", kind="enum"),
    Prop("availability_zone", kind="enum"),
)
NIC = (
    Prop("name"),
    Prop("lan", kind="int"),
    Prop("dhcp", kind="bool"),
    Prop("nat", kind="bool"),
    Prop("ips", kind="set"),
    Prop("firewall_active", kind="bool"),
)
FIREWALL_RULE = (
    Prop("name"),
    Prop("protocol", kind="enum", create_only=True),
    Prop("source_mac"),
    Prop("source_ip"),
    Prop("target_ip"),
    Prop("port_range_start", kind="int"),
    Prop("port_range_end", kind="int"),
    Prop("icmp_type", kind="int"),
    Prop("icmp_code", kind="int"),
)
VOLUME = (
    Prop("name"),
    Prop("size", kind="int"),
    Prop("bus", kind="enum", readable=False),
    Prop("licence_type", kind="enum"),
    Prop("type", kind="enum", create_only=True),
    Prop("image", create_only=True),
    Prop("image_alias", create_only=True, readable=False),
    Prop("image_password", secret=True),
    Prop("ssh_keys", kind="set", create_only=True, readable=False),
    Prop("availability_zone", kind="enum", create_only=True),
)
LOADBALANCER = (
    Prop("name"),
    Prop("ip"),
    Prop("dhcp", kind="bool"),
)


def compare(properties, wanted, current):
    """(changes, frozen): the API properties to PATCH so that ``current`` has what ``wanted``
    (option -> value, None for "not managed") asks, and the create-only options that differ,
    as (option, have, want)."""
    have = (current or {}).get("properties") or {}
    changes, frozen = {}, []
    for prop in properties:
        want = wanted.get(prop.option)
        if want is None or prop.same(want, have.get(prop.api)):
            continue
        if prop.create_only:
            frozen.append((prop.option, have.get(prop.api), want))
        else:
            changes[prop.api] = prop.to_api(want)
    return changes, frozen


def frozen_problem(noun, current, frozen):
    """The message for create-only options that differ from the existing resource."""
    return ("Cannot change %s of the existing %s: %s. The API cannot change %s after creation; delete and"
            " re-create the %s instead." % (" and ".join(item[0] for item in frozen), _lookup.named(noun, current),
                                            "; ".join("%s is %r, the task asks for %r" % item for item in frozen),
                                            "them" if len(frozen) > 1 else "it", noun))


def volume_size_problem(current, want):
    """A volume only grows: the message for a smaller size, else None."""
    have = ((current or {}).get("properties") or {}).get("size")
    if want is not None and have is not None and want < have:
        return "size can only grow: %s is %s GB, the task asks for %s GB." % (
            _lookup.named("volume", current), have, want)
    return None


def changes_or_problems(noun, properties, wanted, current):
    """(changes, problems) of one resource: compare() plus the update rules of its kind."""
    changes, frozen = compare(properties, wanted, current)
    problems = [frozen_problem(noun, current, frozen)] if frozen else []
    if properties is VOLUME:
        problem = volume_size_problem(current, wanted.get("size"))
        if problem:
            problems.insert(0, problem)
    return changes, problems
