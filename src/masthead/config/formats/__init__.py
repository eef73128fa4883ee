"""How the back office writes dates and times (``FORMAT_MODULE_PATH``), one module a language."""
