"""Attachment checks: extension and first bytes must agree; only the allowed types pass."""
import pytest

from forum.threads.attachments import AttachmentError, AttachmentTooLarge, check_file
from tests.web.test_threads_attachments import PDF, PNG, docx_bytes, odt_bytes

ALLOWED = [
    ("Evaluering af digital post.pdf", PDF, "application/pdf"),
    ("skærmbillede.png", PNG, "image/png"),
    ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
    ("animation.gif", b"GIF89a" + b"\x00" * 32, "image/gif"),
    ("billede.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "image/webp"),
    ("Projektplan.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("Notat.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ("Gammelt notat.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "application/msword"),
    ("Regneark.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "application/vnd.ms-excel"),
]

REFUSED = [
    ("angreb.html", b"<html><script>alert(1)</script></html>"),
    ("tegning.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("program.exe", b"MZ\x90\x00"),
    ("faktura.pdf", b"<html><script>alert(1)</script></html>"),
    ("billede.png", PDF),
    ("dokument.docx", b"PK\x03\x04 not really a zip"),
    ("arkiv.docx", odt_bytes()),
    ("tekst.odt", docx_bytes()),
    ("uden-endelse", PDF),
    ("tom.pdf", b""),
    ("pdf.png.html", PNG),
]


def test_allowed_types_pass_with_our_content_type(app):
    for name, data, content_type in ALLOWED:
        checked = check_file(name, data)
        assert (checked.filename, checked.content_type) == (name, content_type)


def test_refused_types(app):
    for name, data in REFUSED:
        with pytest.raises(AttachmentError):
            check_file(name, data)


def test_size_limit_is_configurable(app):
    app.config["UPLOAD_MAX_BYTES"] = 100
    with pytest.raises(AttachmentTooLarge):
        check_file("stor.pdf", PDF + b"0" * 100)


def test_uploaded_names_lose_folders_and_control_characters(app):
    assert check_file("../../etc/passwd.pdf", PDF).filename == "passwd.pdf"
    assert check_file("C:\\Users\\bo\\plan.pdf", PDF).filename == "plan.pdf"
    assert check_file("ond\r\nnavn.pdf", PDF).filename == "ondnavn.pdf"
    assert len(check_file("x" * 300 + ".pdf", PDF).filename) <= 120
