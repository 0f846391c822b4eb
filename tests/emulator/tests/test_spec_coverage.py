"""The emulator serves exactly the operations of the official spec."""

from ionos_emulator.api import ROUTES


def test_every_spec_operation_is_served_and_nothing_else(checker):
    served = {(method, path) for method, path, handler, write in ROUTES}
    spec = checker.operations()
    assert sorted(spec - served) == []
    assert sorted(served - spec) == []
    assert len(served) == len(ROUTES) == 174


def test_every_served_operation_answers_something_other_than_405(api):
    """A GET on each served path template (with dummy ids) must reach a
    handler: 200, 404 or 422, never 405 or a crash."""
    for method, path, handler, write in ROUTES:
        if method != "GET":
            continue
        url = path.replace("{regionId}", "de").replace("{locationId}", "fra").replace("{clusterVersion}", "1.18.9")
        while "{" in url:
            start = url.index("{")
            url = url[:start] + "00000000-0000-0000-0000-000000000000" + url[url.index("}") + 1:]
        response = api.call("GET", url)
        assert response.status_code in (200, 404), f"GET {path}: {response.status_code} {response.text[:200]}"
