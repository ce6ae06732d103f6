"""Scenario files (策略演练文件): load, run and explain them (format v1, shared/spec/scenario-format.md)."""

from .loader import Scenario, ScenarioError, load_scenario, parse_scenario
from .runner import FileResult, run_file, run_paths, run_scenario

__all__ = [
    "FileResult",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "parse_scenario",
    "run_file",
    "run_paths",
    "run_scenario",
]
