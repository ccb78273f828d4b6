"""The static manifest: content hashes and hashed names, on a temporary folder."""
import hashlib

import pytest

from forum.assets import manifest as manifest_module
from forum.assets.manifest import Manifest, hashed_name, split_hashed_name
from forum.assets.static_view import manifest_for


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "forum.css").write_text("body { color: black; }")
    (tmp_path / "dkfds" / "css").mkdir(parents=True)
    (tmp_path / "dkfds" / "css" / "dkfds.min.css").write_text(".a{}")
    (tmp_path / "LICENSE").write_text("MIT")
    (tmp_path / ".hidden").write_text("not published")
    return tmp_path


@pytest.mark.parametrize(("name", "hashed"), [
    ("css/forum.css", "css/forum.0123456789ab.css"),
    ("dkfds/css/dkfds.min.css", "dkfds/css/dkfds.min.0123456789ab.css"),
    ("LICENSE", "LICENSE.0123456789ab"),
    ("favicon.ico", "favicon.0123456789ab.ico"),
])
def test_hashed_names_keep_folder_and_suffix_and_split_back(name, hashed):
    assert hashed_name(name, "0123456789ab") == hashed
    assert split_hashed_name(hashed) == (name, "0123456789ab")


@pytest.mark.parametrize("name", ["css/forum.css", "css/forum.0123.css", "css/forum.0123456789AB.css",
                                  "css/forum.0123456789abc.css", "0123456789ab"])
def test_names_without_a_full_lowercase_digest_are_not_hashed(name):
    assert split_hashed_name(name) is None


def test_digest_is_the_start_of_the_files_sha256(folder):
    manifest = Manifest(folder)
    expected = hashlib.sha256(b"body { color: black; }").hexdigest()[:12]
    assert manifest.digest("css/forum.css") == expected
    assert manifest.url_name("css/forum.css") == f"css/forum.{expected}.css"
    assert "css/forum.css" in manifest and "dkfds/css/dkfds.min.css" in manifest and "LICENSE" in manifest
    assert ".hidden" not in manifest and len(manifest) == 3


def test_the_hash_changes_when_the_content_changes(folder):
    before = Manifest(folder).url_name("css/forum.css")
    assert Manifest(folder).url_name("css/forum.css") == before  # same bytes, same name
    (folder / "css" / "forum.css").write_text("body { color: navy; }")
    after = Manifest(folder).url_name("css/forum.css")
    assert after != before and after.startswith("css/forum.") and after.endswith(".css")


def test_files_are_hashed_once_when_built_not_per_lookup(folder, monkeypatch):
    calls = []
    real = manifest_module.file_digest
    monkeypatch.setattr(manifest_module, "file_digest", lambda path: calls.append(path) or real(path))
    manifest = Manifest(folder)
    assert len(calls) == 3
    first = manifest.url_name("css/forum.css")
    (folder / "css" / "forum.css").write_text("changed on disk while running")
    for _ in range(100):
        assert manifest.url_name("css/forum.css") == first
        manifest.resolve(first)
    assert len(calls) == 3


def test_debug_manifest_notices_an_edited_file(folder):
    manifest = Manifest(folder, refresh=True)
    before = manifest.url_name("css/forum.css")
    (folder / "css" / "forum.css").write_text("body { color: navy; background: white; }")
    after = manifest.url_name("css/forum.css")
    assert after != before
    assert manifest.resolve(after) == ("css/forum.css", after.split(".")[1])
    assert manifest.resolve(before) is None
    (folder / "css" / "new.css").write_text(".new{}")
    assert manifest.url_name("css/new.css") != "css/new.css"


def test_resolve_plain_hashed_stale_and_unknown_names(folder):
    manifest = Manifest(folder)
    hashed = manifest.url_name("css/forum.css")
    digest = hashed.split(".")[1]
    assert manifest.resolve("css/forum.css") == ("css/forum.css", None)
    assert manifest.resolve(hashed) == ("css/forum.css", digest)
    assert manifest.resolve("css/forum.000000000000.css") is None  # stale or made up
    assert manifest.resolve(f"css/other.{digest}.css") is None  # a real digest on another name
    assert manifest.resolve("css/missing.css") == ("css/missing.css", None)  # the view looks on disk: 404


def test_unknown_files_keep_their_name(folder):
    assert Manifest(folder).url_name("css/missing.css") == "css/missing.css"
    assert Manifest(folder, refresh=True).url_name("../outside.css") == "../outside.css"


def test_a_missing_folder_gives_an_empty_manifest(tmp_path):
    assert len(Manifest(tmp_path / "nowhere")) == 0


def test_one_manifest_per_folder_and_process(folder):
    assert manifest_for(str(folder), False) is manifest_for(str(folder), False)
    assert manifest_for(str(folder), True) is not manifest_for(str(folder), False)
