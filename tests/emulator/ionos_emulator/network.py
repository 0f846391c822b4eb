"""Address allocation: public IPs per location (DHCP addresses from the
lower half of the location's /16, reserved IP blocks from the upper half),
private DHCP addresses per LAN, and MAC addresses. Addresses are never
handed out twice."""

import ipaddress

from .catalog import public_network
from .errors import invalid

BLOCK_START = 32768


def public_ip(store, location):
    index = store.next_counter(f"dhcp:{location}", 10)
    if index >= BLOCK_START:
        raise invalid(f"No public IP address left in location {location}")
    return str(public_network(location).network_address + index)


def reserve_block(store, location, size):
    start = store.counters.get(f"block:{location}", BLOCK_START)
    if start + size >= 65535:
        raise invalid(f"No IP block of size {size} left in location {location}")
    store.counters[f"block:{location}"] = start + size
    base = public_network(location).network_address
    return [str(base + start + i) for i in range(size)]


def private_ip(store, dc, lan):
    host = lan.ext.get("next_host", 0)
    lan.ext["next_host"] = host + 1
    second = (dc.ext.get("index", 0) * 7 + int(lan.id)) % 254 + 1
    return str(ipaddress.IPv4Address(f"10.{second}.0.0") + (host // 250) * 256 + host % 250 + 11)


def mac(store):
    n = store.next_counter("mac", 1)
    return "02:01:" + ":".join(f"{(n >> shift) & 0xFF:02x}" for shift in (24, 16, 8, 0))
