"""The REST API at ``/api/v1/``: thin resource modules over the apps' services and querysets."""
