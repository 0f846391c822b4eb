#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_k8s_nodepool
short_description: Create, update and delete node pools of IONOS managed Kubernetes clusters
version_added: 0.1.0
description:
  - Makes sure a node pool exists in a Kubernetes cluster with the given properties, or does not exist.
  - A node pool is found by O(name) within the cluster; a name shared by two pools is an error listing their ids.
  - O(node_count), O(auto_scaling), O(maintenance_window), O(k8s_version), O(lans), O(labels),
    O(annotations) and O(public_ips) are updated in place, in one request that sends every writable
    property (the API replaces them all). Only the options the task sets are compared; O(labels),
    O(annotations) and O(auto_scaling) are compared exactly, O(lans) and O(public_ips) as sets, the
    time of O(maintenance_window) as a time of day (V(03:00:00), V(03:00:00Z) and V(03:00:00"Z") are the same).
  - O(datacenter), O(cpu_family), O(cores_count), O(ram_size), O(availability_zone), O(storage_type) and
    O(storage_size) are set at creation only; a different value for an existing pool is an error.
  - The cluster must be ACTIVE to create or update a pool; with O(wait) the module waits for it.
  - A pool that is C(DEPLOYING) or C(UPDATING) is waited on before it is changed or deleted (with O(wait)),
    otherwise that is an error before anything is written. In check mode the task reports what the real run would
    do (with O(wait=false), the same error).
  - A pool being deleted (C(DESTROYING)) is an error with O(state=present), as for the cluster in
    M(ionos.enterprise.ionos_k8s_cluster); run again once it is gone to create a new one. With O(state=absent) it
    counts as deleted already (no change); with O(wait) the module waits until it is gone.
  - Node pools are not tracked through the API's requests; with O(wait) the module polls the pool until it is
    ACTIVE after a create or update, and until it is gone after a delete. On the real cloud this
    takes minutes, not seconds (a new pool, an upgrade that replaces nodes one by one), so give
    O(wait_timeout) room, up to V(3600) for a pool of many nodes, or use O(wait=false) and check
    later with M(ionos.enterprise.ionos_k8s_nodepool_info).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  cluster:
    description:
      - The Kubernetes cluster of the node pool, by id or by name.
    type: str
    required: true
  name:
    description:
      - The name of the node pool, its identity within the cluster. 1 to 63 letters, digits, V(-), V(_) or
        V(.), beginning and ending with a letter or digit.
    type: str
    required: true
  datacenter:
    description:
      - The datacenter the nodes are placed in, by id or by name. Required to create a pool; set at creation.
    type: str
  node_count:
    description:
      - The number of nodes. Required to create a pool. With O(auto_scaling) it must lie between the minimum and
        the maximum.
    type: int
  cpu_family:
    description:
      - The CPU family of the nodes, one of those of the datacenter's location (for example V(INTEL_XEON)).
        Required to create a pool; set at creation.
    type: str
  cores_count:
    description:
      - The number of cores of each node. Required to create a pool; set at creation.
    type: int
  ram_size:
    description:
      - The RAM of each node in MB, at least 2048 and a multiple of 1024. Required to create a pool; set at creation.
    type: int
  availability_zone:
    description:
      - The availability zone of the nodes. Required to create a pool; set at creation.
    type: str
    choices: [AUTO, ZONE_1, ZONE_2]
  storage_type:
    description:
      - The storage type of the nodes' volumes. Required to create a pool; set at creation.
    type: str
    choices: [HDD, SSD]
  storage_size:
    description:
      - The size of each node's volume in GB, greater than 10. Required to create a pool; set at creation.
    type: int
  k8s_version:
    description:
      - The Kubernetes version of the nodes. It must be one the API offers and one the cluster can run (its
        viable node pool versions). When not set at creation, the pool gets the cluster's version.
      - An existing pool can only be upgraded, to one of its C(availableUpgradeVersions); another version is an
        error before anything is written. Not checked with O(state=absent).
    type: str
  maintenance_window:
    description:
      - The weekly maintenance window of the pool. When not set at creation, the API picks one.
    type: dict
    suboptions:
      day_of_the_week:
        description:
          - The day of the week.
        type: str
        required: true
        choices: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday]
      time:
        description:
          - The time of day, as HH:mm:ss, HH:mm:ssZ or HH:mm:ss"Z" (for example V(03:00:00Z)).
        type: str
        required: true
  auto_scaling:
    description:
      - The range the pool's node count is scaled in. O(node_count) must lie within it.
    type: dict
    suboptions:
      min_node_count:
        description:
          - The fewest nodes, at least 1.
        type: int
        required: true
      max_node_count:
        description:
          - The most nodes, not fewer than O(auto_scaling.min_node_count).
        type: int
        required: true
  lans:
    description:
      - Additional private LANs of the pool's datacenter the nodes are attached to, each by its numeric id or by
        name. Compared as a set; V([]) detaches all.
    type: list
    elements: str
  labels:
    description:
      - Labels of the pool, names to strings. Compared exactly; V({}) removes all.
    type: dict
  annotations:
    description:
      - Annotations of the pool, names to strings. Compared exactly; V({}) removes all.
    type: dict
  public_ips:
    description:
      - Reserved public IP addresses of the datacenter's location for the nodes, one more than the most nodes the
        pool can have (O(node_count) + 1, or O(auto_scaling.max_node_count) + 1). Compared as a set.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the node pool, V(absent) deletes it.
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
- name: A node pool of three nodes, scaled between two and five
  ionos.enterprise.ionos_k8s_nodepool:
    cluster: production
    name: workers
    datacenter: k8s-fra
    node_count: 3
    cpu_family: INTEL_XEON
    cores_count: 2
    ram_size: 4096
    availability_zone: AUTO
    storage_type: SSD
    storage_size: 50
    auto_scaling:
      min_node_count: 2
      max_node_count: 5
    maintenance_window:
      day_of_the_week: Sunday
      time: "03:00:00Z"
    lans:
      - backend
    labels:
      tier: workers

- name: Only change its labels (the other properties are kept)
  ionos.enterprise.ionos_k8s_nodepool:
    cluster: production
    name: workers
    labels:
      tier: workers
      team: platform

- name: Delete it
  ionos.enterprise.ionos_k8s_nodepool:
    cluster: production
    name: workers
    state: absent
"""

RETURN = r"""
nodepool:
  description:
    - The node pool as the API returns it; after a delete, as it was; C(null) when there was none. In check mode,
      the pool as it would be (for a create, with C(id) null). With O(wait), C(metadata.state) is C(ACTIVE) after a
      create or update.
  returned: always
  type: dict
  contains:
    id:
      description: The node pool's id.
      type: str
    properties:
      description:
        - C(name), C(datacenterId), C(nodeCount), C(cpuFamily), C(coresCount), C(ramSize), C(availabilityZone),
          C(storageType), C(storageSize), C(k8sVersion), C(maintenanceWindow), C(autoScaling), C(lans), C(labels),
          C(annotations), C(publicIps) and C(availableUpgradeVersions).
      type: dict
      sample: {name: workers, nodeCount: 3, k8sVersion: 1.18.9, labels: {tier: workers}}
diff:
  description:
    - The managed properties before and after, by option name, as a task gives them. C(datacenter) is the
      datacenter's name and C(lans) the sorted names of the LANs (the id of one that has no name), not their ids.
    - The names the task resolved cost nothing more. Otherwise, and only in diff mode, the module reads the
      datacenter (when the task gave it by id or not at all) and its LANs (when the pool has LANs and the task did
      not give them by name), once each.
  returned: when diff mode is on
  type: dict
  sample: {before: {name: workers, datacenter: k8s-fra, lans: [backend], node_count: 3},
           after: {name: workers, datacenter: k8s-fra, lans: [backend, storage], node_count: 3}}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _addresses, _k8s, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import NotFoundError, ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

CREATE_REQUIRED = ("datacenter", "node_count", "cpu_family", "cores_count", "ram_size", "availability_zone",
                   "storage_type", "storage_size")
# The writable properties a PUT replaces: all of them are sent, the current ones merged with the changes.
WRITABLE = ("nodeCount", "k8sVersion", "maintenanceWindow", "autoScaling", "lans", "labels", "annotations",
            "publicIps")


def lan_ids(lans):
    return sorted(int((lan or {}).get("id")) for lan in (lans or []))


def name_or_id(resource):
    """How a diff shows a datacenter or LAN: by its name, by its id when it has none."""
    return (resource.get("properties") or {}).get("name") or str(resource["id"])


class NodepoolModule(ResourceModule):
    represent = "nodepool"
    label = "node pool"
    properties = (
        Prop("name"),
        Prop("datacenter", api="datacenterId", create_only=True),
        Prop("node_count", kind="int"),
        Prop("cpu_family", kind="enum", create_only=True),
        Prop("cores_count", kind="int", create_only=True),
        Prop("ram_size", kind="int", create_only=True),
        Prop("availability_zone", kind="enum", create_only=True),
        Prop("storage_type", kind="enum", create_only=True),
        Prop("storage_size", kind="int", create_only=True),
        Prop("k8s_version"),
        Prop("maintenance_window", kind="dict"),
        Prop("auto_scaling", api="autoScaling", kind="dict"),
        Prop("lans", kind="lans"),
        Prop("labels", kind="dict"),
        Prop("annotations", kind="dict"),
        Prop("public_ips", kind="set"),
    )

    cluster = None
    _datacenter = None
    _lans = None
    # Check mode under a cluster not created yet: the datacenter and LANs may be new too.
    references_as_given = False
    # What the diff names things by, read at most once each: datacenters by id, and the
    # (datacenter id, LANs) of the pool's datacenter.
    _datacenters = None
    _lan_listing = None

    def collection_path(self):
        cluster = _k8s.find_cluster(self.client, self.params["cluster"], option="cluster")
        if cluster is None:
            reference = self.params["cluster"]
            raise ReferenceNotFoundError("cluster: no Kubernetes cluster with id or name %r exists." % reference,
                                         reference=None if _lookup.looks_like_id(reference) else reference)
        self.cluster = cluster
        return "%s/nodepools" % _k8s.cluster_path(cluster["id"])

    def parent_planned_result(self, error):
        self.references_as_given = True
        return super(NodepoolModule, self).parent_planned_result(error)

    def preview_properties(self):
        return self.desired_properties()

    # -- checks that need the API (before any write) ------------------------------------

    def check_version(self):
        version = self.params["k8s_version"]
        if version is None:
            return
        cluster = self.cluster.get("properties") or {}
        viable = cluster.get("viableNodePoolVersions")
        if viable is None:
            cluster_version = cluster.get("k8sVersion")
            viable = self.client.get("/k8s/versions/%s/compatibilities" % cluster_version) if cluster_version else []
        if version in viable:
            return
        problem = _k8s.version_problem("k8s_version", version, _k8s.versions(self.client))
        if problem:
            self.fail(problem)
        self.fail("k8s_version: Kubernetes %s cannot run in %s, which runs %s; its node pools can run %s."
                  % (version, _lookup.named("Kubernetes cluster", self.cluster), cluster.get("k8sVersion"),
                     ", ".join(viable) or "no version"))

    def datacenter(self, current=None):
        """The pool's datacenter: the option's, resolved once, or the existing pool's."""
        if self._datacenter is None:
            reference = self.params["datacenter"]
            if reference is None:
                return {"id": ((current or {}).get("properties") or {}).get("datacenterId")}
            self._datacenter = _lookup.resolve_datacenter(self.client, reference)
        return self._datacenter

    def datacenter_id(self, current=None):
        """The datacenter id the task asks for; an id given as such needs no call."""
        reference = self.params["datacenter"]
        if reference is not None and _lookup.looks_like_id(reference) and self._datacenter is None:
            return reference
        return self.datacenter(current)["id"]

    def wanted_lans(self, current=None):
        """The LANs as the API takes them, [{"id": int}], each a private LAN of the datacenter."""
        if self._lans is not None:
            return self._lans
        references = self.params["lans"]
        have = lan_ids(((current or {}).get("properties") or {}).get("lans"))
        if current is not None and all(str(r).isdigit() for r in references) \
                and sorted(int(r) for r in references) == have:
            self._lans = [{"id": int(r)} for r in references]
            return self._lans
        dc_id = self.datacenter_id(current)
        lans = self.lans_of(dc_id)
        chosen, problems = [], []
        for reference in references:
            if str(reference).isdigit():
                found = [lan for lan in lans if str(lan["id"]) == str(reference)]
            else:
                found = [lan for lan in lans if (lan.get("properties") or {}).get("name") == reference]
            if len(found) > 1:
                problems.append("%r names LANs %s" % (reference, ", ".join(sorted(str(lan["id"]) for lan in found))))
            elif not found:
                problems.append("%r is not a LAN of %s" % (reference, self.datacenter_named(dc_id)))
            elif (found[0].get("properties") or {}).get("public"):
                problems.append("%s is public; node pools join private LANs only" % _lookup.named("LAN", found[0]))
            else:
                chosen.append({"id": int(found[0]["id"])})
        if problems:
            self.fail("lans: %s." % "; ".join(problems))
        unique = dict((lan["id"], lan) for lan in chosen)
        self._lans = [unique[key] for key in sorted(unique)]
        return self._lans

    def lans_of(self, dc_id):
        """The datacenter's LANs with their names, read once."""
        if self._lan_listing is None or self._lan_listing[0] != dc_id:
            self._lan_listing = (dc_id, self.client.list("/datacenters/%s/lans" % dc_id, depth=1))
        return self._lan_listing[1]

    def datacenter_by_id(self, dc_id):
        """The datacenter with this id: the one the task resolved, else read once ({"id"} when it is gone)."""
        if self._datacenter is not None and self._datacenter["id"] == dc_id:
            return self._datacenter
        if self._datacenters is None:
            self._datacenters = {}
        if dc_id not in self._datacenters:
            self._datacenters[dc_id] = _lookup.find_by_id(self.client, "/datacenters", dc_id) or {"id": dc_id}
        return self._datacenters[dc_id]

    def datacenter_named(self, dc_id):
        """A datacenter in a message: by name and id when the task has read it, else by id (a message
        costs no read)."""
        known = self._datacenter if self._datacenter is not None and self._datacenter["id"] == dc_id \
            else (self._datacenters or {}).get(dc_id)
        return _lookup.named("datacenter", known or {"id": dc_id})

    # -- planning ---------------------------------------------------------------------

    def wanted(self, prop, current=None):
        """The API value of one option the task sets."""
        value = self.params[prop.option]
        if self.references_as_given and prop.option in ("datacenter", "lans"):
            return value
        if prop.option == "datacenter":
            return self.datacenter_id(current)
        if prop.option == "maintenance_window":
            return _k8s.window_body(value)
        if prop.option == "auto_scaling":
            return _k8s.scaling_body(value)
        if prop.option == "lans":
            return self.wanted_lans(current)
        if prop.option in ("labels", "annotations"):
            return dict((str(k), str(v)) for k, v in value.items())
        return prop.to_api(value)

    @staticmethod
    def same(prop, want, have):
        if prop.option == "maintenance_window":
            return _k8s.same_window(want, have)
        if prop.kind == "lans":
            return lan_ids(want) == lan_ids(have)
        if prop.kind == "dict":
            return (want or {}) == (have or {})
        if prop.kind == "set":
            return sorted(want or []) == sorted(have or [])
        return prop.same(want, have)

    def desired_properties(self):
        return dict((prop.api, self.wanted(prop)) for prop in self.user_set())

    def update_changes(self, current):
        have = current.get("properties") or {}
        changes, frozen = {}, []
        for prop in self.user_set():
            if prop.option == "name":
                continue
            want = self.wanted(prop, current)
            if self.same(prop, want, have.get(prop.api)):
                continue
            if prop.create_only:
                frozen.append((prop.option, have.get(prop.api), want))
            else:
                changes[prop.api] = want
        version = changes.get("k8sVersion")
        upgrades = have.get("availableUpgradeVersions") or []
        if version is not None and version not in upgrades:
            self.fail("k8s_version: the %s runs %s and can only be upgraded to %s, not to %s."
                      % (_lookup.named("node pool", current), have.get("k8sVersion"),
                         ", ".join(upgrades) if upgrades else "no other version now", version))
        if frozen:
            self.fail("Cannot change %s of the existing %s: %s. The API cannot change %s after"
                      " creation; delete and re-create the node pool instead."
                      % (" and ".join(item[0] for item in frozen), _lookup.named("node pool", current),
                         "; ".join(self.frozen_difference(*item) for item in frozen),
                         "them" if len(frozen) > 1 else "it"))
        if changes:
            self.check_merged(dict(have, **changes))
        return changes

    def frozen_difference(self, option, have, want):
        """One create-only difference in words; datacenters by name and id (this costs a read of the
        pool's datacenter, on the way to an error only)."""
        if option == "datacenter" and have and want:
            return "the pool is in %s, the task asks for %s" % (
                _lookup.named("datacenter", self.datacenter_by_id(have)),
                _lookup.named("datacenter", self.datacenter_by_id(want)))
        return "%s is %r, the task asks for %r" % (option, have, want)

    def check_merged(self, properties):
        """What the API would refuse about the pool as the update leaves it."""
        scaling = properties.get("autoScaling")
        count = properties.get("nodeCount")
        if scaling and count is not None and not scaling["minNodeCount"] <= count <= scaling["maxNodeCount"]:
            self.fail("node_count: %s nodes is outside auto_scaling (min_node_count %s, max_node_count %s) of the"
                      " node pool as the task would leave it; set node_count or auto_scaling to agree."
                      % (count, scaling["minNodeCount"], scaling["maxNodeCount"]))
        ips = properties.get("publicIps")
        if ips and count is not None:
            most = scaling["maxNodeCount"] if scaling else count
            if len(ips) != most + 1:
                self.fail("public_ips: %d addresses given; the pool needs exactly %d (one more than the %d nodes it"
                          " can have)." % (len(ips), most + 1, most))

    def missing_for_create(self):
        return [option for option in CREATE_REQUIRED if self.params.get(option) is None]

    # -- the states -------------------------------------------------------------------

    def require_active_cluster(self):
        """The API takes pool writes only while the cluster is ACTIVE (check mode: the real run's error)."""
        self.cluster = _k8s.ready(self.client, self.cluster, _k8s.cluster_path(self.cluster["id"]),
                                  "Kubernetes cluster", "its node pools can be created or changed",
                                  self.params["wait"], self.params["wait_timeout"], accepts=("ACTIVE",),
                                  check_mode=self.check_mode)

    def ready(self, pool, doing, until=("ACTIVE",)):
        """The pool once it is not DEPLOYING or UPDATING: waited on, or an error (check mode: the real run's)."""
        return _k8s.ready(self.client, pool, self.element_path(pool["id"]), self.label, doing, self.params["wait"],
                          self.params["wait_timeout"], until=until, check_mode=self.check_mode)

    def settled(self, resource_id):
        if not self.params["wait"]:
            return self.read(resource_id)
        return _k8s.wait_active(self.client, self.element_path(resource_id), self.params["wait_timeout"])

    def ensure_present(self):
        current = self.find_by_identity()
        self.check_version()
        if current is None:
            return self.create()
        if _k8s.state(current) == "DESTROYING":
            self.fail("The %s is being deleted (DESTROYING); run again once it is gone to create a new one."
                      % _lookup.named("node pool", current))
        changes = self.update_changes(current)
        if not changes:
            return self.result(False, current, self.view(current), self.view(current))
        planned = dict(current, properties=dict(current.get("properties") or {}, **changes))
        self.require_active_cluster()
        if self.check_mode:
            self.ready(current, "it can be changed")
            return self.result(True, planned, self.view(current), self.view(planned))
        path = self.element_path(current["id"])
        if _k8s.state(current) in _k8s.BUSY:
            current = self.ready(current, "it can be changed")
            changes = self.update_changes(current)
            if not changes:
                return self.result(False, current, self.view(current), self.view(current))
        have = current.get("properties") or {}
        body = dict((key, have.get(key)) for key in WRITABLE)
        body.update(changes)
        body = dict((key, value) for key, value in body.items() if value is not None)
        updated = _k8s.put(self.client, path, {"properties": body}, self.update_changes)
        if self.params["wait"]:
            updated = _k8s.wait_active(self.client, path, self.params["wait_timeout"])
        return self.result(True, updated, self.view(current), self.view(updated))

    def create(self):
        missing = self.missing_for_create()
        if missing:
            self.fail("%s %s required to create the node pool %r, which does not exist yet in %s."
                      % (", ".join(missing), "is" if len(missing) == 1 else "are", self.params["name"],
                         _lookup.named("Kubernetes cluster", self.cluster)))
        properties = self.desired_properties()
        self.check_merged(properties)
        planned = {"id": None, "type": "nodepool", "properties": properties}
        self.require_active_cluster()
        if self.check_mode:
            return self.result(True, planned, {}, self.view(planned))
        response, adopted = self.start_create({"properties": properties}, self.params["name"])
        created = self.settled((adopted or response.body)["id"]) if self.params["wait"] \
            else (adopted or response.body)
        return self.result(True, created, {}, self.view(created))

    def ensure_absent(self):
        current = self.find_by_identity()
        if current is None:
            return self.result(False, None, {}, {})
        path = self.element_path(current["id"])
        if _k8s.state(current) == "DESTROYING":
            # Going already: nothing to do but, with wait, to see it gone.
            if self.params["wait"] and not self.check_mode:
                _k8s.wait_gone(self.client, path, self.params["wait_timeout"])
            return self.result(False, current, self.view(current), {})
        current = self.ready(current, "it can be deleted", until=("ACTIVE", "FAILED"))
        if not self.check_mode:
            _k8s.delete(self.client, path)
            if self.params["wait"]:
                _k8s.wait_gone(self.client, path, self.params["wait_timeout"])
        return self.result(True, current, self.view(current), {})

    def view(self, resource):
        have = (resource or {}).get("properties") or {}
        view = dict((prop.option, have.get(prop.api)) for prop in self.properties)
        if self.module._diff:
            # The diff is read by a person: the datacenter and LANs by the names tasks give them by.
            # (Only the diff needs them, so they are looked up only in diff mode.)
            view["datacenter"] = self.datacenter_shown(view["datacenter"])
            view["lans"] = self.lans_shown(view["lans"], have.get("datacenterId"))
        return view

    def datacenter_shown(self, dc_id):
        return name_or_id(self.datacenter_by_id(dc_id)) if dc_id else dc_id

    def lans_shown(self, lans, dc_id):
        if not lans or not dc_id:
            return lans
        try:
            listing = dict((str(lan["id"]), lan) for lan in self.lans_of(dc_id))
        except NotFoundError:  # the datacenter is gone: the ids are all there is
            listing = {}
        return sorted(name_or_id(listing.get(str(lan.get("id")), lan)) for lan in lans)


def input_problems(params):
    """What the API would refuse, said before any call."""
    problems = [_k8s.name_problem("name", params["name"]),
                # Like the other version checks, not with state=absent (where k8s_version is ignored).
                _k8s.version_format_problem("k8s_version", params["k8s_version"] if params["state"] == "present" else None),
                _k8s.window_problem("maintenance_window", params["maintenance_window"])]
    scaling = params["auto_scaling"]
    if scaling:
        low, high = scaling["min_node_count"], scaling["max_node_count"]
        if low < 1:
            problems.append("auto_scaling.min_node_count must be at least 1, got %d" % low)
        if low > high:
            problems.append("auto_scaling.min_node_count (%d) must not be greater than max_node_count (%d)"
                            % (low, high))
        elif params["node_count"] is not None and not low <= params["node_count"] <= high:
            problems.append("node_count (%d) must lie between auto_scaling.min_node_count (%d) and max_node_count"
                            " (%d)" % (params["node_count"], low, high))
    if params["node_count"] is not None and not 1 <= params["node_count"] <= 100:
        problems.append("node_count must be 1 to 100, got %d" % params["node_count"])
    if params["cores_count"] is not None and not 1 <= params["cores_count"] <= 62:
        problems.append("cores_count must be 1 to 62, got %d" % params["cores_count"])
    if params["storage_size"] is not None and params["storage_size"] <= 10:
        problems.append("storage_size must be greater than 10 (GB), got %d" % params["storage_size"])
    ram = params["ram_size"]
    if ram is not None and (ram < 2048 or ram % 1024):
        problems.append("ram_size must be at least 2048 (MB) and a multiple of 1024, got %d" % ram)
    not_addresses = [ip for ip in params["public_ips"] or () if _addresses.ipv4(ip) is None]
    if not_addresses:
        problems.append("public_ips: not an IPv4 address: %s" % ", ".join(repr(ip) for ip in not_addresses))
    if params["public_ips"] and scaling and len(params["public_ips"]) != scaling["max_node_count"] + 1:
        # With auto_scaling the pool can grow to max_node_count nodes, whatever the pool is now.
        problems.append("public_ips: %d addresses given; the pool needs exactly %d (one more than"
                        " auto_scaling.max_node_count, %d)" % (len(params["public_ips"]), scaling["max_node_count"] + 1,
                                                               scaling["max_node_count"]))
    # A blank reference or CPU family is nothing the API can find or accept.
    problems.extend("%s must not be empty" % option for option in ("cluster", "datacenter", "cpu_family")
                    if params[option] is not None and not params[option].strip())
    if any(not str(lan).strip() for lan in params["lans"] or ()):
        problems.append("lans: an empty LAN id or name")
    for option in ("labels", "annotations"):
        for key, value in (params[option] or {}).items():
            if not isinstance(value, str):
                problems.append("%s: the value of %r must be a string, got %r (quote it)" % (option, key, value))
    return [problem for problem in problems if problem]


def main():
    module = NodepoolModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            name=dict(type="str", required=True),
            datacenter=dict(type="str"),
            node_count=dict(type="int"),
            cpu_family=dict(type="str"),
            cores_count=dict(type="int"),
            ram_size=dict(type="int"),
            availability_zone=dict(type="str", choices=["AUTO", "ZONE_1", "ZONE_2"]),
            storage_type=dict(type="str", choices=["HDD", "SSD"]),
            storage_size=dict(type="int"),
            k8s_version=dict(type="str"),
            maintenance_window=_k8s.maintenance_window_spec(),
            auto_scaling=_k8s.auto_scaling_spec(),
            lans=dict(type="list", elements="str"),
            labels=dict(type="dict"),
            annotations=dict(type="dict"),
            public_ips=dict(type="list", elements="str"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
    )
    problems = input_problems(module.params)
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
