#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_k8s_config
short_description: Write the kubeconfig of an IONOS managed Kubernetes cluster to a file
version_added: 0.1.0
description:
  - Fetches the kubeconfig of a managed Kubernetes cluster and writes it to O(path) with O(mode),
    or removes the file.
  - The file is written atomically (a temporary file in the same directory, readable only by
    its owner from the start, then moved into place). It is left alone when it already holds
    exactly the cluster's kubeconfig with O(mode); a different mode alone is corrected.
  - The kubeconfig holds the cluster's credentials. It never shows in a diff (which shows its
    size and a hash instead) nor in the result, unless O(return_content=true).
  - The kubeconfig is available once the cluster is deployed (C(ACTIVE), or C(UPDATING) after that); with
    O(wait=true) the module waits for a cluster that is still C(DEPLOYING) (in check mode too, since that only
    reads), otherwise that is an error. A cluster being deleted (C(DESTROYING)) or C(FAILED) is an error.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  cluster:
    description:
      - The cluster, by id or by name. Required with O(state=present).
    type: str
  path:
    description:
      - The file to write the kubeconfig to. Its directory must exist.
    type: path
    required: true
  mode:
    description:
      - The permissions of the file, as an octal string such as V('0600') or V('0o600') (quote it in YAML).
      - An unquoted number is taken as the number it is, as M(ansible.builtin.file) does; YAML reads V(0600) as
        octal, which is accepted. A number above V(0o777) (for example V(600), which is octal 1130) is refused with an
        error, since it is almost always an unquoted octal mode meant as a string.
    type: raw
    default: '0600'
  return_content:
    description:
      - Also return the kubeconfig as RV(kubeconfig). Put C(no_log) on such a task, since the
        kubeconfig holds the cluster's credentials.
    type: bool
    default: false
  state:
    description:
      - V(present) writes the kubeconfig, V(absent) removes the file (without asking the API).
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
- name: The kubeconfig of the cluster production
  ionos.enterprise.ionos_k8s_config:
    cluster: production
    path: ~/.kube/production.yaml

- name: The kubeconfig as a variable too (the task is not logged)
  ionos.enterprise.ionos_k8s_config:
    cluster: production
    path: /etc/kubernetes/production.yaml
    mode: '0640'
    return_content: true
  no_log: true
  register: production

- name: Remove it
  ionos.enterprise.ionos_k8s_config:
    path: ~/.kube/production.yaml
    state: absent
"""

RETURN = r"""
path:
  description: The file.
  returned: always
  type: str
  sample: /home/me/.kube/production.yaml
mode:
  description: The permissions of the file (as asked for; after O(state=absent), those of the removed file or C(null)).
  returned: always
  type: str
  sample: '0600'
cluster_id:
  description: The id of the cluster; C(null) with O(state=absent).
  returned: always
  type: str
kubeconfig:
  description: The kubeconfig (YAML).
  returned: when O(return_content=true) and O(state=present)
  type: str
diff:
  description: The path, the mode and the size and SHA-256 of the contents before and after.
  returned: when diff mode is on
  type: dict
"""

import hashlib
import os
import re
import stat
import tempfile

from ansible.module_utils.common.text.converters import to_bytes, to_native

from ansible_collections.ionos.enterprise.plugins.module_utils import _k8s
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule

OCTAL = re.compile(r"^(0o?)?([0-7]{3,4})\Z", re.IGNORECASE)


def mode_problem(value):
    """(mode as an int, None), or (None, why the option is refused)."""
    if isinstance(value, int) and not isinstance(value, bool):
        # An int is taken as is (ansible.builtin.file does the same), so YAML's 0600 (384) is 0o600.
        # Above 0o777 it is almost surely an unquoted mode: 600 would be 0o1130.
        if 0 <= value <= 0o777:
            return value, None
        if re.match(r"^[0-7]{3,4}\Z", str(value)):
            return None, ("mode: the unquoted number %d is the mode %04o, not %s; quote the mode, for example '0%s'."
                          % (value, value, str(value).zfill(4), str(value)[-3:]))
        return None, "mode: the unquoted number %r is not a file mode; quote an octal mode such as '0600'." % value
    match = OCTAL.match(value) if isinstance(value, str) else None
    if match:
        return int(match.group(2), 8), None
    return None, "mode: %r is not an octal mode such as '0600' (quote it in YAML)." % (value,)


def masked(data, what):
    """What a diff shows of contents: their size and hash, never them."""
    if data is None:
        return None
    return "<%s, %d bytes, sha256 %s...>" % (what, len(data), hashlib.sha256(data).hexdigest()[:12])


def read_file(path):
    """(contents, mode) of the file, or (None, None) when there is none."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return data, stat.S_IMODE(os.stat(path).st_mode)
    except (IOError, OSError):
        if os.path.lexists(path):
            raise
        return None, None


class ConfigModule(IonosModule):

    def __init__(self, **kwargs):
        super(ConfigModule, self).__init__(**kwargs)
        self.path = self.params["path"]
        self.mode, problem = mode_problem(self.params["mode"])
        if problem:
            self.fail(problem)
        if os.path.isdir(self.path):
            self.fail("path: %s is a directory; give the path of the kubeconfig file." % self.path)
        directory = os.path.dirname(self.path) or "."
        if self.params["state"] == "present" and not os.path.isdir(directory):
            self.fail("path: the directory %s does not exist." % directory)

    def view(self, data, mode, what):
        if data is None:
            return {"path": self.path, "state": "absent"}
        return {"path": self.path, "state": "file", "mode": "%04o" % mode, "content": masked(data, what)}

    def result(self, changed, cluster_id, before, after, mode, kubeconfig=None):
        result = {"changed": changed, "path": self.path, "mode": mode, "cluster_id": cluster_id}
        if self.module._diff:
            result["diff"] = {"before": before, "after": after}
        if kubeconfig is not None and self.params["return_content"]:
            result["kubeconfig"] = kubeconfig
        return result

    # -- the states -------------------------------------------------------------------

    def ensure_absent(self):
        data, mode = read_file(self.path)
        if data is None:
            return self.result(False, None, self.view(None, None, ""), self.view(None, None, ""), None)
        if not self.check_mode:
            os.remove(self.path)
        return self.result(True, None, self.view(data, mode, "file"), self.view(None, None, ""), "%04o" % mode)

    def cluster(self):
        cluster = _k8s.find_cluster(self.client, self.params["cluster"], option="cluster")
        if cluster is None:
            raise ReferenceNotFoundError("cluster: no Kubernetes cluster with id or name %r exists."
                                         % self.params["cluster"])
        # An UPDATING cluster has been deployed and has its kubeconfig; only DEPLOYING is waited for.
        # Waiting only reads, so check mode waits too and shows the real diff.
        return _k8s.ready(self.client, cluster, _k8s.cluster_path(cluster["id"]), "Kubernetes cluster",
                          "its kubeconfig is available", self.params["wait"], self.params["wait_timeout"],
                          waits_for=("DEPLOYING",), accepts=("ACTIVE", "UPDATING"))

    def ensure_present(self):
        cluster = self.cluster()
        answer = self.client.get(_k8s.cluster_path(cluster["id"]) + "/kubeconfig")
        kubeconfig = ((answer or {}).get("properties") or {}).get("kubeconfig") or ""
        wanted = to_bytes(kubeconfig)
        data, mode = read_file(self.path)
        before = self.view(data, mode, "file")
        after = self.view(wanted, self.mode, "kubeconfig")
        if data is not None:
            before["content"] = masked(data, "kubeconfig" if data == wanted else "file")
        shown_mode = "%04o" % self.mode
        if data == wanted and mode == self.mode:
            return self.result(False, cluster["id"], before, after, shown_mode, kubeconfig)
        if not self.check_mode:
            if data == wanted:
                os.chmod(self.path, self.mode)
            else:
                self.write(wanted)
        return self.result(True, cluster["id"], before, after, shown_mode, kubeconfig)

    def write(self, data):
        """Atomically: a temporary file (0600 from the start) in the same directory, moved into place."""
        directory = os.path.dirname(self.path) or "."
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".kubeconfig-", suffix=".tmp")
        placeholder = moved = False
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
                os.fchmod(out.fileno(), self.mode)
            if not os.path.lexists(self.path):
                # atomic_move gives a file it creates the umask's default mode for a moment;
                # an empty placeholder readable only by its owner avoids that.
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                placeholder = True
            self.module.atomic_move(temporary, self.path, keep_dest_attrs=False)
            moved = True
            os.chmod(self.path, self.mode)
        except Exception as error:  # pylint: disable=broad-except
            # OSError from the file calls; atomic_move also raises a plain Exception.
            self.fail("path: could not write %s: %s"
                      % (self.path, to_native(getattr(error, "strerror", None) or error)))
        finally:
            # Also when atomic_move itself failed the task (fail_json exits): leave nothing of ours behind.
            if placeholder and not moved and os.path.lexists(self.path) and os.path.getsize(self.path) == 0:
                os.remove(self.path)
            if os.path.lexists(temporary):
                os.remove(temporary)


def main():
    module = ConfigModule(
        argument_spec=dict(
            cluster=dict(type="str"),
            path=dict(type="path", required=True),
            mode=dict(type="raw", default="0600"),
            return_content=dict(type="bool", default=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_if=[("state", "present", ["cluster"])],
    )
    if module.params["state"] == "present" and not module.params["cluster"].strip():
        module.fail("cluster must not be empty")
    module.run(module.ensure_absent if module.params["state"] == "absent" else module.ensure_present)


if __name__ == "__main__":
    main()
