"""The Open Group ArchiMate Model Exchange File Format (3.1): export a TOM so it opens in Archi, and back.

States become plateaus that aggregate their elements, the differences between consecutive states
become Gap elements, initiatives become work packages that realise deliverables (their milestones)
and the plateau they aim at, and each state gets a diagram view laid out by dimension.

An element exists once per state it appears in (`<state>.<id>` identifiers), because its attributes
may differ between states. Everything ArchiMate has no slot for (kind, typed attributes, change
plans) travels in `tomkit:*` properties, so a tomkit export imports back to the same model; a model
drawn in another tool imports with its types mapped to the nearest tomkit kinds.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from tomkit.model import (
    BUILTIN_KINDS,
    Dimension,
    Element,
    Initiative,
    RelationRule,
    State,
    Tom,
    slugify,
)

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_A = f"{{{NS}}}"
_TYPE = f"{{{XSI}}}type"

ARCHIMATE_TYPE: dict[str, str] = {
    "supplier": "BusinessActor",
    "contract": "Contract",
    "stakeholder-group": "Stakeholder",
    "site": "Location",
    "hub": "Location",
    "region": "Location",
    "data-centre": "Facility",
    "practice": "BusinessFunction",
    "value-stream": "ValueStream",
    "service": "BusinessService",
    "customer-segment": "BusinessActor",
    "channel": "BusinessInterface",
    "service-level": "Contract",
    "team": "BusinessActor",
    "role": "BusinessRole",
    "skill": "Resource",
    "tool": "ApplicationComponent",
    "integration": "ApplicationInterface",
    "data-asset": "DataObject",
    "forum": "BusinessCollaboration",
    "policy": "Principle",
    "control": "Constraint",
    "risk": "Assessment",
    "report": "Representation",
}
"""tomkit kind -> ArchiMate element type."""

DIMENSION_TYPE: dict[Dimension, str] = {
    Dimension.SUPPLIERS: "Stakeholder",
    Dimension.LOCATIONS: "Location",
    Dimension.PROCESSES: "BusinessProcess",
    Dimension.DELIVERY: "BusinessService",
    Dimension.PEOPLE: "BusinessActor",
    Dimension.TECHNOLOGY: "ApplicationComponent",
    Dimension.DATA: "DataObject",
    Dimension.GOVERNANCE: "Constraint",
}
"""ArchiMate type for custom kinds, by their dimension."""

# An ArchiMate type read from a foreign model -> the tomkit kind it most likely is.
KIND_OF_TYPE: dict[str, str] = {
    "BusinessActor": "team",
    "BusinessRole": "role",
    "BusinessCollaboration": "forum",
    "BusinessInterface": "channel",
    "BusinessProcess": "practice",
    "BusinessFunction": "practice",
    "BusinessService": "service",
    "BusinessObject": "data-asset",
    "DataObject": "data-asset",
    "Contract": "contract",
    "Representation": "report",
    "ApplicationComponent": "tool",
    "ApplicationService": "tool",
    "ApplicationInterface": "integration",
    "SystemSoftware": "tool",
    "Node": "tool",
    "Device": "tool",
    "Location": "site",
    "Facility": "data-centre",
    "Stakeholder": "stakeholder-group",
    "Principle": "policy",
    "Constraint": "control",
    "Requirement": "policy",
    "Assessment": "risk",
    "Resource": "skill",
    "Capability": "practice",
    "ValueStream": "value-stream",
}

RELATIONSHIP_TYPE = "Association"
"""tomkit relations travel as associations: always valid between any two elements, typed by name."""

_NODE_W, _NODE_H, _GAP_X, _GAP_Y, _MARGIN, _HEADER = 180, 55, 24, 12, 24, 40


class ArchimateError(ValueError):
    """A file that is not a readable ArchiMate exchange model."""


@dataclass
class _Writer:
    """Builds the XML tree; property definitions are collected as they are used."""

    root: etree._Element
    elements: etree._Element
    relationships: etree._Element
    properties: dict[str, str] = field(default_factory=dict)

    def prop_ref(self, name: str) -> str:
        return self.properties.setdefault(name, f"pd-{slugify(name)}")

    def element(
        self, identifier: str, type_: str, name: str, doc: str = "", props: dict[str, str] | None = None
    ) -> None:
        el = etree.SubElement(self.elements, _A + "element", identifier=identifier)
        el.set(_TYPE, type_)
        _text(el, "name", name)
        if doc:
            _text(el, "documentation", doc)
        self._props(el, props or {})

    def relationship(
        self,
        identifier: str,
        type_: str,
        source: str,
        target: str,
        name: str = "",
        props: dict[str, str] | None = None,
    ) -> None:
        el = etree.SubElement(
            self.relationships, _A + "relationship", identifier=identifier, source=source, target=target
        )
        el.set(_TYPE, type_)
        if name:
            _text(el, "name", name)
        self._props(el, props or {})

    def _props(self, parent: etree._Element, props: dict[str, str]) -> None:
        if not props:
            return
        holder = etree.SubElement(parent, _A + "properties")
        for key, value in props.items():
            prop = etree.SubElement(holder, _A + "property", propertyDefinitionRef=self.prop_ref(key))
            _text(prop, "value", value)


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, _A + tag)
    el.set(XML_LANG, "en")
    el.text = text
    return el


def _xml_id(*parts: str) -> str:
    """Identifiers are xs:ID: they must not start with a digit, so every one gets a prefix."""
    return "id-" + "--".join(parts)


def _element_type(element: Element) -> str:
    return ARCHIMATE_TYPE.get(element.kind) or DIMENSION_TYPE[element.get_dimension()]


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# --- export -------------------------------------------------------------------------------------


def to_archimate(tom: Tom) -> bytes:
    """The TOM as an ArchiMate 3.1 exchange file (UTF-8 XML bytes)."""
    from tomkit.analysis.gaps import compare

    root = etree.Element(
        _A + "model", nsmap={None: NS, "xsi": XSI}, identifier=_xml_id("model", slugify(tom.name))
    )
    _text(root, "name", tom.name)
    if tom.description:
        _text(root, "documentation", tom.description)
    meta = tom.model_copy(update={"states": {}, "initiatives": []}).to_data()
    writer = _Writer(root, etree.Element(_A + "elements"), etree.Element(_A + "relationships"))
    writer._props(root, {"tomkit:document": _json(meta)})

    names = list(tom.states)
    for position, (state_name, state) in enumerate(tom.states.items()):
        plateau = _xml_id("plateau", state_name)
        writer.element(plateau, "Plateau", state.label or state_name, state.description, {
            "tomkit:state": state_name,
            "tomkit:order": str(position),
            "tomkit:state-data": _json(state.model_copy(update={"elements": [], "relations": []}).model_dump(
                mode="json", by_alias=True, exclude_defaults=True)),
        })  # fmt: skip
        for element in state.elements:
            identifier = _xml_id(state_name, element.id)
            writer.element(identifier, _element_type(element), element.name, element.description, {
                "tomkit:id": element.id,
                "tomkit:kind": element.kind,
                "tomkit:state": state_name,
                "tomkit:data": _json(element.attributes()),
            })  # fmt: skip
            writer.relationship(_xml_id("in", state_name, element.id), "Aggregation", plateau, identifier)
        for n, relation in enumerate(state.relations):
            writer.relationship(
                _xml_id("rel", state_name, str(n)),
                RELATIONSHIP_TYPE,
                _xml_id(state_name, relation.source),
                _xml_id(state_name, relation.target),
                relation.type,
                {"tomkit:type": relation.type, "tomkit:state": state_name,
                 "tomkit:data": _json(relation.model_dump(mode="json", by_alias=True, exclude_defaults=True))},
            )  # fmt: skip
        if position:
            writer.relationship(_xml_id("next", names[position - 1], state_name), "Triggering",
                                _xml_id("plateau", names[position - 1]), plateau)  # fmt: skip

    for before, after in itertools.pairwise(names):
        report = compare(tom.states[before], tom.states[after], from_name=before, to_name=after)
        for gap in report.elements:
            gap_id = _xml_id("gap", before, after, gap.element_id)
            detail = "; ".join(f"{d.name}: {d.before!r} -> {d.after!r}" for d in gap.deltas)
            writer.element(gap_id, "Gap", f"{gap.change.value.capitalize()}: {gap.name}", detail,
                           {"tomkit:gap": gap.change.value, "tomkit:element": gap.element_id})  # fmt: skip
            for state_name in (before, after):
                writer.relationship(_xml_id("gapof", before, after, gap.element_id, state_name), "Association",
                                    gap_id, _xml_id("plateau", state_name))  # fmt: skip

    for initiative in tom.initiatives:
        _export_initiative(writer, tom, initiative)

    root.append(writer.elements)
    root.append(writer.relationships)
    definitions = etree.SubElement(root, _A + "propertyDefinitions")
    for name, ref in writer.properties.items():
        definition = etree.SubElement(definitions, _A + "propertyDefinition", identifier=ref, type="string")
        _text(definition, "name", name)
    _views(root, tom)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _export_initiative(writer: _Writer, tom: Tom, initiative: Initiative) -> None:
    package = _xml_id("wp", initiative.id)
    writer.element(package, "WorkPackage", initiative.name, initiative.description,
                   {"tomkit:initiative": _json(initiative.model_dump(mode="json", by_alias=True, exclude_defaults=True))})  # fmt: skip
    target = initiative.target_state or tom.target_name
    for milestone in initiative.milestones:
        deliverable = _xml_id("deliverable", initiative.id, milestone.id)
        writer.element(deliverable, "Deliverable", milestone.name,
                       f"due {milestone.due}" if milestone.due else "", {"tomkit:milestone": milestone.id})  # fmt: skip
        writer.relationship(
            _xml_id("delivers", initiative.id, milestone.id), "Realization", package, deliverable
        )
    if target in tom.states:
        writer.relationship(
            _xml_id("aims", initiative.id), "Realization", package, _xml_id("plateau", target)
        )
    for dependency in initiative.depends_on:
        if tom.initiative(dependency) is not None:
            writer.relationship(
                _xml_id("dep", dependency, initiative.id), "Triggering", _xml_id("wp", dependency), package
            )


def _views(root: etree._Element, tom: Tom) -> None:
    """One diagram per state: a column per dimension, elements stacked in it, relations drawn."""
    views = etree.SubElement(root, _A + "views")
    diagrams = etree.SubElement(views, _A + "diagrams")
    for state_name, state in tom.states.items():
        view = etree.SubElement(diagrams, _A + "view", identifier=_xml_id("view", state_name))
        view.set(_TYPE, "Diagram")
        _text(view, "name", f"{state.label or state_name} — operating model")
        placed: set[str] = set()
        for column, dimension in enumerate(Dimension):
            x = _MARGIN + column * (_NODE_W + _GAP_X)
            label = etree.SubElement(view, _A + "node", identifier=_xml_id("label", state_name, dimension.value),
                                     x=str(x), y=str(_MARGIN), w=str(_NODE_W), h=str(_HEADER - 8))  # fmt: skip
            label.set(_TYPE, "Label")
            _text(label, "label", dimension.label)
            for row, element in enumerate(state.in_dimension(dimension)):
                node = etree.SubElement(
                    view, _A + "node", identifier=_xml_id("node", state_name, element.id),
                    elementRef=_xml_id(state_name, element.id), x=str(x),
                    y=str(_MARGIN + _HEADER + row * (_NODE_H + _GAP_Y)), w=str(_NODE_W), h=str(_NODE_H),
                )  # fmt: skip
                node.set(_TYPE, "Element")
                placed.add(element.id)
        for n, relation in enumerate(state.relations):
            if relation.source in placed and relation.target in placed:
                connection = etree.SubElement(
                    view, _A + "connection", identifier=_xml_id("conn", state_name, str(n)),
                    relationshipRef=_xml_id("rel", state_name, str(n)),
                    source=_xml_id("node", state_name, relation.source),
                    target=_xml_id("node", state_name, relation.target),
                )  # fmt: skip
                connection.set(_TYPE, "Relationship")


# --- import -------------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


def from_archimate(data: bytes, *, source: str = "<archimate>") -> Tom:
    """Read an exchange file: a tomkit export comes back as it was; another tool's model is mapped."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or "?"
        raise ArchimateError(f"{source}:{line}: not well-formed XML: {exc.msg}") from None
    if root.tag != _A + "model":
        raise ArchimateError(f"{source}: the root element is {root.tag!r}, not an ArchiMate <model>")
    definitions = {
        d.get("identifier", ""): _first_text(d, "name")
        for d in root.iterfind(f"{_A}propertyDefinitions/{_A}propertyDefinition")
    }
    elements = {e.get("identifier", ""): e for e in root.iterfind(f"{_A}elements/{_A}element")}
    relationships = list(root.iterfind(f"{_A}relationships/{_A}relationship"))
    document = _props(root, definitions).get("tomkit:document")
    if document is not None:
        return _from_tomkit(json.loads(document), elements, relationships, definitions)
    return _from_foreign(root, elements, relationships, definitions)


def _first_text(el: etree._Element, tag: str) -> str:
    found = el.find(_A + tag)
    return (found.text or "") if found is not None else ""


def _props(el: etree._Element, definitions: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in el.iterfind(f"{_A}properties/{_A}property"):
        name = definitions.get(prop.get("propertyDefinitionRef", ""), "")
        out[name] = _first_text(prop, "value")
    return out


def _from_tomkit(
    document: dict[str, Any],
    elements: dict[str, etree._Element],
    relationships: Iterable[etree._Element],
    definitions: dict[str, str],
) -> Tom:
    states: dict[str, tuple[int, dict[str, Any]]] = {}
    members: dict[str, list[dict[str, Any]]] = {}
    initiatives: list[dict[str, Any]] = []
    for el in elements.values():
        props = _props(el, definitions)
        if el.get(_TYPE) == "Plateau" and "tomkit:state" in props:
            state = json.loads(props.get("tomkit:state-data", "{}"))
            states[props["tomkit:state"]] = (int(props.get("tomkit:order", "0")), state)
        elif "tomkit:kind" in props:
            members.setdefault(props["tomkit:state"], []).append(json.loads(props["tomkit:data"]))
        elif "tomkit:initiative" in props:
            initiatives.append(json.loads(props["tomkit:initiative"]))
    relations: dict[str, list[dict[str, Any]]] = {}
    for rel in relationships:
        props = _props(rel, definitions)
        if "tomkit:type" in props:
            relations.setdefault(props["tomkit:state"], []).append(json.loads(props["tomkit:data"]))
    ordered = sorted(states.items(), key=lambda item: item[1][0])
    document["states"] = {
        name: {**state, "elements": members.get(name, []), "relations": relations.get(name, [])}
        for name, (_, state) in ordered
    }
    document["initiatives"] = initiatives
    return Tom.model_validate(document)


def _from_foreign(
    root: etree._Element,
    elements: dict[str, etree._Element],
    relationships: list[etree._Element],
    definitions: dict[str, str],
) -> Tom:
    """A model from another tool: plateaus become states (or one 'as-is'), types map to kinds."""
    plateaus = [i for i, e in elements.items() if e.get(_TYPE) == "Plateau"]
    ids: dict[str, str] = {}
    used: set[str] = set()
    for identifier, el in elements.items():
        base = slugify(_first_text(el, "name") or identifier)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        ids[identifier] = slug
    aggregated: dict[str, set[str]] = {p: set() for p in plateaus}
    for rel in relationships:
        if rel.get("source") in aggregated and rel.get(_TYPE) in ("Aggregation", "Composition"):
            aggregated[rel.get("source", "")].add(rel.get("target", ""))
    # Elements no plateau aggregates belong to every state: they are the parts that do not change.
    assigned = set().union(*aggregated.values()) if aggregated else set()
    common = {i for i in elements if i not in assigned}
    state_members = (
        {ids[p]: aggregated[p] | common for p in plateaus} if plateaus else {"as-is": set(elements)}
    )
    kinds_known = set(BUILTIN_KINDS)
    states: dict[str, Any] = {}
    rules: dict[str, RelationRule] = {}
    skip = {"Plateau", "Gap", "WorkPackage", "Deliverable", "ImplementationEvent", "Grouping", "Junction"}
    for state_name, member_ids in state_members.items():
        state_elements = []
        for identifier in sorted(member_ids, key=lambda i: ids[i]):
            el = elements.get(identifier)
            if el is None or el.get(_TYPE) in skip:
                continue
            type_ = el.get(_TYPE, "")
            kind = KIND_OF_TYPE.get(type_)
            item: dict[str, Any] = {"id": ids[identifier], "name": _first_text(el, "name") or ids[identifier]}
            doc = _first_text(el, "documentation")
            if doc:
                item["description"] = doc
            props = {k: v for k, v in _props(el, definitions).items() if k}
            if kind in kinds_known:
                item["kind"] = kind
            else:
                item.update(kind=slugify(type_), dimension=Dimension.TECHNOLOGY.value)
            item["properties"] = {"archimate:type": type_, **props}
            state_elements.append(item)
        present = {e["id"] for e in state_elements}
        state_relations = []
        for rel in relationships:
            source, target = ids.get(rel.get("source", "")), ids.get(rel.get("target", ""))
            if source in present and target in present and source is not None and target is not None:
                type_ = slugify(_first_text(rel, "name") or rel.get(_TYPE, "association"))
                state_relations.append({"from": source, "type": type_, "to": target})
                # A foreign model's relationship types are allowed between any kinds.
                rules.setdefault(
                    type_, RelationRule.model_validate({"type": type_, "from": ["*"], "to": ["*"]})
                )
        states[state_name] = State.model_validate(
            {"label": state_name, "elements": state_elements, "relations": state_relations}
        )
    name = _first_text(root, "name") or "Imported ArchiMate model"
    return Tom.model_validate(
        {
            "name": name,
            "description": _first_text(root, "documentation"),
            "states": {
                k: v.model_dump(mode="json", by_alias=True, exclude_defaults=True) for k, v in states.items()
            },
            "relation_rules": [r.model_dump(by_alias=True) for r in rules.values()],
        }
    )
