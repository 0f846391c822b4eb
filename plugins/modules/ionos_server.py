#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_server
short_description: Create, update, start, stop, restart and delete IONOS servers
version_added: 0.1.0
description:
  - Makes sure a server (or a numbered fleet of them, see O(count)) exists in a datacenter with
    the given properties, attachments and power state, or does not exist.
  - A server is found by O(id), or else by O(name) within the datacenter; a name shared by two
    servers is an error listing their ids.
  - O(name), O(cores), O(ram), O(cpu_family), O(availability_zone) and the boot device are
    updated in place. O(nics) and O(volumes) are created together with a new server, in the same
    request, and ignored for a server that exists (manage them with M(ionos.enterprise.ionos_nic)
    and M(ionos.enterprise.ionos_volume)). For a server that exists the module warns about the
    entries it lacks (by name), and is quiet when it has them all, as after its own create.
  - Existing volumes and CD-ROMs are attached with O(attach_volumes) and O(cdroms); with
    O(detach_unlisted=true) the others are detached.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the server, by id or by name.
    type: str
    required: true
  id:
    description:
      - The id of the server. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the server; its identity when O(id) is not given. Required to create one.
      - With O(count), a pattern with one C(%d) (for example V(web-%02d)) that numbers the
        members from 1.
    type: str
  count:
    description:
      - Manage a fleet of this many servers named after the O(name) pattern. Missing members
        are created in parallel and waited on together; the others are converged.
      - With O(state=absent), the members 1 to O(count) are deleted.
      - O(attach_volumes), O(boot_volume), O(cdroms), O(boot_cdrom) and O(detach_unlisted) are
        per server and cannot be used with O(count).
    type: int
  cores:
    description:
      - The number of CPU cores, at least 1. Required to create a server.
    type: int
  ram:
    description:
      - The memory in MB, a multiple of 256 and at least 256. Required to create a server.
    type: int
  cpu_family:
    description:
      - The CPU family, for example V(INTEL_XEON) or V(AMD_OPTERON) (see M(ionos.enterprise.ionos_location_info)).
    type: str
  availability_zone:
    description:
      - The availability zone of the server.
    type: str
    choices: [AUTO, ZONE_1, ZONE_2]
  boot_volume:
    description:
      - The attached volume the server boots from, by id or name. Attached first if needed.
    type: str
  boot_cdrom:
    description:
      - The CD-ROM image the server boots from, by id or by name in the datacenter's location.
        Attached first if needed.
    type: str
  attach_volumes:
    description:
      - Existing volumes of the datacenter (by id or name) that must be attached to the server.
    type: list
    elements: str
  cdroms:
    description:
      - CD-ROM images (by id or by name in the datacenter's location) that must be attached.
    type: list
    elements: str
  detach_unlisted:
    description:
      - Detach the volumes and CD-ROMs that are neither in O(attach_volumes), O(cdroms),
        O(volumes), O(boot_volume) nor O(boot_cdrom). Detaching never deletes a volume.
    type: bool
    default: false
  delete_volumes:
    description:
      - With O(state=absent), also delete the volumes attached to the server. By default they
        are kept (detached).
    type: bool
    default: false
  nics:
    description:
      - NICs created with a new server, in the same request. Ignored for a server that exists.
    type: list
    elements: dict
    suboptions:
      name:
        description: The NIC's name.
        type: str
      lan:
        description:
          - The LAN, by its numeric id (V(1)) or by name; a value of digits only is an id.
          - A name must be the name of one LAN of the datacenter; the datacenter's LANs are read
            once (one call, only when a new server's NIC names a LAN) and a name that no LAN has,
            or that several have, is an error before any write, also in check mode.
          - A numeric id of a LAN that does not exist yet makes the API create a private LAN with that id.
        type: str
        required: true
      dhcp:
        description: Whether the NIC gets its addresses by DHCP.
        type: bool
      nat:
        description: Whether the NIC uses NAT.
        type: bool
      ips:
        description: Fixed IPs of the NIC.
        type: list
        elements: str
      firewall_active:
        description: Whether the NIC's firewall is on.
        type: bool
      firewall_rules:
        description: Firewall rules of the NIC.
        type: list
        elements: dict
        suboptions:
          name:
            description: The rule's name.
            type: str
          protocol:
            description: The protocol the rule allows.
            type: str
            required: true
            choices: [TCP, UDP, ICMP, ANY]
          source_mac:
            description: Only traffic from this MAC address.
            type: str
          source_ip:
            description: Only traffic from this IP.
            type: str
          target_ip:
            description: Only traffic to this IP.
            type: str
          port_range_start:
            description: First port (1-65534), TCP and UDP only.
            type: int
          port_range_end:
            description: Last port (1-65534), TCP and UDP only.
            type: int
          icmp_type:
            description: ICMP type (0-254), ICMP only.
            type: int
          icmp_code:
            description: ICMP code (0-254), ICMP only.
            type: int
  volumes:
    description:
      - Volumes created with a new server and attached to it, in the same request. Ignored for a
        server that exists.
    type: list
    elements: dict
    suboptions:
      name:
        description: The volume's name.
        type: str
      size:
        description: The size in GB.
        type: int
        required: true
      type:
        description: The storage type.
        type: str
        choices: [HDD, SSD]
      bus:
        description: The bus the volume is attached with.
        type: str
        choices: [VIRTIO, IDE]
      image:
        description: The id of the image or snapshot to create the volume from.
        type: str
      image_alias:
        description: An image alias such as V(ubuntu:latest) instead of O(volumes[].image).
        type: str
      image_password:
        description: The password of the image's root or administrator user; 8 to 50 letters and digits.
        type: str
      ssh_keys:
        description: Public SSH keys for the image's root user.
        type: list
        elements: str
      licence_type:
        description: The licence of a volume without image.
        type: str
        choices: [LINUX, WINDOWS, WINDOWS2016, UNKNOWN, OTHER]
      availability_zone:
        description: The storage availability zone.
        type: str
        choices: [AUTO, ZONE_1, ZONE_2, ZONE_3]
  state:
    description:
      - V(present) creates or updates the server without touching its power state.
      - V(running) and V(stopped) also start or stop it; nothing changes when it already is so.
      - V(restarted) also reboots it, every time. A reboot whose answer was lost (an HTTP 5xx, a
        dropped connection, a time-out) is sent again, so the server may then reboot twice, never not at all.
      - V(absent) deletes it; its volumes are kept unless O(delete_volumes=true).
    type: str
    choices: [present, absent, running, stopped, restarted]
    default: present
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: A server with a public NIC and a system volume, in one request
  ionos.enterprise.ionos_server:
    datacenter: web
    name: web-1
    cores: 2
    ram: 4096
    cpu_family: INTEL_XEON
    nics:
      - name: public
        lan: 1
        dhcp: true
    volumes:
      - name: web-1-system
        size: 20
        image_alias: ubuntu:latest
        ssh_keys:
          - "{{ lookup('ansible.builtin.file', '~/.ssh/id_ed25519.pub') }}"

- name: Ten workers, the missing ones created in parallel
  ionos.enterprise.ionos_server:
    datacenter: web
    name: worker-%02d
    count: 10
    cores: 1
    ram: 2048
    state: running

- name: Attach a data volume and boot from the installer CD
  ionos.enterprise.ionos_server:
    datacenter: web
    name: web-1
    attach_volumes: [web-1-data]
    boot_cdrom: ubuntu-22.04-live-server-amd64.iso

- name: Stop it
  ionos.enterprise.ionos_server:
    datacenter: web
    name: web-1
    state: stopped

- name: Delete it with its volumes
  ionos.enterprise.ionos_server:
    datacenter: web
    name: web-1
    state: absent
    delete_volumes: true
"""

RETURN = r"""
server:
  description:
    - The server as the API returns it at depth 0; after a delete, as it was; C(null) when
      there was none. In check mode, the server as it would be (for a create, with C(id) null).
  returned: unless O(count) is set
  type: dict
  contains:
    id:
      description: The server's id.
      type: str
    properties:
      description: C(name), C(cores), C(ram), C(availabilityZone), C(vmState), C(bootVolume), C(bootCdrom), C(cpuFamily).
      type: dict
      sample: {name: web-1, cores: 2, ram: 4096, availabilityZone: AUTO, vmState: RUNNING, cpuFamily: INTEL_XEON}
servers:
  description: The members of the fleet, in number order, as the API returns them.
  returned: when O(count) is set
  type: list
  elements: dict
diff:
  description: The managed properties, the attached volumes and CD-ROMs and the power state, before and after.
  returned: when diff mode is on
  type: dict
"""

import re

from ansible_collections.ionos.enterprise.plugins.module_utils import _composite
from ansible_collections.ionos.enterprise.plugins.module_utils._server import ServerModule

NAME_PATTERN = re.compile(r"%0?\d*d")


def main():
    module = ServerModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            count=dict(type="int"),
            cores=dict(type="int"),
            ram=dict(type="int"),
            cpu_family=dict(type="str"),
            availability_zone=dict(type="str", choices=["AUTO", "ZONE_1", "ZONE_2"]),
            boot_volume=dict(type="str"),
            boot_cdrom=dict(type="str"),
            attach_volumes=dict(type="list", elements="str"),
            cdroms=dict(type="list", elements="str"),
            detach_unlisted=dict(type="bool", default=False),
            delete_volumes=dict(type="bool", default=False),
            nics=dict(type="list", elements="dict", options=_composite.nic_spec()),
            volumes=dict(type="list", elements="dict", options=_composite.volume_spec(),
                         mutually_exclusive=[["image", "image_alias"]]),
            state=dict(type="str", default="present",
                       choices=["present", "absent", "running", "stopped", "restarted"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
        mutually_exclusive=[["boot_volume", "boot_cdrom"], ["id", "count"]],
    )
    params = module.params
    problems = _composite.problems(params, ("nics", "volumes"))
    if params["cores"] is not None and params["cores"] < 1:
        problems.append("cores must be at least 1, got %d" % params["cores"])
    if params["ram"] is not None and (params["ram"] < 256 or params["ram"] % 256):
        problems.append("ram must be a multiple of 256 MB and at least 256, got %d" % params["ram"])
    if params["count"] is not None:
        if params["count"] < 1:
            problems.append("count must be at least 1, got %d" % params["count"])
        if not NAME_PATTERN.search(params["name"] or "") or len(NAME_PATTERN.findall(params["name"])) != 1:
            problems.append("with count, name must be a pattern with one %d (for example web-%02d)")
        per_server = [option for option in ("attach_volumes", "boot_volume", "cdroms", "boot_cdrom")
                      if params[option]] + (["detach_unlisted"] if params["detach_unlisted"] else [])
        if per_server:
            problems.append("%s cannot be used with count: a volume attaches to one server; manage the"
                            " attachments of each member in a task of its own" % ", ".join(per_server))
    if problems:
        module.fail("; ".join(problems))
    module.run(module.converge)


if __name__ == "__main__":
    main()
