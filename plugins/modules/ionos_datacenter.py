#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_datacenter
short_description: Create, update and delete IONOS virtual datacenters
version_added: 0.1.0
description:
  - Makes sure a virtual datacenter exists with the given name and description, or does not exist.
  - A datacenter is found by O(id), or else by O(name); a name shared by two datacenters is an
    error listing their ids, never a guess.
  - Only the options the task sets are compared and changed; a changed O(name) or
    O(description) is updated in place with one request.
  - A new datacenter can be built with its servers, volumes, LANs and load balancers in one
    request (the API's composite create), see O(servers), O(volumes), O(lans) and O(loadbalancers).
    For a datacenter that exists they are not applied; the module reads it once more and warns
    about the entries it lacks (by name), and is quiet when it has them all, as after its own create.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the datacenter. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the datacenter; its identity when O(id) is not given.
      - Required to create a datacenter.
    type: str
  description:
    description:
      - A description of the datacenter.
    type: str
  location:
    description:
      - Where the datacenter is, for example V(de/fra) or V(us/las)
        (see M(ionos.enterprise.ionos_location_info)).
      - Required to create a datacenter. It cannot change afterwards; a different location for
        an existing datacenter is an error.
      - Before a create (also in check mode), one read of the API's locations checks it; an unknown
        location is an error listing the ones there are, and nothing is written. A task on an
        existing datacenter does not pay that read.
    type: str
  state:
    description:
      - V(present) creates or updates the datacenter, V(absent) deletes it with everything in it.
    type: str
    choices: [present, absent]
    default: present
  servers:
    description:
      - Servers created together with a new datacenter, in the same request.
      - Applied at creation only; ignored for a datacenter that exists. Use
        M(ionos.enterprise.ionos_server) to manage servers afterwards.
    type: list
    elements: dict
    suboptions:
      name:
        description: The server's name.
        type: str
      cores:
        description: The number of CPU cores.
        type: int
        required: true
      ram:
        description: The memory in MB, a multiple of 256.
        type: int
        required: true
      cpu_family:
        description: The CPU family, for example V(INTEL_XEON) or V(AMD_OPTERON).
        type: str
      availability_zone:
        description: The availability zone of the server.
        type: str
        choices: [AUTO, ZONE_1, ZONE_2]
      nics:
        description: Network interfaces of the server.
        type: list
        elements: dict
        suboptions:
          name:
            description: The NIC's name.
            type: str
          lan:
            description:
              - The LAN, by its numeric id or by the name of a LAN in O(lans); a value of digits only is an id.
              - The LANs of a new datacenter are numbered 1, 2, ... in O(lans) order, so a name stands for the
                id of its position there. A name that no LAN in O(lans) has, or that several have, is an error
                before any API call.
              - A numeric id that is not in O(lans) makes the API create a private LAN with that id.
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
        description: Volumes created with the server and attached to it.
        type: list
        elements: dict
        suboptions: &volume
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
            description: An image alias such as V(ubuntu:latest) instead of O(servers[].volumes[].image).
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
  volumes:
    description:
      - Volumes created, unattached, together with a new datacenter. Applied at creation only.
    type: list
    elements: dict
    suboptions: *volume
  lans:
    description:
      - LANs created together with a new datacenter; they get the ids 1, 2, ... in this order.
        Applied at creation only.
    type: list
    elements: dict
    suboptions:
      name:
        description: The LAN's name.
        type: str
      public:
        description: Whether the LAN faces the internet.
        type: bool
  loadbalancers:
    description:
      - Load balancers created together with a new datacenter. Applied at creation only.
    type: list
    elements: dict
    suboptions:
      name:
        description: The load balancer's name.
        type: str
      ip:
        description: Its IP; the API assigns one when not set.
        type: str
      dhcp:
        description: Whether it gets its IP by DHCP.
        type: bool
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Set the connection once for every IONOS task of the play
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/ionos.enterprise.ionos:
      username: "{{ lookup('ansible.builtin.env', 'IONOS_USERNAME') }}"
      password: "{{ lookup('ansible.builtin.env', 'IONOS_PASSWORD') }}"
  tasks:
    - name: A datacenter in Frankfurt
      ionos.enterprise.ionos_datacenter:
        name: web
        location: de/fra
        description: Web tier

    - name: A whole datacenter in one request (the SDK's Composite Build)
      ionos.enterprise.ionos_datacenter:
        name: Python SDK Data Center
        description: Python SDK data center
        location: us/las
        lans:
          - name: Public LAN
            public: true
          - name: Private LAN
        servers:
          - name: Python SDK Server
            cores: 4
            ram: 4096
            cpu_family: INTEL_XEON
            nics:
              - name: Public NIC
                lan: Public LAN
                dhcp: true
                firewall_active: true
                nat: false
                firewall_rules:
                  - name: Allow SSH
                    protocol: TCP
                    source_ip: 0.0.0.0
                    port_range_start: 22
                    port_range_end: 22
              - name: Private NIC
                lan: 2  # by id, the second LAN of lans
                dhcp: true
            volumes:
              - name: System Volume
                size: 20
                image_alias: ubuntu:latest
                bus: VIRTIO
                type: HDD
                image_password: "{{ vault_image_password }}"
                availability_zone: ZONE_3
              - name: Data Volume
                size: 100
                type: SSD
                bus: VIRTIO
                licence_type: OTHER

    - name: Delete it
      ionos.enterprise.ionos_datacenter:
        name: web
        state: absent
"""

RETURN = r"""
datacenter:
  description:
    - The datacenter as the API returns it at depth 0. After a delete, the datacenter as it was;
      C(null) when there was none. In check mode, the datacenter as it would be (for a create,
      with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The datacenter's id.
      type: str
      sample: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c
    type:
      description: Always C(datacenter).
      type: str
    href:
      description: The datacenter's URL.
      type: str
    metadata:
      description: Creation and modification dates and users, C(etag) and C(state) (AVAILABLE, BUSY).
      type: dict
    properties:
      description: C(name), C(description), C(location), C(version), C(features), C(secAuthProtection).
      type: dict
      sample: {name: web, description: Web tier, location: de/fra, version: 2, features: [SSD], secAuthProtection: false}
    entities:
      description: References to the datacenter's servers, volumes, load balancers and LANs.
      type: dict
diff:
  description: The managed properties (name, description, location) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _composite, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

NESTED = ("servers", "volumes", "lans", "loadbalancers")


class DatacenterModule(ResourceModule):
    represent = "datacenter"
    properties = (
        Prop("name"),
        Prop("description"),
        Prop("location", create_only=True),
    )

    def collection_path(self):
        return "/datacenters"

    def missing_for_create(self):
        return [option for option in ("name", "location") if not self.params.get(option)]

    def create(self):
        if not self.missing_for_create():
            _lookup.check_location(self.client, self.params["location"])
        return super(DatacenterModule, self).create()

    def lists_nested(self):
        return any(self.params.get(option) for option in NESTED)

    def find(self):
        # By id, the one read is deep enough to compare the nested options with.
        if self.params.get("id") and self.lists_nested():
            return _lookup.find_by_id(self.client, self.path(), self.params["id"], depth=2)
        return super(DatacenterModule, self).find()

    def update_changes(self, current):
        if self.lists_nested():
            # By name, one more read, only then: the datacenter with its LANs', servers', volumes'
            # and load balancers' names, to say which of them it lacks (a deeper list would carry
            # every datacenter's tree).
            deep = current if self.params.get("id") else self.client.get(self.element_path(current["id"]), depth=2)
            _composite.warn_not_created(self.module, _composite.not_in(self.params, NESTED, deep), "datacenter",
                                        current["id"], "Add them with the LAN, server, volume and load balancer"
                                        " modules.")
        return super(DatacenterModule, self).update_changes(current)

    def create_body(self, properties):
        body = {"properties": properties}
        entities = _composite.entities(self.params, NESTED)
        if entities:
            body["entities"] = entities
        return body


def main():
    volume = dict(type="list", elements="dict", options=_composite.volume_spec(),
                  mutually_exclusive=[["image", "image_alias"]])
    module = DatacenterModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            description=dict(type="str"),
            location=dict(type="str"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            servers=dict(type="list", elements="dict", options=_composite.server_spec()),
            volumes=volume,
            lans=dict(type="list", elements="dict", options=_composite.lan_spec()),
            loadbalancers=dict(type="list", elements="dict", options=_composite.loadbalancer_spec()),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    problems = _composite.problems(module.params, NESTED)
    # A NIC may name a LAN of the same task's lans: it becomes that LAN's id in the new datacenter.
    problems.extend(_composite.name_lans(module.params, NESTED, _composite.declared_lans(module.params["lans"]),
                                         "in lans"))
    location = _lookup.location_format_problem(module.params["location"])
    if location:
        problems.insert(0, location)
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
