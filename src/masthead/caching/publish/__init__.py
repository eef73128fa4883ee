"""Static publishing: the public site written as files for nginx (``masthead publish-static``).

``candidates`` says which addresses to render, ``render`` renders them as the app
answers them, ``files`` decides where their bytes go and writes them atomically,
``manifest`` remembers what the folder holds, and ``publisher`` runs it all, writing only
what changed. docs/deploy.md ("Publishing the site as files") has the nginx side.
"""
