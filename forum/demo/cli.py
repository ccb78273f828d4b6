"""flask seed-demo."""
import click
from flask.cli import with_appcontext
from sqlalchemy import select

from forum.demo.seeders import SEEDERS
from forum.extensions import db
from forum.members.models import Member


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only seed a database that has no members yet.")
@with_appcontext
def seed_demo(if_empty):
    """Add demo members, threads, meetings and sparring (safe to run again)."""
    if if_empty and db.session.scalar(select(Member.id).limit(1)) is not None:
        click.echo("The database has members already; demo data not added.")
        return
    for seeder in SEEDERS:
        seeder()
        db.session.commit()
    click.echo("Demo data is in place.")
