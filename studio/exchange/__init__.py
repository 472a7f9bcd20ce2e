"""Exchange with outside translators and tools: PO (polib), XLIFF 2.x and 1.2, TMX, TBX and CSV, and bringing
translated files back. Everything read here is untrusted (see `untrusted_xml`)."""
