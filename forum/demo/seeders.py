"""The ordered list of demo seeders; each domain adds its own after the members."""
from forum.demo.meetings import seed_meetings
from forum.demo.members import seed_members
from forum.demo.sparring import seed_sparring
from forum.demo.spreading import seed_spreading
from forum.demo.threads import seed_threads

SEEDERS = [seed_members]
SEEDERS.append(seed_threads)  # right after the members: others' seeders may refer to these threads
SEEDERS.append(seed_sparring)  # after the threads seeder: sparring links to phases and members
SEEDERS.append(seed_spreading)  # after the threads seeder: reuses demo members, creates shared innovations
SEEDERS.append(seed_meetings)  # after the members: RSVPs and the notes thread need them
