"""Which relation types may link which kinds: a table, so adding a rule never touches code.

A row allows `type` from any kind in `sources` to any kind in `targets`; "*" stands for any kind.
Custom kinds may be linked by any type (their meaning is the organisation's own); a document can
add rows of its own in `relation_rules`.
"""

from __future__ import annotations

from pydantic import Field

from tomkit.model.element import Strict
from tomkit.model.ids import Slug

ANY = "*"
_LOC = ("site", "hub", "data-centre", "region")
_ACCOUNTABLE = ("role", "team", "forum")
_OWNED = (
    "practice", "service", "value-stream", "data-asset", "control", "policy", "risk", "channel",
    "service-level", "tool", "integration", "contract", "report",
)  # fmt: skip


class RelationRule(Strict):
    type: Slug
    sources: list[str] = Field(alias="from", min_length=1)
    targets: list[str] = Field(alias="to", min_length=1)
    description: str = ""


def _rule(type_: str, sources: tuple[str, ...], targets: tuple[str, ...], description: str) -> RelationRule:
    return RelationRule.model_validate(
        {"type": type_, "from": list(sources), "to": list(targets), "description": description}
    )


BUILTIN_RULES: tuple[RelationRule, ...] = (
    _rule("operates", ("team", "role", "supplier"), ("practice", "service", "value-stream", "channel", "tool"),
          "runs day to day"),
    _rule("uses", ("team", "role", "practice", "value-stream", "service", "channel"), ("tool", "data-asset"),
          "works with"),
    _rule("provides", ("supplier",), ("tool", "service", "team", "contract", "channel"), "supplies"),
    _rule("delivered-at", ("service", "team", "channel", "practice"), _LOC, "delivered from"),
    _rule("located-at", ("team", "tool", "data-asset", "role", "supplier"), _LOC, "sits in"),
    _rule("supports", ("tool", "practice", "team", "integration", "data-asset"),
          ("practice", "service", "channel", "value-stream"), "enables"),
    _rule("depends-on", ("service", "tool", "practice", "integration"), ("service", "tool", "practice", "supplier"),
          "needs to work"),
    _rule("accountable-for", _ACCOUNTABLE, _OWNED, "RACI: A"),
    _rule("responsible-for", _ACCOUNTABLE, _OWNED, "RACI: R"),
    _rule("consulted-on", (*_ACCOUNTABLE, "stakeholder-group"), _OWNED, "RACI: C"),
    _rule("informed-of", (*_ACCOUNTABLE, "stakeholder-group", "customer-segment"), _OWNED, "RACI: I"),
    _rule("decides", ("forum", "role"), ("policy", "service", "practice", "tool", "risk", "contract", "control"),
          "holds the decision right"),
    _rule("governs", ("forum", "policy"), ("practice", "service", "tool", "data-asset", "supplier", "team", "contract"),
          "sets the rules for"),
    _rule("mitigates", ("control", "policy", "practice", "tool"), ("risk",), "reduces"),
    _rule("member-of", ("role", "team"), ("team", "forum"), "belongs to"),
    _rule("requires", ("role", "practice", "team"), ("skill",), "needs the skill"),
    _rule("reports-to", ("team", "role"), ("team", "role", "forum"), "line or reporting relationship"),
    _rule("escalates-to", ("team",), ("team", "supplier"), "hands over unresolved work"),
    _rule("serves", ("channel", "service", "team"), ("customer-segment", "stakeholder-group"), "serves"),
    _rule("covers", ("service-level", "contract"), ("service", "channel", "supplier", "team"), "sets targets for"),
    _rule("stores", ("tool",), ("data-asset",), "is the system of record for"),
    _rule("consumes", ("customer-segment", "stakeholder-group"), ("service", "channel"), "uses the service"),
    _rule("measures", ("report",), ("practice", "service", "channel", "team", "supplier"), "reports on"),
    _rule("influences", ("stakeholder-group",), ("forum", "practice", "service", "team"), "has a say in"),
)  # fmt: skip


def allowed_types(
    source_kind: str,
    target_kind: str,
    rules: tuple[RelationRule, ...] | list[RelationRule] = BUILTIN_RULES,
) -> list[str]:
    """Relation types allowed from one kind to another, in table order."""
    out: list[str] = []
    for rule in rules:
        if (
            (ANY in rule.sources or source_kind in rule.sources)
            and (ANY in rule.targets or target_kind in rule.targets)
            and rule.type not in out
        ):
            out.append(rule.type)
    return out


def known_types(rules: tuple[RelationRule, ...] | list[RelationRule] = BUILTIN_RULES) -> list[str]:
    return list(dict.fromkeys(rule.type for rule in rules))
