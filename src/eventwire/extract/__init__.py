"""Stage extract: the mention records of one article (triggers, factuality, arguments, dates, casualties, links) and their merge into events."""
