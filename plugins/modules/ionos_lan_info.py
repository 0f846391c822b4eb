#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_lan_info
short_description: List the LANs of an IONOS datacenter
version_added: 0.1.0
description:
  - Returns the LANs of a datacenter, all of them or the one with O(id) or those named O(name),
    optionally only the public or only the private ones, each with its member NICs.
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
      - Only the LAN with this numeric id, for example V(1).
    type: str
  name:
    description:
      - Only LANs with exactly this name (LAN names are not unique).
    type: str
  public:
    description:
      - Only public LANs (V(true)) or only private ones (V(false)).
    type: bool
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The public LANs of the datacenter web
  ionos.enterprise.ionos_lan_info:
    datacenter: web
    public: true
  register: result

- name: The NICs on them
  ansible.builtin.debug:
    msg: "{{ result.lans | map(attribute='entities.nics.items') | flatten | map(attribute='id') }}"
"""

RETURN = r"""
lans:
  description:
    - The matching LANs as the API returns them at depth 1; C([]) when none matches.
    - Their C(properties) are C(name), C(public), C(pcc) and C(ipFailover); C(entities.nics.items)
      lists the member NICs, each with C(id), C(type) and C(href).
  returned: always
  type: list
  elements: dict
  sample:
    - id: "1"
      type: lan
      properties: {name: frontend, public: true, pcc: null, ipFailover: []}
      entities: {nics: {id: 1/nics, type: collection, items: [{id: 0f4b2a9c-1d2e-4f3a-8b5c-6d7e8f9a0b1c, type: nic}]}}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def matches(params, lan):
    properties = lan.get("properties") or {}
    if params["name"] is not None and properties.get("name") != params["name"]:
        return False
    if params["public"] is not None and bool(properties.get("public")) != params["public"]:
        return False
    return True


def lans(module):
    params, client = module.params, module.client
    datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
    path = "/datacenters/%s/lans" % datacenter["id"]
    if params["id"] and not str(params["id"]).isdigit():
        return info_result("lans", [])  # a LAN id is a number; anything else names no LAN
    # At depth 1 a LAN lists its member NICs.
    items = _lookup.read_items(client, path, params["id"], depth=1)
    return info_result("lans", [item for item in items if matches(params, item)])


def main():
    module = IonosModule(argument_spec=dict(
        datacenter=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
        public=dict(type="bool"),
    ))
    module.run(lambda: lans(module))


if __name__ == "__main__":
    main()
