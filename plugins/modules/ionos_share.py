#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_share
short_description: Share an IONOS datacenter, image, snapshot, IP block or other resource with a group
version_added: 0.1.0
description:
  - Makes sure a user group has a share of a resource with the given privileges, or has none.
  - The resource is any resource of the account that user management lists (C(GET /um/resources))
    and the API shares, a datacenter, a private image, a snapshot, an IP block, a private cross
    connect, a backup unit or a Kubernetes cluster, given by id or, with O(resource_type), by name.
    A name shared by two resources of the type is an error listing their ids.
  - Public images cannot be shared; the module says so before any write. Image names are matched
    among the private images only, so a private image named like a public one is found.
  - With an id and no O(resource_type), the type is found with one read of the account's
    resources (C(GET /um/resources)).
  - With O(state=absent) and an id, the share is read directly (its id is the resource's id); when
    there is one and O(resource_type) is given, a resource of another type is an error and the share
    is left alone. A resource that does not exist (or a public image) has no share to remove.
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
    choices: [backupunit, datacenter, image, ipblock, k8s, pcc, snapshot]
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
  description:
    - The type of the shared resource, O(resource_type) when given (and checked against the resource),
      else as found in C(/um/resources).
    - With O(state=absent), when there is no share of a resource given by id, O(resource_type) as given
      (C(null) when not given); the type is then not checked, as there is nothing to remove.
  returned: always
  type: str
  sample: datacenter
diff:
  description: The privileges before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop


class Unshareable(ReferenceNotFoundError):
    """No resource the API could share is given: none exists by this reference, or it is a
    public image. A share of it cannot exist, so state=absent has nothing to do."""


def is_public_image(image):
    return image.get("type", "image") == "image" and bool((image.get("properties") or {}).get("public"))


def public_image_problem(image):
    return ("resource: %s is a public image (%s); the API cannot share public images, only the"
            " account's own resources." % (image["id"], (image.get("properties") or {}).get("name")))


def resolve_image(client, reference):
    """A private image by id or name; public images are left out before names are matched,
    so a private image named like a public one is found. Only public ones: Unshareable."""
    collection, label = _um.RESOURCE_COLLECTIONS["image"], _um.RESOURCE_LABELS["image"]
    if _lookup.looks_like_id(reference):
        found = _lookup.find_by_id(client, collection, reference)
        if found is not None and is_public_image(found):
            raise Unshareable(public_image_problem(found))
    else:
        images = client.list(collection, depth=1)
        found = _lookup.find_by_name(client, collection, reference, label, option="resource",
                                     items=[image for image in images if not is_public_image(image)])
        public = [image["id"] for image in images if (image.get("properties") or {}).get("name") == reference]
        if found is None and public:
            raise Unshareable("resource: %r names only public images (%s); the API cannot share public images,"
                              " only the account's own resources." % (reference, ", ".join(public)))
    if found is None:
        raise Unshareable("resource: no %s with id or name %r exists." % (label, reference))
    return found


def resolve_resource(client, reference, kind):
    """(id, type) of the shared resource; every refusal is raised before any write."""
    if kind == "image":
        return resolve_image(client, reference)["id"], kind
    if kind:
        try:
            found = _lookup.resolve(client, _um.RESOURCE_COLLECTIONS[kind], reference, _um.RESOURCE_LABELS[kind],
                                    "resource")
        except ReferenceNotFoundError as error:
            raise Unshareable(str(error))
        return found["id"], kind
    found = next((item for item in client.list("/um/resources", depth=0) if item.get("id") == reference), None)
    if found is None:
        # Should /um/resources leave out public images, still say why this one cannot be shared.
        image = _lookup.find_by_id(client, _um.RESOURCE_COLLECTIONS["image"], reference)
        if image is not None and is_public_image(image):
            raise Unshareable(public_image_problem(image))
        raise Unshareable("resource: the account has no resource with id %r (of the types %s)."
                          % (reference, ", ".join(_um.RESOURCE_TYPES)))
    kind = _um.resource_type_of(found)
    if kind == "image":
        # The real API lists the public images the account can use among its resources
        # (wire reference section 7b); they cannot be shared, which only the image tells.
        return resolve_image(client, reference)["id"], kind
    if kind not in _um.RESOURCE_COLLECTIONS:
        raise ReferenceNotFoundError("resource: %s is a %s; this module shares %s."
                                     % (reference, kind, ", ".join(_um.RESOURCE_TYPES)))
    return found["id"], kind


class ShareModule(ResourceModule):
    represent = "share"
    stateless = True
    api_type = "resource"
    properties = (
        Prop("edit_privilege", kind="bool"),
        Prop("share_privilege", kind="bool"),
    )

    resource_id = None
    resource_type = None

    def collection_path(self):
        return "%s/shares" % _lookup.element_path(_um.GROUPS, _um.resolve_group(self.client, self.params["group"]))

    def share_path(self):
        return self.element_path(self.resource_id)

    def find(self):
        path = self.path()
        if self.params["state"] == "absent" and _lookup.looks_like_id(self.params["resource"]):
            # The share's id is the resource's: read it directly; the type is checked only
            # when there is a share to remove.
            self.resource_id = self.params["resource"]
            share = self.client.get_or_none(self.share_path())
            if share is not None:
                self.resource_type = self.shared_type()
            return share
        if self.resource_id is None:
            try:
                self.resource_id, self.resource_type = resolve_resource(
                    self.client, self.params["resource"], self.params["resource_type"])
            except Unshareable:
                # No such resource (or a public image): there is no share to remove.
                if self.params["state"] == "absent":
                    return None
                raise
        return _lookup.find_by_id(self.client, path, self.resource_id)

    def shared_type(self):
        """The type of the resource of an existing share: resource_type when it is that
        (one read), else found in /um/resources; a different type is an error."""
        kind = self.params["resource_type"]
        if kind and _lookup.find_by_id(self.client, "/um/resources/%s" % kind, self.resource_id) is not None:
            return kind
        actual = next((_um.resource_type_of(item) for item in self.client.list("/um/resources", depth=0)
                       if item.get("id") == self.resource_id), None)
        if kind and actual:
            raise ReferenceNotFoundError(
                "resource_type: %s is a %s, not a %s; the share of it is left alone."
                % (self.resource_id, _um.RESOURCE_LABELS.get(actual, actual), _um.RESOURCE_LABELS[kind]))
        # A share whose resource is gone is removed as it is.
        return actual or kind

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id))

    def create(self):
        properties = dict(editPrivilege=False, sharePrivilege=False)
        properties.update(self.desired_properties())
        planned = {"id": self.resource_id, "type": self.planned_type, "properties": properties}
        if self.check_mode:
            return self.result(True, planned, {}, self.view(planned))
        # A 5xx or a lost answer may hide a share that was made: look before posting again
        # (a second POST of the same share is refused).
        response, adopted = self.start_create({"properties": properties}, None, url=self.share_path(), lookup=self.find)
        if adopted is not None:
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
            resource_type=dict(type="str", choices=_um.RESOURCE_TYPES),
            edit_privilege=dict(type="bool"),
            share_privilege=dict(type="bool"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
    )
    params = module.params
    blank = [option for option in ("group", "resource") if not params[option].strip()]
    if blank:
        module.fail("; ".join("%s must not be empty" % option for option in blank))
    if not params["resource_type"] and not _lookup.looks_like_id(params["resource"]):
        module.fail("resource_type is required when resource is a name (%r); one of %s."
                    % (params["resource"], ", ".join(_um.RESOURCE_TYPES)))
    module.run_state()


if __name__ == "__main__":
    main()
