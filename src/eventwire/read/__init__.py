"""Stage 1, read: web pages (:mod:`.webpage`), WARC archives (:mod:`.warc`) and RSS/Atom feeds (:mod:`.feeds`)."""
