"""Quality checks: each compares a translation with its source, with the other locales and with the glossary."""
