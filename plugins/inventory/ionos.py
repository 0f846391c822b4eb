# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: ionos
short_description: IONOS Cloud servers as an inventory, with their NIC IPs
version_added: 0.1.0
description:
  - Makes every server of an IONOS Cloud (Cloud API v5) account a host, with curated
    C(ionos_*) host variables, C(ansible_host) from a preference of addresses, and
    groups by datacenter, location, LAN, vm state and availability zone.
  - "One API call reads the whole account: C(GET /datacenters?depth=5). With
    O(datacenters) given as ids it is one call per datacenter; given as names, one more
    call lists the datacenters to find their ids. Never one call per server."
  - The configuration file name must end in C(ionos.yml) or C(ionos.yaml).
  - "Host variables (none of them secret): C(ionos_id), C(ionos_name),
    C(ionos_datacenter_id), C(ionos_datacenter_name), C(ionos_location), C(ionos_cores),
    C(ionos_ram) (MB), C(ionos_cpu_family), C(ionos_vm_state), C(ionos_availability_zone),
    C(ionos_nics) (a list of C(id), C(name), C(lan_id), C(lan_name), C(public), C(ips)
    and C(mac)), C(ionos_public_ips) (the IPs of NICs on public LANs),
    C(ionos_private_ips) (the others), C(ionos_shared_ips) (those of its IPs that are not
    its own alone, see below), C(ionos_boot_image) (the id of the image or snapshot its
    boot volume was made from, or of its boot CD-ROM) and C(ionos_licence_type) (the
    C(licenceType) of its boot volume or CD-ROM, for example C(LINUX))."
  - "An IP is shared when it is a load balancer's (the API adds it to every NIC the
    balancer balances), an IP failover address of a LAN (C(ipFailover)), or on NICs of
    two servers or more of the datacenter. All of that is in the same read: sharing costs
    no API call."
  - "C(ansible_host) is a server's own address, never a shared one while it has an own
    address that O(connect_with) allows. A server with shared addresses only still gets one;
    when two hosts end up with the same C(ansible_host) (compose included), or a host with one
    of its C(ionos_shared_ips) (other servers it shares it with may be filtered out), the parse warns
    naming them and puts them in the group C(<group>_shared_ansible_host) (for example
    C(ionos_shared_ansible_host)), whatever O(default_groups) says, so that a play can leave
    them out with C(hosts: ionos:!ionos_shared_ansible_host)."
  - A server with no usable address is still a host, without C(ansible_host) (shown at
    C(-vvv)); it never breaks the parse.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin; makes the file an IONOS inventory source.
    type: str
    required: true
    choices: [ionos.enterprise.ionos]
  api_url:
    description:
      - The base URL of the IONOS Cloud API v5. May be a Jinja template.
    type: str
    default: https://api.ionos.com/cloudapi/v5
    env:
      - name: IONOS_API_URL
  username:
    description:
      - The IONOS user (an e-mail address) for HTTP Basic authentication, with O(password).
        May be a Jinja template, for example a lookup.
    type: str
    env:
      - name: IONOS_USERNAME
  password:
    description:
      - The password of O(username). May be a Jinja template, for example a lookup or a
        value vaulted inline with C(!vault) (variables from C(-e) are not available here). It
        never appears in the inventory, its cache or its messages.
    type: str
    env:
      - name: IONOS_PASSWORD
  token:
    description:
      - An IONOS API token, sent as a Bearer token instead of O(username) and O(password).
        May be a Jinja template.
    type: str
    env:
      - name: IONOS_TOKEN
  validate_certs:
    description: Whether to check the API's TLS certificate. Turn it off only for a test endpoint.
    type: bool
    default: true
  api_timeout:
    description: Seconds to wait for the API to answer one HTTP call.
    type: int
    default: 60
  api_retries:
    description: How many times one read is retried after a rate limit (429), a 5xx answer or a broken connection.
    type: int
    default: 5
  contract_number:
    description: The contract to read, for users with more than one (header C(X-Contract-Number)).
    type: int
    env:
      - name: IONOS_CONTRACT_NUMBER
  datacenters:
    description:
      - Only the servers of these datacenters, each given by id or by name. A name that
        matches two datacenters takes both; a name or id that matches none is an error.
      - Ids save the call that lists the datacenters.
    type: list
    elements: str
    default: []
  locations:
    description: Only the servers of datacenters in these locations, for example V(de/fra) (case does not matter).
    type: list
    elements: str
    default: []
  vm_states:
    description:
      - Only the servers in these vm states, among V(NOSTATE), V(RUNNING), V(BLOCKED),
        V(PAUSED), V(SHUTDOWN), V(SHUTOFF), V(CRASHED) and V(SUSPENDED) (case does not matter).
    type: list
    elements: str
    default: []
  filters:
    description:
      - Jinja conditions over the host variables, C(ansible_host) included (without
        C({{ }})); a server is a host
        only when every condition is true. A condition that cannot be evaluated is an
        error naming it.
    type: list
    elements: str
    default: []
  hostname:
    description:
      - The inventory name of a server. V(name) is the server's name, V(id) its id;
        anything else is a Jinja template over the host variables (C(ansible_host) included), for example
        V({{ ionos_name }}.{{ ionos_datacenter_name }}).
    type: str
    default: name
  duplicate_hostnames:
    description:
      - What to do when two servers get the same inventory name (the same server name in
        two datacenters, or twice in one).
      - V(suffix_id) names each of them C(<name>_<first 8 characters of its id>), so every
        server is a host whatever order the API lists them in.
      - V(fail) fails the parse, naming the servers.
    type: str
    choices: [suffix_id, fail]
    default: suffix_id
  connect_with:
    description:
      - Where C(ansible_host) comes from, in order of preference; the first entry that
        gives an address of the server's own (not in C(ionos_shared_ips)) wins, and only
        when no entry gives one, the first entry that gives a shared address.
      - V(public_ip) is the first IP of a NIC on a public LAN, V(private_ip) the first IP
        of a NIC on a private LAN, V(lan:<name or id>) the first IP of a NIC on that LAN,
        and V(none) never sets C(ansible_host) (then Ansible connects to the inventory name).
      - With the default, a server whose public NIC a load balancer balances and that has
        no other public IP is reached on its private IP, not on the balancer's.
    type: list
    elements: str
    default: [public_ip, private_ip]
  group:
    description:
      - The group every host of this source is in, and the prefix of the default groups.
    type: str
    default: ionos
  default_groups:
    description:
      - The groups made for every server, named C(<group>_<kind>_<value>) with unsafe
        characters replaced by C(_), for example C(ionos_datacenter_prod),
        C(ionos_location_de_fra), C(ionos_lan_backend), C(ionos_vm_state_running) and
        C(ionos_availability_zone_auto). A LAN without a name is grouped by its id.
      - An empty list makes none; O(keyed_groups) and O(groups) still apply, and so does
        C(<group>_shared_ansible_host), the group of the hosts that have the same or a shared C(ansible_host).
    type: list
    elements: str
    choices: [datacenter, location, lan, vm_state, availability_zone]
    default: [datacenter, location, lan, vm_state, availability_zone]
notes:
  - The plugin needs the Python library C(requests) on the controller.
  - "With O(cache) on, a parse within O(cache_timeout) makes no API call; the cache
    holds the host variables only (no credentials). C(ansible-inventory --flush-cache)
    (ansible-core 2.19 and later) or C(meta: refresh_inventory) reads the API again."
requirements:
  - requests
"""

EXAMPLES = r"""
# ionos.yml: every server of the account; credentials from IONOS_USERNAME and
# IONOS_PASSWORD (or IONOS_TOKEN), as an AWX custom credential injects them.
plugin: ionos.enterprise.ionos

---
# prod.ionos.yml: two datacenters, running servers only, connect on the backend LAN,
# hosts named <server>.<datacenter>, a cache, and groups of one's own.
plugin: ionos.enterprise.ionos
username: "{{ lookup('ansible.builtin.env', 'IONOS_USER') }}"
password: "{{ lookup('ansible.builtin.file', '~/.ionos-password') }}"
datacenters: [prod, 0c7aa6f4-0b75-4a3c-a6a8-3d5b7cba3c2e]
vm_states: [RUNNING]
connect_with: ["lan:backend", private_ip]
hostname: "{{ ionos_name }}.{{ ionos_datacenter_name }}"
filters:
  - ionos_cores >= 2
compose:
  ansible_user: "'root'"
groups:
  big: ionos_ram >= 8192
keyed_groups:
  - key: ionos_cpu_family
    prefix: cpu
  # os_LINUX, os_WINDOWS2016, ...; and one group per boot image (by its id).
  - key: ionos_licence_type
    prefix: os
  - key: ionos_boot_image
    prefix: image
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ionos-inventory
cache_timeout: 600
"""

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.group import to_safe_group_name
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.ionos.enterprise.plugins.module_utils._arguments import client_options, connection_problems
from ansible_collections.ionos.enterprise.plugins.module_utils._client import (
    HAS_REQUESTS,
    IonosClient,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import IonosError, NotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import element_path
from ansible_collections.ionos.enterprise.plugins.plugin_utils import _inventory

try:
    # ansible-core 2.19 and later: a string is never templated unless trusted, and text
    # from the API is not; nothing to do.
    from ansible.template import trust_as_template  # noqa: F401 pylint: disable=unused-import
    untrusted = None
except ImportError:
    # Before 2.19 every string is a template unless marked unsafe: a server named
    # "{{ lookup('pipe', ...) }}" would run on the controller.
    from ansible.utils.unsafe_proxy import wrap_var

    def untrusted(value):
        """Marks unsafe only the strings that could be templates (a brace in them, or a leading
        "#jinja2:", which sets other delimiters): ansible-inventory writes an unsafe string as
        {"__ansible_unsafe": ...}, which AWX stores as it is, host names in group lists included;
        the others stay plain strings."""
        if isinstance(value, dict):
            return dict((key, untrusted(item)) for key, item in value.items())
        if isinstance(value, (list, tuple)):
            return [untrusted(item) for item in value]
        if isinstance(value, str) and ("{" in value or "}" in value or value.lstrip().startswith("#jinja2:")):
            return wrap_var(value)
        return value

CONNECTION_OPTIONS = ("api_url", "username", "password", "token", "validate_certs", "api_timeout",
                      "api_retries", "contract_number")
TEMPLATED_OPTIONS = ("api_url", "username", "password", "token")
# The account read at this depth has every server with its NICs and every LAN with its name.
ACCOUNT_DEPTH = 5
DATACENTER_DEPTH = ACCOUNT_DEPTH - 1
# Compact JSON: about 40 % fewer bytes than the API's pretty default on a large account.
COMPACT = {"pretty": "false"}
# The shape of the cached host records; a cache written by a version with other host
# variables is not used (2: ionos_shared_ips, ionos_boot_image, ionos_licence_type).
RECORD_FORMAT = 2
# The group of the hosts that have the same ansible_host, after the prefix (option group).
SHARED_ANSIBLE_HOST_GROUP = "shared_ansible_host"


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "ionos.enterprise.ionos"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(("ionos.yml", "ionos.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        connection = self._connection()
        problems = connection_problems(connection) + self._option_problems()
        if problems:
            raise AnsibleParserError("ionos.enterprise.ionos inventory %s: %s" % (path, "; ".join(problems)))
        records = self._records(path, connection, cache)
        self._populate(records)

    # -- options --------------------------------------------------------------------

    def _connection(self):
        connection = dict((name, self.get_option(name)) for name in CONNECTION_OPTIONS)
        for name in TEMPLATED_OPTIONS:
            value = connection[name]
            # Anything with a Jinja delimiter is rendered (and refused if it cannot be): 2.18's
            # is_template() calls a malformed template no template, so the same value would be
            # sent as it is there and refused on 2.19 and later.
            if isinstance(value, str) and any(mark in value for mark in ("{{", "{%", "{#")):
                connection[name] = self._rendered(name, value)
        return connection

    def _rendered(self, option, value):
        try:
            return self.templar.template(value)
        except Exception:  # pylint: disable=broad-exception-caught
            pass
        # Outside the except block, so that Ansible shows neither the cause nor its
        # excerpt of the file: the value may be a password that merely contains "{{".
        raise AnsibleParserError("ionos.enterprise.ionos inventory: %s: the value cannot be rendered as a Jinja"
                                 " template (a literal value containing {{ needs the !unsafe tag)" % option)

    def _list_option(self, name):
        """A list option's entries as text ([2024] is the datacenter named 2024); None stays None."""
        return [None if entry is None else str(entry) for entry in self.get_option(name)]

    def _option_problems(self):
        problems = _inventory.connect_problems(self.get_option("connect_with"))
        hostname = self.get_option("hostname")
        if hostname not in ("name", "id") and not self.templar.is_template(hostname):
            problems.append("hostname: %r is not name, id or a Jinja template such as"
                            " '{{ ionos_name }}.{{ ionos_datacenter_name }}'" % hostname)
        unknown = [str(state) for state in self._list_option("vm_states")
                   if state is None or state.upper() not in _inventory.VM_STATES]
        if unknown:
            problems.append("vm_states: %s not among %s" % (", ".join(unknown), ", ".join(_inventory.VM_STATES)))
        for option in ("datacenters", "locations"):
            if any(entry is None or not entry.strip() for entry in self._list_option(option)):
                problems.append("%s: an entry is empty" % option)
        return problems

    # -- the API read, or the cache -------------------------------------------------

    def _records(self, path, connection, cache):
        # The cache key covers what changes the answer, so a narrowed file reads anew.
        key = "%s_%s_v%d" % (self.get_cache_key(path),
                             _inventory.scope_digest(connection, self._list_option("datacenters")), RECORD_FORMAT)
        use_cache = self.get_option("cache")
        if use_cache and cache:
            try:
                # A hit is not written back: that would restart its timeout.
                return self._cache[key]
            except KeyError:
                pass
        records = self._fetch(connection)
        if use_cache:
            self._cache[key] = records
        return records

    def _fetch(self, connection):
        if not HAS_REQUESTS:
            raise AnsibleError("the ionos.enterprise.ionos inventory needs the Python library requests")
        client = IonosClient(**client_options(connection))
        try:
            datacenters = self._read_datacenters(client, self._list_option("datacenters"))
        except IonosError as error:
            raise AnsibleParserError("ionos.enterprise.ionos inventory: %s" % error)
        records = []
        for datacenter in datacenters:
            records.extend(_inventory.server_records(datacenter))
        return records

    def _read_datacenters(self, client, wanted):
        if not wanted:
            return client.list("/datacenters", depth=ACCOUNT_DEPTH, params=COMPACT)
        ids = []
        names = [entry for entry in wanted if not _inventory.is_uuid(entry)]
        if names:
            listed = client.list("/datacenters", depth=1)
            for name in names:
                found = [dc["id"] for dc in listed if (dc.get("properties") or {}).get("name") == name]
                if not found:
                    raise AnsibleParserError(
                        "ionos.enterprise.ionos inventory: datacenters: no datacenter is named %r (the account has: %s)"
                        % (name, _inventory.name_list(listed)))
                ids.extend(found)
        ids.extend(entry.lower() for entry in wanted if _inventory.is_uuid(entry))
        datacenters = []
        for datacenter_id in _inventory.unique(ids):
            try:
                datacenters.append(client.get(element_path("/datacenters", datacenter_id),
                                              depth=DATACENTER_DEPTH, params=COMPACT))
            except NotFoundError:
                raise AnsibleParserError(
                    "ionos.enterprise.ionos inventory: datacenters: no datacenter has the id %s" % datacenter_id)
        return datacenters

    # -- hosts and groups -----------------------------------------------------------

    def _populate(self, records):
        connect_with = self.get_option("connect_with")
        hosts = []  # the host variables of each server: its record and ansible_host
        for record in sorted(records, key=_inventory.sort_key):
            variables = untrusted(record) if untrusted else dict(record)
            address = _inventory.connect_address(record, connect_with)
            if address:
                variables["ansible_host"] = untrusted(address) if untrusted else address
                if address in record["ionos_shared_ips"]:
                    self.display.vvv("ionos.enterprise.ionos: server %s has no address of its own for connect_with %s;"
                                     " ansible_host %s is shared" % (record["ionos_id"], connect_with, address))
            else:
                self.display.vvv("ionos.enterprise.ionos: server %s has no address for connect_with %s;"
                                 " no ansible_host" % (record["ionos_id"], connect_with))
            hosts.append(variables)
        hosts = list(self._kept(hosts))
        try:
            names = _inventory.unique_hostnames(hosts, [self._hostname(h) for h in hosts],
                                                self.get_option("duplicate_hostnames"))
        except ValueError as error:
            raise AnsibleParserError("ionos.enterprise.ionos inventory: %s" % error)
        top = self.inventory.add_group(to_safe_group_name(self.get_option("group"), force=True, silent=True))
        kinds = self.get_option("default_groups")
        strict = self.get_option("strict")
        compose, groups, keyed = (self.get_option(name) for name in ("compose", "groups", "keyed_groups"))
        made = {}  # (kind, value) -> group name: a fleet has few groups and many hosts
        for variables, name in zip(hosts, names):
            # A name made of a server's name and id ("web_1a2b3c4d") is new text: marked again.
            host = self.inventory.add_host(untrusted(name) if untrusted else name, group=top)
            for variable, value in variables.items():
                self.inventory.set_variable(host, variable, value)
            for kind, value in _inventory.default_groups(variables, kinds):
                group = made.get((kind, value))
                if group is None:
                    group = made[(kind, value)] = self.inventory.add_group(to_safe_group_name(
                        "%s_%s_%s" % (top, kind, value), force=True, silent=True))
                self.inventory.add_child(group, host)
            if compose:
                self._set_composite_vars(compose, variables, host, strict=strict)
            # Composed variables count in groups; without compose the record is all there is.
            if groups:
                self._add_host_to_composed_groups(groups, variables, host, strict=strict, fetch_hostvars=bool(compose))
            if keyed:
                self._add_host_to_keyed_groups(keyed, variables, host, strict=strict, fetch_hostvars=bool(compose))
        self._flag_shared_ansible_hosts(top, names)

    def _flag_shared_ansible_hosts(self, top, names):
        """Hosts that would connect to one address: a warning naming them, and a group that a
        play can leave out. The address is the final one, compose included, and the group is
        made whatever default_groups says: it is a warning, not a classification."""
        hostvars = dict((name, self.inventory.get_host(name).vars) for name in names)
        shared_ips = dict((name, hostvars[name].get("ionos_shared_ips")) for name in names)
        shared = _inventory.shared_ansible_hosts(
            dict((name, hostvars[name].get("ansible_host")) for name in names), shared_ips)
        if not shared:
            return
        group = self.inventory.add_group(to_safe_group_name("%s_%s" % (top, SHARED_ANSIBLE_HOST_GROUP),
                                                            force=True, silent=True))
        for address, hosts in sorted(shared.items()):
            for host in hosts:
                self.inventory.add_child(group, host)
            if any(address in (shared_ips.get(host) or ()) for host in hosts):
                why = ("an address of several servers (a load balancer's, an IP failover address, or one on NICs"
                       " of several servers)")
            else:
                why = "an address given to them alike (the same private address in two datacenters, or compose)"
            if len(hosts) > 1:
                what = "hosts %s have the same ansible_host %s, %s" % (", ".join(hosts), address, why)
            else:
                what = "host %s has the ansible_host %s, %s" % (hosts[0], address, why)
            self.display.warning(
                "ionos.enterprise.ionos: %s, so a connection to one server may reach another. In group %s; give"
                " each host an address of its own that connect_with allows." % (what, group))

    def _kept(self, records):
        locations = set(location.lower() for location in self._list_option("locations"))
        states = set(state.upper() for state in self._list_option("vm_states"))
        conditions = self.get_option("filters")
        for record in records:
            if locations and (record["ionos_location"] or "").lower() not in locations:
                continue
            if states and (record["ionos_vm_state"] or "").upper() not in states:
                continue
            if conditions and not self._passes(record, conditions):
                continue
            yield record

    def _passes(self, record, conditions):
        self.templar.available_variables = record
        for condition in conditions:
            try:
                if not self._condition(condition):
                    return False
            except Exception as error:  # pylint: disable=broad-exception-caught
                raise AnsibleParserError("ionos.enterprise.ionos inventory: filters: %r cannot be evaluated for"
                                         " server %s: %s" % (condition, record["ionos_id"], error))
        return True

    def _condition(self, condition):
        evaluate = getattr(self.templar, "evaluate_conditional", None)
        if evaluate is not None:
            return evaluate(condition)
        # ansible-core before 2.19 has no evaluate_conditional: the constructed plugin's way.
        return self.templar.template("{%% if %s %%} True {%% else %%} False {%% endif %%}" % condition).strip() == "True"

    def _hostname(self, record):
        choice = self.get_option("hostname")
        if choice == "name":
            return record["ionos_name"] or record["ionos_id"]
        if choice == "id":
            return record["ionos_id"]
        self.templar.available_variables = record
        try:
            name = self.templar.template(choice)
        except Exception as error:  # pylint: disable=broad-exception-caught
            raise AnsibleParserError("ionos.enterprise.ionos inventory: hostname: %r cannot be rendered for"
                                     " server %s: %s" % (choice, record["ionos_id"], error))
        if not name or not str(name).strip():
            raise AnsibleParserError("ionos.enterprise.ionos inventory: hostname: %r renders empty for server %s"
                                     % (choice, record["ionos_id"]))
        return str(name).strip()
