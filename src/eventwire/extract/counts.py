"""Placeholder: filled in by the counts extractor work."""
