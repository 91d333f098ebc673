"""A coordinator's project: `stagepipe init`, `new case` and the fields a program needs of a case."""
