"""Report checking: readers turn DOCX, PDF and text into one Document; checks turn a Document into Findings."""
