#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_share_info
short_description: List the shares of an IONOS user group
version_added: 0.1.0
description:
  - Returns the shares of a group, all of them or the share of the resource with id O(resource).
  - A share's C(id) is the id of the shared resource; M(ionos.enterprise.ionos_resource_info)
    tells what it is.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  group:
    description:
      - The group, by id or by name. A name shared by two groups is an error listing their ids.
    type: str
    required: true
  resource:
    description:
      - Only the share of the resource with this id. An id only, not a name (a name is an error
        before any call); M(ionos.enterprise.ionos_resource_info) lists the resources with their names.
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: What the operators group may see
  ionos.enterprise.ionos_share_info:
    group: operators
  register: operators_shares

- name: The ids of the resources they may change
  ansible.builtin.debug:
    msg: "{{ operators_shares.shares | selectattr('properties.editPrivilege') | map(attribute='id') }}"
"""

RETURN = r"""
shares:
  description:
    - The group's shares, each with the id of the shared resource and its C(editPrivilege) and
      C(sharePrivilege); C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample: [{id: 0f3c5f7e-8c1d-4a4b-9f3e-2d1a6b7c8d9e, type: resource, properties: {editPrivilege: true, sharePrivilege: false}}]
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def shares(module):
    params, client = module.params, module.client
    path = "%s/shares" % _lookup.element_path(_um.GROUPS, _um.resolve_group(client, params["group"]))
    return info_result("shares", _lookup.read_items(client, path, params["resource"]))


def main():
    module = IonosModule(argument_spec=dict(
        group=dict(type="str", required=True),
        resource=dict(type="str"),
    ))
    if not module.params["group"].strip():
        module.fail("group must not be empty")
    resource = module.params["resource"]
    if resource is not None and not _lookup.looks_like_id(resource):
        module.fail("resource: %r is not an id; give the id of the shared resource (a share's id is its"
                    " resource's id; ionos_resource_info lists the resources with their names)." % resource)
    module.run(lambda: shares(module))


if __name__ == "__main__":
    main()
