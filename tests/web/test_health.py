"""GET /healthz: anonymous, JSON, 503 when the database (or another check) fails."""
import pytest

from forum import create_app
from forum.health import views as health


def test_healthz_is_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok"}


def test_healthz_answers_head_too(client):
    assert client.raw.head("/healthz").status_code == 200


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    unreachable = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'forum.db'}",
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    })
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error"
    assert "database" in body["failed"]


def test_healthz_is_503_when_any_check_fails(client, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "database", lambda: "OperationalError")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "failed": ["database"]}


def test_healthz_does_not_leak_error_details(client, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "database", lambda: "OperationalError")
    assert "password" not in client.get("/healthz").get_data(as_text=True)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_is_get_only(client, method):
    assert getattr(client.raw, method)("/healthz").status_code == 405
