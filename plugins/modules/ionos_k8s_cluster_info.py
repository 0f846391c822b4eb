#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_k8s_cluster_info
short_description: List IONOS managed Kubernetes clusters and the versions the API offers
version_added: 0.1.0
description:
  - Returns the managed Kubernetes clusters of the account, all of them or the one with O(id) or
    those named O(name), optionally each with its node pools.
  - Optionally returns the Kubernetes versions the API offers for new clusters.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the cluster with this id.
    type: str
  name:
    description:
      - Only clusters with exactly this name.
    type: str
  nodepools:
    description:
      - Also return each cluster's node pools (under C(nodepools) of each cluster).
      - The clusters and their node pools are read in one call.
    type: bool
    default: false
  versions:
    description:
      - Also return the Kubernetes versions the API offers, as RV(versions).
    type: bool
    default: false
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The clusters, with their node pools
  ionos.enterprise.ionos_k8s_cluster_info:
    nodepools: true
  register: k8s

- name: Their names and states
  ansible.builtin.debug:
    msg: "{{ k8s.clusters | map(attribute='properties.name') | zip(k8s.clusters | map(attribute='metadata.state')) | list }}"

- name: The versions a new cluster can run
  ionos.enterprise.ionos_k8s_cluster_info:
    name: none-wanted
    versions: true
  register: offered
"""

RETURN = r"""
clusters:
  description:
    - The matching clusters as the API returns them at depth 0; C([]) when none matches.
    - With O(nodepools=true), each also has C(nodepools), the list of its node pools at depth 0.
  returned: always
  type: list
  elements: dict
versions:
  description: The Kubernetes versions the API offers, such as C(1.18.9).
  returned: when O(versions=true)
  type: list
  elements: str
  sample: [1.17.8, 1.18.5, 1.18.9, 1.19.4]
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _k8s, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def _with_nodepools(cluster):
    """The cluster at depth 0, with its node pools (from the cluster read at depth 2) as a plain list."""
    entities = cluster.pop("entities", None) or {}
    pools = (entities.get("nodepools") or {}).get("items") or []
    for pool in pools:
        pool.pop("entities", None)
    return dict(cluster, nodepools=pools)


def clusters(module):
    params, client = module.params, module.client
    # Each cluster at depth 2 carries its node pools with their properties and metadata: one call for all
    # (read_items reads the collection one level deeper, at depth 3, or the one cluster at depth 2).
    depth = 2 if params["nodepools"] else 0
    found = [item for item in _lookup.read_items(client, _k8s.CLUSTERS, params["id"], depth=depth)
             if not params["name"] or (item.get("properties") or {}).get("name") == params["name"]]
    if params["nodepools"]:
        found = [_with_nodepools(item) for item in found]
    result = info_result("clusters", found)
    if params["versions"]:
        result["versions"] = _k8s.versions(client)
    return result


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
        nodepools=dict(type="bool", default=False),
        versions=dict(type="bool", default=False),
    ))
    module.run(lambda: clusters(module))


if __name__ == "__main__":
    main()
