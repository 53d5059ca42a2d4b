"""Incidents across articles: the reports of one real event, however many articles and sources tell it.

``features`` (what two reports share) -> ``model`` (the fitted join model) -> ``group`` (blocking, scoring,
join-or-open) -> ``table`` (the incident's fields and its rows in the store); ``revisions``
(replaced versions of an article), and ``corrections`` (an analyst's merges and splits).
"""
from .group import Grouper
from .revisions import article_identity, identity_of, previous_version, retire
from .table import INCIDENT_KEYS, incident_object, original_url, refresh, resolve, source_of

__all__ = ["Grouper", "INCIDENT_KEYS", "incident_object", "identity_of", "previous_version", "retire",
           "article_identity", "original_url", "source_of", "refresh", "resolve"]
