"""The indexing pipeline: what is read, and incremental runs that redo only what changed."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path

import pytest

from indexer import build, index_paths, search, store
from indexer.build import Limits
from indexer.errors import PathNotFound
from indexer.sources import Selection
from indexer.store import load_file_records, open_index
from tests.conftest import write
from tests.document_builders import encrypt_pdf, make_pdf


def sources(index_dir: Path) -> set[str]:
    return {Path(path).name for path in load_file_records(open_index(index_dir))}


def test_first_run_adds_every_readable_file_and_skips_hidden_ones(
    corpus: Path, index_dir: Path
) -> None:
    report = index_paths(index_dir, [corpus])
    assert (report.added, report.updated, report.removed, report.unchanged) == (3, 0, 0, 0)
    assert report.skipped == []
    assert sources(index_dir) == {"envoy.txt", "statement.txt", "notes.md"}
    assert report.passages > 3


def test_second_run_changes_nothing(built: Path, corpus: Path) -> None:
    report = index_paths(built, [corpus])
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)


def test_touched_but_identical_file_is_unchanged(built: Path, corpus: Path) -> None:
    path = corpus / "statement.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = index_paths(built, [corpus])
    assert (report.updated, report.unchanged, report.touched) == (0, 3, 1)
    again = index_paths(built, [corpus])  # the new time was recorded: nothing is read again
    assert (again.unchanged, again.touched) == (3, 0)


def test_changed_file_replaces_its_passages(built: Path, corpus: Path) -> None:
    write(corpus / "notes.md", "# Notes\n\nThe quartermaster counted the lanterns.\n")
    report = index_paths(built, [corpus])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    assert [hit.path for hit in search(built, "lanterns")] == [str(corpus / "notes.md")]
    assert search(built, "commander") == []


def test_deleted_file_leaves_the_results(built: Path, corpus: Path) -> None:
    (corpus / "statement.txt").unlink()
    report = index_paths(built, [corpus])
    assert report.removed == 1
    assert all(hit.path.endswith("statement.txt") is False for hit in search(built, "quota"))


def test_indexing_another_folder_keeps_the_first(built: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "other" / "one.txt", "A lighthouse keeper's log.\n").parent
    report = index_paths(built, [other])
    assert (report.added, report.removed) == (1, 0)
    assert len(sources(built)) == 4


def test_rebuild_starts_over(built: Path, corpus: Path) -> None:
    report = index_paths(built, [corpus], rebuild=True)
    assert (report.added, report.unchanged) == (3, 0)


def test_missing_path_is_an_error_and_the_index_is_untouched(built: Path, tmp_path: Path) -> None:
    with pytest.raises(PathNotFound):
        index_paths(built, [tmp_path / "nowhere"])
    assert len(sources(built)) == 3


def test_an_empty_path_is_an_error_not_the_current_folder(built: Path) -> None:
    with pytest.raises(PathNotFound, match="empty path"):
        index_paths(built, [""])
    assert len(sources(built)) == 3


def test_text_that_is_not_utf8_is_decoded(tmp_path: Path, index_dir: Path) -> None:
    write(tmp_path / "docs" / "latin.txt", "Le café de la gare a fermé ses portes.\n", "cp1252")
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert report.added == 1 and report.skipped == []
    [hit] = search(index_dir, "cafe")
    assert "café" in hit.text


def test_file_that_is_binary_is_skipped_with_a_reason_but_no_error(
    tmp_path: Path, index_dir: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    write(tmp_path / "docs" / "fine.txt", "Fine text.\n")
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert report.added == 1
    assert [(Path(skip.path).name, skip.error) for skip in report.skipped] == [("blob.txt", False)]


def test_date_comes_from_the_file_name_when_the_text_has_none(
    tmp_path: Path, index_dir: Path
) -> None:
    write(tmp_path / "docs" / "2023-04-13-visit.txt", "A delegation visited.\nIt met officials.\n")
    index_paths(index_dir, [tmp_path / "docs"])
    assert {hit.date for hit in search(index_dir, "delegation")} == {"2023-04-13"}


def test_markdown_heading_marks_are_not_part_of_the_title(tmp_path: Path, index_dir: Path) -> None:
    write(tmp_path / "docs" / "notes.md", "## Field notes: the valley\n\nThe pumps were quiet.\n")
    index_paths(index_dir, [tmp_path / "docs"])
    assert {hit.title for hit in search(index_dir, "pumps")} == {"Field notes: the valley"}


def test_files_excluded_later_leave_the_index(tmp_path: Path, index_dir: Path) -> None:
    write(tmp_path / "docs" / "keep.txt", "Kept words.\n")
    write(tmp_path / "docs" / "drafts" / "draft.txt", "Draft words.\n")
    assert index_paths(index_dir, [tmp_path / "docs"]).added == 2
    report = index_paths(index_dir, [tmp_path / "docs"], selection=Selection(exclude=("drafts/",)))
    assert (report.removed, report.unchanged) == (1, 1)
    assert sources(index_dir) == {"keep.txt"}


def test_long_first_line_is_shown_as_title_but_not_indexed_as_one(
    tmp_path: Path, index_dir: Path
) -> None:
    first = "Once upon a time the walrus " + "and the carpenter walked " * 6
    write(tmp_path / "docs" / "post.txt", f"{first}\n\nThe oysters listened closely.\n")
    write(tmp_path / "docs" / "note.txt", "Walrus report\n\nThe oysters were counted.\n")
    index_paths(index_dir, [tmp_path / "docs"])
    hits = search(index_dir, "oysters")
    assert {hit.title for hit in hits} == {first.strip()[:200], "Walrus report"}
    assert [Path(hit.path).name for hit in search(index_dir, "carpenter")] == ["post.txt"]


def test_results_are_the_same_with_worker_processes(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(build, "SMALLEST_STREAMED", 200)  # the envoy report goes in batches
    monkeypatch.setattr(build, "BATCH_CHARS", 100)
    inline = index_paths(tmp_path / "one", [corpus], limits=Limits(processes=1))
    forked = index_paths(tmp_path / "two", [corpus], limits=Limits(processes=2))
    assert (forked.added, forked.passages) == (inline.added, inline.passages)
    assert passage_records(tmp_path / "two") == passage_records(tmp_path / "one")
    assert load_file_records(open_index(tmp_path / "two")).keys() == sources_of(tmp_path / "one")


def test_commits_in_batches_keep_every_file(corpus: Path, index_dir: Path) -> None:
    report = index_paths(index_dir, [corpus], limits=Limits(commit_bytes=1))
    assert report.added == 3
    ix = open_index(index_dir)
    assert ix.latest_generation() >= 3
    assert store.records_in_index(ix) == load_file_records(ix)


def test_file_record_cache_follows_the_index(built: Path, corpus: Path) -> None:
    ix = open_index(built)
    assert load_file_records(ix) == store.records_in_index(ix)
    (corpus / "notes.md").unlink()
    index_paths(built, [corpus])
    ix = open_index(built)
    assert load_file_records(ix) == store.records_in_index(ix)
    assert len(load_file_records(ix)) == 2


def passage_records(location: Path) -> list[dict[str, object]]:
    with open_index(location).searcher() as searcher:
        found = [dict(fields) for fields in searcher.all_stored_fields() if "text" in fields]
    return sorted(found, key=lambda fields: (str(fields["doc"]), int(fields["passage"])))


def sources_of(location: Path) -> set[str]:
    return set(load_file_records(open_index(location)))


def _mail_with_attachments() -> bytes:
    mail = EmailMessage()
    mail["From"] = "Salma Haddad <salma@example.org>"
    mail["To"] = "Omar Saleh <omar@example.org>"
    mail["Subject"] = "Quota minutes"
    mail["Date"] = "Thu, 13 Apr 2023 21:30:00 +0000"
    mail.set_content("The minutes are attached.\n")
    mail.add_attachment(b"Lighthouse agenda.\n", "text", "plain", filename="agenda.txt")
    locked = encrypt_pdf(make_pdf([["secret"]]), user_password="pw")
    mail.add_attachment(locked, "application", "pdf", filename="locked.pdf")
    return mail.as_bytes()


def test_email_addresses_and_attachment_parents_reach_search_hits(
    tmp_path: Path, index_dir: Path
) -> None:
    """Regression: the fields an extractor kept (from, to, parent) were dropped on the way into
    the index, so no hit said who wrote a message or which message an attachment came with."""
    mail = tmp_path / "mail" / "minutes.eml"
    mail.parent.mkdir()
    mail.write_bytes(_mail_with_attachments())
    index_paths(index_dir, [mail.parent])
    [message] = search(index_dir, "minutes attached")
    assert message.fields["from"] == "Salma Haddad <salma@example.org>"
    assert message.fields["to"] == "Omar Saleh <omar@example.org>"
    [attachment] = search(index_dir, "lighthouse")
    assert attachment.doc == f"{mail}#attachment/agenda.txt"
    assert attachment.fields == {"parent": str(mail)}


def test_an_unreadable_attachment_is_counted_in_the_run_summary(
    tmp_path: Path, index_dir: Path
) -> None:
    """Regression: an encrypted attachment was named only inside the message's fields, so the
    run's summary said nothing was skipped."""
    mail = tmp_path / "mail" / "minutes.eml"
    mail.parent.mkdir()
    mail.write_bytes(_mail_with_attachments())
    report = index_paths(index_dir, [mail.parent])
    assert report.added == 1
    assert [(skip.path, skip.reason, skip.error) for skip in report.skipped] == [
        (f"{mail}#attachment/locked.pdf", "encrypted PDF (needs a password)", True)
    ]


def test_terminal_codes_in_a_collection_record_are_blanked_too(tmp_path: Path) -> None:
    """Blanked wherever a document comes from, so the words they touch are found."""
    record = (
        '{"id": "1", "title": "esc \\u001b[5mblink\\u001b[0m title",'
        ' "text": "json \\u001b[41mredbg\\u001b[0m and zulu"}\n'
    )
    write(tmp_path / "docs" / "records.jsonl", record)
    index_paths(tmp_path / "index", [tmp_path / "docs"])
    (hit,) = search(tmp_path / "index", "redbg")
    assert hit.text == "json      redbg     and zulu" and "\x1b" not in hit.title
    assert [found.doc for found in search(tmp_path / "index", "blink")] == ["1"]


def test_a_hidden_file_named_once_stays_when_its_folder_is_indexed(tmp_path: Path) -> None:
    """Regression: indexing the folder removed the hidden file and folder named before it."""
    folder = tmp_path / "docs"
    write(folder / ".note.txt", "A hidden harbour note.\n")
    write(folder / ".secret" / "deep.txt", "A deep harbour note.\n")
    write(folder / "seen.txt", "A visible harbour note.\n")
    index = tmp_path / "index"
    index_paths(index, [folder / ".note.txt", folder / ".secret"])
    report = index_paths(index, [folder])
    assert (report.added, report.removed) == (1, 0)
    names = sorted(Path(hit.path).name for hit in search(index, "harbour"))
    assert names == [".note.txt", "deep.txt", "seen.txt"]
    write(folder / ".note.txt", "A hidden harbour note, changed.\n")
    assert index_paths(index, [folder]).updated == 1
    (folder / ".note.txt").unlink()
    assert index_paths(index, [folder]).removed == 1
    assert index_paths(index, [folder], selection=Selection(exclude=(".secret/",))).removed == 1


def test_an_index_inside_the_folder_indexed_is_not_read(tmp_path: Path) -> None:
    """Regression: `passages index .` with the default ./index read index/passages.json as a
    document, and found it changed at every run."""
    from indexer.sources import INDEX_MARK

    assert INDEX_MARK == store.FORMAT_FILE
    write(tmp_path / "notes.txt", "A harbour note.\n")
    write(tmp_path / "data.json", '{"text": "A harbour record."}\n')
    index_paths(tmp_path / "index", [tmp_path])
    again = index_paths(tmp_path / "index", [tmp_path])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert not any("index" in Path(hit.path).parts for hit in search(tmp_path / "index", "format"))
