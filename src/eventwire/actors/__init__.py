"""Stage actors: the actor knowledge base, people, and the resolution of a noun phrase to an :class:`~eventwire.models.Actor`."""
