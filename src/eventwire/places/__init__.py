"""Stage places: toponyms, the geocoder, its rules and fallback, and the gazetteer (index and builder)."""
