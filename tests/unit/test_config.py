"""forum.config: defaults, FORUM_* environment variables, and refusing to start without a secret key."""
import pytest

from forum import create_app
from forum.config import ConfigError


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in ("FORUM_SECRET_KEY", "FORUM_TESTING", "FORUM_DEBUG", "FLASK_DEBUG", "FORUM_ADMISSION_MONTHS",
                 "FORUM_PREFERRED_URL_SCHEME", "FORUM_SQLALCHEMY_DATABASE_URI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FORUM_SQLALCHEMY_DATABASE_URI", f"sqlite:///{tmp_path / 'unused.db'}")


def test_the_app_refuses_to_start_without_a_secret_key(monkeypatch):
    with pytest.raises(ConfigError) as refused:
        create_app()
    message = str(refused.value)
    assert "FORUM_SECRET_KEY" in message
    assert "secrets.token_hex" in message  # tells the operator how to make one


def test_an_empty_secret_key_is_no_secret_key(monkeypatch):
    monkeypatch.setenv("FORUM_SECRET_KEY", "")
    with pytest.raises(ConfigError):
        create_app()


def test_the_secret_key_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("FORUM_SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"


@pytest.mark.parametrize("setting", [{"TESTING": True}, {"DEBUG": True}])
def test_tests_and_debug_get_a_random_key(setting):
    first, second = create_app(setting), create_app(setting)
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


def test_flask_debug_in_the_environment_counts_as_debug(monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert create_app().config["SECRET_KEY"]


def test_defaults(monkeypatch):
    monkeypatch.setenv("FORUM_SECRET_KEY", "x")
    monkeypatch.delenv("FORUM_SQLALCHEMY_DATABASE_URI")
    app = create_app()
    config = app.config
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["SQLALCHEMY_DATABASE_URI"].endswith("forum.db")
    assert config["SEARCH_INDEX_DIR"].endswith("search-index")
    assert config["BABEL_DEFAULT_LOCALE"] == "da"
    assert config["ADMISSION_MONTHS"] == [1]
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not config.get("SESSION_COOKIE_SECURE")


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("FORUM_SECRET_KEY", "x")
    monkeypatch.setenv("FORUM_SEARCH_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("FORUM_MAIL_PORT", "2525")
    app = create_app()
    assert app.config["SEARCH_INDEX_DIR"] == str(tmp_path / "index")
    assert app.config["MAIL_PORT"] == 2525


@pytest.mark.parametrize(
    ("value", "months"),
    [("1", [1]), ("1,2", [1, 2]), (" 2, 1 ,2", [1, 2]), ("[1, 12]", [1, 12]), ("12", [12])],
)
def test_admission_months_from_the_environment(monkeypatch, value, months):
    monkeypatch.setenv("FORUM_SECRET_KEY", "x")
    monkeypatch.setenv("FORUM_ADMISSION_MONTHS", value)
    assert create_app().config["ADMISSION_MONTHS"] == months


@pytest.mark.parametrize(("value", "months"), [(1, [1]), ("1", [1]), ("1,2", [1, 2]), ([2, 1], [1, 2])])
def test_admission_months_from_a_config_dict(value, months):
    assert create_app({"TESTING": True, "ADMISSION_MONTHS": value}).config["ADMISSION_MONTHS"] == months


@pytest.mark.parametrize("value", ["januar", "13", "0", "1;2", ",", "-1"])
def test_a_bad_admission_month_stops_start_up_with_a_helpful_message(monkeypatch, value):
    monkeypatch.setenv("FORUM_SECRET_KEY", "x")
    monkeypatch.setenv("FORUM_ADMISSION_MONTHS", value)
    with pytest.raises(ConfigError, match="FORUM_ADMISSION_MONTHS"):
        create_app()


def test_https_makes_the_cookies_secure(monkeypatch):
    monkeypatch.setenv("FORUM_SECRET_KEY", "x")
    monkeypatch.setenv("FORUM_PREFERRED_URL_SCHEME", "https")
    config = create_app().config
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True
