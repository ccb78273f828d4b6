"""Demo members: COI's two coordinators, an admin and members from the three sectors."""
from forum.auth.passwords import hash_password
from forum.members.service import create_member, find_member_by_email

DEMO_PASSWORD = "spredning-demo"  # noqa: S105 - the published demo login

DEMO_MEMBERS = [
    # email, name, organization, role, title
    ("admin@coi.dk", "Anna Admin", "Center for Offentlig Innovation", "admin", "Platformsansvarlig"),
    ("majken@coi.dk", "Majken Præstbro", "Center for Offentlig Innovation", "facilitator", "Tovholder"),
    ("lene@coi.dk", "Lene Krogh Jeppesen", "Center for Offentlig Innovation", "facilitator", "Tovholder"),
    ("alice@aarhus.dk", "Alice Andersen", "Aarhus Kommune", "member", "Innovationskonsulent"),
    ("bo@aarhus.dk", "Bo Bech", "Aarhus Kommune", "member", "Projektleder"),
    ("carol@rm.dk", "Carol Christensen", "Region Midtjylland", "member", "Udviklingskonsulent"),
    ("dorte@vejle.dk", "Dorte Damgaard", "Vejle Kommune", "member", "Teamleder"),
    ("emil@aalborg.dk", "Emil Eriksen", "Aalborg Kommune", "member", "Programleder"),
    ("frida@skat.dk", "Frida Frederiksen", "Skattestyrelsen", "member", "Innovationskonsulent"),
]


def seed_members() -> None:
    for email, name, organization, role, title in DEMO_MEMBERS:
        if find_member_by_email(email) is None:
            member = create_member(email=email, name=name, organization_name=organization, role=role, title=title)
            member.password_hash = hash_password(DEMO_PASSWORD)
