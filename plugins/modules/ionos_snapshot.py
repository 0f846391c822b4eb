#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_snapshot
short_description: Take, update, restore and delete IONOS volume snapshots
version_added: 0.1.0
description:
  - Makes sure a snapshot exists with the given properties, or does not exist, or restores it
    onto a volume.
  - Snapshots belong to the account, not to a datacenter. A snapshot is found by O(id), or else
    by O(name) among all snapshots; a name shared by two snapshots is an error listing their ids.
  - A missing snapshot is taken from O(volume) of O(datacenter). Properties the task sets that
    differ from an existing snapshot's are updated in place, with one request. The API does
    not say which volume a snapshot was taken from, so O(datacenter) and O(volume) are not
    compared for an existing snapshot.
  - To create a volume from a snapshot, give the snapshot's id as O(ionos.enterprise.ionos_volume#module:image)
    of M(ionos.enterprise.ionos_volume).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the snapshot. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the snapshot; its identity when O(id) is not given. Required to take one.
    type: str
  datacenter:
    description:
      - The datacenter of O(volume), by id or by name.
      - Required to take a snapshot and with O(state=restored).
    type: str
  volume:
    description:
      - The volume, by id or by name within O(datacenter), to take the snapshot from
        or, with O(state=restored), to restore it onto.
      - Required to take a snapshot and with O(state=restored).
    type: str
  description:
    description:
      - A description of the snapshot.
    type: str
  licence_type:
    description:
      - The licence of the snapshot's operating system. A new snapshot has its volume's
        unless set.
    type: str
    choices: [LINUX, WINDOWS, WINDOWS2016, UNKNOWN, OTHER]
  cpu_hot_plug:
    description: Whether a volume made from the snapshot can have CPUs added without a reboot.
    type: bool
  cpu_hot_unplug:
    description: Whether a volume made from the snapshot can have CPUs removed without a reboot.
    type: bool
  ram_hot_plug:
    description: Whether a volume made from the snapshot can have memory added without a reboot.
    type: bool
  ram_hot_unplug:
    description: Whether a volume made from the snapshot can have memory removed without a reboot.
    type: bool
  nic_hot_plug:
    description: Whether a volume made from the snapshot can have NICs added without a reboot.
    type: bool
  nic_hot_unplug:
    description: Whether a volume made from the snapshot can have NICs removed without a reboot.
    type: bool
  disc_virtio_hot_plug:
    description: Whether a volume made from the snapshot can have VirtIO disks added without a reboot.
    type: bool
  disc_virtio_hot_unplug:
    description: Whether a volume made from the snapshot can have VirtIO disks removed without a reboot.
    type: bool
  disc_scsi_hot_plug:
    description: Whether a volume made from the snapshot can have SCSI disks added without a reboot.
    type: bool
  disc_scsi_hot_unplug:
    description: Whether a volume made from the snapshot can have SCSI disks removed without a reboot.
    type: bool
  state:
    description:
      - V(present) takes the snapshot from O(volume) or updates it, V(absent) deletes it.
      - V(restored) writes the snapshot, which must exist, onto O(volume) (whose content it
        replaces). It always reports a change; the snapshot's properties are not compared or changed.
    type: str
    choices: [present, absent, restored]
    default: present
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
notes:
  - A snapshot is taken with the name, description and licence type; hot-plug flags the task sets
    that differ from those the snapshot took from its volume are updated right after, once the
    snapshot is ready (the module then waits for it, even with O(wait=false)).
seealso:
  - module: ionos.enterprise.ionos_snapshot_info
  - module: ionos.enterprise.ionos_volume
"""

EXAMPLES = r"""
- name: Snapshot the system volume before an upgrade
  ionos.enterprise.ionos_snapshot:
    datacenter: web
    volume: system
    name: system-before-upgrade
    description: Taken before the upgrade

- name: Mark it as a Linux snapshot that supports CPU hot plug
  ionos.enterprise.ionos_snapshot:
    name: system-before-upgrade
    licence_type: LINUX
    cpu_hot_plug: true

- name: Roll the system volume back
  ionos.enterprise.ionos_snapshot:
    datacenter: web
    volume: system
    name: system-before-upgrade
    state: restored

- name: Delete the snapshot
  ionos.enterprise.ionos_snapshot:
    name: system-before-upgrade
    state: absent
"""

RETURN = r"""
snapshot:
  description:
    - The snapshot as the API returns it at depth 0; after a delete, as it was; C(null) when there
      was none. In check mode, the snapshot as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The snapshot's id.
      type: str
    properties:
      description: C(name), C(description), C(location), C(size), C(licenceType), C(secAuthProtection) and the hot-plug flags.
      type: dict
      sample: {name: system-before-upgrade, description: Taken before the upgrade, location: de/fra, size: 20.0,
               licenceType: LINUX, cpuHotPlug: true}
volume:
  description: The volume the snapshot was restored onto, as it was found before the restore.
  returned: when O(state=restored)
  type: dict
diff:
  description: The managed properties before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

LICENCES = ["LINUX", "WINDOWS", "WINDOWS2016", "UNKNOWN", "OTHER"]
FLAGS = ("cpu_hot_plug", "cpu_hot_unplug", "ram_hot_plug", "ram_hot_unplug", "nic_hot_plug", "nic_hot_unplug",
         "disc_virtio_hot_plug", "disc_virtio_hot_unplug", "disc_scsi_hot_plug", "disc_scsi_hot_unplug")
# The properties create-snapshot takes as form fields; the flags follow with a PATCH.
FORM_FIELDS = ("name", "description", "licenceType")


class SnapshotModule(ResourceModule):
    represent = "snapshot"
    properties = (
        Prop("name"),
        Prop("description"),
        Prop("licence_type", kind="enum"),
    ) + tuple(Prop(flag, kind="bool") for flag in FLAGS)
    _volume = None

    def collection_path(self):
        return "/snapshots"

    def volume(self):
        """The volume of the task (datacenter and volume resolved by name or id), once."""
        if self._volume is None:
            datacenter = _lookup.resolve_datacenter(self.client, self.params["datacenter"])
            volumes = "/datacenters/%s/volumes" % datacenter["id"]
            volume = _lookup.resolve(self.client, volumes, self.params["volume"], "volume", "volume")
            self._volume = (_lookup.element_path(volumes, volume["id"]), volume)
        return self._volume

    def missing_for_create(self):
        return [option for option in ("name", "datacenter", "volume") if not self.params.get(option)]

    # -- present: take the snapshot from the volume -------------------------------------

    def create(self):
        missing = self.missing_for_create()
        if missing:
            self.fail("%s %s required to create the snapshot %r, which does not exist yet."
                      % (", ".join(missing), "is" if len(missing) == 1 else "are", self.params.get("name")))
        volume_path = self.volume()[0]
        properties = self.desired_properties()
        planned = {"id": None, "type": self.planned_type, "properties": self.shown(properties)}
        if self.check_mode:
            return self.result(True, planned, {}, self.view(planned))
        form = dict((key, properties[key]) for key in FORM_FIELDS if properties.get(key) is not None)
        created, ready = self.take_once(volume_path + "/create-snapshot", form)
        if not ready and any(self.params.get(flag) is not None for flag in FLAGS):
            # The flags follow with a PATCH, which needs the snapshot ready.
            created = self.client.wait_for_state(self.element_path(created["id"]), self.ready_states,
                                                 self.params["wait_timeout"])
        changes = self.update_changes(created)
        if changes:
            response = self.wait_for(self.send_update(created, changes))
            if self.params.get("wait"):
                created = self.read(created["id"])
            else:
                created = dict(response.body or created,
                               properties=dict(created.get("properties") or {}, **changes))
        return self.result(True, created, {}, self.view(created))

    def take_once(self, url, form):
        """POST create-snapshot; after an error that leaves it unknown whether the API acted,
        look the snapshot up by name before trying again, so it never exists twice.
        Returns the snapshot and whether it is known to be ready."""
        response, adopted = self.start_create(None, self.params["name"], url=url, form=form)
        if adopted is not None:
            if not self.params.get("wait"):
                return adopted, False
            return self.client.wait_for_state(self.element_path(adopted["id"]), self.ready_states,
                                              self.params["wait_timeout"]), True
        self.wait_for(response)
        if not self.params.get("wait"):
            return response.body, False
        return self.read(response.body["id"]), True

    # -- restored ---------------------------------------------------------------------

    def ensure_restored(self):
        current = self.current()
        if current is None:
            if self.params.get("id"):
                self.fail("id: no snapshot with id %s exists to restore." % self.params["id"])
            self.fail("name: no snapshot named %r exists to restore." % self.params["name"])
        ignored = [prop.option for prop in self.user_set() if prop.option != "name" or self.params.get("id")]
        if ignored:
            self.module.warn("%s %s not compared or changed with state=restored."
                             % (", ".join(ignored), "is" if len(ignored) == 1 else "are"))
        volume_path, volume = self.volume()
        if not self.check_mode:
            # Restoring the same snapshot again ends in the same state: safe to retry.
            self.wait_for(self.client.post(volume_path + "/restore-snapshot",
                                           form={"snapshotId": current["id"]}, idempotent=True))
        result = self.result(True, current, self.view(current), self.view(current))
        result["volume"] = volume
        return result

    def run_state(self):
        if self.params.get("state") == "restored":
            self.run(self.ensure_restored)
        else:
            super(SnapshotModule, self).run_state()


def main():
    argument_spec = dict(
        id=dict(type="str"),
        name=dict(type="str"),
        datacenter=dict(type="str"),
        volume=dict(type="str"),
        description=dict(type="str"),
        licence_type=dict(type="str", choices=LICENCES),
        state=dict(type="str", default="present", choices=["present", "absent", "restored"]),
    )
    argument_spec.update((flag, dict(type="bool")) for flag in FLAGS)
    module = SnapshotModule(
        argument_spec=argument_spec,
        wait=True,
        required_one_of=[["id", "name"]],
        required_if=[["state", "restored", ["datacenter", "volume"]]],
    )
    module.run_state()


if __name__ == "__main__":
    main()
