"""Placeholder: filled in by the quotes extractor work."""
