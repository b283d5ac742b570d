"""Apps: the plugin catalog as a user sees it, and the credentials users install (encrypted
at rest with the instance key, never answered in clear)."""
