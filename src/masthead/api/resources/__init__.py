"""One module per resource: its serializers and its views, over services and querysets."""
