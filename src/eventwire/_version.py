"""The package version (its own module, so that the store and the API need not import the package)."""
__version__ = "0.1.0"
