"""Placeholder: filled in by the times extractor work."""
