"""The Textual UI: the App, one module per screen, reusable widgets, one stylesheet."""
