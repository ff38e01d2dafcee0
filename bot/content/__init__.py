"""Curated content: YAML files under data/content/, validated and loaded into the store."""
