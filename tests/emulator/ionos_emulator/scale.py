"""A fleet for scale tests: N datacenters x M servers, each server with NICs
(the first on a public LAN, the others on private ones) and volumes (a system
volume from a public image, then data volumes). It is built through the same
composite create a client would send, minus the request bookkeeping."""

import json

from .api.base import Ctx
from .api.datacenters import create_datacenter
from .catalog import LOCATIONS


def fleet_body(index, servers, location, nics, volumes):
    def server(number):
        vols = [{"properties": {"name": f"system-{index:03d}-{number:03d}", "size": 10, "imageAlias": "ubuntu:latest",
                                "imagePassword": "seedpassword1"}}]
        vols += [{"properties": {"name": f"data{d}-{index:03d}-{number:03d}", "size": 20, "licenceType": "OTHER"}}
                 for d in range(1, volumes)]
        return {
            "properties": {"name": f"server-{index:03d}-{number:03d}", "cores": 2, "ram": 2048},
            "entities": {
                "volumes": {"items": vols[:volumes]},
                "nics": {"items": [{"properties": {"name": f"nic{n}", "lan": n + 1, "dhcp": True}}
                                   for n in range(nics)]},
            },
        }
    return {
        "properties": {"name": f"fleet-{index:03d}", "location": location, "description": "seeded fleet"},
        "entities": {
            "lans": {"items": [{"properties": {"name": "public" if n == 0 else f"private{n}", "public": n == 0}}
                               for n in range(max(nics, 1))]},
            "servers": {"items": [server(n) for n in range(servers)]},
        },
    }


def seed_fleet(emu, datacenters, servers, location=None, nics=2, volumes=2):
    locations = [location] if location else list(LOCATIONS)
    start = len(emu.store.table("datacenter"))
    ids = []
    for i in range(datacenters):
        body = fleet_body(start + i, servers, locations[i % len(locations)], nics, volumes)
        ctx = Ctx(emu, "POST", "/datacenters", {}, {}, json.dumps(body).encode(), emu.clock.now(), {})
        ctx.quotas = False
        reply = create_datacenter(ctx)
        ids.append(reply.targets[0].id)
    emu.store.commit()
    return ids
