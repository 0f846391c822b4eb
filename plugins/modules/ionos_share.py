#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_share
short_description: Share an IONOS datacenter, image, snapshot or IP block with a group
version_added: 0.1.0
description:
  - Makes sure a user group has a share of a resource with the given privileges, or has none.
  - The resource is a datacenter, a private image, a snapshot or an IP block, given by id or,
    with O(resource_type), by name. A name shared by two resources of the type is an error
    listing their ids. Public images cannot be shared; the module says so before any write.
  - With an id and no O(resource_type), the type is found with one read of the account's
    resources (C(GET /um/resources)).
  - The API replaces both privileges on an update, so the module sends the current
    privileges merged with the ones the task sets; a privilege the task does not set is kept.
  - Groups are managed with M(ionos.enterprise.ionos_group).
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
      - The shared resource, by id, or by name together with O(resource_type).
    type: str
    required: true
  resource_type:
    description:
      - The type of O(resource). Required when O(resource) is a name; with an id it is found
        when not given (one more read), and checked when given.
    type: str
    choices: [datacenter, image, snapshot, ipblock]
  edit_privilege:
    description:
      - Whether the group's members may change the resource. The API's default is V(false).
      - Compared only when set.
    type: bool
  share_privilege:
    description:
      - Whether the group's members may share the resource further. The API's default is V(false).
      - Compared only when set.
    type: bool
  state:
    description:
      - V(present) creates or updates the share, V(absent) removes it (the resource stays).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Let the operators group change the datacenter web
  ionos.enterprise.ionos_share:
    group: operators
    resource: web
    resource_type: datacenter
    edit_privilege: true

- name: Let them share a snapshot given by id, too
  ionos.enterprise.ionos_share:
    group: operators
    resource: 0f3c5f7e-8c1d-4a4b-9f3e-2d1a6b7c8d9e
    share_privilege: true

- name: Stop sharing the datacenter web with the operators
  ionos.enterprise.ionos_share:
    group: operators
    resource: web
    resource_type: datacenter
    state: absent
"""

RETURN = r"""
share:
  description:
    - The share as the API returns it; its C(id) is the id of the shared resource. After a
      delete, as it was; C(null) when there was none. In check mode, the share as it would be.
  returned: always
  type: dict
  contains:
    id:
      description: The id of the shared resource.
      type: str
    properties:
      description: C(editPrivilege) and C(sharePrivilege).
      type: dict
      sample: {editPrivilege: true, sharePrivilege: false}
resource_type:
  description: The type of the shared resource, as given or as found; C(null) when an absent share's resource was not found.
  returned: always
  type: str
  sample: datacenter
diff:
  description: The privileges before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    AmbiguousNameError,
    IonosError,
    ReferenceNotFoundError,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

# The resource types the API shares, and the collection of each.
COLLECTIONS = {
    "datacenter": "/datacenters",
    "image": "/images",
    "snapshot": "/snapshots",
    "ipblock": "/ipblocks",
}
LABELS = {"datacenter": "datacenter", "image": "image", "snapshot": "snapshot", "ipblock": "IP block"}


def resource_type_of(item):
    """The type of an item of /um/resources: the segment of its href before the id (the
    items' ``type`` is ``resource``), or its ``type`` when that is a shared type."""
    if item.get("type") in COLLECTIONS:
        return item["type"]
    parts = (item.get("href") or "").rstrip("/").split("/")
    return parts[-2] if len(parts) >= 2 else None


def public_image_problem(image):
    props = image.get("properties") or {}
    if image.get("type", "image") == "image" and props.get("public"):
        return ("resource: %s is a public image (%s); the API cannot share public images, only"
                " private images, snapshots, datacenters and IP blocks." % (image["id"], props.get("name")))
    return None


def resolve_resource(client, reference, kind):
    """(id, type) of the shared resource; every refusal is raised before any write."""
    if kind and not _lookup.looks_like_id(reference):
        items = client.list(COLLECTIONS[kind], depth=1)
        matches = [item for item in items if (item.get("properties") or {}).get("name") == reference]
        if len(matches) > 1:
            raise AmbiguousNameError(LABELS[kind], reference, [item["id"] for item in matches], option="resource")
        if not matches:
            raise ReferenceNotFoundError("resource: no %s named %r exists." % (LABELS[kind], reference))
        found = matches[0]
    elif kind:
        found = _lookup.find_by_id(client, COLLECTIONS[kind], reference)
        if found is None:
            raise ReferenceNotFoundError("resource: no %s with id %r exists." % (LABELS[kind], reference))
    else:
        found = None
        for item in client.list("/um/resources", depth=0):
            if item.get("id") == reference:
                kind = resource_type_of(item)
                found = item
                break
        if found is None:
            # /um/resources leaves out public images: say why this one cannot be shared.
            image = _lookup.find_by_id(client, "/images", reference)
            problem = public_image_problem(image) if image else None
            raise ReferenceNotFoundError(problem or "resource: no datacenter, image, snapshot or IP block with"
                                         " id %r exists." % reference)
        if kind not in COLLECTIONS:
            raise ReferenceNotFoundError("resource: %s is a %s; this module shares datacenters, images,"
                                         " snapshots and IP blocks." % (reference, kind))
        return found["id"], kind
    if kind == "image":
        problem = public_image_problem(found)
        if problem:
            raise ReferenceNotFoundError(problem)
    return found["id"], kind


class ShareModule(ResourceModule):
    represent = "share"
    api_type = "resource"
    properties = (
        Prop("edit_privilege", kind="bool"),
        Prop("share_privilege", kind="bool"),
    )

    resource_id = None
    resource_type = None

    def collection_path(self):
        group = _um.find_group(self.client, self.params["group"], option="group")
        if group is None:
            raise ReferenceNotFoundError("group: no group with id or name %r exists." % self.params["group"])
        return "%s/shares" % _lookup.element_path(_um.GROUPS, group["id"])

    def share_path(self):
        return self.element_path(self.resource_id)

    def find(self):
        path = self.path()
        if self.resource_id is None:
            try:
                self.resource_id, self.resource_type = resolve_resource(
                    self.client, self.params["resource"], self.params["resource_type"])
            except ReferenceNotFoundError:
                # A resource that does not exist (or cannot be shared) has no share to remove.
                if self.params["state"] == "absent":
                    return None
                raise
        return _lookup.find_by_id(self.client, path, self.resource_id)

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id))

    def create(self):
        properties = dict(editPrivilege=False, sharePrivilege=False)
        properties.update(self.desired_properties())
        planned = {"id": self.resource_id, "type": self.planned_type, "properties": properties}
        if self.check_mode:
            return self.result(True, planned, {}, self.view(planned))
        try:
            response = self.client.post(self.share_path(), {"properties": properties})
        except IonosError as error:
            # A 5xx may hide a share that was made: look before failing (a second POST of
            # the same share is refused).
            adopted = self.find() if error.may_have_acted else None
            if adopted is None:
                raise
            return self.result(True, adopted, {}, self.view(adopted))
        self.wait_for(response)
        created = self.read(self.resource_id) if self.params.get("wait") else response.body
        return self.result(True, created, {}, self.view(created))

    def send_update(self, current, changes):
        """PUT replaces both privileges: the current ones merged with the changes."""
        have = current.get("properties") or {}
        properties = dict((prop.api, bool(have.get(prop.api))) for prop in self.properties)
        properties.update(changes)
        return self.client.put(self.share_path(), {"properties": properties})

    def result(self, changed, resource, before, after):
        result = super(ShareModule, self).result(changed, resource, before, after)
        result["resource_type"] = self.resource_type or self.params["resource_type"]
        return result


def main():
    module = ShareModule(
        argument_spec=dict(
            group=dict(type="str", required=True),
            resource=dict(type="str", required=True),
            resource_type=dict(type="str", choices=sorted(COLLECTIONS)),
            edit_privilege=dict(type="bool"),
            share_privilege=dict(type="bool"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
    )
    params = module.params
    if not params["resource_type"] and not _lookup.looks_like_id(params["resource"]):
        module.fail("resource_type is required when resource is a name (%r); one of %s."
                    % (params["resource"], ", ".join(sorted(COLLECTIONS))))
    module.run_state()


if __name__ == "__main__":
    main()
