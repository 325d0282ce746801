"""The daily check-in: one screen per step, sequenced by `flow.walk`."""
