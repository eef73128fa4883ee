"""Media files are stored whole or not at all (core/storage.py)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

from masthead.core.storage import PARTIAL_PREFIX, WholeFileStorage


class BreaksOff(File):
    """An upload whose second piece never comes: the disk filled, or the client left."""

    def __init__(self, error: OSError) -> None:
        super().__init__(None, name="photo.jpg")
        self.error = error

    def chunks(self, chunk_size: int | None = None):
        yield b"\xff\xd8" + b"x" * 64 * 1024
        raise self.error


def every_file(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_file_is_stored_under_its_name_with_nothing_else_beside_it(tmp_path: Path):
    storage = WholeFileStorage(location=tmp_path)
    name = storage.save("images/photo.jpg", ContentFile(b"picture"))
    assert name == "images/photo.jpg"
    assert (tmp_path / name).read_bytes() == b"picture"
    assert every_file(tmp_path) == ["images/photo.jpg"]


def test_a_taken_name_gets_a_new_one_and_the_old_file_is_kept(tmp_path: Path):
    storage = WholeFileStorage(location=tmp_path)
    first = storage.save("photo.jpg", ContentFile(b"first"))
    second = storage.save("photo.jpg", ContentFile(b"second"))
    assert first != second
    assert (tmp_path / first).read_bytes() == b"first"
    assert (tmp_path / second).read_bytes() == b"second"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_write_that_fails_halfway_leaves_no_file_at_all(tmp_path: Path, code: int):
    storage = WholeFileStorage(location=tmp_path)
    with pytest.raises(OSError, match="No") as raised:
        storage.save("images/photo.jpg", BreaksOff(OSError(code, "No room")))
    assert raised.value.errno == code
    assert every_file(tmp_path) == []
    assert not any(p.name.startswith(PARTIAL_PREFIX) for p in tmp_path.rglob("*"))


def test_files_get_the_usual_permissions(tmp_path: Path):
    storage = WholeFileStorage(location=tmp_path, file_permissions_mode=0o640)
    name = storage.save("photo.jpg", ContentFile(b"picture"))
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    "name", ["images/2026/03/a b.jpg", "images/ünïcode/ü.png", "/lead.jpg", "x?y#z.webp"]
)
@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example.org/m/"])
def test_urls_are_djangos(tmp_path: Path, name: str, base_url: str):
    ours = WholeFileStorage(location=tmp_path, base_url=base_url)
    django_s = FileSystemStorage(location=tmp_path, base_url=base_url)
    assert ours.url(name) == ours.url(name) == django_s.url(name)


def test_a_new_base_url_gives_new_urls(tmp_path: Path):
    name = "images/photo.jpg"
    assert WholeFileStorage(location=tmp_path, base_url="/media/").url(name) == (
        "/media/images/photo.jpg"
    )
    assert WholeFileStorage(location=tmp_path, base_url="/files/").url(name) == (
        "/files/images/photo.jpg"
    )
    assert WholeFileStorage(location=tmp_path).url(None) == FileSystemStorage().url(None)
