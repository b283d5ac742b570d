"""Organizations: a team with ``is_organization`` that owns teams (``parent_id``) and users
(``users.organization_id``). Its ADMINs and OWNERs manage all of it through
``/v2/organizations/{orgId}/...``; its members see the teams they belong to (``teams/me``)."""
