"""Fixtures for the import tests: write an export file and run the command on it."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture
def run_import(tmp_path: Path) -> Any:
    """Write ``data`` to a file, import it with ``--json``, return the parsed summary."""

    def run(data: bytes, *args: str) -> dict[str, Any]:
        path = tmp_path / "export.xml"
        path.write_bytes(data)
        out = StringIO()
        call_command("import", "wordpress", str(path), "--json", *args, stdout=out,
                     stderr=StringIO())  # fmt: skip
        return json.loads(out.getvalue())

    return run
