"""A reference server of the portal's publishing API (resources/openapi/publishing-api.yaml).

It exists so that Studio's publishing client can be tried locally and tested end to end against a real HTTP
server that keeps the contract: conditional staging writes, all-or-nothing releases with idempotency keys, a change
feed, bearer tokens with scopes, and the live pages of each locale's site. It shares nothing with `studio/` but
the contract and the content-type files in `resources/`: neither package imports the other.

Run it with `python -m reference_portal serve`; make a token with `python -m reference_portal token`.
"""

from __future__ import annotations

API_VERSION = "1"
