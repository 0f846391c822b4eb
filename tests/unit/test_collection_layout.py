"""Every module is wired in where it must be: the action group (so that module_defaults
reaches it) and an integration target of its own."""

import ast
import fnmatch
import os
import re

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


def documented_attributes(module):
    """{'check_mode': support, 'diff_mode': support} from the module's doc fragments."""
    fragments = docstrings(os.path.join(REPO, "plugins", "doc_fragments", "ionos.py"))
    documentation = yaml.safe_load(docstrings(os.path.join(REPO, "plugins", "modules", module + ".py"))["DOCUMENTATION"])
    attributes = dict(documentation.get("attributes", {}))
    for fragment in documentation["extends_documentation_fragment"]:
        if fragment.startswith("ionos.enterprise.ionos."):
            attributes.update(yaml.safe_load(fragments[fragment.rsplit(".", 1)[1].upper()]).get("attributes", {}))
    return {name: attributes[name]["support"] for name in ("check_mode", "diff_mode")}


def docstrings(path):
    """The string constants assigned at any level of a Python file, by name."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return {node.targets[0].id: node.value.value for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}


def readme_features():
    """[(module or '', info module or '', check mode cell, diff cell)] from the README's feature table."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        section = handle.read().split("\n## Features\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] not in ("resource", "---"):
            rows.append(tuple(cells[1:5]))
    return rows


def test_the_readme_feature_table_lists_every_module_with_its_documented_check_and_diff_modes():
    # The check mode and diff cells describe the row's module, else its info module; every
    # info module is documented as check mode full, diff N/A, which the README says once.
    cell = {"full": "yes", "N/A": "n/a", "none": "no"}
    listed = []
    for module, info, check_mode, diff_mode in readme_features():
        assert not module.endswith("_info") and info.endswith(("_info", "")), (module, info)
        for name in filter(None, (module, info)):
            listed.append(name)
            attributes = documented_attributes(name)
            if name == (module or info):
                assert (check_mode, diff_mode) == (cell[attributes["check_mode"]], cell[attributes["diff_mode"]]), name
            else:
                assert (attributes["check_mode"], attributes["diff_mode"]) == ("full", "N/A"), name
    assert sorted(listed) == MODULES


def test_the_readme_speaks_to_who_installed_the_collection_before_it_speaks_to_a_clone():
    """The README is also the installed collection's (and Galaxy's) page: what comes before
    "Working on the collection" needs no clone, so no make target, emulator path or test
    directory, and every relative link in it points into what the tarball holds."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    assert "\n## Working on the collection\n" in text
    for_users = text.split("\n## Working on the collection\n")[0]
    assert "## Install" in for_users and "ansible-galaxy collection install" in for_users
    assert "requests" in for_users and "ansible-core" in for_users
    for needs_a_clone in re.findall(r"`make [a-z-]+`|tests/emulator|tests/unit|tests/integration", for_users):
        assert re.search(r"in a clone, %s" % re.escape(needs_a_clone), for_users), \
            "%s in the README's part for users" % needs_a_clone
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        ignored = yaml.safe_load(handle)["build_ignore"]
    for link in re.findall(r"\]\(([^)#:]+)\)", for_users):
        assert os.path.exists(os.path.join(REPO, link)), link
        assert not any(fnmatch.fnmatch(link, pattern) or link.startswith(pattern.rstrip("*") + "/")
                       for pattern in ignored), "%s is not in the built collection" % link
