"""External converters: LibreOffice headless for DOCX → PDF."""
