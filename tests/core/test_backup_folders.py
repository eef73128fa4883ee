"""The backup folder: unfinished backups never pass for complete ones; pruning; one at a time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from masthead.core.backup import folders, manifest, postgres
from masthead.core.backup.manifest import NAME, BackupError

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def finished(root: Path, hour: int) -> Path:
    """A complete backup made at ``hour`` o'clock (the manifest is what completes it)."""
    folder = folders.new_partial(root, NOON.replace(hour=hour))
    (folder / NAME).write_text("{}")
    return folders.complete(folder)


def test_an_unfinished_backup_is_neither_listed_nor_restorable(tmp_path: Path):
    done = finished(tmp_path, 9)
    unfinished = folders.new_partial(tmp_path, NOON)
    (unfinished / NAME).write_text("{}")  # even with its manifest written
    assert folders.backups(tmp_path) == [done]
    assert folders.find(tmp_path) == done
    with pytest.raises(BackupError, match="unfinished backup"):
        folders.find(unfinished)


def test_two_backups_in_the_same_second_get_names_in_the_order_made(tmp_path: Path):
    made = [finished(tmp_path, 9) for _ in range(3)]
    assert [p.name for p in made] == ["2026-12-07T090000Z", "2026-12-07T090000Z-2",
                                      "2026-12-07T090000Z-3"]  # fmt: skip
    assert folders.backups(tmp_path) == made


def test_pruning_keeps_the_newest_and_removes_unfinished_ones_but_nothing_else(tmp_path: Path):
    made = [finished(tmp_path, hour) for hour in (8, 9, 10, 11)]
    leftover = folders.new_partial(tmp_path, NOON)
    (tmp_path / "notes.txt").write_text("not a backup")
    (tmp_path / "2026-old-style").mkdir()
    removed = folders.prune(tmp_path, keep=2)
    assert removed == [*made[:2], leftover]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["notes.txt", "2026-old-style", made[2].name, made[3].name]
    )


def test_restoring_a_folder_without_backups_says_so(tmp_path: Path):
    with pytest.raises(BackupError, match="holds no complete backup"):
        folders.find(tmp_path)


def test_a_second_backup_into_the_same_folder_meanwhile_is_refused(tmp_path: Path):
    with (
        folders.locked(tmp_path),
        pytest.raises(BackupError, match="Another backup"),
        folders.locked(tmp_path),
    ):
        pass
    with folders.locked(tmp_path):  # free again afterwards
        pass


def test_a_missing_pg_dump_is_named_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BackupError, match=r"pg_dump was not found on PATH: install .*client"):
        postgres.program("pg_dump")


def test_an_unreadable_manifest_is_named_as_damaged(tmp_path: Path):
    (tmp_path / NAME).write_text('{"format": 1, "engine": "sqlite"')  # cut short
    with pytest.raises(BackupError, match=rf"{NAME} is damaged"):
        manifest.read(tmp_path)
    (tmp_path / NAME).write_text('{"format": 1, "engine": "sqlite"}')
    with pytest.raises(BackupError, match="lacks database, media, schema, tables"):
        manifest.read(tmp_path)
