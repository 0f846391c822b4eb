"""The connection options' environment fallbacks, as AWX's credential injection uses them:
every IONOS_* variable of the credential type is set, the fields left empty as ""."""

import json

import pytest
from ansible_collections.ionos.enterprise.plugins.modules import ionos_contract_info
from conftest import PASSWORD, USERNAME, patch_module_args


def run_with_environment_only(emulator, capsys):
    """The module with no connection option but api_url: the rest from the environment."""
    with patch_module_args({"api_url": emulator.url}):
        with pytest.raises(SystemExit):
            ionos_contract_info.main()
    return json.loads(capsys.readouterr().out)


def test_empty_variables_count_as_unset(run_module, monkeypatch):
    for name in ("IONOS_TOKEN", "IONOS_CONTRACT_NUMBER", "IONOS_API_URL"):
        monkeypatch.setenv(name, "")
    result = run_module(ionos_contract_info.main)
    assert not result.get("failed"), result
    assert result["contracts"][0]["properties"]["contractNumber"]


def test_the_contract_number_comes_from_the_environment(run_module, monkeypatch):
    number = run_module(ionos_contract_info.main)["contracts"][0]["properties"]["contractNumber"]
    monkeypatch.setenv("IONOS_CONTRACT_NUMBER", str(number))
    assert not run_module(ionos_contract_info.main).get("failed")
    monkeypatch.setenv("IONOS_CONTRACT_NUMBER", str(number + 1))
    result = run_module(ionos_contract_info.main)
    assert result["failed"] and "no contract %d" % (number + 1) in result["msg"], result


@pytest.mark.parametrize("option", ["username", "password"])
def test_credentials_come_from_the_environment_and_an_empty_one_is_missing(emulator, capsys, monkeypatch, option):
    monkeypatch.delenv("IONOS_TOKEN", raising=False)
    monkeypatch.delenv("IONOS_CONTRACT_NUMBER", raising=False)
    monkeypatch.setenv("IONOS_USERNAME", USERNAME)
    monkeypatch.setenv("IONOS_PASSWORD", PASSWORD)
    assert not run_with_environment_only(emulator, capsys).get("failed")
    monkeypatch.setenv("IONOS_" + option.upper(), "")
    result = run_with_environment_only(emulator, capsys)
    assert result["failed"] and "%s is not" % option in result["msg"], result
