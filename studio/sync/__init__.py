"""Publishing: releases composed from approved translations, the outbox of writes, the portal as a target, and the
change feed pulled back (DESIGN.md §7, docs/architecture.md "Publishing").

- `canonical`: the portal's canonical JSON and content hashes, byte for byte.
- `payload`: a document's core and locale variants as the portal takes them, built from approved cells only.
- `gates`: what may be published, per document and locale, and how it differs from what the portal has.
- `releases`: composing a release (with its outbox) in one transaction, rollbacks, history, conflicts.
- `config`, `http`, `target`: the portal's address and token, the careful HTTP layer, the target protocol.
- `push` and `pull`: the jobs that send the outbox and read the change feed.
"""
