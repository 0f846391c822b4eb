# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: ionos_server's numbered fleets.

Members named after a pattern (web-%02d) and numbered from 1: the missing ones created in
parallel and waited on together, the others converged; with exact_count, the members beyond
it deleted, highest number first. Fleet is a part of _server.ServerModule, whose create
bodies, power actions, deletes and result views it uses.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup

# In a fleet's name: "%%" (a literal %) or the number's placeholder (%d, %02d, %3d); a "%"
# followed by anything else is no placeholder this module knows (its group is None).
PLACEHOLDER = re.compile(r"%(%|0?\d*d)?")


class FleetPattern:
    """A fleet's name pattern: one %d-style placeholder numbers the members from 1.

    A server belongs to the fleet as member N when its name is exactly what the pattern
    makes of N: with web-%02d, web-04 is member 4, while web-4, web-004 and web-04x are
    not members at all."""

    def __init__(self, pattern):
        self.pattern = pattern or ""
        self.placeholders, self.stray = 0, False
        regex, position = [], 0
        for token in PLACEHOLDER.finditer(self.pattern):
            regex.append(re.escape(self.pattern[position:token.start()]))
            spec = token.group(1)
            if spec is None:
                self.stray = True
                regex.append(re.escape("%"))
            elif spec == "%":
                regex.append(re.escape("%"))
            else:
                self.placeholders += 1
                regex.append(r"( *\d+)")  # %3d pads with spaces
            position = token.end()
        regex.append(re.escape(self.pattern[position:]))
        self.regex = re.compile("^%s$" % "".join(regex))

    def problem(self, option):
        """Why the pattern cannot name a fleet (for the task's ``option``), or None."""
        if self.placeholders == 1 and not self.stray:
            return None
        problem = "with %s, name must be a pattern with one %%d (for example web-%%02d)" % option
        if self.stray:
            problem += "; a %% that is not the number is written %%%%, got %r" % self.pattern
        return problem

    def name(self, number):
        return self.pattern % number

    def number(self, name):
        """The member number ``name`` stands for, or None when it is no member's name."""
        match = self.regex.match(name or "")
        if not match:
            return None
        number = int(match.group(1))
        return number if number >= 1 and self.name(number) == name else None


class Fleet:
    """The fleet half of ServerModule (a mixin: it uses the server module's methods)."""

    def is_fleet(self):
        return self.params.get("count") is not None or self.params.get("exact_count") is not None

    def exact(self):
        return self.params.get("exact_count") is not None

    def size(self):
        return self.params["exact_count"] if self.exact() else self.params["count"]

    def pattern(self):
        return FleetPattern(self.params["name"])

    def member_names(self):
        pattern = self.pattern()
        return [pattern.name(number) for number in range(1, self.size() + 1)]

    def member(self, name, items):
        """The fleet member of this name among the servers listed; one being deleted is gone."""
        return _lookup.find_by_name(self.client, None, name, self.noun, items=items, deletions=self.deletions)

    def numbered_beyond(self, items):
        """The servers listed whose names are those of members numbered above the fleet's size,
        highest number first."""
        number = self.pattern().number
        extra = [item for item in items if (number(server_name(item)) or 0) > self.size()]
        return sorted(extra, key=lambda item: number(server_name(item)), reverse=True)

    def beyond(self, items):
        """numbered_beyond(), without those being deleted already: they are gone."""
        return self.deletions.live(self.numbered_beyond(items))

    def deleting_beyond(self, items):
        """The requests under way that delete servers numbered above the fleet's size (beyond()
        found them)."""
        found = self.deletions.found
        return sorted(set(found[item["id"]] for item in self.numbered_beyond(items) if item["id"] in found))

    def warn_beyond(self, extra, absent=False):
        if not extra:
            return
        names = ", ".join(sorted(set(server_name(server) for server in extra), key=self.pattern().number))
        count = self.params["count"]
        if absent:
            self.module.warn("%s exist beyond count %d and are kept: state=absent with count deletes the members 1"
                             " to %d only; exact_count 0 (with state=present) removes the whole fleet."
                             % (names, count, count))
        else:
            self.module.warn("%s exist beyond count %d and are kept; exact_count %d removes them."
                             % (names, count, count))

    def converge_fleet(self):
        items = self.client.list(self.path(), depth=self.list_depth())
        members = [(name, self.member(name, items))
                   for name in self.member_names()]
        if self.params["state"] == "absent":
            doomed = [server for name, server in members if server]
            self.await_deletions()
            self.delete_servers(doomed)
            self.warn_beyond(self.beyond(items), absent=True)
            result = self.fleet_result(bool(doomed), members, [None] * len(members))
            result["servers"] = doomed  # as they were, like a single server's delete
            return result
        self.require_create_options([name for name, server in members if server is None])
        extra = self.beyond(items)
        if not self.exact():
            self.warn_beyond(extra)
            extra = None
        else:
            self.remove_beyond(extra, items)
        changed, servers = self.converge_members(items, members)
        return self.fleet_result(changed or bool(extra), members, servers, removed=extra)

    def require_create_options(self, missing):
        """Fail, before any write, when members are missing and the task cannot create them."""
        absent = [option for option in ("cores", "ram") if not self.params.get(option)]
        if missing and absent:
            self.fail("%s required to create the servers %s, which do not exist yet."
                      % (" and ".join(absent) + (" is" if len(absent) == 1 else " are"), ", ".join(missing)))

    def remove_beyond(self, extra, items):
        """exact_count: delete the members beyond it, highest number first. This comes before
        the members are converged: what the deleted ones held of the contract's cores, RAM and
        servers is free again for the members created or grown."""
        self.delete_servers(extra)
        pending = self.deleting_beyond(items)
        if pending and self.params["wait"] and not self.check_mode:
            # Deleted by an earlier task and not gone yet: once this one ends, they are.
            self.client.wait_for_requests(pending, self.params["wait_timeout"])

    def converge_members(self, items, members):
        """Members 1 to the fleet's size: the missing ones created in parallel, the others
        updated and powered as the task asks. (changed, the members as they are then)."""
        missing = [name for name, server in members if server is None]
        if missing:
            # Check mode plans without create bodies: LAN names are resolved (or refused) here.
            self.resolve_lan_names()
        writes, changed = [], bool(missing)
        if not self.check_mode:
            for name in missing:
                properties = dict(self.desired_properties(), name=name)
                response, adopted = self.start_create(self.create_body(properties), name)
                if response is not None:
                    writes.append(response)
            if missing and self.params["state"] == "stopped":
                # New members run; stopping them needs them created first.
                self.client.wait_for_requests([r for r in writes if r.request_id], self.params["wait_timeout"])
                items = self.client.list(self.path(), depth=self.list_depth())
                writes = [self.power(found, "stop") for found in
                          (self.member(name, items)
                           for name in missing) if found]
        pattern = self.params
        for name, server in members:
            if server is None:
                continue
            # Each member is compared with its own name, not with the pattern.
            self.params = dict(pattern, name=name)
            try:
                changes = self.update_changes(server)
            finally:
                self.params = pattern
            action = self.power_action(server)
            changed = changed or bool(changes) or bool(action)
            if self.check_mode:
                continue
            if changes:
                writes.append(self.client.patch(self.element_path(server["id"]), changes))
            if action:
                writes.append(self.power(server, action))
        self.wait_all(writes)
        if self.check_mode:
            return changed, [self.planned_member(name, server) for name, server in members]
        items = self.client.list(self.path(), depth=self.list_depth()) if changed else items
        return changed, [self.member(name, items) for name, unused in members]

    def planned_member(self, name, server):
        properties = dict(self.desired_properties(), name=name)
        if server is None:
            return {"id": None, "type": "server", "properties": properties}
        planned_state = self.planned_vm_state()
        if planned_state:
            properties["vmState"] = planned_state
        return dict(server, properties=dict(server.get("properties") or {}, **properties))

    def parent_gone_result(self):
        if self.is_fleet():
            return self.fleet_result(False, [], [])
        return super(Fleet, self).parent_gone_result()

    def parent_planned_result(self, error):
        if not self.is_fleet():
            return super(Fleet, self).parent_planned_result(error)
        self.module.warn("%s Check mode assumes that an earlier task creates it; these servers would be created"
                         " in it." % error)
        members = [(name, None) for name in self.member_names()]
        return self.fleet_result(True, members, [self.planned_member(name, None) for name, unused in members])

    def fleet_result(self, changed, members, servers, removed=None):
        """The fleet's result; with exact_count, ``removed`` lists the servers deleted beyond
        it, as they were (in the diff they are before, not after)."""
        result = {"changed": changed, "servers": [server for server in servers if server]}
        if removed is not None:
            result["removed"] = [server_name(server) for server in removed]
            result["removed_servers"] = removed
        if self.module._diff:
            before = [(name, server) for name, server in members if server]
            before.extend((server_name(server), server) for server in reversed(removed or []))
            result["diff"] = {
                "before": dict((name, self.member_view(server)) for name, server in before),
                "after": dict((name, self.member_view(server)) for (name, unused), server in zip(members, servers)
                              if server),
            }
        return result

    def member_view(self, server):
        view = self.view(server)
        view["vm_state"] = (server.get("properties") or {}).get("vmState")
        return view


def server_name(server):
    return ((server or {}).get("properties") or {}).get("name")
