"""AWX / Automation Controller (docs/awx.md): the execution environment and the credential type.

- ansible-builder finds the collection's meta/execution-environment.yml in an installed copy
  and asks for requests, the one library plugins/ imports;
- `ansible-builder create` on docs/awx/execution-environment.yml writes a build context that
  installs the collection, and the build's own galaxy and introspection steps, run here
  without a container engine, end in requests being installed;
- docs/awx/credential_type.yml's injectors, rendered the way AWX renders them, drive the demo
  through ansible-runner (the engine of AWX jobs) and an inventory update; nothing the runner
  keeps holds a secret.
"""

import ast
import glob
import os
import re
import shutil
import subprocess
import sys
import time

import ansible_runner
import pytest
import requests
import yaml
from awx_update import inventory_update
from conftest import COLLECTIONS, REPO
from ionos_emulator.serve import Embedded
from ionos_emulator.settings import Settings
from jinja2.sandbox import ImmutableSandboxedEnvironment

BIN = os.path.dirname(sys.executable)
EE_DEFINITION = os.path.join(REPO, "docs", "awx", "execution-environment.yml")
CREDENTIAL_TYPE = os.path.join(REPO, "docs", "awx", "credential_type.yml")
# Top-level imports of plugins/ that are neither the standard library nor Ansible; urllib3
# is requests' own dependency (the client catches its connection errors).
EXPECTED_IMPORTS = {"requests", "urllib3"}


def run(command, cwd=None):
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, "%s failed:\n%s\n%s" % (command, proc.stdout[-3000:], proc.stderr[-3000:])
    return proc.stdout


def requirement_lines(path):
    with open(path) as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def pinned(name):
    """The version requirements-dev.txt pins for ``name``."""
    for line in requirement_lines(os.path.join(REPO, "requirements-dev.txt")):
        if line.lower().startswith(name + "=="):
            return line.split("==")[1]
    raise AssertionError("%s is not pinned in requirements-dev.txt" % name)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The collection as ansible-galaxy builds it, and that tarball installed: (tarball, collections path)."""
    tmp = str(tmp_path_factory.mktemp("awx"))
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", tmp, REPO])
    [tarball] = glob.glob(os.path.join(tmp, "ionos-enterprise-*.tar.gz"))
    collections = os.path.join(tmp, "collections")
    # --force: under pytest the repository is importable as ionos.enterprise (conftest's
    # symlink on PYTHONPATH) and ansible-galaxy would call it installed already.
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "--force", "-p", collections, tarball])
    return tarball, collections


def introspect(script, collections, tmp_path):
    """Run ansible-builder's introspection over ``collections``; the pip and bindep files it writes."""
    pip, bindep = str(tmp_path / "requirements.txt"), str(tmp_path / "bindep.txt")
    run(script + ["introspect", collections, "--write-pip", pip, "--write-bindep", bindep])
    return (requirement_lines(pip) if os.path.exists(pip) else []), (requirement_lines(bindep) if os.path.exists(bindep) else [])


def test_the_requirements_name_every_library_the_plugins_import():
    imported = set()
    for path in glob.glob(os.path.join(REPO, "plugins", "**", "*.py"), recursive=True):
        with open(path) as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"ansible", "ansible_collections", "__future__"}
    assert third_party == EXPECTED_IMPORTS
    assert requirement_lines(os.path.join(REPO, "requirements.txt")) == ["requests"]


def test_ansible_builder_finds_the_dependencies_of_the_installed_collection(built, tmp_path):
    unused_tarball, collections = built
    installed = os.path.join(collections, "ansible_collections", "ionos", "enterprise")
    assert os.path.isfile(os.path.join(installed, "meta", "execution-environment.yml"))
    python, system = introspect([os.path.join(BIN, "ansible-builder")], collections, tmp_path)
    assert python == ["requests  # from collection ionos.enterprise"]
    assert system == []


def test_the_example_execution_environment_builds_a_context_that_installs_the_collection(built, tmp_path):
    tarball, unused_collections = built
    # The layout docs/awx.md tells users to make: the definition with the built tarball beside it.
    shutil.copy(EE_DEFINITION, tmp_path)
    shutil.copy(tarball, tmp_path)
    context = tmp_path / "context"
    run([os.path.join(BIN, "ansible-builder"), "create", "-f", "execution-environment.yml", "-c", str(context),
         "--output-filename", "Containerfile"], cwd=str(tmp_path))
    containerfile = (context / "Containerfile").read_text()
    assert 'ARG ANSIBLE_INSTALL_REFS="ansible-core==%s ansible-runner==%s"' % (
        pinned("ansible-core"), pinned("ansible-runner")) in containerfile
    assert "ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml" in containerfile
    # The Containerfile's galaxy stage, here: in _build (its WORKDIR /build), install what
    # requirements.yml names. A tarball name that is not galaxy.yml's version fails here.
    build = context / "_build"
    assert (build / "collections" / os.path.basename(tarball)).is_file()
    image_collections = str(tmp_path / "usr-share-ansible-collections")
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "--force", "-r", "requirements.yml",
         "--collections-path", image_collections], cwd=str(build))
    assert os.path.isfile(os.path.join(image_collections, "ansible_collections", "ionos", "enterprise", "MANIFEST.json"))
    # The builder stage's introspection, with the script the context carries.
    python, system = introspect([sys.executable, str(build / "scripts" / "introspect.py")], image_collections, tmp_path)
    assert python == ["requests  # from collection ionos.enterprise"]
    assert system == []


def awx_environment(fields):
    """The environment AWX gives a job or inventory update with a credential of our type.

    As AWX's CredentialType.inject_credential does: each injector is rendered in Jinja's
    immutable sandbox with the credential's non-empty fields; a field not set renders as "".
    """
    with open(CREDENTIAL_TYPE) as handle:
        credential_type = yaml.safe_load(handle)
    known = set(field["id"] for field in credential_type["inputs"]["fields"])
    assert set(fields) <= known, "not an input of the credential type: %s" % (set(fields) - known)
    namespace = dict((name, value) for name, value in fields.items() if value)
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in credential_type["injectors"]["env"].items())


def artifact_files(private_data_dir):
    for folder, unused_dirs, files in os.walk(os.path.join(private_data_dir, "artifacts")):
        for name in files:
            yield os.path.join(folder, name)


def assert_no_secret_kept(private_data_dir, secrets):
    """No secret in anything ansible-runner wrote: job events, stdout, the inventory output.

    The one exception is runner's own record of how it was started, artifacts/<ident>/command
    (command line, working directory and the whole environment, the IONOS_* variables
    included), written only for the owner (0600), like the env/ files runner is told here not
    to write (suppress_env_files, as AWX does). AWX keeps that directory only inside the job's
    private data dir, which it deletes after the job, and never shows it to users.
    """
    assert not os.path.exists(os.path.join(private_data_dir, "env", "envvars"))
    scanned = 0
    for path in artifact_files(private_data_dir):
        if os.path.basename(path) == "command":
            assert oct(os.stat(path).st_mode & 0o777) == "0o600", path
            continue
        with open(path, "rb") as handle:
            content = handle.read()
        for secret in secrets:
            assert secret.encode() not in content, "a secret is in %s" % os.path.relpath(path, private_data_dir)
        scanned += 1
    assert scanned > 10, "too few artifacts to mean anything: %d" % scanned


@pytest.fixture
def awx_job(tmp_path):
    """A fresh emulator and an AWX-like private data dir with the project copied into project/."""
    emulator = Embedded(Settings(host="127.0.0.1", port=0))
    private_data_dir = tmp_path / "private_data_dir"
    for folder in ("playbooks", "roles", "inventory"):
        shutil.copytree(os.path.join(REPO, folder), str(private_data_dir / "project" / folder))
    yield emulator, str(private_data_dir)
    emulator.stop()
    # As AWX does after a job: runner's command files hold the credential's environment.
    shutil.rmtree(str(private_data_dir))


def runner_env(credential_env):
    # The execution environment's part: where ansible-playbook, the collection and Python are.
    env = dict(credential_env, PATH=BIN + os.pathsep + os.environ.get("PATH", os.defpath),
               ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false", ANSIBLE_NOCOLOR="1")
    return env


def launch(private_data_dir, env, ident):
    return ansible_runner.run(private_data_dir=private_data_dir, playbook="playbooks/demo.yml", ident=ident,
                              envvars=env, suppress_env_files=True, quiet=True)


def test_the_demo_runs_as_an_awx_job_with_the_documented_credential_type(awx_job):
    emulator, private_data_dir = awx_job
    # A credential with API URL, user and password; token and contract number left empty,
    # as most users leave them (AWX then injects "" for both).
    env = runner_env(awx_environment({"api_url": emulator.url, "username": emulator.settings.username,
                                      "password": emulator.settings.password}))
    assert env["IONOS_TOKEN"] == "" and env["IONOS_CONTRACT_NUMBER"] == ""

    changed = []
    for ident in ("job-1", "job-2"):
        started = time.monotonic()
        result = launch(private_data_dir, env, ident)
        assert (result.status, result.rc) == ("successful", 0), result.stdout.read()[-3000:]
        changed.append(sum(result.stats["changed"].values()))
        print("%s: %.1f s, changed %d" % (ident, time.monotonic() - started, changed[-1]))
    assert changed[0] > 0 and changed[1] == 0, changed
    with open(os.path.join(private_data_dir, "artifacts", "job-2", "stdout")) as handle:
        assert "Datacenter Python SDK Data Center in us/las" in handle.read()

    # The inventory update: AWX runs ansible-inventory on the project's source file and
    # reads the JSON it writes; an unparsed source fails the update.
    assert sorted(inventory_update(private_data_dir, env)["_meta"]["hostvars"]) == ["Python SDK Server"]

    secrets = requests.get(emulator.root + "/_emulator/secrets", timeout=10).json()["secrets"]
    assert emulator.settings.password in secrets and len(secrets) > 1  # the image password too
    assert_no_secret_kept(private_data_dir, secrets)


def test_a_wrong_password_fails_the_job_with_the_apis_answer_and_no_secret(awx_job):
    emulator, private_data_dir = awx_job
    wrong = "not-the-password-" + emulator.settings.password[::-1]
    env = runner_env(awx_environment({"api_url": emulator.url, "username": emulator.settings.username,
                                      "password": wrong}))
    result = launch(private_data_dir, env, "job-1")
    assert (result.status, result.rc) == ("failed", 2)
    stdout = result.stdout.read()
    assert re.search(r"failed with HTTP 401", stdout), stdout[-3000:]
    assert_no_secret_kept(private_data_dir, [wrong, emulator.settings.password])
