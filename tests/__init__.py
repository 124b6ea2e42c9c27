"""Shared test helpers (`tests.strategies`); a regular package so it wins over any installed `tests`."""
