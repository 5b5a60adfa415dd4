"""Placeholder: filled in by the places extractor work."""
