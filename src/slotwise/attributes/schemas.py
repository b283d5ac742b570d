"""Request and response shapes of /v2/organizations/{orgId}/attributes (spec/api.md §9)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from slotwise.attributes.models import AttributeAssignment, AttributeOption, AttributeType
from slotwise.attributes.service import AttributeChanges, AttributeView, NewOption
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId

Kind = Literal["TEXT", "NUMBER", "SINGLE_SELECT", "MULTI_SELECT"]
Name = Field(min_length=1, max_length=200)
Slug = Field(default=None, min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")


class OptionInput(V2Input):
    value: str = Field(min_length=1, max_length=500)
    slug: str | None = Slug

    def to_new(self) -> NewOption:
        return NewOption(self.value, self.slug)


class UpdateOptionInput(V2Input):
    value: str | None = Field(default=None, min_length=1, max_length=500)
    slug: str | None = Slug


class CreateAttributeInput(V2Input):
    name: str = Name
    slug: str | None = Slug
    type: Kind
    options: list[OptionInput] = Field(default_factory=list, max_length=500)
    enabled: bool = True
    usersCanEditRelation: bool = False


class UpdateAttributeInput(V2Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    slug: str | None = Slug
    type: Kind | None = None
    enabled: bool | None = None
    usersCanEditRelation: bool | None = None

    def to_changes(self) -> AttributeChanges:
        return AttributeChanges(
            name=self.name,
            slug=self.slug,
            type=AttributeType(self.type) if self.type else None,
            enabled=self.enabled,
            users_can_edit_relation=self.usersCanEditRelation,
        )


class AssignOptionInput(V2Input):
    """Give a member an option (``attributeOptionId``) or, for a TEXT / NUMBER attribute, a
    ``value``."""

    attributeId: DatabaseId
    attributeOptionId: DatabaseId | None = None
    value: str | None = Field(default=None, min_length=1, max_length=500)


class OptionOutput(BaseModel):
    id: int
    attributeId: int
    value: str
    slug: str

    @classmethod
    def of(cls, option: AttributeOption) -> OptionOutput:
        return cls(id=option.id, attributeId=option.attribute_id, value=option.value,
                   slug=option.slug)  # fmt: skip


class AttributeOutput(BaseModel):
    id: int
    teamId: int
    type: Kind
    name: str
    slug: str
    enabled: bool
    usersCanEditRelation: bool
    options: list[OptionOutput]

    @classmethod
    def of(cls, view: AttributeView) -> AttributeOutput:
        a = view.attribute
        return cls(
            id=a.id, teamId=a.team_id, type=a.type, name=a.name, slug=a.slug,
            enabled=a.enabled, usersCanEditRelation=a.users_can_edit_relation,
            options=[OptionOutput.of(o) for o in view.options],
        )  # fmt: skip


class AssignmentOutput(BaseModel):
    id: int
    memberId: int
    attributeOptionId: int

    @classmethod
    def of(cls, held: AttributeAssignment) -> AssignmentOutput:
        return cls(id=held.id, memberId=held.user_id, attributeOptionId=held.option_id)
