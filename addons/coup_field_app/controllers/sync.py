"""Sync endpoints of the field app (prepare, sync): see the module readme."""
