"""Machine translation: engines against loopback servers, the HTTP layer, the pool."""
