import datetime as dt

from markdown_it import MarkdownIt

from tests.unit.render.test_narrative import _tom
from tomkit.render.markdown import to_markdown
from tomkit.render.narrative import pin_section, story

TODAY = dt.date(2026, 11, 26)


def test_markdown_has_the_story_tables_and_audience_pages() -> None:
    text = to_markdown(_tom(), today=TODAY)
    tokens = MarkdownIt().enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:7] == [
        "Digital-first service", "Why we are changing", "Where we are going", "What changes", "The journey",
        "Risks and how we handle them", "Next steps",
    ]  # fmt: skip
    for heading in ("KPIs", "Initiatives", "Gaps", "What changes for Service Desk", "What changes for Desk agent"):
        assert heading in headings
    assert sum(1 for t in tokens if t.type == "table_open") == 3
    assert "| First contact resolution | 61% | 75% | 2027-12-31 |" in text


def test_pinned_sections_show_the_pinned_text_and_a_stale_warning() -> None:
    tom = _tom()
    tom = pin_section(tom, story(tom, today=TODAY), "risks", "We accept vendor lock-in for now.")
    tom.states["to-be"].elements[-1].name = "Lock-in"
    text = to_markdown(tom, today=TODAY, audience_pages=False)
    assert "We accept vendor lock-in for now." in text
    assert "has changed since this wording was pinned" in text
