"""Placeholder: filled in by the events extractor work."""
