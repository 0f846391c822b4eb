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
  - A share's C(id) is the id of the shared resource; each share also says the resource's type
    and name (C(resource_type), C(resource_name)), from one read of the group's resources
    (C(GET /um/groups/{id}/resources)), made only when there is a share to describe.
  - It makes three reads at most (the group, by id or name; the shares, or the one share of
    O(resource); the group's resources, only when there is a share).
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

- name: The names of the resources they may change
  ansible.builtin.debug:
    msg: "{{ operators_shares.shares | selectattr('properties.editPrivilege') | map(attribute='resource_name') }}"

- name: The ids of the datacenters shared with them
  ansible.builtin.debug:
    msg: "{{ operators_shares.shares | selectattr('resource_type', 'eq', 'datacenter') | map(attribute='id') }}"
"""

RETURN = r"""
shares:
  description:
    - The group's shares as the API returns them, each with the id of the shared resource and its
      C(editPrivilege) and C(sharePrivilege), plus the type and name of the shared resource;
      C([]) when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the shared resource (a share has no id of its own).
      type: str
      sample: 0f3c5f7e-8c1d-4a4b-9f3e-2d1a6b7c8d9e
    type:
      description: Always C(resource), the API's type of a share.
      type: str
    href:
      description: The share's URL, under the group.
      type: str
    properties:
      description: C(editPrivilege) and C(sharePrivilege).
      type: dict
      sample: {editPrivilege: true, sharePrivilege: false}
    resource_type:
      description:
        - The type of the shared resource, one of C(backupunit), C(datacenter), C(image), C(ipblock),
          C(k8s), C(pcc) and C(snapshot), as M(ionos.enterprise.ionos_share) takes it in O(ionos.enterprise.ionos_share#module:resource_type).
        - Added by the module (the API's share does not say it); C(null) when the group's resources do
          not list the resource (it was deleted since).
      type: str
      sample: datacenter
    resource_name:
      description:
        - The name of the shared resource; added by the module. C(null) when the resource has no name
          or the group's resources do not list it.
      type: str
      sample: web
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def shares(module):
    params, client = module.params, module.client
    group_path = _lookup.element_path(_um.GROUPS, _um.resolve_group(client, params["group"]))
    found = _lookup.read_items(client, group_path + "/shares", params["resource"])
    if found:
        describe(found, client.list(group_path + "/resources", depth=1))
    return info_result("shares", found)


def describe(found, resources):
    """Add to each share the type and name of its resource, from the group's resources (one
    read for all: a share itself only says ``resource`` and the resource's id)."""
    by_id = dict((item.get("id"), item) for item in resources)
    for share in found:
        resource = by_id.get(share.get("id"))
        share["resource_type"] = _um.resource_type_of(resource) if resource else None
        share["resource_name"] = ((resource or {}).get("properties") or {}).get("name")


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
