"""Content hashes of the static files, and the hashed names built from them.

`css/forum.css` is published as `css/forum.<12 hex digits>.css`, the digits being the start of
the file's SHA-256. A changed file gets a new name, so the old one may be cached for a year.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

DIGEST_LENGTH = 12
_HASHED = re.compile(rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})(?P<suffix>\.[^./]+)?$")


def hashed_name(name: str, digest: str) -> str:
    """`css/forum.css`, `3fa9c21b0d4e` -> `css/forum.3fa9c21b0d4e.css` (the digest before the last suffix)."""
    folder, _, base = name.rpartition("/")
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem:  # `LICENSE`, `.htaccess`: no suffix to keep
        hashed = f"{base}.{digest}"
    else:
        hashed = f"{stem}.{digest}.{suffix}"
    return f"{folder}/{hashed}" if folder else hashed


def split_hashed_name(name: str) -> tuple[str, str] | None:
    """`css/forum.3fa9c21b0d4e.css` -> (`css/forum.css`, `3fa9c21b0d4e`); None when no digest is in it."""
    folder, _, base = name.rpartition("/")
    match = _HASHED.match(base)
    if match is None:
        return None
    original = match["stem"] + (match["suffix"] or "")
    return (f"{folder}/{original}" if folder else original), match["digest"]


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class _Entry:
    digest: str
    mtime_ns: int
    size: int


class Manifest:
    """The digest of every file under `folder`, read once when built.

    With `refresh=True` (debug mode) a file is hashed again whenever its modification time or
    size changed, so an edited stylesheet gets a new name without a restart. Without it the
    files are taken as they were at start-up: a deployment restarts the processes anyway.
    """

    def __init__(self, folder: str | os.PathLike, refresh: bool = False):
        self.folder = Path(folder).resolve()
        self.refresh = refresh
        self._entries: dict[str, _Entry] = {}
        if self.folder.is_dir():
            for path in sorted(self.folder.rglob("*")):
                relative = path.relative_to(self.folder)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    self._entries[relative.as_posix()] = self._read(path)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def digest(self, name: str) -> str | None:
        """The digest of the static file `name` (a relative POSIX path), or None if there is none."""
        entry = self._entries.get(name)
        if not self.refresh:
            # A file added after start-up is served under its own name only.
            return None if entry is None else entry.digest
        path = self._path(name)
        if path is None:
            return None
        if entry is not None:
            stat = path.stat()
            if (stat.st_mtime_ns, stat.st_size) == (entry.mtime_ns, entry.size):
                return entry.digest
        entry = self._entries[name] = self._read(path)
        return entry.digest

    def url_name(self, name: str) -> str:
        """The name to put in a URL: hashed when the file is known, else `name` unchanged."""
        digest = self.digest(name)
        return name if digest is None else hashed_name(name, digest)

    def resolve(self, requested: str) -> tuple[str, str | None] | None:
        """The file a requested name stands for, as (name, digest if the request was hashed).

        A name that is itself a file is served under its own name. A hashed name is resolved
        only when its digest is the file's digest now; a stale or made-up digest gets None (404):
        serving today's content under another version's name would cache it under that name for
        a year.
        """
        if requested in self._entries or (self.refresh and self._path(requested) is not None):
            return requested, None
        split = split_hashed_name(requested)
        if split is None:
            return requested, None  # not known at start-up; the view looks on disk
        original, digest = split
        if self.digest(original) != digest:
            return None
        return original, digest

    def _path(self, name: str) -> Path | None:
        path = (self.folder / name).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        return path

    @staticmethod
    def _read(path: Path) -> _Entry:
        stat = path.stat()
        return _Entry(file_digest(path), stat.st_mtime_ns, stat.st_size)
