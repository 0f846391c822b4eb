# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: user management shared by the user, group, share and S3
key modules.

Users are found by e-mail (case-insensitive, unique in an account) or id; groups by name
or id. Membership is one relation seen from two sides (a user's groups, a group's users),
so both modules reconcile it through ``membership_plan`` and ``write_memberships``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    AmbiguousNameError,
    NotFoundError,
    ParentNotFoundError,
    ReferenceNotFoundError,
)
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import (
    element_path,
    find_by_id,
    looks_like_id,
)

USERS = "/um/users"
GROUPS = "/um/groups"
# One @, no spaces, a dot in the domain: what the API accepts as an e-mail (it answers 422
# otherwise), checked before any call.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+\Z")
# The API refuses shorter or longer user and backup unit passwords with a 422.
PASSWORD_LENGTH = (5, 256)


def email_problem(option, value):
    """Why ``value`` is not an e-mail address the API accepts, or None."""
    if value is not None and not EMAIL.match(str(value)):
        return "%s: %r is not an e-mail address (name@domain.tld)" % (option, value)
    return None


def password_problem(option, value):
    """Why a password would be refused, or None; never quotes the password."""
    low, high = PASSWORD_LENGTH
    if value is not None and not low <= len(value) <= high:
        return "%s: must be %d to %d characters long, got %d" % (option, low, high, len(value))
    return None


def find_user(client, reference, users=None):
    """The user with this id or e-mail (any case), or None."""
    if looks_like_id(reference):
        return find_by_id(client, USERS, reference)
    if users is None:
        users = client.list(USERS, depth=1)
    wanted = str(reference).lower()
    for user in users:
        if ((user.get("properties") or {}).get("email") or "").lower() == wanted:
            return user
    return None


def find_group(client, reference, groups=None, option="name", by_name=False, deletions=None):
    """The group with this id or name, None, or AmbiguousNameError.

    ``by_name`` compares names only (a group may be named like an id). With ``groups`` (a
    list already read), an id is looked up in it, then taken as a name: no further call.
    With ``deletions`` (_lookup.Deletions), a group being deleted does not match."""
    if looks_like_id(reference) and not by_name:
        if groups is None:
            return find_by_id(client, GROUPS, reference)
        for group in groups:
            if group.get("id") == reference:
                return group
    if groups is None:
        groups = client.list(GROUPS, depth=1)
    matches = [g for g in groups if (g.get("properties") or {}).get("name") == reference]
    if deletions is not None:
        matches = deletions.live(matches)
    if len(matches) > 1:
        raise AmbiguousNameError("group", reference, [g["id"] for g in matches], option=option)
    return matches[0] if matches else None


def resolve_users(client, references, option):
    """[{id, email}] of users given by e-mail or id, with one list read; each must exist."""
    users = None if all(looks_like_id(r) for r in references) else client.list(USERS, depth=1)
    found = [_required(find_user(client, r, users), option, "user", "id or e-mail", r) for r in references]
    return [{"id": user["id"], "email": (user.get("properties") or {}).get("email")} for user in found]


def resolve_groups(client, references, option, groups=None):
    """[{id, name}] of groups given by name or id, with at most one list read (none when
    ``groups``, a list already read, is given); each must exist, once."""
    if groups is None and not all(looks_like_id(r) for r in references):
        groups = client.list(GROUPS, depth=1)
    found = [_required(find_group(client, r, groups, option), option, "group", "id or name", r) for r in references]
    return [{"id": group["id"], "name": (group.get("properties") or {}).get("name")} for group in found]


def _required(found, option, label, key, reference):
    if found is None:
        raise ReferenceNotFoundError("%s: no %s with %s %r exists." % (option, label, key, reference))
    return found


def membership_plan(current, wanted, purge):
    """(to add, to remove) for a list of ids: ``wanted`` is added; what is not wanted is
    removed only with ``purge``. ``wanted`` None leaves the membership alone."""
    if wanted is None:
        return [], []
    add = [member for member in _unique(wanted) if member not in current]
    remove = [member for member in current if member not in wanted] if purge else []
    return add, remove


def write_memberships(client, adds, removes):
    """Add and remove (group id, user id) pairs; return the responses to wait on."""
    writes = [client.attach(element_path(GROUPS, group_id) + "/users", user_id) for group_id, user_id in adds]
    writes.extend(client.delete(element_path(element_path(GROUPS, group_id) + "/users", user_id))
                  for group_id, user_id in removes)
    # An add whose answer was lost but which took effect has no request to wait on.
    return [write for write in writes if write is not None]


# A group read at this depth holds its members with their e-mails (entities.users.items);
# the groups collection read at GROUP_DEPTH holds each group's member ids (no e-mails).
GROUP_DEPTH = 2


def group_members(group):
    """[{id, email}] of the members in a group's entities (e-mail None when read too shallow)."""
    items = (((group or {}).get("entities") or {}).get("users") or {}).get("items") or []
    return [{"id": item["id"], "email": (item.get("properties") or {}).get("email")} for item in items]


def groups_of(user_id, groups):
    """[{id, name}] of the groups, from a groups list read at GROUP_DEPTH, that ``user_id``
    is a member of."""
    return [{"id": group["id"], "name": (group.get("properties") or {}).get("name")} for group in groups
            if user_id in [member["id"] for member in group_members(group)]]


def read_user_groups(client, user_id):
    """[{id, name}] of a user's groups: one small read (GET /um/users/{id}/groups?depth=1)."""
    items = client.list(element_path(USERS, user_id) + "/groups", depth=1)
    return [{"id": item["id"], "name": (item.get("properties") or {}).get("name")} for item in items]


def _unique(values):
    seen = set()
    return [value for value in values if not (value in seen or seen.add(value))]


# -- how the user modules read and show a user -------------------------------------------

# Users are found in a shallow list (deeper, each user would carry everything it owns, which
# grows with the account); their groups come from one more small read (read_user_groups, or
# a groups list at GROUP_DEPTH when the task names groups anyway). One user read at
# USER_DEPTH carries its groups with their names.
USERS_DEPTH = 1
USER_DEPTH = 2


def user_groups(user):
    """[{id, name}] of the groups in a user's entities (name None when read at a low depth)."""
    items = (((user or {}).get("entities") or {}).get("groups") or {}).get("items") or []
    return [{"id": item["id"], "name": (item.get("properties") or {}).get("name")} for item in items]


def user_view(user, groups):
    """A user as the user modules return it: no entities, no password, its groups as
    [{id, name}]."""
    if user is None:
        return None
    shown = dict((key, value) for key, value in user.items() if key != "entities")
    properties = dict(shown.get("properties") or {})
    properties.pop("password", None)
    shown["properties"] = properties
    shown["groups"] = groups
    return shown


# -- shareable resource types; one group or user by reference ---------------------------

# The resource types of user management (GET /um/resources/{type}), each with the
# collection it lives in and the word for it in messages. The API shares every one of them
# with groups (a backup unit "shall be shareable via groups", says POST /backupunits).
RESOURCE_COLLECTIONS = {
    "backupunit": "/backupunits",
    "datacenter": "/datacenters",
    "image": "/images",
    "ipblock": "/ipblocks",
    "k8s": "/k8s",
    "pcc": "/pccs",
    "snapshot": "/snapshots",
}
RESOURCE_TYPES = sorted(RESOURCE_COLLECTIONS)
RESOURCE_LABELS = {
    "backupunit": "backup unit",
    "datacenter": "datacenter",
    "image": "image",
    "ipblock": "IP block",
    "k8s": "Kubernetes cluster",
    "pcc": "private cross connect",
    "snapshot": "snapshot",
}


def resource_type_of(item):
    """The type of an item of /um/resources (or of a group's resources): its ``type`` (the real
    API's, e.g. ``datacenter``), or else the segment of its href before the id (should an item
    say only ``resource``)."""
    if item.get("type") in RESOURCE_COLLECTIONS:
        return item["type"]
    parts = (item.get("href") or "").rstrip("/").split("/")
    return parts[-2] if len(parts) >= 2 else None


def resolve_group(client, reference, option="group"):
    """The id of one group given by name or id; it must exist (one read)."""
    return resolve_groups(client, [reference], option)[0]["id"]


def no_user(reference, option="user"):
    """The error of a user (by id or e-mail) that does not exist: the parent of S3 keys."""
    return ParentNotFoundError("%s: no user with id or e-mail %r exists." % (option, reference),
                               reference=None if looks_like_id(reference) else reference)


def resolve_user(client, reference, option="user"):
    """The id of a user given by id or e-mail (any case).

    An e-mail must be one (checked before any call) and is looked up with one list read; an
    id is taken as given, without a read: do the reads under the user's path through
    ``user_read``, so that their 404 says the user is missing."""
    if looks_like_id(reference):
        return reference
    problem = email_problem(option, reference)
    if problem:
        raise ReferenceNotFoundError("%s; give the user's id or e-mail address." % problem)
    user = find_user(client, reference)
    if user is None:
        raise no_user(reference, option)
    return user["id"]


def user_read(reference, call, option="user"):
    """call(), a read under a user's path; its 404 means the user is missing."""
    try:
        return call()
    except NotFoundError:
        raise no_user(reference, option)
