"""`teeter watch`: spacing timers and the daily check-in reminder reach the person while
teeter is closed. No Textual here: a small process that sleeps, plans, claims and sends."""
