"""Formatters: each reads Findings (and a few counts) and returns text; none computes anything itself."""
