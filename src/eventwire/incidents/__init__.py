"""Incidents across articles: the reports of one real event, however many articles and sources tell it.

``features`` (what two reports share) -> ``model`` (the fitted join model) -> ``group`` (blocking, scoring,
join-or-open) -> ``consolidate`` (the incident's fields) -> ``table`` (its rows in the store); ``revisions``
(replaced versions of an article), ``corrections`` (an analyst's merges and splits) and ``sources``
(identities, original URLs, publishers).
"""
from .consolidate import INCIDENT_KEYS, incident_object
from .group import Grouper
from .revisions import identity_of, previous_version, retire
from .sources import article_identity, original_url, source_of
from .table import refresh, resolve

__all__ = ["Grouper", "INCIDENT_KEYS", "incident_object", "identity_of", "previous_version", "retire",
           "article_identity", "original_url", "source_of", "refresh", "resolve"]
