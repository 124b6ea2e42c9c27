from pathlib import Path

import pytest
from lxml import etree

from tomkit.formats.archimate import ArchimateError, from_archimate, to_archimate
from tomkit.model import Practice, Tom, check

SHARED_XSD = Path(__file__).resolve().parents[4] / "shared" / "data" / "archimate-xsd"
NS = {"a": "http://www.opengroup.org/xsd/archimate/3.0/", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


def _tom() -> Tom:
    return Tom.model_validate(
        {
            "name": "Desk TOM",
            "people": [{"id": "cio", "name": "Dana"}],
            "sponsor": "cio",
            "states": {
                "as-is": {
                    "label": "Today",
                    "elements": [
                        {"id": "desk", "kind": "team", "name": "Desk", "fte": 18, "tier": 1},
                        {"id": "remedy", "kind": "tool", "name": "Remedy", "lifecycle": "retire"},
                        {"id": "im", "kind": "practice", "name": "Incident management", "maturity": 2},
                    ],
                    "relations": [
                        {"from": "desk", "type": "uses", "to": "remedy"},
                        {"from": "desk", "type": "operates", "to": "im"},
                    ],
                },
                "to-be": {
                    "label": "Digital first",
                    "elements": [
                        {"id": "desk", "kind": "team", "name": "Desk", "fte": 14, "tier": 1},
                        {"id": "snow", "kind": "tool", "name": "ServiceNow", "lifecycle": "introduce"},
                        {"id": "im", "kind": "practice", "name": "Incident management", "maturity": 4,
                         "rules": [{"id": "p1-fast", "template": "response", "activities": ["New", "Resolved"],
                                    "within_hours": 8, "where": {"priority": ["1 - Critical", 2], "vip": True}},
                                   {"template": "init", "activities": ["New"], "where": {"channel": "phone"}}]},
                        {"id": "okr", "kind": "objective-board", "name": "OKR board", "dimension": "governance"},
                    ],
                    "relations": [{"from": "desk", "type": "uses", "to": "snow"}],
                },
            },
            "initiatives": [
                {"id": "platform", "name": "Single platform", "owner": "cio", "closes": ["snow", "remedy"],
                 "milestones": [{"id": "go-live", "name": "Go live", "due": "2027-06-30"}]},
                {"id": "shift-left", "name": "Shift left", "depends_on": ["platform"], "closes": ["desk"]},
            ],
        }
    )  # fmt: skip


def _schema() -> etree.XMLSchema:
    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
            if url.endswith("xml.xsd"):
                return self.resolve_filename(str(SHARED_XSD / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SHARED_XSD / "archimate3_Diagram.xsd"), parser))


needs_xsd = pytest.mark.skipif(not SHARED_XSD.is_dir(), reason="../shared/data/archimate-xsd is not present")


@needs_xsd
@pytest.mark.shared_data
def test_export_is_valid_against_the_official_schema() -> None:
    schema = _schema()
    assert schema.validate(etree.parse(str(SHARED_XSD / "minimal-example.xml")))
    doc = etree.fromstring(to_archimate(_tom()))
    assert schema.validate(doc), schema.error_log


def test_export_has_plateaus_gaps_work_packages_and_a_view_per_state() -> None:
    doc = etree.fromstring(to_archimate(_tom()))
    types = [e.get(f"{{{NS['xsi']}}}type") for e in doc.iterfind("a:elements/a:element", NS)]
    assert types.count("Plateau") == 2
    assert types.count("WorkPackage") == 2
    assert types.count("Deliverable") == 1
    gap_names = sorted(e.findtext("a:name", namespaces=NS) for e in doc.iterfind("a:elements/a:element", NS)
                       if e.get(f"{{{NS['xsi']}}}type") == "Gap")  # fmt: skip
    assert gap_names == [
        "Added: OKR board", "Added: ServiceNow", "Changed: Desk", "Changed: Incident management", "Removed: Remedy",
    ]  # fmt: skip
    views = doc.findall("a:views/a:diagrams/a:view", NS)
    assert [v.findtext("a:name", namespaces=NS) for v in views] == [
        "Today — operating model", "Digital first — operating model",
    ]  # fmt: skip
    # each view shows every element of its state and every relation between them
    assert len(views[0].findall("a:node[@elementRef]", NS)) == 3
    assert len(views[0].findall("a:connection", NS)) == 2


def test_round_trip_keeps_every_element_relation_and_initiative() -> None:
    tom = _tom()
    again = from_archimate(to_archimate(tom))
    assert again == tom
    practice = again.states["to-be"].element("im")
    assert isinstance(practice, Practice)
    wheres = [r.where for r in practice.rules]
    assert wheres == [{"priority": ["1 - Critical", 2], "vip": True}, {"channel": "phone"}]
    assert wheres[0] is not None
    assert type(wheres[0]["vip"]) is bool


@needs_xsd
@pytest.mark.shared_data
def test_a_model_from_another_tool_is_mapped_to_kinds() -> None:
    tom = from_archimate((SHARED_XSD / "minimal-example.xml").read_bytes())
    assert tom.name == "Service desk TOM (demo)"
    assert list(tom.states) == ["as-is", "to-be"]
    to_be = tom.states["to-be"]
    assert [(e.id, e.kind) for e in to_be.elements] == [
        ("incident-management", "practice"), ("itsm-tool", "tool"), ("service-desk-team", "team"),
    ]  # fmt: skip
    assert [e.id for e in tom.states["as-is"].elements] == ["itsm-tool", "service-desk-team"]
    assert [(r.source, r.type, r.target) for r in to_be.relations] == [
        ("service-desk-team", "assignment", "incident-management"), ("itsm-tool", "serving", "incident-management"),
    ]  # fmt: skip
    assert [p for p in check(tom) if p.severity == "error"] == []


def test_bad_input_gives_a_clear_error() -> None:
    with pytest.raises(ArchimateError, match=r"<archimate>:1: not well-formed XML"):
        from_archimate(b"<model")
    with pytest.raises(ArchimateError, match="not an ArchiMate <model>"):
        from_archimate(b"<svg/>")
