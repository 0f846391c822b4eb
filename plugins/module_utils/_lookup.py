# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: finding a resource by id or by name.

IONOS names are not unique, so a name that matches two resources is an error listing
their ids; a module never acts on an arbitrary one of them.

A DELETE takes effect when its request is DONE; until then the resource is still read and
listed, BUSY (wire reference section 7b). Deletions tells such a resource apart, so that a
module does not delete it twice, update it, or take its name for a live one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from urllib.parse import quote, urlparse

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    AmbiguousNameError,
    ReferenceNotFoundError,
)

# Location ids are region/city (de/fra, us/las); \Z, not $, which would accept a trailing newline.
LOCATION = re.compile(r"^[a-z]+/[a-z]+\Z")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def looks_like_id(value):
    return bool(UUID.match(str(value)))


def element_path(collection_path, resource_id):
    """The URL path of one element; the id is quoted, so it can never climb the path."""
    return "%s/%s" % (collection_path, quote(str(resource_id), safe=""))


def named(noun, resource):
    """How a message names a resource: by name and id ("volume 'data' (56e5...)"), by id alone
    when it has no name."""
    resource = resource or {}
    name = (resource.get("properties") or {}).get("name")
    if name:
        return "%s %r (%s)" % (noun, name, resource.get("id"))
    return "%s %s" % (noun, resource.get("id"))


def nics_by_id(servers):
    """{NIC id: (server, NIC)} for servers listed with their NICs (a server collection read at
    depth 3, so each NIC has its name): what names a NIC known only by its id."""
    return dict((nic["id"], (server, nic)) for server in servers
                for nic in ((server.get("entities") or {}).get("nics") or {}).get("items") or ())


def find_by_id(client, collection_path, resource_id, depth=0):
    """The resource, or None when the id does not exist."""
    return client.get_or_none(element_path(collection_path, resource_id), depth=depth)


class Deletions:
    """The deletions under way that a task came across: a resource being deleted is not
    there any more for the task that manages it.

    Only a BUSY resource is asked about: one read of the request list per collection, once
    per task, however many of its resources are BUSY. Parents a task only refers to are not
    asked about: a task does not pay a read for each busy datacenter it names.
    """

    PENDING = ("QUEUED", "RUNNING")

    def __init__(self, client):
        self.client = client
        self.collections = {}  # collection path -> {element path: id of the request deleting it}
        self.found = {}  # resource id -> id of the request deleting it, for the resources asked about

    def request_deleting(self, resource, always=False):
        """The id of the QUEUED or RUNNING request that deletes ``resource``, or None.

        ``always`` asks about a resource whatever its state: groups, users, S3 keys and
        shares have none, so only the request list can tell."""
        state = (resource.get("metadata") or {}).get("state")
        if not resource.get("href") or not (always or state == "BUSY"):
            return None
        path = urlparse(resource["href"]).path.rstrip("/")
        collection = path.rsplit("/", 1)[0]
        if collection not in self.collections:
            self.collections[collection] = self._ask(collection)
        request = self.collections[collection].get(path)
        if request:
            self.found[resource["id"]] = request
        return request

    def _ask(self, collection):
        # filter.url keeps the requests whose URL contains the path (so deeper ones too) and
        # needs depth > 0; depth 2 brings each request's status. One page: the list is
        # newest first, and a request under way is among the newest.
        page = self.client.get("/requests", depth=2, params={"filter.method": "DELETE", "filter.url": collection})
        deleting = {}
        for request in page.get("items") or ():
            url = (request.get("properties") or {}).get("url") or ""
            status = (((request.get("metadata") or {}).get("requestStatus") or {}).get("metadata") or {}).get("status")
            if status in self.PENDING:
                deleting.setdefault(urlparse(url).path.rstrip("/"), request["id"])
        return deleting

    def live(self, resources):
        """The resources whose deletion is not under way."""
        return [resource for resource in resources if not self.request_deleting(resource)]

    def pending(self):
        """The ids of the deletions under way found instead of a resource."""
        return sorted(set(self.found.values()))


def find_by_name(client, collection_path, name, label, option="name", items=None, prop="name", deletions=None):
    """The one resource of the collection whose property ``prop`` is ``name``, None, or
    AmbiguousNameError. With ``deletions``, a resource being deleted does not match.

    The collection is read at depth 1, so its items carry their properties: one call.
    """
    if items is None:
        items = client.list(collection_path, depth=1)
    matches = [item for item in items if (item.get("properties") or {}).get(prop) == name]
    if deletions is not None:
        matches = deletions.live(matches)
    if len(matches) > 1:
        raise AmbiguousNameError(label, name, [item["id"] for item in matches], option=option)
    return matches[0] if matches else None


def find(client, collection_path, label, resource_id=None, name=None, depth=0, option="name", prop="name",
         deletions=None):
    """By id when one is given, else by name (or another identifying property)."""
    if resource_id:
        return find_by_id(client, collection_path, resource_id, depth=depth)
    if name:
        return find_by_name(client, collection_path, name, label, option=option, prop=prop, deletions=deletions)
    return None


def resolve(client, collection_path, reference, label, option, is_id=looks_like_id):
    """A resource another option refers to by id or name; it must exist."""
    if is_id(reference):
        found = find_by_id(client, collection_path, reference)
    else:
        found = find_by_name(client, collection_path, reference, label, option=option)
    if found is None:
        raise ReferenceNotFoundError(
            "%s: no %s with id or name %r exists." % (option, label, reference),
            reference=None if is_id(reference) else reference)
    return found


def resolve_datacenter(client, reference, option="datacenter"):
    """The datacenter an option names by id or name."""
    return resolve(client, "/datacenters", reference, "datacenter", option)


def resolve_server(client, datacenter_id, reference, option="server"):
    """A server of the datacenter, by id or name."""
    return resolve(client, "/datacenters/%s/servers" % datacenter_id, reference, "server", option)


def resolve_lan(client, datacenter_id, reference, option="lan"):
    """A LAN of the datacenter, by its numeric id ("1") or by name."""
    return resolve(client, "/datacenters/%s/lans" % datacenter_id, reference, "LAN", option,
                   is_id=lambda value: str(value).isdigit())


def location_format_problem(location, option="location"):
    """Why ``location`` cannot be a location id, said without a call; None when it can be."""
    if location is not None and not LOCATION.match(location):
        return "%s must look like region/city, for example de/fra; got %r" % (option, location)
    return None


def check_location(client, location, option="location"):
    """Refuse a location the API does not have, naming the ones it has, before a create sends
    it: one read of /locations (depth 0 lists their ids). An API that lists no location at all
    refuses nothing here; the create then says what the API says."""
    locations = sorted(item["id"] for item in client.list("/locations"))
    if locations and location not in locations:
        raise ReferenceNotFoundError("%s: %r is not a location; the API has %s."
                                     % (option, location, ", ".join(locations)))


def resolve_nic(client, datacenter_id, server_reference, nic_reference, option="nic"):
    """A NIC, by id or by name within a server given by id or name."""
    server = resolve_server(client, datacenter_id, server_reference, option="%s.server" % option)
    return resolve(client, "/datacenters/%s/servers/%s/nics" % (datacenter_id, server["id"]),
                   nic_reference, "NIC", option)


def read_items(client, collection_path, resource_id=None, depth=0):
    """What an _info module starts from: the one element with this id ([] when there is
    none), else every item of the collection, each at ``depth`` (the collection is read
    one level deeper, which returns its items at the asked depth)."""
    if resource_id:
        found = find_by_id(client, collection_path, resource_id, depth=depth)
        return [found] if found else []
    return client.list(collection_path, depth=depth + 1)
