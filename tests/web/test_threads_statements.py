"""No N+1: the thread page and the thread list issue a fixed number of SQL statements."""
from forum.extensions import db
from forum.threads.models import Post, Thread
from tests import factories
from tests.statements import statements_for

PDF = b"%PDF-1.4\n%%EOF\n"


def thread_with_posts(count: int, authors) -> Thread:
    """A thread of `count` posts by rotating authors, some with attachments, some edited and hidden."""
    thread = factories.make_thread(authors[0], title=f"Tråd med {count} indlæg")
    for number in range(2, count + 1):
        author = authors[number % len(authors)]
        files = [(f"bilag-{number}.pdf", PDF + str(number).encode())] if number % 3 == 0 else []
        post = factories.make_reply(thread, author, f"Indlæg nummer {number}", files=files)
        if number % 7 == 0:
            post.hidden = True
    db.session.commit()
    return thread


def test_thread_page_statements_do_not_grow_with_posts(app, make_client, member, other_member, facilitator, admin):
    authors = [member, other_member, facilitator, admin]
    extra = [factories.make_member(f"m{n}@kommune.dk", name=f"Medlem {n}", organization=f"Kommune {n}")
             for n in range(4)]
    small = thread_with_posts(5, authors + extra)
    large = thread_with_posts(50, authors + extra)
    client = make_client(facilitator)  # sees hidden posts too: the heaviest page
    small_count = statements_for(client, f"/threads/{small.id}")
    large_count = statements_for(client, f"/threads/{large.id}")
    last_page = statements_for(client, f"/threads/{large.id}?page=3")
    assert small_count == large_count == last_page, (small_count, large_count, last_page)
    assert db.session.query(Post).filter_by(thread_id=large.id).count() == 50


def test_thread_list_statements_do_not_grow_with_threads(app, make_client, member, other_member):
    client = make_client(member)
    factories.make_thread(other_member, title="Én tråd", phases=("tjek", "test"))
    few = statements_for(client, "/threads")
    for number in range(24):
        thread = factories.make_thread(other_member if number % 2 else member, title=f"Tråd {number}",
                                       phases=("tilpas", "hoest"))
        factories.make_reply(thread, other_member, "svar")
    many = statements_for(client, "/threads")
    assert few == many, (few, many)
