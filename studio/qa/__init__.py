"""Quality checks: each compares a translation with its source, with the other locales and with the glossary.

- `findings`: the catalogue of checks (stable ids, severities) and the `Finding` a check reports;
- `numerals`, `facts`: numbers read per locale (1,000 / 1.000 / 1 000 / １２３ / 三), links, addresses, phones;
- `punctuation`: sentence endings, marks of the other script's width, brackets and quotes, spaces, French spacing;
- `readability`: sentence and word length per locale (limits in the workspace settings) and the summaries;
- `checks`: the checks of one translation and of the eight translations of a sentence with each other (pure);
- `runner`: where they run: the workspace job, one document (`DocumentChecker`, the live check), approval and
  release, and acknowledgements.

An error blocks approval (`workflow.cells`) and release (`sync.gates`); a warning can be acknowledged with a note.
"""
