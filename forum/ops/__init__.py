"""Operating an installation: backup and restore (`flask backup`, `flask restore`)."""
