"""flask backup DEST, flask restore SRC [--force]."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from forum.ops.backup import BackupError, create_backup
from forum.ops.restore import restore_backup


@click.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
@with_appcontext
def backup(destination: Path):
    """Back up the database and uploads into the new folder DESTINATION."""
    try:
        manifest = create_backup(destination)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    counts = manifest["counts"]
    click.echo(
        f"Backup of the {manifest['database']} database (revision {manifest['schema_revision'] or 'unknown'}) "
        f"written to {destination}: {counts.get('member', 0)} members, {counts.get('thread', 0)} threads, "
        f"{counts.get('post', 0)} posts, {manifest['uploads']['files']} uploaded files."
    )


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the content of a database that is not empty.")
@with_appcontext
def restore(source: Path, force: bool):
    """Restore the backup folder SOURCE into this (empty) installation and rebuild search."""
    try:
        report = restore_backup(source, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    counts = report.counts
    click.echo(
        f"Restored {counts.get('member', 0)} members, {counts.get('thread', 0)} threads, "
        f"{counts.get('post', 0)} posts and {report.uploads.files} uploaded files from {source}."
    )
    for name, (want, got) in sorted(report.mismatches.items()):
        click.echo(f"Warning: {name} has {got} rows; the backup's manifest says {want}.", err=True)
    click.echo(report.search)
