"""The public front door's screens (public_app.py): no sign-in, no staff screen, no staff data.

These pages import only ``logic.public.submit`` (and the public's own helpers here, with the
two small helpers shared with the staff app: ``pages._client`` and ``pages._plain``); a test
holds them to it (tests/public/test_isolation.py).
"""
