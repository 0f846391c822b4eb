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


def find_group(client, reference, groups=None, option="name"):
    """The group with this id or name, None, or AmbiguousNameError."""
    if looks_like_id(reference):
        return find_by_id(client, GROUPS, reference)
    if groups is None:
        groups = client.list(GROUPS, depth=1)
    matches = [g for g in groups if (g.get("properties") or {}).get("name") == reference]
    if len(matches) > 1:
        raise AmbiguousNameError("group", reference, [g["id"] for g in matches], option=option)
    return matches[0] if matches else None


def resolve_users(client, references, option):
    """The ids of users given by e-mail or id, with one list read; each must exist."""
    users = None if all(looks_like_id(r) for r in references) else client.list(USERS, depth=1)
    return [_required(find_user(client, r, users), option, "user", "id or e-mail", r) for r in references]


def resolve_groups(client, references, option):
    """The ids of groups given by name or id, with one list read; each must exist, once."""
    groups = None if all(looks_like_id(r) for r in references) else client.list(GROUPS, depth=1)
    return [_required(find_group(client, r, groups, option), option, "group", "id or name", r) for r in references]


def _required(found, option, label, key, reference):
    if found is None:
        raise ReferenceNotFoundError("%s: no %s with %s %r exists." % (option, label, key, reference))
    return found["id"]


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
    writes = []
    for group_id, user_id in adds:
        # Not retried after a 5xx: adding a member twice is a 422.
        writes.append(client.post(element_path(GROUPS, group_id) + "/users", {"id": user_id}))
    for group_id, user_id in removes:
        writes.append(client.delete(element_path(element_path(GROUPS, group_id) + "/users", user_id)))
    return writes


def _unique(values):
    seen = set()
    return [value for value in values if not (value in seen or seen.add(value))]


# -- added for ionos_user / ionos_user_info ------------------------------------------------

# A user list read at this depth carries each user's groups with their names
# (entities.groups.items at depth 0); one user read at USER_DEPTH does the same.
USERS_DEPTH = 3
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
