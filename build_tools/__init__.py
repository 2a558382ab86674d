"""dossier: turn a folder of collected news sources into a cited, browsable website."""

__version__ = "0.1.0"
