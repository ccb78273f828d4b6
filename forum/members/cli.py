"""flask create-member."""
import sys

import click
from flask.cli import with_appcontext

from forum.extensions import db
from forum.members.models import Role
from forum.members.service import MembershipError
from forum.members.service import create_member as create


@click.command("create-member")
@click.argument("email")
@click.option("--name", required=True, help="The member's full name.")
@click.option("--organization", required=True, help="Created if it does not exist.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.MEMBER.value, show_default=True)
@click.option("--title", default="", help="Job title.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_member(email, name, organization, role, title, password_stdin):
    """Create a member with a seat for the current membership year."""
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if len(password) < 10:
            raise click.ClickException("The password must be at least 10 characters.")
    try:
        member = create(email=email, name=name, organization_name=organization, role=role, title=title, password=password)
        db.session.commit()
    except MembershipError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {member.role} {member.email} ({member.organization.name}), id {member.id}.")
    if password is None:
        # There is no password command: the member sets one through the reset link on the login page.
        click.echo("No password set: the member chooses one at /password/forgot (link on the login page).")
