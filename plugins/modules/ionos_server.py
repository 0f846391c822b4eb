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
  - Makes sure a server (or a numbered fleet of them, see O(count) and O(exact_count)) exists in a
    datacenter with the given properties, attachments and power state, or does not exist.
  - A server is found by O(id), or else by O(name) within the datacenter; a name shared by two
    servers is an error listing their ids.
  - O(name), O(cores), O(ram), O(cpu_family), O(availability_zone) and the boot device are
    updated in place. O(nics) and O(volumes) are created together with a new server, in the same
    request, and ignored for a server that exists (manage them with M(ionos.enterprise.ionos_nic)
    and M(ionos.enterprise.ionos_volume)). For a server that exists the module warns about the
    entries it lacks (by name), and is quiet when it has them all, as after its own create.
  - Existing volumes and CD-ROMs are attached with O(attach_volumes) and O(cdroms); with
    O(detach_unlisted=true) the others are detached.
  - Every server in the result carries its NICs (with their IPs) and volumes, so that a play can
    use the addresses of a new server at once (see RV(server.nics)).
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
      - With O(count) or O(exact_count), a pattern with one C(%d), C(%02d), C(%3d) ... (for
        example V(web-%02d)) that numbers the members from 1; a literal C(%) is written C(%%).
        A server is member N when its name is exactly what the pattern makes of N. With
        V(web-%02d), V(web-04) is member 4, while V(web-4), V(web-004) and V(web-04x) are not members.
    type: str
  count:
    description:
      - Manage a fleet of at least this many servers named after the O(name) pattern. Missing
        members are created in parallel and waited on together; the members 1 to O(count) are converged.
      - Members numbered above O(count) are kept, with a warning naming them; O(exact_count)
        removes them.
      - With O(state=absent), the members 1 to O(count) are deleted; members above it are kept,
        with a warning.
      - O(attach_volumes), O(boot_volume), O(cdroms), O(boot_cdrom) and O(detach_unlisted) are
        per server and cannot be used with O(count) or O(exact_count).
    type: int
  exact_count:
    description:
      - Manage a fleet of exactly this many servers named after the O(name) pattern, at least
        0. The members 1 to O(exact_count) are created and converged as with O(count); every
        server whose name is that of a member numbered above O(exact_count) is deleted
        (O(delete_volumes) applies).
      - The deletes are sent highest number first, then waited on together, before the members
        are converged. A server already being deleted is taken as gone, not deleted twice (with
        O(wait=true) the task returns once it is gone).
      - V(0) removes the whole fleet. O(state=absent) cannot be used with O(exact_count).
      - Check mode reports the members it would remove in RV(removed) and the diff, and deletes
        nothing.
      - Mutually exclusive with O(count).
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

- name: Scale the workers down to 6; worker-10 to worker-07 are deleted, highest first
  ionos.enterprise.ionos_server:
    datacenter: web
    name: worker-%02d
    exact_count: 6
    delete_volumes: true
  register: workers

- name: Show what was removed
  ansible.builtin.debug:
    msg: "removed {{ workers.removed | join(', ') }}"

- name: A new server, added to the inventory by the IP of its first NIC
  ionos.enterprise.ionos_server:
    datacenter: web
    name: web-2
    cores: 1
    ram: 2048
    nics:
      - name: public
        lan: 1
  register: web2

- name: Add it to the inventory
  ansible.builtin.add_host:
    name: web-2
    ansible_host: "{{ web2.server.nics[0].ips[0] }}"

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
    - The server as the API returns it at depth 2 (its NICs and volumes whole elements under
      C(entities)), plus RV(server.nics) and RV(server.volumes); after a delete, as it was;
      C(null) when there was none. In check mode, the server as it would be (for a create, with
      C(id) null).
    - With O(wait=false), after a create or an update, the API's first answer, which repeats
      what was sent; the IPs the API assigns are not in it yet.
  returned: unless O(count) or O(exact_count) is set
  type: dict
  contains:
    id:
      description: The server's id.
      type: str
    properties:
      description: C(name), C(cores), C(ram), C(availabilityZone), C(vmState), C(bootVolume), C(bootCdrom), C(cpuFamily).
      type: dict
      sample: {name: web-1, cores: 2, ram: 4096, availabilityZone: AUTO, vmState: RUNNING, cpuFamily: INTEL_XEON}
    entities:
      description: C(nics), C(volumes) and C(cdroms), each with C(items), as the API returns them.
      type: dict
    nics:
      description:
        - The server's NICs, in the API's order, read in the same call as the server.
        - In check mode, for a create, the NICs of O(nics) with C(id) and C(mac) null and the
          IPs given (none for the ones the API assigns).
        - C(null) when the API's answer does not list them (with O(wait=false)).
      type: list
      elements: dict
      contains:
        id:
          description: The NIC's id.
          type: str
        name:
          description: The NIC's name.
          type: str
        lan:
          description: The numeric id of its LAN.
          type: int
        dhcp:
          description: Whether it gets its addresses by DHCP.
          type: bool
        ips:
          description: Its IPs.
          type: list
          elements: str
        mac:
          description: Its MAC address.
          type: str
      sample: [{id: 8b1e..., name: public, lan: 1, dhcp: true, ips: [203.0.113.11], mac: "02:01:00:00:00:01"}]
    volumes:
      description:
        - The volumes attached to the server.
        - In check mode, for a create, the volumes of O(volumes) (C(id) null) and those it would attach.
        - C(null) when the API's answer does not list them (with O(wait=false)).
      type: list
      elements: dict
      contains:
        id:
          description: The volume's id.
          type: str
        name:
          description: The volume's name.
          type: str
        size:
          description: Its size in GB.
          type: int
        type:
          description: Its storage type, V(HDD) or V(SSD).
          type: str
      sample: [{id: 2f9c..., name: web-1-system, size: 20, type: HDD}]
servers:
  description:
    - The members of the fleet, 1 to O(count) or O(exact_count), in number order, as the API
      returns them, each with C(nics) and C(volumes) as in RV(server).
    - With O(state=absent), the members deleted, as they were.
  returned: when O(count) or O(exact_count) is set
  type: list
  elements: dict
removed:
  description: The names of the servers O(exact_count) deleted (in check mode, would delete), highest number first.
  returned: when O(exact_count) is set
  type: list
  elements: str
  sample: [web-05, web-04]
removed_servers:
  description: The servers O(exact_count) deleted (in check mode, would delete), as they were, in the order of RV(removed).
  returned: when O(exact_count) is set
  type: list
  elements: dict
diff:
  description:
    - The managed properties, the attached volumes and CD-ROMs and the power state, before and after.
    - For a fleet, by member name; the servers O(exact_count) removes are in C(before) only.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _composite
from ansible_collections.ionos.enterprise.plugins.module_utils._fleet import FleetPattern
from ansible_collections.ionos.enterprise.plugins.module_utils._server import ServerModule


def fleet_problems(params):
    """What is wrong with the options of a fleet (count or exact_count)."""
    option = "exact_count" if params["exact_count"] is not None else "count"
    size = params[option]
    if size is None:
        return []
    problems = []
    if option == "count" and size < 1:
        problems.append("count must be at least 1, got %d" % size)
    if option == "exact_count" and size < 0:
        problems.append("exact_count must be at least 0, got %d" % size)
    if option == "exact_count" and params["state"] == "absent":
        problems.append("exact_count cannot be used with state=absent: exact_count 0 removes the whole fleet,"
                        " count with state=absent deletes the members 1 to count")
    pattern_problem = FleetPattern(params["name"]).problem(option)
    if pattern_problem:
        problems.append(pattern_problem)
    per_server = [name for name in ("attach_volumes", "boot_volume", "cdroms", "boot_cdrom")
                  if params[name]] + (["detach_unlisted"] if params["detach_unlisted"] else [])
    if per_server:
        problems.append("%s cannot be used with %s: a volume attaches to one server; manage the"
                        " attachments of each member in a task of its own" % (", ".join(per_server), option))
    return problems


def main():
    module = ServerModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            count=dict(type="int"),
            exact_count=dict(type="int"),
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
        mutually_exclusive=[["boot_volume", "boot_cdrom"], ["id", "count"], ["id", "exact_count"],
                            ["count", "exact_count"]],
    )
    params = module.params
    problems = _composite.problems(params, ("nics", "volumes"))
    if params["cores"] is not None and params["cores"] < 1:
        problems.append("cores must be at least 1, got %d" % params["cores"])
    if params["ram"] is not None and (params["ram"] < 256 or params["ram"] % 256):
        problems.append("ram must be a multiple of 256 MB and at least 256, got %d" % params["ram"])
    problems.extend(fleet_problems(params))
    if problems:
        module.fail("; ".join(problems))
    module.run(module.converge)


if __name__ == "__main__":
    main()
