"""Teams, organizations and their memberships.

An organization is a team with ``is_organization`` set; the teams it owns point at it through
``parent_id``. A user belongs to at most one organization (``users.organization_id``). Roles
rank MEMBER < ADMIN < OWNER; a membership counts only once ``accepted``.
"""
