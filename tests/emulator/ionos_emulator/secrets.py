"""Every secret the emulator has been given or has issued, for the test that scans logs
and outputs for leaks (GET /_emulator/secrets): the API credentials, passwords sent in
request bodies (users, backup units, image passwords, also nested in composite creates),
the S3 secret keys it generated and the tokens in the kubeconfigs it hands out."""

import orjson

REQUEST_KEYS = frozenset(["password", "imagePassword"])
RESPONSE_KEYS = frozenset(["secretKey"])


class SecretLog:
    def __init__(self, settings):
        self.values = {settings.password, settings.token} - {None, ""}

    def add(self, value):
        """A secret the emulator makes itself (a cluster's kubeconfig token)."""
        if value:
            self.values.add(value)

    def note_request(self, raw):
        self._note(raw, REQUEST_KEYS)

    def note_response(self, raw):
        # Cheap test first: most answers (and every large read) hold no secret key.
        if raw and b'"secretKey"' in raw:
            self._note(raw, RESPONSE_KEYS)

    def _note(self, raw, keys):
        try:
            data = orjson.loads(raw)
        except (orjson.JSONDecodeError, TypeError):
            return
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                for key, item in value.items():
                    if key in keys and isinstance(item, str) and item:
                        self.values.add(item)
                    else:
                        stack.append(item)
            elif isinstance(value, list):
                stack.extend(value)

    def snapshot(self):
        return {"secrets": sorted(self.values)}
