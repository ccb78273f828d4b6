"""The ordered list of demo seeders; each domain adds its own after the members."""
from forum.demo.members import seed_members

SEEDERS = [seed_members]
