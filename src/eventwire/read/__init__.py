"""Stage read: files, folders and stdin in, :class:`~eventwire.models.Document` out; the HTML extractor; cleaning into an :class:`~eventwire.models.Article`. (Later: feeds and WARC.)"""
