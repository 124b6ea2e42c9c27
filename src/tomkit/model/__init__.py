"""The TOM document as pure typed objects: no I/O, no framework, nothing of ours imported."""

from tomkit.model.catalogue import BUILTIN_KINDS, AnyElement, kinds_of
from tomkit.model.checks import check, find_cycle, suggest
from tomkit.model.dimension import DIMENSION_LABELS, Dimension, Lens
from tomkit.model.document import FORMAT_VERSION, Review, Scope, Tom
from tomkit.model.element import Element, Number, Scalar
from tomkit.model.ids import SLUG_PATTERN, Slug, slugify
from tomkit.model.initiative import (
    ChangePlan,
    Communication,
    Engagement,
    Initiative,
    Milestone,
    Training,
)
from tomkit.model.kinds_custom import CustomElement
from tomkit.model.kinds_data import DataAsset
from tomkit.model.kinds_delivery import Channel, CustomerSegment, Service, ServiceLevel, ServiceTarget
from tomkit.model.kinds_governance import Control, Forum, Policy, Report, Risk
from tomkit.model.kinds_locations import DataCentre, Hub, Region, Site
from tomkit.model.kinds_people import Role, Skill, Team
from tomkit.model.kinds_processes import Practice, ProcessRule, ValueStream, ValueStreamStep
from tomkit.model.kinds_suppliers import Contract, StakeholderGroup, Supplier
from tomkit.model.kinds_technology import Integration, Tool
from tomkit.model.levels import Rating, Size
from tomkit.model.measures import Kpi, KpiSource, Measurement, Outcome
from tomkit.model.narrative import NarrativePin
from tomkit.model.people import Person
from tomkit.model.problem import Path, Problem, Severity, format_path
from tomkit.model.relation import Relation, RelationKey
from tomkit.model.relation_rules import BUILTIN_RULES, RelationRule, allowed_types, known_types
from tomkit.model.state import State

__all__ = [
    "BUILTIN_KINDS", "BUILTIN_RULES", "DIMENSION_LABELS", "FORMAT_VERSION", "SLUG_PATTERN",
    "AnyElement", "ChangePlan", "Channel", "Communication", "Contract", "Control", "CustomElement",
    "CustomerSegment", "DataAsset", "DataCentre", "Dimension", "Element", "Engagement", "Forum", "Hub",
    "Initiative", "Integration", "Kpi", "KpiSource", "Lens", "Measurement", "Milestone", "NarrativePin", "Number", "Outcome",
    "Path", "Person", "Policy", "Practice", "Problem", "ProcessRule", "Rating", "Region", "Relation",
    "RelationKey", "RelationRule", "Report", "Review", "Risk", "Role", "Scalar", "Scope", "Service",
    "ServiceLevel", "ServiceTarget", "Severity", "Site", "Size", "Skill", "Slug", "StakeholderGroup", "State",
    "Supplier", "Team", "Tom", "Tool", "Training", "ValueStream", "ValueStreamStep", "allowed_types", "check",
    "find_cycle", "format_path", "kinds_of", "known_types", "slugify", "suggest",
]  # fmt: skip
