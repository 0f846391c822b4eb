"""A local emulator of the IONOS Enterprise Cloud API v5.

It serves the paths of the official OpenAPI spec under ``/cloudapi/v5`` and
behaves as ``shared/reference/cloudapi-v5-wire.md`` describes, so that the
collection, its demo and its tests run on a machine without a cloud account.
"""

__version__ = "0.1.0"
