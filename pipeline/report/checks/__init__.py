"""Report checks, one module per group; importing this package registers them all (see base.CHECKS)."""
