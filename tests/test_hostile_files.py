"""Only regular files are data: FIFOs, devices, directories and links in the data folder are
refused with a positioned message, in process and from the command line, quickly and without a
traceback. The filesystem objects are made at test time (git cannot hold most of them)."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from generator.data import reading as loading  # the file-reading step of loading
from generator.data.dataset import validate

from .conftest import ROOT, VALID

TIMEOUT = 20  # seconds; a FIFO or /dev/zero read without care would never finish

NOT_A_FILE = "not a file: only regular .yml files are data"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()  # the socket file stays behind


def _link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _directory(path: Path) -> None:
    path.mkdir()


def _link_to_directory(path: Path) -> None:
    (path.parent / "elsewhere").mkdir()
    path.symlink_to(path.parent / "elsewhere")


def _dangling_link(path: Path) -> None:
    path.symlink_to(path.parent / "gone.yml")


def _link_to_valid_file(path: Path) -> None:
    # refused too: links are refused whatever they point at (see reading.py)
    shutil.copy(VALID / "ca.yml", path.parent / "real.txt")
    path.symlink_to(path.parent / "real.txt")


HOSTILE = {
    "fifo": (_fifo, f"is a named pipe (FIFO), {NOT_A_FILE}; rename or remove it"),
    "socket": (_socket, f"is a socket, {NOT_A_FILE}; rename or remove it"),
    "link-to-dev-zero": (_link_to_dev_zero, f"is a symbolic link to /dev/zero, {NOT_A_FILE}; "
                         "replace the link with the file itself, or remove it"),
    "directory": (_directory, f"is a directory, {NOT_A_FILE}; rename or remove it"),
    "link-to-directory": (_link_to_directory, "is a symbolic link to {dir}/elsewhere, " + NOT_A_FILE),
    "dangling-link": (_dangling_link, "is a symbolic link to {dir}/gone.yml, which does not exist, " + NOT_A_FILE),
    "link-to-valid-file": (_link_to_valid_file, "is a symbolic link to {dir}/real.txt, " + NOT_A_FILE),
}


def in_time(function, *args):
    """Run ``function`` in a thread and fail (rather than hang the suite) if it takes too long."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(function(*args)), daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.is_alive(), f"{function.__name__} did not finish within {TIMEOUT} s"
    return result[0]


def run_cli(*args, prefix=()):
    return subprocess.run([*prefix, sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=TIMEOUT)


def assert_refused(folder: Path, message: str) -> None:
    target = folder / "pe.yml"
    dataset, problems = in_time(validate, [folder])
    assert len(problems) == 1 and problems[0].text().startswith(f"{target}:1:1: {message}"), problems
    assert dataset.jurisdictions == {}
    result = run_cli("-m", "generator", "validate", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{target}:1:1: {message}"), result.stdout


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_only_regular_files_are_data(tmp_path, kind):
    make, message = HOSTILE[kind]
    make(tmp_path / "pe.yml")
    assert_refused(tmp_path, message.format(dir=tmp_path))


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero", "directory", "dangling-link"])
def test_a_hostile_file_named_on_the_command_line_is_refused_too(tmp_path, kind):
    make, message = HOSTILE[kind]
    make(tmp_path / "pe.yml")
    result = run_cli("-m", "generator", "validate", str(tmp_path / "pe.yml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'pe.yml'}:1:1: {message.format(dir=tmp_path)}")


def test_a_hostile_file_does_not_hide_the_valid_ones(tmp_path):
    shutil.copy(VALID / "ca.yml", tmp_path / "ca.yml")
    os.mkfifo(tmp_path / "pe.yml")
    dataset, problems = in_time(validate, [tmp_path])
    assert list(dataset.jurisdictions) == ["ca"]
    assert [d.path.name for d in problems] == ["pe.yml"]


UNREADABLE = "cannot be read (permission denied); make it readable, e.g. chmod a+r pe.yml"


def test_unreadable_file_simulated_in_process(tmp_path, monkeypatch):
    # The tests run as root, for whom chmod 000 changes nothing, so the refusal
    # is simulated: open() raises PermissionError as it would for anyone else.
    shutil.copy(VALID / "ca.yml", tmp_path / "pe.yml")
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(path).name == "pe.yml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(loading.os, "open", denied)
    _, problems = validate([tmp_path])
    assert [d.text() for d in problems] == [f"{tmp_path / 'pe.yml'}:1:1: {UNREADABLE}"]


def test_unreadable_file_simulated_from_the_command_line(tmp_path):
    # Same simulation in a real `python -m generator validate` process.
    shutil.copy(VALID / "ca.yml", tmp_path / "pe.yml")
    program = (
        "import os, runpy, sys\n"
        "real = os.open\n"
        "def denied(path, *a, **k):\n"
        "    if str(path).endswith('pe.yml'):\n"
        "        raise PermissionError(13, 'Permission denied', str(path))\n"
        "    return real(path, *a, **k)\n"
        "os.open = denied\n"
        "sys.argv = ['generator', 'validate', sys.argv[1]]\n"
        "runpy.run_module('generator', run_name='__main__')\n"
    )
    result = run_cli("-c", program, str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'pe.yml'}:1:1: {UNREADABLE}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; see the simulated tests above")
def test_unreadable_file_for_real(tmp_path):
    shutil.copy(VALID / "ca.yml", tmp_path / "pe.yml")
    (tmp_path / "pe.yml").chmod(0)
    assert_refused(tmp_path, UNREADABLE)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv")
def test_unreadable_file_for_real_as_an_unprivileged_user():
    # As root, the real thing: validate runs as `nobody`, for whom chmod 000 does refuse.
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if run_cli("-c", "import generator", prefix=nobody).returncode != 0:
        pytest.skip("the user nobody cannot read this checkout")
    folder = Path(tempfile.mkdtemp())  # not tmp_path: its parents are closed to other users
    try:
        folder.chmod(0o755)
        shutil.copy(VALID / "ca.yml", folder / "pe.yml")
        (folder / "pe.yml").chmod(0)
        result = run_cli("-m", "generator", "validate", str(folder), prefix=nobody)
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        assert result.stdout == f"{folder / 'pe.yml'}:1:1: {UNREADABLE}\n"
    finally:
        shutil.rmtree(folder)


def test_size_limit_holds_for_what_is_read_not_what_stat_says(tmp_path, monkeypatch):
    # A file can grow after fstat(), and some (/proc) report size 0: the read
    # itself is bounded, so at most MAX_BYTES + 1 bytes are ever read.
    path = tmp_path / "pe.yml"
    path.write_bytes(b"# " + b"x" * (3 * loading.MAX_BYTES) + b"\n")
    real_fstat, real_read, asked = os.fstat, os.read, []

    def small(fd):
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    def counted(fd, n):
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(loading.os, "fstat", small)
    monkeypatch.setattr(loading.os, "read", counted)
    _, problems = validate([tmp_path])
    assert [d.text() for d in problems] == [
        f"{path}:1:1: file is more than 1,048,576 bytes; the limit is 1,048,576 (1 MiB); shorten it"
    ]
    assert sum(asked) <= loading.MAX_BYTES + 1


@pytest.mark.parametrize("name", ["pe.YML", "pe.yaml", "pe.Yml", "pe.YAML"])
def test_yaml_file_with_the_wrong_extension_is_reported_not_skipped(tmp_path, name):
    shutil.copy(VALID / "ca.yml", tmp_path / name)
    _, problems = validate([tmp_path])
    assert [d.text() for d in problems] == [f"{tmp_path / name}:1:1: jurisdiction files end in .yml; rename to pe.yml"]
    result = run_cli("-m", "generator", "validate", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout == f"{tmp_path / name}:1:1: jurisdiction files end in .yml; rename to pe.yml\n"


def test_editor_lock_files_are_not_data(tmp_path):
    # emacs keeps a dangling link .#file while a buffer is modified; hidden names are not data
    shutil.copy(VALID / "ca.yml", tmp_path / "ca.yml")
    (tmp_path / ".#ca.yml").symlink_to("root@host.1234:1700000000")
    dataset, problems = validate([tmp_path])
    assert problems == [] and list(dataset.jurisdictions) == ["ca"]
