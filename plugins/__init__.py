"""Built-in rule plugins, installed as ``lintnews.plugins``.

Each subpackage is one concern and one entry point in the ``lintnews``
group, loaded exactly like a third-party plugin.
"""
