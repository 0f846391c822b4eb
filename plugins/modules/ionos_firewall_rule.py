#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_firewall_rule
short_description: Create, update and delete the firewall rules of an IONOS NIC
version_added: 0.1.0
description:
  - Makes sure a firewall rule of a NIC exists with the given properties, or does not exist.
  - A rule is found by O(id), or else by O(name) within the NIC; a name shared by two rules is
    an error listing their ids.
  - Every option but O(protocol) is updated in place with one request; only the options the task
    sets are compared. The protocol is set at creation; a different protocol for an existing rule
    is an error, never a replacement.
  - The rules only filter traffic while the NIC's firewall is active (O(ionos.enterprise.ionos_nic#module:firewall_active)).
  - An option left out is left as it is. A restriction that is set (a source, a target, a port
    range, an ICMP value) cannot be widened back to "any" in place; delete and re-create the
    rule for that.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the server, by id or by name.
    type: str
    required: true
  server:
    description:
      - The server of the NIC, by id or by name.
    type: str
    required: true
  nic:
    description:
      - The NIC of the rule, by id or by name within the server.
    type: str
    required: true
  id:
    description:
      - The id of the rule. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the rule; its identity within the NIC when O(id) is not given. Required to
        create one.
    type: str
  protocol:
    description:
      - The protocol the rule allows. Required to create a rule; set at creation only.
    type: str
    choices: [TCP, UDP, ICMP, ANY]
  source_mac:
    description:
      - Only traffic from this MAC address (V(aa:bb:cc:dd:ee:ff)); not set allows any.
    type: str
  source_ip:
    description:
      - Only traffic from this IPv4 address; not set allows any.
    type: str
  target_ip:
    description:
      - Only traffic to this IPv4 address of the NIC; not set allows any.
    type: str
  port_range_start:
    description:
      - The first port allowed, 1 to 65534; for protocol V(TCP) or V(UDP) only.
    type: int
  port_range_end:
    description:
      - The last port allowed, 1 to 65534, not less than O(port_range_start); for protocol V(TCP)
        or V(UDP) only.
    type: int
  icmp_type:
    description:
      - The ICMP type allowed, 0 to 254; for protocol V(ICMP) only. Not set allows any.
    type: int
  icmp_code:
    description:
      - The ICMP code allowed, 0 to 254; for protocol V(ICMP) only. Not set allows any.
    type: int
  state:
    description:
      - V(present) creates or updates the rule, V(absent) deletes it.
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
- name: Allow SSH to the public NIC of web-01
  ionos.enterprise.ionos_firewall_rule:
    datacenter: web
    server: web-01
    nic: public
    name: ssh
    protocol: TCP
    port_range_start: 22
    port_range_end: 22

- name: Allow ping
  ionos.enterprise.ionos_firewall_rule:
    datacenter: web
    server: web-01
    nic: public
    name: ping
    protocol: ICMP
    icmp_type: 8
    icmp_code: 0

- name: Delete the SSH rule
  ionos.enterprise.ionos_firewall_rule:
    datacenter: web
    server: web-01
    nic: public
    name: ssh
    state: absent
"""

RETURN = r"""
firewall_rule:
  description:
    - The rule as the API returns it at depth 0; after a delete, as it was; C(null) when there
      was none. In check mode, the rule as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The rule's id.
      type: str
    properties:
      description: C(name), C(protocol), C(sourceMac), C(sourceIp), C(targetIp), C(portRangeStart), C(portRangeEnd), C(icmpType) and C(icmpCode).
      type: dict
      sample: {name: ssh, protocol: TCP, sourceMac: null, sourceIp: null, targetIp: null, portRangeStart: 22, portRangeEnd: 22, icmpType: null, icmpCode: null}
diff:
  description: The managed properties before and after, by option name.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _composite, _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule

PORTS = ("port_range_start", "port_range_end")
ICMP = ("icmp_type", "icmp_code")


def rule_problems(rule):
    """_composite's checks of a firewall rule, for a rule that is the task itself (no prefix)."""
    found = []
    _composite._check_rule(rule, "", found)
    return [problem.lstrip(":. ") for problem in found]


class FirewallRuleModule(ResourceModule):
    represent = "firewall_rule"
    label = "firewall rule"
    api_type = "firewall-rule"
    properties = _kinds.FIREWALL_RULE

    def collection_path(self):
        client, params = self.client, self.params
        datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
        server = _lookup.resolve_server(client, datacenter["id"], params["server"])
        nics = "/datacenters/%s/servers/%s/nics" % (datacenter["id"], server["id"])
        nic = _lookup.resolve(client, nics, params["nic"], "NIC", "nic")
        return "%s/%s/firewallrules" % (nics, nic["id"])

    def missing_for_create(self):
        return [option for option in ("name", "protocol") if not self.params.get(option)]

    def update_changes(self, current):
        # A different protocol ends the task here, before the checks below.
        changes = super(FirewallRuleModule, self).update_changes(current)
        have = current.get("properties") or {}
        rule = dict((prop.option, have.get(prop.api)) for prop in self.properties)
        rule.update((prop.option, self.params[prop.option]) for prop in self.user_set())
        rule["protocol"] = str(have.get("protocol") or "").upper()
        self.refuse(rule_problems(rule), "%s is %s" % (_lookup.named("firewall rule", current), rule["protocol"]))
        return changes

    def refuse(self, problems, context=None):
        if problems:
            self.fail("; ".join(problems) + (" (%s)." % context if context else ""))


def check_input(module):
    """What the API would refuse in the task alone, said before any call."""
    params = module.params
    problems = _kinds.canonical_rule(params)
    if params["protocol"]:
        problems.extend(rule_problems(params))
    else:
        # The protocol of an existing rule is only known after reading it: check the ranges now,
        # the combination with the protocol then.
        problems.extend(rule_problems(dict([(key, params[key]) for key in PORTS], protocol="TCP")))
        problems.extend(rule_problems(dict([(key, params[key]) for key in ICMP], protocol="ICMP")))
    module.refuse(problems)


def main():
    module = FirewallRuleModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            server=dict(type="str", required=True),
            nic=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            protocol=dict(type="str", choices=["TCP", "UDP", "ICMP", "ANY"]),
            source_mac=dict(type="str"),
            source_ip=dict(type="str"),
            target_ip=dict(type="str"),
            port_range_start=dict(type="int"),
            port_range_end=dict(type="int"),
            icmp_type=dict(type="int"),
            icmp_code=dict(type="int"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    check_input(module)
    module.run_state()


if __name__ == "__main__":
    main()
