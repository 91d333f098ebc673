"""Render contract packs: context, compiled templates, packs, batches, template lint."""
