"""flask seed-bench."""
import json
import sys
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from forum.bench.seed import BenchError
from forum.bench.seed import seed_bench as fill
from forum.extensions import db
from forum.search import search_index
from forum.search.rebuild import count_documents, rebuild


@click.command("seed-bench")
@click.option("--members", type=click.IntRange(min=3), default=1000, show_default=True)
@click.option("--threads", type=click.IntRange(min=1), default=20000, show_default=True)
@click.option("--posts", type=click.IntRange(min=60), default=200000, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True, help="Random seed: the same seed gives the same data.")
@click.option("--no-index", is_flag=True, help="Skip building the search index.")
@with_appcontext
def seed_bench(members, threads, posts, seed, no_index):
    """Fill an empty database with generated Danish content; print one JSON line."""
    started = time.monotonic()
    with click.progressbar(length=posts, label="Posts", file=sys.stderr) as bar:
        try:
            result = fill(members, threads, posts, seed=seed, progress=bar.update)
        except BenchError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"Database filled in {time.monotonic() - started:.0f} s.", err=True)
    if not no_index:
        index = search_index(current_app)
        total = count_documents(db.engine)
        with click.progressbar(length=total, label="Search index", file=sys.stderr) as bar:
            rebuild(index, db.engine, on_document=lambda: bar.update(1))
        click.echo(f"Search index built; {time.monotonic() - started:.0f} s in all.", err=True)
    click.echo(json.dumps(result.as_json()))
