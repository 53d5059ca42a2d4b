"""Incidents across articles: the home for joining the events of several articles into one incident (empty for now)."""
