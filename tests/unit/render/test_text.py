from tomkit.render.text import ELLIPSIS, fit, text_width, wrap


def test_width_follows_helvetica_metrics() -> None:
    # "ab" is 556 + 556 thousandths of an em.
    assert text_width("ab", 10) == 11.12
    assert text_width("ab", 10, bold=True) > 11.12
    assert text_width("W", 10) > text_width("i", 10)


def test_fit_keeps_short_text_and_cuts_long_text_with_an_ellipsis() -> None:
    assert fit("Email", 100, 12) == "Email"
    cut = fit("Service request management and fulfilment", 100, 12)
    assert cut.endswith(ELLIPSIS)
    assert text_width(cut, 12) <= 100
    assert "Service request".startswith(cut[:-1].split()[0])


def test_fit_in_no_room_gives_nothing_or_an_ellipsis() -> None:
    assert fit("Email", 3, 12) == ""
    assert fit("Email", 13, 12) == ELLIPSIS


def test_wrap_breaks_on_words_and_cuts_the_last_line() -> None:
    lines = wrap("Log and triage the incident with the caller on the line", 120, 12, lines=2)
    assert len(lines) == 2
    assert lines[0] == "Log and triage the"
    assert lines[1].endswith(ELLIPSIS)
    assert all(text_width(line, 12) <= 120 for line in lines)
    assert wrap("Detect", 120, 12, lines=2) == ["Detect"]
