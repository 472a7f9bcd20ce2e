"""The engines Studio calls over HTTP, one module each exporting its catalogue entry `SPEC`.

They call each API directly rather than through deep-translator, which sets no timeouts, sends one request per
text and puts keys in URLs (README, "Machine translation engines"). What they share is in `base` and
`studio.mt.http`.
"""
