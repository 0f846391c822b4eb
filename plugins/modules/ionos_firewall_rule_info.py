#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_firewall_rule_info
short_description: List the firewall rules of an IONOS NIC
version_added: 0.1.0
description:
  - Returns the firewall rules of a NIC, all of them or the one with O(id), those named O(name),
    or those of the protocol O(protocol).
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
      - The server of the NIC, by id or by name.
    type: str
    required: true
  nic:
    description:
      - The NIC, by id or by name within the server.
    type: str
    required: true
  id:
    description:
      - Only the rule with this id.
    type: str
  name:
    description:
      - Only rules with exactly this name.
    type: str
  protocol:
    description:
      - Only rules of this protocol.
    type: str
    choices: [TCP, UDP, ICMP, ANY]
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The TCP rules of the public NIC of web-01
  ionos.enterprise.ionos_firewall_rule_info:
    datacenter: web
    server: web-01
    nic: public
    protocol: TCP
  register: tcp_rules

- name: The ports they open
  ansible.builtin.debug:
    msg: "{{ tcp_rules.firewall_rules | map(attribute='properties.portRangeStart') | list }}"
"""

RETURN = r"""
firewall_rules:
  description: The matching rules as the API lists them at depth 1; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample: [{id: 5a1b2c3d-0000-4000-8000-000000000001, type: firewall-rule, properties: {name: ssh, protocol: TCP, portRangeStart: 22, portRangeEnd: 22}}]
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def firewall_rules(module):
    params, client = module.params, module.client
    datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
    server = _lookup.resolve_server(client, datacenter["id"], params["server"])
    nics = "/datacenters/%s/servers/%s/nics" % (datacenter["id"], server["id"])
    nic = _lookup.resolve(client, nics, params["nic"], "NIC", "nic")
    path = "%s/%s/firewallrules" % (nics, nic["id"])
    items = _lookup.read_items(client, path, params["id"])
    return info_result("firewall_rules", [
        item for item in items
        if (not params["name"] or item["properties"].get("name") == params["name"])
        and (not params["protocol"] or str(item["properties"].get("protocol")).upper() == params["protocol"])])


def main():
    module = IonosModule(argument_spec=dict(
        datacenter=dict(type="str", required=True),
        server=dict(type="str", required=True),
        nic=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
        protocol=dict(type="str", choices=["TCP", "UDP", "ICMP", "ANY"]),
    ))
    module.run(lambda: firewall_rules(module))


if __name__ == "__main__":
    main()
