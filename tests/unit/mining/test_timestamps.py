from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from tomkit.mining.errors import MiningError
from tomkit.mining.timestamps import ISO, detect_format, parse_timestamps

UTC = dt.UTC


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (["29/2/2016 01:16", "1/3/2016 11:05"], "%d/%m/%Y %H:%M"),
        (["2/29/2016 01:16:00", "3/1/2016 11:05:00"], "%m/%d/%Y %H:%M:%S"),
        (["2010-03-31T16:59:42+02:00", "2010-03-31T16:59:42.123Z"], ISO),
        (["12/Mar/24 3:04 PM"], "%d/%b/%y %I:%M %p"),
        (["31.12.2023 23:59"], "%d.%m.%Y %H:%M"),
        (["1459000000", "1459000100"], "epoch_s"),
        (["1459000000000"], "epoch_ms"),
    ],
)
def test_detects_common_formats(sample: list[str], expected: str) -> None:
    assert detect_format(sample).format == expected


def test_day_month_ambiguity_is_reported() -> None:
    guess = detect_format(["1/2/2016 01:16", "3/4/2016 11:05"])
    assert guess.format == "%d/%m/%Y %H:%M"
    assert guess.ambiguous
    assert guess.alternatives == ("%m/%d/%Y %H:%M",)


def test_unrecognised_values_give_no_format() -> None:
    assert detect_format(["soon", "later"]).format is None
    assert detect_format([]).format is None


def test_iso_mixes_offsets_and_zone_for_naive_values() -> None:
    values = pa.array(["2024-06-01T12:00:00+02:00", "2024-06-01 12:00:00", None])
    parsed, bad = parse_timestamps(values, ISO, "Europe/Lisbon")
    assert bad is None
    assert parsed.to_pylist() == [
        dt.datetime(2024, 6, 1, 10, tzinfo=UTC),
        dt.datetime(2024, 6, 1, 11, tzinfo=UTC),
        None,
    ]


def test_first_bad_value_is_located() -> None:
    _, bad = parse_timestamps(pa.array(["01/01/2024 10:00", "x", "02/01/2024 10:00"]), "%d/%m/%Y %H:%M")
    assert bad == 1


def test_unknown_zone_is_a_clear_error() -> None:
    with pytest.raises(MiningError, match="unknown time zone"):
        parse_timestamps(pa.array(["2024-01-01 10:00:00"]), ISO, "Mars/Olympus")
