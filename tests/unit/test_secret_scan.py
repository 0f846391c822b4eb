"""The leak scan of `make test-integration` (tests/run_integration.py --scan-secrets)
finds a secret wherever it is, names the file and line, and never prints the secret."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from run_integration import scan_secrets  # noqa: E402


def test_a_secret_anywhere_under_the_roots_is_found_with_its_line(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "log.txt").write_text("line one\nthe key is S3CRET-key-123 here\n")
    (tmp_path / "clean.json").write_text('{"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}')
    searched, found = scan_secrets(["S3CRET-key-123", "never-there-456"], [str(tmp_path)])
    assert searched == 2
    assert found == [(str(tmp_path / "a" / "log.txt"), 2, "S3******")]


def test_nothing_found_in_clean_files(tmp_path):
    log = tmp_path / "x.log"
    log.write_text("all masked: ********\n")
    assert scan_secrets(["p4ssw0rd-long"], [str(log)]) == (1, [])
