"""The discovery app's stored lists and indexes; import them from here."""

from masthead.discovery.models.related import *  # noqa: F403 (each module lists its __all__)
from masthead.discovery.models.search import *  # noqa: F403
