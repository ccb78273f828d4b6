"""Files on posts: checked by their first bytes, stored by SHA-256, never by their name.

`prepare(files)` reads and checks every upload before anything is written, so a refused
file leaves no trace; `attach(post, uploader, prepared)` stores them with the post.
"""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from forum.extensions import db
from forum.members.models import Member
from forum.threads.models import Attachment, Post

MAX_FILES_PER_POST = 10

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"

# extension -> (content type, kind of check)
TYPES = {
    "pdf": ("application/pdf", "pdf"),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "gif": ("image/gif", "gif"),
    "webp": ("image/webp", "webp"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml:word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml:xl/"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml:ppt/"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf:application/vnd.oasis.opendocument.text"),
    "doc": ("application/msword", "ole2"),
    "xls": ("application/vnd.ms-excel", "ole2"),
    "ppt": ("application/vnd.ms-powerpoint", "ole2"),
}
ACCEPT = ",".join(f".{extension}" for extension in TYPES)


class AttachmentError(Exception):
    """The file is refused; str(error) is the message to show."""


class AttachmentTooLarge(AttachmentError):
    """The file is larger than UPLOAD_MAX_BYTES (answered by 413)."""


@dataclass(frozen=True)
class PreparedFile:
    filename: str
    content_type: str
    data: bytes
    sha256: str


def _clean_filename(name: str) -> str:
    """A display name: no folders, no control characters, not too long."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if len(name) > 120:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: 110] + dot + extension[:9]) if dot else name[:120]
    return name


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def _matches(kind: str, data: bytes) -> bool:
    if kind == "pdf":
        return data.startswith(b"%PDF-")
    if kind == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return data.startswith(b"\xff\xd8\xff")
    if kind == "gif":
        return data[:6] in (b"GIF87a", b"GIF89a")
    if kind == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if kind == "ole2":
        return data.startswith(OLE2)
    if kind.startswith("ooxml:"):
        names = _zip_names(data) if data.startswith(ZIP) else []
        return "[Content_Types].xml" in names and any(name.startswith(kind[6:]) for name in names)
    if kind.startswith("odf:"):
        if not data.startswith(ZIP):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return archive.read("mimetype").decode("ascii", "replace").strip() == kind[4:]
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return False
    return False


def check_file(filename: str, data: bytes) -> PreparedFile:
    """Check one upload by its extension and its first bytes; raise AttachmentError."""
    limit = int(current_app.config["UPLOAD_MAX_BYTES"])
    name = _clean_filename(filename)
    if len(data) > limit:
        raise AttachmentTooLarge(_l("Filen %(name)s er for stor (højst %(mb)d MB).", name=name,
                                    mb=max(limit // (1024 * 1024), 1)))
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in TYPES:
        raise AttachmentError(_l("Filtypen af %(name)s er ikke tilladt. Du kan vedhæfte PDF, Office-dokumenter "
                                 "og billeder (PNG, JPEG, GIF, WebP).", name=name or "?"))
    content_type, kind = TYPES[extension]
    if not data or not _matches(kind, data):
        raise AttachmentError(_l("Filen %(name)s er ikke, hvad dens navn siger.", name=name))
    return PreparedFile(name, content_type, data, hashlib.sha256(data).hexdigest())


def prepare(files) -> list[PreparedFile]:
    """Read and check uploads (werkzeug FileStorage or (filename, bytes) pairs)."""
    limit = int(current_app.config["UPLOAD_MAX_BYTES"])
    prepared = []
    for upload in files or ():
        if isinstance(upload, tuple):
            filename, data = upload
        else:
            if not upload or not upload.filename:
                continue  # an empty file input
            filename, data = upload.filename, upload.stream.read(limit + 1)
        prepared.append(check_file(filename, data))
    if len(prepared) > MAX_FILES_PER_POST:
        raise AttachmentError(_l("Højst %(max)d filer pr. indlæg.", max=MAX_FILES_PER_POST))
    return prepared


def stored_path(sha256: str) -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / sha256[:2] / sha256


def _store(prepared: PreparedFile) -> None:
    path = stored_path(prepared.sha256)
    if path.exists():
        return  # same content, same name: stored once
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    with os.fdopen(handle, "wb") as out:
        out.write(prepared.data)
    os.replace(temporary, path)


def attach(post: Post, uploader: Member, prepared: list[PreparedFile]) -> list[Attachment]:
    """Store the files and link them to `post`, in the caller's transaction.

    Files are content-addressed, so a file written for a transaction that then fails is
    harmless: it is never served without a row pointing to it.
    """
    rows = []
    for item in prepared:
        _store(item)
        row = Attachment(post=post, uploader_id=uploader.id, filename=item.filename or "fil",
                         content_type=item.content_type, size=len(item.data), sha256=item.sha256)
        db.session.add(row)
        rows.append(row)
    return rows


def is_image(attachment: Attachment) -> bool:
    return attachment.content_type.startswith("image/")
