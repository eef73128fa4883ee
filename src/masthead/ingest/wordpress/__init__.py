"""WordPress eXtended RSS (WXR) import: a pure streaming parser, content conversion, a mapper."""
