"""`make demo` until the playbook demo exists: start the emulator, build the
SDK README's composite datacenter on it with the real SDK, show what came
out, and how many API calls it took."""

import os
import sys
import time

from ionosenterprise.client import IPBlock, NIC, Datacenter, FirewallRule, IonosEnterpriseService, Server, Volume

from ionos_emulator.serve import Embedded
from ionos_emulator.settings import Settings


def step(text):
    print(f"  - {text}", flush=True)


def main():
    settings = Settings(port=int(os.environ.get("EMULATOR_PORT", "0") or 0))
    try:
        emulator = Embedded(settings)
    except OSError:
        settings = Settings(port=0)
        emulator = Embedded(settings)
    print(f"Cloud API v5 emulator on {emulator.url}")
    client = IonosEnterpriseService(username=settings.username, password=settings.password,
                                    host_base=emulator.url, use_config=False)
    started = time.perf_counter()
    try:
        image = next(i for i in client.list_images()["items"]
                     if i["properties"]["location"] == "de/fra" and i["properties"]["imageType"] == "HDD"
                     and i["properties"]["name"].startswith("Ubuntu-20.04"))
        step(f"found image {image['properties']['name']} in de/fra")
        block = client.reserve_ipblock(IPBlock(name="demo-ips", location="de/fra", size=2))
        client.wait_for_completion(block)
        step(f"reserved IP block {block['id']}")

        def server(name):
            ssh = FirewallRule(name="allow-ssh", protocol="TCP", port_range_start=22, port_range_end=22)
            return Server(name=name, cores=2, ram=4096, cpu_family="INTEL_XEON",
                          nics=[NIC(name="public", lan=1, dhcp=True, firewall_active=True, firewall_rules=[ssh]),
                                NIC(name="private", lan=2, dhcp=True)],
                          create_volumes=[Volume(name=f"{name}-system", size=20, image=image["id"],
                                                 image_password="demoPassw0rd", ssh_keys=["ssh-ed25519 AAAA demo"]),
                                          Volume(name=f"{name}-data", size=50, licence_type="OTHER")])
        response = client.create_datacenter(Datacenter(name="demo", description="composite build",
                                                       location="de/fra", servers=[server("web1"), server("web2")]))
        client.wait_for_completion(response)
        dc_id = response["id"]
        step(f"composite create of datacenter {dc_id}: 2 servers, 4 NICs, 2 firewall rules, 4 volumes, "
             "2 LANs in one request")
        client.wait_for_completion(client.update_lan(dc_id, 1, name="public", public=True))
        client.wait_for_completion(client.update_lan(dc_id, 2, name="private"))
        step("LAN 1 made public")

        dc = client.get_datacenter(dc_id, depth=5)
        print(f"\nDatacenter {dc['properties']['name']} ({dc['properties']['location']}), "
              f"version {dc['properties']['version']}")
        for lan in dc["entities"]["lans"]["items"]:
            kind = "public" if lan["properties"]["public"] else "private"
            print(f"  LAN {lan['id']} {lan['properties']['name']!r} ({kind}), "
                  f"{len(lan['entities']['nics']['items'])} NICs")
        for srv in dc["entities"]["servers"]["items"]:
            p = srv["properties"]
            print(f"  server {p['name']}: {p['cores']} cores, {p['ram']} MB, {p['vmState']}")
            for nic in srv["entities"]["nics"]["items"]:
                n = nic["properties"]
                print(f"    nic {n['name']:8} LAN {n['lan']}  {', '.join(n['ips'])}  {n['mac']}")
            for vol in srv["entities"]["volumes"]["items"]:
                v = vol["properties"]
                print(f"    volume {v['name']:13} {v['size']:>4} GB {v['type']} {v['licenceType']}")
    finally:
        counters = emulator.emu.counters.snapshot()
        emulator.stop()
    print(f"\n{counters['total']} API calls ({counters['writes']} writes, {counters['reads']} reads) "
          f"in {time.perf_counter() - started:.2f} s; emulator stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
