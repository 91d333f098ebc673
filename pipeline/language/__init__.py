"""LanguageTool as a local component: the server's lifecycle (server), the client that turns its matches into
Findings (client), and the category mapping kept as data (categories, data/)."""

from pipeline.language.client import (
    DEFAULT_LANGUAGE,
    ENV_URL,
    LanguageChecker,
    Paragraph,
    configured_url,
    open_checker,
)
from pipeline.language.errors import (
    LanguageToolError,
    LanguageToolNotInstalled,
    LanguageToolRequestError,
    LanguageToolUnavailable,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_URL",
    "LanguageChecker",
    "LanguageToolError",
    "LanguageToolNotInstalled",
    "LanguageToolRequestError",
    "LanguageToolUnavailable",
    "Paragraph",
    "configured_url",
    "open_checker",
]
