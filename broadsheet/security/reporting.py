"""Error reporting to Sentry when SENTRY_DSN is set (settings call `init_sentry`)."""

from __future__ import annotations

import os


def init_sentry(dsn: str) -> bool:
    """Start sentry-sdk with Django's integration. No personal data is sent (no cookies,
    user details or request bodies) and no performance tracing: errors only."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
    )
    return True
