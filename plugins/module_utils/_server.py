# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: what ionos_server does beyond present/absent.

Attachments (volumes, CD-ROMs, the boot device), power states, deleting with volumes,
numbered fleets whose missing members are created in parallel and waited on together (and,
with exact_count, whose members beyond the count are deleted), and the NICs and volumes
that every server in a result carries, so that a play can use their addresses at once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.ionos.enterprise.plugins.module_utils import _composite, _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._fleet import Fleet
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule

# state -> (the vmState it ensures, the action that gets there)
POWER = {"running": ("RUNNING", "start"), "stopped": ("SHUTOFF", "stop")}
NESTED = ("nics", "volumes")


class ServerModule(Fleet, ResourceModule):
    represent = "server"
    properties = _kinds.SERVER
    datacenter = None
    _volumes = None
    _cdroms = None

    def __init__(self, *args, **kwargs):
        super(ServerModule, self).__init__(*args, **kwargs)
        # kind -> (attached ids before, after), for the diff
        self.attachment_diff = {}
        self.created = False

    def collection_path(self):
        self.datacenter = _lookup.resolve_datacenter(self.client, self.params["datacenter"])
        return "/datacenters/%s/servers" % self.datacenter["id"]

    def missing_for_create(self):
        return [option for option in ("name", "cores", "ram") if not self.params.get(option)]

    # -- reading -----------------------------------------------------------------------

    def list_depth(self):
        """Servers are listed at depth 3: each with its NICs (their IPs) and volumes, still
        one call. The result carries them, and an existing server is compared with the nics
        and volumes the task lists."""
        return 3

    def find(self):
        if self.params.get("id"):
            return _lookup.find_by_id(self.client, self.path(), self.params["id"], depth=2)
        if not self.params.get("name"):
            return None
        return _lookup.find_by_name(self.client, None, self.params["name"], self.noun,
                                    items=self.client.list(self.path(), depth=self.list_depth()),
                                    deletions=self.deletions)

    def read(self, resource_id):
        # Depth 2: the server's NICs and volumes are whole elements (the NICs with their IPs).
        return self.client.get(self.element_path(resource_id), depth=2)

    def post_once(self, body):
        server = super(ServerModule, self).post_once(body)
        if self.params["wait"] and listed(server, "nics") is None:
            # Adopted after a lost answer: waited on at depth 0, so read once more, deep.
            server = self.read(server["id"])
        return server

    # -- references by id or name ------------------------------------------------------

    def volume_id(self, reference, option):
        if self._volumes is None:
            self._volumes = self.client.list("/datacenters/%s/volumes" % self.datacenter["id"], depth=1)
        return self._reference(self._volumes, reference, "volume", option)

    def cdrom_id(self, reference, option):
        if self._cdroms is None:
            location = self.datacenter["properties"]["location"]
            self._cdroms = [image for image in self.client.list("/images", depth=1)
                            if image["properties"].get("imageType") == "CDROM"
                            and image["properties"].get("location") == location]
        return self._reference(self._cdroms, reference, "CD-ROM image", option)

    def _reference(self, items, reference, label, option):
        for item in items:
            if item["id"] == reference:
                return item["id"]
        found = _lookup.find_by_name(self.client, None, reference, label, option=option, items=items)
        if found is None:
            raise ReferenceNotFoundError("%s: no %s with id or name %r exists in datacenter %s."
                                         % (option, label, reference, self.datacenter["id"]))
        return found["id"]

    def wanted_attachments(self):
        """(volume ids, CD-ROM ids) the task lists; None for a kind it does not manage."""
        params = self.params
        volumes = cdroms = None
        if params["attach_volumes"] is not None or params["boot_volume"] or params["detach_unlisted"]:
            volumes = [self.volume_id(ref, "attach_volumes") for ref in params["attach_volumes"] or []]
            if params["boot_volume"]:
                volumes.append(self.volume_id(params["boot_volume"], "boot_volume"))
        if params["cdroms"] is not None or params["boot_cdrom"] or params["detach_unlisted"]:
            cdroms = [self.cdrom_id(ref, "cdroms") for ref in params["cdroms"] or []]
            if params["boot_cdrom"]:
                cdroms.append(self.cdrom_id(params["boot_cdrom"], "boot_cdrom"))
        return volumes, cdroms

    # -- create ------------------------------------------------------------------------

    def create(self):
        # Resolve every reference first, so check mode fails where a real run would.
        self.create_body({})
        self.created = True
        return super(ServerModule, self).create()

    def create_body(self, properties):
        body = {"properties": dict(properties)}
        self.resolve_lan_names()
        entities = _composite.entities(self.params, NESTED)
        volumes, cdroms = self.wanted_attachments()
        existing = [{"id": vid} for vid in dict.fromkeys(volumes or [])]
        if existing:
            entities.setdefault("volumes", {"items": []})["items"].extend(existing)
        if self.params["boot_volume"]:
            body["properties"]["bootVolume"] = {"id": self.volume_id(self.params["boot_volume"], "boot_volume")}
        if self.params["boot_cdrom"]:
            body["properties"]["bootCdrom"] = {"id": self.cdrom_id(self.params["boot_cdrom"], "boot_cdrom")}
        if entities:
            body["entities"] = entities
        return body

    # -- update ------------------------------------------------------------------------

    def update_changes(self, current):
        _composite.warn_not_created(self.module, _composite.not_in(self.params, NESTED, current), "server",
                                    current["id"], "Add NICs with ionos.enterprise.ionos_nic, volumes with"
                                    " ionos.enterprise.ionos_volume and attach them with attach_volumes.")
        changes = super(ServerModule, self).update_changes(current)
        have = current.get("properties") or {}
        for option, key, other, resolve in (("boot_volume", "bootVolume", "bootCdrom", self.volume_id),
                                            ("boot_cdrom", "bootCdrom", "bootVolume", self.cdrom_id)):
            if self.params[option]:
                wanted = resolve(self.params[option], option)
                if (have.get(key) or {}).get("id") != wanted:
                    changes[key] = {"id": wanted}
                    if have.get(other):
                        changes[other] = None  # the API boots from one device; the other must be null
        return changes

    def send_update(self, current, changes):
        # The boot device must be attached before the server can boot from it.
        self.reconcile_attachments(current, detach=False)
        return super(ServerModule, self).send_update(current, changes)

    # -- attachments -------------------------------------------------------------------

    def attached(self, server, kind, depth=0):
        return self.client.list(self.element_path(server["id"]) + "/" + kind, depth=depth)

    def attachment_plan(self, server, detach=True):
        """[(method, path, body)] to make the attachments what the task lists."""
        volumes, cdroms = self.wanted_attachments()
        plan = []
        for kind, wanted in (("volumes", volumes), ("cdroms", cdroms)):
            if wanted is None or server.get("id") is None:
                continue
            items = self.attached(server, kind, depth=1)
            have = [item["id"] for item in items]
            keep = set(wanted)
            if kind == "volumes":
                # The volumes the task creates with the server are listed too.
                names = set(volume.get("name") for volume in self.params.get("volumes") or [])
                keep.update(item["id"] for item in items if item["properties"].get("name") in names)
            base = self.element_path(server["id"]) + "/" + kind
            attach = [item for item in dict.fromkeys(wanted) if item not in have]
            detached = [item for item in have if item not in keep] if detach and self.params["detach_unlisted"] else []
            plan.extend(("POST", base, {"id": item}) for item in attach)
            plan.extend(("DELETE", _lookup.element_path(base, item), None) for item in detached)
            # An update attaches before its PATCH, then plans again: keep the first "before".
            before = self.attachment_diff.get(kind, (sorted(have),))[0]
            self.attachment_diff[kind] = (before, sorted(set(have) - set(detached) | set(attach)))
        return plan

    def reconcile_attachments(self, server, detach=True):
        """Attach and detach as planned; all the writes start, then are waited on together."""
        plan = self.attachment_plan(server, detach)
        if plan and not self.check_mode:
            responses = [self.attachment_write(method, path, body) for method, path, body in plan]
            self.wait_all(responses)
            if None in responses and self.params["wait"]:
                # An attach whose answer was lost has no request to wait on: wait on the server.
                self.client.wait_for_state(self.element_path(server["id"]), self.ready_states, self.params["wait_timeout"])
        return plan

    def attachment_write(self, method, path, body):
        """One attach (POST) or detach (DELETE); None for an attach whose answer was lost but
        which took effect (the client's attach reads the attachments before it sends one again)."""
        if method == "POST":
            return self.client.attach(path, body["id"])
        return self.client.call(method, path, body=body)

    def wait_all(self, responses):
        if self.params["wait"]:
            self.client.wait_for_requests([r for r in responses if r is not None and r.request_id],
                                          self.params["wait_timeout"])

    # -- power -------------------------------------------------------------------------

    def power_action(self, server, created=False):
        state = self.params["state"]
        if created and state in ("running", "restarted"):
            return None  # a new server is running, just booted
        if state == "restarted":
            return "reboot"
        if state in POWER and (server.get("properties") or {}).get("vmState") != POWER[state][0]:
            return POWER[state][1]
        return None

    def power(self, server, action):
        # start and stop end in the same state when repeated. So does a reboot, as far as the
        # task is concerned (restarted since it began): one whose answer was lost is sent
        # again, rather than failing with the server maybe rebooted, maybe not.
        return self.client.post(self.element_path(server["id"]) + "/" + action, idempotent=True)

    def planned_vm_state(self):
        """The vmState the task's state ensures (running, stopped), else None."""
        return POWER.get(self.params["state"], (None,))[0]

    def resolve_lan_names(self):
        """The new server's NICs that name their LAN get its id (one read, only if one names it)."""
        _composite.resolve_lan_names(self.client, self.datacenter, self.params, NESTED)

    # -- the task ----------------------------------------------------------------------

    def converge(self):
        result = self.converge_fleet() if self.is_fleet() else self.converge_server()
        if result.get("server"):
            result["server"] = self.with_attached(result["server"])
        for key in ("servers", "removed_servers"):
            if key in result:
                result[key] = [self.with_attached(server) for server in result[key]]
        return result

    def converge_server(self):
        if self.params["state"] == "absent":
            return self.remove()
        result = self.ensure_present()
        server = result["server"]
        extra = self.reconcile_attachments(server) if server.get("id") else []
        action = self.power_action(server, created=self.created)
        if action:
            extra.append(action)
            if not self.check_mode:
                self.wait_all([self.power(server, action)])
        if extra:
            result["changed"] = True
            if not self.check_mode and self.params["wait"]:
                result["server"] = self.read(server["id"])
        planned_state = self.planned_vm_state()
        if self.check_mode and planned_state:
            result["server"] = dict(result["server"], properties=dict(
                result["server"].get("properties") or {}, vmState=planned_state))
        if "diff" in result:
            before, after = result["diff"]["before"], result["diff"]["after"]
            if not self.created:
                before["vm_state"] = (server.get("properties") or {}).get("vmState")
            after["vm_state"] = (result["server"].get("properties") or {}).get("vmState")
            for kind, (have, will) in self.attachment_diff.items():
                before[kind], after[kind] = ([] if self.created else have), will
        return result

    def remove(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        self.delete_servers([current])
        return self.result(True, current, self.view(current), {})

    def delete_servers(self, servers):
        """Delete the servers together, in the order given, then (with delete_volumes) the
        volumes they had."""
        volumes = [volume_id for server in servers for volume_id in self.attached_volume_ids(server)] \
            if self.params["delete_volumes"] else []
        if self.check_mode:
            return
        deletes = [self.client.delete(self.element_path(server["id"])) for server in servers]
        if volumes:
            # A volume can go once its server is gone (and it is detached), even with wait=false.
            self.client.wait_for_requests([r for r in deletes if r.request_id], self.params["wait_timeout"])
        else:
            self.wait_all(deletes)
        volume_path = "/datacenters/%s/volumes" % self.datacenter["id"]
        self.wait_all([self.client.delete(_lookup.element_path(volume_path, vid)) for vid in volumes])

    def attached_volume_ids(self, server):
        # A server listed or read deep enough names its volumes already: no read for them.
        items = ((server.get("entities") or {}).get("volumes") or {}).get("items")
        if items is None:
            items = self.attached(server, "volumes")
        return [item["id"] for item in items]

    # -- the NICs and volumes a result carries -------------------------------------------

    def with_attached(self, server):
        """The server with ``nics`` and ``volumes`` beside its API keys (see RETURN): from its
        entities as read, from the task's options for a planned one (check mode), None where
        the API's answer does not hold them (the first answer, with wait=false)."""
        if server.get("id") is None:
            return dict(server, nics=[nic_view(None, _composite.entity(nic)["properties"])
                                      for nic in self.params.get("nics") or []],
                        volumes=self.planned_volumes())
        nics, volumes = listed(server, "nics"), listed(server, "volumes")
        return dict(server, nics=None if nics is None else [nic_view(nic["id"], nic["properties"]) for nic in nics],
                    volumes=None if volumes is None else [volume_view(volume) for volume in volumes])

    def planned_volumes(self):
        created = [{"id": None, "name": volume.get("name"), "size": volume.get("size"), "type": volume.get("type")}
                   for volume in self.params.get("volumes") or []]
        if self.is_fleet():
            return created
        wanted = dict.fromkeys(self.wanted_attachments()[0] or [])
        return created + [volume_view(volume) for volume in self._volumes or [] if volume["id"] in wanted]


def listed(server, kind):
    """The items of a server's ``kind`` collection (nics, volumes) as whole elements; None when
    the server at hand does not hold them so (a first answer, a read at depth 0 or 1)."""
    items = (((server or {}).get("entities") or {}).get(kind) or {}).get("items")
    if items is None or any("properties" not in item for item in items):
        return None
    return items


def nic_view(nic_id, properties):
    """A NIC in a result: from the API's properties, or from a task's nics entry (planned)."""
    properties = properties or {}
    return {"id": nic_id, "name": properties.get("name"), "lan": properties.get("lan"),
            "dhcp": properties.get("dhcp"), "ips": list(properties.get("ips") or []),
            "mac": properties.get("mac")}


def volume_view(volume):
    properties = volume.get("properties") or {}
    return {"id": volume.get("id"), "name": properties.get("name"), "size": properties.get("size"),
            "type": properties.get("type")}
