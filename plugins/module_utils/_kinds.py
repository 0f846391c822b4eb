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

from ansible_collections.ionos.enterprise.plugins.module_utils import _addresses, _lookup
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
    # A volume made from an image has the image's licence; the API refuses to change it.
    Prop("licence_type", kind="enum", unless="image"),
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
        if want is None or prop.same(want, have.get(prop.api)) or (prop.unless and have.get(prop.unless)):
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


def canonical_ips(nic):
    """A NIC's ``ips`` in the form the API reads back (in place), so that they compare equal;
    an empty list is None (whatever the API chose, never a difference). The problems."""
    ips = nic.get("ips")
    if not ips:
        nic["ips"] = None
        return []
    parsed = [_addresses.ipv4(ip) for ip in ips]
    bad = [ip for ip, good in zip(ips, parsed) if good is None]
    if bad:
        verb = "is" if len(bad) == 1 else "are"
        return ["ips: %s %s not a valid IPv4 address" % (", ".join(repr(ip) for ip in bad), verb)]
    twice = sorted(set(ip for ip in parsed if parsed.count(ip) > 1))
    nic["ips"] = parsed
    return ["ips lists %s more than once" % ", ".join(twice)] if twice else []


def canonical_rule(rule):
    """A firewall rule's source_mac, source_ip and target_ip in the form the API reads back (in
    place), so that they compare equal. The problems: values that are no such address."""
    problems = []
    if rule.get("source_mac") is not None:
        canonical = _addresses.mac(rule["source_mac"])
        if canonical is None:
            problems.append("source_mac %r is not a MAC address (aa:bb:cc:dd:ee:ff)" % rule["source_mac"])
        rule["source_mac"] = canonical or rule["source_mac"]
    for option in ("source_ip", "target_ip"):
        if rule.get(option) is not None:
            canonical = _addresses.ipv4(rule[option])
            if canonical is None:
                problems.append("%s %r is not a valid IPv4 address" % (option, rule[option]))
            rule[option] = canonical or rule[option]
    return problems
