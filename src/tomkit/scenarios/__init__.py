"""Scenario modelling: channels, staffing and service levels before committing to the to-be.

Pure functions of a TOM: `run` staffs a scenario or state (Erlang C/A per hour for live channels, a
backlog model for deferred work) and can simulate the multi-tier flow; `compare` sets runs side by
side; `write_back` returns a TOM whose to-be is the chosen scenario.
"""

from tomkit.scenarios.build import model_input
from tomkit.scenarios.calibration import (
    Calibration,
    ChannelCalibration,
    calibrate,
    calibration_from_data,
    hour_of_week_counts,
)
from tomkit.scenarios.compare import (
    BridgeStep,
    Comparison,
    Row,
    ScenarioRun,
    compare,
    cost_bridge,
    run,
    run_names,
)
from tomkit.scenarios.erlang import (
    QueueMetrics,
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
    square_root_staffing,
    staff_erlang_a,
    staff_erlang_c,
    staff_erlang_c_many,
)
from tomkit.scenarios.inputs import Assumptions, ChannelInput, ModelInput, Provenance, TeamInput
from tomkit.scenarios.overrides import ScenarioError, apply_overrides, scenario_state, write_back
from tomkit.scenarios.simulation import Estimate, Segment, SimulationOptions, SimulationResult, simulate
from tomkit.scenarios.staffing import ChannelStaffing, Staffing, TeamStaffing, staff

__all__ = [
    "Assumptions", "BridgeStep", "Calibration", "ChannelCalibration", "ChannelInput", "ChannelStaffing", "Comparison",
    "Estimate", "ModelInput", "Provenance", "QueueMetrics", "Row", "ScenarioError", "ScenarioRun", "Segment",
    "SimulationOptions", "SimulationResult", "Staffing", "TeamInput", "TeamStaffing", "apply_overrides",
    "calibrate", "calibration_from_data", "compare", "cost_bridge", "erlang_a_metrics", "erlang_b", "erlang_c", "erlang_c_metrics", "hour_of_week_counts",
    "model_input", "run", "run_names", "scenario_state", "simulate", "square_root_staffing", "staff",
    "staff_erlang_a", "staff_erlang_c", "staff_erlang_c_many", "write_back",
]  # fmt: skip
