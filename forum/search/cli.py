"""`flask search rebuild | check | apply`."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from forum.extensions import db
from forum.search import search_index
from forum.search.queue import IndexBusy, apply_pending
from forum.search.rebuild import check, count_documents, rebuild

search = AppGroup("search", help="Søgeindekset: genopbyg, tjek og anvend ventende opdateringer.")


@search.command("rebuild")
def rebuild_command() -> None:
    """Rebuild the search index from the database (searching keeps working meanwhile)."""
    if current_app.config.get("SEARCH_BACKEND") == "postgres":
        click.echo("PostgreSQL-søgningen læser databasen direkte; der er intet indeks at genopbygge.")
        return
    index = search_index(current_app)
    total = count_documents(db.engine)
    with click.progressbar(length=total, label="Indekserer", show_pos=True) as bar:
        written = rebuild(index, db.engine, on_document=lambda: bar.update(1))
    click.echo(f"Søgeindekset er genopbygget: {written} dokumenter i {index.path}.")


@search.command("check")
@click.option("--show", default=10, show_default=True, help="How many differing document ids to list.")
def check_command(show: int) -> None:
    """Compare the index with the database; exits 1 when documents are missing or extra."""
    report = check(search_index(current_app), db.engine)
    if report.pending:
        click.echo(f"{report.pending} opdateringer venter (flask --app wsgi search apply).")
    for label, ids in (("mangler i indekset", report.missing), ("findes ikke længere", report.extra)):
        if ids:
            shown = ", ".join(sorted(ids)[:show])
            click.echo(f"{len(ids)} dokumenter {label}: {shown}{' …' if len(ids) > show else ''}")
    if not report.ok:
        click.echo("Kør flask --app wsgi search rebuild for at rette det.")
        raise SystemExit(1)
    click.echo("Søgeindekset passer med databasen.")


@search.command("apply")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for the index lock.")
def apply_command(timeout: float) -> None:
    """Apply index updates left pending (the index was busy or a worker died)."""
    try:
        applied = apply_pending(search_index(current_app), db.engine, timeout=timeout)
    except IndexBusy:
        click.echo("Søgeindekset er optaget af en anden proces; prøv igen.", err=True)
        raise SystemExit(75) from None
    click.echo(f"{applied} opdateringer anvendt.")
