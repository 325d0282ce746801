"""The journal file itself: opening it safely, its schema versions, its write-ahead log,
copies, forgetting, and the standard-library readers and writers that must stay fast
(`teeter status`, the first look, `teeter log`)."""
