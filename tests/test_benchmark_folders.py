"""Benchmarks pointed at a folder never delete what they did not make (benchmarks/scratch.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

sys.path.insert(0, str(REPO))
from benchmarks.scratch import MARK, fresh_folder


def test_a_folder_holding_someone_elses_files_is_refused_and_kept(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("an editor's notes", "utf-8")
    with pytest.raises(SystemExit, match="nothing was deleted"):
        fresh_folder(work)
    assert (work / "notes.txt").read_text("utf-8") == "an editor's notes"
    with pytest.raises(SystemExit, match="not a folder"):
        fresh_folder(work / "notes.txt")


def test_a_folder_a_benchmark_made_or_an_empty_one_is_made_afresh(tmp_path: Path) -> None:
    made = fresh_folder(tmp_path / "new" / "work")
    (made / "site").mkdir()
    assert (made / MARK).is_file()
    again = fresh_folder(made)
    assert sorted(p.name for p in again.iterdir()) == [MARK]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert sorted(p.name for p in fresh_folder(empty).iterdir()) == [MARK]


@pytest.mark.parametrize(
    "command",
    [
        ["benchmarks/search.py", "--pages", "1", "--keep", "{work}"],
        ["benchmarks/hugo_site.py", "guides", "{work}"],
    ],
    ids=["search --keep", "hugo_site DEST"],
)
def test_a_benchmark_pointed_at_a_full_folder_stops_and_deletes_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    work = tmp_path / "mine"
    work.mkdir()
    (work / "report.docx").write_bytes(b"an office's own file")
    done = subprocess.run(
        [sys.executable, *(part.format(work=work) for part in command)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    assert "nothing was deleted" in done.stderr
    assert (work / "report.docx").read_bytes() == b"an office's own file"
