"""Every module is wired in where it must be: the action group (so that module_defaults
reaches it) and an integration target of its own."""

import os

import pytest
import yaml
from conftest import REPO

MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "modules"))
                 if name.startswith("ionos_") and name.endswith(".py"))


def test_every_module_is_in_the_action_group():
    with open(os.path.join(REPO, "meta", "runtime.yml"), encoding="utf-8") as handle:
        group = yaml.safe_load(handle)["action_groups"]["ionos"]
    assert sorted(group) == MODULES


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_an_integration_target(module):
    assert os.path.isfile(os.path.join(REPO, "tests", "integration", "targets", module, "tasks", "main.yml"))
