"""Verantwoording: visitor counts after activities and the report for the funders (PDF and CSV)."""
