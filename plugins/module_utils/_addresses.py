# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: IPv4 and MAC addresses as the API spells them.

Each returns the canonical form (what the API reads back), or None when the value is
not such an address, so a module can refuse bad input before any call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

# aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff; \Z, not $, which would accept a trailing newline.
MAC = re.compile(r"^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}\Z")


def ipv4(value):
    """'10.0.0.1' for a dotted IPv4 address, else None."""
    try:
        return str(ipaddress.IPv4Address(u"%s" % value))
    except (ipaddress.AddressValueError, ValueError):
        return None


def is_private_ipv4(value):
    return ipaddress.IPv4Address(u"%s" % value).is_private


def mac(value):
    """'02:01:aa:bb:cc:dd' for a MAC address, else None."""
    if not MAC.match(str(value)):
        return None
    return str(value).lower().replace("-", ":")


def reserved_ips(client, location):
    """Every address of the IP blocks reserved in a location: what public fixed IPs,
    failover IPs and load balancer IPs must come from."""
    reserved = set()
    for block in client.list("/ipblocks", depth=1):
        properties = block.get("properties") or {}
        if properties.get("location") == location:
            reserved.update(properties.get("ips") or [])
    return reserved
