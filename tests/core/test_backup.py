"""``masthead backup`` and ``masthead restore``: nothing lost, nothing overwritten, damage named."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from masthead.core.backup.jobs import Interrupted, make_backup
from tests.core.backup_site import (
    empty_target,
    fill_site,
    masthead,
    media_bytes,
    model_rows,
    restored_alias,
)

pytestmark = pytest.mark.django_db(transaction=True)


def backup(folder: Path) -> dict[str, Any]:
    """Run ``masthead backup`` in this process (it sees the test's database) and parse --json."""
    out = io.StringIO()
    call_command("backup", str(folder), "--json", stdout=out)
    return dict(json.loads(out.getvalue()))


@pytest.mark.slow
def test_a_restored_backup_has_every_row_and_file_of_the_site(tmp_path: Path, settings: Any):
    """Round trip on the suite's engine: every model's rows and every media file come back."""
    fill_site()
    made = backup(tmp_path / "backups")
    before, files = model_rows(), media_bytes(Path(settings.MEDIA_ROOT))
    assert made["engine"] == connection.vendor
    assert before["articles.Revision"]
    assert before["api.ApiToken"]
    assert len(files) > 2
    with empty_target(tmp_path) as env:
        run = masthead("restore", str(tmp_path / "backups"), "--json", env=env)
        assert run.returncode == 0, run.stderr
        result = json.loads(run.stdout)
        with restored_alias(env) as alias:
            after = model_rows(alias)
    assert result["verified"] is True
    assert result["rows"] == made["rows"]
    assert after == before
    assert media_bytes(Path(env["MASTHEAD_DATA"]) / "media") == files


def test_restore_refuses_a_backup_with_a_newer_schema_and_names_the_migration(tmp_path: Path):
    made = Path(backup(tmp_path / "backups")["backup"])
    manifest = json.loads((made / "manifest.json").read_text())
    manifest["schema"]["articles"] = "9999_from_the_future"
    (made / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"newer Masthead.*articles\.9999_from_the_future"):
        call_command("restore", str(made))


def test_restore_refuses_a_database_that_has_tables(tmp_path: Path, settings: Any):
    made = backup(tmp_path / "backups")["backup"]
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    with pytest.raises(CommandError, match=r"already has \d+ tables.*never overwrites"):
        call_command("restore", made)


def test_restore_refuses_a_media_folder_that_holds_files(tmp_path: Path, settings: Any):
    made = backup(tmp_path / "backups")["backup"]
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "kept.jpg").write_bytes(b"a reader's picture")
    with pytest.raises(CommandError, match=r"media folder .* is not empty"):
        call_command("restore", made)
    assert (Path(settings.MEDIA_ROOT) / "kept.jpg").read_bytes() == b"a reader's picture"


@pytest.mark.slow
def test_a_truncated_media_file_is_named_and_nothing_is_restored(tmp_path: Path):
    fill_site()
    made = Path(backup(tmp_path / "backups")["backup"])
    victim = next(p for p in sorted((made / "media").rglob("*")) if p.is_file())
    victim.write_bytes(victim.read_bytes()[:100])
    with empty_target(tmp_path) as env:
        run = masthead("restore", str(made), env=env)
        with restored_alias(env) as alias:
            tables = connections[alias].introspection.table_names()
    name = victim.relative_to(made).as_posix()
    assert run.returncode == 1
    assert f"damaged: {name} has 100 bytes" in run.stderr
    assert tables == []
    assert not (Path(env["MASTHEAD_DATA"]) / "media").exists()


def test_a_backup_made_with_keep_deletes_all_but_the_newest(tmp_path: Path):
    root = tmp_path / "backups"
    first, second = backup(root), backup(root)
    third = backup_with_keep(root, 2)
    names = sorted(p.name for p in root.iterdir() if not p.name.startswith("."))
    assert names == sorted(Path(r["backup"]).name for r in (second, third))
    assert third["pruned"] == [Path(first["backup"]).name]


def backup_with_keep(root: Path, keep: int) -> dict[str, Any]:
    out = io.StringIO()
    call_command("backup", str(root), "--keep", str(keep), "--json", stdout=out)
    return dict(json.loads(out.getvalue()))


def test_a_backup_says_what_it_kept_and_where(tmp_path: Path):
    fill_site()
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    made = next(p for p in (tmp_path / "backups").iterdir() if not p.name.startswith("."))
    manifest = json.loads((made / "manifest.json").read_text())
    rows = sum(table["rows"] for table in manifest["tables"].values())
    assert f"Backed up {rows:,} rows in {len(manifest['tables'])} tables" in out.getvalue()
    assert f"and {len(manifest['media'])} media files" in out.getvalue()
    assert str(made) in out.getvalue()
    assert manifest["tables"]["articles_article"]["rows"] == 10


def test_an_interrupted_backup_leaves_nothing_that_looks_like_a_backup(tmp_path: Path):
    root = tmp_path / "backups"
    with pytest.raises(Interrupted, match="unfinished backup was deleted"):
        make_backup(root=root, steps=Silent(), stop_requested=lambda: True)
    assert [p.name for p in root.iterdir()] == [".lock"]


class Silent:
    """Steps that show nothing."""

    def begin(self, label: str, total: int) -> None:
        pass

    def advance(self) -> None:
        pass
