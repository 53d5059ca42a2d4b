"""Curated knowledge: the one reader of ``eventwire/data/*.tsv``, the event lexicon, and the shared word lists."""
