#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_image_info
short_description: List and search IONOS images
version_added: 0.1.0
description:
  - Returns the images the credentials can see (the public ones of every location and the
    account's own), all of them or those matching O(id), O(name), O(location), O(image_type),
    O(public) and O(licence_type), with one API call.
  - O(name) is a case-insensitive part of the name, as in the SDK's "Search for Images".
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the image with this id.
    type: str
  name:
    description:
      - Only images whose name contains this text, ignoring case (V(ubuntu) finds
        C(Ubuntu-20.04-LTS-server-2021-06-01)).
    type: str
  location:
    description:
      - Only images in this location, for example V(us/las)
        (see M(ionos.enterprise.ionos_location_info)).
    type: str
  image_type:
    description:
      - Only hard disk images (V(HDD)) or only CD-ROM images (V(CDROM)).
    type: str
    choices: [HDD, CDROM]
  public:
    description:
      - V(true) for only the public images IONOS provides, V(false) for only the account's own.
    type: bool
  licence_type:
    description:
      - Only images with this licence type.
    type: str
    choices: [LINUX, WINDOWS, WINDOWS2016, UNKNOWN, OTHER]
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
seealso:
  - module: ionos.enterprise.ionos_image
"""

EXAMPLES = r"""
- name: The Ubuntu hard disk images in Las Vegas (the SDK's "Search for Images")
  ionos.enterprise.ionos_image_info:
    name: ubuntu
    location: us/las
    image_type: HDD
  register: ubuntu

- name: Show their names and ids
  ansible.builtin.debug:
    msg: "{{ ubuntu.images | map(attribute='properties.name') }}"

- name: The account's own images
  ionos.enterprise.ionos_image_info:
    public: false
  register: own
"""

RETURN = r"""
images:
  description: The matching images as the API returns them; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 7df81087-5835-11e5-8e6d-52540066fee9
      type: image
      properties: {name: Ubuntu-20.04-LTS-server-2021-06-01, location: us/las, size: 3.0,
                   licenceType: LINUX, imageType: HDD, public: true,
                   imageAliases: ["ubuntu:latest", "ubuntu:20.04"], cpuHotPlug: true}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def matches(params, properties):
    if params["name"] and params["name"].lower() not in (properties.get("name") or "").lower():
        return False
    if params["location"] and properties.get("location") != params["location"]:
        return False
    if params["image_type"] and properties.get("imageType") != params["image_type"]:
        return False
    if params["public"] is not None and bool(properties.get("public")) != params["public"]:
        return False
    if params["licence_type"] and properties.get("licenceType") != params["licence_type"]:
        return False
    return True


def images(module):
    params, client = module.params, module.client
    items = _lookup.read_items(client, "/images", params["id"])
    return info_result("images", [item for item in items if matches(params, item.get("properties") or {})])


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
        location=dict(type="str"),
        image_type=dict(type="str", choices=["HDD", "CDROM"]),
        public=dict(type="bool"),
        licence_type=dict(type="str", choices=["LINUX", "WINDOWS", "WINDOWS2016", "UNKNOWN", "OTHER"]),
    ))
    module.run(lambda: images(module))


if __name__ == "__main__":
    main()
