#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_volume
short_description: Create, resize, update and delete IONOS block storage volumes
version_added: 0.1.0
description:
  - Makes sure a volume exists in a datacenter with the given properties, or does not exist.
  - A volume is found by O(id), or else by O(name) within the datacenter; a name shared by two
    volumes is an error listing their ids.
  - O(size) only grows; O(name), O(size), O(bus) and O(licence_type) are updated in place.
    The image, type, availability zone, image password and SSH keys are set at creation only;
    a different value for an existing volume is an error, never a replacement.
  - Attaching a volume to a server is done with M(ionos.enterprise.ionos_server).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the volume, by id or by name.
    type: str
    required: true
  id:
    description:
      - The id of the volume. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the volume; its identity when O(id) is not given. Required to create one.
    type: str
  size:
    description:
      - The size in GB. Required to create a volume. A volume can only grow.
    type: int
  type:
    description:
      - The storage type, set at creation.
    type: str
    choices: [HDD, SSD]
  bus:
    description:
      - The bus the volume is attached with. The API shows it only once the volume is attached.
    type: str
    choices: [VIRTIO, IDE]
  image:
    description:
      - The id of an image or snapshot to create the volume from (see M(ionos.enterprise.ionos_image_info)).
    type: str
  image_alias:
    description:
      - An image alias of the datacenter's location, such as V(ubuntu:latest), instead of O(image).
    type: str
  image_password:
    description:
      - The password of the image's root or administrator user, for a public image; 8 to 50
        letters and digits. Used at creation only and never shown.
      - Needs O(image) or O(image_alias). Given with them for a volume that exists, it is not
        compared (the API does not show it), so the task that created the volume stays unchanged.
        Given without them for a volume that exists, it is an error saying that the password is
        set at creation only and cannot be changed, and nothing is written; for a volume that
        does not exist yet, it is an error saying that the create needs a public image.
    type: str
  ssh_keys:
    description:
      - Public SSH keys for the root user of a public Linux image. Used at creation only.
      - Like O(image_password), needs O(image) or O(image_alias); without them it is an error, for a
        volume that exists as for one that does not.
    type: list
    elements: str
  licence_type:
    description:
      - The licence of the volume's operating system; required for a volume without an image.
    type: str
    choices: [LINUX, WINDOWS, WINDOWS2016, UNKNOWN, OTHER]
  availability_zone:
    description:
      - The storage availability zone, set at creation.
    type: str
    choices: [AUTO, ZONE_1, ZONE_2, ZONE_3]
  state:
    description:
      - V(present) creates or updates the volume, V(absent) deletes it.
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
- name: A system volume from the location's latest Ubuntu
  ionos.enterprise.ionos_volume:
    datacenter: web
    name: system
    size: 20
    type: SSD
    image_alias: ubuntu:latest
    ssh_keys:
      - "{{ lookup('ansible.builtin.file', '~/.ssh/id_ed25519.pub') }}"

- name: A data volume, grown to 200 GB
  ionos.enterprise.ionos_volume:
    datacenter: web
    name: data
    size: 200
    licence_type: OTHER

- name: Delete it
  ionos.enterprise.ionos_volume:
    datacenter: web
    name: data
    state: absent
"""

RETURN = r"""
volume:
  description:
    - The volume as the API returns it at depth 0; after a delete, as it was; C(null) when there
      was none. In check mode, the volume as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The volume's id.
      type: str
    properties:
      description: C(name), C(type), C(size), C(image), C(bus), C(licenceType), C(availabilityZone), C(deviceNumber) and the hot-plug flags.
      type: dict
      sample: {name: data, type: HDD, size: 200, image: null, bus: null, licenceType: OTHER, availabilityZone: AUTO}
diff:
  description: The managed properties before and after; the image password is masked.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._composite import IMAGE_PASSWORD


class VolumeModule(ResourceModule):
    represent = "volume"
    properties = _kinds.VOLUME

    datacenter = None

    def collection_path(self):
        self.datacenter = _lookup.resolve_datacenter(self.client, self.params["datacenter"])
        return "/datacenters/%s/volumes" % self.datacenter["id"]

    def create(self):
        options = self.root_access_without_image()
        if options:
            self.fail("%s %s a public image: the volume %r does not exist yet, and only a volume created from"
                      " a public image (set image or image_alias) has a root or administrator user to give a"
                      " password or SSH keys to." % (" and ".join(options), "needs" if len(options) == 1 else "need",
                                                     self.params["name"]))
        self.check_source()
        return super(VolumeModule, self).create()

    def root_access_without_image(self):
        """The options set that give an image's root user a password or keys, when the task
        names no image (never their values: they are secrets)."""
        if self.params["image"] or self.params["image_alias"]:
            return []
        return [option for option in ("image_password", "ssh_keys") if self.params[option]]

    def refuse_root_access_for_existing(self, current):
        """A task that sets the image password or SSH keys without the image asks to set them on
        the existing volume, which the API cannot do: they are given to the image's root user
        when the volume is created from it. (With the image, the task is the one the volume was
        created with, and stays quiet, as for every create-only option the API does not show.)"""
        options = self.root_access_without_image()
        if options:
            self.fail("%s: %s exists, and its image's password and SSH keys are set only when a volume is"
                      " created from a public image (with image or image_alias); the API cannot set or change"
                      " them afterwards. Leave %s out of the task, or delete the volume and create it again."
                      % (" and ".join(options), _lookup.named(self.noun, current),
                         "it" if len(options) == 1 else "them"))

    def check_source(self):
        """What the API would refuse about the image, said before the create is sent."""
        params = self.params
        location = self.datacenter["properties"]["location"]
        if params["image_alias"]:
            aliases = self.client.get("/locations/%s" % location)["properties"].get("imageAliases") or []
            if params["image_alias"] not in aliases:
                self.fail("image_alias: %r is not an image alias of %s; it has %s."
                          % (params["image_alias"], location, ", ".join(sorted(aliases))))
        elif params["image"] and (params["image_password"] or params["ssh_keys"]):
            image = _lookup.find_by_id(self.client, "/images", params["image"])
            if image is None or not image["properties"].get("public"):
                self.fail("image_password and ssh_keys only apply to a public image; %s is %s."
                          % (params["image"], "a private image" if image else "not a public image (a snapshot?)"))

    def missing_for_create(self):
        missing = [option for option in ("name", "size") if not self.params.get(option)]
        # The API creates a volume without an image only with a licence type (a 422 otherwise).
        if not (self.params["image"] or self.params["image_alias"] or self.params["licence_type"]):
            missing.append("licence_type (or image or image_alias)")
        return missing

    def update_changes(self, current):
        self.refuse_root_access_for_existing(current)
        problem = _kinds.volume_size_problem(current, self.params.get("size"))
        if problem:
            self.fail(problem)
        return super(VolumeModule, self).update_changes(current)


def main():
    module = VolumeModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            size=dict(type="int"),
            type=dict(type="str", choices=["HDD", "SSD"]),
            bus=dict(type="str", choices=["VIRTIO", "IDE"]),
            image=dict(type="str"),
            image_alias=dict(type="str"),
            image_password=dict(type="str", no_log=True),
            ssh_keys=dict(type="list", elements="str", no_log=False),
            licence_type=dict(type="str", choices=["LINUX", "WINDOWS", "WINDOWS2016", "UNKNOWN", "OTHER"]),
            availability_zone=dict(type="str", choices=["AUTO", "ZONE_1", "ZONE_2", "ZONE_3"]),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
        mutually_exclusive=[["image", "image_alias"]],
    )
    params = module.params
    if params["size"] is not None and params["size"] < 1:
        module.fail("size must be at least 1 (GB), got %d" % params["size"])
    if params["image_password"] is not None and not IMAGE_PASSWORD.match(params["image_password"]):
        module.fail("image_password must be 8 to 50 letters (a-z, A-Z) and digits")
    module.run_state()


if __name__ == "__main__":
    main()
