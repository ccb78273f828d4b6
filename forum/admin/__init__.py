"""Membership administration for facilitators and admins: applications, organizations,
memberships and renewals, fees, roles and phases."""
