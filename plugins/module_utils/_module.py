# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: the module base.

IonosModule builds the AnsibleModule from a module's own options plus the shared
connection (and wait) options, builds one client, and turns every API error into one
fail_json(msg=..., failure={...}). ResourceModule adds the whole present/absent flow of
DESIGN.md "The way a task flows" for a resource described by Prop objects.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, _load_params, missing_required_lib
from ansible.module_utils.common.validation import check_type_dict

from ansible_collections.ionos.enterprise.plugins.module_utils import _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._arguments import (
    client_options,
    connection_argument_spec,
    connection_problems,
    wait_argument_spec,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    IonosClient,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    IonosError,
    ParentNotFoundError,
    ReferenceNotFoundError,
    ValidationError,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK


def without_suboptions_for_misshaped(spec, params):
    """The spec, with the suboptions dropped from each dict option (or list of dicts) whose
    given value is not of that shape.

    ansible-core checks suboptions in a way that, for such a value, either fails without
    naming the option ("dictionary requested, could not parse JSON or key=value") or
    raises a TypeError; without them its plain type check runs and names it."""
    spec = dict(spec)
    for name, option in spec.items():
        value = params.get(name)
        if not option.get("options") or value is None:
            continue
        if option.get("type") == "list":
            shaped = isinstance(value, list) and all(dict_like(item) for item in value)
        else:
            shaped = dict_like(value)
        if not shaped:
            spec[name] = dict((key, setting) for key, setting in option.items()
                              if key not in ("options", "required_if", "required_one_of", "mutually_exclusive",
                                             "required_together", "required_by", "apply_defaults"))
    return spec


def dict_like(value):
    """A dict, or a string Ansible turns into one (JSON or key=value)."""
    if isinstance(value, dict):
        return True
    try:
        return isinstance(value, str) and isinstance(check_type_dict(value), dict)
    except (TypeError, ValueError):
        return False


def accepted_failure(msg, extra, accepted):
    """msg and fail_json's extra keys for a task that fails after the API accepted writes:
    changed, the writes in failure.accepted, and failure.request_id set to the last one's
    request when the error itself names none."""
    writes = [{"method": write.method, "url": write.url, "request_id": write.request_id} for write in accepted]
    requests = [write["request_id"] for write in writes if write["request_id"]]
    failure = dict(extra.get("failure") or {}, accepted=writes)
    if not failure.get("request_id") and requests:
        failure["request_id"] = requests[-1]
    named = ", ".join("%s %s%s" % (write["method"], write["url"], " (request %s)" % write["request_id"]
                                   if write["request_id"] else "") for write in writes)
    if requests:
        follow = (" Follow %s up with ionos.enterprise.ionos_request_info (request_id: %s), then run the task"
                  " again." % ("it" if len(requests) == 1 else "them", ", ".join(requests)))
    else:
        follow = " Run the task again to see where it stands."
    msg = msg.rstrip()
    msg = "%s%s The API had accepted %s before this, which may still take effect: %s.%s" % (
        msg, "" if msg.endswith(".") else ".", "a write" if len(writes) == 1 else "%d writes" % len(writes), named, follow)
    return msg, dict(extra, changed=True, failure=failure)


class IonosModule:
    """An AnsibleModule with the shared options and one API client."""

    def __init__(self, argument_spec, wait=False, **kwargs):
        spec = dict(argument_spec)
        spec.update(connection_argument_spec())
        if wait:
            spec.update(wait_argument_spec())
        # (validate-modules, reading the spec, stubs the parameters out: None)
        spec = without_suboptions_for_misshaped(spec, _load_params() or {})
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
        self.params = self.module.params
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        problems = connection_problems(self.params)
        if problems:
            self.module.fail_json(msg="; ".join(problems))
        self.client = IonosClient(**client_options(self.params))

    @property
    def check_mode(self):
        return self.module.check_mode

    def fail(self, msg, **extra):
        """Fail the task. When the API had accepted writes before, the task changed something
        (or may still): it says so, which writes, and how to follow them up."""
        accepted = self.client.accepted_writes() if hasattr(self, "client") else []
        if accepted:
            msg, extra = accepted_failure(msg, extra, accepted)
        self.module.fail_json(msg=msg, **extra)

    def run(self, action):
        """Exit with action()'s result, or fail with the API error it raised."""
        try:
            result = action()
        except IonosError as error:
            self.fail(str(error), failure=error.to_failure())
        self.module.exit_json(**result)

    def wait_for(self, response):
        """Wait on the request a write started, when the task asks to wait."""
        if self.params.get("wait") and response.request_id:
            self.client.wait_for_request(response, self.params["wait_timeout"])
        return response


class ResourceModule(IonosModule):
    """present / absent for one resource kind; a module sets the class attributes.

    represent: the result key (``datacenter``, ``firewall_rule``).
    label: the word in messages when it is not the result key (``firewall rule``).
    api_type: the API's ``type`` of a planned resource when it is not the result key.
    properties: the Prop objects of the options that are API properties.
    collection_path(): the collection the resource lives in, parents resolved.
    create_body(properties) / update_changes(current): hooks for what is special.
    """

    represent = None
    label = None
    api_type = None
    properties = ()
    # The option (and the Prop of it) that identifies the resource when no id is given.
    identity = "name"
    # States a resource adopted after an ambiguous create may be in once ready.
    ready_states = ("AVAILABLE", "ACTIVE")
    # The API shows no state for the kind (groups, users, shares): a deletion under way is
    # only seen in the request list, which state=absent then reads once.
    stateless = False
    _path = None
    _deletions = None

    def collection_path(self):
        """The collection's URL path, parents resolved (by name or id) as needed."""
        raise NotImplementedError

    @property
    def noun(self):
        return self.label or self.represent

    @property
    def planned_type(self):
        return self.api_type or self.represent

    def path(self):
        """collection_path(), resolved once per task: parents are looked up once. A parent
        that does not exist raises ParentNotFoundError."""
        if self._path is None:
            try:
                self._path = self.collection_path()
            except ParentNotFoundError:
                raise
            except ReferenceNotFoundError as error:
                raise ParentNotFoundError(str(error), reference=error.reference)
        return self._path

    def run(self, action):
        """A missing parent: with state=absent the resource is absent too, so a teardown run
        twice, or after its datacenter went, changes nothing and fails nothing. In check mode,
        a parent named by a name an earlier task would create makes this one "would be created
        with it", so that a whole play can be previewed."""
        absent = self.params.get("state") == "absent"

        def with_its_parent():
            try:
                return action()
            except ParentNotFoundError as error:
                if absent:
                    return self.parent_gone_result()
                if self.check_mode and error.reference:
                    return self.parent_planned_result(error)
                raise
        return super(ResourceModule, self).run(with_its_parent)

    def parent_gone_result(self):
        """The unchanged result of state=absent when the parent does not exist."""
        return self.result(False, None, {}, {})

    def parent_planned_result(self, error):
        """Check mode, the parent not there yet: the resource would be created with it (by this
        task or an earlier one, so what a create needs is not asked for). An id (of a resource
        that cannot exist) is an error."""
        if self.params.get("id"):
            raise error
        self.module.warn("%s Check mode assumes that an earlier task creates it; this %s would be created in it."
                         % (error, self.noun))
        return self.create_planned(self.preview_properties())

    def preview_properties(self):
        """The planned properties when the parent is not there yet: references to its other
        children (a NIC's LAN by name) cannot be resolved and are shown as the task names them."""
        properties = {}
        for prop in self.user_set():
            value = self.params[prop.option]
            try:
                properties[prop.api] = prop.to_api(value)
            except (TypeError, ValueError):
                properties[prop.api] = value
        return properties

    def element_path(self, resource_id):
        return _lookup.element_path(self.path(), resource_id)

    # -- reading ----------------------------------------------------------------------

    def identity_prop(self):
        return next((prop.api for prop in self.properties if prop.option == self.identity), self.identity)

    def find_by_identity(self):
        return _lookup.find_by_name(self.client, self.path(), self.params[self.identity], self.noun,
                                    option=self.identity, prop=self.identity_prop(), deletions=self.deletions)

    def find(self):
        return _lookup.find(self.client, self.path(), self.noun, resource_id=self.params.get("id"),
                            name=self.params.get(self.identity), option=self.identity, prop=self.identity_prop(),
                            deletions=self.deletions)

    @property
    def deletions(self):
        """The deletions under way this task came across (find() passes it to name lookups)."""
        if self._deletions is None:
            self._deletions = _lookup.Deletions(self.client)
        return self._deletions

    def current(self):
        """find(), except that a resource whose DELETE is already under way is gone for this
        task: state=absent changes nothing (and with wait returns once that deletion is
        DONE), a name creates a new resource, and an id fails, saying so."""
        found = self.find()
        absent = self.params.get("state") == "absent"
        if found is not None and self.deletions.request_deleting(found, always=absent and self.stateless):
            found = None
        if absent:
            self.await_deletions()
        elif found is None and self.params.get("id") in self.deletions.found:
            self.fail("id: the %s %s is being deleted (request %s); once that is done, give a name instead"
                      " of the id to create a new one." % (self.noun, self.params["id"],
                                                           self.deletions.found[self.params["id"]]))
        return found

    def await_deletions(self):
        """With wait, wait for the deletions under way that the task found instead of a resource."""
        pending = self.deletions.pending()
        if pending and self.params.get("wait") and not self.check_mode:
            self.client.wait_for_requests(pending, self.params["wait_timeout"])

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id), depth=0)

    def user_set(self):
        return [prop for prop in self.properties if self.params.get(prop.option) is not None]

    # -- planning ---------------------------------------------------------------------

    def desired_properties(self):
        return dict((prop.api, prop.to_api(self.params[prop.option])) for prop in self.user_set())

    def update_changes(self, current):
        """The properties to PATCH; create-only options that differ end the task."""
        changes, frozen = _kinds.compare(self.user_set(), self.params, current)
        if frozen:
            self.fail(_kinds.frozen_problem(self.noun, current, frozen))
        return changes

    def create_body(self, properties):
        return {"properties": properties}

    def send_update(self, current, changes):
        """One PATCH of the changed properties. Resources the API only updates with a PUT
        (which replaces) override this to send the current properties merged with changes."""
        return self.client.patch(self.element_path(current["id"]), changes)

    def missing_for_create(self):
        """Options needed to create the resource that the task did not set."""
        return [] if self.params.get(self.identity) else [self.identity]

    # -- the states -------------------------------------------------------------------

    def run_state(self):
        self.run(self.ensure_absent if self.params.get("state") == "absent" else self.ensure_present)

    def ensure_present(self):
        current = self.current()
        if current is None:
            if self.params.get("id"):
                self.fail("id: no %s with id %s exists; to create one, give its name instead."
                          % (self.noun, self.params["id"]))
            return self.create()
        changes = self.update_changes(current)
        if not changes:
            return self.result(False, current, self.view(current), self.view(current))
        planned = dict(current, properties=dict(current.get("properties") or {}, **changes))
        if self.check_mode:
            return self.result(True, planned, self.view(current), self.view(planned))
        response = self.wait_for(self.send_update(current, changes))
        updated = self.read(current["id"]) if self.params.get("wait") else response.body
        return self.result(True, updated, self.view(current), self.view(updated))

    def create(self):
        if self.check_mode:
            return self.create_planned()
        self.require_for_create()
        created = self.post_once(self.create_body(self.desired_properties()))
        return self.result(True, created, {}, self.view(created))

    def create_in_location(self):
        """create(), for a resource made in a location: an unknown one is an error naming the
        locations there are, and nothing is written. In check mode one read of the locations
        says it; on a real run the API refuses the create (422), and only then is that read
        paid, so a known location costs no call."""
        location = self.params.get("location")
        if self.missing_for_create():
            return ResourceModule.create(self)
        if self.check_mode:
            _lookup.check_location(self.client, location)
            return ResourceModule.create(self)
        try:
            return ResourceModule.create(self)
        except ValidationError as refused:
            try:
                _lookup.check_location(self.client, location)
            except ReferenceNotFoundError:
                raise
            except IonosError:
                raise refused  # the locations could not be read: the API's refusal says the most
            raise

    def require_for_create(self):
        missing = self.missing_for_create()
        if missing:
            self.fail("%s %s required to create the %s %r, which does not exist yet."
                      % (", ".join(missing), "is" if len(missing) == 1 else "are",
                         self.noun, self.params.get("name")))

    def create_planned(self, properties=None):
        """The check mode result of a create: the resource as planned, no id."""
        if properties is None:
            self.require_for_create()
            properties = self.desired_properties()
        planned = {"id": None, "type": self.planned_type, "properties": self.shown(properties)}
        return self.result(True, planned, {}, self.view(planned))

    def start_create(self, body, name, url=None, form=None, lookup=None):
        """POST a create without waiting; return (response, None), or (None, resource) when
        an error left it unknown whether the API acted and the resource turned up by name.
        Retried only after looking, so a resource never exists twice.

        ``url`` and ``form`` are for resources created by an action of another one (a
        snapshot by its volume's create-snapshot); ``lookup`` finds a resource that has no
        name (a share, known by its group and resource)."""
        return self.client.post_unless_found(url or self.path(), body, form=form, lookup=lookup or (
            lambda: _lookup.find_by_name(self.client, self.path(), name, self.noun, option=self.identity,
                                         prop=self.identity_prop(), deletions=self.deletions)))

    def post_once(self, body):
        """Create, wait (when asked) and return the resource as it is then."""
        response, adopted = self.start_create(body, self.params[self.identity])
        if adopted is not None:
            if not self.params.get("wait"):
                return adopted
            return self.client.wait_for_state(self.element_path(adopted["id"]), self.ready_states,
                                              self.params["wait_timeout"])
        self.wait_for(response)
        if not self.params.get("wait"):
            return response.body
        return self.read(response.body["id"])

    def ensure_absent(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        if not self.check_mode:
            self.wait_for(self.client.delete(self.element_path(current["id"])))
        return self.result(True, current, self.view(current), {})

    # -- results ----------------------------------------------------------------------

    def view(self, resource):
        """The managed properties of a resource, by option name, secrets masked."""
        have = (resource or {}).get("properties") or {}
        return dict((prop.option, prop.shown(have.get(prop.api))) for prop in self.properties
                    if not prop.secret or prop.api in have)

    def shown(self, properties):
        secrets = set(prop.api for prop in self.properties if prop.secret)
        return dict((key, MASK if key in secrets else value)
                    for key, value in properties.items())

    def result(self, changed, resource, before, after):
        result = {"changed": changed, self.represent: resource}
        if self.module._diff:
            result["diff"] = {"before": before, "after": after}
        return result


def info_result(key, items):
    """An _info module's result: the list under its plural key, [] when nothing matches."""
    return {"changed": False, key: items}
