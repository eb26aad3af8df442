"""The field app itself: its page, web manifest and service worker."""
