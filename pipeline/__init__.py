"""stagepipe: internship (stage) paperwork for Flemish higher education."""

__version__ = "0.1.0"
