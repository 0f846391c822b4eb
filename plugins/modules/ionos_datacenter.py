#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_datacenter
short_description: Create, update and delete IONOS virtual datacenters
version_added: 0.1.0
description:
  - Makes sure a virtual datacenter exists with the given name and description, or does not exist.
  - A datacenter is found by O(id), or else by O(name); a name shared by two datacenters is an
    error listing their ids, never a guess.
  - Only the options the task sets are compared and changed; a changed O(name) or
    O(description) is updated in place with one request.
  - With O(lans), O(servers), O(volumes), O(loadbalancers) or O(prune), the task declares the
    datacenter's tree and converges all of it, on every run, like a plan and an apply.
  - A new datacenter is created with its whole tree in one request (the API's composite create).
    What that request cannot carry (balanced NICs and IP failover, which need the new NICs' ids;
    servers to be stopped) follows once it is done.
  - An existing datacenter is read once, deep enough for what the task declares (with its id,
    one call; with its name, one more to find it). The module then plans, by name, what to create,
    change and (only with O(prune)) delete, and sends the writes of a round together, waiting on
    them together. A write that needs a resource of the same round (a NIC on a new LAN, a new
    volume's attachment, a load balancer of new NICs) goes in the next round, after one more read.
    A converged datacenter costs that one read and no write. With O(wait=false), the task still
    waits for a round that a later one needs; it does not wait for the last.
  - A new server is one request with its NICs, firewall rules and volumes. A changed property
    is one PATCH of that resource. Properties the task does not set are left as they are.
  - Check mode plans everything and writes nothing; the result's RV(plan) lists the writes, the
    diff shows the tree before and after by names. Create-only properties that differ (a
    volume's type, a firewall rule's protocol), a volume that would shrink, a name several
    resources share and a volume attached to another server are errors naming the option path,
    before any write.
  - Every nested resource needs a name, which is how the module finds it again.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the datacenter. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the datacenter; its identity when O(id) is not given.
      - Required to create a datacenter.
    type: str
  description:
    description:
      - A description of the datacenter.
    type: str
  location:
    description:
      - Where the datacenter is, for example V(de/fra) or V(us/las)
        (see M(ionos.enterprise.ionos_location_info)).
      - Required to create a datacenter. It cannot change afterwards; a different location for
        an existing datacenter is an error.
      - An unknown location is an error listing the ones there are, and nothing is written. In
        check mode one read of the API's locations checks it before a create is planned; a real
        run reads them only when the API refuses the create, so a known location costs no call.
    type: str
  state:
    description:
      - V(present) creates or updates the datacenter, V(absent) deletes it with everything in it.
    type: str
    choices: [present, absent]
    default: present
  prune:
    description:
      - Delete what the task does not list, innermost first and only after reading it all, that is the
        firewall rules of listed NICs, NICs of listed servers, load balancers, servers (their
        volumes are kept), then LANs once nothing deleted is on them. A LAN that a NIC gives by
        its number is listed. Volumes are never deleted.
      - Only kinds the task lists are pruned, an empty list included. Left out, O(servers) keeps
        every server, a server's O(servers[].nics) its NICs, a NIC's
        O(servers[].nics[].firewall_rules) its rules.
      - An unlisted resource whose name another resource of its kind shares is an error listing
        their ids, before anything is written.
      - The result's RV(pruned) lists what was (in check mode, would be) deleted.
    type: bool
    default: false
  servers:
    description:
      - The datacenter's servers, each with its NICs (and their firewall rules) and volumes.
      - A server that does not exist is created with them in one request; an existing one is
        converged (cores, RAM, CPU family, zone, power state, each NIC and rule, attached volumes).
    type: list
    elements: dict
    suboptions:
      name:
        description: The server's name, its identity in the datacenter; required.
        type: str
      vm_state:
        description:
          - The power state to ensure. A new server is running. Not set, it is left as it is.
        type: str
        choices: [running, stopped]
      cores:
        description: The number of CPU cores.
        type: int
        required: true
      ram:
        description: The memory in MB, a multiple of 256.
        type: int
        required: true
      cpu_family:
        description: The CPU family, for example V(INTEL_XEON) or V(AMD_OPTERON).
        type: str
      availability_zone:
        description: The availability zone of the server.
        type: str
        choices: [AUTO, ZONE_1, ZONE_2]
      nics:
        description: Network interfaces of the server.
        type: list
        elements: dict
        suboptions:
          name:
            description: The NIC's name, its identity in the server; required.
            type: str
          lan:
            description:
              - The LAN, by its numeric id or by the name of a LAN in O(lans); a value of digits only is an id.
              - A name must be one of O(lans). In a new datacenter the LANs are numbered 1, 2, ... in O(lans)
                order, so a name stands for the id of its position there; in an existing one, for the id of
                the LAN of that name. A name that no LAN in O(lans) has, or that several have, is an error
                before any API call.
              - A numeric id that is not in O(lans) makes the API create a private LAN with that id.
            type: str
            required: true
          dhcp:
            description: Whether the NIC gets its addresses by DHCP.
            type: bool
          nat:
            description: Whether the NIC uses NAT.
            type: bool
          ips:
            description: Fixed IPs of the NIC.
            type: list
            elements: str
          firewall_active:
            description: Whether the NIC's firewall is on.
            type: bool
          firewall_rules:
            description: Firewall rules of the NIC.
            type: list
            elements: dict
            suboptions:
              name:
                description: The rule's name, its identity in the NIC; required.
                type: str
              protocol:
                description: The protocol the rule allows.
                type: str
                required: true
                choices: [TCP, UDP, ICMP, ANY]
              source_mac:
                description: Only traffic from this MAC address.
                type: str
              source_ip:
                description: Only traffic from this IP.
                type: str
              target_ip:
                description: Only traffic to this IP.
                type: str
              port_range_start:
                description: First port (1-65534), TCP and UDP only.
                type: int
              port_range_end:
                description: Last port (1-65534), TCP and UDP only.
                type: int
              icmp_type:
                description: ICMP type (0-254), ICMP only.
                type: int
              icmp_code:
                description: ICMP code (0-254), ICMP only.
                type: int
      volumes:
        description:
          - Volumes attached to the server. A volume of that name that exists unattached is
            attached; one that does not exist is created (with a new server, in its request).
        type: list
        elements: dict
        suboptions: &volume
          name:
            description: The volume's name, its identity in the datacenter; required.
            type: str
          size:
            description: The size in GB. An existing volume only grows.
            type: int
            required: true
          type:
            description: The storage type.
            type: str
            choices: [HDD, SSD]
          bus:
            description: The bus the volume is attached with.
            type: str
            choices: [VIRTIO, IDE]
          image:
            description: The id of the image or snapshot to create the volume from.
            type: str
          image_alias:
            description: An image alias such as V(ubuntu:latest) instead of O(servers[].volumes[].image).
            type: str
          image_password:
            description:
              - The password of the image's root or administrator user; 8 to 50 letters and digits.
              - Used at creation only; never compared, shown or logged.
            type: str
          ssh_keys:
            description: Public SSH keys for the image's root user.
            type: list
            elements: str
          licence_type:
            description: The licence of a volume without image.
            type: str
            choices: [LINUX, WINDOWS, WINDOWS2016, UNKNOWN, OTHER]
          availability_zone:
            description: The storage availability zone.
            type: str
            choices: [AUTO, ZONE_1, ZONE_2, ZONE_3]
  volumes:
    description:
      - Volumes of the datacenter that no listed server needs attached (created unattached).
    type: list
    elements: dict
    suboptions: *volume
  lans:
    description:
      - The datacenter's LANs. A new datacenter's LANs get the ids 1, 2, ... in this order.
    type: list
    elements: dict
    suboptions:
      name:
        description: The LAN's name, its identity in the datacenter; required.
        type: str
      public:
        description: Whether the LAN faces the internet.
        type: bool
      ip_failover:
        description:
          - The LAN's IP failover groups, the whole list; each makes one NIC of O(servers) the
            primary NIC of one IP (see M(ionos.enterprise.ionos_lan) for what the API asks of them).
        type: list
        elements: dict
        suboptions:
          ip:
            description: The failover IP.
            type: str
            required: true
          server: &tree_server
            description: The name of a server in O(servers).
            type: str
            required: true
          nic: &tree_nic
            description: The name of one of its NICs there.
            type: str
            required: true
  loadbalancers:
    description:
      - The datacenter's load balancers.
    type: list
    elements: dict
    suboptions:
      name:
        description: The load balancer's name, its identity in the datacenter; required.
        type: str
      balanced_nics:
        description:
          - The NICs it balances, the whole list, by the names of a server in O(servers) and of
            its NIC. Not set, they are left as they are.
        type: list
        elements: dict
        suboptions:
          server: *tree_server
          nic: *tree_nic
      ip:
        description: Its IP; the API assigns one when not set.
        type: str
      dhcp:
        description: Whether it gets its IP by DHCP.
        type: bool
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Set the connection once for every IONOS task of the play
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/ionos.enterprise.ionos:
      username: "{{ lookup('ansible.builtin.env', 'IONOS_USERNAME') }}"
      password: "{{ lookup('ansible.builtin.env', 'IONOS_PASSWORD') }}"
  tasks:
    - name: A datacenter in Frankfurt
      ionos.enterprise.ionos_datacenter:
        name: web
        location: de/fra
        description: Web tier

    - name: A whole datacenter in one request (the SDK's Composite Build)
      ionos.enterprise.ionos_datacenter:
        name: Python SDK Data Center
        description: Python SDK data center
        location: us/las
        lans:
          - name: Public LAN
            public: true
          - name: Private LAN
        servers:
          - name: Python SDK Server
            cores: 4
            ram: 4096
            cpu_family: INTEL_XEON
            nics:
              - name: Public NIC
                lan: Public LAN
                dhcp: true
                firewall_active: true
                nat: false
                firewall_rules:
                  - name: Allow SSH
                    protocol: TCP
                    source_ip: 0.0.0.0
                    port_range_start: 22
                    port_range_end: 22
              - name: Private NIC
                lan: 2  # by id, the second LAN of lans
                dhcp: true
            volumes:
              - name: System Volume
                size: 20
                image_alias: ubuntu:latest
                bus: VIRTIO
                type: HDD
                image_password: "{{ vault_image_password }}"
                availability_zone: ZONE_3
              - name: Data Volume
                size: 100
                type: SSD
                bus: VIRTIO
                licence_type: OTHER

    - name: Delete it
      ionos.enterprise.ionos_datacenter:
        name: web
        state: absent
"""

RETURN = r"""
datacenter:
  description:
    - The datacenter as the API returns it at depth 0. After a delete, the datacenter as it was;
      C(null) when there was none. In check mode, the datacenter as it would be (for a create,
      with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The datacenter's id.
      type: str
      sample: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c
    type:
      description: Always C(datacenter).
      type: str
    href:
      description: The datacenter's URL.
      type: str
    metadata:
      description: Creation and modification dates and users, C(etag) and C(state) (AVAILABLE, BUSY).
      type: dict
    properties:
      description: C(name), C(description), C(location), C(version), C(features), C(secAuthProtection).
      type: dict
      sample: {name: web, description: Web tier, location: de/fra, version: 2, features: [SSD], secAuthProtection: false}
    entities:
      description: References to the datacenter's servers, volumes, load balancers and LANs.
      type: dict
plan:
  description:
    - The writes the task made (in check mode, would make), in order, by names, for example
      C(update server "web-2" (cores 1 -> 2)); then, in check mode, what a later round would do.
  returned: when the task declares a tree (O(lans), O(servers), O(volumes), O(loadbalancers) or O(prune))
  type: list
  elements: str
pruned:
  description: What O(prune) deleted (in check mode, would delete), for example C(server "old" (id ...)).
  returned: when the task declares a tree
  type: list
  elements: str
tree:
  description:
    - The datacenter's tree by names, as the task left it (read after the writes when it waited,
      else as planned), with ids where it was read. C(lans), C(servers) (with C(nics), their
      C(firewall_rules), and the names of their C(volumes)), C(volumes) and C(loadbalancers) are
      each a mapping from name to the managed properties; secrets are never in it.
  returned: when the task declares a tree
  type: dict
  sample:
    name: web
    location: de/fra
    lans: {public: {id: "1", public: true}}
    servers:
      web-1:
        cores: 2
        ram: 2048
        vm_state: running
        nics: {public: {lan: public, dhcp: true, ips: [203.0.113.10], firewall_rules: {ssh: {protocol: TCP, port_range_start: 22}}}}
        volumes: [web-1-system]
diff:
  description:
    - The managed properties (name, description, location) before and after; with a tree, the
      whole tree (as in RV(tree), without ids) before and after.
  returned: when diff mode is on
  type: dict
"""

import copy

from ansible_collections.ionos.enterprise.plugins.module_utils import _composite, _kinds, _lookup, _tree, _tree_view
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import IonosError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule

NESTED = ("servers", "volumes", "lans", "loadbalancers")
# Rounds of writes a converge may take: one, and one more for each kind of write that needs
# the round before (a new LAN, its new server, a load balancer of the server's NICs, LANs
# pruned last), and a last plan that finds nothing left to do.
MAX_ROUNDS = 6


class DatacenterModule(ResourceModule):
    represent = "datacenter"
    properties = _kinds.DATACENTER

    def collection_path(self):
        return "/datacenters"

    def missing_for_create(self):
        return [option for option in ("name", "location") if not self.params.get(option)]

    def create(self):
        return self.create_in_location()

    def lists_tree(self):
        """The task declares resources in the datacenter (or prunes): the whole tree is converged."""
        return self.params["prune"] or any(self.params.get(option) is not None for option in NESTED)

    def depth(self):
        return _tree.depth_needed(self.params)

    def find(self):
        # By id, the one read is the deep one.
        if self.params.get("id") and self.lists_tree():
            return _lookup.find_by_id(self.client, self.path(), self.params["id"], depth=self.depth())
        return super(DatacenterModule, self).find()

    def read(self, resource_id):
        # After a create or an update, the read that returns it is the deep one the tree needs.
        return self.client.get(self.element_path(resource_id), depth=self.depth() if self.lists_tree() else 0)

    def create_body(self, properties):
        body = {"properties": properties}
        # The LANs of a new datacenter are numbered 1, 2, ... in the order of lans: a NIC naming
        # one of them gets that number (the composite create takes ids only).
        params = copy.deepcopy(self.params)
        _composite.name_lans(params, NESTED, _composite.declared_lans(params["lans"]), "in lans")
        # A load balancer of the new NICs is created once they exist, with them: one request,
        # where one in the composite create would need an attach per NIC after it.
        params["loadbalancers"] = composite_balancers(params)
        entities = _composite.entities(params, NESTED)
        if entities:
            body["entities"] = entities
        return body

    # -- the whole tree --------------------------------------------------------------------

    def ensure_present(self):
        if not self.lists_tree():
            return super(DatacenterModule, self).ensure_present()
        current = self.current()
        if current is None:
            if self.params.get("id"):
                self.fail("id: no datacenter with id %s exists; to create one, give its name instead."
                          % self.params["id"])
            return self.create_tree()
        dc = current if self.params.get("id") else self.read(current["id"])
        return self.converge(dc, [])

    def create_tree(self):
        """A new datacenter: its whole tree in one request, then (after reading it) what that
        request cannot carry."""
        label = "create datacenter %s with %s" % (_tree.quoted(self.params["name"]), self.contents())
        if self.check_mode:
            result = self.create()  # checks the location, as the real run would, then plans
            after = _tree_view.planned(_tree_view.view({"properties": {}}), self.params, False)
            return self.tree_result(result, [label], later=self.later_after_create(), before={}, after=after,
                                    pruned=[])
        rounds = _tree.needs_rounds_after_create(self.params)
        waited = self.params["wait"]
        # What the create cannot carry needs the datacenter as the create leaves it.
        self.params["wait"] = waited or rounds
        created = self.create()["datacenter"]
        self.params["wait"] = waited
        if not (waited or rounds):
            # (pruned: tree_result requires it; a new datacenter has nothing to prune.)
            return self.tree_result(self.result(True, created, {}, {}), [label], before={}, pruned=[],
                                    after=_tree_view.planned(_tree_view.view({"properties": {}}), self.params, False))
        # Read deep after the create's wait, unless the create was adopted after a lost answer.
        deep = ((created.get("entities") or {}).get("lans") or {}).get("items") is not None
        dc = created if deep else self.read(created["id"])
        return self.converge(dc, [label], created=True)

    def contents(self):
        sent = dict(self.params, loadbalancers=composite_balancers(self.params))
        counts = ["%d %s%s" % (len(sent[option]), noun, "" if len(sent[option]) == 1 else "s")
                  for option, noun in (("lans", "LAN"), ("servers", "server"), ("volumes", "volume"),
                                       ("loadbalancers", "load balancer")) if sent.get(option)]
        return ", ".join(counts) if counts else "nothing in it"

    def later_after_create(self):
        later = []
        for balancer in self.params.get("loadbalancers") or []:
            if balancer.get("balanced_nics"):
                later.append("create load balancer %s" % _tree.quoted(balancer["name"]))
        for lan in self.params.get("lans") or []:
            if lan.get("ip_failover"):
                later.append("set the IP failover of LAN %s" % _tree.quoted(lan["name"]))
        for server in self.params.get("servers") or []:
            if server.get("vm_state") == "stopped":
                later.append("stop server %s" % _tree.quoted(server["name"]))
        return later

    def converge(self, dc, done, created=False):
        """Plan, write, wait, read again, until nothing is left to do (check mode: plan once)."""
        before = {} if created else _tree_view.view(dc)
        lan_names = dict((str(lan["id"]), _tree.name_of(lan)) for lan in _tree.items(dc, "lans"))
        pruned = []
        for unused in range(MAX_ROUNDS):
            plan = _tree.Plan(self.params, dc, self.params["prune"])
            if plan.problems:
                # (A problem may end in a full stop of its own: one, not two.)
                self.fail("; ".join(plan.problems).rstrip(".") + (". Nothing was changed." if not done else "."))
            if self.check_mode:
                pruned = [write.pruned for write in plan.writes if write.pruned] + [
                    item[len("delete "):] for item in plan.later if item.startswith("delete ")]
                return self.tree_result(self.result(bool(plan.writes or plan.later), dc, {}, {}),
                                        [write.label for write in plan.writes], later=plan.later, before=before,
                                        after=_tree_view.planned(before, self.params, self.params["prune"], lan_names),
                                        pruned=pruned)
            if not plan.writes:
                if plan.later:
                    self.fail("The datacenter cannot converge: %s wait for resources that were not created."
                              % "; ".join(plan.later))
                break
            responses = [self.send(write) for write in plan.writes]  # together; waited on together
            done.extend(write.label for write in plan.writes)
            pruned.extend(write.pruned for write in plan.writes if write.pruned)
            if not (plan.later or self.params["wait"]):
                return self.tree_result(self.result(True, dc, {}, {}), done, before=before, pruned=pruned,
                                        after=_tree_view.planned(before, self.params, self.params["prune"], lan_names))
            self.client.wait_for_requests([response for response in responses if response is not None
                                           and response.request_id], self.params["wait_timeout"])
            dc = self.read(dc["id"])
        else:
            self.fail("The datacenter did not converge in %d rounds of writes; the last round sent: %s"
                      % (MAX_ROUNDS, "; ".join(write.label for write in plan.writes)))
        return self.tree_result(self.result(bool(done), dc, {}, {}), done, before=before,
                                after=_tree_view.view(dc), pruned=pruned, tree=dc)

    def send(self, write):
        """One write of a plan; None when it turned out done already (an answer lost). An API
        refusal says which write of the plan it was, by names."""
        try:
            return self.send_one(write)
        except IonosError as error:
            error.message = "%s: %s" % (write.label, error.message)
            raise

    def send_one(self, write):
        if write.create:
            collection, name = write.create
            return self.client.post_unless_found(write.path, write.body, lookup=lambda: (
                _lookup.find_by_name(self.client, collection, name, write.noun)))[0]
        if write.attach:
            return self.client.attach(write.path, write.attach)
        return self.client.call(write.method, write.path, body=write.body, idempotent=True if write.action else None)

    def tree_result(self, result, done, before, after, pruned, later=(), tree=None):
        resource = result["datacenter"]
        if resource and resource.get("entities"):
            # The datacenter as at depth 0 (the tree is in ``tree``, by names).
            resource = dict(resource, entities=dict((key, dict((k, v) for k, v in value.items() if k != "items"))
                                                    for key, value in resource["entities"].items()))
        result.update(datacenter=resource, plan=list(done) + list(later), pruned=pruned,
                      tree=_tree_view.view(tree, with_ids=True) if tree else after)
        if self.module._diff:
            result["diff"] = {"before": before, "after": after}
        return result


def composite_balancers(params):
    """The load balancers a composite create carries: those that balance no NIC of it."""
    return [balancer for balancer in params.get("loadbalancers") or [] if not balancer.get("balanced_nics")] or None


def tree_problems(params):
    """What the task's tree says wrong on its face: resources it does not name (it finds them
    by name), a name listed twice in one scope, NICs it refers to but does not list."""
    found = []

    def unique(entries, where, label):
        names = [entry.get("name") for entry in entries or []]
        for index, name in enumerate(names):
            if not name:
                found.append("%s[%d].name is required: ionos_datacenter finds the resources it declares by name"
                             % (where, index))
            elif names.index(name) != index:
                found.append("%s: the %s name %r is listed more than once" % (where, label, name))

    unique(params["lans"], "lans", "LAN")
    unique(params["servers"], "servers", "server")
    unique(params["loadbalancers"], "loadbalancers", "load balancer")
    server_volumes = [volume for server in params["servers"] or [] for volume in server.get("volumes") or []]
    unique(list(params["volumes"] or []) + server_volumes, "volumes", "volume")
    nics = {}
    for index, server in enumerate(params["servers"] or []):
        unique(server.get("nics"), "servers[%d].nics" % index, "NIC")
        nics[server.get("name")] = set(nic.get("name") for nic in server.get("nics") or [])
        for position, nic in enumerate(server.get("nics") or []):
            unique(nic.get("firewall_rules"), "servers[%d].nics[%d].firewall_rules" % (index, position),
                   "firewall rule")
    for option, key in (("loadbalancers", "balanced_nics"), ("lans", "ip_failover")):
        for index, entry in enumerate(params[option] or []):
            for position, reference in enumerate(entry.get(key) or []):
                if reference["nic"] not in nics.get(reference["server"], ()):
                    found.append("%s[%d].%s[%d]: server %r has no NIC %r in servers" % (
                        option, index, key, position, reference["server"], reference["nic"]))
    return found


def main():
    volume = dict(type="list", elements="dict", options=_composite.volume_spec(),
                  mutually_exclusive=[["image", "image_alias"]])
    module = DatacenterModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            description=dict(type="str"),
            location=dict(type="str"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            servers=dict(type="list", elements="dict", options=_composite.server_spec()),
            volumes=volume,
            lans=dict(type="list", elements="dict", options=_composite.lan_spec()),
            loadbalancers=dict(type="list", elements="dict", options=_composite.loadbalancer_spec()),
            prune=dict(type="bool", default=False),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    params = module.params
    problems = _composite.problems(params, NESTED)
    if params["state"] == "present":
        problems.extend(tree_problems(params))
    # A NIC may name a LAN of the same task's lans (checked here on a copy: the names are
    # turned into ids against the datacenter as it is, or numbered for a new one).
    problems.extend(_composite.name_lans(copy.deepcopy(params), NESTED, _composite.declared_lans(params["lans"]),
                                         "in lans"))
    location = _lookup.location_format_problem(params["location"])
    if location:
        problems.insert(0, location)
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
