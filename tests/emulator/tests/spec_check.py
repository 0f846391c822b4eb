"""Checks answers against the schemas of the official spec.

OpenAPI 3.0 schemas become JSON Schema with four deliberate changes, each
from ``cloudapi-v5-wire.md`` or the SDKs:

1. A property that a schema does not list as required may be ``null``: the
   real API answers unset properties as null (``vmState: null`` after a create,
   ``bootCdrom: null``), though the spec rarely says ``nullable``.
2. The ``type`` of elements is declared ``type: object`` with ``allOf`` the
   string enum ``Type`` (a generator artefact: the value is a string on the
   wire and in every SDK); the string enum wins.
3. Where the spec expects an element (a schema that requires
   ``properties``), a reference ``{id, type, href}`` is accepted: it is what
   the depth rule puts into collections read at depth 0 and into entities at
   depth 1 (wire reference, "How depth expands"), which the spec does not model.
4. ``POST /um/users/{userId}/s3keys`` answers 201 (what the hand-written Go
   SDK expects from the live API); it is checked against the spec's 200.
5. A server's ``bootVolume`` may be a whole volume element less some
   properties: what a read at depth >= 1 gives (wire reference section 7b,
   from the jclouds and libcloud captures), where the spec has a reference.

In the other direction the check is stricter than the spec: an object may
not carry properties the spec does not name, so a misspelt or invented
attribute fails.
"""

import json
import os

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_FILE = os.path.join(os.path.dirname(__file__), "..", "spec", "cloudapi-v5-openapi.yaml")
SKIP = {"nullable", "readOnly", "writeOnly", "example", "discriminator", "xml", "externalDocs", "deprecated", "format"}
STATUS_ALIASES = {("POST", "/um/users/{userId}/s3keys", 201): "200"}
BASE = "urn:cloudapi-v5"
REFERENCE = {
    "type": "object", "required": ["id", "type", "href"], "additionalProperties": False,
    "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "href": {"type": "string"}},
}


def load_spec():
    with open(SPEC_FILE, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def convert(schema):
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return {"$ref": BASE + schema["$ref"]}
    out = {}
    required = set(schema.get("required", ()))
    for key, value in schema.items():
        if key in SKIP:
            continue
        if key == "properties":
            out[key] = {
                name: (convert(sub) if name in required else {"anyOf": [convert(sub), {"type": "null"}]})
                for name, sub in value.items()
            }
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            out[key] = convert(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [convert(s) for s in value]
        else:
            out[key] = value
    if "allOf" in schema and schema.get("type") == "object" and "properties" not in schema:
        out.pop("type")
    if "properties" in schema and "additionalProperties" not in schema:
        out["additionalProperties"] = False
    if schema.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    if "properties" in required and {"id", "type", "href"} <= set(schema.get("properties", {})):
        out = {"anyOf": [out, REFERENCE]}
    return out


class SpecChecker:
    def __init__(self, spec=None):
        self.spec = spec or load_spec()
        schemas = {n: convert(s) for n, s in self.spec["components"]["schemas"].items()}
        boot = schemas["ServerProperties"]["properties"]["bootVolume"]
        schemas["ServerProperties"]["properties"]["bootVolume"] = {"anyOf": [boot, {"$ref": BASE + "#/components/schemas/Volume"}]}
        document = {"components": {"schemas": schemas}}
        self.registry = Registry().with_resource(BASE, DRAFT202012.create_resource(document))
        self.error_schema = {"$ref": BASE + "#/components/schemas/Error"}
        self._validators = {}

    def operations(self):
        out = set()
        for path, ops in self.spec["paths"].items():
            for method in ops:
                if method in ("get", "post", "put", "patch", "delete"):
                    out.add((method.upper(), path))
        return out

    def schema_for(self, method, path, status):
        op = self.spec["paths"].get(path, {}).get(method.lower())
        if op is None:
            return None, f"{method} {path} is not an operation of the spec"
        if status == 304 and method == "GET":
            return {}, None  # Not Modified after If-None-Match (wire reference, status codes)
        code = STATUS_ALIASES.get((method, path, status), str(status))
        response = op["responses"].get(code)
        if response is None:
            if status >= 400:
                return self.error_schema, None
            return None, f"{method} {path} answered {status}, which the spec does not list ({', '.join(op['responses'])})"
        content = (response.get("content") or {}).get("application/json") or (response.get("content") or {}).get("*/*")
        if not content or "schema" not in content:
            return {}, None
        return convert(content["schema"]), None

    def check(self, method, path, status, body):
        """Problems with one answer, as a list of strings (empty when fine)."""
        schema, problem = self.schema_for(method, path, status)
        if problem:
            return [problem]
        if not body:
            return []
        try:
            data = json.loads(body)
        except ValueError:
            return [f"{method} {path} answered {status} with a body that is not JSON"]
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            validator = self._validators[key] = Draft202012Validator(schema, registry=self.registry)
        return [f"{method} {path} {status}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in list(validator.iter_errors(data))[:5]]
