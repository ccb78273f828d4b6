"""The ordered list of demo seeders; each domain adds its own after the members."""
from forum.demo.members import seed_members
from forum.demo.sparring import seed_sparring

SEEDERS = [seed_members]
SEEDERS.append(seed_sparring)  # after the threads seeder: sparring links to phases and members
