"""teeter's version, in a module of its own: storage writes it into exports without
importing the package root (which can reach the UI)."""

__version__ = "0.1.0"
