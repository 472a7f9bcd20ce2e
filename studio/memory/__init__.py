"""Translation memory (an index of character n-grams, fuzzy scoring with rapidfuzz) and the glossary."""
