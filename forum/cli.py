"""Registers every package's command-line commands on `app.cli`."""
from flask import Flask


def register(app: Flask) -> None:
    from forum.bench.cli import seed_bench
    from forum.demo.cli import seed_demo
    from forum.members.cli import create_member
    from forum.notify.cli import mail
    from forum.ops.cli import backup, restore
    from forum.search.cli import search

    app.cli.add_command(create_member)
    app.cli.add_command(seed_demo)
    app.cli.add_command(seed_bench)
    app.cli.add_command(mail)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    app.cli.add_command(search)
