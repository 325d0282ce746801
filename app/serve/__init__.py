"""`teeter serve`: the app in a browser, behind a secret token.

Only `token` and `sessions` are plain Python; `web` needs the optional `serve` extra
(textual-serve, which brings aiohttp) and `qr` needs segno."""
