"""Stage serve: the JSON API, its OpenAPI description, the web server and the static UI."""
