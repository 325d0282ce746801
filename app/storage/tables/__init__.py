"""The tables (`models`) and the reads and writes screens and commands need, one module per
thing kept (stimuli, exposures, timers, ...) plus the composed reads a screen shows in one
call (`overview`, `suggestions`, `log_window`). Each returns plain domain values."""
