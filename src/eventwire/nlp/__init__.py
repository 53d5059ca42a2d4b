"""Stage nlp: loading the spaCy pipeline and truecasing all-caps text before parsing."""
