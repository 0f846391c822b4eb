#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_nic_info
short_description: List the network interfaces (NICs) of an IONOS server
version_added: 0.1.0
description:
  - Returns the NICs of a server, all of them or the one with O(id), those named O(name), or
    those on the LAN O(lan).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the server, by id or by name.
    type: str
    required: true
  server:
    description:
      - The server, by id or by name.
    type: str
    required: true
  id:
    description:
      - Only the NIC with this id.
    type: str
  name:
    description:
      - Only NICs with exactly this name.
    type: str
  lan:
    description:
      - Only NICs on this LAN, given by its numeric id (V(1)) or by name.
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The NICs of web-01 on LAN 1
  ionos.enterprise.ionos_nic_info:
    datacenter: web
    server: web-01
    lan: 1
  register: public_nics

- name: Their addresses
  ansible.builtin.debug:
    msg: "{{ public_nics.nics | map(attribute='properties.ips') | flatten }}"
"""

RETURN = r"""
nics:
  description: The matching NICs as the API lists them at depth 1; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 7c5e2b1a-0000-4000-8000-000000000001
      type: nic
      properties: {name: public, lan: 1, ips: [203.0.113.10], dhcp: true, firewallActive: true, nat: false, mac: "02:01:5e:11:22:33"}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def nics(module):
    params, client = module.params, module.client
    datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
    server = _lookup.resolve_server(client, datacenter["id"], params["server"])
    path = "/datacenters/%s/servers/%s/nics" % (datacenter["id"], server["id"])
    lan = params["lan"]
    if lan is not None and not str(lan).isdigit():
        lan = _lookup.resolve_lan(client, datacenter["id"], lan)["id"]
    items = _lookup.read_items(client, path, params["id"])
    return info_result("nics", [
        item for item in items
        if (not params["name"] or item["properties"].get("name") == params["name"])
        and (lan is None or str(item["properties"].get("lan")) == str(int(lan)))])


def main():
    module = IonosModule(argument_spec=dict(
        datacenter=dict(type="str", required=True),
        server=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
        lan=dict(type="str"),
    ))
    module.run(lambda: nics(module))


if __name__ == "__main__":
    main()
