"""Machine translation: engines online and offline, masking, routing and the pre-translation job."""
