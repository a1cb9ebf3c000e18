"""Persistent buttons, selects and modal handlers: controllers that read services and reply."""
