"""The gazetteer: name keys, the index, how it is built from the packaged sources, and its disk cache."""
