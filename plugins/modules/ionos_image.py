#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_image
short_description: Update and delete the account's own IONOS images
version_added: 0.1.0
description:
  - Makes sure an image of the account's own has the given name, description, licence type and
    hot-plug capabilities, or does not exist.
  - Images come from FTP uploads (or from snapshots); the API cannot create them, so this module
    never creates one. An image that does not exist is an error with O(state=present).
  - An image is found by O(id), or else by O(name); a name shared by two images is an error
    listing their ids, never a guess. Public images have the same name in every location, so
    give a public image's id.
  - Public images (those IONOS provides) cannot be changed or deleted. A task that would change or
    delete one fails, naming the image, before it writes anything; a task that would leave a
    public image as it is succeeds unchanged.
  - Only the options the task sets are compared and changed; the changes are sent in one request.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the image. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The exact name of the image; its identity when O(id) is not given.
    type: str
  description:
    description:
      - A description of the image.
    type: str
  licence_type:
    description:
      - The licence of the operating system on the image.
    type: str
    choices: [LINUX, WINDOWS, WINDOWS2016, UNKNOWN, OTHER]
  cpu_hot_plug:
    description:
      - Whether servers from the image can get more CPU cores while running.
    type: bool
  cpu_hot_unplug:
    description:
      - Whether servers from the image can lose CPU cores while running.
    type: bool
  ram_hot_plug:
    description:
      - Whether servers from the image can get more memory while running.
    type: bool
  ram_hot_unplug:
    description:
      - Whether servers from the image can lose memory while running.
    type: bool
  nic_hot_plug:
    description:
      - Whether NICs can be added to servers from the image while they run.
    type: bool
  nic_hot_unplug:
    description:
      - Whether NICs can be removed from servers from the image while they run.
    type: bool
  disc_virtio_hot_plug:
    description:
      - Whether VirtIO volumes can be attached to servers from the image while they run.
    type: bool
  disc_virtio_hot_unplug:
    description:
      - Whether VirtIO volumes can be detached from servers from the image while they run.
    type: bool
  disc_scsi_hot_plug:
    description:
      - Whether SCSI volumes can be attached to servers from the image while they run.
    type: bool
  disc_scsi_hot_unplug:
    description:
      - Whether SCSI volumes can be detached from servers from the image while they run.
    type: bool
  state:
    description:
      - V(present) updates the image, which must exist; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
seealso:
  - module: ionos.enterprise.ionos_image_info
"""

EXAMPLES = r"""
- name: Manage an uploaded image
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/ionos.enterprise.ionos:
      username: "{{ lookup('ansible.builtin.env', 'IONOS_USERNAME') }}"
      password: "{{ lookup('ansible.builtin.env', 'IONOS_PASSWORD') }}"
  tasks:
    - name: Describe the uploaded image and let its servers grow while running
      ionos.enterprise.ionos_image:
        name: my-appliance.qcow2
        description: Appliance, release 7
        licence_type: LINUX
        cpu_hot_plug: true
        ram_hot_plug: true

    - name: Rename it, by id
      ionos.enterprise.ionos_image:
        id: 7df81087-5835-11e5-8e6d-52540066fee9
        name: appliance-7

    - name: Delete it
      ionos.enterprise.ionos_image:
        name: appliance-7
        state: absent
"""

RETURN = r"""
image:
  description:
    - The image as the API returns it at depth 0. After a delete, the image as it was; C(null)
      when there was none. In check mode, the image as it would be.
  returned: always
  type: dict
  contains:
    id:
      description: The image's id.
      type: str
      sample: 7df81087-5835-11e5-8e6d-52540066fee9
    type:
      description: Always C(image).
      type: str
    href:
      description: The image's URL.
      type: str
    metadata:
      description: Creation and modification dates and users, C(etag) and C(state).
      type: dict
    properties:
      description:
        - C(name), C(description), C(location), C(size) (GB), C(licenceType), C(imageType)
          (HDD or CDROM), C(public), C(imageAliases) and the ten hot-plug flags
          (C(cpuHotPlug) ... C(discScsiHotUnplug)).
      type: dict
      sample: {name: appliance-7, description: Appliance, release 7, location: de/fra, size: 10.0,
               licenceType: LINUX, imageType: HDD, public: false, imageAliases: [], cpuHotPlug: true}
diff:
  description: The managed properties (name, description, licence_type and the hot-plug flags) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

LICENCES = ["LINUX", "WINDOWS", "WINDOWS2016", "UNKNOWN", "OTHER"]
FLAGS = ("cpu_hot_plug", "cpu_hot_unplug", "ram_hot_plug", "ram_hot_unplug", "nic_hot_plug",
         "nic_hot_unplug", "disc_virtio_hot_plug", "disc_virtio_hot_unplug", "disc_scsi_hot_plug",
         "disc_scsi_hot_unplug")


class ImageModule(ResourceModule):
    represent = "image"
    properties = (
        Prop("name"),
        Prop("description"),
        Prop("licence_type", kind="enum"),
    ) + tuple(Prop(flag, kind="bool") for flag in FLAGS)

    def collection_path(self):
        return "/images"

    def find(self):
        """The image; the API cannot create one, so a missing image is an error when present,
        and a public image is never deleted."""
        current = super(ImageModule, self).find()
        if self.params["state"] == "present" and current is None:
            if self.params.get("id"):
                self.fail("id: no image with id %s exists. Images come from uploads or snapshots;"
                          " this module cannot create one." % self.params["id"])
            self.fail("name: no image named %r exists. Images come from uploads or snapshots;"
                      " this module cannot create one." % self.params["name"])
        if self.params["state"] == "absent" and current is not None:
            self.refuse_public(current, "delete")
        return current

    def update_changes(self, current):
        changes = super(ImageModule, self).update_changes(current)
        if changes:
            options = dict((prop.api, prop.option) for prop in self.properties)
            self.refuse_public(current, "change %s of" % ", ".join(sorted(options[api] for api in changes)))
        return changes

    def refuse_public(self, current, action):
        properties = current.get("properties") or {}
        if properties.get("public"):
            self.fail("Cannot %s the %s in %s: it is a public image, which the API does not"
                      " let anyone change or delete. Only the account's own images can be."
                      % (action, _lookup.named("image", current), properties.get("location")))


def main():
    spec = dict(
        id=dict(type="str"),
        name=dict(type="str"),
        description=dict(type="str"),
        licence_type=dict(type="str", choices=LICENCES),
        state=dict(type="str", default="present", choices=["present", "absent"]),
    )
    spec.update((flag, dict(type="bool")) for flag in FLAGS)
    module = ImageModule(argument_spec=spec, wait=True, required_one_of=[["id", "name"]])
    module.run_state()


if __name__ == "__main__":
    main()
