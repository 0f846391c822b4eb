#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_k8s_nodepool_info
short_description: List the node pools of an IONOS managed Kubernetes cluster
version_added: 0.1.0
description:
  - Returns the node pools of a Kubernetes cluster, all of them or the one with O(id) or those named O(name).
  - With O(nodes), each pool also carries its nodes.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  cluster:
    description:
      - The Kubernetes cluster, by id or by name.
    type: str
    required: true
  id:
    description:
      - Only the node pool with this id.
    type: str
  name:
    description:
      - Only node pools with exactly this name.
    type: str
  nodes:
    description:
      - Add each pool's nodes under C(nodes), one more call per pool.
    type: bool
    default: false
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The node pools of the cluster production, with their nodes
  ionos.enterprise.ionos_k8s_nodepool_info:
    cluster: production
    nodes: true
  register: pools

- name: The public IPs of the nodes
  ansible.builtin.debug:
    msg: "{{ pools.nodepools | map(attribute='nodes') | flatten | map(attribute='properties.publicIP') | list }}"
"""

RETURN = r"""
nodepools:
  description:
    - The matching node pools as the API returns them at depth 0; C([]) when none matches.
    - With O(nodes), each has C(nodes), the list of its nodes (C(properties) with C(name), C(publicIP) and
      C(k8sVersion); C(metadata.state) such as C(READY)).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _k8s, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def nodepools(module):
    params, client = module.params, module.client
    cluster = _k8s.find_cluster(client, params["cluster"], option="cluster")
    if cluster is None:
        raise ReferenceNotFoundError("cluster: no Kubernetes cluster with id or name %r exists." % params["cluster"])
    path = "%s/nodepools" % _k8s.cluster_path(cluster["id"])
    pools = [item for item in _lookup.read_items(client, path, params["id"])
             if not params["name"] or (item.get("properties") or {}).get("name") == params["name"]]
    if params["nodes"]:
        for pool in pools:
            pool["nodes"] = client.list("%s/nodes" % _lookup.element_path(path, pool["id"]), depth=1)
    return info_result("nodepools", pools)


def main():
    module = IonosModule(argument_spec=dict(
        cluster=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
        nodes=dict(type="bool", default=False),
    ))
    if not module.params["cluster"].strip():
        module.fail("cluster must not be empty")
    module.run(lambda: nodepools(module))


if __name__ == "__main__":
    main()
