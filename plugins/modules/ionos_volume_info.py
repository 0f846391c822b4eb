#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_volume_info
short_description: List the volumes of an IONOS datacenter
version_added: 0.1.0
description:
  - Returns the volumes of a datacenter, all of them or the one with O(id) or those named O(name).
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
      - Only the volume with this id.
    type: str
  name:
    description:
      - Only volumes with exactly this name.
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The volumes of the datacenter web
  ionos.enterprise.ionos_volume_info:
    datacenter: web
  register: web_volumes

- name: Their sizes
  ansible.builtin.debug:
    msg: "{{ web_volumes.volumes | map(attribute='properties.size') | sum }} GB"
"""

RETURN = r"""
volumes:
  description: The matching volumes as the API returns them at depth 0; C([]) when none matches.
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def volumes(module):
    params, client = module.params, module.client
    datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
    path = "/datacenters/%s/volumes" % datacenter["id"]
    return info_result("volumes", [item for item in _lookup.read_items(client, path, params["id"])
                                   if not params["name"] or item["properties"].get("name") == params["name"]])


def main():
    module = IonosModule(argument_spec=dict(
        datacenter=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
    ))
    module.run(lambda: volumes(module))


if __name__ == "__main__":
    main()
