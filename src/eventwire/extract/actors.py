"""Placeholder: filled in by the actors extractor work."""
