#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_k8s_cluster
short_description: Create, upgrade and delete IONOS managed Kubernetes clusters
version_added: 0.1.0
description:
  - Makes sure a managed Kubernetes cluster exists with the given version and maintenance
    window, or does not exist.
  - A cluster is found by O(id), or else by O(name); a name shared by two clusters is an error
    listing their ids.
  - O(name), O(k8s_version) and O(maintenance_window) are changed in place. Only the options the
    task sets are compared.
  - An existing cluster can only move to one of its C(availableUpgradeVersions); another
    version is an error listing them, before anything is written.
  - Kubernetes clusters are not tracked through requests. With O(wait=true) the module polls the
    cluster until it is C(ACTIVE) after a create or an upgrade, and until it is gone after a
    delete. On the real cloud this takes minutes, not seconds (a new cluster or node pool, an
    upgrade that replaces nodes one by one), so give O(wait_timeout) room, up to V(3600) for a
    pool of many nodes, or use O(wait=false) and check later with the C(_info) module.
  - A cluster that is still C(DEPLOYING) or C(UPDATING) when the task must change it is
    waited on first (with O(wait=true)) or is an error; so is one being deleted (C(DESTROYING))
    with O(state=present). In check mode, a busy cluster is reported as the real run would
    handle it (with O(wait=false), the same error).
  - A cluster with node pools cannot be deleted; delete them first with
    C(ionos.enterprise.ionos_k8s_nodepool). When every remaining pool is already being deleted
    (C(DESTROYING)) and O(wait=true), the module waits for them to be gone, then deletes the cluster.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the cluster. With O(id), O(name) is the name to give it, not the identity.
    type: str
  name:
    description:
      - The name of the cluster; its identity when O(id) is not given. Required to create one.
      - 1 to 63 letters, digits, V(-), V(_) or V(.), beginning and ending with a letter or digit.
    type: str
  k8s_version:
    description:
      - The Kubernetes version, one the API offers (C(versions=true) of M(ionos.enterprise.ionos_k8s_cluster_info)
        lists them). The API's default when a cluster is created without it.
      - An existing cluster can only be upgraded, to one of its C(availableUpgradeVersions).
    type: str
  maintenance_window:
    description:
      - The weekly window in which the API may update the cluster. The API picks one when a
        cluster is created without it.
    type: dict
    suboptions:
      day_of_the_week:
        description:
          - The day of the window.
        type: str
        required: true
        choices: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday]
      time:
        description:
          - The start of the window, V(HH:mm:ss), V(HH:mm:ssZ) or V(HH:mm:ss"Z"), for example V(03:00:00Z).
            The three forms name the same time of day (UTC), so changing only the form is no change.
        type: str
        required: true
  state:
    description:
      - V(present) creates or updates the cluster, V(absent) deletes it.
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
- name: A cluster, waited on until it is ACTIVE
  ionos.enterprise.ionos_k8s_cluster:
    name: production
    k8s_version: 1.18.9
    maintenance_window:
      day_of_the_week: Sunday
      time: "03:00:00Z"
  register: cluster

- name: Upgrade it
  ionos.enterprise.ionos_k8s_cluster:
    name: production
    k8s_version: 1.19.4

- name: Rename it
  ionos.enterprise.ionos_k8s_cluster:
    id: "{{ cluster.cluster.id }}"
    name: prod

- name: Delete it (its node pools must be deleted first)
  ionos.enterprise.ionos_k8s_cluster:
    name: prod
    state: absent
"""

RETURN = r"""
cluster:
  description:
    - The cluster as the API returns it; after a create or an upgrade with O(wait=true), as it is once
      C(ACTIVE); after a delete, as it was; C(null) when there was none. In check mode, the cluster as
      it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The cluster's id.
      type: str
    metadata:
      description: Includes C(state) (C(DEPLOYING), C(ACTIVE), C(UPDATING), C(DESTROYING), C(FAILED)).
      type: dict
    properties:
      description: C(name), C(k8sVersion), C(maintenanceWindow), C(availableUpgradeVersions) and C(viableNodePoolVersions).
      type: dict
      sample:
        name: production
        k8sVersion: 1.18.9
        maintenanceWindow: {dayOfTheWeek: Sunday, time: "03:00:00Z"}
        availableUpgradeVersions: [1.19.4]
        viableNodePoolVersions: [1.17.8, 1.18.5, 1.18.9]
diff:
  description: C(name), C(k8s_version) and C(maintenance_window) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _k8s, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule

_state = _k8s.state


class ClusterModule(ResourceModule):
    represent = "cluster"
    label = "Kubernetes cluster"
    api_type = "k8s"

    def collection_path(self):
        return _k8s.CLUSTERS

    def find(self, with_nodepools=False):
        """The cluster; ``with_nodepools`` reads it with its node pools' properties (same one call)."""
        if self.params.get("id"):
            return _lookup.find_by_id(self.client, _k8s.CLUSTERS, self.params["id"], depth=2 if with_nodepools else 0)
        clusters = self.client.list(_k8s.CLUSTERS, depth=3) if with_nodepools else None
        return _k8s.find_cluster(self.client, self.params["name"], clusters=clusters)

    # -- planning ---------------------------------------------------------------------

    def offered_problem(self):
        """Why the API would refuse O(k8s_version), or None (one GET /k8s/versions)."""
        return _k8s.version_problem("k8s_version", self.params["k8s_version"], _k8s.versions(self.client))

    def update_changes(self, current):
        params = self.params
        have = current.get("properties") or {}
        changes = {}
        if params.get("id") and params.get("name") and params["name"] != have.get("name"):
            changes["name"] = params["name"]
        version = params.get("k8s_version")
        if version is not None and version != have.get("k8sVersion"):
            upgrades = have.get("availableUpgradeVersions") or []
            if version not in upgrades:
                problem = self.offered_problem()
                if problem:
                    self.fail(problem)
                self.fail("k8s_version: the %s runs %s and can only be upgraded to %s, not to %s."
                          % (_lookup.named(self.label, current), have.get("k8sVersion"),
                             ", ".join(upgrades) if upgrades else "no other version now", version))
            changes["k8sVersion"] = version
        window = _k8s.window_body(params.get("maintenance_window"))
        if window and not _k8s.same_window(window, have.get("maintenanceWindow")):
            changes["maintenanceWindow"] = window
        return changes

    def put_update(self, current, changes):
        """PUT replaces: the name, version and window as they are, with the changes. Returns the
        cluster as the API shows it after the PUT."""
        have = current.get("properties") or {}
        properties = dict((key, have[key]) for key in ("name", "k8sVersion", "maintenanceWindow")
                          if have.get(key) is not None)
        properties.update(changes)
        return _k8s.put(self.client, self.element_path(current["id"]), {"properties": properties}, self.update_changes)

    def ready(self, cluster, doing, until=("ACTIVE",)):
        """The cluster once it is ACTIVE, when it is DEPLOYING or UPDATING: waited on, or an error
        (in check mode: as it is, or the real run's error)."""
        return _k8s.ready(self.client, cluster, self.element_path(cluster["id"]), self.label, doing,
                          self.params.get("wait"), self.params.get("wait_timeout"), until=until,
                          check_mode=self.check_mode)

    # -- the states -------------------------------------------------------------------

    def ensure_present(self):
        current = self.find()
        if current is None:
            if self.params.get("id"):
                self.fail("id: no Kubernetes cluster with id %s exists; to create one, give its name instead."
                          % self.params["id"])
            return self.create()
        if _state(current) == "DESTROYING":
            self.fail("The %s is being deleted (DESTROYING); run again once it is gone to"
                      " create a new one." % _lookup.named(self.label, current))
        changes = self.update_changes(current)
        if not changes:
            return self.result(False, current, self.view(current), self.view(current))
        planned = dict(current, properties=dict(current.get("properties") or {}, **changes))
        if self.check_mode:
            self.ready(current, "it can be changed")
            return self.result(True, planned, self.view(current), self.view(planned))
        if _state(current) in _k8s.BUSY:
            current = self.ready(current, "it can be changed")
            changes = self.update_changes(current)
            if not changes:
                return self.result(False, current, self.view(current), self.view(current))
        updated = self.put_update(current, changes)
        if self.params.get("wait") and _state(updated) != "ACTIVE":
            updated = _k8s.wait_active(self.client, self.element_path(current["id"]), self.params["wait_timeout"])
        return self.result(True, updated, self.view(current), self.view(updated))

    def create(self):
        params = self.params
        if not params.get("name"):
            self.fail("name is required to create a Kubernetes cluster.")
        if params.get("k8s_version") is not None:
            problem = self.offered_problem()
            if problem:
                self.fail(problem)
        properties = {"name": params["name"]}
        if params.get("k8s_version") is not None:
            properties["k8sVersion"] = params["k8s_version"]
        if params.get("maintenance_window"):
            properties["maintenanceWindow"] = _k8s.window_body(params["maintenance_window"])
        planned = {"id": None, "type": "k8s", "properties": properties}
        if self.check_mode:
            return self.result(True, planned, {}, self.view(planned))
        response, adopted = self.start_create({"properties": properties}, params["name"])
        created = adopted if adopted is not None else response.body
        if params.get("wait") and _state(created) != "ACTIVE":
            created = _k8s.wait_active(self.client, self.element_path(created["id"]), params["wait_timeout"])
        return self.result(True, created, {}, self.view(created))

    def ensure_absent(self):
        current = self.find(with_nodepools=True)
        if current is None:
            return self.result(False, None, {}, {})
        pools = ((current.pop("entities", None) or {}).get("nodepools") or {}).get("items") or []
        path = self.element_path(current["id"])
        if _state(current) == "DESTROYING":
            if self.params.get("wait") and not self.check_mode:
                _k8s.wait_gone(self.client, path, self.params["wait_timeout"])
            return self.result(False, current, self.view(current), {})
        if pools and self.params.get("wait") \
                and all(_state(pool) == "DESTROYING" for pool in pools):
            # They are going already: wait for them, then delete the cluster.
            if not self.check_mode:
                for pool in pools:
                    _k8s.wait_gone(self.client, "%s/nodepools/%s" % (path, pool["id"]), self.params["wait_timeout"])
                current = self.read(current["id"])
            pools = []
        if pools:
            going = [pool for pool in pools if _state(pool) == "DESTROYING"]
            self.fail("The %s still has %d node pool(s): %s. Delete them first"
                      " (ionos.enterprise.ionos_k8s_nodepool with state=absent)."
                      % (_lookup.named(self.label, current), len(pools),
                         ", ".join(_lookup.named("node pool", pool) for pool in pools)
                         + (" (%d being deleted already; with wait=true the module waits for such pools when they are"
                            " the only ones left)" % len(going) if going else "")),
                      nodepools=[pool["id"] for pool in pools])
        current = self.ready(current, "it can be deleted", until=("ACTIVE", "FAILED"))
        if not self.check_mode:
            _k8s.delete(self.client, path)
            if self.params.get("wait"):
                _k8s.wait_gone(self.client, path, self.params["wait_timeout"])
        return self.result(True, current, self.view(current), {})

    # -- results ----------------------------------------------------------------------

    def view(self, resource):
        have = (resource or {}).get("properties") or {}
        window = have.get("maintenanceWindow")
        return {
            "name": have.get("name"),
            "k8s_version": have.get("k8sVersion"),
            "maintenance_window": {"day_of_the_week": window.get("dayOfTheWeek"), "time": window.get("time")}
            if window else None,
        }


def main():
    module = ClusterModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            k8s_version=dict(type="str"),
            maintenance_window=_k8s.maintenance_window_spec(),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    params = module.params
    problems = [problem for problem in (_k8s.name_problem("name", params["name"]),
                                        _k8s.version_format_problem("k8s_version", params["k8s_version"]
                                                                    if params["state"] == "present" else None),
                                        _k8s.window_problem("maintenance_window", params["maintenance_window"]))
                if problem]
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
