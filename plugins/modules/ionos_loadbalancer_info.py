#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_loadbalancer_info
short_description: List the load balancers of an IONOS datacenter with their balanced NICs
version_added: 0.1.0
description:
  - Returns the (Cloud API v5) load balancers of a datacenter, all of them or the one with O(id)
    or those named O(name), each with its balanced NICs and their properties.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter, by id or by name.
    type: str
    required: true
  id:
    description:
      - Only the load balancer with this id.
    type: str
  name:
    description:
      - Only load balancers with exactly this name.
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The load balancers of the datacenter web
  ionos.enterprise.ionos_loadbalancer_info:
    datacenter: web
  register: web_lbs

- name: The NICs web-lb balances
  ansible.builtin.debug:
    msg: "{{ (web_lbs.loadbalancers | selectattr('properties.name', 'equalto', 'web-lb') | first)
             .entities.balancednics['items'] | map(attribute='id') }}"
"""

RETURN = r"""
loadbalancers:
  description:
    - The matching load balancers as the API returns them at depth 2; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The load balancer's id.
      type: str
    properties:
      description: C(name), C(ip) and C(dhcp).
      type: dict
      sample: {name: web-lb, ip: 10.12.0.10, dhcp: true}
    entities:
      description:
        - C(balancednics), whose C(items) are the balanced NICs with their C(properties)
          (C(name), C(mac), C(ips), C(dhcp), C(lan), C(firewallActive), C(nat)).
      type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result

# An element at depth 2 has its balanced NICs with their properties; a listing needs one more.
DEPTH = 2


def loadbalancers(module):
    params, client = module.params, module.client
    datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
    path = "/datacenters/%s/loadbalancers" % datacenter["id"]
    return info_result("loadbalancers", [item for item in _lookup.read_items(client, path, params["id"], depth=DEPTH)
                                         if not params["name"] or item["properties"].get("name") == params["name"]])


def main():
    module = IonosModule(argument_spec=dict(
        datacenter=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
    ))
    module.run(lambda: loadbalancers(module))


if __name__ == "__main__":
    main()
