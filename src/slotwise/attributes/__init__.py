"""Organization member attributes: definitions with options, and which members hold which."""
