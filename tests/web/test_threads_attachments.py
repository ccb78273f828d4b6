"""Attachments: allowed types checked by their bytes, 413 when too large, stored by hash,
served only to members who may see the post, with safe headers."""
import hashlib
import io
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from forum.extensions import db
from forum.threads.models import Attachment, Post, Thread
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()



def start_with(client, name, data):
    return client.post("/threads/new", {
        "title": "Bilag til drøftelsen", "body": "Se vedhæftede fil.", "phases": ["tjek"],
        "attachments": [(io.BytesIO(data), name)],
    }, content_type="multipart/form-data")


def test_allowed_file_is_stored_by_hash(app, member_client):
    name, data, content_type = "Evaluering af digital post.pdf", PDF, "application/pdf"
    response = start_with(member_client, name, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    attachment = db.session.scalar(select(Attachment))
    assert attachment.filename == name and attachment.content_type == content_type
    digest = hashlib.sha256(data).hexdigest()
    assert attachment.sha256 == digest
    stored = Path(app.config["UPLOAD_DIR"]) / digest[:2] / digest
    assert stored.read_bytes() == data
    assert not list(Path(app.config["UPLOAD_DIR"]).rglob(name))


def test_refused_file_stores_nothing(app, member_client):
    name, data = "faktura.pdf", b"<html><script>alert(1)</script></html>"  # wrong bytes for its name
    response = start_with(member_client, name, data)
    assert response.status_code == 422
    assert "ikke" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Thread.id))) == 0
    assert db.session.scalar(select(func.count(Attachment.id))) == 0
    assert not Path(app.config["UPLOAD_DIR"]).exists() or not any(Path(app.config["UPLOAD_DIR"]).rglob("*"))


def test_too_large_is_413_and_stores_nothing(app, member_client):
    app.config["UPLOAD_MAX_BYTES"] = 1024
    response = start_with(member_client, "stor.pdf", PDF + b"0" * 2048)
    assert response.status_code == 413
    assert db.session.scalar(select(func.count(Thread.id))) == 0
    assert db.session.scalar(select(func.count(Attachment.id))) == 0


def test_request_larger_than_max_content_length_is_413(app, member_client):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = start_with(member_client, "stor.pdf", PDF + b"0" * 4096)
    assert response.status_code == 413
    assert db.session.scalar(select(func.count(Thread.id))) == 0


def fetch(client, url):
    """GET and close the response, so the served file is closed at once."""
    response = client.get(url)
    response.close()
    return response


def test_download_headers_and_who_may_download(make_client, member, other_member, client):
    thread = factories.make_thread(member, files=[("Evaluering.pdf", PDF), ("plan.png", PNG)])
    pdf, png = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    other = make_client(other_member)

    response = other.get(f"/attachments/{pdf.id}/Evaluering.pdf")
    assert response.status_code == 200 and response.data == PDF
    response.close()
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "Evaluering.pdf" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"

    response = fetch(other, f"/attachments/{png.id}/plan.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "sandbox" in response.headers["Content-Security-Policy"]

    assert other.get(f"/attachments/{pdf.id}/andet-navn.pdf").status_code == 404
    assert client.get(f"/attachments/{pdf.id}/Evaluering.pdf").status_code == 302  # to the login page

    page = other.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f"/attachments/{pdf.id}/Evaluering.pdf" in page and f'src="/attachments/{png.id}/plan.png"' in page

    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    first.hidden = True
    db.session.commit()
    assert other.get(f"/attachments/{pdf.id}/Evaluering.pdf").status_code == 404
    assert fetch(make_client(member), f"/attachments/{pdf.id}/Evaluering.pdf").status_code == 200


def test_same_file_twice_is_stored_once(app, member):
    factories.make_thread(member, files=[("a.pdf", PDF)])
    factories.make_thread(member, title="Igen", files=[("b.pdf", PDF)])
    assert db.session.scalar(select(func.count(Attachment.id))) == 2
    assert len([p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()]) == 1


def test_reply_with_attachment(member_client, member, other_member):
    thread = factories.make_thread(other_member)
    response = member_client.post(f"/threads/{thread.id}/posts", {
        "body": "Her er vores skabelon", "attachments": [(io.BytesIO(docx_bytes()), "Skabelon.docx")],
    }, content_type="multipart/form-data")
    assert response.status_code == 302
    attachment = db.session.scalar(select(Attachment))
    assert attachment.post.number == 2 and attachment.uploader_id == member.id
