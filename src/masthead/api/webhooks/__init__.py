"""Webhooks: tell other systems, over signed HTTP POSTs, when stories and comments change.

An administrator registers a ``Webhook`` (a URL and the events it wants) in the back
office. When an event happens, ``receivers`` queue one ``Delivery`` per interested webhook
after the change commits; ``masthead webhooks deliver`` (cron, or ``--watch``) sends the
due ones through ``sender``, signed as ``signing`` describes, and retries failures on the
schedule of ``policy.DeliveryPolicy``. The request that published the story never waits
for a receiver. docs/api.md, section *Webhooks*, is the user's guide.
"""
