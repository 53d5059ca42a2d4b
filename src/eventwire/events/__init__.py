"""Stage events: the mention records of one article (triggers, factuality, arguments, dates, casualties, links) and
their merge into events. (Called ``extract`` in issue #14; named ``events`` so that it does not shadow the public
function ``eventwire.extract``.)"""
