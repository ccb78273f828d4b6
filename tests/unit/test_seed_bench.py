"""flask seed-bench (SPEC §4): fills an empty database, prints one JSON line, index included."""
import json

from sqlalchemy import func, select

from forum.extensions import db
from forum.members.models import Member
from forum.threads.models import Post, Thread
from tests.conftest import FormClient


def _seed(app, *args):
    return app.test_cli_runner().invoke(args=["seed-bench", *args])


def test_seed_bench_fills_the_database_and_prints_its_login(app):
    result = _seed(app, "--members", "6", "--threads", "12", "--posts", "150")
    assert result.exit_code == 0, result.output
    seeded = json.loads(result.output.strip().splitlines()[-1])
    assert (seeded["members"], seeded["threads"], seeded["posts"]) == (6, 12, 150)
    assert db.session.scalar(select(func.count(Post.id))) == 150
    assert db.session.scalar(select(func.count(Thread.id))) == 12
    long_thread = db.session.get(Thread, seeded["long_thread_id"])
    assert long_thread.post_count >= 50
    assert db.session.scalar(select(func.count(Member.id))) >= 6

    client = FormClient(app.test_client())
    response = client.post("/login", {"email": seeded["login"]["email"], "password": seeded["login"]["password"]})
    assert response.status_code == 302
    page = client.get(f"/threads/{long_thread.id}").get_data(as_text=True)
    assert 'class="post' in page and 'rel="next"' in page  # 50 posts are more than one page
    word = long_thread.title.split()[0]
    assert '<ol class="search-results"' in client.get(f"/search?q={word}").get_data(as_text=True)


def test_seed_bench_refuses_a_database_with_members(app, member):
    result = _seed(app, "--members", "6", "--threads", "12", "--posts", "150")
    assert result.exit_code != 0
    assert "empty database" in result.output
    assert db.session.scalar(select(func.count(Post.id))) == 0


def test_seed_bench_refuses_sizes_that_make_no_sense(app):
    result = _seed(app, "--members", "6", "--threads", "200", "--posts", "100")
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count(Member.id))) == 0
