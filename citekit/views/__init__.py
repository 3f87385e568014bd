"""What people look at: terminal tables and highlighted passages, and the source view of `show`."""
