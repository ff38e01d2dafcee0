"""Opioid support assistant: content store, safety detection, NLU components and CLI."""
