"""The demo newsroom: hand-written stories, generated volume, and the commands that load them."""
