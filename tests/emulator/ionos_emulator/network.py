"""Address allocation: public IPs per location (DHCP addresses from the
lower half of the location's /16, reserved IP blocks from the upper half),
private DHCP addresses per LAN, and MAC addresses. An address is never
handed out while something holds it."""

import ipaddress

from .catalog import public_network
from .errors import invalid

FIRST = 10
BLOCK_START = 32768
BLOCK_END = 65535


def in_use(store):
    """Public addresses held right now by NICs, load balancers and nodes."""
    used = set()
    for nic in store.table("nic").values():
        used.update(nic.props.get("ips") or ())
    used.update(lb.props.get("ip") for lb in store.table("loadbalancer").values())
    used.update(node.props.get("publicIP") for node in store.table("node").values())
    return used


def public_ip(store, location):
    """A DHCP public address. Fresh ones first; once the range went round,
    the next one nobody holds (a long soak test must not run dry)."""
    base = public_network(location).network_address
    index = store.next_counter(f"dhcp:{location}", FIRST)
    if index < BLOCK_START:
        return str(base + index)
    used = in_use(store)
    span = BLOCK_START - FIRST
    cursor = store.counters.get(f"dhcp-cursor:{location}", 0)
    for step in range(span):
        ip = str(base + FIRST + (cursor + step) % span)
        if ip not in used:
            store.counters[f"dhcp-cursor:{location}"] = (cursor + step + 1) % span
            return ip
    raise invalid(f"No public IP address left in location {location}")


def reserve_block(store, location, size):
    """``size`` consecutive addresses: fresh ones first, then the first gap
    that released blocks left."""
    base = public_network(location).network_address
    start = store.counters.get(f"block:{location}", BLOCK_START)
    if start + size <= BLOCK_END:
        store.counters[f"block:{location}"] = start + size
        return [str(base + start + i) for i in range(size)]
    taken = {int(ipaddress.IPv4Address(ip)) - int(base) for block in store.table("ipblock").values()
             if block.props["location"] == location for ip in block.props["ips"]}
    run = 0
    for index in range(BLOCK_START, BLOCK_END):
        run = 0 if index in taken else run + 1
        if run == size:
            return [str(base + index - size + 1 + i) for i in range(size)]
    raise invalid(f"No IP block of size {size} left in location {location}")


def private_ip(store, dc, lan):
    host = lan.ext.get("next_host", 0)
    lan.ext["next_host"] = host + 1
    second = (dc.ext.get("index", 0) * 7 + int(lan.id)) % 254 + 1
    return str(ipaddress.IPv4Address(f"10.{second}.0.0") + (host // 250) * 256 + host % 250 + 11)


def mac(store):
    n = store.next_counter("mac", 1)
    return "02:01:" + ":".join(f"{(n >> shift) & 0xFF:02x}" for shift in (24, 16, 8, 0))
