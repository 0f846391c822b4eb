#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_resource_info
short_description: List the resources of an IONOS account
version_added: 0.1.0
description:
  - Returns the resources of the account as user management sees them (C(/um/resources))
    with their names; all of them, those of one O(type), or the one with O(type) and O(id).
  - The API lists the public images the account can use among them, of type C(image).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  type:
    description:
      - Only resources of this type.
    type: str
    choices: [backupunit, datacenter, image, ipblock, k8s, pcc, snapshot]
  id:
    description:
      - Only the resource with this id; needs O(type).
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Every snapshot of the account
  ionos.enterprise.ionos_resource_info:
    type: snapshot
  register: snapshots

- name: Their names
  ansible.builtin.debug:
    msg: "{{ snapshots.resources | map(attribute='properties.name') }}"

- name: One datacenter
  ionos.enterprise.ionos_resource_info:
    type: datacenter
    id: 0f3c5f7e-8c1d-4a4b-9f3e-2d1a6b7c8d9e
"""

RETURN = r"""
resources:
  description:
    - The matching resources as the API returns them at depth 0, each with C(id), C(type) (its
      type, such as C(datacenter) or C(image)), C(href) and C(properties.name); C([]) when none
      matches.
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def resources(module):
    params, client = module.params, module.client
    path = "/um/resources" if not params["type"] else "/um/resources/%s" % params["type"]
    return info_result("resources", _lookup.read_items(client, path, params["id"]))


def main():
    module = IonosModule(
        argument_spec=dict(
            type=dict(type="str", choices=_um.RESOURCE_TYPES),
            id=dict(type="str"),
        ),
        required_by=dict(id="type"),
    )
    module.run(lambda: resources(module))


if __name__ == "__main__":
    main()
